//! The threshold signers as other pallets see them: the [`ThresholdSigning`] service, through
//! which a pallet (the BTC bridge first) has the validators' 2/3 Taproot vault sign a Bitcoin
//! transaction, and [`OnSigningComplete`], through which it hears that the transaction is signed.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, Weight};

/// Identifies a vault: a Taproot output of one signer set. Ids count up from 0 and are never
/// reused.
pub type VaultId = u32;

/// Identifies a signing round. Ids count up from 0 and are never reused.
pub type RoundId = u64;

/// A Bitcoin output: value in satoshis and its scriptPubKey.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, Default)]
pub struct BtcOutput {
	/// The amount, in satoshis.
	pub value: u64,
	/// The scriptPubKey it pays.
	pub script_pubkey: Vec<u8>,
}

/// One input of a transaction to sign: which vault's output it spends, and that output (its
/// BIP-341 sighash commits to every input's amount and script).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct VaultInput {
	/// The vault whose output the input spends.
	pub vault: VaultId,
	/// The output spent: it must pay that vault's scriptPubKey.
	pub prevout: BtcOutput,
}

/// Why a pallet asks for signatures. Signer daemons read it before they sign: the transaction
/// must pay exactly [`Self::payments`], send what is left (less the fee) to [`Self::change`],
/// and nothing else.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct Purpose {
	/// Who asked, e.g. `*b"btcbrdge"`; the runtime fills it from the calling pallet.
	pub caller: [u8; 8],
	/// The caller's own reference, e.g. a withdrawal batch id.
	pub reference: u64,
	/// The outputs the transaction must carry besides change, in order.
	pub payments: Vec<BtcOutput>,
	/// The vault that receives the change, if any (the current vault, or the vault a sweep
	/// moves coins to).
	pub change: Option<VaultId>,
}

/// The public parts of a vault other pallets need.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct VaultRef {
	/// Its id.
	pub id: VaultId,
	/// Its P2TR scriptPubKey (`OP_1 <32-byte output key>`).
	pub script_pubkey: [u8; 34],
	/// How many of its signers must sign.
	pub threshold: u16,
	/// How many signers it has.
	pub signers: u16,
	/// Bytes of the witness that spends one of its outputs through the `multi_a` leaf with
	/// `threshold` signatures (item count, signatures and empty items, leaf, control block):
	/// what a caller needs for a transaction's exact vsize, and so its fee.
	pub witness_size: u32,
	/// The recovery path's relative delay `D` (Bitcoin blocks), if the vault has one. Its
	/// outputs must be moved before they are `D` blocks old.
	pub recovery_delay: Option<u16>,
}

/// The threshold-signing service.
pub trait ThresholdSigning {
	/// The vault deposits should pay now, if a signer set exists.
	fn current_vault() -> Option<VaultRef>;

	/// A vault by id, while it is kept (until [`Self::retire_vault`]).
	fn vault(id: VaultId) -> Option<VaultRef>;

	/// Opens a round that collects the vault signers' signatures over `unsigned_tx` (a
	/// consensus-encoded transaction with empty witnesses), one input per entry of `inputs`.
	/// The runtime computes each input's BIP-341 script-path sighash for its vault's `multi_a`
	/// leaf; when every input has its vault's threshold of valid signatures it assembles the
	/// witnesses and calls [`OnSigningComplete::on_signing_complete`].
	fn request_signatures(
		unsigned_tx: &[u8],
		inputs: Vec<VaultInput>,
		purpose: Purpose,
	) -> Result<RoundId, DispatchError>;

	/// Worst-case weight of [`Self::request_signatures`] for `inputs` inputs and `payments`
	/// payments.
	fn request_signatures_weight(inputs: u32, payments: u32) -> Weight;

	/// Forgets a vault whose coins are all swept, so its storage is freed. The current vault
	/// cannot be retired.
	fn retire_vault(id: VaultId) -> Result<(), DispatchError>;

	/// Forgets a round its caller is done with (its transaction confirmed, or replaced), so
	/// its storage is freed.
	fn forget_round(id: RoundId);

	/// The kept round, open or complete, whose transaction has this txid (internal byte
	/// order): a spend of vault coins by it is no theft (signers who signed it on chain did
	/// what the chain asked, whoever supplied the rest of the signatures).
	fn round_of_txid(txid: &[u8; 32]) -> Option<RoundId>;
}

/// Reads who signed a spend of a vault output, so that a spend no round produced (a theft)
/// can be traced to the signers whose signatures it carries.
pub trait SpendAudit<AccountId> {
	/// The members of vault `vault` whose valid BIP-340 signature for input `input` of `tx`
	/// (consensus-encoded, with witnesses) is in that input's witness: by the `multi_a` leaf,
	/// each key whose signature verifies; by the key path, every member (the key path needs
	/// all of them). `prevouts` are the outputs every input of `tx` spends, in order, which
	/// the sighash commits to. A wrong prevout only makes signatures fail, so nobody can be
	/// framed with made-up prevouts. Empty if nothing verifies or the input is not a spend of
	/// the vault's own scripts (e.g. the recovery path).
	fn signers_of_spend(
		tx: &[u8],
		input: u32,
		prevouts: &[BtcOutput],
		vault: VaultId,
	) -> Vec<AccountId>;

	/// Worst-case weight of [`Self::signers_of_spend`] for a vault of `signers` signers.
	fn signers_of_spend_weight(signers: u32) -> Weight;
}

/// Told when a round has all its signatures.
pub trait OnSigningComplete {
	/// `signed_tx` is the consensus encoding of the transaction with its witnesses. Returns the
	/// weight it used.
	fn on_signing_complete(round: RoundId, purpose: &Purpose, signed_tx: &[u8]) -> Weight;

	/// Upper bound of [`Self::on_signing_complete`]'s weight, charged to the signer whose
	/// signature completes a round.
	fn on_signing_complete_weight() -> Weight;
}

impl OnSigningComplete for () {
	fn on_signing_complete(_: RoundId, _: &Purpose, _: &[u8]) -> Weight {
		Weight::zero()
	}
	fn on_signing_complete_weight() -> Weight {
		Weight::zero()
	}
}

/// Where a round is.
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
pub enum RoundStatus {
	/// Collecting signatures.
	Open,
	/// Every input has its threshold; the signed transaction is in the pallet's `SignedTx`.
	Complete,
}

/// Everything a runtime API shows of a vault.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct VaultDetails<AccountId> {
	/// Its id.
	pub id: VaultId,
	/// Signers and keys, in key order.
	pub members: Vec<(AccountId, [u8; 32])>,
	/// `k`.
	pub threshold: u16,
	/// The `KeyAgg` internal key.
	pub internal_key: [u8; 32],
	/// Leaf 1, `multi_a(k, keys)`.
	pub multi_a_leaf: Vec<u8>,
	/// Its control block.
	pub multi_a_control_block: Vec<u8>,
	/// Leaf 2, the recovery path, if any.
	pub recovery_leaf: Option<Vec<u8>>,
	/// The recovery path's control block.
	pub recovery_control_block: Option<Vec<u8>>,
	/// The Taproot Merkle root.
	pub merkle_root: [u8; 32],
	/// The output key.
	pub output_key: [u8; 32],
	/// `OP_1 <output key>`.
	pub script_pubkey: Vec<u8>,
	/// The address on the light client's network (`None` before it is initialized).
	pub address: Option<Vec<u8>>,
	/// The BIP-386 descriptor with checksum.
	pub descriptor: Vec<u8>,
	/// The session whose set it is.
	pub session: u32,
}

/// Everything a runtime API shows of a round.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct RoundDetails<AccountId> {
	/// Open or complete.
	pub status: RoundStatus,
	/// Who asked and why.
	pub purpose: Purpose,
	/// The unsigned transaction.
	pub unsigned_tx: Vec<u8>,
	/// Per input: its vault, its sighash, and the key positions that signed it.
	pub inputs: Vec<(VaultId, [u8; 32], Vec<u16>)>,
	/// Accounts that signed.
	pub signed_by: Vec<AccountId>,
	/// The signed transaction, once complete.
	pub signed_tx: Option<Vec<u8>>,
}
