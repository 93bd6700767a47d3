//! # Governance pallet
//!
//! Root without sudo. A chain started from a `Live` chain spec has no sudo key, yet it must be
//! able to upgrade its runtime (`system.set_code`), initialize its light client and use every
//! `UpdateOrigin`. This pallet gives Root to the validators, through a collective
//! (`pallet-collective`) whose members it keeps equal to the active validator set: the same
//! 2/3 that custodies the bridge's BTC decides the chain's rules.
//!
//! ## Terminology
//!
//! - **Council**: the collective ([`Config::Council`]). Its members are the validators of the
//!   current session, sorted; nobody sets them by hand (the runtime gives the collective's
//!   `set_members` no origin).
//! - **Motion**: a call a council member proposes (`council.propose`), the others vote on
//!   (`council.vote`), and anyone closes (`council.close`) once enough ayes are in or the
//!   motion's time is up. A closed, approved motion is dispatched with the collective's origin
//!   `Members(ayes, seats)`.
//! - **Root motion**: a motion whose call is [`Pallet::dispatch_as_root`]. It dispatches its
//!   inner call as Root only if the collective's origin satisfies [`Config::RootOrigin`]; in the
//!   runtime that is at least 2/3 of the seats (`ayes * 3 >= seats * 2`), so 3 of 4 validators,
//!   22 of 32. The motion's own threshold does not matter: a motion closed with 2 of 4 ayes is
//!   dispatched, and `dispatch_as_root` refuses it with `BadOrigin` (the collective's
//!   `Executed` event carries the error), the inner call never runs.
//!
//! ## Flows
//!
//! Upgrade: a validator proposes `governance.dispatchAsRoot(system.setCode(wasm))` →
//! ⌈2n/3⌉ validators vote aye → anyone closes → the code is set, and the next block runs it.
//!
//! Following the validators: [`Pallet::on_session_start`], called by the runtime's session
//! manager each time a session starts, replaces the council's members with the session's
//! validators. The collective drops the votes of members that left from every open motion.
//!
//! ## Dispatchables
//!
//! - [`Pallet::dispatch_as_root`]: [`Config::RootOrigin`] only.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::{boxed::Box, vec::Vec};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{ChangeMembers, UnfilteredDispatchable, ValidatorSet},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::Dispatchable;

/// A session's index, as `pallet-session` counts them.
pub type SessionIndex = u32;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The calls a root motion can carry.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;

		/// Who may dispatch as Root: in the runtime, at least 2/3 of the council.
		type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The validators of the current session (`pallet-session`).
		type Validators: ValidatorSet<Self::AccountId, ValidatorId = Self::AccountId>;

		/// The council, told of every change of its members.
		type Council: ChangeMembers<Self::AccountId>;

		/// Most council members: the collective's `MaxMembers`, at least the validator cap.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Weights, from `benchmarking.rs`.
		type WeightInfo: WeightInfo;
	}

	/// The council's members as this pallet last set them: the validators of the current
	/// session, sorted, without duplicates.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxMembers>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A root motion's call ran as Root, with this result.
		Dispatched { result: DispatchResult },
		/// The council took the validators of a new session as its members.
		CouncilChanged {
			/// The session that started.
			session: SessionIndex,
			/// Members now.
			members: u32,
			/// Validators that joined the council.
			incoming: u32,
			/// Members that left it.
			outgoing: u32,
		},
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatches `call` as Root, if the origin is [`Config::RootOrigin`] (2/3 of the
		/// council).
		///
		/// The call's own result is in [`Event::Dispatched`]: this call succeeds once the
		/// origin is accepted, so that the motion that carried it is closed either way. Its
		/// weight is the inner call's plus this pallet's overhead, and the inner call's refund
		/// is passed on.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::RootOrigin::ensure_origin(origin)?;
			let declared = call.get_dispatch_info().call_weight;
			let (result, post) =
				match (*call).dispatch_bypass_filter(frame_system::RawOrigin::Root.into()) {
					Ok(post) => (Ok(()), post),
					Err(e) => (Err(e.error), e.post_info),
				};
			Self::deposit_event(Event::Dispatched { result });
			let inner = post.actual_weight.unwrap_or(declared);
			Ok(Some(T::WeightInfo::dispatch_as_root().saturating_add(inner)).into())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Makes the validators of the session that starts the council's members. Called by the
	/// runtime's session manager once `pallet-session` has switched to the new set, and at
	/// genesis for session 0.
	///
	/// Its cost is a read of the validator list, one write of the members and the collective's
	/// pass over its open motions (at most its `MaxProposals`); the block of a session change
	/// is charged in full by `pallet-session`, so it is not weighed separately.
	pub fn on_session_start(session: SessionIndex) {
		let mut validators: Vec<T::AccountId> = T::Validators::validators();
		validators.sort();
		validators.dedup();
		let max = T::MaxMembers::get() as usize;
		if validators.len() > max {
			// The validator cap is at most `MaxMembers` in the runtime; should that ever change,
			// the lowest accounts sit, and the log says so.
			log::error!(
				target: "runtime::governance",
				"session {session}: {} validators, the council seats {max}",
				validators.len(),
			);
			validators.truncate(max);
		}
		let new = BoundedVec::<T::AccountId, T::MaxMembers>::truncate_from(validators);
		let old = Members::<T>::get();
		if new == old {
			return;
		}
		let (incoming, outgoing) = T::Council::compute_members_diff_sorted(&new, &old);
		T::Council::change_members_sorted(&incoming, &outgoing, &new);
		Self::deposit_event(Event::CouncilChanged {
			session,
			members: new.len() as u32,
			incoming: incoming.len() as u32,
			outgoing: outgoing.len() as u32,
		});
		Members::<T>::put(new);
	}

	/// The pallet's invariants: the members are sorted, distinct, and the current session's
	/// validators (up to `MaxMembers`).
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let members = Members::<T>::get();
		ensure!(members.windows(2).all(|w| w[0] < w[1]), "council members not sorted and distinct");
		let mut validators = T::Validators::validators();
		validators.sort();
		validators.dedup();
		validators.truncate(T::MaxMembers::get() as usize);
		ensure!(members.as_slice() == validators.as_slice(), "council is not the validator set");
		Ok(())
	}
}
