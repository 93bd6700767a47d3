//! Test runtime: a collective as the council, a validator set the tests control.

use crate as pallet_governance;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, NeverEnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::cell::RefCell;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Council: pallet_collective::<Instance1>,
		Governance: pallet_governance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	/// The validators of the current session.
	pub static VALIDATORS: RefCell<Vec<AccountId>> = RefCell::new(Vec::new());
}

/// Sets the current session's validators (the council follows at the next session start).
pub fn set_validators(v: &[AccountId]) {
	VALIDATORS.with(|x| *x.borrow_mut() = v.to_vec());
}

pub struct MockValidators;
impl frame_support::traits::ValidatorSet<AccountId> for MockValidators {
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	fn session_index() -> u32 {
		0
	}
	fn validators() -> Vec<AccountId> {
		VALIDATORS.with(|v| v.borrow().clone())
	}
}

/// The council's seat cap in this mock.
pub const MAX_MEMBERS: u32 = 32;
/// Blocks a motion stays open.
pub const MOTION_DURATION: u64 = 10;

parameter_types! {
	pub MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
}

pub type CouncilCollective = pallet_collective::Instance1;

impl pallet_collective::Config<CouncilCollective> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = frame_support::traits::ConstU64<MOTION_DURATION>;
	type MaxProposals = ConstU32<8>;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_governance::Config for Test {
	type RuntimeCall = RuntimeCall;
	type RootOrigin =
		pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
	type Validators = MockValidators;
	type Council = Council;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type WeightInfo = ();
}

/// Validators 1..=4, the council following them from session 0.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_validators(&[1, 2, 3, 4]);
		Governance::on_session_start(0);
	});
	ext
}
