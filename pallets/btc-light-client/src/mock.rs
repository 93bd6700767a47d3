//! Test runtime.

use crate as pallet_btc_light_client;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		LightClient: pallet_btc_light_client,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	/// This chain's clock, in seconds; tests move it.
	pub static Now: u64 = 1_900_000_000;
	pub static MaxForks: u32 = 3;
	pub static MaxReorgDepth: u32 = 20;
	pub static PruningDepth: u32 = 50;
}

/// A clock the tests set.
pub struct MockTime;
impl frame_support::traits::UnixTime for MockTime {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(Now::get())
	}
}

impl pallet_btc_light_client::Config for Test {
	type UnixTime = MockTime;
	type MaxHeadersPerBatch = ConstU32<2100>;
	type MaxForks = MaxForks;
	type MaxReorgDepth = MaxReorgDepth;
	type PruningDepth = PruningDepth;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockTime;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_btc_light_client::BenchmarkHelper for MockTime {
	fn set_time(unix_secs: u64) {
		Now::set(unix_secs);
	}
}

/// An empty, uninitialized light client at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
