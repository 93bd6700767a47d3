//! Unit tests: every call's success and error paths, selection, the session hooks, slashing,
//! and property tests of the bond invariants.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate as _},
		tokens::fungible::Inspect as _,
	},
};
use pallet_authorship::EventHandler;
use pallet_session::{SessionManager, ShouldEndSession};
use sp_runtime::{BuildStorage, DispatchError, TokenError};

type VS = ValidatorSet;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::Bond.into(), &who)
}

/// Bond `amount`, set keys and validate.
fn candidate(who: AccountId, amount: u64) {
	assert_ok!(VS::bond(signed(who), amount));
	set_keys(who);
	assert_ok!(VS::validate(signed(who)));
}

/// Run session `index`'s end at `block`: what `pallet-session` calls at a rotation.
fn rotate(block: u64) {
	System::set_block_number(block);
	let ending = CurrentSession::<Test>::get();
	VS::end_session(ending);
	VS::start_session(ending + 1);
	let _ = VS::new_session(ending + 2);
}

// ---- bond ----

#[test]
fn bond_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 150));
		assert_eq!(held(2), 150);
		assert_eq!(Balances::balance(&2), 850);
		assert_eq!(Ledgers::<Test>::get(2).map(|l| l.active), Some(150));
		System::assert_last_event(Event::Bonded { who: 2, amount: 150 }.into());
	});
}

#[test]
fn bond_top_up_below_min_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 100));
		assert_ok!(VS::bond(signed(2), 5));
		assert_eq!(Ledgers::<Test>::get(2).map(|l| l.active), Some(105));
		assert_eq!(held(2), 105);
	});
}

#[test]
fn bond_fails_with_zero_amount() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::bond(signed(2), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn bond_fails_with_below_min_bond() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::bond(signed(2), MIN_BOND - 1), Error::<Test>::BelowMinBond);
	});
}

#[test]
fn bond_fails_with_funds_unavailable() {
	new_test_ext().execute_with(|| {
		Balances::set_balance(&9, 100);
		// Holding all 100 would leave nothing for the existential deposit.
		assert_noop!(VS::bond(signed(9), 100), TokenError::FundsUnavailable);
		assert_noop!(VS::bond(signed(3), 1_001), TokenError::FundsUnavailable);
	});
}

#[test]
fn bond_fails_with_overflow() {
	new_test_ext().execute_with(|| {
		Ledgers::<Test>::insert(2, Ledger { active: u64::MAX - 1, unlocking: Default::default() });
		assert_noop!(VS::bond(signed(2), 10), sp_runtime::ArithmeticError::Overflow);
	});
}

// ---- unbond ----

#[test]
fn unbond_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		CurrentSession::<Test>::put(5);
		assert_ok!(VS::unbond(signed(2), 120));
		let ledger = Ledgers::<Test>::get(2).unwrap();
		assert_eq!(ledger.active, 180);
		assert_eq!(ledger.unlocking.to_vec(), vec![UnlockChunk { value: 120, session: 8 }]);
		assert_eq!(held(2), 300, "unlocking stays on hold");
		System::assert_last_event(Event::Unbonded { who: 2, amount: 120, session: 8 }.into());
	});
}

#[test]
fn unbond_merges_chunks_of_one_session() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		assert_ok!(VS::unbond(signed(2), 10));
		assert_ok!(VS::unbond(signed(2), 20));
		let ledger = Ledgers::<Test>::get(2).unwrap();
		assert_eq!(ledger.unlocking.to_vec(), vec![UnlockChunk { value: 30, session: 3 }]);
	});
}

#[test]
fn unbond_fails_with_zero_amount() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		assert_noop!(VS::unbond(signed(2), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn unbond_fails_with_not_bonded() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::unbond(signed(2), 1), Error::<Test>::NotBonded);
	});
}

#[test]
fn unbond_fails_with_insufficient_bond() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		assert_noop!(VS::unbond(signed(2), 301), Error::<Test>::InsufficientBond);
	});
}

#[test]
fn unbond_fails_with_still_candidate() {
	new_test_ext().execute_with(|| {
		candidate(2, 150);
		assert_ok!(VS::unbond(signed(2), 50));
		assert_noop!(VS::unbond(signed(2), 1), Error::<Test>::StillCandidate);
		assert_ok!(VS::chill(signed(2)));
		assert_ok!(VS::unbond(signed(2), 100));
	});
}

#[test]
fn unbond_fails_with_too_many_chunks() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		for s in 0..4 {
			CurrentSession::<Test>::put(s);
			assert_ok!(VS::unbond(signed(2), 1));
		}
		CurrentSession::<Test>::put(4);
		assert_noop!(VS::unbond(signed(2), 1), Error::<Test>::TooManyChunks);
	});
}

// ---- withdraw_unbonded ----

#[test]
fn withdraw_unbonded_works_after_the_delay() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		assert_ok!(VS::unbond(signed(2), 100));
		CurrentSession::<Test>::put(1);
		assert_ok!(VS::unbond(signed(2), 200));
		// Session 3: the first chunk is free, the second (session 4) is not.
		CurrentSession::<Test>::put(3);
		assert_ok!(VS::withdraw_unbonded(signed(2)));
		System::assert_last_event(Event::Withdrawn { who: 2, amount: 100 }.into());
		assert_eq!(held(2), 200);
		assert_eq!(Balances::balance(&2), 800);
		CurrentSession::<Test>::put(4);
		assert_ok!(VS::withdraw_unbonded(signed(2)));
		assert_eq!(held(2), 0);
		assert_eq!(Balances::balance(&2), 1_000);
		assert!(Ledgers::<Test>::get(2).is_none(), "an empty ledger is deleted");
	});
}

#[test]
fn withdraw_unbonded_fails_with_not_bonded() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::withdraw_unbonded(signed(2)), Error::<Test>::NotBonded);
	});
}

#[test]
fn withdraw_unbonded_fails_with_nothing_to_withdraw() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 300));
		assert_noop!(VS::withdraw_unbonded(signed(2)), Error::<Test>::NothingToWithdraw);
		assert_ok!(VS::unbond(signed(2), 100));
		CurrentSession::<Test>::put(2);
		assert_noop!(VS::withdraw_unbonded(signed(2)), Error::<Test>::NothingToWithdraw);
	});
}

// ---- validate / chill ----

#[test]
fn validate_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 100));
		set_keys(2);
		assert_ok!(VS::validate(signed(2)));
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![2]);
		System::assert_last_event(Event::CandidateAdded { who: 2 }.into());
	});
}

#[test]
fn validate_fails_with_not_bonded() {
	new_test_ext().execute_with(|| {
		set_keys(2);
		assert_noop!(VS::validate(signed(2)), Error::<Test>::NotBonded);
	});
}

#[test]
fn validate_fails_with_below_min_bond() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 100));
		assert_ok!(VS::unbond(signed(2), 1));
		set_keys(2);
		assert_noop!(VS::validate(signed(2)), Error::<Test>::BelowMinBond);
	});
}

#[test]
fn validate_fails_with_invulnerable() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(1), 100));
		assert_noop!(VS::validate(signed(1)), Error::<Test>::Invulnerable);
	});
}

#[test]
fn validate_fails_with_no_session_keys() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 100));
		assert_noop!(VS::validate(signed(2)), Error::<Test>::NoSessionKeys);
	});
}

#[test]
fn validate_fails_with_already_candidate() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		assert_noop!(VS::validate(signed(2)), Error::<Test>::AlreadyCandidate);
	});
}

#[test]
fn validate_fails_with_too_many_candidates() {
	new_test_ext().execute_with(|| {
		for who in 10..20 {
			candidate(who, 100);
		}
		assert_ok!(VS::bond(signed(2), 100));
		set_keys(2);
		assert_noop!(VS::validate(signed(2)), Error::<Test>::TooManyCandidates);
	});
}

#[test]
fn chill_works() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		assert_ok!(VS::chill(signed(2)));
		assert!(Candidates::<Test>::get().is_empty());
		assert_eq!(held(2), 100, "chilling keeps the bond");
		System::assert_last_event(Event::Chilled { who: 2, reason: ChillReason::Requested }.into());
	});
}

#[test]
fn chill_fails_with_not_candidate() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::chill(signed(2)), Error::<Test>::NotCandidate);
	});
}

// ---- governance ----

#[test]
fn set_desired_candidates_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::set_desired_candidates(RuntimeOrigin::root(), 4));
		assert_eq!(DesiredCandidates::<Test>::get(), 4);
		System::assert_last_event(Event::DesiredCandidatesSet { desired: 4 }.into());
	});
}

#[test]
fn set_desired_candidates_fails_with_bad_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::set_desired_candidates(signed(1), 4), DispatchError::BadOrigin);
	});
}

#[test]
fn set_desired_candidates_fails_with_too_many_validators() {
	new_test_ext().execute_with(|| {
		// One invulnerable + 5 > MaxValidators (5).
		assert_noop!(
			VS::set_desired_candidates(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn set_invulnerables_works() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		set_keys(3);
		assert_ok!(VS::set_invulnerables(RuntimeOrigin::root(), vec![2, 3]));
		assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![2, 3]);
		assert!(Candidates::<Test>::get().is_empty(), "a new invulnerable leaves the list");
		assert_eq!(held(2), 100);
		System::assert_last_event(Event::InvulnerablesSet { invulnerables: vec![2, 3] }.into());
	});
}

#[test]
fn set_invulnerables_fails_with_bad_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(VS::set_invulnerables(signed(1), vec![1]), DispatchError::BadOrigin);
	});
}

#[test]
fn set_invulnerables_fails_with_too_many_invulnerables() {
	new_test_ext().execute_with(|| {
		(2..6).for_each(set_keys);
		assert_noop!(
			VS::set_invulnerables(RuntimeOrigin::root(), vec![2, 3, 4, 5]),
			Error::<Test>::TooManyInvulnerables
		);
	});
}

#[test]
fn set_invulnerables_fails_with_duplicate_invulnerable() {
	new_test_ext().execute_with(|| {
		set_keys(2);
		assert_noop!(
			VS::set_invulnerables(RuntimeOrigin::root(), vec![2, 1, 2]),
			Error::<Test>::DuplicateInvulnerable
		);
	});
}

#[test]
fn set_invulnerables_fails_with_no_session_keys() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			VS::set_invulnerables(RuntimeOrigin::root(), vec![1, 2]),
			Error::<Test>::NoSessionKeys
		);
	});
}

#[test]
fn set_invulnerables_fails_with_too_many_validators() {
	new_test_ext().execute_with(|| {
		(2..4).for_each(set_keys);
		assert_ok!(VS::set_desired_candidates(RuntimeOrigin::root(), 3));
		// 3 invulnerables + 3 desired > 5.
		assert_noop!(
			VS::set_invulnerables(RuntimeOrigin::root(), vec![1, 2, 3]),
			Error::<Test>::TooManyValidators
		);
	});
}

// ---- selection and sessions ----

#[test]
fn select_takes_invulnerables_then_largest_bonds() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		candidate(3, 300);
		candidate(4, 200);
		candidate(5, 300);
		// Desired 2: 3 and 5 (300 each; 3 asked first), not 4 or 2.
		assert_eq!(VS::select(), vec![1, 3, 5]);
		assert_ok!(VS::bond(signed(4), 200));
		assert_eq!(VS::select(), vec![1, 4, 3]);
	});
}

#[test]
fn select_skips_candidates_without_keys() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		candidate(3, 300);
		purge_keys(3);
		assert_eq!(VS::select(), vec![1, 2]);
	});
}

#[test]
fn select_respects_max_validators() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::set_desired_candidates(RuntimeOrigin::root(), 4));
		for who in 2..8 {
			candidate(who, 100 + who);
		}
		MaxValidators::set(3);
		assert_eq!(VS::select(), vec![1, 7, 6]);
	});
}

#[test]
fn new_session_plans_the_set() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		assert_eq!(VS::new_session(2), Some(vec![1, 2]));
		assert_eq!(Planned::<Test>::get(2).map(|s| s.to_vec()), Some(vec![1, 2]));
		System::assert_last_event(Event::NewSet { session: 2, validators: 2 }.into());
	});
}

#[test]
fn new_session_keeps_the_last_set_when_nobody_is_eligible() {
	new_test_ext().execute_with(|| {
		Invulnerables::<Test>::kill();
		assert_eq!(VS::new_session(2), None);
		assert!(Planned::<Test>::get(2).is_none());
	});
}

#[test]
fn sessions_end_after_the_session_length() {
	new_test_ext().execute_with(|| {
		assert!(!VS::should_end_session(9));
		assert!(VS::should_end_session(10));
		rotate(10);
		assert_eq!(VS::current_session(), 1);
		assert_eq!(SessionStart::<Test>::get(), 10);
		assert!(!VS::should_end_session(19));
		assert!(VS::should_end_session(20));
		assert_eq!(
			<VS as EstimateNextSessionRotation<u64>>::estimate_next_session_rotation(12).0,
			Some(20)
		);
	});
}

#[test]
fn offline_candidate_is_chilled_at_session_end() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		candidate(3, 100);
		Planned::<Test>::insert(0, BoundedVec::truncate_from(vec![1, 2, 3]));
		// 1 (invulnerable) and 3 author; 2 does not.
		VS::note_author(1);
		VS::note_author(3);
		rotate(10);
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![3]);
		System::assert_has_event(Event::Chilled { who: 2, reason: ChillReason::Offline }.into());
		assert_eq!(Planned::<Test>::get(2).map(|s| s.to_vec()), Some(vec![1, 3]));
		assert_eq!(held(2), 100, "an offline validator keeps its bond");
		assert_eq!(AuthoredBlocks::<Test>::iter().count(), 0, "counts reset each session");
	});
}

#[test]
fn offline_invulnerable_is_not_chilled() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		Planned::<Test>::insert(0, BoundedVec::truncate_from(vec![1, 2]));
		VS::note_author(2);
		rotate(10);
		assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![1]);
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![2]);
	});
}

#[test]
fn short_session_chills_nobody() {
	new_test_ext().execute_with(|| {
		candidate(2, 100);
		candidate(3, 100);
		Planned::<Test>::insert(0, BoundedVec::truncate_from(vec![1, 2, 3]));
		// 5 blocks < 2 per validator: 2 may simply not have had a slot.
		rotate(5);
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![2, 3]);
	});
}

#[test]
fn offline_chill_stops_at_min_validators() {
	new_test_ext().execute_with(|| {
		MinValidators::set(2);
		candidate(2, 100);
		candidate(3, 100);
		Planned::<Test>::insert(0, BoundedVec::truncate_from(vec![1, 2, 3]));
		rotate(10);
		// 1 invulnerable + 2 candidates: chilling 2 leaves 2 (= MinValidators), so 3 stays.
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![3]);
	});
}

// ---- slashing ----

fn offence(who: AccountId) -> Vec<OffenceDetails<AccountId, (AccountId, ())>> {
	vec![OffenceDetails { offender: (who, ()), reporters: vec![] }]
}

#[test]
fn slash_burns_active_then_unlocking_and_chills() {
	new_test_ext().execute_with(|| {
		candidate(2, 400);
		assert_ok!(VS::unbond(signed(2), 200));
		let issuance = Balances::total_issuance();
		// 75% of 400 = 300: all 200 active, then 100 of the unlocking chunk.
		VS::on_offence(&offence(2), &[Perbill::from_percent(75)], 0);
		let ledger = Ledgers::<Test>::get(2).unwrap();
		assert_eq!(ledger.active, 0);
		assert_eq!(ledger.unlocking.to_vec(), vec![UnlockChunk { value: 100, session: 3 }]);
		assert_eq!(held(2), 100);
		assert_eq!(Balances::total_issuance(), issuance - 300, "slashed BTC is burnt");
		assert!(Candidates::<Test>::get().is_empty());
		System::assert_has_event(Event::Chilled { who: 2, reason: ChillReason::Slashed }.into());
		System::assert_last_event(Event::Slashed { who: 2, amount: 300 }.into());
		assert_ok!(VS::do_try_state());
	});
}

#[test]
fn slash_of_the_same_session_takes_only_the_difference() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 900));
		VS::on_offence(&offence(2), &[Perbill::from_percent(10)], 4);
		assert_eq!(held(2), 810);
		// Reported again with a larger fraction (a second offender joined the report): only
		// 30% - 10% = 20% more, of what is left.
		VS::on_offence(&offence(2), &[Perbill::from_percent(30)], 4);
		assert_eq!(held(2), 810 - 162);
		// The same fraction again burns nothing.
		VS::on_offence(&offence(2), &[Perbill::from_percent(30)], 4);
		assert_eq!(held(2), 648);
		assert_ok!(VS::do_try_state());
	});
}

#[test]
fn slashed_fractions_and_session_history_are_pruned_after_the_bonding_duration() {
	new_test_ext().execute_with(|| {
		assert_ok!(VS::bond(signed(2), 500));
		VS::on_offence(&offence(2), &[Perbill::from_percent(10)], 0);
		assert!(SlashedFraction::<Test>::get(0, 2).is_some());
		VS::start_session(2);
		assert_eq!(PRUNED.with(|p| *p.borrow()), None);
		VS::start_session(3);
		assert!(SlashedFraction::<Test>::get(0, 2).is_none());
		assert_eq!(PRUNED.with(|p| *p.borrow()), Some(0), "session history pruned too");
	});
}

#[test]
fn slash_of_an_offence_older_than_the_bonding_duration_is_ignored() {
	new_test_ext().execute_with(|| {
		candidate(2, 500);
		CurrentSession::<Test>::put(3);
		VS::on_offence(&offence(2), &[Perbill::from_percent(50)], 0);
		assert_eq!(held(2), 500);
		assert!(VS::is_candidate(&2));
		assert!(SlashedFraction::<Test>::get(0, 2).is_none(), "nothing recorded to prune");
		// One session younger is still in time.
		VS::on_offence(&offence(2), &[Perbill::from_percent(50)], 1);
		assert_eq!(held(2), 250);
	});
}

#[test]
fn slash_and_reward_pays_the_reporter_its_share_and_burns_the_rest() {
	new_test_ext().execute_with(|| {
		candidate(2, 400);
		let issuance = Balances::total_issuance();
		let before = Balances::free_balance(3);
		let (taken, paid) = VS::slash_and_reward(&2, Perbill::one(), &3, Perbill::from_percent(10));
		assert_eq!((taken, paid), (400, 40));
		assert_eq!(held(2), 0);
		assert_eq!(Balances::free_balance(3), before + 40, "the reporter's share");
		assert_eq!(Balances::total_issuance(), issuance - 360, "the rest is burnt");
		assert!(!VS::is_candidate(&2));
		System::assert_has_event(Event::Slashed { who: 2, amount: 400 }.into());
		System::assert_last_event(
			Event::ReporterRewarded { reporter: 3, offender: 2, amount: 40 }.into(),
		);
		// The same offence again in the same session takes nothing more.
		assert_eq!(VS::slash_and_reward(&2, Perbill::one(), &3, Perbill::from_percent(10)), (0, 0));
		assert_ok!(VS::do_try_state());
	});
}

#[test]
fn slash_of_an_unbonded_invulnerable_is_a_no_op() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		VS::on_offence(&offence(1), &[Perbill::from_percent(50)], 0);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![1]);
	});
}

#[test]
fn genesis_candidates_are_bonded() {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances: vec![(5, 1_000)], ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	GenesisConfig::<Test> {
		invulnerables: vec![],
		candidates: vec![(5, 300)],
		desired_candidates: 1,
		session_length: 4,
	}
	.assimilate_storage(&mut t)
	.unwrap();
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(Balances::balance_on_hold(&HoldReason::Bond.into(), &5), 300);
		assert_eq!(Candidates::<Test>::get().to_vec(), vec![5]);
		assert_eq!(SessionLength::<Test>::get(), 4);
		assert_ok!(VS::do_try_state());
	});
}

// ---- properties ----

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Bond(u64, u64),
		Unbond(u64, u64),
		Withdraw(u64),
		Validate(u64),
		Chill(u64),
		NextSession,
		Slash(u64, u32),
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 2u64..8;
		prop_oneof![
			(who.clone(), 0u64..400).prop_map(|(w, a)| Op::Bond(w, a)),
			(who.clone(), 0u64..400).prop_map(|(w, a)| Op::Unbond(w, a)),
			who.clone().prop_map(Op::Withdraw),
			who.clone().prop_map(Op::Validate),
			who.clone().prop_map(Op::Chill),
			Just(Op::NextSession),
			(who, 0u32..=100).prop_map(|(w, p)| Op::Slash(w, p)),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(200))]

		/// Whatever accounts do, each ledger equals its hold, free + held balances only shrink
		/// by slashes, and every chosen set is invulnerables first, bounded and duplicate-free.
		#[test]
		fn bonds_and_sets_stay_consistent(ops in proptest::collection::vec(op(), 1..40)) {
			new_test_ext().execute_with(|| {
				(2..8).for_each(set_keys);
				let issuance = Balances::total_issuance();
				let mut burnt = 0u64;
				let mut block = 1u64;
				for op in ops {
					let _ = match op {
						Op::Bond(w, a) => VS::bond(signed(w), a),
						Op::Unbond(w, a) => VS::unbond(signed(w), a),
						Op::Withdraw(w) => VS::withdraw_unbonded(signed(w)),
						Op::Validate(w) => VS::validate(signed(w)),
						Op::Chill(w) => VS::chill(signed(w)),
						Op::NextSession => {
							block += 10;
							rotate(block);
							Ok(())
						},
						Op::Slash(w, p) => {
							let before = held(w);
							let session = VS::current_session();
							VS::on_offence(&offence(w), &[Perbill::from_percent(p)], session);
							burnt += before - held(w);
							Ok(())
						},
					};
					prop_assert!(VS::do_try_state().is_ok(), "{:?}", VS::do_try_state());
					prop_assert_eq!(Balances::total_issuance() + burnt, issuance);
					let set = VS::select();
					prop_assert!(set.len() <= MaxValidators::get() as usize);
					prop_assert_eq!(set.first(), Some(&1));
					let mut dedup = set.clone();
					dedup.sort();
					dedup.dedup();
					prop_assert_eq!(dedup.len(), set.len());
					for v in &set[1..] {
						let bond = Ledgers::<Test>::get(v).map(|l| l.active).unwrap_or_default();
						prop_assert!(bond >= MIN_BOND);
						prop_assert!(VS::is_candidate(v));
					}
				}
				Ok(())
			})?;
		}
	}
}
