//! `tapchain-signer`: holds one validator's Bitcoin key and signs the threshold signer's rounds.
//!
//! ```text
//!   keygen ──▶ key file (0600) ──register_key(key, proof)──▶ tapchain-node
//!   run:  finalized Rounds ──check──sighash──limit──▶ submit_signatures ──▶ tapchain-node
//! ```
//!
//! For every open round at the finalized head with an input of a vault this key signs for,
//! the daemon checks the transaction against the round's purpose
//! ([`tapchain_signer::check_round`]); a bridge round also against the batch and withdrawal
//! requests the bridge holds at that block ([`tapchain_signer::check_bridge_round`]). It computes
//! each input's sighash itself and compares it with the chain's ([`plan`]), keeps what it
//! signs within a rolling share of the vaults' value ([`RateLimiter`]), then signs and submits.
//! [`policy`] says what every failed call leads to.

mod plan;
mod policy;
mod possession;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use plan::{KnownVault, Refused};
use policy::Verdict;
use std::{
	collections::{BTreeMap, BTreeSet, HashMap},
	path::{Path, PathBuf},
	time::{Duration, SystemTime, UNIX_EPOCH},
};
use subxt_signer::sr25519::Keypair;
use tapchain_client_common::{
	account_keypair, AccountId32, Chain, ChainError, SigningRound, Wait, H256,
};
use tapchain_primitives::signer::{RoundId, VaultId};
use tapchain_signer::{
	keyfile,
	limit::{DEFAULT_SHARE_BP, DEFAULT_WINDOW_SECS},
	RateLimiter,
};

const LOG: &str = "signer";

/// Holds one validator's Bitcoin key and signs the threshold signer's rounds.
///
/// `keygen` makes the key file, `register` registers its key for a validator account (it joins
/// the vault at the next signer-set change, i.e. the next session), and `run` signs: every open
/// round at the finalized head that spends a vault holding this key is checked against its
/// purpose, its sighashes are computed locally and compared with the chain's, the amount is
/// held to a rolling limit, and only then is it signed.
#[derive(Parser, Debug)]
#[command(name = "tapchain-signer", version, about, long_about)]
struct Cli {
	/// Tapchain node WebSocket URL.
	#[arg(
		long,
		visible_alias = "node-url",
		env = "TAPCHAIN_NODE_URL",
		default_value = "ws://127.0.0.1:9944",
		global = true
	)]
	url: String,

	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Create a key file (mode 0600, never overwritten) holding a new random secp256k1 key,
	/// and print its x-only public key (hex). Nothing secret is printed.
	Keygen {
		/// Where to write the key file; it must not exist.
		#[arg(long, env = "TAPCHAIN_SIGNER_KEY")]
		out: PathBuf,
		/// Write the well-known dev key of this name (e.g. `//Alice`, the `dev` chain's
		/// genesis signer) instead of a random one. Its secret is public: never for real
		/// coins.
		#[arg(long, value_name = "NAME")]
		dev: Option<String>,
	},
	/// Register the key file's key for the --signer account, with a BIP-340 proof of
	/// possession over (genesis hash, account, key). The account must have session keys; the
	/// key signs from the next signer-set change (the next session) on.
	Register(Identity),
	/// Sign the open rounds of the vaults this key belongs to, following finalized blocks.
	Run(RunArgs),
}

/// Who signs: the Bitcoin key and the account that registered it.
#[derive(clap::Args, Debug)]
struct Identity {
	/// The key file (`tapchain-signer keygen`); it must be readable by its owner only.
	#[arg(long, env = "TAPCHAIN_SIGNER_KEY")]
	key: PathBuf,

	/// The validator account: a secret URI (`//Alice`, a seed phrase, a hex seed) or `@path`
	/// to a file holding one. It signs the extrinsics; accepted signatures are free, a refused
	/// call pays its fee.
	#[arg(long, env = "TAPCHAIN_SIGNER")]
	signer: String,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
	#[command(flatten)]
	id: Identity,

	/// The highest fee, in satoshis, a round's transaction may pay (inputs minus outputs).
	/// The runtime has no fee cap: a fee leaves the vaults as surely as a payment does.
	#[arg(long, env = "TAPCHAIN_SIGNER_MAX_FEE_SAT", default_value_t = 100_000)]
	max_fee_sat: u64,

	/// The share of --vault-value-sat this signer signs away per rolling 24 hours, in basis
	/// points (1000 = 10 %): payments plus fees.
	#[arg(long, env = "TAPCHAIN_SIGNER_DAILY_SHARE_BP", default_value_t = DEFAULT_SHARE_BP)]
	daily_share_bp: u32,

	/// The value, in satoshis, the operator knows its vaults hold: the base of the
	/// --daily-share-bp limit. The daemon does not take it from the chain on purpose (the
	/// bridge's own total, BtcBridgeApi.totals): the limit guards against a runtime bug, so its
	/// base comes from your own watch of the vault addresses (the vault's address and
	/// descriptor are logged at start).
	#[arg(long, env = "TAPCHAIN_SIGNER_VAULT_VALUE_SAT")]
	vault_value_sat: u64,

	/// Where the spend limiter keeps what was signed in the window, so a restart does not
	/// open a fresh one.
	#[arg(long, env = "TAPCHAIN_SIGNER_STATE", default_value = "./tapchain-signer-state.json")]
	state: PathBuf,

	/// Seconds between polls of the finalized head.
	#[arg(long, default_value_t = 3)]
	poll_interval: u64,

	/// Process the rounds open at the current finalized head, then exit.
	#[arg(long)]
	once: bool,
}

fn btc_keypair(path: &Path) -> Result<bitcoin::secp256k1::Keypair> {
	keyfile::load(path).context("cannot load the signer key")
}

#[tokio::main]
async fn main() {
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("signer=info"))
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
		Command::Keygen { out, dev } => {
			let key = match &dev {
				Some(name) => {
					let secret = keyfile::dev_secret(name)
						.ok_or_else(|| anyhow!("the dev name {name} gives no valid key"))?;
					log::warn!(
						target: LOG,
						"writing the dev key of {name}: its secret is public, never use it for real coins"
					);
					keyfile::create(&out, &secret)?
				},
				None => keyfile::generate(&out)?,
			};
			println!("{key}");
			log::info!(
				target: LOG,
				"wrote {} key to {} (mode 0600); register it with `tapchain-signer register --key {}`",
				if dev.is_some() { "the dev" } else { "a new" },
				out.display(),
				out.display()
			);
			Ok(())
		},
		Command::Register(id) => register(&cli.url, &id).await,
		Command::Run(args) => Daemon::start(&cli.url, args).await?.run().await,
	}
}

async fn connect(url: &str) -> Result<Chain> {
	Ok(Chain::connect_as(url, LOG).await?)
}

fn hex(bytes: &[u8]) -> String {
	use bitcoin::hex::DisplayHex;
	bytes.to_lower_hex_string()
}

async fn register(url: &str, id: &Identity) -> Result<()> {
	let btc = btc_keypair(&id.key)?;
	let signer = account_keypair(&id.signer)?;
	let account = signer.public_key().to_account_id();
	let key = btc.x_only_public_key().0.serialize();
	let chain = connect(url).await?;
	let proof = possession::proof(&btc, &chain.genesis_hash(), &account.0);
	match chain.register_key(key, proof, &signer).await {
		Ok(reg) => {
			println!(
				"KeyRegistered {{ who: {account}, key: {}, replaced: {} }}",
				hex(&key),
				reg.replaced.map(|k| hex(&k)).unwrap_or_else(|| "none".into())
			);
			log::info!(
				target: LOG,
				"registered in block {:?} (fee {} base units); the key signs from the next signer-set change (the next session) on",
				reg.receipt.block,
				reg.receipt.fee
			);
			Ok(())
		},
		Err(e) => match e.module() {
			Some((pallet, error)) => bail!(
				"registering the key was refused with {pallet}.{error}: {} (fee paid: {})",
				policy::meaning(pallet, error),
				e.paid().unwrap_or(0)
			),
			None => Err(anyhow::Error::new(e).context("registering the key failed")),
		},
	}
}

/// The running daemon: its keys, the limiter and what it remembers between blocks.
struct Daemon {
	chain: Chain,
	url: String,
	btc: bitcoin::secp256k1::Keypair,
	key: [u8; 32],
	signer: Keypair,
	account: AccountId32,
	args: RunArgs,
	limiter: RateLimiter,
	/// Vaults read so far (a vault never changes while it is kept).
	vaults: BTreeMap<VaultId, KnownVault>,
	/// Rounds refused, with the reason last logged: logged again only when it changes.
	refused: HashMap<RoundId, String>,
	/// Rounds the limiter already counted (a submission that failed in transit is sent again
	/// without counting it twice).
	counted: BTreeSet<RoundId>,
	/// Rounds given up after a refused submission, or that others completed.
	done: BTreeSet<RoundId>,
	/// Vaults whose key is ours under another account (warned once).
	foreign: BTreeSet<VaultId>,
}

/// What one pass over the finalized head did.
#[derive(Default, Debug)]
struct Pass {
	signed: u32,
	refused: u32,
	failed: u32,
}

fn now_secs() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Daemon {
	async fn start(url: &str, args: RunArgs) -> Result<Self> {
		let btc = btc_keypair(&args.id.key)?;
		let signer = account_keypair(&args.id.signer)?;
		let limiter = RateLimiter::load(&args.state, args.daily_share_bp, DEFAULT_WINDOW_SECS)?;
		let chain = connect(url).await?;
		let key = btc.x_only_public_key().0.serialize();
		let account = signer.public_key().to_account_id();
		log::info!(
			target: LOG,
			"key {} for {account}; node {url}; fee cap {} sat; limit {} bp of {} sat per {} s (state {})",
			hex(&key),
			args.max_fee_sat,
			limiter.share_bp(),
			args.vault_value_sat,
			limiter.window_secs(),
			args.state.display()
		);
		match chain.current_vault().await? {
			Some(v) => {
				let mine = v.members.iter().position(|(a, k)| *k == key && *a == account);
				let address = v.address.as_deref().map(String::from_utf8_lossy);
				log::info!(
					target: LOG,
					"current vault {}: {}-of-{} {} {}; this key is {}",
					v.id,
					v.threshold,
					v.members.len(),
					address.unwrap_or_else(|| hex(&v.script_pubkey).into()),
					String::from_utf8_lossy(&v.descriptor),
					match mine {
						Some(p) => format!("signer {p}"),
						None => "not one of its signers (register it and wait for the next session)".into(),
					}
				);
			},
			None => log::info!(target: LOG, "no vault yet"),
		}
		Ok(Self {
			chain,
			url: url.to_string(),
			btc,
			key,
			signer,
			account,
			args,
			limiter,
			vaults: BTreeMap::new(),
			refused: HashMap::new(),
			counted: BTreeSet::new(),
			done: BTreeSet::new(),
			foreign: BTreeSet::new(),
		})
	}

	async fn run(mut self) -> Result<()> {
		let mut last = None;
		loop {
			let head = self.chain.finalized_head().await;
			match head {
				Ok((hash, number)) if last != Some(hash) => match self.pass(hash, number).await {
					Ok(pass) => {
						last = Some(hash);
						if self.args.once {
							log::info!(
								target: LOG,
								"finalized #{number}: signed {} rounds, refused {}, failed {}",
								pass.signed,
								pass.refused,
								pass.failed
							);
							if pass.failed > 0 {
								bail!("{} submissions failed (see above)", pass.failed);
							}
							return Ok(());
						}
					},
					Err(e) if self.args.once => return Err(e),
					Err(e) => self.recover(e).await,
				},
				Ok(_) => {},
				Err(e) if self.args.once => return Err(e.into()),
				Err(e) => self.recover(e.into()).await,
			}
			tokio::time::sleep(Duration::from_secs(self.args.poll_interval)).await;
		}
	}

	/// After a failed pass while following: log, and reconnect if the connection dropped.
	async fn recover(&mut self, e: anyhow::Error) {
		log::warn!(target: LOG, "{e:#}; trying again at the next poll");
		let transport = e
			.downcast_ref::<ChainError>()
			.is_some_and(|c| matches!(c, ChainError::Transport(_)));
		if transport {
			if let Err(e) = self.chain.reconnect().await {
				log::warn!(target: LOG, "cannot reconnect to {}: {e}", self.url);
			}
		}
	}

	/// The vault `id` at `at`, read once.
	async fn vault(&mut self, id: VaultId, at: H256) -> Result<Option<&KnownVault>> {
		if !self.vaults.contains_key(&id) {
			if let Some(details) = self.chain.vault(id, at).await? {
				let known = KnownVault::new(&details, &self.key, &self.account);
				let ours_elsewhere =
					details.members.iter().any(|(a, k)| *k == self.key && *a != self.account);
				if known.position.is_none() && ours_elsewhere && self.foreign.insert(id) {
					log::warn!(
						target: LOG,
						"vault {id} lists this key for another account than {}: run with the account that registered it",
						self.account
					);
				}
				self.vaults.insert(id, known);
			}
		}
		Ok(self.vaults.get(&id))
	}

	/// Every open round at the finalized block `at`.
	async fn pass(&mut self, at: H256, number: u64) -> Result<Pass> {
		let rounds = self.chain.open_rounds(at).await?;
		log::debug!(target: LOG, "finalized #{number}: {} open rounds", rounds.len());
		let open: BTreeSet<RoundId> = rounds.iter().map(|r| r.id).collect();
		self.refused.retain(|id, _| open.contains(id));
		self.counted.retain(|id| open.contains(id));
		self.done.retain(|id| open.contains(id));
		let mut pass = Pass::default();
		for round in &rounds {
			if self.done.contains(&round.id) {
				continue;
			}
			let named = round
				.inputs
				.iter()
				.map(|i| i.input.vault)
				.chain(round.purpose.change)
				.collect::<BTreeSet<_>>();
			let mut vaults = BTreeMap::new();
			for id in named {
				if let Some(v) = self.vault(id, at).await? {
					vaults.insert(id, v.clone());
				}
			}
			if round.purpose.caller == tapchain_signer::bridge::BRIDGE_CALLER {
				if let Err(refusal) = self.check_bridge(round, at).await? {
					self.refuse(round, &Refused::Bridge(refusal));
					pass.refused += 1;
					continue;
				}
			}
			match plan::plan(round, &vaults, self.args.max_fee_sat) {
				Ok(None) => {
					log::debug!(target: LOG, "round {}: nothing for this key to sign", round.id)
				},
				Err(refusal) => {
					self.refuse(round, &refusal);
					pass.refused += 1;
				},
				Ok(Some(plan)) => match self.sign(round, &plan).await {
					Ok(true) => pass.signed += 1,
					Ok(false) => pass.refused += 1,
					Err(e) => {
						log::error!(target: LOG, "round {}: {e:#}", round.id);
						pass.failed += 1;
					},
				},
			}
		}
		Ok(pass)
	}

	/// Holds a bridge round to the bridge's records at the finalized block `at`: its batch,
	/// the batch's requests, and the light client's network for their addresses.
	async fn check_bridge(
		&self,
		round: &SigningRound,
		at: H256,
	) -> Result<Result<(), tapchain_signer::BridgeRefusal>> {
		let id = round.purpose.reference;
		let batch = self.chain.batch(id, Some(at)).await?;
		let round_batch = self.chain.round_batch(round.id, at).await?;
		let mut requests = Vec::new();
		if let Some(batch) = &batch {
			for w in &batch.withdrawals {
				requests.push((*w, self.chain.withdrawal_at(*w, at).await?));
			}
		}
		let network = self.chain.network_at(at).await?;
		Ok(tapchain_signer::check_bridge_round(
			round.id,
			&round.unsigned_tx,
			&round.purpose,
			batch.as_ref(),
			round_batch,
			&requests,
			network,
		))
	}

	fn refuse(&mut self, round: &SigningRound, refusal: &Refused) {
		let text = refusal.to_string();
		if self.refused.get(&round.id) != Some(&text) {
			log::warn!(
				target: LOG,
				"refusing round {} ({} {}): {text}",
				round.id,
				String::from_utf8_lossy(&round.purpose.caller),
				round.purpose.reference
			);
			self.refused.insert(round.id, text);
		} else {
			log::debug!(target: LOG, "round {} still refused: {text}", round.id);
		}
	}

	/// Holds `plan` to the limit, signs and submits it. `Ok(false)` if the limit refused it.
	async fn sign(&mut self, round: &SigningRound, plan: &plan::Plan) -> Result<bool> {
		let amount = plan.amount_sat();
		if !self.counted.contains(&round.id) {
			if let Err(e) = self.limiter.allow(now_secs(), self.args.vault_value_sat, amount) {
				self.refuse(round, &Refused::Limit(e));
				return Ok(false);
			}
			// Saved before the signatures leave: a crash must not forget what was signed.
			self.limiter.save(&self.args.state)?;
			self.counted.insert(round.id);
		}
		self.refused.remove(&round.id);
		let inputs: Vec<u32> = plan.to_sign.iter().map(|(i, _)| *i).collect();
		log::info!(
			target: LOG,
			"signing round {} ({} {}): inputs {inputs:?}; pays {} sat, change {} sat, fee {} sat",
			round.id,
			String::from_utf8_lossy(&round.purpose.caller),
			round.purpose.reference,
			plan.checked.outgoing_sat,
			plan.checked.change_sat,
			plan.checked.fee_sat
		);
		let signatures = plan::sign(&self.btc, plan);
		match self
			.chain
			.submit_signatures(round.id, &signatures, &self.signer, Wait::Finalized)
			.await
		{
			Ok(accepted) => {
				log::info!(
					target: LOG,
					"round {}: signatures accepted for {} inputs in block {:?} (fee {})",
					round.id,
					accepted.inputs,
					accepted.receipt.block,
					accepted.receipt.fee
				);
				if let Some(txid) = accepted.completed {
					let mut display = txid;
					display.reverse();
					log::info!(target: LOG, "round {} complete: txid {}", round.id, hex(&display));
				}
				self.done.insert(round.id);
				Ok(true)
			},
			Err(e) => match policy::verdict(&e) {
				Verdict::Raced(why) => {
					log::info!(target: LOG, "round {}: not needed any more ({why})", round.id);
					self.done.insert(round.id);
					Ok(true)
				},
				Verdict::Retry => Err(anyhow::Error::new(e)
					.context("submitting the signatures failed; trying again at the next block")),
				Verdict::GiveUp(why) => {
					self.done.insert(round.id);
					Err(anyhow!(
						"submitting the signatures was refused: {why} (fee paid: {}); not sending them again",
						e.paid().unwrap_or(0)
					))
				},
			},
		}
	}
}
