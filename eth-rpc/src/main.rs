//! `tapchain-eth-rpc`: the Ethereum JSON-RPC server of Tapchain.
//!
//! This is `pallet-revive-eth-rpc` built by this workspace, so that its Substrate client and
//! the node come from the same polkadot-sdk release and the same `Cargo.lock`. It connects to a
//! node's WebSocket RPC (`--node-rpc-url`, default `ws://127.0.0.1:9944`) and serves
//! `eth_*`/`net_*`/`web3_*` on `http://127.0.0.1:8545`.
//!
//! One thing is added in front of the upstream server: it checks that the node is reachable
//! before starting. Upstream retries a refused connection forever and silently; here a node
//! that is not up after `TAPCHAIN_NODE_WAIT_SECS` (default 60) seconds is an error that names
//! the URL, with a progress line every 5 seconds while waiting (a node that is still starting
//! is the common case under `scripts/dev.sh`).

use std::{
	net::{TcpStream, ToSocketAddrs},
	time::{Duration, Instant},
};

fn main() -> anyhow::Result<()> {
	let cmd = pallet_revive_eth_rpc::cli::CliCommand::parse_cli()?;
	let wait = std::env::var("TAPCHAIN_NODE_WAIT_SECS")
		.ok()
		.map(|s| {
			s.parse::<u64>().map_err(|_| {
				anyhow::anyhow!(
					"TAPCHAIN_NODE_WAIT_SECS must be a whole number of seconds, got `{s}`"
				)
			})
		})
		.transpose()?
		.unwrap_or(60);
	wait_for_node(&cmd.node_rpc_url, Duration::from_secs(wait))?;
	pallet_revive_eth_rpc::cli::run(cmd)
}

/// `host:port` of a `ws://`/`wss://`/`http(s)://` URL, with the scheme's default port.
fn host_port(url: &str) -> anyhow::Result<(String, u16)> {
	let (rest, default_port) = if let Some(r) = url.strip_prefix("ws://") {
		(r, 80)
	} else if let Some(r) = url.strip_prefix("wss://") {
		(r, 443)
	} else if let Some(r) = url.strip_prefix("http://") {
		(r, 80)
	} else if let Some(r) = url.strip_prefix("https://") {
		(r, 443)
	} else {
		anyhow::bail!("--node-rpc-url `{url}` must start with ws://, wss://, http:// or https://");
	};
	let authority = rest.split('/').next().unwrap_or_default();
	let authority = authority.rsplit('@').next().unwrap_or_default();
	if authority.is_empty() {
		anyhow::bail!("--node-rpc-url `{url}` has no host");
	}
	// `[::1]:9944`, `host:9944` or `host`.
	let (host, port) = match authority.rsplit_once(':') {
		Some((h, p)) if !p.contains(']') => {
			let port = p
				.parse()
				.map_err(|_| anyhow::anyhow!("--node-rpc-url `{url}`: bad port `{p}`"))?;
			(h, port)
		},
		_ => (authority, default_port),
	};
	Ok((host.trim_start_matches('[').trim_end_matches(']').to_string(), port))
}

fn wait_for_node(url: &str, wait: Duration) -> anyhow::Result<()> {
	let (host, port) = host_port(url)?;
	let start = Instant::now();
	let mut last_report = start;
	loop {
		let err = match (host.as_str(), port).to_socket_addrs() {
			Ok(addrs) => {
				let addrs: Vec<_> = addrs.collect();
				if addrs
					.iter()
					.any(|a| TcpStream::connect_timeout(a, Duration::from_secs(2)).is_ok())
				{
					return Ok(());
				}
				"connection refused or timed out".to_string()
			},
			Err(e) => format!("cannot resolve `{host}`: {e}"),
		};
		if start.elapsed() >= wait {
			anyhow::bail!(
				"the node at {url} is not reachable ({err}) after {} s; start tapchain-node \
				 or pass --node-rpc-url (TAPCHAIN_NODE_WAIT_SECS sets how long to wait)",
				wait.as_secs()
			);
		}
		if last_report.elapsed() >= Duration::from_secs(5) {
			eprintln!("waiting for the node at {url} ({} s)...", start.elapsed().as_secs());
			last_report = Instant::now();
		}
		std::thread::sleep(Duration::from_millis(250));
	}
}

#[cfg(test)]
mod tests {
	use super::host_port;

	#[test]
	fn node_urls_parse_to_host_and_port() {
		assert_eq!(host_port("ws://127.0.0.1:9944").unwrap(), ("127.0.0.1".into(), 9944));
		assert_eq!(host_port("ws://localhost").unwrap(), ("localhost".into(), 80));
		assert_eq!(
			host_port("wss://rpc.example.org/path").unwrap(),
			("rpc.example.org".into(), 443)
		);
		assert_eq!(host_port("ws://[::1]:9944").unwrap(), ("::1".into(), 9944));
		assert_eq!(host_port("http://user:pw@node:9933/").unwrap(), ("node".into(), 9933));
		assert!(host_port("127.0.0.1:9944").unwrap_err().to_string().contains("must start with"));
		assert!(host_port("ws://host:nine").unwrap_err().to_string().contains("bad port"));
		assert!(host_port("ws:///x").unwrap_err().to_string().contains("no host"));
	}
}
