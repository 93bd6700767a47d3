//! A connection to a Tapchain node over subxt: the light client's and the threshold signer's
//! runtime APIs, storage, constants and calls, all through the types generated from the
//! runtime's metadata ([`crate::tapchain`]).
//!
//! Reads are made at the node's **best** block, not the finalized one: a daemon deciding what
//! to submit next (for example, which headers the light client still lacks) must see what the
//! next block will be built on, including what other submitters got in a moment ago. The
//! exceptions take the block to read at ([`Chain::open_rounds`], [`Chain::vault`]): a signer
//! signs only what is final ([`Chain::finalized_head`]), so that a round it signs cannot be
//! reorganized into another.

use crate::{
	error::{status_refusal, ChainError},
	tapchain::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
};
use subxt::{
	client::OnlineClientAtBlock,
	config::polkadot::PolkadotExtrinsicParamsBuilder,
	error::TransactionProgressError,
	extrinsics::ExtrinsicEvents,
	transactions::{Payload, TransactionInvalid, TransactionStatus, ValidationResult},
	utils::{AccountId32, Static, H256},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;
use tapchain_primitives::{
	bridge::{BatchId, BridgeTotals, DepositStatus, OutPoint, Utxo, WithdrawalId},
	btc::{BtcNetwork, SpvError, TxInclusion},
	signer::{
		BtcOutput, Purpose, RoundDetails, RoundId, RoundStatus, VaultDetails, VaultId, VaultInput,
	},
};

type AtBlock = OnlineClientAtBlock<PolkadotConfig>;
type Rpc = subxt::rpcs::LegacyRpcMethods<subxt::config::RpcConfigFor<PolkadotConfig>>;

/// A connection to a Tapchain node.
pub struct Chain {
	api: OnlineClient<PolkadotConfig>,
	rpc: Rpc,
	url: String,
	codegen_matches: bool,
}

/// How long [`Chain::submit_headers`] and the other calls wait.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Wait {
	/// Until the transaction is in a best block (and succeeded there).
	BestBlock,
	/// Until its block is finalized (and it succeeded there).
	Finalized,
}

/// What an included, successful transaction did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
	/// The block it is in.
	pub block: H256,
	/// The fee it paid, in base units (`TransactionPayment.TransactionFeePaid`'s `actual_fee`
	/// plus `tip`; 0 for a free call).
	pub fee: u128,
	/// For `submit_headers`: the headers `BtcLightClient.RelayerCredited` credited to the
	/// signer, if the batch moved the best chain.
	pub credited: Option<u32>,
}

/// What an accepted `ThresholdSigner.register_key` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRegistration {
	/// Where it landed and what it paid.
	pub receipt: Receipt,
	/// The account's previous key, which this one replaces at the next signer-set change.
	pub replaced: Option<[u8; 32]>,
}

/// What an accepted `ThresholdSigner.submit_signatures` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignaturesAccepted {
	/// Where it landed and what it paid (nothing, when every signature was valid).
	pub receipt: Receipt,
	/// Inputs the signatures were added to (`ThresholdSigner.Signed`).
	pub inputs: u32,
	/// The signed transaction's txid (internal byte order), if these signatures completed the
	/// round (`ThresholdSigner.RoundCompleted`).
	pub completed: Option<[u8; 32]>,
}

/// One input of a [`SigningRound`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningInput {
	/// The vault whose output it spends, and that output (from the round, not from Bitcoin).
	pub input: VaultInput,
	/// The BIP-341 script-path sighash the runtime computed for the vault's `multi_a` leaf.
	pub sighash: [u8; 32],
	/// Positions, in the vault's member (key) order, of the signers whose signature it holds.
	pub signed: Vec<u16>,
}

/// A signing round as `ThresholdSigner.Rounds` stores it: unlike the runtime API's
/// [`RoundDetails`], it holds each input's prevout, which a signer needs to check the fee and
/// compute the sighash itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningRound {
	/// Its id.
	pub id: RoundId,
	/// Open or complete.
	pub status: RoundStatus,
	/// Who asked, and what the transaction must pay.
	pub purpose: Purpose,
	/// The unsigned transaction (consensus encoding).
	pub unsigned_tx: Vec<u8>,
	/// One per transaction input.
	pub inputs: Vec<SigningInput>,
	/// Accounts that contributed a valid signature, in order of arrival.
	pub signed_by: Vec<AccountId32>,
	/// The block it was opened in.
	pub opened: u32,
}

/// What an accepted `BtcBridge.submit_deposit` did (its events).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DepositReceipt {
	/// Where it landed and what it paid (nothing: a deposit that credits is free).
	pub receipt: Option<Receipt>,
	/// `(vout, account, base units)` of each credited output (`DepositCredited`).
	pub credited: Vec<(u32, AccountId32, u128)>,
	/// `(vout, sats)` of each output kept unclaimed (`DepositUnclaimed`).
	pub unclaimed: Vec<(u32, u64)>,
}

/// Where a bridge batch is (`BtcBridge.Batches`' status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchProgress {
	/// Being signed; no version is signed yet.
	Signing,
	/// A version is signed, at Bitcoin best height `at` (the fee-bump timeout counts from it).
	Signed { at: u32 },
	/// Version `txid` was proven in a Bitcoin block at `height`, not yet confirmed enough.
	Broadcast { txid: [u8; 32], height: u32 },
	/// Version `txid` is confirmed: the batch is done.
	Completed { txid: [u8; 32], height: u32 },
}

/// A bridge batch as `BtcBridge.Batches` stores it: what a relayer and a signer check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchView {
	/// Its id.
	pub id: BatchId,
	/// A sweep (pays only the vault) rather than withdrawals.
	pub sweep: bool,
	/// The withdrawals it pays, in output order.
	pub withdrawals: Vec<WithdrawalId>,
	/// The vault outputs it spends, in input order.
	pub inputs: Vec<OutPoint>,
	/// The vault its change goes to.
	pub change_vault: VaultId,
	/// Its fee versions, oldest first: `(round, txid (internal order), fee in sats)`.
	pub versions: Vec<(RoundId, [u8; 32], u64)>,
	/// Where it is.
	pub progress: BatchProgress,
}

/// A withdrawal request as `BtcBridge.Withdrawals` stores it: what a signer checks a batch's
/// payments against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithdrawalView {
	/// Satoshis the address receives.
	pub amount: u64,
	/// The scriptPubKey the runtime derived from the address.
	pub script_pubkey: Vec<u8>,
	/// The address as the user gave it.
	pub address: Vec<u8>,
	/// The batch it is in, if batched.
	pub batch: Option<BatchId>,
}

impl SigningRound {
	fn from_storage(
		id: RoundId,
		round: tapchain::runtime_types::pallet_threshold_signer::types::Round,
	) -> Self {
		let output = |o: tapchain::runtime_types::pallet_threshold_signer::types::StoredOutput| {
			BtcOutput { value: o.value, script_pubkey: o.script_pubkey.0 }
		};
		let Static(status) = round.status;
		SigningRound {
			id,
			status,
			purpose: Purpose {
				caller: round.purpose.caller,
				reference: round.purpose.reference,
				payments: round.purpose.payments.0.into_iter().map(output).collect(),
				change: round.purpose.change,
			},
			unsigned_tx: round.unsigned_tx.0,
			inputs: round
				.inputs
				.0
				.into_iter()
				.map(|i| SigningInput {
					input: VaultInput { vault: i.vault, prevout: output(i.prevout) },
					sighash: i.sighash,
					signed: i.signatures.0.into_iter().map(|(position, _)| position).collect(),
				})
				.collect(),
			signed_by: round.signed_by.0,
			opened: round.opened,
		}
	}
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let unreachable = |e: &dyn std::fmt::Display| {
			ChainError::Transport(format!(
				"cannot connect to the Tapchain node at {url} ({e}); is tapchain-node running with --rpc-port?"
			))
		};
		let client = subxt::rpcs::RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| unreachable(&e))?;
		let api = OnlineClient::<PolkadotConfig>::from_rpc_client(client.clone())
			.await
			.map_err(|e| unreachable(&e))?;
		let rpc = Rpc::new(client);
		let mut chain = Self { api, rpc, url: url.to_string(), codegen_matches: true };
		let at = chain.at_best().await?;
		chain.codegen_matches = codegen_matches_node(&at).await?;
		Ok(chain)
	}

	/// [`Chain::connect`] for the daemon `name` (also its log target), warning in its log when
	/// the node's metadata is not the one this crate was generated from
	/// ([`Chain::codegen_matches`]).
	pub async fn connect_as(url: &str, name: &str) -> Result<Self, ChainError> {
		let chain = Self::connect(url).await?;
		if !chain.codegen_matches() {
			log::warn!(
				target: name,
				"the node's runtime metadata differs from the one this {name} was built with; each call is still checked against it, but rebuild the {name} for this runtime"
			);
		}
		Ok(chain)
	}

	/// Connects again to the same node (after a [`ChainError::Transport`]).
	pub async fn reconnect(&mut self) -> Result<(), ChainError> {
		*self = Self::connect(&self.url).await?;
		Ok(())
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// Whether the node's metadata equals, for every pallet and runtime API, the metadata this
	/// crate was generated from (compared at V15, the version of `metadata/tapchain.scale`).
	/// When it does not, calls still work as long as the ones used did not change (subxt checks
	/// each one), but the client should be rebuilt.
	pub fn codegen_matches(&self) -> bool {
		self.codegen_matches
	}

	/// A client at the node's best block.
	pub(crate) async fn at_best(&self) -> Result<AtBlock, ChainError> {
		let hash = self.rpc.chain_get_block_hash(None).await?.ok_or_else(|| {
			ChainError::Transport(format!("the node at {} has no best block", self.url))
		})?;
		Ok(self.api.at_block(hash).await?)
	}

	/// The runtime's `BtcLightClient::MaxHeadersPerBatch`.
	pub async fn max_headers_per_batch(&self) -> Result<u32, ChainError> {
		let at = self.at_best().await?;
		Ok(at
			.constants()
			.entry(tapchain::constants().btc_light_client().max_headers_per_batch())?)
	}

	/// The chain's block time: Aura's `SlotDuration` (one block per slot).
	pub async fn block_time(&self) -> Result<std::time::Duration, ChainError> {
		let at = self.at_best().await?;
		let ms = at.constants().entry(tapchain::constants().aura().slot_duration())?;
		Ok(std::time::Duration::from_millis(ms))
	}

	/// The light client's network, if initialized.
	pub async fn network(&self) -> Result<Option<BtcNetwork>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		Ok(at.runtime_apis().call(api.network()).await?.map(|Static(n)| n))
	}

	/// Height and internal-order hash of the light client's best block.
	pub async fn best_block(&self) -> Result<Option<(u32, [u8; 32])>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		Ok(at.runtime_apis().call(api.best_block()).await?)
	}

	/// The best-chain header at `height`, if stored.
	pub async fn header_at(&self, height: u32) -> Result<Option<[u8; 80]>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		Ok(at.runtime_apis().call(api.header_at(height)).await?)
	}

	/// Headers `account` got onto the light client's best chain (its relayer credits).
	pub async fn relayer_credits(&self, account: &AccountId32) -> Result<u64, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		Ok(at.runtime_apis().call(api.relayer_credits(account.clone())).await?)
	}

	/// Checks a `gettxoutproof` proof through the runtime, as the bridges will.
	pub async fn verify_tx_inclusion(
		&self,
		raw_tx: Vec<u8>,
		proof: Vec<u8>,
		min_confirmations: u32,
	) -> Result<Result<TxInclusion, SpvError>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		let answer = at
			.runtime_apis()
			.call(api.verify_tx_inclusion(raw_tx, proof, min_confirmations))
			.await?;
		Ok(answer.map(|Static(i)| i).map_err(|Static(e)| e))
	}

	/// The chain's genesis hash: what the threshold signer's proof of possession commits to
	/// (the pallet reads it as `System.BlockHash(0)`, which holds it from block 1 on).
	pub fn genesis_hash(&self) -> [u8; 32] {
		self.api.genesis_hash().0
	}

	/// The node's finalized head: its hash and number.
	pub async fn finalized_head(&self) -> Result<(H256, u64), ChainError> {
		let hash = self.rpc.chain_get_finalized_head().await?;
		let at = self.api.at_block(hash).await?;
		Ok((hash, at.block_number()))
	}

	/// Every round in `ThresholdSigner.Rounds` at block `at` whose status is `Open`, by id.
	pub async fn open_rounds(&self, at: H256) -> Result<Vec<SigningRound>, ChainError> {
		let at = self.api.at_block(at).await?;
		let mut entries =
			at.storage().iter(tapchain::storage().threshold_signer().rounds(), ()).await?;
		let mut rounds = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			let (id,) = entry.key()?.decode()?;
			let round = SigningRound::from_storage(id, entry.value().decode()?);
			if round.status == RoundStatus::Open {
				rounds.push(round);
			}
		}
		rounds.sort_by_key(|r| r.id);
		Ok(rounds)
	}

	/// Vault `id` at block `at`, as the runtime API shows it (members, scriptPubKey, leaves).
	pub async fn vault(
		&self,
		id: VaultId,
		at: H256,
	) -> Result<Option<VaultDetails<AccountId32>>, ChainError> {
		let at = self.api.at_block(at).await?;
		let api = tapchain::runtime_apis().threshold_signer_api();
		Ok(at.runtime_apis().call(api.vault(id)).await?.map(|Static(v)| v))
	}

	/// The vault deposits pay now, at the best block.
	pub async fn current_vault(&self) -> Result<Option<VaultDetails<AccountId32>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().threshold_signer_api();
		Ok(at.runtime_apis().call(api.current_vault()).await?.map(|Static(v)| v))
	}

	/// Round `id` at the best block, as the runtime API shows it (with the signed transaction
	/// once complete).
	pub async fn round(
		&self,
		id: RoundId,
	) -> Result<Option<RoundDetails<AccountId32>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().threshold_signer_api();
		Ok(at.runtime_apis().call(api.round(id)).await?.map(|Static(r)| r))
	}

	/// Confirmations the BTC bridge requires of a deposit or a batch (`BtcBridge.Confirmations`).
	pub async fn bridge_confirmations(&self) -> Result<u32, ChainError> {
		let at = self.at_best().await?;
		Ok(at
			.storage()
			.fetch(tapchain::storage().btc_bridge().confirmations(), ())
			.await?
			.decode()?)
	}

	/// Bitcoin blocks after which a signed, unconfirmed batch may be fee-bumped
	/// (`BtcBridge::BumpAfter`).
	pub async fn bump_after(&self) -> Result<u32, ChainError> {
		let at = self.at_best().await?;
		Ok(at.constants().entry(tapchain::constants().btc_bridge().bump_after())?)
	}

	/// The scriptPubKeys deposits are credited to now, current vault first.
	pub async fn deposit_scripts(&self) -> Result<Vec<Vec<u8>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		Ok(at.runtime_apis().call(api.deposit_scripts()).await?)
	}

	/// A deposit by txid (internal byte order).
	pub async fn deposit_status(&self, txid: [u8; 32]) -> Result<DepositStatus, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		let Static(status) = at.runtime_apis().call(api.deposit_status(H256(txid))).await?;
		Ok(status)
	}

	/// Every batch with a signed version and no completion yet, with that transaction.
	pub async fn pending_batches(&self) -> Result<Vec<(BatchId, Vec<u8>)>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		Ok(at.runtime_apis().call(api.pending_batches()).await?)
	}

	/// The batch one of whose versions has `txid` (internal order), if any.
	pub async fn batch_of_txid(&self, txid: [u8; 32]) -> Result<Option<BatchId>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		Ok(at.runtime_apis().call(api.batch_of_txid(H256(txid))).await?)
	}

	/// Every tracked vault UTXO.
	pub async fn bridge_utxos(&self) -> Result<Vec<(OutPoint, Utxo)>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		let utxos = at.runtime_apis().call(api.utxos()).await?;
		Ok(utxos.into_iter().map(|(Static(o), Static(u))| (o, u)).collect())
	}

	/// The bridge's books.
	pub async fn bridge_totals(&self) -> Result<BridgeTotals, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().btc_bridge_api();
		let Static(totals) = at.runtime_apis().call(api.totals()).await?;
		Ok(totals)
	}

	/// Batch `id` at the best block, or at block `at`.
	pub async fn batch(
		&self,
		id: BatchId,
		at: Option<H256>,
	) -> Result<Option<BatchView>, ChainError> {
		use tapchain::runtime_types::pallet_btc_bridge::types::{BatchKind, BatchStatus};
		let at = match at {
			Some(hash) => self.api.at_block(hash).await?,
			None => self.at_best().await?,
		};
		let Some(value) = at
			.storage()
			.try_fetch(tapchain::storage().btc_bridge().batches(), (id,))
			.await?
		else {
			return Ok(None);
		};
		let batch = value.decode()?;
		let progress = match batch.status {
			BatchStatus::Signing => BatchProgress::Signing,
			BatchStatus::Signed { at } => BatchProgress::Signed { at },
			BatchStatus::Broadcast { txid, height, .. } => {
				BatchProgress::Broadcast { txid: txid.0, height }
			},
			BatchStatus::Completed { txid, height } => {
				BatchProgress::Completed { txid: txid.0, height }
			},
		};
		Ok(Some(BatchView {
			id,
			sweep: matches!(batch.kind, BatchKind::Sweep),
			withdrawals: batch.withdrawals.0,
			inputs: batch.inputs.0.into_iter().map(|Static(o)| o).collect(),
			change_vault: batch.change_vault,
			versions: batch.versions.0.into_iter().map(|v| (v.round, v.txid.0, v.fee)).collect(),
			progress,
		}))
	}

	/// Withdrawal `id` at block `at`.
	pub async fn withdrawal_at(
		&self,
		id: WithdrawalId,
		at: H256,
	) -> Result<Option<WithdrawalView>, ChainError> {
		use tapchain::runtime_types::pallet_btc_bridge::types::WithdrawalState;
		let at = self.api.at_block(at).await?;
		let Some(value) = at
			.storage()
			.try_fetch(tapchain::storage().btc_bridge().withdrawals(), (id,))
			.await?
		else {
			return Ok(None);
		};
		let w = value.decode()?;
		Ok(Some(WithdrawalView {
			amount: w.amount,
			script_pubkey: w.script_pubkey.0,
			address: w.address.0,
			batch: match w.state {
				WithdrawalState::Batched(b) => Some(b),
				_ => None,
			},
		}))
	}

	/// The batch of the bridge's signing round `round` at block `at` (`BtcBridge.RoundBatch`).
	pub async fn round_batch(
		&self,
		round: RoundId,
		at: H256,
	) -> Result<Option<BatchId>, ChainError> {
		let at = self.api.at_block(at).await?;
		match at
			.storage()
			.try_fetch(tapchain::storage().btc_bridge().round_batch(), (round,))
			.await?
		{
			Some(v) => Ok(Some(v.decode()?)),
			None => Ok(None),
		}
	}

	/// The light client's network at block `at`.
	pub async fn network_at(&self, at: H256) -> Result<Option<BtcNetwork>, ChainError> {
		let at = self.api.at_block(at).await?;
		let api = tapchain::runtime_apis().btc_light_client_api();
		Ok(at.runtime_apis().call(api.network()).await?.map(|Static(n)| n))
	}

	/// `BtcBridge.submit_deposit(raw_tx, proof)`, signed by `signer`. Free when it credits; a
	/// refusal comes back as [`ChainError::Module`] with its fee (e.g. `InsufficientConfirmations`),
	/// and a deposit another relayer already credited as a `Stale` pool refusal, before any fee.
	pub async fn submit_deposit(
		&self,
		raw_tx: Vec<u8>,
		proof: Vec<u8>,
		signer: &Keypair,
		wait: Wait,
	) -> Result<DepositReceipt, ChainError> {
		let call = tapchain::tx()
			.btc_bridge()
			.submit_deposit(BoundedVec(raw_tx), BoundedVec(proof));
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
		let mut out = DepositReceipt { receipt: Some(receipt), ..Default::default() };
		for e in events.find::<tapchain::btc_bridge::events::DepositCredited>() {
			let e = e.map_err(undecodable)?;
			out.credited.push((e.vout, e.who, e.amount));
		}
		for e in events.find::<tapchain::btc_bridge::events::DepositUnclaimed>() {
			let e = e.map_err(undecodable)?;
			out.unclaimed.push((e.vout, e.sats));
		}
		Ok(out)
	}

	/// `BtcBridge.submit_batch_proof(batch, raw_tx, proof)`, signed by `signer`. Returns
	/// whether it completed the batch (`BatchCompleted`) rather than marking it broadcast.
	/// A proof of a completed batch is a `Stale` pool refusal; one that shows nothing new
	/// (`NoProgress`) pays its fee.
	pub async fn submit_batch_proof(
		&self,
		batch: BatchId,
		raw_tx: Vec<u8>,
		proof: Vec<u8>,
		signer: &Keypair,
		wait: Wait,
	) -> Result<(Receipt, bool), ChainError> {
		let call = tapchain::tx().btc_bridge().submit_batch_proof(
			batch,
			BoundedVec(raw_tx),
			BoundedVec(proof),
		);
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let completed = events
			.find::<tapchain::btc_bridge::events::BatchCompleted>()
			.any(|e| e.is_ok_and(|e| e.id == batch));
		Ok((receipt, completed))
	}

	/// `BtcBridge.bump_fee(batch)`, signed by `signer`: free when it opens a new version.
	/// Returns the new version's txid (internal order) and fee (sats).
	pub async fn bump_fee(
		&self,
		batch: BatchId,
		signer: &Keypair,
		wait: Wait,
	) -> Result<(Receipt, Option<([u8; 32], u64)>), ChainError> {
		let call = tapchain::tx().btc_bridge().bump_fee(batch);
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let bumped = events
			.find::<tapchain::btc_bridge::events::FeeBumped>()
			.filter_map(Result::ok)
			.find(|e| e.id == batch)
			.map(|e| (e.txid.0, e.fee));
		Ok((receipt, bumped))
	}

	/// `ThresholdSigner.register_key(key, proof)`, signed by `signer`, waiting for finality.
	/// A refusal comes back as [`ChainError::Module`], e.g. `ThresholdSigner.NotValidator` for
	/// an account without session keys, `BadProof` for a proof over another chain, account or
	/// key.
	pub async fn register_key(
		&self,
		key: [u8; 32],
		proof: [u8; 64],
		signer: &Keypair,
	) -> Result<KeyRegistration, ChainError> {
		use tapchain::runtime_types::pallet_threshold_signer::types::BtcKey;
		let call = tapchain::tx().threshold_signer().register_key(BtcKey(key), proof);
		let (events, receipt) = self.submit(&call, signer, Wait::Finalized).await?;
		let mut registered = None;
		for event in events.find::<tapchain::threshold_signer::events::KeyRegistered>() {
			let event = event.map_err(|e| ChainError::Incompatible(e.to_string()))?;
			if event.key.0 == key {
				registered = Some(event.replaced.map(|k| k.0));
			}
		}
		let replaced = registered.ok_or_else(|| {
			ChainError::Incompatible("register_key succeeded without a KeyRegistered event".into())
		})?;
		Ok(KeyRegistration { receipt, replaced })
	}

	/// `ThresholdSigner.submit_signatures(round, signatures)`: `(input index, BIP-340
	/// signature)` pairs, signed by `signer`. Free when every signature is valid; a refusal
	/// (`BadSignature`, `DuplicateSignature`, `RoundComplete`, `InputsComplete`, ...) comes
	/// back as [`ChainError::Module`] with the fee it paid.
	pub async fn submit_signatures(
		&self,
		round: RoundId,
		signatures: &[(u32, [u8; 64])],
		signer: &Keypair,
		wait: Wait,
	) -> Result<SignaturesAccepted, ChainError> {
		let call = tapchain::tx()
			.threshold_signer()
			.submit_signatures(round, BoundedVec(signatures.to_vec()));
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let mut accepted = SignaturesAccepted { receipt, inputs: 0, completed: None };
		for signed in events.find::<tapchain::threshold_signer::events::Signed>() {
			let signed = signed.map_err(|e| ChainError::Incompatible(e.to_string()))?;
			if signed.id == round {
				accepted.inputs += signed.inputs;
			}
		}
		for done in events.find::<tapchain::threshold_signer::events::RoundCompleted>() {
			let done = done.map_err(|e| ChainError::Incompatible(e.to_string()))?;
			if done.id == round {
				accepted.completed = Some(done.txid);
			}
		}
		Ok(accepted)
	}

	/// `BtcLightClient.submit_headers(headers)`, signed by `signer`.
	///
	/// On success the receipt says what the batch was paid and credited. A batch the runtime
	/// refuses comes back as [`ChainError::Module`] with the fee it paid, e.g.
	/// `BtcLightClient.DuplicateHeader` when it held no header the light client lacked.
	pub async fn submit_headers(
		&self,
		headers: &[[u8; 80]],
		signer: &Keypair,
		wait: Wait,
	) -> Result<Receipt, ChainError> {
		let call = tapchain::tx().btc_light_client().submit_headers(BoundedVec(headers.to_vec()));
		let (events, mut receipt) = self.submit(&call, signer, wait).await?;
		let signer_id = signer.public_key().to_account_id();
		for credited in events.find::<tapchain::btc_light_client::events::RelayerCredited>() {
			let credited = credited.map_err(|e| ChainError::Incompatible(e.to_string()))?;
			if credited.relayer == signer_id {
				receipt.credited = Some(receipt.credited.unwrap_or(0) + credited.headers);
			}
		}
		Ok(receipt)
	}

	/// `Sudo.sudo(BtcLightClient.initialize(network, header, height))`: dev and local chains
	/// only, where `signer` is the sudo key. The inner call's error (`Sudo.Sudid`'s result) is
	/// returned as that call's [`ChainError::Module`], e.g. `BtcLightClient.AlreadyInitialized`.
	pub async fn initialize(
		&self,
		network: BtcNetwork,
		header: [u8; 80],
		height: u32,
		signer: &Keypair,
	) -> Result<Receipt, ChainError> {
		let inner = tapchain::Call::BtcLightClient(tapchain::btc_light_client::Call::initialize {
			network: Static(network),
			header,
			height,
		});
		let call = tapchain::tx().sudo().sudo(inner);
		let (events, receipt) = self.submit(&call, signer, Wait::Finalized).await?;
		let at = self.api.at_block(receipt.block).await?;
		for sudid in events.find::<tapchain::sudo::events::Sudid>() {
			let sudid = sudid.map_err(|e| ChainError::Incompatible(e.to_string()))?;
			if let Err(e) = sudid.sudo_result {
				return Err(ChainError::from_dispatch(at.metadata_ref(), &e, receipt.fee));
			}
		}
		Ok(receipt)
	}

	/// Signs `call` with `signer`, checks it against the runtime's transaction validation, submits
	/// it, and waits as `wait` says. Returns the extrinsic's events and its receipt, or the
	/// classified failure.
	///
	/// The nonce comes from the node's pool-aware `system_accountNextIndex`, so transactions can
	/// follow each other without waiting for finality.
	pub(crate) async fn submit<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keypair,
		wait: Wait,
	) -> Result<(ExtrinsicEvents<PolkadotConfig>, Receipt), ChainError> {
		let account = signer.public_key().to_account_id();
		let nonce = self.rpc.system_account_next_index(&account).await?;
		let params = PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
		let at = self.at_best().await?;
		let tx = at.transactions().create_signed(call, signer, params).await?;

		// The runtime's own verdict, typed, before anything is sent: a transaction the pool
		// would refuse never reaches it. `Future` is fine: the pool queues it behind the
		// signer's pending transactions.
		match tx.validate().await? {
			ValidationResult::Valid(_) | ValidationResult::Invalid(TransactionInvalid::Future) => {
			},
			ValidationResult::Invalid(reason) => {
				return Err(ChainError::Pool(crate::PoolRefusal::Invalid(reason)))
			},
			ValidationResult::Unknown(reason) => {
				return Err(ChainError::Pool(crate::PoolRefusal::Unknown(reason)))
			},
		}

		let mut progress = tx.submit_and_watch().await?;
		while let Some(status) = progress.next().await {
			match status.map_err(progress_error)? {
				TransactionStatus::InBestBlock(b) => {
					let events = b.fetch_events().await?;
					let receipt = outcome(&at, b.block_hash(), &events)?;
					if wait == Wait::BestBlock {
						return Ok((events, receipt));
					}
				},
				// The finalized block may not be the best block seen before: read it again.
				TransactionStatus::InFinalizedBlock(b) => {
					let events = b.fetch_events().await?;
					let receipt = outcome(&at, b.block_hash(), &events)?;
					return Ok((events, receipt));
				},
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => {
					return Err(ChainError::Pool(crate::PoolRefusal::Dropped(message)))
				},
				TransactionStatus::Validated
				| TransactionStatus::Broadcasted
				| TransactionStatus::NoLongerInBestBlock => {},
			}
		}
		Err(ChainError::Transport(format!(
			"the node at {} closed the transaction's status stream before inclusion",
			self.url
		)))
	}
}

/// Whether the node's V15 metadata (the version [`crate::METADATA`] holds) equals ours for every
/// pallet and runtime API. subxt's own metadata is the node's newest version, whose hash differs
/// even when nothing this crate uses changed.
async fn codegen_matches_node(at: &AtBlock) -> Result<bool, ChainError> {
	use subxt::ext::codec::Decode;
	let answer = at
		.runtime_apis()
		.call_raw("Metadata_metadata_at_version", Some(&15u32.to_le_bytes()))
		.await?;
	let undecodable = |e: &dyn std::fmt::Display| {
		ChainError::Incompatible(format!("the node's V15 metadata does not decode ({e})"))
	};
	let Some(bytes) = Option::<Vec<u8>>::decode(&mut &answer[..]).map_err(|e| undecodable(&e))?
	else {
		return Ok(false);
	};
	let metadata = subxt::Metadata::decode_from(&bytes).map_err(|e| undecodable(&e))?;
	Ok(tapchain::is_codegen_valid_for(&metadata))
}

fn progress_error(e: TransactionProgressError) -> ChainError {
	match &e {
		TransactionProgressError::CannotGetNextProgressUpdate(backend) => {
			ChainError::from_backend(backend, false)
		},
		TransactionProgressError::TransactionStatusError(status) => status_refusal(status),
		_ => ChainError::Transport(e.to_string()),
	}
}

/// The receipt of an included extrinsic, or its failure (`System.ExtrinsicFailed`) with the
/// fee it paid.
fn outcome(
	at: &AtBlock,
	block: H256,
	events: &ExtrinsicEvents<PolkadotConfig>,
) -> Result<Receipt, ChainError> {
	let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
	let fee = match events.find_first::<tapchain::transaction_payment::events::TransactionFeePaid>()
	{
		Some(paid) => {
			let paid = paid.map_err(undecodable)?;
			paid.actual_fee.saturating_add(paid.tip)
		},
		None => 0,
	};
	if let Some(failed) = events.find_first::<tapchain::system::events::ExtrinsicFailed>() {
		let failed = failed.map_err(undecodable)?;
		return Err(ChainError::from_dispatch(at.metadata_ref(), &failed.dispatch_error, fee));
	}
	Ok(Receipt { block, fee, credited: None })
}
