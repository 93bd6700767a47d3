//! `tapchain-relayer`: feeds Bitcoin headers from a bitcoind to Tapchain's light client,
//! carries the BTC bridge's deposits, signed batches and their proofs ([`bridge`]), and checks
//! SPV proofs through the runtime.
//!
//! ```text
//!   bitcoind ──getblockhash/getblockheader──▶ relayer ──submit_headers──▶ tapchain-node
//!            ──getblock, gettxoutproof───────▶         ──submit_deposit, submit_batch_proof──▶
//!            ◀──sendrawtransaction─────────────         ◀──pending_batches (signed txs)──
//! ```
//!
//! Several relayers may feed one chain at once. A batch that another relayer got on chain first
//! fails cheaply with `BtcLightClient.DuplicateHeader`; the relayer then re-reads the light
//! client's best block and goes on from there. [`policy`] says what every failure leads to.

mod bridge;
mod policy;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use policy::Verdict;
use std::{
	path::PathBuf,
	str::FromStr,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::Keypair;
use tapchain_client_common::{
	account_keypair,
	bitcoind::{display_hex, header_hash, internal_bytes, Bitcoind},
	AccountId32, Chain, ChainError, Wait,
};
use tapchain_primitives::btc::BtcNetwork;

const LOG: &str = "relayer";

/// Relays Bitcoin headers from a bitcoind to Tapchain's light client, and the BTC bridge's
/// deposits, signed batches and their proofs.
///
/// Defaults fit a dev chain (`tapchain-node --dev`) and a local bitcoind. Several relayers may
/// run at once, each with its own --signer: one that loses a race for a batch re-reads the chain
/// and goes on; a batch the runtime refuses for another reason stops the relayer with the reason.
/// `run` also scans each Bitcoin block for deposits to the bridge's vaults and proves them once
/// confirmed, broadcasts each signed batch with sendrawtransaction, proves it once mined, and
/// bumps the fee of a batch no block holds in time (--no-bridge turns this off). Successful
/// proofs are free; the signer pays only for refused ones.
#[derive(Parser, Debug)]
#[command(name = "tapchain-relayer", version, about, long_about)]
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
	/// file holding one. It pays the fee of a batch that does not move the best chain, so it
	/// needs a balance; a batch that moves it is free and credits this account.
	#[arg(long, env = "TAPCHAIN_SIGNER", default_value = "//Alice", global = true)]
	signer: String,

	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Sync headers to bitcoind's tip, then follow it (the default).
	Run(RunArgs),
	/// Print the light client's network, best height and best hash (display order), and with
	/// --account that account's relayer credits.
	Status {
		/// An SS58 address: print the headers it got onto the best chain (its relayer credits).
		#[arg(long)]
		account: Option<String>,
	},
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

#[derive(clap::Args, Debug)]
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
	/// Attempts for a failure that passes (bitcoind or the node unreachable, a stale nonce, a
	/// full block) before giving up; also how many times in a row the light client's chain may
	/// move under the relayer (UnknownParent, ForkTooDeep, ReorgTooDeep, UnknownAncestor)
	/// without progress.
	#[arg(long, default_value_t = 5)]
	retries: u32,
	/// Relay headers only: no deposits, batch broadcasts, batch proofs or fee bumps.
	#[arg(long)]
	no_bridge: bool,
	/// Bitcoin blocks below the light client's best that the first poll scans for deposits
	/// and batches (a relayer that was down scans what it missed; a deposit credited
	/// meanwhile is skipped without a fee).
	#[arg(long, default_value_t = 144)]
	bridge_lookback: u32,
}

impl Default for RunArgs {
	fn default() -> Self {
		Self {
			batch_size: 1000,
			init_height: None,
			poll_interval: 10,
			once: false,
			retries: 5,
			no_bridge: false,
			bridge_lookback: 144,
		}
	}
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
		Some(Command::Status { account }) => status(&cli.node_url, account.as_deref()).await,
		Some(Command::SubmitProof { txid, block_hash, min_confirmations }) => {
			submit_proof(&btc, &cli.node_url, &txid, block_hash.as_deref(), min_confirmations).await
		},
		Some(Command::Run(args)) => {
			relay(&btc, &cli.node_url, &account_keypair(&cli.signer)?, args).await
		},
		None => {
			relay(&btc, &cli.node_url, &account_keypair(&cli.signer)?, RunArgs::default()).await
		},
	}
}

async fn connect(node_url: &str) -> Result<Chain> {
	Ok(Chain::connect_as(node_url, LOG).await?)
}

async fn status(node_url: &str, account: Option<&str>) -> Result<()> {
	let account = account
		.map(|a| {
			AccountId32::from_str(a)
				.map_err(|e| anyhow!("--account {a} is not an SS58 address ({e})"))
		})
		.transpose()?;
	let chain = connect(node_url).await?;
	match (chain.network().await?, chain.best_block().await?) {
		(Some(net), Some((h, hash))) => {
			println!("network: {}", net.core_chain());
			println!("best height: {h}");
			println!("best hash: {}", display_hex(&hash));
		},
		_ => println!("light client not initialized (run the relayer with --init-height H)"),
	}
	if let Some(account) = account {
		println!("credits: {} headers ({account})", chain.relayer_credits(&account).await?);
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
	let chain = connect(node_url).await?;
	match chain.verify_tx_inclusion(raw, proof, min_confirmations).await? {
		Ok(inc) => {
			println!(
				"verified: tx {} is #{} in block {} at height {} ({} confirmations)",
				display_hex(&inc.txid.0),
				inc.index,
				display_hex(&inc.block_hash.0),
				inc.height,
				inc.confirmations
			);
			Ok(())
		},
		Err(e) => bail!("the runtime refused the proof of {txid}: {e:?}"),
	}
}

/// The pause before attempt `i + 1`.
async fn backoff(i: u32) {
	tokio::time::sleep(Duration::from_millis(500 * u64::from(i.max(1)))).await;
}

/// Calls bitcoind through `f`, retrying with a growing pause: bitcoind's failures (a timeout, a
/// restart) pass, and reading costs nothing.
async fn retry_btc<T>(what: &str, attempts: u32, mut f: impl FnMut() -> Result<T>) -> Result<T> {
	let attempts = attempts.max(1);
	for i in 1.. {
		match f() {
			Ok(v) => return Ok(v),
			Err(e) if i < attempts => {
				log::warn!(target: LOG, "{what} failed (attempt {i}/{attempts}): {e:#}");
				backoff(i).await;
			},
			Err(e) => return Err(e.context(format!("{what} failed {attempts} times"))),
		}
	}
	unreachable!("the loop returns")
}

/// Reads the chain through `f`, retrying transient failures ([`ChainError::is_transient`]) with
/// a growing pause, on a new connection after a transport failure.
async fn read_chain<T>(
	chain: &mut Chain,
	what: &str,
	attempts: u32,
	f: impl AsyncFn(&Chain) -> Result<T, ChainError>,
) -> Result<T> {
	let attempts = attempts.max(1);
	for i in 1.. {
		match f(&*chain).await {
			Ok(v) => return Ok(v),
			Err(e) if e.is_transient() && i < attempts => {
				log::warn!(target: LOG, "{what} failed (attempt {i}/{attempts}): {e}");
				backoff(i).await;
				if matches!(e, ChainError::Transport(_)) {
					if let Err(e) = chain.reconnect().await {
						log::warn!(target: LOG, "{e}");
					}
				}
			},
			Err(e) => return Err(anyhow::Error::new(e).context(format!("{what} failed"))),
		}
	}
	unreachable!("the loop returns")
}

/// Finds the highest height where the light client's best chain and bitcoind agree.
async fn common_ancestor(
	btc: &Bitcoind,
	chain: &mut Chain,
	best: u32,
	btc_tip: u32,
	retries: u32,
) -> Result<u32> {
	let mut h = best.min(btc_tip);
	loop {
		let ours = read_chain(chain, "reading a light-client header", retries, async |c: &Chain| {
			c.header_at(h).await
		})
		.await?
		.ok_or_else(|| {
			anyhow!(
				"the light client and bitcoind share no stored header: bitcoind follows another chain, or reorganized deeper than the light client keeps"
			)
		})?;
		let theirs = retry_btc("getblockhash", retries, || btc.block_hash(h)).await?;
		if theirs == display_hex(&header_hash(&ours)) {
			return Ok(h);
		}
		log::info!(target: LOG, "bitcoind disagrees at height {h}; walking back");
		h = h.checked_sub(1).ok_or_else(|| anyhow!("no common ancestor down to height 0"))?;
	}
}

/// After a lost race: waits while another relayer keeps moving the light client's best block,
/// checking every 1.5 block times, and returns once a check finds no progress or the best block
/// has reached `tip`. Racing a relayer that keeps up would pay for a refused batch in every
/// block; yielding pays for one.
async fn wait_while_others_relay(chain: &mut Chain, tip: u32, retries: u32) -> Result<()> {
	let best = async |chain: &mut Chain| -> Result<u32> {
		let best = read_chain(chain, "reading the best block", retries, async |c: &Chain| {
			c.best_block().await
		})
		.await?;
		Ok(best.map(|(h, _)| h).unwrap_or(0))
	};
	let pause = read_chain(chain, "reading the block time", retries, async |c: &Chain| {
		c.block_time().await
	})
	.await?
	.mul_f32(1.5);
	let mut last = best(chain).await?;
	log::info!(
		target: LOG,
		"another relayer is relaying; waiting while it moves the light client (now at {last})"
	);
	while last < tip {
		tokio::time::sleep(pause).await;
		let now = best(chain).await?;
		if now <= last {
			log::info!(target: LOG, "the light client stopped at {now}; taking over");
			return Ok(());
		}
		log::debug!(target: LOG, "another relayer moved the light client to {now}");
		last = now;
	}
	log::info!(target: LOG, "another relayer brought the light client to {last}");
	Ok(())
}

/// What this relayer's submissions did, for the summary line.
#[derive(Default, Debug)]
struct Stats {
	/// Batches that landed (succeeded).
	landed: u32,
	/// Batches another relayer had already got on chain (`DuplicateHeader`).
	skipped: u32,
	/// Fees paid, in base units (1 sat = 100), as the chain's events say.
	fees: u128,
	/// Headers credited to the signer.
	credited: u64,
}

impl Stats {
	fn log(&self) {
		log::info!(
			target: LOG,
			"batches: landed {}, skipped {} (another relayer was faster); fees paid: {} base units ({}.{:02} sat); credited: {} headers",
			self.landed,
			self.skipped,
			self.fees,
			self.fees / 100,
			self.fees % 100,
			self.credited
		);
	}
}

async fn relay(btc: &Bitcoind, node_url: &str, signer: &Keypair, args: RunArgs) -> Result<()> {
	let mut chain = connect(node_url).await?;
	let max = chain.max_headers_per_batch().await?;
	if args.batch_size == 0 || args.batch_size > max {
		bail!("--batch-size must be between 1 and {max} (the runtime's MaxHeadersPerBatch)");
	}
	let info = btc.chain_info()?;
	let btc_network = BtcNetwork::from_core_chain(&info.chain)
		.ok_or_else(|| anyhow!("bitcoind reports an unknown chain `{}`", info.chain))?;
	log::info!(
		target: LOG,
		"bitcoind: chain {} at height {}; node: {node_url}; signer: {}",
		info.chain,
		info.blocks,
		signer.public_key().to_account_id()
	);

	match chain.network().await? {
		Some(n) if n != btc_network => bail!(
			"the node's light client follows {} but bitcoind is on {}; point the relayer at a bitcoind on {}",
			n.core_chain(),
			btc_network.core_chain(),
			n.core_chain()
		),
		Some(_) => {},
		None => initialize(btc, &chain, signer, btc_network, info.blocks, &args).await?,
	}

	let mut stats = Stats::default();
	let mut bridge = (!args.no_bridge).then(|| bridge::Bridge::new(args.bridge_lookback));
	loop {
		let info = retry_btc("getblockchaininfo", args.retries, || btc.chain_info()).await?;
		let before = (stats.landed, stats.skipped);
		sync_to(btc, &mut chain, signer, info.blocks, &args, &mut stats).await?;
		if let Some(bridge) = bridge.as_mut() {
			let before = bridge.stats.clone();
			// A failed step (bitcoind or the node unreachable) is tried again at the next
			// poll: it holds no half-done state, every decision is re-read from the chain.
			if let Err(e) = bridge.step(btc, &chain, signer).await {
				log::warn!(target: LOG, "bridge duties failed: {e:#}; trying again at the next poll");
				if let Err(e) = chain.reconnect().await {
					log::warn!(target: LOG, "{e}");
				}
			}
			if bridge.stats != before {
				bridge.log();
			}
		}
		if args.once {
			let (h, hash) = read_chain(
				&mut chain,
				"reading the best block",
				args.retries,
				async |c: &Chain| c.best_block().await,
			)
			.await?
			.unwrap_or_default();
			log::info!(target: LOG, "synced: best {h} {}", display_hex(&hash));
			stats.log();
			return Ok(());
		}
		if (stats.landed, stats.skipped) != before {
			stats.log();
		}
		tokio::time::sleep(Duration::from_secs(args.poll_interval)).await;
	}
}

/// Starts an uninitialized light client at `--init-height` (root only: the sudo key on a dev
/// chain). If another relayer initialized it meanwhile on the same network, goes on with it.
async fn initialize(
	btc: &Bitcoind,
	chain: &Chain,
	signer: &Keypair,
	btc_network: BtcNetwork,
	btc_tip: u32,
	args: &RunArgs,
) -> Result<()> {
	let requested = args.init_height.ok_or_else(|| {
		anyhow!("the light client is not initialized; pass --init-height H to start it at Bitcoin height H")
	})?;
	let h =
		if btc_network == BtcNetwork::Regtest { requested } else { requested - requested % 2016 };
	if h != requested {
		log::info!(target: LOG, "rounding --init-height {requested} down to the retarget boundary {h}");
	}
	if h > btc_tip {
		bail!("--init-height {h} is above bitcoind's tip {btc_tip}");
	}
	let header = btc.header(&btc.block_hash(h)?)?;
	match chain.initialize(btc_network, header, h, signer).await {
		Ok(r) => {
			log::info!(
				target: LOG,
				"initialized the light client on {} at height {h} (fee {})",
				btc_network.core_chain(),
				r.fee
			);
			Ok(())
		},
		Err(e) if e.module() == Some((policy::LIGHT_CLIENT, "AlreadyInitialized")) =>
			match chain.network().await? {
				Some(n) if n == btc_network => {
					log::info!(target: LOG, "the light client was initialized meanwhile (by another relayer); following it");
					Ok(())
				},
				_ => bail!("the light client was initialized meanwhile on another network; point the relayer at a bitcoind on the light client's network"),
			},
		Err(e) => match policy::verdict(&e) {
			Verdict::Stop(why) => bail!("initializing the light client failed: {why}"),
			_ => Err(anyhow::Error::new(e).context(
				"initializing the light client failed; run the relayer again (the signer must be the sudo key, //Alice on a dev chain)",
			)),
		},
	}
}

/// Brings the light client to bitcoind's height `tip`, in batches of `--batch-size`, handling
/// each failure as [`policy::verdict`] says.
async fn sync_to(
	btc: &Bitcoind,
	chain: &mut Chain,
	signer: &Keypair,
	tip: u32,
	args: &RunArgs,
	stats: &mut Stats,
) -> Result<()> {
	let started = Instant::now();
	// The first height this sync had to submit, for the progress line.
	let mut first = None;
	// Times in a row the chain moved, or a race left the best block where it was, without
	// this relayer or another making progress.
	let mut stalled = 0u32;
	// Transient submission failures in a row.
	let mut failures = 0u32;
	// After a race: the best height before the batch that lost it.
	let mut raced_above: Option<u32> = None;
	loop {
		let (best, _) = read_chain(
			chain,
			"reading the light client's best block",
			args.retries,
			async |c: &Chain| c.best_block().await,
		)
		.await?
		.ok_or_else(|| anyhow!("the light client lost its best block"))?;
		if let Some(h) = raced_above.take() {
			if best > h {
				stalled = 0;
			} else {
				stalled += 1;
				if stalled > args.retries {
					bail!(
						"batches above height {h} are refused as duplicates, yet the light client's best block stays at {best}: its best chain and bitcoind's differ; compare `tapchain-relayer status` with bitcoind's getblockhash"
					);
				}
			}
		}
		let start = common_ancestor(btc, chain, best, tip, args.retries).await? + 1;
		let from = *first.get_or_insert(start);
		let total = tip.saturating_sub(from) + 1;
		let mut next = start;
		let mut reread = false;
		while next <= tip && !reread {
			let end = tip.min(next + args.batch_size - 1);
			let headers =
				retry_btc("fetching headers", args.retries, || btc.headers(next, end)).await?;
			// Each batch only waits for a best block, so the next one goes into the next block;
			// the last one waits for finality, so that the relayer exits on a final tip.
			let wait = if end == tip { Wait::Finalized } else { Wait::BestBlock };
			match chain.submit_headers(&headers, signer, wait).await {
				Ok(receipt) => {
					stats.landed += 1;
					stats.fees += receipt.fee;
					stats.credited += u64::from(receipt.credited.unwrap_or(0));
					stalled = 0;
					failures = 0;
					let done = end.saturating_sub(from) + 1;
					let rate = f64::from(done) / started.elapsed().as_secs_f64().max(0.001);
					log::info!(target: LOG, "synced {end} / {tip} ({done}/{total} headers, {rate:.0} headers/s)");
					log::debug!(
						target: LOG,
						"headers {next}..={end} landed in block {:?}: fee {}, credited {:?}",
						receipt.block,
						receipt.fee,
						receipt.credited
					);
					next = end + 1;
				},
				Err(e) => {
					stats.fees += e.paid().unwrap_or(0);
					match policy::verdict(&e) {
						Verdict::Raced => {
							stats.skipped += 1;
							log::info!(
								target: LOG,
								"headers {next}..={end} are already on chain: another relayer was faster (BtcLightClient.DuplicateHeader, fee {})",
								e.paid().unwrap_or(0)
							);
							raced_above = Some(next - 1);
							wait_while_others_relay(chain, tip, args.retries).await?;
						},
						Verdict::ChainMoved => {
							stalled += 1;
							let (pallet, error) = e.module().unwrap_or(("?", "?"));
							if stalled > args.retries {
								bail!(
									"the light client's chain moved under the relayer {stalled} times in a row without progress (last: {pallet}.{error} for headers {next}..={end}: {}); compare `tapchain-relayer status` with bitcoind's getblockhash, then restart",
									policy::meaning(pallet, error)
								);
							}
							log::warn!(
								target: LOG,
								"headers {next}..={end} refused with {pallet}.{error} ({}); re-reading the light client ({stalled}/{})",
								policy::meaning(pallet, error),
								args.retries
							);
						},
						Verdict::Retry => {
							failures += 1;
							if failures >= args.retries.max(1) {
								return Err(anyhow::Error::new(e).context(format!(
									"submit_headers {next}..={end} failed {failures} times; check the node at {}",
									chain.url()
								)));
							}
							log::warn!(
								target: LOG,
								"submit_headers {next}..={end} failed (attempt {failures}/{}): {e}; retrying",
								args.retries
							);
							backoff(failures).await;
							if matches!(e, ChainError::Transport(_)) {
								if let Err(e) = chain.reconnect().await {
									log::warn!(target: LOG, "{e}");
								}
							}
						},
						Verdict::Stop(why) => bail!(
							"submit_headers {next}..={end} failed: {why} (fee paid: {}). Stopping: sending the same batch again would be refused again",
							e.paid().unwrap_or(0)
						),
					}
					// Whatever happened, what the light client has now decides what comes next
					// (a batch that seemed lost may have landed after all).
					reread = true;
				},
			}
		}
		if !reread {
			return Ok(());
		}
	}
}
