//! # Validator set pallet
//!
//! Proof-of-stake selection of Tapchain's Aura and GRANDPA authorities. It is the
//! `SessionManager` of `pallet-session`: at each session change it names the validators of the
//! session after next from BTC bonds, and it ends sessions after a length the chain spec sets.
//!
//! ## Overview
//!
//! An operator bonds BTC, registers session keys (`Session::set_keys`, the aura and grandpa keys
//! that `author_rotateKeys` printed), and declares itself a candidate. At every session change
//! the active set for the session after next is assembled from the genesis invulnerables plus
//! the candidates with the largest bonds. Bonds leave through a delay, so that an offence can
//! still be punished after the offender stops validating.
//!
//! ## Terminology
//!
//! - **Bond**: BTC an account put on hold under [`HoldReason::Bond`]. It is split into the
//!   *active* bond, which counts for selection, and *unlocking* chunks.
//! - **Candidate**: an account with at least [`Config::MinBond`] active and session keys that
//!   asked to validate ([`Pallet::validate`]). At most [`Config::MaxCandidates`].
//! - **Invulnerable**: an account that is always selected, bond or not; set in genesis (or by
//!   [`Config::UpdateOrigin`]). It keeps a small network alive while bonded validators join.
//! - **Active set**: the validators of one session: all invulnerables, then the
//!   [`DesiredCandidates`] candidates with the most active bond (ties: the earlier candidate),
//!   at most [`Config::MaxValidators`] in all. Aura and GRANDPA take their keys from it.
//! - **Session**: a run of [`SessionLength`] blocks (set per chain spec). `pallet-session`
//!   activates a set one session after it is chosen, so a choice made at the start of session
//!   `i` rules session `i + 1`.
//! - **Offline**: a candidate that was in the active set for a whole session of at least two
//!   blocks per validator (every live validator had a slot) and authored none of them. It is
//!   chilled at the session's end, so it is absent from the next set chosen. Invulnerables are
//!   never chilled, and never below [`Config::MinValidators`].
//! - **Unbonding delay**: [`Config::BondingDuration`] sessions between [`Pallet::unbond`] and
//!   [`Pallet::withdraw_unbonded`]. Unlocking chunks stay slashable meanwhile; the delay must be
//!   at least as long as offences can still be reported (GRANDPA's report window).
//! - **Slash**: an offence reported through `pallet-offences` (for example a GRANDPA
//!   equivocation) burns the reported fraction of the offender's whole bond, active first, and
//!   chills it.
//!
//! ## Flows
//!
//! Joining: [`Pallet::bond`] → `Session::set_keys` → [`Pallet::validate`] → the next session
//! change selects it → it authors from the session after that.
//!
//! Leaving: [`Pallet::chill`] → [`Pallet::unbond`] → wait [`Config::BondingDuration`] sessions
//! → [`Pallet::withdraw_unbonded`].
//!
//! ## Dispatchables
//!
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: move BTC in and out.
//! - [`Pallet::validate`], [`Pallet::chill`]: enter and leave the candidate list.
//! - [`Pallet::set_desired_candidates`], [`Pallet::set_invulnerables`]: governance
//!   ([`Config::UpdateOrigin`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		EstimateNextSessionRotation, ValidatorRegistration,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Convert, Saturating, Zero},
	ArithmeticError, Perbill, Permill,
};
use sp_staking::{
	offence::{OffenceDetails, OnOffenceHandler},
	SessionIndex,
};

const LOG_TARGET: &str = "validator-set";

/// The bond's balance type.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// What `pallet-session`'s historical module records per validator: nothing beyond the account.
/// Slashes read the bond at the time of the report, which the unbonding delay keeps in place.
pub type FullIdentification = ();

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native token; bonds are holds on it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Whether an account has session keys (`pallet-session`). A candidate without keys
		/// could be selected but not author or vote.
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// May change [`DesiredCandidates`] and [`Invulnerables`].
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Least active bond of a candidate.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// Longest candidate list. Selection sorts it each session, so it bounds that work.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// Most invulnerables.
		#[pallet::constant]
		type MaxInvulnerables: Get<u32>;

		/// Largest active set, invulnerables included. At most Aura's and GRANDPA's
		/// `MaxAuthorities`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Offline candidates are not chilled when fewer than this many invulnerables and
		/// candidates would remain.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Most unlocking chunks per account; a full ledger must withdraw before unbonding again.
		/// Each chunk is 20 bytes of state.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// Sessions between `unbond` and `withdraw_unbonded`.
		#[pallet::constant]
		type BondingDuration: Get<SessionIndex>;

		/// Drops per-session records older than the reporting window (in the runtime:
		/// `pallet-session`'s historical roots, which nothing else prunes without staking).
		type PruneSessions: PruneSessions;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Gives accounts session keys in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Registers session keys for `who`, unique to it.
		fn register_keys(who: &AccountId);
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A validator bond, active or unlocking.
		#[codec(index = 0)]
		Bond,
	}

	/// Bond of each account that has one.
	#[pallet::storage]
	pub type Ledgers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Ledger<T>>;

	/// Accounts asking to validate, in the order they asked.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxCandidates>, ValueQuery>;

	/// Accounts in every active set, bonded or not.
	#[pallet::storage]
	pub type Invulnerables<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxInvulnerables>, ValueQuery>;

	/// How many candidates join the invulnerables in an active set.
	#[pallet::storage]
	pub type DesiredCandidates<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Blocks per session. Set by the chain spec.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The session `pallet-session` is in (written by `start_session`).
	#[pallet::storage]
	pub type CurrentSession<T: Config> = StorageValue<_, SessionIndex, ValueQuery>;

	/// Block at which the current session started.
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The set chosen for each session that has not ended yet (at most two: the current and the
	/// queued one).
	#[pallet::storage]
	pub type Planned<T: Config> =
		StorageMap<_, Twox64Concat, SessionIndex, BoundedVec<T::AccountId, T::MaxValidators>>;

	/// Blocks each validator authored in the current session. Only authors get an entry, so it
	/// holds at most one per validator; cleared when the session ends.
	#[pallet::storage]
	pub type AuthoredBlocks<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, u32, ValueQuery>;

	/// The largest fraction already slashed per offending validator and session of the offence,
	/// so that a later report in the same session slashes only the difference. Pruned after
	/// [`Config::BondingDuration`] sessions.
	#[pallet::storage]
	pub type SlashedFraction<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SessionIndex, Twox64Concat, T::AccountId, Perbill>;

	/// Session length of a chain spec that does not set one: an hour of 6-second blocks.
	pub const DEFAULT_SESSION_LENGTH: u32 = 600;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Always-selected accounts. Their session keys come from `pallet-session`'s genesis.
		pub invulnerables: Vec<T::AccountId>,
		/// Accounts bonded and validating from genesis, with their bonds (held from their
		/// genesis balance).
		pub candidates: Vec<(T::AccountId, BalanceOf<T>)>,
		/// [`DesiredCandidates`].
		pub desired_candidates: u32,
		/// [`SessionLength`], in blocks; at least 1.
		pub session_length: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self {
				invulnerables: Vec::new(),
				candidates: Vec::new(),
				desired_candidates: 0,
				session_length: DEFAULT_SESSION_LENGTH.into(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(!self.session_length.is_zero(), "validatorSet.sessionLength must be > 0");
			SessionLength::<T>::put(self.session_length);
			let invulnerables: BoundedVec<_, T::MaxInvulnerables> = self
				.invulnerables
				.clone()
				.try_into()
				.expect("genesis invulnerables exceed MaxInvulnerables");
			Invulnerables::<T>::put(invulnerables);
			assert!(
				self.desired_candidates.saturating_add(self.invulnerables.len() as u32)
					<= T::MaxValidators::get(),
				"invulnerables plus desired candidates exceed MaxValidators"
			);
			DesiredCandidates::<T>::put(self.desired_candidates);
			for (who, bond) in &self.candidates {
				assert!(*bond >= T::MinBond::get(), "genesis candidate bond below MinBond");
				Pallet::<T>::do_bond(who, *bond).expect("genesis candidate can pay its bond");
				Candidates::<T>::try_append(who.clone())
					.expect("genesis candidates exceed MaxCandidates");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `amount` more of `who`'s balance is bonded.
		Bonded { who: T::AccountId, amount: BalanceOf<T> },
		/// `amount` of `who`'s active bond starts unlocking; withdrawable from `session`.
		Unbonded { who: T::AccountId, amount: BalanceOf<T>, session: SessionIndex },
		/// Unlocked bond went back to `who`'s free balance.
		Withdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// `who` is a candidate from now on.
		CandidateAdded { who: T::AccountId },
		/// `who` is no longer a candidate.
		Chilled { who: T::AccountId, reason: ChillReason },
		/// `amount` of `who`'s bond was taken for an offence: burnt, but for what went to a
		/// reporter ([`Event::ReporterRewarded`]).
		Slashed { who: T::AccountId, amount: BalanceOf<T> },
		/// `reporter` received `amount` of `offender`'s slashed bond.
		ReporterRewarded { reporter: T::AccountId, offender: T::AccountId, amount: BalanceOf<T> },
		/// The active set of `session` was chosen: `validators` accounts.
		NewSet { session: SessionIndex, validators: u32 },
		/// [`DesiredCandidates`] changed.
		DesiredCandidatesSet { desired: u32 },
		/// [`Invulnerables`] changed.
		InvulnerablesSet { invulnerables: Vec<T::AccountId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero.
		ZeroAmount,
		/// The account has no bond.
		NotBonded,
		/// The bond would be below `MinBond`; bond more.
		BelowMinBond,
		/// Unbonding more than the active bond.
		InsufficientBond,
		/// A candidate must keep `MinBond` active; `chill` first.
		StillCandidate,
		/// `MaxUnlockingChunks` chunks are unlocking; `withdraw_unbonded` first.
		TooManyChunks,
		/// No unlocking chunk has reached its session yet.
		NothingToWithdraw,
		/// The account is already a candidate.
		AlreadyCandidate,
		/// The account is not a candidate.
		NotCandidate,
		/// The candidate list is full (`MaxCandidates`).
		TooManyCandidates,
		/// The account has no session keys; call `Session::set_keys` first.
		NoSessionKeys,
		/// The account is an invulnerable; it is selected without candidacy.
		Invulnerable,
		/// More invulnerables than `MaxInvulnerables`.
		TooManyInvulnerables,
		/// The same account is listed twice.
		DuplicateInvulnerable,
		/// Invulnerables plus desired candidates would exceed `MaxValidators`.
		TooManyValidators,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxValidators::get() > 0, "MaxValidators must be > 0");
			assert!(T::MaxUnlockingChunks::get() > 0, "MaxUnlockingChunks must be > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bond `amount` more of the caller's free balance. The first bond must be at least
		/// `MinBond`.
		///
		/// Signed by the account that bonds. Fails with `FundsUnavailable` if the caller cannot
		/// hold `amount` and stay above the existential deposit.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let active = Ledgers::<T>::get(&who).map(|l| l.active).unwrap_or_default();
			let new_active = active.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			ensure!(new_active >= T::MinBond::get(), Error::<T>::BelowMinBond);
			Self::do_bond(&who, amount)?;
			Self::deposit_event(Event::Bonded { who, amount });
			Ok(())
		}

		/// Start unlocking `amount` of the caller's active bond. It stays on hold (and
		/// slashable) for `BondingDuration` sessions, then [`Pallet::withdraw_unbonded`]
		/// releases it. A candidate must keep `MinBond` active.
		///
		/// Signed by the bonded account.
		///
		/// ## Complexity
		/// O(`MaxUnlockingChunks`) to merge chunks of the same session.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let remaining =
				ledger.active.checked_sub(&amount).ok_or(Error::<T>::InsufficientBond)?;
			if remaining < T::MinBond::get() {
				ensure!(!Self::is_candidate(&who), Error::<T>::StillCandidate);
			}
			let session = Self::current_session().saturating_add(T::BondingDuration::get());
			if let Some(last) = ledger.unlocking.last_mut().filter(|c| c.session == session) {
				last.value = last.value.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			} else {
				ledger
					.unlocking
					.try_push(UnlockChunk { value: amount, session })
					.map_err(|_| Error::<T>::TooManyChunks)?;
			}
			ledger.active = remaining;
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::Unbonded { who, amount, session });
			Ok(())
		}

		/// Release every unlocking chunk whose session has started to the caller's free
		/// balance. The ledger is deleted once nothing is bonded.
		///
		/// Signed by the bonded account.
		///
		/// ## Complexity
		/// O(`MaxUnlockingChunks`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let now = Self::current_session();
			let mut amount = BalanceOf::<T>::zero();
			ledger.unlocking.retain(|c| {
				if c.session <= now {
					amount = amount.saturating_add(c.value);
					false
				} else {
					true
				}
			});
			ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
			let released = T::Currency::release(
				&HoldReason::Bond.into(),
				&who,
				amount,
				Precision::BestEffort,
			)?;
			Self::store_ledger(&who, ledger);
			Self::deposit_event(Event::Withdrawn { who, amount: released });
			Ok(())
		}

		/// Ask to validate. Needs `MinBond` active and session keys; selection happens at the
		/// next session change.
		///
		/// Signed by the bonded account.
		///
		/// ## Complexity
		/// O(`MaxCandidates`) to check the list.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::validate(T::MaxCandidates::get()))]
		pub fn validate(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(ledger.active >= T::MinBond::get(), Error::<T>::BelowMinBond);
			ensure!(!Invulnerables::<T>::get().contains(&who), Error::<T>::Invulnerable);
			ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
			Candidates::<T>::try_mutate(|list| {
				ensure!(!list.contains(&who), Error::<T>::AlreadyCandidate);
				list.try_push(who.clone()).map_err(|_| Error::<T>::TooManyCandidates)
			})?;
			Self::deposit_event(Event::CandidateAdded { who });
			Ok(())
		}

		/// Stop being a candidate. The caller leaves the active set at the next set chosen; its
		/// bond stays until [`Pallet::unbond`].
		///
		/// Signed by the candidate.
		///
		/// ## Complexity
		/// O(`MaxCandidates`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::chill(T::MaxCandidates::get()))]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Self::remove_candidate(&who), Error::<T>::NotCandidate);
			Self::deposit_event(Event::Chilled { who, reason: ChillReason::Requested });
			Ok(())
		}

		/// Set how many candidates join the invulnerables in each active set.
		///
		/// `UpdateOrigin` only. `desired` plus the invulnerables must fit `MaxValidators`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_desired_candidates())]
		pub fn set_desired_candidates(origin: OriginFor<T>, desired: u32) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let invulnerables = Invulnerables::<T>::decode_len().unwrap_or_default() as u32;
			ensure!(
				desired.saturating_add(invulnerables) <= T::MaxValidators::get(),
				Error::<T>::TooManyValidators
			);
			DesiredCandidates::<T>::put(desired);
			Self::deposit_event(Event::DesiredCandidatesSet { desired });
			Ok(())
		}

		/// Replace the invulnerables with `invulnerables`. Each needs session keys; none may be
		/// listed twice. A new invulnerable that was a candidate stops being one (its bond
		/// stays).
		///
		/// `UpdateOrigin` only.
		///
		/// ## Complexity
		/// O(n²) in the list's length (at most `MaxInvulnerables`) plus O(`MaxCandidates`).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_invulnerables(invulnerables.len() as u32))]
		pub fn set_invulnerables(
			origin: OriginFor<T>,
			invulnerables: Vec<T::AccountId>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let bounded: BoundedVec<T::AccountId, T::MaxInvulnerables> =
				invulnerables.clone().try_into().map_err(|_| Error::<T>::TooManyInvulnerables)?;
			for (i, who) in bounded.iter().enumerate() {
				ensure!(!bounded[..i].contains(who), Error::<T>::DuplicateInvulnerable);
				ensure!(T::ValidatorRegistration::is_registered(who), Error::<T>::NoSessionKeys);
			}
			ensure!(
				DesiredCandidates::<T>::get().saturating_add(bounded.len() as u32)
					<= T::MaxValidators::get(),
				Error::<T>::TooManyValidators
			);
			Candidates::<T>::mutate(|list| list.retain(|c| !bounded.contains(c)));
			Invulnerables::<T>::put(bounded);
			Self::deposit_event(Event::InvulnerablesSet { invulnerables });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The current session, as `pallet-session` counts it (tracked through the session
	/// manager's `start_session`).
	pub fn current_session() -> SessionIndex {
		CurrentSession::<T>::get()
	}

	/// Whether `who` is on the candidate list.
	pub fn is_candidate(who: &T::AccountId) -> bool {
		Candidates::<T>::get().contains(who)
	}

	/// The active set the next session change would choose: invulnerables, then the
	/// [`DesiredCandidates`] candidates with session keys and the most active bond (ties go to
	/// the earlier candidate), at most `MaxValidators`.
	pub fn select() -> Vec<T::AccountId> {
		let invulnerables = Invulnerables::<T>::get();
		let max = T::MaxValidators::get() as usize;
		let room = max
			.saturating_sub(invulnerables.len())
			.min(DesiredCandidates::<T>::get() as usize);
		let mut ranked: Vec<(T::AccountId, BalanceOf<T>)> = Candidates::<T>::get()
			.into_iter()
			.filter(|c| !invulnerables.contains(c))
			.filter(|c| T::ValidatorRegistration::is_registered(c))
			.map(|c| {
				let bond = Ledgers::<T>::get(&c).map(|l| l.active).unwrap_or_default();
				(c, bond)
			})
			.filter(|(_, bond)| *bond >= T::MinBond::get())
			.collect();
		// Stable: equal bonds keep list order, so the earlier candidate wins.
		ranked.sort_by(|a, b| b.1.cmp(&a.1));
		let mut set: Vec<T::AccountId> = invulnerables.into_iter().take(max).collect();
		set.extend(ranked.into_iter().take(room).map(|(c, _)| c));
		set
	}

	/// Put `amount` of `who`'s free balance on hold and add it to the active bond.
	fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut ledger = Ledgers::<T>::get(who).unwrap_or_default();
		ledger.active = ledger.active.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		T::Currency::hold(&HoldReason::Bond.into(), who, amount)?;
		Ledgers::<T>::insert(who, ledger);
		Ok(())
	}

	/// Write `ledger`, or delete it once empty.
	fn store_ledger(who: &T::AccountId, ledger: Ledger<T>) {
		if ledger.is_empty() {
			Ledgers::<T>::remove(who);
		} else {
			Ledgers::<T>::insert(who, ledger);
		}
	}

	/// Take `who` off the candidate list; whether it was on it.
	fn remove_candidate(who: &T::AccountId) -> bool {
		Candidates::<T>::mutate(|list| {
			let before = list.len();
			list.retain(|c| c != who);
			list.len() != before
		})
	}

	/// Burn `fraction` of `who`'s whole bond (active first, then the newest unlocking chunks),
	/// minus what an earlier report of the same session already took, and chill it. Offences
	/// older than `BondingDuration` sessions are ignored.
	fn slash(who: &T::AccountId, fraction: Perbill, session: SessionIndex) {
		Self::slash_to(who, fraction, session, None);
	}

	/// Slashes `who` for a fault that `pallet-offences` does not see (a theft of bridged BTC,
	/// proven on Bitcoin): `fraction` of its bond, in the current session, as [`Self::slash`]
	/// does; `reward` of what was taken goes to `reporter` and the rest is burnt. Returns what
	/// was taken and what the reporter received.
	pub fn slash_and_reward(
		who: &T::AccountId,
		fraction: Perbill,
		reporter: &T::AccountId,
		reward: Perbill,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		Self::slash_to(who, fraction, Self::current_session(), Some((reporter, reward)))
	}

	fn slash_to(
		who: &T::AccountId,
		fraction: Perbill,
		session: SessionIndex,
		reward: Option<(&T::AccountId, Perbill)>,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let nothing = (Zero::zero(), Zero::zero());
		// Older than the bonding duration: its offender may have withdrawn, and its record would
		// never be pruned. `pallet-session`'s pruned history refuses such reports anyway.
		if session.saturating_add(T::BondingDuration::get()) <= Self::current_session() {
			log::warn!(target: LOG_TARGET, "offence of session {session} is too old to slash");
			return nothing;
		}
		let already = SlashedFraction::<T>::get(session, who).unwrap_or_default();
		if fraction <= already {
			return nothing;
		}
		SlashedFraction::<T>::insert(session, who, fraction);
		if Self::remove_candidate(who) {
			Self::deposit_event(Event::Chilled { who: who.clone(), reason: ChillReason::Slashed });
		}
		let Some(mut ledger) = Ledgers::<T>::get(who) else { return nothing };
		let mut due = (fraction.saturating_sub(already)) * ledger.total();
		let mut take = |value: &mut BalanceOf<T>| {
			let cut = due.min(*value);
			*value = value.saturating_sub(cut);
			due = due.saturating_sub(cut);
		};
		take(&mut ledger.active);
		for chunk in ledger.unlocking.iter_mut().rev() {
			take(&mut chunk.value);
		}
		ledger.unlocking.retain(|c| !c.value.is_zero());
		let wanted = ledger.total();
		let held = T::Currency::balance_on_hold(&HoldReason::Bond.into(), who);
		let mut amount = held.saturating_sub(wanted);
		let mut paid = BalanceOf::<T>::zero();
		if let Some((reporter, share)) = reward {
			// Best effort: a reward the reporter's account cannot take (below the existential
			// deposit of a new account) is burnt with the rest.
			paid = T::Currency::transfer_on_hold(
				&HoldReason::Bond.into(),
				who,
				reporter,
				share * amount,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_default();
			amount = amount.saturating_sub(paid);
		}
		let burnt = T::Currency::burn_held(
			&HoldReason::Bond.into(),
			who,
			amount,
			Precision::BestEffort,
			Fortitude::Force,
		)
		.unwrap_or_default();
		Self::store_ledger(who, ledger);
		log::warn!(target: LOG_TARGET, "slashed {:?} of {:?} ({:?})", burnt, who, fraction);
		let taken = burnt.saturating_add(paid);
		Self::deposit_event(Event::Slashed { who: who.clone(), amount: taken });
		if let Some((reporter, _)) = reward.filter(|_| !paid.is_zero()) {
			Self::deposit_event(Event::ReporterRewarded {
				reporter: reporter.clone(),
				offender: who.clone(),
				amount: paid,
			});
		}
		(taken, paid)
	}

	/// Chill every candidate of `set` that authored nothing in the session that just ended,
	/// if the session gave each of them a slot.
	fn chill_offline(set: &[T::AccountId], blocks: BlockNumberFor<T>) -> u32 {
		let needed = BlockNumberFor::<T>::from((set.len() as u32).saturating_mul(2));
		if blocks < needed {
			return 0;
		}
		let invulnerables = Invulnerables::<T>::get();
		let mut chilled = 0;
		for who in set {
			if invulnerables.contains(who) || AuthoredBlocks::<T>::get(who) > 0 {
				continue;
			}
			let eligible = invulnerables
				.len()
				.saturating_add(Candidates::<T>::decode_len().unwrap_or_default());
			if eligible <= T::MinValidators::get() as usize {
				break;
			}
			if Self::remove_candidate(who) {
				chilled += 1;
				log::info!(target: LOG_TARGET, "chilled offline validator {:?}", who);
				Self::deposit_event(Event::Chilled {
					who: who.clone(),
					reason: ChillReason::Offline,
				});
			}
		}
		chilled
	}

	/// Checks the pallet's invariants: every ledger is exactly what is on hold, candidates are
	/// bonded and unique, no invulnerable is a candidate.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (who, ledger) in Ledgers::<T>::iter() {
			ensure!(!ledger.is_empty(), "empty ledger stored");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Bond.into(), &who) == ledger.total(),
				"ledger differs from the hold"
			);
		}
		let candidates = Candidates::<T>::get();
		let invulnerables = Invulnerables::<T>::get();
		for (i, c) in candidates.iter().enumerate() {
			ensure!(!candidates[..i].contains(c), "duplicate candidate");
			ensure!(!invulnerables.contains(c), "invulnerable on the candidate list");
			ensure!(Ledgers::<T>::contains_key(c), "unbonded candidate");
		}
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let candidates = Candidates::<T>::decode_len().unwrap_or_default() as u32;
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			T::WeightInfo::new_session(candidates),
			DispatchClass::Mandatory,
		);
		let set = Self::select();
		if set.is_empty() {
			log::error!(target: LOG_TARGET, "no validator for session {index}; keeping the last set");
			return None;
		}
		// `select` never returns more than `MaxValidators`.
		let bounded = BoundedVec::<_, T::MaxValidators>::truncate_from(set.clone());
		Planned::<T>::insert(index, bounded);
		Self::deposit_event(Event::NewSet { session: index, validators: set.len() as u32 });
		Some(set)
	}

	fn end_session(index: SessionIndex) {
		let blocks =
			frame_system::Pallet::<T>::block_number().saturating_sub(SessionStart::<T>::get());
		if let Some(set) = Planned::<T>::take(index) {
			Self::chill_offline(&set, blocks);
		}
		let _ = AuthoredBlocks::<T>::clear(T::MaxValidators::get(), None);
	}

	fn start_session(index: SessionIndex) {
		CurrentSession::<T>::put(index);
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
		if let Some(old) = index.checked_sub(T::BondingDuration::get()) {
			let _ = SlashedFraction::<T>::clear_prefix(old, T::MaxValidators::get(), None);
			// Offences of sessions before `old` can no longer be reported, nor slashed.
			T::PruneSessions::prune_up_to(old);
		}
	}
}

impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, FullIdentification>
	for Pallet<T>
{
	fn new_session(index: SessionIndex) -> Option<Vec<(T::AccountId, FullIdentification)>> {
		<Self as pallet_session::SessionManager<_>>::new_session(index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}
	fn start_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::start_session(index)
	}
	fn end_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::end_session(index)
	}
}

/// Drops per-session records of sessions before a given one.
pub trait PruneSessions {
	/// Forget sessions before `index`.
	fn prune_up_to(index: SessionIndex);
}

impl PruneSessions for () {
	fn prune_up_to(_: SessionIndex) {}
}

/// Prunes `pallet-session`'s historical session roots: key-ownership proofs for sessions before
/// the bonding duration are useless, since their offenders may have withdrawn.
pub struct PruneHistorical<T>(PhantomData<T>);
impl<T: pallet_session::historical::Config> PruneSessions for PruneHistorical<T> {
	fn prune_up_to(index: SessionIndex) {
		pallet_session::historical::Pallet::<T>::prune_up_to(index);
	}
}

/// Every validator is identified by its account alone (see [`FullIdentification`]).
pub struct IdentificationOf<T>(PhantomData<T>);
impl<T: Config> Convert<T::AccountId, Option<FullIdentification>> for IdentificationOf<T> {
	fn convert(_: T::AccountId) -> Option<FullIdentification> {
		Some(())
	}
}

/// Sessions end after [`SessionLength`] blocks.
impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		now.saturating_sub(SessionStart::<T>::get()) >= SessionLength::<T>::get()
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let len = SessionLength::<T>::get();
		let done = now.saturating_sub(SessionStart::<T>::get()).saturating_add(1u32.into());
		(Some(Permill::from_rational(done.min(len), len)), T::DbWeight::get().reads(2))
	}

	fn estimate_next_session_rotation(
		_now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let next = SessionStart::<T>::get().saturating_add(SessionLength::<T>::get());
		(Some(next), T::DbWeight::get().reads(2))
	}
}

/// Counts blocks per author, for the offline rule.
impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn note_author(author: T::AccountId) {
		AuthoredBlocks::<T>::mutate(author, |n| *n = n.saturating_add(1));
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			T::WeightInfo::note_author(),
			DispatchClass::Mandatory,
		);
	}
}

/// Slashes reported offenders (GRANDPA equivocations, through `pallet-offences`).
impl<T: Config> OnOffenceHandler<T::AccountId, (T::AccountId, FullIdentification), Weight>
	for Pallet<T>
{
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, FullIdentification)>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			Self::slash(&details.offender.0, *fraction, session);
		}
		T::WeightInfo::slash().saturating_mul(offenders.len() as u64)
	}
}
