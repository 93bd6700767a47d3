//! `tapchain-eth-rpc`: the Ethereum JSON-RPC server of Tapchain.
//!
//! This is `pallet-revive-eth-rpc` built by this workspace, so that its Substrate client and
//! the node come from the same polkadot-sdk release and the same `Cargo.lock`. It connects to a
//! node's WebSocket RPC (`--node-rpc-url`, default `ws://127.0.0.1:9944`) and serves
//! `eth_*`/`net_*`/`web3_*` on `http://127.0.0.1:8545` (HTTP and WebSocket on one port).
//!
//! Two things are added in front of the upstream server:
//! - it checks that the node is reachable before starting. Upstream retries a refused
//!   connection forever and silently; here a node that is not up after
//!   `TAPCHAIN_NODE_WAIT_SECS` (default 60) seconds is an error that names the URL, with a
//!   progress line every 5 seconds while waiting (a node that is still starting is the common
//!   case under `scripts/dev.sh`);
//! - a raw transaction the pool would refuse gets geth's error for the rule it breaks (wrong
//!   chain id, fee cap under the base fee, stale nonce, cost over the balance) instead of
//!   upstream's "Invalid Transaction" for all of them: see [`admission`] for the rules and
//!   [`front`] for how the upstream server is put behind this one.

mod admission;
mod front;

use std::{
	net::{TcpStream, ToSocketAddrs},
	time::{Duration, Instant},
};

fn main() -> anyhow::Result<()> {
	let mut cmd = pallet_revive_eth_rpc::cli::CliCommand::parse_cli()?;
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

	// The operator's RPC flags go to the front server; the upstream server gets a loopback
	// port of its own.
	let front_config = front_rpc_config(&cmd)?;
	let backend_port = free_loopback_port()?;
	cmd.rpc_params.experimental_rpc_endpoint = vec![backend_endpoint(&cmd, backend_port)];
	let backend_url = format!("ws://127.0.0.1:{backend_port}");
	let max_payload_mb = front_config.max_request_size.max(front_config.max_response_size);

	// The front runs on its own runtime beside the upstream server, which owns the main thread
	// (its logger, its signal handling and its exit).
	std::thread::Builder::new().name("eth-rpc-front".into()).spawn(move || {
		if let Err(e) = run_front(front_config, backend_url, max_payload_mb) {
			eprintln!("Error: {e:#}");
			std::process::exit(1);
		}
	})?;
	pallet_revive_eth_rpc::cli::run(cmd)
}

/// The front server's configuration: exactly what upstream would have used, except that the
/// port is never silently replaced by a random one.
fn front_rpc_config(
	cmd: &pallet_revive_eth_rpc::cli::CliCommand,
) -> anyhow::Result<sc_service::config::RpcConfiguration> {
	let is_dev = cmd.shared_params.dev;
	let p = &cmd.rpc_params;
	let addr = p.rpc_addr(is_dev, false, DEFAULT_RPC_PORT)?.map(|endpoints| {
		endpoints
			.into_iter()
			.map(|e| {
				let mut e: sc_service::config::RpcEndpoint = e.into();
				e.retry_random_port = false;
				e
			})
			.collect()
	});
	Ok(sc_service::config::RpcConfiguration {
		addr,
		methods: p.rpc_methods.into(),
		max_connections: p.rpc_max_connections,
		cors: p.rpc_cors(is_dev)?,
		max_request_size: p.rpc_max_request_size,
		max_response_size: p.rpc_max_response_size,
		id_provider: None,
		max_subs_per_conn: p.rpc_max_subscriptions_per_connection,
		port: p.rpc_port.unwrap_or(DEFAULT_RPC_PORT),
		message_buffer_capacity: p.rpc_message_buffer_capacity_per_connection,
		batch_config: p.rpc_batch_config()?,
		rate_limit: p.rpc_rate_limit,
		rate_limit_whitelisted_ips: p.rpc_rate_limit_whitelisted_ips.clone(),
		rate_limit_trust_proxy_headers: p.rpc_rate_limit_trust_proxy_headers,
		request_logger_limit: if is_dev { 1024 * 1024 } else { 1024 },
	})
}

/// Upstream's default, which the front keeps.
const DEFAULT_RPC_PORT: u16 = 8545;

/// The upstream server's endpoint: loopback, unlimited batches and subscriptions (the front
/// applies the operator's limits; all its traffic shares one connection here).
fn backend_endpoint(
	cmd: &pallet_revive_eth_rpc::cli::CliCommand,
	port: u16,
) -> sc_cli::RpcEndpoint {
	let p = &cmd.rpc_params;
	sc_cli::RpcEndpoint {
		listen_addr: (std::net::Ipv4Addr::LOCALHOST, port).into(),
		batch_config: sc_service::config::RpcBatchRequestConfig::Unlimited,
		max_connections: 16,
		max_payload_in_mb: p.rpc_max_request_size,
		max_payload_out_mb: p.rpc_max_response_size,
		max_subscriptions_per_connection: 1 << 20,
		max_buffer_capacity_per_connection: p
			.rpc_message_buffer_capacity_per_connection
			.max(1 << 12),
		rate_limit: None,
		rate_limit_trust_proxy_headers: false,
		rate_limit_whitelisted_ips: Vec::new(),
		cors: None,
		rpc_methods: sc_cli::RpcMethods::Unsafe,
		is_optional: false,
		retry_random_port: false,
	}
}

/// A loopback port nothing listens on now (the kernel's pick).
fn free_loopback_port() -> anyhow::Result<u16> {
	let l = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))?;
	Ok(l.local_addr()?.port())
}

fn run_front(
	config: sc_service::config::RpcConfiguration,
	backend_url: String,
	max_payload_mb: u32,
) -> anyhow::Result<()> {
	let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
	let backend =
		runtime.block_on(front::connect(&backend_url, max_payload_mb, Duration::from_secs(600)))?;
	let module = runtime.block_on(front::module(backend))?;
	let rpc_runtime = sc_service::create_rpc_runtime(config.max_connections)
		.map_err(|e| anyhow::anyhow!("cannot create the RPC runtime: {e}"))?;
	let port = config.port;
	let _server =
		sc_service::start_rpc_servers(&config, None, runtime.handle(), module, rpc_runtime, None)
			.map_err(|e| anyhow::anyhow!("cannot serve the Ethereum RPC on port {port}: {e}"))?;
	log::info!(target: "tapchain-eth-rpc", "Ethereum JSON-RPC with geth's admission errors on port {port} (upstream on {backend_url})");
	runtime.block_on(std::future::pending::<()>());
	Ok(())
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
