//! # BTC bridge pallet
//!
//! Native BTC in and out of Tapchain, with nothing trusted between Bitcoin and the chain but
//! the light client (which proves what Bitcoin confirmed) and 2/3 of the validators (who hold
//! the vault's keys, and sign only what the runtime asks for).
//!
//! ## Terminology
//!
//! - **Vault**: the threshold signers' Taproot output of one signer set
//!   ([`ThresholdSigning`]). The bridge *knows* every vault made while it ran
//!   ([`KnownVaults`]); deposits are credited to the current one and, until their grace period
//!   ends, to replaced ones.
//! - **Tracked UTXO** ([`Utxos`]): a vault output the bridge holds: credited and unclaimed
//!   deposits, and the change of its own transactions.
//! - **Outstanding** ([`Outstanding`]): native BTC the bridge minted and nobody has burnt.
//!   The invariant is `Outstanding ≤ 100 × Σ tracked UTXO sats`; exactly,
//!   `100 × UtxoTotal = Outstanding + 100 × (unclaimed + reserve + what withdrawals still owe)`.
//! - **Fee reserve** ([`FeeReserve`]): sats in the vault that belong to nobody. A share of
//!   each withdrawal fee ([`Config::ReserveShare`]) and [`Pallet::fund_reserve`] fill it;
//!   fee bumps, sweeps and batches too small to pay their own fixed part draw from it.
//! - **Batch** ([`Batches`]): one Bitcoin transaction the bridge has the vault sign: it pays
//!   withdrawals, or sweeps coins to the current vault. Every version of it (fee bumps) spends
//!   the same inputs and pays the same outputs; only the change differs.
//!
//! ## Flows
//!
//! **Deposit.** A user pays a vault address, with an `OP_RETURN <20 or 32 bytes>` naming an
//! EVM address (credited to its mapped account, so `eth_getBalance` shows it) or an account.
//! Anyone submits the raw transaction and its `gettxoutproof` ([`Pallet::submit_deposit`]):
//! the light client checks it has [`Confirmations`]; each output paying a known vault is
//! credited, exactly `sats × 100` base units, and tracked. Its txid is never credited again
//! ([`CreditedTxids`], which the MBTC bridge shares through [`TxidRegistry`]). A successful
//! proof is free. An output below [`Config::MinDeposit`], or a deposit without a valid
//! recipient, is kept as [`UnclaimedDeposits`]: the key that spent the deposit's first input
//! claims it ([`Pallet::claim_deposit`]), or governance refunds it
//! ([`Pallet::refund_unclaimed`]; one too small to pay for its refund joins the fee reserve).
//! Unclaimed deposits hold at most a quarter of [`Config::MaxUtxos`], so that dust sent to a
//! vault never crowds out credited deposits. A new account's existential deposit is paid by
//! the fee reserve when it can, so that the whole deposit is spendable (`eth_getBalance`
//! shows exactly `sats × 10^10` wei). On a network that is not secure for value (every one
//! but mainnet) deposits are refused unless the chain spec opts in ([`AllowInsecure`]).
//!
//! **Withdrawal.** A user burns BTC and names a standard address of the light client's
//! network ([`Pallet::withdraw`], or the Solidity precompile). The amount must be whole sats
//! and at least [`Config::MinWithdrawal`]. The fee it pays is quoted for a batch of one at
//! the fee rate (the higher of [`FeeRate`] and [`Config::FeeRateOracle`]), plus the reserve
//! share. Every [`Config::BatchInterval`] blocks, or as soon as [`Config::MaxBatch`] are
//! queued, the queue is batched, oldest first, skipping (for a later batch) a request the
//! free coins cannot pay so that it holds up nobody behind it: the fee each pays is its own
//! output's vbytes plus an equal
//! share of the rest of the transaction, at its own request's rate; what it paid beyond that
//! is refunded at once ([`Event::FeeRefunded`]). The threshold signers sign the transaction;
//! a relayer broadcasts it and proves it ([`Pallet::submit_batch_proof`]), which completes
//! the withdrawals and updates the tracked UTXOs. While queued, a withdrawal can be cancelled
//! and is refunded whole.
//!
//! **Coin selection: largest first.** Each input of a 2/3 `multi_a` spend carries `k`
//! signatures and the leaf of every key: 100 to 600 vbytes, far more than an output. The
//! fewest inputs is the cheapest batch, so the bridge takes the largest free UTXOs until they
//! cover the payments, the fee and a change output. Small deposits are consolidated by the
//! sweeps below rather than dragged into every batch.
//!
//! **Stuck transactions.** If a signed batch has no confirmation [`Config::BumpAfter`]
//! Bitcoin blocks after it was signed, anyone may [`Pallet::bump_fee`]: a new round over the
//! same inputs and outputs with a higher fee (BIP-125: every input signals replaceability),
//! the difference drawn from the reserve. Whichever version confirms completes the batch; all
//! versions' txids are known, so none can ever be credited as a deposit or reported as theft.
//!
//! **Rotation, refresh and consolidation: sweeps.** When the signer set changes, the replaced
//! vault's UTXOs are swept to the new vault by a round the old set signs. A deposit to the old
//! address is credited until [`Config::DepositGrace`] Bitcoin blocks after its last coin left.
//! Any UTXO within [`Config::RefreshMargin`] blocks of its vault's recovery delay `D` is swept
//! too, so the recovery keys can never spend live coins; and when more than three quarters of
//! [`Config::MaxUtxos`] are held, the smallest are consolidated (but never a coin worth less
//! than spending it). A sweep pays only the current vault; its fee comes from the reserve.
//!
//! **Theft proof.** Anyone may submit a confirmed Bitcoin transaction that spends a tracked
//! UTXO and is no version of any batch nor any other round's transaction, open or complete
//! ([`Pallet::report_theft`], with the outputs its other inputs spend, as many as it has).
//! Every signer whose valid signature is in its witness ([`SpendAudit`]) is slashed through
//! [`Config::Slasher`], which rewards the reporter from the slash, and withdrawals pause until
//! governance resumes them.
//!
//! **Duplicate proofs.** Relayers race to submit the same proofs. A refused proof pays, so
//! [`Pallet::deposit_is_new`] and [`Pallet::batch_is_complete`] let the runtime refuse a
//! duplicate in the transaction pool, before it can pay for another relayer's success.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod btc;
#[cfg(test)]
mod consensus_tests;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;
use bitcoin::{consensus::deserialize, hashes::Hash, Transaction};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation, Provenance},
		ConstU64,
	},
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::{traits::Zero, Permill};
use tapchain_primitives::{
	btc::{BtcLightClient, SpvError},
	signer::{BtcOutput, OnSigningComplete, Purpose, SpendAudit, ThresholdSigning, VaultInput},
	Balance, SAT,
};

const LOG_TARGET: &str = "btc-bridge";

/// Most bytes of a script Bitcoin executes (`MAX_SCRIPT_SIZE`), so of any spent output's.
pub const MAX_SCRIPT_SIZE: usize = 10_000;

/// Most signers slashed by one theft report: two full signer sets (a theft spends coins of the
/// current and the replaced vault at most, in practice); [`Theft::offenders`]' bound.
pub const MAX_OFFENDERS: u32 = 64;

/// Most inputs a transaction of [`Config::MaxSpendTxSize`] bytes can have (41 bytes each, at
/// the least): the bound of a theft report's prevouts, so that no theft can be made
/// unreportable by giving it many other inputs.
pub struct SpendInputs<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<u32> for SpendInputs<T> {
	fn get() -> u32 {
		T::MaxSpendTxSize::get() / 41
	}
}

/// The caller tag of the bridge's signing rounds ([`Purpose::caller`]).
pub const CALLER: [u8; 8] = *b"btcbrdge";

/// Turns a deposit's named recipient into an account (shared with the MBTC vault).
pub use tapchain_primitives::bridge::DepositRecipient;

/// Slashes signers who signed a theft and rewards the reporter from the slash.
pub trait SlashThieves<AccountId> {
	/// Slash `offenders`, reward `reporter`. Returns the weight used.
	fn slash(offenders: &[AccountId], reporter: &AccountId) -> Weight;
	/// Upper bound of [`Self::slash`]'s weight for `offenders` offenders.
	fn slash_weight(offenders: u32) -> Weight;
}

/// The set of Bitcoin txids credited by any bridge (shared with the MBTC vault).
pub use tapchain_primitives::bridge::TxidRegistry;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native token (BTC, 1 sat = 100 base units).
		type Currency: Mutate<Self::AccountId> + Inspect<Self::AccountId, Balance = Balance>;

		/// The Bitcoin light client that proves deposits and batch transactions.
		type LightClient: BtcLightClient;

		/// The threshold signers: the vaults, their rounds, and who signed a spend.
		type Signers: ThresholdSigning + SpendAudit<Self::AccountId>;

		/// Accounts of the recipients deposits name.
		type Recipients: DepositRecipient<Self::AccountId>;

		/// Slashes the signers of a theft.
		type Slasher: SlashThieves<Self::AccountId>;

		/// A fee rate (sat/vB) from an oracle, if one exists; the higher of it and
		/// [`FeeRate`] is used.
		type FeeRateOracle: Get<Option<u64>>;

		/// Sets the parameters, refunds unclaimed deposits, resumes withdrawals.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Smallest deposit output credited, in sats (above the dust limit: a smaller one
		/// costs more to spend than it holds).
		#[pallet::constant]
		type MinDeposit: Get<u64>;

		/// Smallest withdrawal, in sats.
		#[pallet::constant]
		type MinWithdrawal: Get<u64>;

		/// Most withdrawals in a batch; a batch is made as soon as this many are queued.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Blocks between batches when fewer than [`Config::MaxBatch`] are queued.
		#[pallet::constant]
		type BatchInterval: Get<BlockNumberFor<Self>>;

		/// Most queued withdrawals.
		#[pallet::constant]
		type MaxQueue: Get<u32>;

		/// Most inputs of a batch (at most the threshold signer's bound).
		#[pallet::constant]
		type MaxInputs: Get<u32>;

		/// Most tracked UTXOs.
		#[pallet::constant]
		type MaxUtxos: Get<u32>;

		/// Most known vaults (at least the threshold signer's bound).
		#[pallet::constant]
		type MaxVaults: Get<u32>;

		/// Bitcoin blocks after its signing before a batch may be fee-bumped.
		#[pallet::constant]
		type BumpAfter: Get<u32>;

		/// A UTXO is swept when it is this many Bitcoin blocks from its vault's recovery
		/// delay.
		#[pallet::constant]
		type RefreshMargin: Get<u32>;

		/// Bitcoin blocks a replaced vault still takes deposits after its last coin left.
		#[pallet::constant]
		type DepositGrace: Get<u32>;

		/// The share of each withdrawal's fee that goes to the fee reserve.
		#[pallet::constant]
		type ReserveShare: Get<Permill>;

		/// Most bytes of a submitted Bitcoin transaction.
		#[pallet::constant]
		type MaxTxSize: Get<u32>;

		/// Most bytes of a transaction that spends vault coins (a batch, or a theft), which
		/// carries the vault's witnesses: at least the threshold signer's signed-transaction
		/// bound. A theft larger than this cannot be proven, so it should be Bitcoin's own
		/// standard limit (400,000 weight units, so at most 400,000 bytes).
		#[pallet::constant]
		type MaxSpendTxSize: Get<u32>;

		/// Most bytes of a `gettxoutproof`.
		#[pallet::constant]
		type MaxProofSize: Get<u32>;

		/// Weights.
		type WeightInfo: WeightInfo;

		/// Sets up vaults, proofs and signatures for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Confirmations a deposit or batch transaction needs (6 on mainnet; a chain-spec value
	/// elsewhere).
	#[pallet::storage]
	pub type Confirmations<T: Config> = StorageValue<_, u32, ValueQuery, ConstU32<6>>;

	/// Whether deposits are taken on a network the light client says is not secure for
	/// value (the chain spec's opt-in, for test networks).
	#[pallet::storage]
	pub type AllowInsecure<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The governance fee rate, sat/vB.
	#[pallet::storage]
	pub type FeeRate<T: Config> = StorageValue<_, u64, ValueQuery, ConstU64<2>>;

	/// Withdrawals are paused (after a theft, until governance resumes them).
	#[pallet::storage]
	pub type Paused<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Every Bitcoin txid credited by a bridge.
	#[pallet::storage]
	pub type CreditedTxids<T: Config> = StorageMap<_, Blake2_128Concat, H256, ()>;

	/// The tracked vault outputs.
	#[pallet::storage]
	pub type Utxos<T: Config> = StorageMap<_, Blake2_128Concat, OutPoint, Utxo>;

	/// How many UTXOs are tracked.
	#[pallet::storage]
	pub type UtxoCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Sats in tracked UTXOs.
	#[pallet::storage]
	pub type UtxoTotal<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Deposit outputs that paid a vault but were not credited.
	#[pallet::storage]
	pub type UnclaimedDeposits<T: Config> = StorageMap<_, Blake2_128Concat, OutPoint, Unclaimed>;

	/// How many [`UnclaimedDeposits`] there are: at most a quarter of [`Config::MaxUtxos`], so
	/// that dust sent to a vault can never crowd out credited deposits.
	#[pallet::storage]
	pub type UnclaimedCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Native BTC (base units) the bridge minted that is not burnt.
	#[pallet::storage]
	pub type Outstanding<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Sats in the vault that belong to nobody, for fee bumps and sweeps.
	#[pallet::storage]
	pub type FeeReserve<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Every withdrawal request.
	#[pallet::storage]
	pub type Withdrawals<T: Config> = StorageMap<_, Twox64Concat, WithdrawalId, Withdrawal<T>>;

	/// The id the next withdrawal gets.
	#[pallet::storage]
	pub type NextWithdrawalId<T: Config> = StorageValue<_, WithdrawalId, ValueQuery>;

	/// Queued withdrawals, oldest first.
	#[pallet::storage]
	pub type Queue<T: Config> = StorageValue<_, BoundedVec<WithdrawalId, T::MaxQueue>, ValueQuery>;

	/// Every batch.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Twox64Concat, BatchId, Batch<T>>;

	/// The id the next batch gets.
	#[pallet::storage]
	pub type NextBatchId<T: Config> = StorageValue<_, BatchId, ValueQuery>;

	/// The block the last withdrawal batch was made in.
	#[pallet::storage]
	pub type LastBatch<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The sweep in flight, if any (one at a time).
	#[pallet::storage]
	pub type SweepInFlight<T: Config> = StorageValue<_, BatchId, OptionQuery>;

	/// The batch of each of the bridge's signing rounds.
	#[pallet::storage]
	pub type RoundBatch<T: Config> = StorageMap<_, Twox64Concat, RoundId, BatchId>;

	/// The batch of every version's txid.
	#[pallet::storage]
	pub type BatchTxids<T: Config> = StorageMap<_, Blake2_128Concat, H256, BatchId>;

	/// The newest signed version of each batch not yet completed, for relayers to broadcast.
	#[pallet::storage]
	pub type SignedBatchTx<T: Config> =
		StorageMap<_, Twox64Concat, BatchId, BoundedVec<u8, MaxSignedTxLen>>;

	/// The vaults the bridge knows.
	#[pallet::storage]
	pub type KnownVaults<T: Config> = StorageMap<_, Twox64Concat, VaultId, KnownVault>;

	/// Their ids, oldest first.
	#[pallet::storage]
	pub type VaultIds<T: Config> = StorageValue<_, BoundedVec<VaultId, T::MaxVaults>, ValueQuery>;

	/// The vault deposits pay now.
	#[pallet::storage]
	pub type CurrentVault<T: Config> = StorageValue<_, VaultId, OptionQuery>;

	/// Proven thefts, by txid.
	#[pallet::storage]
	pub type Thefts<T: Config> = StorageMap<_, Blake2_128Concat, H256, Theft<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Confirmations deposits need; `None` keeps 6.
		pub confirmations: Option<u32>,
		/// Take deposits on a network that is not secure for value (test networks only).
		pub allow_insecure: bool,
		/// The governance fee rate, sat/vB; `None` keeps 2.
		pub fee_rate: Option<u64>,
		#[serde(skip)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(c) = self.confirmations {
				assert!(c >= 1, "btc-bridge: confirmations must be at least 1");
				Confirmations::<T>::put(c);
			}
			AllowInsecure::<T>::put(self.allow_insecure);
			if let Some(rate) = self.fee_rate {
				assert!(rate >= 1, "btc-bridge: the fee rate must be at least 1 sat/vB");
				FeeRate::<T>::put(rate);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Output `vout` of `txid` paid `sats` to a vault: `amount` base units minted to `who`.
		DepositCredited { txid: H256, vout: u32, who: T::AccountId, sats: u64, amount: Balance },
		/// The fee reserve paid the existential deposit (`amount` base units) of `who`, a new
		/// account credited by a deposit, so that the whole deposit is spendable.
		AccountSponsored { who: T::AccountId, amount: Balance },
		/// Output `vout` of `txid` paid `sats` to a vault but was not credited.
		DepositUnclaimed { txid: H256, vout: u32, sats: u64, reason: UnclaimedReason },
		/// An unclaimed deposit was claimed: `amount` base units minted to `who`.
		DepositClaimed { deposit: OutPoint, who: T::AccountId, amount: Balance },
		/// Governance refunds an unclaimed deposit through withdrawal `withdrawal`.
		UnclaimedRefunded { deposit: OutPoint, withdrawal: WithdrawalId },
		/// Governance closed an unclaimed deposit too small to pay its own refund: its `sats`
		/// joined the fee reserve.
		UnclaimedAbsorbed { deposit: OutPoint, sats: u64 },
		/// `who` burnt `amount + fee` sats' worth to have `amount` sats paid to `address`.
		WithdrawalRequested {
			id: WithdrawalId,
			who: Option<T::AccountId>,
			amount: u64,
			fee: u64,
			address: BoundedVec<u8, MaxAddressLen>,
		},
		/// A queued withdrawal was cancelled: `refund` base units minted back.
		WithdrawalCancelled { id: WithdrawalId, who: T::AccountId, refund: Balance },
		/// The part of withdrawal `id`'s fee its batch did not need, minted back.
		FeeRefunded { id: WithdrawalId, who: T::AccountId, refund: Balance },
		/// A batch was made; round `round` signs it. `fee` sats go to miners.
		BatchCreated {
			id: BatchId,
			kind: BatchKind,
			round: RoundId,
			withdrawals: u32,
			inputs: u32,
			fee: u64,
			txid: H256,
		},
		/// No batch could be made this time (no vault, not enough coins, or no round).
		BatchDeferred { kind: BatchKind },
		/// A version of batch `id` is signed: relayers can broadcast it.
		BatchSigned { id: BatchId, txid: H256 },
		/// Version `txid` of batch `id` is in a Bitcoin block, not yet confirmed enough.
		BatchBroadcast { id: BatchId, txid: H256, height: u32 },
		/// Version `txid` of batch `id` is confirmed: its withdrawals are complete.
		BatchCompleted { id: BatchId, txid: H256, fee: u64 },
		/// Batch `id` gets a new version with fee `fee`, signed by round `round`.
		FeeBumped { id: BatchId, round: RoundId, fee: u64, txid: H256 },
		/// The bridge learned vault `id`, which deposits now pay.
		VaultAdded { id: VaultId },
		/// Replaced vault `id` holds no coin: deposits to it are credited until Bitcoin height
		/// `closes_at`.
		VaultClosing { id: VaultId, closes_at: u32 },
		/// Vault `id` was retired.
		VaultRetired { id: VaultId },
		/// `txid` spent `value` sats of vault coins outside every round.
		TheftProven {
			txid: H256,
			value: u64,
			offenders: BoundedVec<T::AccountId, ConstU32<MAX_OFFENDERS>>,
			reporter: T::AccountId,
		},
		/// Governance resumed withdrawals.
		WithdrawalsResumed,
		/// `who` burnt `sats` into the fee reserve.
		ReserveFunded { who: T::AccountId, sats: u64 },
		/// Governance changed the parameters.
		ConfigSet { confirmations: u32, fee_rate: u64, allow_insecure: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The light client follows a network that is not secure for value, and the chain
		/// spec does not opt in.
		InsecureNetwork,
		/// The light client has no Bitcoin chain yet.
		NotInitialized,
		/// The proof is not a `gettxoutproof` encoding.
		MalformedProof,
		/// The proof's partial Merkle tree is inconsistent.
		InvalidMerkleTree,
		/// The proof does not hash to its block's Merkle root.
		MerkleRootMismatch,
		/// The transaction does not decode.
		MalformedTransaction,
		/// The transaction is 64 bytes (refused: it could be a Merkle node).
		TransactionIs64Bytes,
		/// The proof does not mark this transaction.
		TxNotInProof,
		/// The proof's block is unknown to the light client.
		UnknownBlock,
		/// The proof's block is not on the best chain.
		NotOnBestChain,
		/// The block has too few confirmations.
		InsufficientConfirmations,
		/// The light client's state is inconsistent.
		AboveBestTip,
		/// This txid was already credited.
		AlreadyCredited,
		/// This is a transaction of the bridge's own batches.
		OwnTransaction,
		/// The transaction spends a tracked vault output: submit it as a batch proof or a
		/// theft proof, not as a deposit.
		SpendsVault,
		/// No output pays a vault the bridge takes deposits to.
		NoVaultOutput,
		/// A coinbase transaction (its outputs mature only after 100 blocks).
		Coinbase,
		/// [`Config::MaxUtxos`] UTXOs are tracked.
		TooManyUtxos,
		/// A quarter of [`Config::MaxUtxos`] deposits are unclaimed already.
		TooManyUnclaimed,
		/// No unclaimed deposit at this outpoint.
		UnknownDeposit,
		/// The previous transaction given is not the one the deposit's first input spent.
		WrongPrevTx,
		/// The deposit's first input spent neither a P2TR nor a P2WPKH output.
		UnsupportedInput,
		/// A P2WPKH claim needs the public key.
		MissingPubkey,
		/// The public key does not hash to the spent P2WPKH output.
		PubkeyMismatch,
		/// The claim signature does not verify.
		BadClaimSignature,
		/// The account cannot receive the amount (below the existential deposit, or
		/// otherwise refused by the currency).
		RecipientRefused,
		/// Withdrawals are paused after a theft.
		WithdrawalsPaused,
		/// The amount is not a whole number of satoshis (100 base units).
		NotWholeSats,
		/// The amount is more than a Bitcoin output can hold.
		AmountTooLarge,
		/// The amount is below [`Config::MinWithdrawal`] (or a refund below the dust limit).
		BelowMinimum,
		/// Not a Bitcoin address.
		InvalidAddress,
		/// An address of another Bitcoin network.
		WrongNetwork,
		/// An address of a type that is not standard to pay.
		UnsupportedAddress,
		/// No vault exists yet.
		NoVault,
		/// [`Config::MaxQueue`] withdrawals are queued.
		QueueFull,
		/// The account cannot pay the amount and the fee.
		InsufficientBalance,
		/// The bridge minted less BTC than this would take out (a dev chain's genesis BTC
		/// is not backed by vault coins).
		NotBacked,
		/// No such withdrawal.
		UnknownWithdrawal,
		/// The caller did not request this withdrawal.
		NotOwner,
		/// The withdrawal is no longer queued.
		NotQueued,
		/// No such batch.
		UnknownBatch,
		/// The batch is already complete.
		BatchComplete,
		/// The transaction is no version of this batch.
		NotBatchTransaction,
		/// The proof shows nothing new.
		NoProgress,
		/// The batch is not stuck: unsigned, in a block, or not old enough.
		NotStuck,
		/// A bump of this batch is still being signed.
		BumpPending,
		/// The batch has [`MaxVersions`] versions.
		TooManyBumps,
		/// The fee reserve cannot pay the bump.
		ReserveExhausted,
		/// The bump would leave the change below the dust limit.
		ChangeTooSmall,
		/// The transaction is a version of a batch: not a theft.
		NotTheft,
		/// This theft was already proven.
		AlreadyReported,
		/// The transaction spends no tracked vault output.
		NoVaultInput,
		/// Fewer prevouts given than the transaction has untracked inputs.
		MissingPrevouts,
		/// A prevout's script is longer than any spendable script (10,000 bytes).
		BadPrevout,
		/// A confirmation count of 0, or a fee rate of 0.
		BadConfig,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let mut weight = T::WeightInfo::on_initialize_idle();
			weight.saturating_accrue(Self::sync_vault());
			let queued = Queue::<T>::decode_len().unwrap_or(0) as u32;
			let interval = T::BatchInterval::get();
			let due = !interval.is_zero() && (now % interval).is_zero();
			if queued > 0 && (queued >= T::MaxBatch::get() || due) {
				weight.saturating_accrue(Self::make_withdrawal_batch());
			}
			if due {
				weight.saturating_accrue(Self::make_sweep());
				weight.saturating_accrue(Self::retire_closed_vaults());
			}
			weight
		}

		fn integrity_test() {
			assert!(T::MinDeposit::get() >= btc::CHANGE_DUST, "MinDeposit is below the dust limit");
			assert!(
				T::MinWithdrawal::get() >= btc::PAYMENT_DUST,
				"MinWithdrawal is below the dust limit"
			);
			assert!(T::MaxBatch::get() >= 1 && T::MaxInputs::get() >= 1);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Prove a deposit: the raw transaction and Bitcoin Core's `gettxoutproof` for it.
		/// Each output paying a known vault is credited (or kept unclaimed). Free when it
		/// succeeds; a refused proof pays.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit_deposit(raw_tx.len() as u32)
			.saturating_add(T::LightClient::verify_tx_inclusion_weight(proof.len() as u32, raw_tx.len() as u32)))]
		pub fn submit_deposit(
			origin: OriginFor<T>,
			raw_tx: BoundedVec<u8, T::MaxTxSize>,
			proof: BoundedVec<u8, T::MaxProofSize>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_deposit(&raw_tx, &proof)?;
			Ok(Pays::No.into())
		}

		/// Claim the unclaimed deposit `deposit` to `to`, with a signature over
		/// [`btc::claim_message`] by the key that spent the deposit's first input:
		/// `prev_tx` is the transaction that input spent, `pubkey` the key for a P2WPKH
		/// output (a P2TR output's key is in its scriptPubKey).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_deposit(prev_tx.len() as u32))]
		pub fn claim_deposit(
			origin: OriginFor<T>,
			deposit: OutPoint,
			to: T::AccountId,
			prev_tx: BoundedVec<u8, T::MaxTxSize>,
			pubkey: Option<[u8; 33]>,
			signature: [u8; 64],
		) -> DispatchResult {
			ensure_signed(origin)?;
			let record = UnclaimedDeposits::<T>::get(deposit).ok_or(Error::<T>::UnknownDeposit)?;
			let prev: Transaction =
				deserialize(&prev_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
			ensure!(
				H256(prev.compute_txid().to_byte_array()) == record.first_input.txid,
				Error::<T>::WrongPrevTx
			);
			let spent = prev
				.output
				.get(record.first_input.vout as usize)
				.ok_or(Error::<T>::WrongPrevTx)?;
			let msg = btc::claim_message(&Self::genesis_hash(), &deposit, &to.encode());
			btc::verify_claim(&spent.script_pubkey, pubkey.as_ref(), &signature, &msg).map_err(
				|e| match e {
					btc::ClaimError::UnsupportedInput => Error::<T>::UnsupportedInput,
					btc::ClaimError::MissingPubkey => Error::<T>::MissingPubkey,
					btc::ClaimError::PubkeyMismatch => Error::<T>::PubkeyMismatch,
					btc::ClaimError::BadSignature => Error::<T>::BadClaimSignature,
				},
			)?;
			let amount = tapchain_primitives::sats_to_base_units(record.value);
			Self::credit(&to, amount)?;
			UnclaimedDeposits::<T>::remove(deposit);
			UnclaimedCount::<T>::mutate(|c| *c = c.saturating_sub(1));
			Self::deposit_event(Event::DepositClaimed { deposit, who: to, amount });
			Ok(())
		}

		/// Burn `amount` (whole sats) plus the quoted fee, to have `amount` paid to the
		/// Bitcoin address `address` (its text).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(
			origin: OriginFor<T>,
			amount: Balance,
			address: BoundedVec<u8, MaxAddressLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, amount, address).map(|_| ())
		}

		/// Cancel a queued withdrawal of the caller's: its amount and fee are minted back.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_withdrawal(T::MaxQueue::get()))]
		pub fn cancel_withdrawal(origin: OriginFor<T>, id: WithdrawalId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut w = Withdrawals::<T>::get(id).ok_or(Error::<T>::UnknownWithdrawal)?;
			ensure!(w.who.as_ref() == Some(&who), Error::<T>::NotOwner);
			ensure!(w.state == WithdrawalState::Queued, Error::<T>::NotQueued);
			Queue::<T>::mutate(|q| q.retain(|x| *x != id));
			let refund = tapchain_primitives::sats_to_base_units(w.amount.saturating_add(w.fee));
			Self::mint(&who, refund)?;
			w.state = WithdrawalState::Cancelled;
			Withdrawals::<T>::insert(id, w);
			Self::deposit_event(Event::WithdrawalCancelled { id, who, refund });
			Ok(())
		}

		/// Prove that a version of batch `batch` is in a Bitcoin block: with the required
		/// confirmations it completes the batch, with fewer it marks it broadcast. Free when
		/// it shows something new.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::submit_batch_proof(T::MaxInputs::get())
			.saturating_add(T::LightClient::verify_tx_inclusion_weight(proof.len() as u32, raw_tx.len() as u32)))]
		pub fn submit_batch_proof(
			origin: OriginFor<T>,
			batch: BatchId,
			raw_tx: BoundedVec<u8, T::MaxSpendTxSize>,
			proof: BoundedVec<u8, T::MaxProofSize>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_batch_proof(batch, &raw_tx, &proof)?;
			Ok(Pays::No.into())
		}

		/// Bump the fee of a signed batch that has not confirmed within
		/// [`Config::BumpAfter`] Bitcoin blocks: a new version over the same inputs and
		/// outputs, the extra fee from the reserve. Free when it succeeds.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::bump_fee(T::MaxInputs::get(), T::MaxBatch::get())
			.saturating_add(T::Signers::request_signatures_weight(T::MaxInputs::get(), T::MaxBatch::get())))]
		pub fn bump_fee(origin: OriginFor<T>, batch: BatchId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_bump(batch)?;
			Ok(Pays::No.into())
		}

		/// Prove a theft: a confirmed transaction that spends tracked vault outputs and is no
		/// version of a batch. `prevouts` are the outputs its other inputs spend, in order
		/// (the sighash commits to them; wrong ones only make signatures fail). Its signers
		/// are slashed, the caller rewarded, and withdrawals pause. Free when it succeeds.
		/// One call takes at most [`Config::MaxInputs`] of its tracked inputs; a theft of more
		/// is reported again for the rest (new signers found then are slashed then).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_theft(T::MaxInputs::get(), prevouts.len() as u32)
			.saturating_add(T::LightClient::verify_tx_inclusion_weight(proof.len() as u32, raw_tx.len() as u32))
			.saturating_add(T::Slasher::slash_weight(MAX_OFFENDERS)))]
		pub fn report_theft(
			origin: OriginFor<T>,
			raw_tx: BoundedVec<u8, T::MaxSpendTxSize>,
			proof: BoundedVec<u8, T::MaxProofSize>,
			prevouts: BoundedVec<BtcOutput, SpendInputs<T>>,
		) -> DispatchResultWithPostInfo {
			let reporter = ensure_signed(origin)?;
			Self::do_theft(reporter, &raw_tx, &proof, &prevouts)?;
			Ok(Pays::No.into())
		}

		/// Burn `amount` (whole sats) into the fee reserve.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::fund_reserve())]
		pub fn fund_reserve(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sats = Self::whole_sats(amount)?;
			ensure!(sats > 0, Error::<T>::BelowMinimum);
			Self::burn(&who, amount)?;
			FeeReserve::<T>::mutate(|r| *r = r.saturating_add(sats));
			Self::deposit_event(Event::ReserveFunded { who, sats });
			Ok(())
		}

		/// Governance refunds an unclaimed deposit to `address`, less the withdrawal fee.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::refund_unclaimed())]
		pub fn refund_unclaimed(
			origin: OriginFor<T>,
			deposit: OutPoint,
			address: BoundedVec<u8, MaxAddressLen>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let record = UnclaimedDeposits::<T>::get(deposit).ok_or(Error::<T>::UnknownDeposit)?;
			let script = Self::check_address(&address)?;
			let (fee, rate) = Self::quote()?;
			match record.value.checked_sub(fee).filter(|a| *a >= btc::PAYMENT_DUST) {
				Some(amount) => {
					let id = Self::enqueue(None, amount, fee, rate, script, address)?;
					Self::deposit_event(Event::UnclaimedRefunded { deposit, withdrawal: id });
				},
				// Dust that cannot pay its own refund: it joins the fee reserve, which pays
				// for moving coins like it, and frees its place.
				None => {
					FeeReserve::<T>::mutate(|r| *r = r.saturating_add(record.value));
					Self::deposit_event(Event::UnclaimedAbsorbed { deposit, sats: record.value });
				},
			}
			UnclaimedDeposits::<T>::remove(deposit);
			UnclaimedCount::<T>::mutate(|c| *c = c.saturating_sub(1));
			Ok(())
		}

		/// Governance resumes withdrawals after a theft.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::resume_withdrawals())]
		pub fn resume_withdrawals(origin: OriginFor<T>) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Paused::<T>::put(false);
			Self::deposit_event(Event::WithdrawalsResumed);
			Ok(())
		}

		/// Governance sets the confirmations, the fee rate (sat/vB) and the insecure-network
		/// opt-in; `None` keeps a value.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_config())]
		pub fn set_config(
			origin: OriginFor<T>,
			confirmations: Option<u32>,
			fee_rate: Option<u64>,
			allow_insecure: Option<bool>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(confirmations != Some(0) && fee_rate != Some(0), Error::<T>::BadConfig);
			if let Some(c) = confirmations {
				Confirmations::<T>::put(c);
			}
			if let Some(r) = fee_rate {
				FeeRate::<T>::put(r);
			}
			if let Some(a) = allow_insecure {
				AllowInsecure::<T>::put(a);
			}
			Self::deposit_event(Event::ConfigSet {
				confirmations: Confirmations::<T>::get(),
				fee_rate: FeeRate::<T>::get(),
				allow_insecure: AllowInsecure::<T>::get(),
			});
			Ok(())
		}
	}
}

/// What a withdrawal batch pays and spends, before it is stored.
struct Plan {
	withdrawals: Vec<WithdrawalId>,
	inputs: Vec<(OutPoint, Utxo)>,
	/// Per withdrawal: the refund of what it was charged beyond the fee it pays and its
	/// reserve share.
	refunds: Vec<u64>,
	/// Sats into the reserve (shares), and out of it (what the fees did not cover).
	to_reserve: u64,
	from_reserve: u64,
	fee: u64,
	change: u64,
}

impl<T: Config> Pallet<T> {
	/// The chain's genesis hash, which claims commit to.
	pub fn genesis_hash() -> [u8; 32] {
		tapchain_primitives::hash32(&frame_system::Pallet::<T>::block_hash(
			BlockNumberFor::<T>::zero(),
		))
	}

	fn spv_error(e: SpvError) -> Error<T> {
		match e {
			SpvError::NotInitialized => Error::<T>::NotInitialized,
			SpvError::MalformedProof => Error::<T>::MalformedProof,
			SpvError::InvalidMerkleTree => Error::<T>::InvalidMerkleTree,
			SpvError::MerkleRootMismatch => Error::<T>::MerkleRootMismatch,
			SpvError::MalformedTransaction => Error::<T>::MalformedTransaction,
			SpvError::TransactionIs64Bytes => Error::<T>::TransactionIs64Bytes,
			SpvError::TxNotInProof => Error::<T>::TxNotInProof,
			SpvError::UnknownBlock => Error::<T>::UnknownBlock,
			SpvError::NotOnBestChain => Error::<T>::NotOnBestChain,
			SpvError::InsufficientConfirmations => Error::<T>::InsufficientConfirmations,
			SpvError::AboveBestTip => Error::<T>::AboveBestTip,
		}
	}

	fn whole_sats(amount: Balance) -> Result<u64, Error<T>> {
		ensure!(amount % SAT == 0, Error::<T>::NotWholeSats);
		u64::try_from(amount / SAT).map_err(|_| Error::<T>::AmountTooLarge)
	}

	/// Mints a deposit's `amount` to `who`. A new account also gets its existential deposit
	/// from the fee reserve when the reserve holds it, so that the whole deposit is spendable:
	/// `eth_getBalance` (which leaves the existential deposit out) shows exactly
	/// `sats × 10^10` wei. The reserve's sats are in the vault, so what is minted stays backed.
	fn credit(who: &T::AccountId, amount: Balance) -> Result<(), Error<T>> {
		let ed = T::Currency::minimum_balance();
		let ed_sats = u64::try_from(ed / SAT).unwrap_or(u64::MAX);
		let sponsor = !ed.is_zero()
			&& ed % SAT == 0
			&& T::Currency::total_balance(who).is_zero()
			&& FeeReserve::<T>::get() >= ed_sats;
		let extra = if sponsor { ed } else { 0 };
		Self::mint(who, amount.saturating_add(extra))?;
		if sponsor {
			FeeReserve::<T>::mutate(|r| *r = r.saturating_sub(ed_sats));
			Self::deposit_event(Event::AccountSponsored { who: who.clone(), amount: ed });
		}
		Ok(())
	}

	fn mint(who: &T::AccountId, amount: Balance) -> Result<(), Error<T>> {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::can_deposit(who, amount, Provenance::Minted)
			.into_result()
			.map_err(|_| Error::<T>::RecipientRefused)?;
		T::Currency::mint_into(who, amount).map_err(|_| Error::<T>::RecipientRefused)?;
		Outstanding::<T>::mutate(|o| *o = o.saturating_add(amount));
		Ok(())
	}

	/// Burns bridged BTC. Only what the bridge minted can leave through it: on a chain whose
	/// genesis holds BTC (a dev chain), burning more would take other depositors' coins.
	fn burn(who: &T::AccountId, amount: Balance) -> Result<(), Error<T>> {
		ensure!(amount <= Outstanding::<T>::get(), Error::<T>::NotBacked);
		T::Currency::burn_from(
			who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;
		Outstanding::<T>::mutate(|o| *o = o.saturating_sub(amount));
		Ok(())
	}

	fn check_address(address: &[u8]) -> Result<Vec<u8>, Error<T>> {
		let network = T::LightClient::network().ok_or(Error::<T>::NotInitialized)?;
		btc::script_of_address(address, network)
			.map(|s| s.into_bytes())
			.map_err(|e| match e {
				btc::AddressError::Invalid => Error::<T>::InvalidAddress,
				btc::AddressError::WrongNetwork => Error::<T>::WrongNetwork,
				btc::AddressError::Unsupported => Error::<T>::UnsupportedAddress,
			})
	}

	/// The fee rate in force, sat/vB.
	pub fn fee_rate() -> u64 {
		FeeRate::<T>::get().max(T::FeeRateOracle::get().unwrap_or(0)).max(1)
	}

	/// vbytes of a batch's fixed part (everything but its payments) with one input of the
	/// current vault.
	fn fixed_vbytes_one_input(witness_size: u32) -> u64 {
		btc::vsize(&[witness_size], &[34])
	}

	/// The fee (sats) a withdrawal is charged now, and the rate: a batch of one at the fee
	/// rate, its output quoted at [`btc::QUOTED_OUTPUT_VBYTES`], plus the reserve share.
	pub fn quote() -> Result<(u64, u64), Error<T>> {
		let vault = T::Signers::current_vault().ok_or(Error::<T>::NoVault)?;
		let rate = Self::fee_rate();
		let vbytes = Self::fixed_vbytes_one_input(vault.witness_size)
			.saturating_add(btc::QUOTED_OUTPUT_VBYTES);
		let base = rate.saturating_mul(vbytes);
		Ok((base.saturating_add(Self::reserve_share(base)), rate))
	}

	/// `⌈fee × ReserveShare⌉`.
	fn reserve_share(fee: u64) -> u64 {
		T::ReserveShare::get().mul_ceil(fee)
	}

	/// Burns and queues a withdrawal; see [`Pallet::withdraw`]. The precompile calls this.
	pub fn do_withdraw(
		who: T::AccountId,
		amount: Balance,
		address: BoundedVec<u8, MaxAddressLen>,
	) -> Result<WithdrawalId, DispatchError> {
		ensure!(!Paused::<T>::get(), Error::<T>::WithdrawalsPaused);
		let sats = Self::whole_sats(amount)?;
		ensure!(sats >= T::MinWithdrawal::get(), Error::<T>::BelowMinimum);
		let script = Self::check_address(&address)?;
		let (fee, rate) = Self::quote()?;
		ensure!(
			(Queue::<T>::decode_len().unwrap_or(0) as u32) < T::MaxQueue::get(),
			Error::<T>::QueueFull
		);
		let total = sats.checked_add(fee).ok_or(Error::<T>::AmountTooLarge)?;
		Self::burn(&who, tapchain_primitives::sats_to_base_units(total))?;
		Ok(Self::enqueue(Some(who), sats, fee, rate, script, address)?)
	}

	fn enqueue(
		who: Option<T::AccountId>,
		amount: u64,
		fee: u64,
		fee_rate: u64,
		script: Vec<u8>,
		address: BoundedVec<u8, MaxAddressLen>,
	) -> Result<WithdrawalId, Error<T>> {
		let id = NextWithdrawalId::<T>::get();
		Queue::<T>::try_mutate(|q| q.try_push(id)).map_err(|_| Error::<T>::QueueFull)?;
		NextWithdrawalId::<T>::put(id.saturating_add(1));
		Withdrawals::<T>::insert(
			id,
			Withdrawal {
				who: who.clone(),
				amount,
				fee,
				fee_rate,
				script_pubkey: BoundedVec::try_from(script)
					.map_err(|_| Error::<T>::UnsupportedAddress)?,
				address: address.clone(),
				state: WithdrawalState::Queued,
				requested: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::WithdrawalRequested { id, who, amount, fee, address });
		Ok(id)
	}

	/// Credits a deposit; see [`Pallet::submit_deposit`]. Returns the outputs recorded.
	pub fn do_deposit(raw_tx: &[u8], proof: &[u8]) -> Result<u32, DispatchError> {
		ensure!(
			T::LightClient::secure_for_value() || AllowInsecure::<T>::get(),
			Error::<T>::InsecureNetwork
		);
		let inclusion =
			T::LightClient::verify_tx_inclusion(raw_tx, proof, Confirmations::<T>::get())
				.map_err(Self::spv_error)?;
		let txid = inclusion.txid;
		ensure!(!CreditedTxids::<T>::contains_key(txid), Error::<T>::AlreadyCredited);
		ensure!(!BatchTxids::<T>::contains_key(txid), Error::<T>::OwnTransaction);
		let tx: Transaction = deserialize(raw_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
		// A coinbase output cannot be spent for 100 blocks: a batch spending it would be
		// invalid, so it is not taken.
		ensure!(!tx.is_coinbase(), Error::<T>::Coinbase);
		ensure!(
			!tx.input
				.iter()
				.any(|i| Utxos::<T>::contains_key(btc::outpoint(i.previous_output))),
			Error::<T>::SpendsVault
		);
		let vaults: Vec<(VaultId, KnownVault)> = VaultIds::<T>::get()
			.into_iter()
			.filter_map(|id| KnownVaults::<T>::get(id).map(|v| (id, v)))
			.filter(|(_, v)| v.open_at(inclusion.height))
			.collect();
		let paid: Vec<(u32, VaultId, u64)> = tx
			.output
			.iter()
			.enumerate()
			.filter_map(|(vout, out)| {
				vaults
					.iter()
					.find(|(_, v)| out.script_pubkey.as_bytes() == &v.script_pubkey[..])
					.map(|(id, _)| (vout as u32, *id, out.value.to_sat()))
			})
			.collect();
		ensure!(!paid.is_empty(), Error::<T>::NoVaultOutput);
		ensure!(
			UtxoCount::<T>::get().saturating_add(paid.len() as u32) <= T::MaxUtxos::get(),
			Error::<T>::TooManyUtxos
		);
		let recipient = btc::recipient(&tx).and_then(|r| match r {
			btc::Recipient::Evm(a) => Some(T::Recipients::from_evm(a)),
			btc::Recipient::Account(b) => T::Recipients::from_bytes(b),
		});
		let unclaimed = paid
			.iter()
			.filter(|(_, _, sats)| recipient.is_none() || *sats < T::MinDeposit::get())
			.count() as u32;
		ensure!(
			UnclaimedCount::<T>::get().saturating_add(unclaimed) <= Self::max_unclaimed(),
			Error::<T>::TooManyUnclaimed
		);
		let first_input = tx
			.input
			.first()
			.map(|i| btc::outpoint(i.previous_output))
			.ok_or(Error::<T>::MalformedTransaction)?;
		for (vout, vault, sats) in &paid {
			let outpoint = OutPoint { txid, vout: *vout };
			let amount = tapchain_primitives::sats_to_base_units(*sats);
			let credited = match &recipient {
				Some(who) if *sats >= T::MinDeposit::get() => Self::credit(who, amount).is_ok(),
				_ => false,
			};
			match (&recipient, credited) {
				(Some(who), true) => Self::deposit_event(Event::DepositCredited {
					txid,
					vout: *vout,
					who: who.clone(),
					sats: *sats,
					amount,
				}),
				_ => {
					let reason = if recipient.is_none() {
						UnclaimedReason::NoRecipient
					} else if *sats < T::MinDeposit::get() {
						UnclaimedReason::BelowMinimum
					} else {
						UnclaimedReason::RecipientRefused
					};
					UnclaimedDeposits::<T>::insert(
						outpoint,
						Unclaimed { value: *sats, first_input, reason },
					);
					UnclaimedCount::<T>::mutate(|c| *c = c.saturating_add(1));
					Self::deposit_event(Event::DepositUnclaimed {
						txid,
						vout: *vout,
						sats: *sats,
						reason,
					});
				},
			}
			Self::track(
				outpoint,
				Utxo { vault: *vault, value: *sats, height: inclusion.height, spending: None },
			);
		}
		CreditedTxids::<T>::insert(txid, ());
		Ok(paid.len() as u32)
	}

	/// The bound of [`UnclaimedCount`].
	pub fn max_unclaimed() -> u32 {
		T::MaxUtxos::get() / 4
	}

	fn track(outpoint: OutPoint, utxo: Utxo) {
		UtxoCount::<T>::mutate(|c| *c = c.saturating_add(1));
		UtxoTotal::<T>::mutate(|t| *t = t.saturating_add(utxo.value));
		KnownVaults::<T>::mutate(utxo.vault, |v| {
			if let Some(v) = v {
				v.utxos = v.utxos.saturating_add(1);
			}
		});
		Utxos::<T>::insert(outpoint, utxo);
	}

	fn untrack(outpoint: &OutPoint) -> Option<Utxo> {
		let utxo = Utxos::<T>::take(outpoint)?;
		UtxoCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		UtxoTotal::<T>::mutate(|t| *t = t.saturating_sub(utxo.value));
		KnownVaults::<T>::mutate(utxo.vault, |v| {
			if let Some(v) = v {
				v.utxos = v.utxos.saturating_sub(1);
			}
		});
		Some(utxo)
	}

	/// Learns a new current vault from the threshold signers.
	fn sync_vault() -> Weight {
		let Some(current) = T::Signers::current_vault() else { return Weight::zero() };
		if CurrentVault::<T>::get() == Some(current.id) {
			return Weight::zero();
		}
		let added = VaultIds::<T>::try_mutate(|ids| ids.try_push(current.id));
		if added.is_err() {
			log::warn!(target: LOG_TARGET, "{} vaults known: vault {} not added", T::MaxVaults::get(), current.id);
			return T::WeightInfo::sync_vault();
		}
		if let Some(old) = CurrentVault::<T>::get() {
			KnownVaults::<T>::mutate(old, |v| {
				if let Some(v) = v {
					v.replaced = true;
				}
			});
			Self::close_if_empty(old);
		}
		KnownVaults::<T>::insert(
			current.id,
			KnownVault {
				script_pubkey: current.script_pubkey,
				replaced: false,
				closes_at: None,
				utxos: 0,
				expected: 0,
			},
		);
		CurrentVault::<T>::put(current.id);
		Self::deposit_event(Event::VaultAdded { id: current.id });
		T::WeightInfo::sync_vault()
	}

	/// Starts the grace period of a replaced vault that holds no coin.
	fn close_if_empty(id: VaultId) {
		let Some(mut vault) = KnownVaults::<T>::get(id) else { return };
		if !vault.replaced || vault.utxos > 0 || vault.expected > 0 || vault.closes_at.is_some() {
			return;
		}
		let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
		let closes_at = best.saturating_add(T::DepositGrace::get());
		vault.closes_at = Some(closes_at);
		KnownVaults::<T>::insert(id, vault);
		Self::deposit_event(Event::VaultClosing { id, closes_at });
	}

	/// Retires replaced vaults whose grace period is over.
	fn retire_closed_vaults() -> Weight {
		let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
		let ids = VaultIds::<T>::get();
		let mut keep = BoundedVec::<VaultId, T::MaxVaults>::new();
		for id in ids.iter() {
			let done = KnownVaults::<T>::get(id).is_some_and(|v| {
				// A deposit made at `closes_at` is provable once it has its confirmations:
				// keep the vault until then.
				v.utxos == 0
					&& v.expected == 0
					&& v.closes_at
						.is_some_and(|c| best > c.saturating_add(Confirmations::<T>::get()))
			});
			if done {
				KnownVaults::<T>::remove(id);
				if let Err(e) = T::Signers::retire_vault(*id) {
					log::warn!(target: LOG_TARGET, "vault {id} not retired by the signers: {e:?}");
				}
				Self::deposit_event(Event::VaultRetired { id: *id });
			} else {
				let _ = keep.try_push(*id);
			}
		}
		VaultIds::<T>::put(keep);
		T::WeightInfo::retire_closed_vaults(T::MaxVaults::get())
	}

	/// Free UTXOs of vaults the signers still keep, with their vault's witness size,
	/// largest first (ties by outpoint, so every node picks the same).
	fn free_utxos() -> Vec<(OutPoint, Utxo, u32)> {
		let mut witness: Vec<(VaultId, Option<u32>)> = Vec::new();
		let mut free: Vec<(OutPoint, Utxo, u32)> = Utxos::<T>::iter()
			.filter(|(_, u)| u.spending.is_none())
			.filter_map(|(o, u)| {
				let size = match witness.iter().find(|(v, _)| *v == u.vault) {
					Some((_, s)) => *s,
					None => {
						let s = T::Signers::vault(u.vault).map(|v| v.witness_size);
						witness.push((u.vault, s));
						s
					},
				}?;
				Some((o, u, size))
			})
			.collect();
		free.sort_by(|a, b| b.1.value.cmp(&a.1.value).then(a.0.cmp(&b.0)));
		free
	}

	/// Plans a batch paying the first `count` of `queue`, from `free` (largest first).
	fn plan(
		queue: &[(WithdrawalId, Withdrawal<T>)],
		free: &[(OutPoint, Utxo, u32)],
	) -> Option<Plan> {
		let reserve = FeeReserve::<T>::get();
		let payments: u64 = queue.iter().try_fold(0u64, |s, (_, w)| s.checked_add(w.amount))?;
		let mut spk_lens: Vec<usize> = queue.iter().map(|(_, w)| w.script_pubkey.len()).collect();
		spk_lens.push(34);
		let outputs_vb: u64 = queue
			.iter()
			.map(|(_, w)| btc::output_vbytes(w.script_pubkey.len()))
			.fold(0u64, |s, x| s.saturating_add(x));
		let count = queue.len() as u64;
		let mut spent = 0u64;
		let mut witnesses = Vec::new();
		for (i, (_, utxo, ws)) in free.iter().enumerate().take(T::MaxInputs::get() as usize) {
			spent = spent.checked_add(utxo.value)?;
			witnesses.push(*ws);
			let vsize = btc::vsize(&witnesses, &spk_lens);
			let fixed_share = vsize.saturating_sub(outputs_vb).div_ceil(count);
			let mut refunds = Vec::with_capacity(queue.len());
			let (mut fee, mut to_reserve, mut shortfall) = (0u64, 0u64, 0u64);
			for (_, w) in queue {
				let need = w.fee_rate.saturating_mul(
					btc::output_vbytes(w.script_pubkey.len()).saturating_add(fixed_share),
				);
				let share = Self::reserve_share(need);
				let (paid, share, refund) = if need.saturating_add(share) <= w.fee {
					(need, share, w.fee - need - share)
				} else {
					let paid = need.min(w.fee);
					(paid, w.fee - paid, 0)
				};
				shortfall = shortfall.saturating_add(need - paid);
				fee = fee.saturating_add(paid);
				to_reserve = to_reserve.saturating_add(share);
				refunds.push(refund);
			}
			// What the fees did not cover comes from the reserve, as far as it goes.
			let from_reserve = shortfall.min(reserve.saturating_add(to_reserve));
			let fee = fee.saturating_add(from_reserve);
			// Below 1 sat/vB Bitcoin Core does not relay it; more inputs would not help.
			if fee < vsize {
				return None;
			}
			let Some(change) = spent.checked_sub(payments).and_then(|r| r.checked_sub(fee)) else {
				continue;
			};
			if change < btc::CHANGE_DUST {
				continue;
			}
			return Some(Plan {
				withdrawals: queue.iter().map(|(id, _)| *id).collect(),
				inputs: free[..=i].iter().map(|(o, u, _)| (*o, u.clone())).collect(),
				refunds,
				to_reserve,
				from_reserve,
				fee,
				change,
			});
		}
		None
	}

	/// Makes a withdrawal batch from the queue, if the coins allow. Returns its weight.
	fn make_withdrawal_batch() -> Weight {
		let weight = T::WeightInfo::make_withdrawal_batch(T::MaxBatch::get(), T::MaxUtxos::get())
			.saturating_add(T::Signers::request_signatures_weight(
				T::MaxInputs::get(),
				T::MaxBatch::get(),
			));
		if Paused::<T>::get() {
			return weight;
		}
		let Some(vault) = CurrentVault::<T>::get() else {
			Self::deposit_event(Event::BatchDeferred { kind: BatchKind::Withdrawals });
			return weight;
		};
		let queue: Vec<(WithdrawalId, Withdrawal<T>)> = Queue::<T>::get()
			.into_iter()
			.take(T::MaxBatch::get() as usize)
			.filter_map(|id| Withdrawals::<T>::get(id).map(|w| (id, w)))
			.collect();
		let free = Self::free_utxos();
		// Oldest first, each request the coins can pay together with those taken so far. One
		// the coins cannot pay (larger than the biggest coins together) waits for a later
		// batch without holding up the requests behind it.
		let mut chosen: Vec<(WithdrawalId, Withdrawal<T>)> = Vec::with_capacity(queue.len());
		let mut plan = None;
		for request in queue {
			chosen.push(request);
			match Self::plan(&chosen, &free) {
				Some(p) => plan = Some(p),
				None => {
					chosen.pop();
				},
			}
		}
		let Some(plan) = plan else {
			Self::deposit_event(Event::BatchDeferred { kind: BatchKind::Withdrawals });
			return weight;
		};
		if Self::open_batch(BatchKind::Withdrawals, vault, plan, &chosen).is_err() {
			Self::deposit_event(Event::BatchDeferred { kind: BatchKind::Withdrawals });
		} else {
			LastBatch::<T>::put(frame_system::Pallet::<T>::block_number());
		}
		weight
	}

	/// The outputs of a batch: its payments, then the change to `change_vault`.
	fn outputs_of(
		withdrawals: &[(WithdrawalId, Withdrawal<T>)],
		change: u64,
		change_spk: &[u8; 34],
	) -> Vec<(u64, Vec<u8>)> {
		let mut outputs: Vec<(u64, Vec<u8>)> =
			withdrawals.iter().map(|(_, w)| (w.amount, w.script_pubkey.to_vec())).collect();
		outputs.push((change, change_spk.to_vec()));
		outputs
	}

	/// Asks the signers for the first version of a batch and stores it.
	fn open_batch(
		kind: BatchKind,
		change_vault: VaultId,
		plan: Plan,
		queue: &[(WithdrawalId, Withdrawal<T>)],
	) -> Result<BatchId, DispatchError> {
		let vault = T::Signers::vault(change_vault).ok_or(Error::<T>::NoVault)?;
		let paid = &queue[..plan.withdrawals.len()];
		let outputs = Self::outputs_of(paid, plan.change, &vault.script_pubkey);
		let id = NextBatchId::<T>::get();
		let inputs: Vec<OutPoint> = plan.inputs.iter().map(|(o, _)| *o).collect();
		let (round, txid) = Self::request(id, &inputs, &plan.inputs, &outputs, change_vault)?;

		// The round is open: from here nothing fails.
		NextBatchId::<T>::put(id.saturating_add(1));
		for ((wid, w), refund) in paid.iter().zip(plan.refunds.iter()) {
			let mut w = w.clone();
			w.state = WithdrawalState::Batched(id);
			if *refund > 0 {
				let amount = tapchain_primitives::sats_to_base_units(*refund);
				match &w.who {
					Some(who) if Self::mint(who, amount).is_ok() => {
						Self::deposit_event(Event::FeeRefunded {
							id: *wid,
							who: who.clone(),
							refund: amount,
						})
					},
					// A refund's fee, or an account that cannot take it, stays in the reserve.
					_ => FeeReserve::<T>::mutate(|r| *r = r.saturating_add(*refund)),
				}
			}
			Withdrawals::<T>::insert(wid, w);
		}
		Queue::<T>::mutate(|q| q.retain(|x| !plan.withdrawals.contains(x)));
		for (outpoint, _) in &plan.inputs {
			Utxos::<T>::mutate(outpoint, |u| {
				if let Some(u) = u {
					u.spending = Some(id);
				}
			});
		}
		FeeReserve::<T>::mutate(|r| {
			*r = r.saturating_add(plan.to_reserve).saturating_sub(plan.from_reserve)
		});
		let batch = Batch::<T> {
			kind,
			withdrawals: BoundedVec::truncate_from(plan.withdrawals.clone()),
			inputs: BoundedVec::truncate_from(inputs),
			change_vault,
			versions: BoundedVec::truncate_from(alloc::vec![BatchVersion {
				round,
				fee: plan.fee,
				reserve_draw: plan.from_reserve,
				txid,
				signed: false,
			}]),
			status: BatchStatus::Signing,
			created: frame_system::Pallet::<T>::block_number(),
		};
		Batches::<T>::insert(id, batch);
		RoundBatch::<T>::insert(round, id);
		BatchTxids::<T>::insert(txid, id);
		// Its change will be the vault's: it is not closed while the batch is in flight.
		KnownVaults::<T>::mutate(change_vault, |v| {
			if let Some(v) = v {
				v.expected = v.expected.saturating_add(1);
			}
		});
		Self::deposit_event(Event::BatchCreated {
			id,
			kind,
			round,
			withdrawals: plan.withdrawals.len() as u32,
			inputs: plan.inputs.len() as u32,
			fee: plan.fee,
			txid,
		});
		Ok(id)
	}

	/// Opens a signing round for a version of batch `id`. Changes nothing if it fails.
	fn request(
		id: BatchId,
		inputs: &[OutPoint],
		utxos: &[(OutPoint, Utxo)],
		outputs: &[(u64, Vec<u8>)],
		change_vault: VaultId,
	) -> Result<(RoundId, H256), DispatchError> {
		let refs: Vec<(u64, &[u8])> = outputs.iter().map(|(v, s)| (*v, &s[..])).collect();
		let tx = btc::build_tx(inputs, &refs);
		let txid = H256(tx.compute_txid().to_byte_array());
		// Each vault's scriptPubKey, read once (inputs mostly share one vault).
		let mut spks: Vec<(VaultId, [u8; 34])> = Vec::new();
		let vault_inputs = utxos
			.iter()
			.map(|(_, u)| {
				let spk = match spks.iter().find(|(v, _)| *v == u.vault) {
					Some((_, spk)) => *spk,
					None => {
						let spk = KnownVaults::<T>::get(u.vault)
							.map(|v| v.script_pubkey)
							.ok_or(Error::<T>::NoVault)?;
						spks.push((u.vault, spk));
						spk
					},
				};
				Ok(VaultInput {
					vault: u.vault,
					prevout: BtcOutput { value: u.value, script_pubkey: spk.to_vec() },
				})
			})
			.collect::<Result<Vec<_>, Error<T>>>()?;
		let n = outputs.len().saturating_sub(1);
		let purpose = Purpose {
			caller: CALLER,
			reference: id,
			payments: outputs[..n]
				.iter()
				.map(|(v, s)| BtcOutput { value: *v, script_pubkey: s.clone() })
				.collect(),
			change: Some(change_vault),
		};
		let round = T::Signers::request_signatures(&btc::encode(&tx), vault_inputs, purpose)?;
		Ok((round, txid))
	}

	/// Sweeps coins that must move: those of replaced vaults, those near their recovery
	/// delay, and (when more than 3/4 of [`Config::MaxUtxos`] are held) the smallest.
	fn make_sweep() -> Weight {
		let weight = T::WeightInfo::make_sweep(T::MaxUtxos::get())
			.saturating_add(T::Signers::request_signatures_weight(T::MaxInputs::get(), 0));
		if SweepInFlight::<T>::get().is_some() {
			return weight;
		}
		let Some(current) = CurrentVault::<T>::get() else { return weight };
		let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
		let mut delays: Vec<(VaultId, Option<u16>)> = Vec::new();
		let mut free = Self::free_utxos();
		let must_move = |o: &(OutPoint, Utxo, u32), delays: &mut Vec<(VaultId, Option<u16>)>| {
			let (_, u, _) = o;
			if u.vault != current {
				return true;
			}
			let delay = match delays.iter().find(|(v, _)| *v == u.vault) {
				Some((_, d)) => *d,
				None => {
					let d = T::Signers::vault(u.vault).and_then(|v| v.recovery_delay);
					delays.push((u.vault, d));
					d
				},
			};
			delay.is_some_and(|d| {
				best.saturating_sub(u.height) >= (d as u32).saturating_sub(T::RefreshMargin::get())
			})
		};
		let consolidate = UtxoCount::<T>::get() > T::MaxUtxos::get().saturating_mul(3) / 4;
		let mut chosen: Vec<(OutPoint, Utxo, u32)> = Vec::new();
		let mut rest = Vec::new();
		for o in free.drain(..) {
			if must_move(&o, &mut delays) {
				chosen.push(o);
			} else {
				rest.push(o);
			}
		}
		chosen.truncate(T::MaxInputs::get() as usize);
		if consolidate {
			// The smallest (the end of the largest-first order) fill the remaining inputs,
			// but not a coin worth less than spending it: moving dust would only drain the
			// reserve. Such a coin moves only when it must (above).
			let rate = Self::fee_rate();
			while chosen.len() < T::MaxInputs::get() as usize {
				match rest.pop() {
					Some(o) if o.1.value > rate.saturating_mul(btc::vsize(&[o.2], &[])) => {
						chosen.push(o)
					},
					Some(_) => continue,
					None => break,
				}
			}
		}
		if chosen.len() < if consolidate { 2 } else { 1 } {
			return weight;
		}
		let spent: u64 =
			chosen.iter().map(|(_, u, _)| u.value).fold(0u64, |s, x| s.saturating_add(x));
		let witnesses: Vec<u32> = chosen.iter().map(|(_, _, w)| *w).collect();
		let vsize = btc::vsize(&witnesses, &[34]);
		let reserve = FeeReserve::<T>::get();
		// At the fee rate if the reserve can pay it, else as much as it can down to 1 sat/vB.
		let fee = Self::fee_rate().saturating_mul(vsize).min(reserve);
		if fee < vsize || spent.saturating_sub(fee) < btc::CHANGE_DUST {
			Self::deposit_event(Event::BatchDeferred { kind: BatchKind::Sweep });
			return weight;
		}
		let plan = Plan {
			withdrawals: Vec::new(),
			inputs: chosen.into_iter().map(|(o, u, _)| (o, u)).collect(),
			refunds: Vec::new(),
			to_reserve: 0,
			from_reserve: fee,
			fee,
			change: spent - fee,
		};
		match Self::open_batch(BatchKind::Sweep, current, plan, &[]) {
			Ok(id) => SweepInFlight::<T>::put(id),
			Err(_) => Self::deposit_event(Event::BatchDeferred { kind: BatchKind::Sweep }),
		}
		weight
	}

	fn do_batch_proof(id: BatchId, raw_tx: &[u8], proof: &[u8]) -> DispatchResult {
		let mut batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(!matches!(batch.status, BatchStatus::Completed { .. }), Error::<T>::BatchComplete);
		let inclusion =
			T::LightClient::verify_tx_inclusion(raw_tx, proof, 1).map_err(Self::spv_error)?;
		let txid = inclusion.txid;
		let at = batch
			.versions
			.iter()
			.position(|v| v.txid == txid)
			.ok_or(Error::<T>::NotBatchTransaction)?;
		if inclusion.confirmations < Confirmations::<T>::get() {
			let seen = BatchStatus::Broadcast {
				txid,
				block: inclusion.block_hash,
				height: inclusion.height,
			};
			ensure!(batch.status != seen, Error::<T>::NoProgress);
			batch.status = seen;
			Batches::<T>::insert(id, batch);
			Self::deposit_event(Event::BatchBroadcast { id, txid, height: inclusion.height });
			return Ok(());
		}
		let tx: Transaction = deserialize(raw_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
		for input in batch.inputs.iter() {
			Self::untrack(input);
		}
		// Every version's last output is its change, to the batch's change vault (the
		// transaction is one of the versions the bridge built).
		if let Some(out) = tx.output.last() {
			let vout = (tx.output.len() - 1) as u32;
			Self::track(
				OutPoint { txid, vout },
				Utxo {
					vault: batch.change_vault,
					value: out.value.to_sat(),
					height: inclusion.height,
					spending: None,
				},
			);
		}
		KnownVaults::<T>::mutate(batch.change_vault, |v| {
			if let Some(v) = v {
				v.expected = v.expected.saturating_sub(1);
			}
		});
		// Later versions did not happen: what they drew goes back to the reserve.
		let unused: u64 = batch.versions[at + 1..]
			.iter()
			.map(|v| v.reserve_draw)
			.fold(0u64, |s, x| s.saturating_add(x));
		FeeReserve::<T>::mutate(|r| *r = r.saturating_add(unused));
		for version in batch.versions.iter() {
			RoundBatch::<T>::remove(version.round);
			T::Signers::forget_round(version.round);
		}
		SignedBatchTx::<T>::remove(id);
		if SweepInFlight::<T>::get() == Some(id) {
			SweepInFlight::<T>::kill();
		}
		let fee = batch.versions[at].fee;
		batch.status = BatchStatus::Completed { txid, height: inclusion.height };
		Batches::<T>::insert(id, batch);
		for vault in VaultIds::<T>::get() {
			Self::close_if_empty(vault);
		}
		Self::deposit_event(Event::BatchCompleted { id, txid, fee });
		Ok(())
	}

	fn do_bump(id: BatchId) -> DispatchResult {
		let mut batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		let signed_at = match batch.status {
			BatchStatus::Signed { at } => at,
			// Seen in a block that a reorganization dropped from the best chain.
			BatchStatus::Broadcast { block, .. }
				if T::LightClient::confirmations(&block).is_none() =>
			{
				0
			},
			BatchStatus::Completed { .. } => return Err(Error::<T>::BatchComplete.into()),
			_ => return Err(Error::<T>::NotStuck.into()),
		};
		let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
		ensure!(best >= signed_at.saturating_add(T::BumpAfter::get()), Error::<T>::NotStuck);
		let last = batch.versions.last().cloned().ok_or(Error::<T>::UnknownBatch)?;
		ensure!(last.signed, Error::<T>::BumpPending);
		ensure!(!batch.versions.is_full(), Error::<T>::TooManyBumps);

		let utxos: Vec<(OutPoint, Utxo)> = batch
			.inputs
			.iter()
			.map(|o| Utxos::<T>::get(o).map(|u| (*o, u)).ok_or(Error::<T>::UnknownBatch))
			.collect::<Result<_, _>>()?;
		let withdrawals: Vec<(WithdrawalId, Withdrawal<T>)> = batch
			.withdrawals
			.iter()
			.map(|w| Withdrawals::<T>::get(w).map(|x| (*w, x)).ok_or(Error::<T>::UnknownBatch))
			.collect::<Result<_, _>>()?;
		let witnesses: Vec<u32> = utxos
			.iter()
			.map(|(_, u)| {
				T::Signers::vault(u.vault).map(|v| v.witness_size).ok_or(Error::<T>::NoVault)
			})
			.collect::<Result<_, _>>()?;
		let mut spk_lens: Vec<usize> =
			withdrawals.iter().map(|(_, w)| w.script_pubkey.len()).collect();
		spk_lens.push(34);
		let vsize = btc::vsize(&witnesses, &spk_lens);
		// BIP-125: pay at least the old fee plus 1 sat/vB of the new size; and at least the
		// rate in force and 1.25 × the old fee, so one bump is enough when fees rose.
		let fee = last
			.fee
			.saturating_add(vsize)
			.max(Self::fee_rate().saturating_mul(vsize))
			.max(last.fee.saturating_mul(5) / 4);
		let draw = fee - last.fee;
		ensure!(FeeReserve::<T>::get() >= draw, Error::<T>::ReserveExhausted);
		let spent: u64 = utxos.iter().map(|(_, u)| u.value).fold(0u64, |s, x| s.saturating_add(x));
		let payments: u64 =
			withdrawals.iter().map(|(_, w)| w.amount).fold(0u64, |s, x| s.saturating_add(x));
		let change = spent
			.checked_sub(payments)
			.and_then(|r| r.checked_sub(fee))
			.filter(|c| *c >= btc::CHANGE_DUST)
			.ok_or(Error::<T>::ChangeTooSmall)?;
		let vault = T::Signers::vault(batch.change_vault).ok_or(Error::<T>::NoVault)?;
		let outputs = Self::outputs_of(&withdrawals, change, &vault.script_pubkey);
		let (round, txid) = Self::request(id, &batch.inputs, &utxos, &outputs, batch.change_vault)?;
		FeeReserve::<T>::mutate(|r| *r = r.saturating_sub(draw));
		batch
			.versions
			.try_push(BatchVersion { round, fee, reserve_draw: draw, txid, signed: false })
			.map_err(|_| Error::<T>::TooManyBumps)?;
		// A reorganized broadcast is signed again: relayers broadcast its newest version.
		if let BatchStatus::Broadcast { .. } = batch.status {
			batch.status = BatchStatus::Signed { at: best };
		}
		Batches::<T>::insert(id, batch);
		RoundBatch::<T>::insert(round, id);
		BatchTxids::<T>::insert(txid, id);
		Self::deposit_event(Event::FeeBumped { id, round, fee, txid });
		Ok(())
	}

	fn do_theft(
		reporter: T::AccountId,
		raw_tx: &[u8],
		proof: &[u8],
		prevouts: &[BtcOutput],
	) -> DispatchResult {
		let inclusion =
			T::LightClient::verify_tx_inclusion(raw_tx, proof, Confirmations::<T>::get())
				.map_err(Self::spv_error)?;
		let txid = inclusion.txid;
		// A version of a batch, or any other complete round's transaction (governance's), is
		// the signers doing what the chain asked.
		ensure!(
			!BatchTxids::<T>::contains_key(txid) && T::Signers::round_of_txid(&txid.0).is_none(),
			Error::<T>::NotTheft
		);
		let previous = Thefts::<T>::get(txid);
		let tx: Transaction = deserialize(raw_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
		let tracked: Vec<(u32, OutPoint, Utxo)> = tx
			.input
			.iter()
			.enumerate()
			.filter_map(|(index, input)| {
				let outpoint = btc::outpoint(input.previous_output);
				Utxos::<T>::get(outpoint).map(|u| (index as u32, outpoint, u))
			})
			.collect();
		if tracked.is_empty() {
			return Err(if previous.is_some() {
				Error::<T>::AlreadyReported
			} else {
				Error::<T>::NoVaultInput
			}
			.into());
		}
		// Every input's prevout, which the sighash commits to: the tracked ones are known,
		// the caller gives the others in order. A script Bitcoin could spend is at most
		// 10,000 bytes, which bounds the hashing a report can ask for.
		ensure!(
			prevouts.iter().all(|o| o.script_pubkey.len() <= MAX_SCRIPT_SIZE),
			Error::<T>::BadPrevout
		);
		let mut others = prevouts.iter();
		let mut all = Vec::with_capacity(tx.input.len());
		for (index, _) in tx.input.iter().enumerate() {
			match tracked.iter().find(|(i, _, _)| *i as usize == index) {
				Some((_, _, utxo)) => {
					let spk = KnownVaults::<T>::get(utxo.vault)
						.map(|v| v.script_pubkey.to_vec())
						.unwrap_or_default();
					all.push(BtcOutput { value: utxo.value, script_pubkey: spk });
				},
				None => all.push(others.next().cloned().ok_or(Error::<T>::MissingPrevouts)?),
			}
		}
		// At most `MaxInputs` tracked inputs per call, so the weight is bounded; a theft of
		// more coins is reported again for the rest (its signers are slashed once).
		let (mut offenders, mut value) = match &previous {
			Some(t) => (t.offenders.to_vec(), t.value),
			None => (Vec::new(), 0u64),
		};
		let known = offenders.len();
		for (index, outpoint, utxo) in tracked.iter().take(T::MaxInputs::get() as usize) {
			for who in T::Signers::signers_of_spend(raw_tx, *index, &all, utxo.vault) {
				if !offenders.contains(&who) {
					offenders.push(who);
				}
			}
			value = value.saturating_add(utxo.value);
			Self::untrack(outpoint);
		}
		T::Slasher::slash(&offenders[known..], &reporter);
		let offenders: BoundedVec<T::AccountId, ConstU32<MAX_OFFENDERS>> =
			BoundedVec::truncate_from(offenders);
		Paused::<T>::put(true);
		let reporter = previous.map(|t| t.reporter).unwrap_or(reporter);
		Thefts::<T>::insert(
			txid,
			Theft { value, offenders: offenders.clone(), reporter: reporter.clone() },
		);
		Self::deposit_event(Event::TheftProven { txid, value, offenders, reporter });
		Ok(())
	}

	/// A withdrawal's status and, once in a batch with a version, that version's txid (the
	/// confirmed one when complete, else the newest).
	pub fn withdrawal_status(id: WithdrawalId) -> Option<(WithdrawalStatus, Option<H256>)> {
		Self::status_of(&Withdrawals::<T>::get(id)?)
	}

	fn status_of(w: &Withdrawal<T>) -> Option<(WithdrawalStatus, Option<H256>)> {
		Some(match w.state {
			WithdrawalState::Queued => (WithdrawalStatus::Queued, None),
			WithdrawalState::Cancelled => (WithdrawalStatus::Cancelled, None),
			WithdrawalState::Batched(b) => {
				let batch = Batches::<T>::get(b)?;
				let newest = batch.versions.last().map(|v| v.txid);
				match batch.status {
					BatchStatus::Signing => (WithdrawalStatus::Signing, newest),
					BatchStatus::Signed { .. } => (WithdrawalStatus::Signed, newest),
					BatchStatus::Broadcast { txid, .. } => {
						(WithdrawalStatus::Broadcast, Some(txid))
					},
					BatchStatus::Completed { txid, .. } => {
						(WithdrawalStatus::Completed, Some(txid))
					},
				}
			},
		})
	}

	/// A deposit's status by txid.
	pub fn deposit_status(txid: H256) -> DepositStatus {
		if !CreditedTxids::<T>::contains_key(txid) {
			return DepositStatus::Unknown;
		}
		// A transaction has at most `MaxTxSize / 9` outputs; unclaimed ones are few.
		let max_outputs = T::MaxTxSize::get() / 9;
		let unclaimed: Vec<(u32, Unclaimed)> = (0..max_outputs)
			.filter_map(|vout| {
				UnclaimedDeposits::<T>::get(OutPoint { txid, vout }).map(|u| (vout, u))
			})
			.collect();
		if unclaimed.is_empty() {
			DepositStatus::Credited
		} else {
			DepositStatus::Unclaimed(unclaimed)
		}
	}

	/// The runtime API's view of a withdrawal.
	pub fn withdrawal_info(
		id: WithdrawalId,
	) -> Option<tapchain_primitives::bridge::WithdrawalInfo<T::AccountId>> {
		let w = Withdrawals::<T>::get(id)?;
		let (status, txid) = Self::status_of(&w)?;
		Some(tapchain_primitives::bridge::WithdrawalInfo {
			who: w.who,
			amount: w.amount,
			fee: w.fee,
			address: w.address.into_inner(),
			status,
			batch: match w.state {
				WithdrawalState::Batched(b) => Some(b),
				_ => None,
			},
			txid,
		})
	}

	/// The bridge's books.
	pub fn totals() -> tapchain_primitives::bridge::BridgeTotals {
		tapchain_primitives::bridge::BridgeTotals {
			utxos: UtxoCount::<T>::get(),
			utxo_total: UtxoTotal::<T>::get(),
			outstanding: Outstanding::<T>::get(),
			fee_reserve: FeeReserve::<T>::get(),
			unclaimed: UnclaimedDeposits::<T>::iter_values()
				.fold(0u64, |s, u| s.saturating_add(u.value)),
			paused: Paused::<T>::get(),
		}
	}

	/// Batches with a signed version and no completion, with that transaction.
	pub fn pending_batches() -> Vec<(BatchId, Vec<u8>)> {
		SignedBatchTx::<T>::iter().map(|(id, tx)| (id, tx.into_inner())).collect()
	}

	/// The batch a txid is a version of.
	pub fn batch_of_txid(txid: H256) -> Option<BatchId> {
		BatchTxids::<T>::get(txid)
	}

	/// The scriptPubKeys deposits are credited to now, current vault first.
	pub fn deposit_scripts() -> Vec<Vec<u8>> {
		let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
		let current = CurrentVault::<T>::get();
		let mut out: Vec<(bool, Vec<u8>)> = VaultIds::<T>::get()
			.into_iter()
			.filter_map(|id| KnownVaults::<T>::get(id).map(|v| (Some(id) == current, v)))
			.filter(|(_, v)| v.open_at(best))
			.map(|(cur, v)| (cur, v.script_pubkey.to_vec()))
			.collect();
		out.sort_by_key(|(cur, _)| !*cur);
		out.into_iter().map(|(_, s)| s).collect()
	}

	/// The tracked UTXOs.
	pub fn utxos() -> Vec<(OutPoint, Utxo)> {
		Utxos::<T>::iter().collect()
	}

	/// The queued withdrawal ids, oldest first.
	pub fn queue() -> Vec<WithdrawalId> {
		Queue::<T>::get().into_inner()
	}

	/// The newest signed version of a batch, while it is not completed.
	pub fn signed_tx(id: BatchId) -> Option<Vec<u8>> {
		SignedBatchTx::<T>::get(id).map(|t| t.into_inner())
	}

	/// Whether a deposit proof of `raw_tx` could still credit: its txid is not credited yet.
	/// A transaction that does not decode is "new": its proof fails, and pays, in dispatch.
	/// The runtime's transaction extension asks this in the pool and when a block is built,
	/// so that a relayer never pays for another relayer's success.
	pub fn deposit_is_new(raw_tx: &[u8]) -> bool {
		match deserialize::<Transaction>(raw_tx) {
			Ok(tx) => !CreditedTxids::<T>::contains_key(H256(tx.compute_txid().to_byte_array())),
			Err(_) => true,
		}
	}

	/// Whether batch `id` is complete (a proof of it can only be refused), for the same
	/// transaction extension.
	pub fn batch_is_complete(id: BatchId) -> bool {
		Batches::<T>::get(id).is_some_and(|b| matches!(b.status, BatchStatus::Completed { .. }))
	}

	/// The address deposits should pay now: the current vault's, on the light client's
	/// network. `None` before both exist.
	pub fn vault_address() -> Option<alloc::string::String> {
		let vault = T::Signers::current_vault()?;
		btc::address_of(&vault.script_pubkey, T::LightClient::network()?)
	}

	/// The fee (base units) a withdrawal of `amount` base units would be charged now, or why
	/// it would be refused.
	pub fn withdrawal_fee(amount: Balance) -> Result<Balance, DispatchError> {
		let sats = Self::whole_sats(amount)?;
		ensure!(sats >= T::MinWithdrawal::get(), Error::<T>::BelowMinimum);
		Ok(tapchain_primitives::sats_to_base_units(Self::quote()?.0))
	}

	/// The invariants: UTXO count and total agree with the map; the bridge's BTC is backed,
	/// `100 × UtxoTotal = Outstanding + 100 × (unclaimed + reserve + owed)`.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let (count, total) = Utxos::<T>::iter_values()
			.fold((0u32, 0u64), |(c, t), u| (c.saturating_add(1), t.saturating_add(u.value)));
		ensure!(count == UtxoCount::<T>::get(), "UtxoCount disagrees with Utxos");
		ensure!(total == UtxoTotal::<T>::get(), "UtxoTotal disagrees with Utxos");
		let unclaimed: u64 =
			UnclaimedDeposits::<T>::iter_values().fold(0u64, |s, u| s.saturating_add(u.value));
		ensure!(
			UnclaimedDeposits::<T>::iter_keys().count() as u32 == UnclaimedCount::<T>::get(),
			"UnclaimedCount disagrees with UnclaimedDeposits"
		);
		let queued: u64 = Queue::<T>::get()
			.iter()
			.filter_map(|id| Withdrawals::<T>::get(id))
			.fold(0u64, |s, w| s.saturating_add(w.amount).saturating_add(w.fee));
		let in_flight: u64 = Batches::<T>::iter_values()
			.filter(|b| !matches!(b.status, BatchStatus::Completed { .. }))
			.map(|b| {
				let paid: u64 = b
					.withdrawals
					.iter()
					.filter_map(|id| Withdrawals::<T>::get(id))
					.fold(0u64, |s, w| s.saturating_add(w.amount));
				paid.saturating_add(b.versions.last().map(|v| v.fee).unwrap_or(0))
			})
			.fold(0u64, |s, x| s.saturating_add(x));
		let owed = unclaimed
			.saturating_add(FeeReserve::<T>::get())
			.saturating_add(queued)
			.saturating_add(in_flight);
		// A theft took coins the accounting still owes: the balance holds only before one.
		if Thefts::<T>::iter_keys().next().is_some() {
			return Ok(());
		}
		ensure!(
			tapchain_primitives::sats_to_base_units(total)
				== Outstanding::<T>::get()
					.saturating_add(tapchain_primitives::sats_to_base_units(owed)),
			"the bridge's BTC does not balance its UTXOs"
		);
		Ok(())
	}
}

impl<T: Config> OnSigningComplete for Pallet<T> {
	fn on_signing_complete(round: RoundId, purpose: &Purpose, signed_tx: &[u8]) -> Weight {
		if purpose.caller != CALLER {
			return T::DbWeight::get().reads(0);
		}
		let Some(id) = RoundBatch::<T>::get(round) else { return T::DbWeight::get().reads(1) };
		let Some(mut batch) = Batches::<T>::get(id) else { return T::DbWeight::get().reads(2) };
		let Some(version) = batch.versions.iter_mut().find(|v| v.round == round) else {
			return T::DbWeight::get().reads(2);
		};
		version.signed = true;
		let txid = version.txid;
		if matches!(batch.status, BatchStatus::Signing | BatchStatus::Signed { .. }) {
			let best = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
			batch.status = BatchStatus::Signed { at: best };
		}
		Batches::<T>::insert(id, batch);
		if let Ok(tx) = BoundedVec::try_from(signed_tx.to_vec()) {
			SignedBatchTx::<T>::insert(id, tx);
		}
		Self::deposit_event(Event::BatchSigned { id, txid });
		T::WeightInfo::on_signing_complete()
	}

	fn on_signing_complete_weight() -> Weight {
		T::WeightInfo::on_signing_complete()
	}
}

impl<T: Config> TxidRegistry for Pallet<T> {
	fn is_credited(txid: &H256) -> bool {
		CreditedTxids::<T>::contains_key(txid) || BatchTxids::<T>::contains_key(txid)
	}

	fn credit(txid: &H256) -> bool {
		if Self::is_credited(txid) {
			return false;
		}
		CreditedTxids::<T>::insert(txid, ());
		true
	}
}
