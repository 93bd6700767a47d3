//! The native BTC bridge as clients see it: the types its runtime API (`BtcBridgeApi`)
//! returns, shared by the runtime and the relayer.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// Turns the recipient a Bitcoin deposit names (the BTC bridge's OP_RETURN, the MBTC vault's
/// envelope) into an account.
pub trait DepositRecipient<AccountId> {
	/// The account of a 20-byte EVM address (its mapped account).
	fn from_evm(address: [u8; 20]) -> AccountId;
	/// The account of 32 bytes, if they encode one.
	fn from_bytes(bytes: [u8; 32]) -> Option<AccountId>;
}

/// The set of Bitcoin txids credited by any bridge: a txid is credited at most once on
/// either the native bridge or the MBTC vault. The native bridge keeps it.
pub trait TxidRegistry {
	/// Whether `txid` (internal byte order) was credited.
	fn is_credited(txid: &H256) -> bool;
	/// Records `txid` as credited; `false` if it already was.
	fn credit(txid: &H256) -> bool;
}

/// Identifies a withdrawal request. Ids count up from 0 and are never reused.
pub type WithdrawalId = u64;

/// Identifies a batch: one Bitcoin transaction (in one or more fee versions) that pays
/// withdrawals or sweeps vault coins. Ids count up from 0 and are never reused.
pub type BatchId = u64;

/// A Bitcoin outpoint: a transaction id (internal byte order, as `TxInclusion::txid`) and an
/// output index.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct OutPoint {
	/// The transaction.
	pub txid: H256,
	/// The output's index in it.
	pub vout: u32,
}

/// A vault output the bridge holds.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Utxo {
	/// The vault whose scriptPubKey it pays.
	pub vault: crate::signer::VaultId,
	/// Satoshis.
	pub value: u64,
	/// The Bitcoin height of the block that holds it: its age decides when it must be
	/// refreshed, before the recovery delay.
	pub height: u32,
	/// The batch that spends it, while one is in flight.
	pub spending: Option<BatchId>,
}

/// Why a deposit output was recorded as unclaimed rather than credited.
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
pub enum UnclaimedReason {
	/// Below [`Config::MinDeposit`].
	BelowMinimum,
	/// The transaction names no recipient (no OP_RETURN of 20 or 32 bytes).
	NoRecipient,
	/// The recipient's account cannot receive the amount.
	RecipientRefused,
}

/// A deposit output that paid a vault but was not credited. Its coins are in the vault (a
/// tracked [`Utxo`]); its sender claims them with a signature by the key that spent the
/// deposit's first input, or governance refunds them.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Unclaimed {
	/// Satoshis.
	pub value: u64,
	/// The outpoint the deposit's first input spent: its owner may claim.
	pub first_input: OutPoint,
	/// Why it was not credited.
	pub reason: UnclaimedReason,
}

/// Where a withdrawal is. The numbers are what the Solidity precompile returns.
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
pub enum WithdrawalStatus {
	/// 1: waiting for a batch; its owner may cancel it.
	Queued,
	/// 2: in a batch whose transaction is being signed.
	Signing,
	/// 3: signed; relayers can read and broadcast the transaction.
	Signed,
	/// 4: in a Bitcoin block, not yet with the required confirmations.
	Broadcast,
	/// 5: its transaction has the required confirmations.
	Completed,
	/// 6: cancelled by its owner and refunded.
	Cancelled,
}

impl WithdrawalStatus {
	/// The code the precompile returns (0 is "unknown").
	pub fn code(&self) -> u8 {
		match self {
			Self::Queued => 1,
			Self::Signing => 2,
			Self::Signed => 3,
			Self::Broadcast => 4,
			Self::Completed => 5,
			Self::Cancelled => 6,
		}
	}
}

/// A deposit as the runtime API shows it, by txid.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub enum DepositStatus {
	/// Never seen.
	Unknown,
	/// Credited (or, for a batch's own transaction, known as the bridge's).
	Credited,
	/// These outputs are unclaimed.
	Unclaimed(Vec<(u32, Unclaimed)>),
}

/// A withdrawal as the runtime API shows it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct WithdrawalInfo<AccountId> {
	/// Who requested it (`None`: a governance refund).
	pub who: Option<AccountId>,
	/// Satoshis paid out.
	pub amount: u64,
	/// Satoshis charged for the fee at request (what the batch did not need was refunded).
	pub fee: u64,
	/// The address, as given.
	pub address: Vec<u8>,
	/// Where it is.
	pub status: WithdrawalStatus,
	/// Its batch, once batched.
	pub batch: Option<BatchId>,
	/// The txid of its batch's confirmed version, or of the newest one.
	pub txid: Option<H256>,
}

/// The bridge's books, in satoshis except `outstanding`.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct BridgeTotals {
	/// Tracked UTXOs.
	pub utxos: u32,
	/// Their satoshis.
	pub utxo_total: u64,
	/// Native BTC (base units) the bridge minted and nobody burnt.
	pub outstanding: u128,
	/// The fee reserve.
	pub fee_reserve: u64,
	/// Unclaimed deposits.
	pub unclaimed: u64,
	/// Whether withdrawals are paused after a theft.
	pub paused: bool,
}
