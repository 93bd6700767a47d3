//! The public JSON-RPC server: the upstream server's methods, with geth's admission errors.
//!
//! `pallet-revive-eth-rpc` builds its RPC module privately, so its `eth_sendRawTransaction`
//! cannot be wrapped in process. Instead the upstream server listens on a loopback port only
//! this process knows (the backend), and this front server listens where the operator asked
//! (`--rpc-port`, `--rpc-external`, `--rpc-cors`, rate limits, batch limits: the same flags,
//! applied by the same `sc-service` server code). Over one WebSocket connection to the
//! backend, the front:
//! - forwards every method the backend lists in `rpc_methods`, params and errors unchanged;
//! - forwards `eth_subscribe` subscriptions, notification by notification;
//! - completes `eth_feeHistory`: upstream repeats the newest block's base fee as the next
//!   block's, which is wrong once the fee multiplier moves; the front puts the real one there
//!   (the following block's `baseFeePerGas`, or `eth_gasPrice` when the range ends at the best
//!   block), so wallets that price from `eth_feeHistory` see a rise one block sooner;
//! - answers `eth_sendRawTransaction` itself when [`crate::admission::check`] finds a rule the
//!   transaction breaks (reading the chain id, the base fee, the sender's nonce and balance from
//!   the backend), and otherwise forwards it, so the pool's own verdict comes back unchanged.
//!
//! The front binds exactly the port it was given: a port in use is an error that names it,
//! where the upstream server would silently move to a random port.

use crate::admission::{self, ChainFacts, TxFacts, GETH_ERROR_CODE};
use jsonrpsee::{
	core::{
		client::ClientT, client::SubscriptionClientT, params::ArrayParams, traits::ToRpcParams,
	},
	rpc_params,
	types::{ErrorObjectOwned, Params},
	ws_client::{WsClient, WsClientBuilder},
	PendingSubscriptionSink, RpcModule, SubscriptionMessage,
};
use serde_json::value::RawValue;
use sp_core::{H160, U256};
use std::{sync::Arc, time::Duration};

const LOG_TARGET: &str = "tapchain-eth-rpc";

/// Methods the front answers itself rather than forwarding (`rpc_methods` is added by the
/// server for its own module).
const NOT_FORWARDED: [&str; 5] =
	["rpc_methods", "eth_sendRawTransaction", "eth_feeHistory", "eth_subscribe", "eth_unsubscribe"];

/// Params passed through as the JSON the caller sent.
struct Raw(Option<Box<RawValue>>);

impl ToRpcParams for Raw {
	fn to_rpc_params(self) -> Result<Option<Box<RawValue>>, serde_json::Error> {
		Ok(self.0)
	}
}

fn raw(params: &Params<'_>) -> Result<Raw, ErrorObjectOwned> {
	match params.as_str() {
		None => Ok(Raw(None)),
		Some(s) => RawValue::from_string(s.to_owned())
			.map(|v| Raw(Some(v)))
			.map_err(|e| ErrorObjectOwned::owned(-32700, format!("parse error: {e}"), None::<()>)),
	}
}

/// The backend's error as it gave it, or an internal error if the backend is not reachable.
fn backend_error(e: jsonrpsee::core::ClientError) -> ErrorObjectOwned {
	match e {
		jsonrpsee::core::ClientError::Call(err) => err,
		other => ErrorObjectOwned::owned(
			-32603,
			format!("the upstream Ethereum RPC did not answer: {other}"),
			None::<()>,
		),
	}
}

/// Connects to the backend, retrying while it starts (it first connects to the node and opens
/// its receipt database), for up to `wait`.
pub async fn connect(url: &str, max_payload_mb: u32, wait: Duration) -> anyhow::Result<WsClient> {
	let start = std::time::Instant::now();
	let mut last_report = start;
	loop {
		let attempt = WsClientBuilder::default()
			.max_request_size(max_payload_mb.saturating_mul(1024 * 1024))
			.max_response_size(max_payload_mb.saturating_mul(1024 * 1024))
			// Every front connection's calls share this one connection.
			.max_concurrent_requests(1 << 16)
			.max_buffer_capacity_per_subscription(1 << 12)
			.request_timeout(Duration::from_secs(600))
			.build(url)
			.await;
		match attempt {
			Ok(client) => return Ok(client),
			Err(e) if start.elapsed() >= wait => {
				anyhow::bail!("the upstream Ethereum RPC at {url} did not start ({e})")
			},
			Err(_) => {
				if last_report.elapsed() >= Duration::from_secs(5) {
					log::info!(target: LOG_TARGET, "waiting for the upstream Ethereum RPC ({} s)...", start.elapsed().as_secs());
					last_report = std::time::Instant::now();
				}
				tokio::time::sleep(Duration::from_millis(200)).await;
			},
		}
	}
}

struct Front {
	backend: WsClient,
	chain_id: U256,
}

fn hex_u256(s: &str) -> Result<U256, ErrorObjectOwned> {
	U256::from_str_radix(s.trim_start_matches("0x"), 16).map_err(|e| {
		ErrorObjectOwned::owned(-32603, format!("upstream returned `{s}`: {e}"), None::<()>)
	})
}

impl Front {
	async fn quantity(&self, method: &str, params: ArrayParams) -> Result<U256, ErrorObjectOwned> {
		let s: String = self.backend.request(method, params).await.map_err(backend_error)?;
		hex_u256(&s)
	}

	/// The chain's side of admission, at the best block, read concurrently.
	async fn chain_facts(&self, from: H160) -> Result<ChainFacts, ErrorObjectOwned> {
		let (base_fee, nonce, balance) = futures::try_join!(
			self.quantity("eth_gasPrice", rpc_params![]),
			self.quantity("eth_getTransactionCount", rpc_params![from, "latest"]),
			self.quantity("eth_getBalance", rpc_params![from, "latest"]),
		)?;
		Ok(ChainFacts { chain_id: self.chain_id, base_fee, nonce, balance })
	}

	async fn send_raw_transaction(
		&self,
		params: Params<'static>,
	) -> Result<Box<RawValue>, ErrorObjectOwned> {
		let forward = raw(&params)?;
		// Only a transaction that decodes is checked here; anything else (bad hex, bad RLP, a
		// bad signature) gets the upstream server's answer.
		let facts: Option<TxFacts> = params
			.one::<String>()
			.ok()
			.and_then(|h| decode_hex(&h))
			.and_then(|bytes| admission::decode(&bytes));
		if let Some(tx) = facts {
			let chain = self.chain_facts(tx.from).await?;
			if let Err(refusal) = admission::check(&tx, &chain) {
				log::debug!(target: LOG_TARGET, "eth_sendRawTransaction from {:?} refused: {refusal}", tx.from);
				return Err(ErrorObjectOwned::owned(
					GETH_ERROR_CODE,
					refusal.to_string(),
					None::<()>,
				));
			}
		}
		self.backend
			.request("eth_sendRawTransaction", forward)
			.await
			.map_err(backend_error)
	}
}

impl Front {
	async fn fee_history(
		&self,
		params: Params<'static>,
	) -> Result<serde_json::Value, ErrorObjectOwned> {
		let forward = raw(&params)?;
		let mut history: serde_json::Value =
			self.backend.request("eth_feeHistory", forward).await.map_err(backend_error)?;
		let (Some(oldest), Some(blocks)) = (
			history.get("oldestBlock").and_then(|v| v.as_str()).map(hex_u256).transpose()?,
			history.get("gasUsedRatio").and_then(|v| v.as_array()).map(|a| a.len()),
		) else {
			return Ok(history);
		};
		if blocks == 0 {
			return Ok(history);
		}
		let next = oldest.saturating_add(U256::from(blocks));
		let best = self.quantity("eth_blockNumber", rpc_params![]).await?;
		let next_base_fee = if next > best {
			self.quantity("eth_gasPrice", rpc_params![]).await?
		} else {
			let block: serde_json::Value = self
				.backend
				.request("eth_getBlockByNumber", rpc_params![format!("{next:#x}"), false])
				.await
				.map_err(backend_error)?;
			match block.get("baseFeePerGas").and_then(|v| v.as_str()) {
				Some(fee) => hex_u256(fee)?,
				None => return Ok(history),
			}
		};
		set_next_base_fee(&mut history, next_base_fee);
		Ok(history)
	}
}

/// Puts `fee` as the last `baseFeePerGas` entry of an `eth_feeHistory` result (the next block's).
fn set_next_base_fee(history: &mut serde_json::Value, fee: U256) {
	if let Some(last) = history
		.get_mut("baseFeePerGas")
		.and_then(|v| v.as_array_mut())
		.and_then(|a| a.last_mut())
	{
		*last = serde_json::Value::String(format!("{fee:#x}"));
	}
}

/// `0x`-prefixed, even-length hex to bytes.
pub(crate) fn decode_hex(s: &str) -> Option<Vec<u8>> {
	let s = s.strip_prefix("0x")?;
	if s.len() % 2 != 0 {
		return None;
	}
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
		.collect()
}

async fn forward_subscription(
	front: Arc<Front>,
	params: Params<'static>,
	pending: PendingSubscriptionSink,
) {
	let forward = match raw(&params) {
		Ok(f) => f,
		Err(e) => return pending.reject(e).await,
	};
	let mut upstream = match front
		.backend
		.subscribe::<Box<RawValue>, _>("eth_subscribe", forward, "eth_unsubscribe")
		.await
	{
		Ok(s) => s,
		Err(e) => return pending.reject(backend_error(e)).await,
	};
	let Ok(sink) = pending.accept().await else { return };
	loop {
		tokio::select! {
			_ = sink.closed() => break,
			item = upstream.next() => match item {
				Some(Ok(value)) => {
					let Ok(msg) = SubscriptionMessage::from_json(&value) else { break };
					if sink.send(msg).await.is_err() {
						break;
					}
				},
				// The backend ended it (or went away): end it for the caller too.
				_ => break,
			},
		}
	}
	// Dropping `upstream` unsubscribes from the backend.
}

/// The front's RPC module: forwards of what the backend lists, plus the checked
/// `eth_sendRawTransaction` and the forwarded subscription.
pub async fn module(backend: WsClient) -> anyhow::Result<RpcModule<()>> {
	#[derive(serde::Deserialize)]
	struct Methods {
		methods: Vec<String>,
	}
	let listed: Methods = backend
		.request("rpc_methods", rpc_params![])
		.await
		.map_err(|e| anyhow::anyhow!("the upstream Ethereum RPC did not list its methods: {e}"))?;
	let chain_id: String = backend
		.request("eth_chainId", rpc_params![])
		.await
		.map_err(|e| anyhow::anyhow!("the upstream Ethereum RPC did not give its chain id: {e}"))?;
	let chain_id = hex_u256(&chain_id).map_err(|e| anyhow::anyhow!("{}", e.message()))?;

	let mut module = RpcModule::new(Front { backend, chain_id });
	for name in listed.methods {
		if NOT_FORWARDED.contains(&name.as_str()) {
			continue;
		}
		// Registered once at start-up; the server needs `'static` names.
		let name: &'static str = Box::leak(name.into_boxed_str());
		module.register_async_method(name, move |params, front, _| async move {
			let forward = raw(&params)?;
			front
				.backend
				.request::<Box<RawValue>, _>(name, forward)
				.await
				.map_err(backend_error)
		})?;
	}
	module.register_async_method("eth_sendRawTransaction", |params, front, _| async move {
		front.send_raw_transaction(params).await
	})?;
	module.register_async_method("eth_feeHistory", |params, front, _| async move {
		front.fee_history(params).await
	})?;
	module.register_subscription(
		"eth_subscribe",
		"eth_subscription",
		"eth_unsubscribe",
		|params, pending, front, _| async move { forward_subscription(front, params, pending).await },
	)?;
	Ok(module.remove_context())
}

#[cfg(test)]
mod tests {
	use super::{decode_hex, set_next_base_fee};
	use sp_core::U256;

	#[test]
	fn fee_history_gets_the_next_blocks_base_fee_last() {
		let mut h = serde_json::json!({
			"oldestBlock": "0x4",
			"baseFeePerGas": ["0x3b9aca00", "0x3b9aca00", "0x3b9aca00"],
			"gasUsedRatio": [0.9, 0.9],
		});
		set_next_base_fee(&mut h, U256::from(1_132_812_500u64));
		assert_eq!(
			h["baseFeePerGas"],
			serde_json::json!(["0x3b9aca00", "0x3b9aca00", "0x438558d4"])
		);
		// A result without base fees is left alone.
		let mut empty =
			serde_json::json!({ "oldestBlock": "0x0", "baseFeePerGas": [], "gasUsedRatio": [] });
		set_next_base_fee(&mut empty, U256::one());
		assert_eq!(empty["baseFeePerGas"], serde_json::json!([]));
	}

	#[test]
	fn hex_decodes_only_0x_prefixed_even_length_hex() {
		assert_eq!(decode_hex("0x"), Some(vec![]));
		assert_eq!(decode_hex("0x02ff"), Some(vec![0x02, 0xff]));
		assert_eq!(decode_hex("02ff"), None);
		assert_eq!(decode_hex("0x2ff"), None);
		assert_eq!(decode_hex("0xzz"), None);
		assert_eq!(decode_hex("0xé1"), None);
	}
}
