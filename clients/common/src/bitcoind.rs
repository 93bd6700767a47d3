//! A small Bitcoin Core JSON-RPC client: plain HTTP/1.1 with basic auth (user/password or the
//! `.cookie` file), which is all bitcoind speaks, plus the hash helpers every daemon needs.

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::{TcpStream, ToSocketAddrs},
	time::Duration,
};

/// Where bitcoind is and how to log in.
#[derive(Clone, Debug)]
pub struct Bitcoind {
	host: String,
	port: u16,
	path: String,
	auth: Option<String>,
	display: String,
}

/// The part of `getblockchaininfo` the relayer uses.
#[derive(Clone, Debug)]
pub struct ChainInfo {
	pub chain: String,
	pub blocks: u32,
}

impl Bitcoind {
	/// `url` is `http://host:port[/path]`. Credentials come from `user`/`password`, or from a
	/// cookie file (`__cookie__:<secret>`), or none.
	pub fn new(
		url: &str,
		user: Option<&str>,
		password: Option<&str>,
		cookie: Option<&std::path::Path>,
	) -> Result<Self> {
		let rest = url
			.strip_prefix("http://")
			.ok_or_else(|| anyhow!("--bitcoind-url must start with http:// (got {url})"))?;
		let (hostport, path) = match rest.find('/') {
			Some(i) => (&rest[..i], rest[i..].to_string()),
			None => (rest, "/".to_string()),
		};
		let (host, port) = match hostport.rsplit_once(':') {
			Some((h, p)) => {
				(h.to_string(), p.parse().with_context(|| format!("bad port in {url}"))?)
			},
			None => (hostport.to_string(), 8332),
		};
		let auth = match (user, password, cookie) {
			(_, _, Some(path)) => {
				let secret = std::fs::read_to_string(path).with_context(|| {
					format!("cannot read bitcoind cookie file {}", path.display())
				})?;
				Some(secret.trim().to_string())
			},
			(Some(u), Some(p), None) => Some(format!("{u}:{p}")),
			(Some(_), None, None) | (None, Some(_), None) => {
				bail!("give both --bitcoind-user and --bitcoind-password, or --bitcoind-cookie")
			},
			(None, None, None) => None,
		};
		let auth = auth.map(|a| base64::engine::general_purpose::STANDARD.encode(a));
		Ok(Self { display: format!("{host}:{port}"), host, port, path, auth })
	}

	/// One JSON-RPC call.
	pub fn call(&self, method: &str, params: Value) -> Result<Value> {
		let body = json!({ "jsonrpc": "1.0", "id": "tapchain-relayer", "method": method, "params": params });
		let v = self.post(method, &body)?;
		Self::result(method, &v)
	}

	/// Many calls of one method in one HTTP request (a JSON-RPC batch, which bitcoind answers in
	/// order of the ids).
	pub fn call_batch(&self, method: &str, params: Vec<Value>) -> Result<Vec<Value>> {
		if params.is_empty() {
			return Ok(Vec::new());
		}
		let body: Vec<Value> = params
			.into_iter()
			.enumerate()
			.map(|(i, p)| json!({ "jsonrpc": "1.0", "id": i, "method": method, "params": p }))
			.collect();
		let n = body.len();
		let v = self.post(method, &Value::Array(body))?;
		let mut replies = v
			.as_array()
			.cloned()
			.ok_or_else(|| anyhow!("bitcoind answered a {method} batch with a non-array"))?;
		replies.sort_by_key(|r| r.get("id").and_then(Value::as_u64).unwrap_or(u64::MAX));
		if replies.len() != n {
			bail!("bitcoind answered {} of {n} {method} calls", replies.len());
		}
		replies.iter().map(|r| Self::result(method, r)).collect()
	}

	fn result(method: &str, v: &Value) -> Result<Value> {
		if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
			bail!(
				"bitcoind {method} failed: {} (code {})",
				err.get("message").and_then(Value::as_str).unwrap_or("?"),
				err.get("code").and_then(Value::as_i64).unwrap_or(0)
			);
		}
		Ok(v.get("result").cloned().unwrap_or(Value::Null))
	}

	fn post(&self, method: &str, body: &Value) -> Result<Value> {
		let body = body.to_string();
		let addr = (self.host.as_str(), self.port)
			.to_socket_addrs()
			.with_context(|| format!("cannot resolve bitcoind host {}", self.display))?
			.next()
			.ok_or_else(|| anyhow!("cannot resolve bitcoind host {}", self.display))?;
		let mut stream =
			TcpStream::connect_timeout(&addr, Duration::from_secs(10)).map_err(|e| {
				anyhow!(
					"bitcoind at {} refused the connection ({e}); is it running, with -server and \
				 -rpcport={}?",
					self.display,
					self.port
				)
			})?;
		stream.set_read_timeout(Some(Duration::from_secs(120)))?;
		let mut req = format!(
			"POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
			self.path,
			self.display,
			body.len()
		);
		if let Some(a) = &self.auth {
			req.push_str(&format!("Authorization: Basic {a}\r\n"));
		}
		req.push_str("\r\n");
		stream.write_all(req.as_bytes())?;
		stream.write_all(body.as_bytes())?;

		let mut reader = BufReader::new(stream);
		let mut status = String::new();
		reader.read_line(&mut status).context("bitcoind closed the connection")?;
		let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
		let mut content_length = None;
		let mut chunked = false;
		loop {
			let mut line = String::new();
			reader.read_line(&mut line)?;
			let line = line.trim_end();
			if line.is_empty() {
				break;
			}
			let lower = line.to_ascii_lowercase();
			if let Some(v) = lower.strip_prefix("content-length:") {
				content_length = v.trim().parse::<usize>().ok();
			}
			if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
				chunked = true;
			}
		}
		if code == 401 {
			bail!(
				"bitcoind at {} rejected the credentials (HTTP 401); check --bitcoind-user/\
				 --bitcoind-password or --bitcoind-cookie",
				self.display
			);
		}
		let mut raw = Vec::new();
		if chunked {
			loop {
				let mut size = String::new();
				reader.read_line(&mut size)?;
				let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
				if n == 0 {
					break;
				}
				let mut chunk = vec![0u8; n + 2];
				reader.read_exact(&mut chunk)?;
				raw.extend_from_slice(&chunk[..n]);
			}
		} else if let Some(n) = content_length {
			raw.resize(n, 0);
			reader.read_exact(&mut raw)?;
		} else {
			reader.read_to_end(&mut raw)?;
		}
		serde_json::from_slice(&raw).with_context(|| {
			format!("bitcoind at {} answered {method} with HTTP {code} and no JSON", self.display)
		})
	}

	pub fn chain_info(&self) -> Result<ChainInfo> {
		let v = self.call("getblockchaininfo", json!([]))?;
		Ok(ChainInfo {
			chain: v["chain"]
				.as_str()
				.ok_or_else(|| anyhow!("getblockchaininfo: no chain"))?
				.into(),
			blocks: v["blocks"].as_u64().ok_or_else(|| anyhow!("getblockchaininfo: no blocks"))?
				as u32,
		})
	}

	/// Display-order hex hash of the block at `height` on bitcoind's best chain.
	pub fn block_hash(&self, height: u32) -> Result<String> {
		let v = self.call("getblockhash", json!([height]))?;
		v.as_str()
			.map(str::to_string)
			.ok_or_else(|| anyhow!("getblockhash {height}: not a string"))
	}

	/// The raw 80-byte header of `hash` (`getblockheader <hash> false`).
	pub fn header(&self, hash: &str) -> Result<[u8; 80]> {
		let v = self.call("getblockheader", json!([hash, false]))?;
		let bytes = hex::decode(v.as_str().unwrap_or_default())
			.with_context(|| format!("getblockheader {hash}: bad hex"))?;
		bytes.try_into().map_err(|_| anyhow!("getblockheader {hash}: not 80 bytes"))
	}

	/// Raw headers of heights `from..=to` on bitcoind's best chain, in two batched requests.
	pub fn headers(&self, from: u32, to: u32) -> Result<Vec<[u8; 80]>> {
		let hashes = self.call_batch("getblockhash", (from..=to).map(|h| json!([h])).collect())?;
		let raws = self.call_batch(
			"getblockheader",
			hashes.into_iter().map(|h| json!([h, false])).collect(),
		)?;
		raws.into_iter()
			.zip(from..=to)
			.map(|(v, h)| {
				let bytes = hex::decode(v.as_str().unwrap_or_default())
					.with_context(|| format!("getblockheader at {h}: bad hex"))?;
				bytes.try_into().map_err(|_| anyhow!("getblockheader at {h}: not 80 bytes"))
			})
			.collect()
	}

	/// Raw transaction bytes (`getrawtransaction <txid> false [blockhash]`).
	pub fn raw_transaction(&self, txid: &str, block: Option<&str>) -> Result<Vec<u8>> {
		let params = match block {
			Some(b) => json!([txid, false, b]),
			None => json!([txid, false]),
		};
		let v = self.call("getrawtransaction", params)?;
		hex::decode(v.as_str().unwrap_or_default()).context("getrawtransaction: bad hex")
	}

	/// `gettxoutproof [txid] [blockhash]`: a serialized CMerkleBlock.
	pub fn txout_proof(&self, txid: &str, block: Option<&str>) -> Result<Vec<u8>> {
		let params = match block {
			Some(b) => json!([[txid], b]),
			None => json!([[txid]]),
		};
		let v = self.call("gettxoutproof", params)?;
		hex::decode(v.as_str().unwrap_or_default()).context("gettxoutproof: bad hex")
	}
}

impl Bitcoind {
	/// The serialized block `hash` (`getblock <hash> 0`).
	pub fn block(&self, hash: &str) -> Result<Vec<u8>> {
		let v = self.call("getblock", json!([hash, 0]))?;
		hex::decode(v.as_str().unwrap_or_default())
			.with_context(|| format!("getblock {hash}: bad hex"))
	}

	/// `sendrawtransaction <hex>`: the txid (display order) bitcoind accepted, or its refusal
	/// with Bitcoin Core's error code (e.g. -27 `RPC_VERIFY_ALREADY_IN_CHAIN`, -26
	/// `RPC_VERIFY_REJECTED`, -25 `RPC_VERIFY_ERROR` for missing or spent inputs).
	pub fn send_raw_transaction(&self, raw: &[u8]) -> Result<Result<String, RpcRefusal>> {
		let body = json!({ "jsonrpc": "1.0", "id": "tapchain-relayer", "method": "sendrawtransaction", "params": [hex::encode(raw)] });
		let v = self.post("sendrawtransaction", &body)?;
		if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
			return Ok(Err(RpcRefusal {
				code: err.get("code").and_then(Value::as_i64).unwrap_or(0),
				message: err.get("message").and_then(Value::as_str).unwrap_or("?").to_string(),
			}));
		}
		Ok(Ok(v.get("result").and_then(Value::as_str).unwrap_or_default().to_string()))
	}
}

/// An error bitcoind answered a call with: its code and message, as Bitcoin Core sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcRefusal {
	/// Bitcoin Core's `RPCErrorCode`.
	pub code: i64,
	/// Its message.
	pub message: String,
}

impl RpcRefusal {
	/// `RPC_VERIFY_ALREADY_IN_CHAIN`: the transaction is already in a block.
	pub const ALREADY_IN_CHAIN: i64 = -27;
}

impl std::fmt::Display for RpcRefusal {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{} (code {})", self.message, self.code)
	}
}

/// Display (RPC) hex of an internal-order hash.
pub fn display_hex(internal: &[u8; 32]) -> String {
	let mut b = *internal;
	b.reverse();
	hex::encode(b)
}

/// Internal-order bytes of a display (RPC) hex hash.
pub fn internal_bytes(display: &str) -> Result<[u8; 32]> {
	let mut b: [u8; 32] = hex::decode(display)
		.context("hash is not hex")?
		.try_into()
		.map_err(|_| anyhow!("hash is not 32 bytes"))?;
	b.reverse();
	Ok(b)
}

/// Double SHA-256 of a raw 80-byte header: its block hash, internal order.
pub fn header_hash(header: &[u8; 80]) -> [u8; 32] {
	use sha2::{Digest, Sha256};
	Sha256::digest(Sha256::digest(header)).into()
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Bitcoin's genesis header and its well-known hash.
	#[test]
	fn the_genesis_header_hashes_to_its_display_hash() {
		let genesis: [u8; 80] = hex::decode(
			"0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c",
		)
		.unwrap()
		.try_into()
		.unwrap();
		let display = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
		assert_eq!(display_hex(&header_hash(&genesis)), display);
		assert_eq!(internal_bytes(display).unwrap(), header_hash(&genesis));
	}

	#[test]
	fn urls_and_credentials_are_checked() {
		assert!(Bitcoind::new("https://x:1", None, None, None).is_err());
		assert!(Bitcoind::new("http://127.0.0.1:18443", Some("u"), None, None).is_err());
		let b =
			Bitcoind::new("http://127.0.0.1:18443/wallet/w", Some("u"), Some("p"), None).unwrap();
		assert_eq!((b.port, b.path.as_str()), (18443, "/wallet/w"));
		assert_eq!(b.auth.as_deref(), Some("dTpw"));
	}
}
