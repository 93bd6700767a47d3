//! Tapchain over subxt: the light client's runtime API and its two calls.

use anyhow::{anyhow, bail, Context, Result};
use subxt::{
	dynamic::{self, Value},
	ext::scale_decode::DecodeAsType,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;
use tapchain_primitives::btc::BtcNetwork;

/// A connection to a Tapchain node.
pub struct Chain {
	api: OnlineClient<PolkadotConfig>,
	rpc: subxt::rpcs::LegacyRpcMethods<subxt::config::RpcConfigFor<PolkadotConfig>>,
	url: String,
}

/// How long [`Chain::submit`] waits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Wait {
	/// Until the transaction is in a best block (and succeeded there).
	BestBlock,
	/// Until its block is finalized.
	Finalized,
}

/// Where a proven transaction is, as the runtime API answers.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct TxInclusion {
	pub height: u32,
	pub block_hash: [u8; 32],
	pub index: u32,
	pub txid: [u8; 32],
	pub confirmations: u32,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
enum NetworkDecoded {
	Mainnet,
	Testnet3,
	Testnet4,
	Signet,
	Regtest,
}

const API: &str = "BtcLightClientApi";

impl Chain {
	pub async fn connect(url: &str) -> Result<Self> {
		let unreachable = |e: &dyn std::fmt::Display| {
			anyhow!("cannot connect to the Tapchain node at {url} ({e}); is tapchain-node running with --rpc-port?")
		};
		let client =
			subxt::rpcs::RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(&e))?;
		let api = OnlineClient::<PolkadotConfig>::from_rpc_client(client.clone())
			.await
			.map_err(|e| unreachable(&e))?;
		let rpc = subxt::rpcs::LegacyRpcMethods::new(client);
		Ok(Self { api, rpc, url: url.to_string() })
	}

	async fn call<R: DecodeAsType + 'static>(
		&self,
		method: &str,
		args: impl subxt::ext::frame_decode::runtime_apis::IntoEncodableValues,
	) -> Result<R> {
		let at = self.api.at_current_block().await.context("cannot read the node's best block")?;
		let payload = dynamic::runtime_api_call::<_, R>(API, method, args);
		at.runtime_apis().call(payload).await.map_err(|e| {
			anyhow!("runtime API {API}_{method} failed on {} ({e}); does this node run a Tapchain runtime with the light client?", self.url)
		})
	}

	/// The runtime's `MaxHeadersPerBatch`.
	pub async fn max_batch(&self) -> Result<u32> {
		let at = self.api.at_current_block().await?;
		let addr = dynamic::constant::<u32>("BtcLightClient", "MaxHeadersPerBatch");
		at.constants()
			.entry(addr)
			.map_err(|e| anyhow!("cannot read BtcLightClient::MaxHeadersPerBatch ({e}); is this a Tapchain node?"))
	}

	/// The light client's network, if initialized.
	pub async fn network(&self) -> Result<Option<BtcNetwork>> {
		let n: Option<NetworkDecoded> = self.call("network", ()).await?;
		Ok(n.map(|n| match n {
			NetworkDecoded::Mainnet => BtcNetwork::Mainnet,
			NetworkDecoded::Testnet3 => BtcNetwork::Testnet3,
			NetworkDecoded::Testnet4 => BtcNetwork::Testnet4,
			NetworkDecoded::Signet => BtcNetwork::Signet,
			NetworkDecoded::Regtest => BtcNetwork::Regtest,
		}))
	}

	/// Height and internal-order hash of the light client's best block.
	pub async fn best_block(&self) -> Result<Option<(u32, [u8; 32])>> {
		self.call("best_block", ()).await
	}

	/// The best-chain header at `height`, if stored.
	pub async fn header_at(&self, height: u32) -> Result<Option<[u8; 80]>> {
		self.call("header_at", (height,)).await
	}

	/// Checks a proof through the runtime.
	pub async fn verify_tx_inclusion(
		&self,
		raw_tx: Vec<u8>,
		proof: Vec<u8>,
		min_confirmations: u32,
	) -> Result<std::result::Result<TxInclusion, String>> {
		// The error is `SpvError`; its variant name is all a relayer operator needs.
		let answer: std::result::Result<TxInclusion, Value> =
			self.call("verify_tx_inclusion", (raw_tx, proof, min_confirmations)).await?;
		Ok(answer.map_err(|e| match e.value {
			subxt::ext::scale_value::ValueDef::Variant(v) => v.name,
			other => format!("{other:?}"),
		}))
	}

	/// Submits a transaction and waits as `wait` says; fails with the runtime's error if it
	/// failed. The nonce comes from the node's pool-aware `system_accountNextIndex`, so
	/// transactions can follow each other without waiting for finality.
	async fn submit<P: subxt::transactions::Payload>(
		&self,
		payload: &P,
		signer: &Keypair,
		wait: Wait,
	) -> Result<()> {
		let account = signer.public_key().to_account_id();
		let nonce = self
			.rpc
			.system_account_next_index(&account)
			.await
			.map_err(|e| anyhow!("cannot read the signer's nonce: {e}"))?;
		let params = subxt::config::polkadot::PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new()
			.nonce(nonce)
			.build();
		let at = self.api.at_current_block().await?;
		let mut txs = at.transactions();
		let mut progress = txs
			.sign_and_submit_then_watch(payload, signer, params)
			.await
			.map_err(|e| anyhow!("the node refused the transaction: {e}"))?;
		while let Some(status) = progress.next().await {
			use subxt::transactions::TransactionStatus as S;
			match status.map_err(|e| anyhow!("lost track of the transaction: {e}"))? {
				S::InBestBlock(b) if wait == Wait::BestBlock => {
					b.wait_for_success().await.map_err(|e| anyhow!("{e}"))?;
					return Ok(());
				},
				// subxt reads state (the light client) at the finalized block, so whoever reads
				// next waits for finality; on a dev chain GRANDPA follows within a block or two.
				S::InFinalizedBlock(b) => {
					b.wait_for_success().await.map_err(|e| anyhow!("{e}"))?;
					return Ok(());
				},
				S::Error { message } | S::Invalid { message } | S::Dropped { message } =>
					bail!("transaction not included: {message}"),
				_ => {},
			}
		}
		bail!("transaction status stream ended before inclusion")
	}

	/// `BtcLightClient.submit_headers(headers)`.
	pub async fn submit_headers(
		&self,
		headers: &[[u8; 80]],
		signer: &Keypair,
		wait: Wait,
	) -> Result<()> {
		let list = Value::unnamed_composite(headers.iter().map(|h| Value::from_bytes(h)));
		let payload = dynamic::tx("BtcLightClient", "submit_headers", vec![list]);
		self.submit(&payload, signer, wait).await
	}

	/// `Sudo.sudo(BtcLightClient.initialize(network, header, height))`: dev and local chains only,
	/// where the signer is the sudo key.
	pub async fn initialize(
		&self,
		network: BtcNetwork,
		header: [u8; 80],
		height: u32,
		signer: &Keypair,
	) -> Result<()> {
		let net = match network {
			BtcNetwork::Mainnet => "Mainnet",
			BtcNetwork::Testnet3 => "Testnet3",
			BtcNetwork::Testnet4 => "Testnet4",
			BtcNetwork::Signet => "Signet",
			BtcNetwork::Regtest => "Regtest",
		};
		let call = Value::unnamed_variant(
			"BtcLightClient",
			[Value::named_variant(
				"initialize",
				[
					("network", Value::unnamed_variant(net, [])),
					("header", Value::from_bytes(header)),
					("height", Value::u128(u128::from(height))),
				],
			)],
		);
		let payload = dynamic::tx("Sudo", "sudo", vec![call]);
		self.submit(&payload, signer, Wait::Finalized).await.context(
			"initializing the light client needs root: on a dev chain the signer must be the sudo key (//Alice)",
		)
	}
}
