//! `tapchain-feeder`: feeds Tapchain's price oracle.
//!
//! ```text
//!   price API ──HTTP GET (JSON)──▶ feeder ──PriceOracle.submit(key, value)──▶ tapchain-node
//!                                         ◀──PriceOracleApi (median, own values)──
//! ```
//!
//! `set` posts one value. `run` polls a JSON source and submits each key's value when it moved
//! by the threshold since this feeder's last value on chain, or when that value is older than
//! the heartbeat (keep the heartbeat below the oracle's max age, 1 hour by default, so the
//! feeder's value never ages out). A value further from the median than the oracle's step
//! bound is pulled to the bound, so that a crash is followed in steps, one per poll, instead
//! of being refused. `fetch` shows what `run` would read, without a chain. `keep` is the MBTC
//! vault's keeper (`keeper.rs`).

mod keeper;
mod policy;
mod price;
mod source;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use source::Rule;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subxt_signer::sr25519::Keypair;
use tapchain_client_common::{account_keypair, AccountId32, Chain, ChainError, Wait};
use tapchain_primitives::oracle::{Price, PriceError};

const LOG: &str = "feeder";

/// Feeds Tapchain's price oracle (`BTC/USD`, `<ASSET>/USD`, `FEE/SATVB` in sat/vB).
///
/// The signer must be one of the oracle's feeders (governance adds them with
/// `priceOracle.addFeeder`; on a dev chain `//Alice` is one). Each submission pays an ordinary
/// fee, read from its `TransactionFeePaid` event and printed.
#[derive(Parser, Debug)]
#[command(name = "tapchain-feeder", version, about, long_about)]
struct Cli {
	/// Tapchain node WebSocket URL.
	#[arg(long, env = "TAPCHAIN_NODE_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	node_url: String,

	/// Signing account: a secret URI (`//Alice`, a seed phrase, a hex seed) or `@path` to a
	/// file holding one. It must be a feeder.
	#[arg(long, env = "TAPCHAIN_SIGNER", default_value = "//Alice", global = true)]
	signer: String,

	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Post one value: `set BTC/USD 97123.45`.
	Set {
		/// The oracle key.
		key: String,
		/// A non-negative decimal (18 decimals at most; more are cut off).
		#[arg(allow_hyphen_values = true)]
		value: String,
	},
	/// Poll a JSON source and submit each key's value when it moves or a heartbeat passes.
	Run(RunArgs),
	/// Fetch the source once and print each key's value, without a chain: to check --key paths.
	Fetch(SourceArgs),
	/// Print each key's median, freshness and values (or one key's).
	Status {
		/// Only this key.
		key: Option<String>,
	},
	/// Keep the MBTC vault: liquidate channels below 120 % (partially, with this account's
	/// MBTC, for the 5 % bonus) or 110 % (fully), and claim bridge-outs past their deadline.
	/// The signer needs no feeder role.
	Keep(KeepArgs),
}

#[derive(clap::Args, Debug)]
struct KeepArgs {
	/// Seconds between rounds.
	#[arg(long, default_value_t = 12)]
	interval: u64,
	/// The most MBTC (sats) one partial liquidation burns.
	#[arg(long, default_value_t = u128::MAX)]
	max_mbtc: u128,
	/// One round, then exit (status 1 if a submission was refused).
	#[arg(long)]
	once: bool,
}

#[derive(clap::Args, Debug)]
struct SourceArgs {
	/// The JSON endpoint (http:// or https://), e.g.
	/// `https://api.coingecko.com/api/v3/simple/price?ids=bitcoin,ethereum,usd-coin&vs_currencies=usd`.
	#[arg(long)]
	source: String,
	/// `KEY=PATH`: where KEY's value is in the JSON, dot-separated (object fields by name,
	/// array elements by index), e.g. `BTC/USD=bitcoin.usd`, `FEE/SATVB=fastestFee`. Repeat
	/// for each key.
	#[arg(long = "key", required = true)]
	keys: Vec<Rule>,
	/// Seconds to wait for the source.
	#[arg(long, default_value_t = 10)]
	timeout: u64,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
	#[command(flatten)]
	source: SourceArgs,
	/// Submit when the value moved by at least this many percent from this feeder's last one.
	#[arg(long, default_value = "0.5")]
	threshold: String,
	/// Submit an unchanged value once this feeder's last one is this many seconds old (keep it
	/// below the oracle's max age, 3600 s by default).
	#[arg(long, default_value_t = 1800)]
	heartbeat: u64,
	/// Seconds between polls of the source.
	#[arg(long, default_value_t = 30)]
	poll_interval: u64,
	/// Poll once, submit what is due, and exit (status 1 if anything failed).
	#[arg(long)]
	once: bool,
}

#[tokio::main]
async fn main() {
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("feeder=info"))
		.format_target(false)
		.init();
	let cli = Cli::parse();
	if let Err(e) = run(cli).await {
		eprintln!("error: {e:#}");
		std::process::exit(1);
	}
}

async fn run(cli: Cli) -> Result<()> {
	match cli.command {
		Command::Fetch(args) => fetch(&args),
		Command::Set { key, value } => {
			let value = price::parse(&value).context("VALUE")?;
			let signer = account_keypair(&cli.signer)?;
			set(&cli.node_url, &signer, &key, value).await
		},
		Command::Status { key } => status(&cli.node_url, key.as_deref()).await,
		Command::Keep(args) => {
			let signer = account_keypair(&cli.signer)?;
			let done = keeper::keep(
				&cli.node_url,
				&signer,
				Duration::from_secs(args.interval.max(1)),
				args.once,
				args.max_mbtc,
			)
			.await?;
			println!(
				"round: {} full and {} partial liquidations, {} claims",
				done.full, done.partial, done.claims
			);
			if done.failed > 0 {
				bail!("{} submissions were refused", done.failed);
			}
			Ok(())
		},
		Command::Run(args) => {
			let threshold_bps = percent_to_bps(&args.threshold)?;
			let signer = account_keypair(&cli.signer)?;
			feed(&cli.node_url, &signer, &args, threshold_bps).await
		},
	}
}

/// `0.5` (percent) as 50 basis points; at most two decimals.
fn percent_to_bps(text: &str) -> Result<u128> {
	let p = price::parse(text).map_err(|_| anyhow!("--threshold {text}: not a percentage"))?;
	let bps = p.into_inner() / 10u128.pow(16);
	if bps * 10u128.pow(16) != p.into_inner() {
		bail!("--threshold {text}: at most two decimals (basis points)");
	}
	Ok(bps)
}

fn now_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or(0)
}

/// A chain time (ms since the epoch) for people.
fn when(ms: u64) -> String {
	humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(ms)).to_string()
}

fn fetch(args: &SourceArgs) -> Result<()> {
	let doc = source::fetch(&args.source, Duration::from_secs(args.timeout))?;
	let mut failed = 0;
	for rule in &args.keys {
		match rule.extract(&doc) {
			Ok(v) => println!("{} = {}", rule.key, price::format(v)),
			Err(e) => {
				failed += 1;
				eprintln!("error: {e:#}");
			},
		}
	}
	if failed > 0 {
		bail!("{failed} of {} keys could not be read from the source", args.keys.len());
	}
	Ok(())
}

async fn connect(node_url: &str) -> Result<Chain> {
	Ok(Chain::connect_as(node_url, LOG).await?)
}

/// Refuses a signer that is not a feeder, before it pays for the refusal.
async fn check_feeder(chain: &Chain, signer: &Keypair) -> Result<AccountId32> {
	let me = signer.public_key().to_account_id();
	if !chain.oracle_feeders().await?.contains(&me) {
		bail!(
			"the signer {me} is not a feeder of this chain's oracle; governance adds feeders \
			 (priceOracle.addFeeder)"
		);
	}
	Ok(me)
}

/// Refuses the first of `wanted` the oracle lacks, naming the keys it has (one read for all).
async fn check_keys(chain: &Chain, wanted: &[&str]) -> Result<()> {
	let keys = chain.oracle_keys().await?;
	if let Some(key) = wanted.iter().find(|w| !keys.iter().any(|k| k == *w)) {
		bail!("the oracle has no key {key}; its keys: {}", keys.join(", "));
	}
	Ok(())
}

async fn set(node_url: &str, signer: &Keypair, key: &str, value: Price) -> Result<()> {
	let chain = connect(node_url).await?;
	check_feeder(&chain, signer).await?;
	check_keys(&chain, &[key]).await?;
	if let Ok(info) = chain.oracle_price(key).await? {
		let rules = chain.oracle_rules().await?;
		if let Some(bound) = policy::clamp(value, info.median, rules.max_step_ppb) {
			bail!(
				"{key} {} is further than {} % from the median {}: the oracle would refuse it \
				 (TooFarFromMedian); the furthest it takes this way is {}",
				price::format(value),
				rules.max_step_ppb as f64 / 1e7,
				price::format(info.median),
				price::format(bound)
			);
		}
	}
	let done = chain.submit_price(key, value, signer, Wait::Finalized).await?;
	println!(
		"{key} = {} in block {:?}; fee {} base units; median {}",
		price::format(value),
		done.receipt.block,
		done.receipt.fee,
		done.median.map(price::format).unwrap_or_else(|| "none yet (stale)".into())
	);
	if let Some(from) = done.fresh {
		println!("{key} is fresh again; liquidations may use it from {}", when(from));
	}
	Ok(())
}

async fn status(node_url: &str, only: Option<&str>) -> Result<()> {
	let chain = connect(node_url).await?;
	let keys = match only {
		Some(k) => {
			check_keys(&chain, &[k]).await?;
			vec![k.to_string()]
		},
		None => chain.oracle_keys().await?,
	};
	let rules = chain.oracle_rules().await?;
	println!(
		"rules: max age {} s, {} value(s) per price, step bound {} %, grace {} s",
		rules.max_age / 1000,
		rules.min_values,
		rules.max_step_ppb as f64 / 1e7,
		rules.grace / 1000
	);
	for key in keys {
		match chain.oracle_price(&key).await? {
			Ok(info) => println!(
				"{key}: {} (median of {}), fresh since {}, liquidations from {}, stale at {} unless fed",
				price::format(info.median),
				info.count,
				when(info.fresh_since),
				when(info.liquidations_from),
				when(info.oldest_expires)
			),
			Err(PriceError::Stale) => {
				println!("{key}: stale (fewer than {} fresh values)", rules.min_values)
			},
			Err(e) => println!("{key}: {e:?}"),
		}
		for v in chain.oracle_values(&key).await? {
			println!("  {} {} at {}", v.feeder, price::format(v.value), when(v.at));
		}
	}
	Ok(())
}

/// What one poll did.
#[derive(Default)]
struct Round {
	submitted: u32,
	failed: u32,
}

async fn feed(node_url: &str, signer: &Keypair, args: &RunArgs, threshold_bps: u128) -> Result<()> {
	let mut chain = connect(node_url).await?;
	let me = check_feeder(&chain, signer).await?;
	let wanted: Vec<&str> = args.source.keys.iter().map(|r| r.key.as_str()).collect();
	check_keys(&chain, &wanted).await?;
	log::info!(
		target: LOG,
		"feeding {} key(s) from {} as {me}: every {} s, on a {} % move or after {} s",
		args.source.keys.len(),
		args.source.source,
		args.poll_interval,
		args.threshold,
		args.heartbeat
	);
	loop {
		match poll(&chain, signer, &me, args, threshold_bps).await {
			Ok(round) if args.once => {
				if round.failed > 0 {
					bail!("{} value(s) could not be read or submitted", round.failed);
				}
				log::info!(target: LOG, "done: {} value(s) submitted", round.submitted);
				return Ok(());
			},
			Ok(_) => {},
			Err(e) => {
				// A signer that stopped being a feeder will never succeed again.
				let chain_error = e.downcast_ref::<ChainError>();
				if chain_error.and_then(ChainError::module) == Some(("PriceOracle", "NotFeeder")) {
					return Err(e.context("governance removed this feeder"));
				}
				if args.once {
					return Err(e);
				}
				let reconnect = chain_error.is_some_and(ChainError::is_transient);
				log::warn!(target: LOG, "{e:#}; trying again in {} s", args.poll_interval);
				if reconnect {
					let _ = chain.reconnect().await;
				}
			},
		}
		tokio::time::sleep(Duration::from_secs(args.poll_interval)).await;
	}
}

async fn poll(
	chain: &Chain,
	signer: &Keypair,
	me: &AccountId32,
	args: &RunArgs,
	threshold_bps: u128,
) -> Result<Round> {
	let doc = source::fetch(&args.source.source, Duration::from_secs(args.source.timeout))?;
	let rules = chain.oracle_rules().await?;
	let mut round = Round::default();
	for rule in &args.source.keys {
		let value = match rule.extract(&doc) {
			Ok(v) if v.into_inner() == 0 => {
				log::warn!(target: LOG, "{}: the source says 0; not submitted", rule.key);
				round.failed += 1;
				continue;
			},
			Ok(v) => v,
			Err(e) => {
				log::warn!(target: LOG, "{e:#}");
				round.failed += 1;
				continue;
			},
		};
		let mine = chain
			.oracle_values(&rule.key)
			.await?
			.into_iter()
			.find(|v| &v.feeder == me)
			.map(|v| (v.value, v.at));
		let Some(why) = policy::due(mine, value, now_ms(), threshold_bps, args.heartbeat * 1000)
		else {
			continue;
		};
		let mut sent = value;
		if let Ok(info) = chain.oracle_price(&rule.key).await? {
			if let Some(bound) = policy::clamp(value, info.median, rules.max_step_ppb) {
				log::info!(
					target: LOG,
					"{}: the source says {}, more than the step bound from the median {}; submitting {}",
					rule.key,
					price::format(value),
					price::format(info.median),
					price::format(bound)
				);
				sent = bound;
			}
		}
		match chain.submit_price(&rule.key, sent, signer, Wait::BestBlock).await {
			Ok(done) => {
				round.submitted += 1;
				log::info!(
					target: LOG,
					"{} = {} ({why}); fee {} base units; median {}",
					rule.key,
					price::format(sent),
					done.receipt.fee,
					done.median.map(price::format).unwrap_or_else(|| "none yet (stale)".into())
				);
			},
			Err(e @ ChainError::Module { .. })
				if e.module() == Some(("PriceOracle", "NotFeeder")) =>
			{
				return Err(e.into());
			},
			Err(e) if e.is_transient() => return Err(e.into()),
			Err(e) => {
				round.failed += 1;
				log::warn!(target: LOG, "{}: {e}", rule.key);
			},
		}
	}
	Ok(round)
}
