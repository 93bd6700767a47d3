//! Test runtime: Balances for the holds, a registry of session keys the tests fill.

use crate as pallet_validator_set;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, ValidatorRegistration},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	/// Accounts with session keys.
	pub static KEYS: RefCell<BTreeSet<AccountId>> = RefCell::new(BTreeSet::new());
}

/// Gives `who` session keys.
pub fn set_keys(who: AccountId) {
	KEYS.with(|k| k.borrow_mut().insert(who));
}

/// Removes `who`'s session keys.
pub fn purge_keys(who: AccountId) {
	KEYS.with(|k| k.borrow_mut().remove(&who));
}

pub struct MockKeys;
impl ValidatorRegistration<AccountId> for MockKeys {
	fn is_registered(id: &AccountId) -> bool {
		KEYS.with(|k| k.borrow().contains(id))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockKeys {
	fn register_keys(who: &AccountId) {
		set_keys(*who);
	}
}

thread_local! {
	/// The last `prune_up_to` argument.
	pub static PRUNED: RefCell<Option<u32>> = RefCell::new(None);
}

pub struct MockPrune;
impl crate::PruneSessions for MockPrune {
	fn prune_up_to(index: u32) {
		PRUNED.with(|p| *p.borrow_mut() = Some(index));
	}
}

pub const MIN_BOND: u64 = 100;

parameter_types! {
	pub static MaxValidators: u32 = 5;
	pub static MinValidators: u32 = 1;
}

impl pallet_validator_set::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ValidatorRegistration = MockKeys;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MinBond = ConstU64<MIN_BOND>;
	type MaxCandidates = ConstU32<10>;
	type MaxInvulnerables = ConstU32<3>;
	type MaxValidators = MaxValidators;
	type MinValidators = MinValidators;
	type MaxUnlockingChunks = ConstU32<4>;
	type BondingDuration = ConstU32<3>;
	type PruneSessions = MockPrune;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockKeys;
}

/// Accounts 1..=20 hold 1,000 each, except 9 (10, too little to bond). Invulnerable: 1 (keys
/// set). Session length 10, 2 desired candidates. Block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = (1..=20u64)
		.map(|who| (who, if who == 9 { 10 } else { 1_000 }))
		.collect::<Vec<_>>();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_validator_set::GenesisConfig::<Test> {
		invulnerables: vec![1],
		candidates: vec![],
		desired_candidates: 2,
		session_length: 10,
	}
	.assimilate_storage(&mut t)
	.unwrap();
	KEYS.with(|k| {
		let mut k = k.borrow_mut();
		k.clear();
		k.insert(1);
	});
	PRUNED.with(|p| *p.borrow_mut() = None);
	MaxValidators::set(5);
	MinValidators::set(1);
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
