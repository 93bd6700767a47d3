//! The bond ledger and the reasons a candidate leaves the candidate list.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Saturating};
use sp_staking::SessionIndex;

/// Part of a bond on its way out: held until session `session` starts, then withdrawable.
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
pub struct UnlockChunk<Balance> {
	/// The amount.
	pub value: Balance,
	/// The first session in which [`crate::Pallet::withdraw_unbonded`] releases it.
	pub session: SessionIndex,
}

/// Everything one account has bonded. All of it is on hold under [`crate::HoldReason::Bond`], so
/// `active + Σ unlocking` always equals the account's held bond.
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
	DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Ledger<T: Config> {
	/// The bond that counts for selection and can be slashed.
	pub active: BalanceOf<T>,
	/// Unbonded parts, oldest first. Still slashable until withdrawn.
	pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>>, T::MaxUnlockingChunks>,
}

impl<T: Config> Ledger<T> {
	/// `active` plus every unlocking chunk: what is on hold.
	pub fn total(&self) -> BalanceOf<T> {
		self.unlocking.iter().fold(self.active, |acc, c| acc.saturating_add(c.value))
	}

	/// Nothing bonded and nothing unlocking: the ledger can be deleted.
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}
}

/// Why a candidate stopped being one.
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
pub enum ChillReason {
	/// The candidate called [`crate::Pallet::chill`].
	Requested,
	/// It was in the active set for a whole session and authored no block.
	Offline,
	/// An offence was reported against it and its bond was slashed.
	Slashed,
}
