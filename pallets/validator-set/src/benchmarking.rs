//! Benchmarks of `pallet-validator-set`, each at its worst case: full candidate lists, full
//! unlocking ledgers, candidates with keys so that selection reads every ledger.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate as _;
use frame_system::RawOrigin;
use pallet_session::SessionManager as _;

/// A funded account with `MinBond` (times `factor`) bonded and session keys.
fn bonded<T: Config>(name: &'static str, i: u32, factor: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let bond = T::MinBond::get().saturating_mul(factor.into());
	let _ = T::Currency::set_balance(&who, bond.saturating_mul(10u32.into()));
	Pallet::<T>::do_bond(&who, bond).expect("funded above the bond");
	T::BenchmarkHelper::register_keys(&who);
	who
}

/// `c` candidates with distinct bonds.
fn candidates<T: Config>(c: u32) {
	for i in 0..c {
		let who = bonded::<T>("candidate", i, i + 1);
		Candidates::<T>::try_append(who).expect("c is within MaxCandidates");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let caller: T::AccountId = whitelisted_caller();
		let amount = T::MinBond::get();
		let _ = T::Currency::set_balance(&caller, amount.saturating_mul(10u32.into()));

		#[extrinsic_call]
		bond(RawOrigin::Signed(caller.clone()), amount);

		assert_eq!(Ledgers::<T>::get(&caller).map(|l| l.active), Some(amount));
	}

	/// Worst case: a new chunk pushed next to `MaxUnlockingChunks - 1` others, leaving less than
	/// `MinBond` active so the candidate list is read too.
	#[benchmark]
	fn unbond() {
		let caller = bonded::<T>("caller", 0, 10);
		let one: BalanceOf<T> = 1u32.into();
		for s in 1..T::MaxUnlockingChunks::get() {
			CurrentSession::<T>::put(s);
			Pallet::<T>::unbond(RawOrigin::Signed(caller.clone()).into(), one)
				.expect("bond is large enough");
		}
		CurrentSession::<T>::put(T::MaxUnlockingChunks::get());
		let amount = Ledgers::<T>::get(&caller).expect("bonded").active.saturating_sub(one);

		#[extrinsic_call]
		unbond(RawOrigin::Signed(caller.clone()), amount);

		let ledger = Ledgers::<T>::get(&caller).expect("still bonded");
		assert_eq!(ledger.unlocking.len() as u32, T::MaxUnlockingChunks::get());
	}

	/// Worst case: every chunk of a full ledger released and the ledger deleted.
	#[benchmark]
	fn withdraw_unbonded() {
		let caller = bonded::<T>("caller", 0, 1);
		let total = Ledgers::<T>::get(&caller).expect("bonded").active;
		let chunks = T::MaxUnlockingChunks::get();
		let part = total / chunks.into();
		for s in 0..chunks {
			CurrentSession::<T>::put(s);
			let amount = if s + 1 == chunks {
				Ledgers::<T>::get(&caller).expect("bonded").active
			} else {
				part
			};
			Pallet::<T>::unbond(RawOrigin::Signed(caller.clone()).into(), amount)
				.expect("within the bond");
		}
		CurrentSession::<T>::put(chunks.saturating_add(T::BondingDuration::get()));

		#[extrinsic_call]
		withdraw_unbonded(RawOrigin::Signed(caller.clone()));

		assert!(Ledgers::<T>::get(&caller).is_none());
	}

	#[benchmark]
	fn validate(c: Linear<0, { T::MaxCandidates::get() - 1 }>) {
		candidates::<T>(c);
		let caller = bonded::<T>("caller", 0, 1);

		#[extrinsic_call]
		validate(RawOrigin::Signed(caller.clone()));

		assert!(Pallet::<T>::is_candidate(&caller));
	}

	#[benchmark]
	fn chill(c: Linear<1, { T::MaxCandidates::get() }>) {
		candidates::<T>(c);
		let last = Candidates::<T>::get().last().cloned().expect("c >= 1");

		#[extrinsic_call]
		chill(RawOrigin::Signed(last.clone()));

		assert!(!Pallet::<T>::is_candidate(&last));
	}

	#[benchmark]
	fn set_desired_candidates() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let desired = T::MaxValidators::get();
		Invulnerables::<T>::kill();

		#[extrinsic_call]
		set_desired_candidates(origin as T::RuntimeOrigin, desired);

		assert_eq!(DesiredCandidates::<T>::get(), desired);
		Ok(())
	}

	/// `n` invulnerables replacing `n` candidates, so every one is removed from the list.
	#[benchmark]
	fn set_invulnerables(
		n: Linear<1, { T::MaxInvulnerables::get().min(T::MaxValidators::get()) }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		DesiredCandidates::<T>::put(0);
		candidates::<T>(T::MaxCandidates::get());
		let list: Vec<T::AccountId> = Candidates::<T>::get().into_iter().take(n as usize).collect();

		#[extrinsic_call]
		set_invulnerables(origin as T::RuntimeOrigin, list.clone());

		assert_eq!(Invulnerables::<T>::get().to_vec(), list);
		Ok(())
	}

	/// A session change: `c` candidates ranked, a full set of offline ones checked and chilled.
	#[benchmark]
	fn new_session(c: Linear<1, { T::MaxCandidates::get() }>) {
		candidates::<T>(c);
		DesiredCandidates::<T>::put(T::MaxValidators::get());
		Invulnerables::<T>::kill();
		let set = Pallet::<T>::select();
		Planned::<T>::insert(0, BoundedVec::truncate_from(set));
		SessionLength::<T>::put(BlockNumberFor::<T>::from(u32::MAX));
		frame_system::Pallet::<T>::set_block_number(BlockNumberFor::<T>::from(u32::MAX));

		#[block]
		{
			Pallet::<T>::end_session(0);
			Pallet::<T>::start_session(1);
			let _ = Pallet::<T>::new_session(2);
		}

		assert!(Planned::<T>::get(2).is_some());
	}

	#[benchmark]
	fn note_author() {
		let author: T::AccountId = account("author", 0, 0);

		#[block]
		{
			<Pallet<T> as pallet_authorship::EventHandler<_, _>>::note_author(author.clone());
		}

		assert_eq!(AuthoredBlocks::<T>::get(&author), 1);
	}

	/// A candidate with a full unlocking ledger slashed entirely.
	#[benchmark]
	fn slash() {
		let who = bonded::<T>("offender", 0, 10);
		Candidates::<T>::try_append(who.clone()).expect("room for one");
		let one: BalanceOf<T> = 1u32.into();
		for s in 0..T::MaxUnlockingChunks::get() {
			CurrentSession::<T>::put(s);
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), one)
				.expect("bond is large enough");
		}
		let details = vec![OffenceDetails { offender: (who.clone(), ()), reporters: vec![] }];

		#[block]
		{
			<Pallet<T> as OnOffenceHandler<_, _, _>>::on_offence(&details, &[Perbill::one()], 0);
		}

		assert!(Ledgers::<T>::get(&who).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
