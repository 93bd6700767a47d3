//! `tapchain-relayer`: feeds Bitcoin headers from a bitcoind to Tapchain's light client, and
//! checks SPV proofs through the runtime.
//!
//! ```text
//!   bitcoind ──getblockhash/getblockheader──▶ relayer ──submit_headers──▶ tapchain-node
//! ```

mod bitcoind;
mod chain;

use anyhow::{anyhow, bail, Context, Result};
use bitcoind::{display_hex, internal_bytes, Bitcoind};
use chain::Chain;
use clap::{Parser, Subcommand};
use std::{path::PathBuf, str::FromStr, time::{Duration, Instant}};
use subxt_signer::{sr25519::Keypair, SecretUri};
use tapchain_primitives::btc::BtcNetwork;

const LOG: &str = "relayer";

/// Relays Bitcoin headers from a bitcoind to Tapchain's light client.
///
/// Defaults fit a dev chain (`tapchain-node --dev`) and a local bitcoind.
#[derive(Parser, Debug)]
#[command(name = "tapchain-relayer", version, about, long_about = None)]
struct Cli {
	/// bitcoind JSON-RPC URL (mainnet 8332, testnet3 18332, testnet4 48332, signet 38332,
	/// regtest 18443).
	#[arg(long, env = "BITCOIND_URL", default_value = "http://127.0.0.1:8332", global = true)]
	bitcoind_url: String,

	/// bitcoind RPC user (`-rpcuser`).
	#[arg(long, env = "BITCOIND_USER", global = true)]
	bitcoind_user: Option<String>,

	/// bitcoind RPC password (`-rpcpassword`).
	#[arg(long, env = "BITCOIND_PASSWORD", global = true)]
	bitcoind_password: Option<String>,

	/// bitcoind cookie file (e.g. ~/.bitcoin/.cookie); used instead of user/password.
	#[arg(long, env = "BITCOIND_COOKIE", global = true)]
	bitcoind_cookie: Option<PathBuf>,

	/// Tapchain node WebSocket URL.
	#[arg(long, env = "TAPCHAIN_NODE_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	node_url: String,

	/// Signing account: a secret URI (`//Alice`, a seed phrase, a hex seed) or `@path` to a
	/// file holding one.
	#[arg(long, env = "TAPCHAIN_SIGNER", default_value = "//Alice", global = true)]
	signer: String,

	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Sync headers to bitcoind's tip, then follow it (the default).
	Run(RunArgs),
	/// Print the light client's network, best height and best hash (display order).
	Status,
	/// Fetch a transaction and its `gettxoutproof` from bitcoind and check the proof through the
	/// runtime API, as the bridges will.
	SubmitProof {
		/// The transaction id (display hex, as RPC prints it).
		txid: String,
		/// The block that contains it (needed without `-txindex`).
		#[arg(long)]
		block_hash: Option<String>,
		/// Confirmations to require.
		#[arg(long, default_value_t = 1)]
		min_confirmations: u32,
	},
}

#[derive(clap::Args, Debug, Default)]
struct RunArgs {
	/// Headers per `submit_headers` call (at most the runtime's MaxHeadersPerBatch, 2016).
	#[arg(long, default_value_t = 1000)]
	batch_size: u32,
	/// On an uninitialized light client, start from this Bitcoin height on the network bitcoind
	/// reports (rounded down to a retarget boundary, a multiple of 2016, except on regtest).
	/// Needs the signer to be the sudo key (dev chains).
	#[arg(long)]
	init_height: Option<u32>,
	/// Seconds between polls of bitcoind once synced.
	#[arg(long, default_value_t = 10)]
	poll_interval: u64,
	/// Exit once synced instead of following the tip.
	#[arg(long)]
	once: bool,
	/// Attempts for a failing RPC or submission before giving up.
	#[arg(long, default_value_t = 5)]
	retries: u32,
}

fn signer(spec: &str) -> Result<Keypair> {
	let text = match spec.strip_prefix('@') {
		Some(path) => std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the signer key file {path}"))?
			.trim()
			.to_string(),
		None => spec.to_string(),
	};
	let uri = SecretUri::from_str(&text).map_err(|e| anyhow!("--signer is not a secret URI or phrase: {e}"))?;
	Keypair::from_uri(&uri).map_err(|e| anyhow!("--signer: {e}"))
}

#[tokio::main]
async fn main() {
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("relayer=info"))
		.format_target(false)
		.init();
	let cli = Cli::parse();
	if let Err(e) = run(cli).await {
		eprintln!("error: {e:#}");
		std::process::exit(1);
	}
}

async fn run(cli: Cli) -> Result<()> {
	let btc = Bitcoind::new(
		&cli.bitcoind_url,
		cli.bitcoind_user.as_deref(),
		cli.bitcoind_password.as_deref(),
		cli.bitcoind_cookie.as_deref(),
	)?;
	match cli.command {
		Some(Command::Status) => status(&cli.node_url).await,
		Some(Command::SubmitProof { txid, block_hash, min_confirmations }) =>
			submit_proof(&btc, &cli.node_url, &txid, block_hash.as_deref(), min_confirmations).await,
		Some(Command::Run(args)) => relay(&btc, &cli.node_url, &signer(&cli.signer)?, args).await,
		None => relay(&btc, &cli.node_url, &signer(&cli.signer)?, RunArgs {
			batch_size: 1000,
			poll_interval: 10,
			retries: 5,
			..Default::default()
		})
		.await,
	}
}

async fn status(node_url: &str) -> Result<()> {
	let chain = Chain::connect(node_url).await?;
	match (chain.network().await?, chain.best_block().await?) {
		(Some(net), Some((h, hash))) => {
			println!("network: {}", net.core_chain());
			println!("best height: {h}");
			println!("best hash: {}", display_hex(&hash));
		},
		_ => println!("light client not initialized (run the relayer with --init-height H)"),
	}
	Ok(())
}

async fn submit_proof(
	btc: &Bitcoind,
	node_url: &str,
	txid: &str,
	block: Option<&str>,
	min_confirmations: u32,
) -> Result<()> {
	internal_bytes(txid).context("txid must be 64 hex characters")?;
	let raw = btc.raw_transaction(txid, block)?;
	let proof = btc.txout_proof(txid, block)?;
	let chain = Chain::connect(node_url).await?;
	match chain.verify_tx_inclusion(raw, proof, min_confirmations).await? {
		Ok(inc) => {
			println!("verified: tx {} is #{} in block {} at height {} ({} confirmations)",
				display_hex(&inc.txid), inc.index, display_hex(&inc.block_hash), inc.height, inc.confirmations);
			Ok(())
		},
		Err(e) => bail!("the runtime refused the proof of {txid}: {e}"),
	}
}

/// Errors that retrying cannot fix: the runtime judged the transaction itself.
fn is_permanent(e: &anyhow::Error) -> bool {
	let s = format!("{e:#}");
	s.contains("Invalid transaction") || s.contains("ModuleError") || s.contains("bad-")
}

/// Retries `f` on transient errors, with a growing pause.
async fn retry<T, F, Fut>(what: &str, attempts: u32, mut f: F) -> Result<T>
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Result<T>>,
{
	let mut last = None;
	for i in 0..attempts.max(1) {
		match f().await {
			Ok(v) => return Ok(v),
			Err(e) if is_permanent(&e) => return Err(e),
			Err(e) => {
				log::warn!(target: LOG, "{what} failed (attempt {}/{}): {e:#}", i + 1, attempts.max(1));
				last = Some(e);
				tokio::time::sleep(Duration::from_millis(500 * u64::from(i + 1))).await;
			},
		}
	}
	Err(last.unwrap_or_else(|| anyhow!("{what} failed")))
}

/// Finds the highest height where the light client's best chain and bitcoind agree.
async fn common_ancestor(btc: &Bitcoind, chain: &Chain, best: u32, btc_tip: u32) -> Result<u32> {
	let mut h = best.min(btc_tip);
	loop {
		let ours = chain
			.header_at(h)
			.await?
			.ok_or_else(|| anyhow!("the light client and bitcoind share no stored header: bitcoind follows another chain, or reorganized deeper than the light client keeps"))?;
		let ours_hash = display_hex(&hash_of(&ours));
		if btc.block_hash(h)? == ours_hash {
			return Ok(h);
		}
		log::info!(target: LOG, "bitcoind disagrees at height {h}; walking back");
		h = h.checked_sub(1).ok_or_else(|| anyhow!("no common ancestor down to height 0"))?;
	}
}

/// Double SHA-256 of a header: its hash, internal order.
fn hash_of(header: &[u8; 80]) -> [u8; 32] {
	use sha2::{Digest, Sha256};
	Sha256::digest(Sha256::digest(header)).into()
}

async fn relay(btc: &Bitcoind, node_url: &str, signer: &Keypair, args: RunArgs) -> Result<()> {
	let chain = Chain::connect(node_url).await?;
	let max = chain.max_batch().await?;
	if args.batch_size == 0 || args.batch_size > max {
		bail!("--batch-size must be between 1 and {max} (the runtime's MaxHeadersPerBatch)");
	}
	let info = btc.chain_info()?;
	let btc_network = BtcNetwork::from_core_chain(&info.chain)
		.ok_or_else(|| anyhow!("bitcoind reports an unknown chain `{}`", info.chain))?;
	log::info!(target: LOG, "bitcoind: chain {} at height {}; node: {node_url}", info.chain, info.blocks);

	match chain.network().await? {
		Some(n) if n != btc_network => bail!(
			"the node's light client follows {} but bitcoind is on {}; point the relayer at a bitcoind on {}",
			n.core_chain(), btc_network.core_chain(), n.core_chain()
		),
		Some(_) => {},
		None => {
			let requested = args.init_height.ok_or_else(|| {
				anyhow!("the light client is not initialized; pass --init-height H to start it at Bitcoin height H")
			})?;
			let h = if btc_network == BtcNetwork::Regtest { requested } else { requested - requested % 2016 };
			if h != requested {
				log::info!(target: LOG, "rounding --init-height {requested} down to the retarget boundary {h}");
			}
			if h > info.blocks {
				bail!("--init-height {h} is above bitcoind's tip {}", info.blocks);
			}
			let header = btc.header(&btc.block_hash(h)?)?;
			chain.initialize(btc_network, header, h, signer).await?;
			log::info!(target: LOG, "initialized the light client on {} at height {h}", btc_network.core_chain());
		},
	}

	loop {
		let info = retry("getblockchaininfo", args.retries, || async { btc.chain_info() }).await?;
		let (best, _) = chain.best_block().await?.ok_or_else(|| anyhow!("light client lost its best block"))?;
		let start = common_ancestor(btc, &chain, best, info.blocks).await? + 1;
		if start <= info.blocks {
			sync_range(btc, &chain, signer, start, info.blocks, &args).await?;
		}
		if args.once {
			let (h, hash) = chain.best_block().await?.unwrap_or_default();
			log::info!(target: LOG, "synced: best {h} {}", display_hex(&hash));
			return Ok(());
		}
		tokio::time::sleep(Duration::from_secs(args.poll_interval)).await;
	}
}

async fn sync_range(
	btc: &Bitcoind,
	chain: &Chain,
	signer: &Keypair,
	from: u32,
	to: u32,
	args: &RunArgs,
) -> Result<()> {
	let started = Instant::now();
	let total = to - from + 1;
	let mut next = from;
	while next <= to {
		let end = to.min(next + args.batch_size - 1);
		let headers =
			retry("fetching headers", args.retries, || async { btc.headers(next, end) }).await?;
		// Each batch only waits for a best block, so the next one goes into the next block;
		// the last one waits for finality, so that what is read next is final.
		let wait = if end == to { chain::Wait::Finalized } else { chain::Wait::BestBlock };
		retry("submit_headers", args.retries, || chain.submit_headers(&headers, signer, wait))
			.await?;
		let done = end - from + 1;
		let rate = f64::from(done) / started.elapsed().as_secs_f64().max(0.001);
		log::info!(target: LOG, "synced {end} / {to} ({done}/{total} headers, {rate:.0} headers/s)");
		next = end + 1;
	}
	Ok(())
}
