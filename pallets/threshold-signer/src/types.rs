//! Stored types of the threshold-signer pallet.

use crate::Config;
use bitcoin::secp256k1::XOnlyPublicKey;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
pub use tapchain_primitives::signer::{
	BtcOutput, Purpose, RoundDetails, RoundId, RoundStatus, VaultDetails, VaultId, VaultInput,
	VaultRef,
};

/// An x-only secp256k1 public key (BIP-340), as stored. Only valid curve points are ever
/// stored; [`Self::point`] parses it.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct BtcKey(#[serde(with = "hex32")] pub [u8; 32]);

/// `0x`-prefixed hex for 32-byte arrays in chain-spec JSON.
mod hex32 {
	use alloc::vec::Vec;
	use serde::{de::Error, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
		sp_core::bytes::serialize(&bytes[..], s)
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
		let v: Vec<u8> = sp_core::bytes::deserialize(d)?;
		v.try_into().map_err(|_| D::Error::custom("expected 32 bytes"))
	}
}

impl BtcKey {
	/// The curve point, `None` if these bytes are not the x coordinate of one.
	pub fn point(&self) -> Option<XOnlyPublicKey> {
		XOnlyPublicKey::from_slice(&self.0).ok()
	}
}

impl From<XOnlyPublicKey> for BtcKey {
	fn from(key: XOnlyPublicKey) -> Self {
		Self(key.serialize())
	}
}

/// A BIP-340 signature: 64 bytes.
pub type SchnorrSig = [u8; 64];

/// Most bytes of a scriptPubKey a payment may name (P2WSH and P2TR are 34).
pub type MaxScriptLen = ConstU32<64>;

/// An output, bounded for storage.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct StoredOutput {
	/// Satoshis.
	pub value: u64,
	/// The scriptPubKey.
	pub script_pubkey: BoundedVec<u8, MaxScriptLen>,
}

/// The governance-set recovery path (leaf 2): `threshold` of `keys` may spend a vault's coins
/// `delay` blocks after they were deposited (BIP-68 relative lock).
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
pub struct Recovery<T: Config> {
	/// The recovery keys, in script order.
	pub keys: BoundedVec<BtcKey, T::MaxRecoveryKeys>,
	/// How many must sign.
	pub threshold: u16,
	/// Blocks the coins must have rested (a BIP-68 block count, at most 65,535).
	pub delay: u16,
}

/// A vault: one signer set's Taproot output.
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
pub struct Vault<T: Config> {
	/// Its signers with their keys, sorted by key (the order of the `multi_a` leaf).
	pub members: BoundedVec<(T::AccountId, BtcKey), T::MaxSigners>,
	/// `k = ⌈2n/3⌉`.
	pub threshold: u16,
	/// The recovery path in its tree, if one was configured when it was made.
	pub recovery: Option<Recovery<T>>,
	/// The BIP-327 `KeyAgg` of the members' keys.
	pub internal_key: BtcKey,
	/// The BIP-341 output key.
	pub output_key: BtcKey,
	/// The Taproot Merkle root.
	pub merkle_root: [u8; 32],
	/// The control block that reveals the `multi_a` leaf (33 or 65 bytes).
	pub control_block: BoundedVec<u8, ConstU32<65>>,
	/// The session whose signer set it is.
	pub session: u32,
	/// The block it was made in.
	pub created: BlockNumberFor<T>,
}

impl<T: Config> Vault<T> {
	/// `OP_1 <output key>`.
	pub fn script_pubkey(&self) -> [u8; 34] {
		crate::taproot::p2tr_script_pubkey(&self.output_key.0)
	}

	/// The members' keys, in order.
	pub fn keys(&self) -> impl Iterator<Item = &BtcKey> {
		self.members.iter().map(|(_, k)| k)
	}
}

/// What a round is for, bounded for storage (see [`Purpose`]).
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
pub struct StoredPurpose<T: Config> {
	/// Who asked.
	pub caller: [u8; 8],
	/// The caller's reference.
	pub reference: u64,
	/// The outputs the transaction pays, in order, before the change.
	pub payments: BoundedVec<StoredOutput, T::MaxPayments>,
	/// The vault that receives the change.
	pub change: Option<VaultId>,
}

/// One input of a round.
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
pub struct RoundInput<T: Config> {
	/// The vault it spends.
	pub vault: VaultId,
	/// The output it spends.
	pub prevout: StoredOutput,
	/// Its BIP-341 script-path sighash for the vault's `multi_a` leaf (SIGHASH_DEFAULT).
	pub sighash: [u8; 32],
	/// Valid signatures so far: the signer's position in the vault's key order, and the
	/// signature.
	pub signatures: BoundedVec<(u16, SchnorrSig), T::MaxSigners>,
}

/// A signing round.
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
pub struct Round<T: Config> {
	/// Why it was opened; signer daemons check the transaction against it.
	pub purpose: StoredPurpose<T>,
	/// The unsigned transaction (consensus encoding, no witnesses).
	pub unsigned_tx: BoundedVec<u8, T::MaxTxSize>,
	/// One per transaction input.
	pub inputs: BoundedVec<RoundInput<T>, T::MaxInputs>,
	/// Where it is.
	pub status: RoundStatus,
	/// Every account that contributed a valid signature, in order of arrival.
	pub signed_by: BoundedVec<T::AccountId, T::MaxSigners>,
	/// The block it was opened in.
	pub opened: BlockNumberFor<T>,
}
