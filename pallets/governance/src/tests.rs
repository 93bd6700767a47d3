//! Root motions through the council, and the council following the validators.

use crate::{mock::*, Event, Members};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use frame_system::RawOrigin;
use proptest::prelude::*;
use sp_core::H256;
use sp_runtime::{traits::Hash, DispatchError};

type CouncilMembers = pallet_collective::Members<Test, CouncilCollective>;
type Voting = pallet_collective::Voting<Test, CouncilCollective>;

const KEY: &[u8] = b"governance-test-key";

/// A Root-only call with an effect the tests can see.
fn set_key() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(KEY.to_vec(), b"set".to_vec())],
	})
}

fn key_is_set() -> bool {
	sp_io::storage::get(KEY).is_some()
}

fn root_motion(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Governance(crate::Call::dispatch_as_root { call: Box::new(call) })
}

/// `proposer` proposes `call` with `threshold`; returns its hash and index.
fn propose(proposer: AccountId, threshold: u32, call: RuntimeCall) -> (H256, u32) {
	let len = call.encoded_size() as u32;
	let hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Test, CouncilCollective>::get();
	assert_ok!(Council::propose(RuntimeOrigin::signed(proposer), threshold, Box::new(call), len));
	(hash, index)
}

fn vote(who: &[AccountId], hash: H256, index: u32, aye: bool) {
	for w in who {
		assert_ok!(Council::vote(RuntimeOrigin::signed(*w), hash, index, aye));
	}
}

/// Account 1 closes the motion `call` (its weight and length as the bounds).
fn try_close(
	hash: H256,
	index: u32,
	call: &RuntimeCall,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Council::close(
		RuntimeOrigin::signed(1),
		hash,
		index,
		call.get_dispatch_info().call_weight,
		call.encoded_size() as u32,
	)
}

fn close(hash: H256, index: u32, call: &RuntimeCall) {
	assert_ok!(try_close(hash, index, call));
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

fn executed(hash: H256) -> Option<Result<(), DispatchError>> {
	events().into_iter().find_map(|e| match e {
		RuntimeEvent::Council(pallet_collective::Event::Executed { proposal_hash, result })
			if proposal_hash == hash =>
		{
			Some(result)
		},
		_ => None,
	})
}

fn dispatched() -> Vec<Result<(), DispatchError>> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			RuntimeEvent::Governance(Event::Dispatched { result }) => Some(result),
			_ => None,
		})
		.collect()
}

#[test]
fn three_of_four_ayes_dispatch_as_root() {
	new_test_ext().execute_with(|| {
		let call = root_motion(set_key());
		let (hash, index) = propose(1, 3, call.clone());
		vote(&[1, 2, 3], hash, index, true);
		close(hash, index, &call);
		assert_eq!(executed(hash), Some(Ok(())));
		assert_eq!(dispatched(), vec![Ok(())]);
		assert!(key_is_set());
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn two_of_four_ayes_never_reach_root() {
	new_test_ext().execute_with(|| {
		// The motion's threshold is the proposer's choice: with 2, two ayes close it and it
		// runs, but with the origin `Members(2, 4)`, which is short of 2/3.
		let call = root_motion(set_key());
		let (hash, index) = propose(1, 2, call.clone());
		vote(&[1, 2], hash, index, true);
		close(hash, index, &call);
		assert_eq!(executed(hash), Some(Err(DispatchError::BadOrigin)));
		assert!(dispatched().is_empty());
		assert!(!key_is_set());
	});
}

#[test]
fn two_of_four_with_threshold_three_is_disapproved_when_time_is_up() {
	new_test_ext().execute_with(|| {
		let call = root_motion(set_key());
		let (hash, index) = propose(1, 3, call.clone());
		vote(&[1, 2], hash, index, true);
		// Too early: not enough ayes, and time is not up.
		assert_noop!(
			try_close(hash, index, &call),
			pallet_collective::Error::<Test, CouncilCollective>::TooEarly
		);
		System::set_block_number(1 + MOTION_DURATION);
		close(hash, index, &call);
		assert!(events().contains(&RuntimeEvent::Council(pallet_collective::Event::Disapproved {
			proposal_hash: hash
		})));
		assert_eq!(executed(hash), None);
		assert!(!key_is_set());
	});
}

#[test]
fn one_member_cannot_execute_alone() {
	new_test_ext().execute_with(|| {
		// Threshold 1 executes at once, as `Members(1, 4)`.
		let call = root_motion(set_key());
		let len = call.encoded_size() as u32;
		assert_ok!(Council::propose(RuntimeOrigin::signed(4), 1, Box::new(call), len));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Council(pallet_collective::Event::Executed {
				result: Err(DispatchError::BadOrigin),
				..
			})
		)));
		assert!(dispatched().is_empty());
		assert!(!key_is_set());
	});
}

#[test]
fn only_the_council_origin_dispatches() {
	new_test_ext().execute_with(|| {
		System::reset_events();
		for origin in [RuntimeOrigin::signed(1), RawOrigin::Root.into(), RawOrigin::None.into()] {
			assert_noop!(
				crate::Pallet::<Test>::dispatch_as_root(origin, Box::new(set_key())),
				DispatchError::BadOrigin
			);
		}
		// A collective origin below 2/3.
		let short = pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 4);
		assert_noop!(
			crate::Pallet::<Test>::dispatch_as_root(short.into(), Box::new(set_key())),
			DispatchError::BadOrigin
		);
		assert!(!key_is_set());
		assert!(events().is_empty());
		// Exactly 2/3 is enough.
		let enough = pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3);
		assert_ok!(crate::Pallet::<Test>::dispatch_as_root(enough.into(), Box::new(set_key())));
		assert!(key_is_set());
	});
}

#[test]
fn a_failing_call_is_reported_and_the_motion_still_closes() {
	new_test_ext().execute_with(|| {
		// `remark_with_event` needs a signed origin: as Root it fails.
		let inner = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] });
		let call = root_motion(inner);
		let (hash, index) = propose(1, 3, call.clone());
		vote(&[2, 3, 4], hash, index, true);
		close(hash, index, &call);
		assert_eq!(executed(hash), Some(Ok(())));
		assert_eq!(dispatched(), vec![Err(DispatchError::BadOrigin)]);
		assert!(pallet_collective::ProposalOf::<Test, CouncilCollective>::get(hash).is_none());
	});
}

#[test]
fn weight_and_class_are_the_inner_calls_plus_overhead() {
	new_test_ext().execute_with(|| {
		let inner = set_key();
		let info = inner.get_dispatch_info();
		let outer = root_motion(inner).get_dispatch_info();
		let overhead = <() as crate::WeightInfo>::dispatch_as_root();
		assert!(overhead.ref_time() > 0);
		assert_eq!(outer.call_weight, info.call_weight.saturating_add(overhead));
		assert_eq!(outer.class, info.class);
		// `set_code` is operational, and so is its root motion.
		let code = RuntimeCall::System(frame_system::Call::set_code { code: vec![] });
		assert_eq!(
			root_motion(code).get_dispatch_info().class,
			frame_support::dispatch::DispatchClass::Operational
		);
	});
}

#[test]
fn the_council_follows_the_validators() {
	new_test_ext().execute_with(|| {
		assert_eq!(Members::<Test>::get().to_vec(), vec![1, 2, 3, 4]);
		assert_eq!(CouncilMembers::get(), vec![1, 2, 3, 4]);
		System::reset_events();

		set_validators(&[5, 3, 2]);
		Governance::on_session_start(1);
		assert_eq!(Members::<Test>::get().to_vec(), vec![2, 3, 5]);
		assert_eq!(CouncilMembers::get(), vec![2, 3, 5]);
		assert_eq!(
			events(),
			vec![RuntimeEvent::Governance(Event::CouncilChanged {
				session: 1,
				members: 3,
				incoming: 1,
				outgoing: 2
			})]
		);
		assert_ok!(crate::Pallet::<Test>::do_try_state());

		// The same set again: nothing changes, no event.
		System::reset_events();
		set_validators(&[2, 5, 3, 3]);
		Governance::on_session_start(2);
		assert!(events().is_empty());
		assert_eq!(CouncilMembers::get(), vec![2, 3, 5]);

		// Old members can no longer propose.
		assert_noop!(
			Council::propose(RuntimeOrigin::signed(1), 2, Box::new(set_key()), 100),
			pallet_collective::Error::<Test, CouncilCollective>::NotMember
		);
	});
}

#[test]
fn departed_members_lose_their_votes() {
	new_test_ext().execute_with(|| {
		let call = root_motion(set_key());
		let (hash, index) = propose(1, 3, call.clone());
		vote(&[1, 2], hash, index, true);
		vote(&[3], hash, index, false);
		// 2 and 3 leave, 5 and 6 join: the motion keeps 1's aye only.
		set_validators(&[1, 4, 5, 6]);
		Governance::on_session_start(1);
		assert!(Voting::get(hash).is_some(), "the motion stays open");
		// 1's aye and 5's make 2, short of the motion's 3: 2's aye no longer counts.
		vote(&[5], hash, index, true);
		assert_noop!(
			try_close(hash, index, &call),
			pallet_collective::Error::<Test, CouncilCollective>::TooEarly
		);
		// 6's makes 3 of 4.
		vote(&[6], hash, index, true);
		close(hash, index, &call);
		assert_eq!(dispatched(), vec![Ok(())]);
		assert!(key_is_set());
	});
}

#[test]
fn more_validators_than_seats_seat_the_lowest() {
	new_test_ext().execute_with(|| {
		let many: Vec<AccountId> = (1..=40).rev().collect();
		set_validators(&many);
		Governance::on_session_start(1);
		let expected: Vec<AccountId> = (1..=MAX_MEMBERS as u64).collect();
		assert_eq!(Members::<Test>::get().to_vec(), expected);
		assert_eq!(CouncilMembers::get(), expected);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn try_state_sees_a_council_that_is_not_the_validator_set() {
	new_test_ext().execute_with(|| {
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		// The validators changed but no session started yet.
		set_validators(&[1, 2, 3]);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		Governance::on_session_start(1);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		// Unsorted storage is caught too.
		Members::<Test>::put(frame_support::BoundedVec::truncate_from(vec![3, 1, 2]));
		set_validators(&[3, 1, 2]);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

/// The smallest number of ayes that reaches Root with `n` seats: ⌈2n/3⌉.
fn two_thirds(n: u32) -> u32 {
	(2 * n).div_ceil(3)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	/// Through any sequence of validator sets, the council is the sorted set, and a root
	/// motion passes with ⌈2n/3⌉ ayes and never with one fewer.
	#[test]
	fn council_is_the_validator_set_and_two_thirds_rule(
		sets in proptest::collection::vec(
			proptest::collection::vec(1u64..60, 1..45), 1..6),
	) {
		new_test_ext().execute_with(|| {
			for (i, set) in sets.iter().enumerate() {
				set_validators(set);
				Governance::on_session_start(i as u32 + 1);
				prop_assert!(crate::Pallet::<Test>::do_try_state().is_ok());
				let members = CouncilMembers::get();
				prop_assert_eq!(members.clone(), Members::<Test>::get().to_vec());
				let n = members.len() as u32;
				let need = two_thirds(n);
				for ayes in [need - 1, need] {
					if ayes == 0 {
						continue;
					}
					let origin = pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(
						ayes, n,
					);
					let ok = crate::Pallet::<Test>::dispatch_as_root(
						origin.into(),
						Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
					)
					.is_ok();
					prop_assert_eq!(ok, ayes >= need, "{} of {}", ayes, n);
				}
			}
			Ok(())
		})?;
	}
}
