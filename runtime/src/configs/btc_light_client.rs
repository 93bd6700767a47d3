//! The Bitcoin light client's configuration.

use crate::{Runtime, Timestamp};
use frame_support::traits::ConstU32;

impl pallet_btc_light_client::Config for Runtime {
	type UnixTime = Timestamp;
	/// A whole retarget period (2016 headers, two weeks of Bitcoin) fits in one call.
	type MaxHeadersPerBatch = ConstU32<2016>;
	/// Up to 4 competing headers per height besides the best chain's.
	type MaxForks = ConstU32<4>;
	/// 100 blocks (~17 hours of Bitcoin): deeper than any reorg since 2013.
	type MaxReorgDepth = ConstU32<100>;
	/// Two retarget periods (~4 weeks) of headers stay stored, ~800 KB of state.
	type PruningDepth = ConstU32<4032>;
	type WeightInfo = pallet_btc_light_client::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkClock;
}

/// Sets `pallet-timestamp`'s clock in benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkClock;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_btc_light_client::BenchmarkHelper for BenchmarkClock {
	fn set_time(unix_secs: u64) {
		pallet_timestamp::Now::<Runtime>::put(unix_secs.saturating_mul(1000));
	}
}
