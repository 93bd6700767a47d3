//! Stored types of the BTC bridge.

use crate::{Config, MAX_OFFENDERS};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
pub use tapchain_primitives::{
	bridge::{
		BatchId, DepositStatus, OutPoint, Unclaimed, UnclaimedReason, Utxo, WithdrawalId,
		WithdrawalStatus,
	},
	signer::{RoundId, VaultId},
};

/// Most bytes of a scriptPubKey a withdrawal may pay (P2WSH and P2TR: 34).
pub type MaxScriptLen = ConstU32<42>;

/// Most bytes of a Bitcoin address as the user typed it (a P2WSH/P2TR bech32m address is 62
/// characters on mainnet, 64 on regtest).
pub type MaxAddressLen = ConstU32<90>;

/// Most bytes of a signed batch transaction kept for relayers (the threshold signer's bound).
pub type MaxSignedTxLen = ConstU32<{ 100 * 1024 }>;

/// A request to pay BTC out to a Bitcoin address.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Withdrawal<T: Config> {
	/// Who burnt the BTC; `None` for a governance refund of an unclaimed deposit.
	pub who: Option<T::AccountId>,
	/// Satoshis the address receives.
	pub amount: u64,
	/// Satoshis charged for the fee when it was requested (an upper bound; what the batch
	/// did not need was refunded, [`Event::FeeRefunded`](crate::Event::FeeRefunded)).
	pub fee: u64,
	/// The fee rate (sat/vB) of the request.
	pub fee_rate: u64,
	/// The scriptPubKey it pays.
	pub script_pubkey: BoundedVec<u8, MaxScriptLen>,
	/// The address as given.
	pub address: BoundedVec<u8, MaxAddressLen>,
	/// Queued or cancelled, or the batch it is in (whose status it has).
	pub state: WithdrawalState,
	/// The Tapchain block it was requested in.
	pub requested: BlockNumberFor<T>,
}

/// A withdrawal's own state; once batched, its status is its batch's.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum WithdrawalState {
	/// In the queue.
	Queued,
	/// In this batch.
	Batched(BatchId),
	/// Cancelled and refunded.
	Cancelled,
}

/// What a batch does.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum BatchKind {
	/// Pays withdrawals.
	Withdrawals,
	/// Moves coins to the current vault: after a signer-set change, before the recovery
	/// delay, or to consolidate.
	Sweep,
}

/// Where a batch is.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum BatchStatus {
	/// Its newest version is being signed and no version is signed yet.
	Signing,
	/// A version is signed; `at` is the Bitcoin best height when its newest signed version
	/// was, from which the fee-bump timeout counts.
	Signed { at: u32 },
	/// A version was seen in Bitcoin block `block` (height `height`) without enough
	/// confirmations yet.
	Broadcast { txid: H256, block: H256, height: u32 },
	/// Version `txid` has the required confirmations: the vault's coins are updated.
	Completed { txid: H256, height: u32 },
}

/// One fee version of a batch's transaction: same inputs and payments, a different fee.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct BatchVersion {
	/// The signing round.
	pub round: RoundId,
	/// Its fee, in satoshis.
	pub fee: u64,
	/// What it took from the fee reserve, beyond the previous version's fee.
	pub reserve_draw: u64,
	/// Its txid (the unsigned transaction's: a witness does not change it).
	pub txid: H256,
	/// Whether its round completed.
	pub signed: bool,
}

/// Most fee versions of one batch (the first and its bumps).
pub type MaxVersions = ConstU32<8>;

/// One Bitcoin transaction the bridge has signed, in its fee versions.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Batch<T: Config> {
	/// Withdrawals or sweep.
	pub kind: BatchKind,
	/// The withdrawals it pays, in output order.
	pub withdrawals: BoundedVec<WithdrawalId, T::MaxBatch>,
	/// The vault outputs it spends, in input order.
	pub inputs: BoundedVec<OutPoint, T::MaxInputs>,
	/// The vault that receives the change (the current vault when it was made).
	pub change_vault: VaultId,
	/// Its versions, oldest first.
	pub versions: BoundedVec<BatchVersion, MaxVersions>,
	/// Where it is.
	pub status: BatchStatus,
	/// The Tapchain block it was made in.
	pub created: BlockNumberFor<T>,
}

/// A vault the bridge knows: deposits to it are credited while it is open.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct KnownVault {
	/// Its P2TR scriptPubKey.
	pub script_pubkey: [u8; 34],
	/// Whether a newer vault replaced it (its coins are swept to the current one).
	pub replaced: bool,
	/// Once it is replaced and holds no coin: the last Bitcoin height at which a deposit to it
	/// is still credited (the grace period). It is retired after that.
	pub closes_at: Option<u32>,
	/// How many tracked UTXOs pay it.
	pub utxos: u32,
	/// How many batches in flight will pay it change: it is not closed before they end.
	pub expected: u32,
}

impl KnownVault {
	/// Whether a deposit in a block at Bitcoin height `height` is credited to it.
	pub fn open_at(&self, height: u32) -> bool {
		self.closes_at.is_none_or(|c| height <= c)
	}
}

/// A theft: a confirmed Bitcoin transaction that spent vault coins outside every round.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Theft<T: Config> {
	/// Satoshis of vault coins it took.
	pub value: u64,
	/// The signers whose signatures it carries.
	pub offenders: BoundedVec<T::AccountId, ConstU32<MAX_OFFENDERS>>,
	/// Who proved it.
	pub reporter: T::AccountId,
}
