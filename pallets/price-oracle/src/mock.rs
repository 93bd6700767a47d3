//! Test runtime: the oracle on `pallet-timestamp`'s clock, Root as the update origin, feeders
//! 1–3 and keys `BTC/USD`, `WETH/USD` at genesis.

use crate as pallet_price_oracle;
use crate::{OracleParams, Price, PriceKey};
use frame_support::{derive_impl, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, FixedPointNumber};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		PriceOracle: pallet_price_oracle,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Feeders the mock allows.
pub const MAX_FEEDERS: u32 = 8;
/// Keys the mock allows.
pub const MAX_KEYS: u32 = 4;

impl pallet_price_oracle::Config for Test {
	type UpdateOrigin = EnsureRoot<AccountId>;
	type Time = Timestamp;
	type MaxFeeders = ConstU32<MAX_FEEDERS>;
	type MaxKeys = ConstU32<MAX_KEYS>;
	type WeightInfo = ();
}

/// The genesis feeders.
pub const FEEDERS: [AccountId; 3] = [1, 2, 3];
/// Not a feeder.
pub const OUTSIDER: AccountId = 9;
/// Genesis time, ms.
pub const T0: u64 = 1_700_000_000_000;
/// One minute, ms.
pub const MINUTE: u64 = 60_000;

/// A key from a string.
pub fn key(s: &str) -> PriceKey {
	PriceKey::try_from(s.as_bytes().to_vec()).expect("short key")
}

/// A whole-number price.
pub fn usd(n: u128) -> Price {
	Price::saturating_from_integer(n)
}

/// `min_values` of 1, the rest default.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext(OracleParams::default())
}

/// A chain with these rules, feeders 1–3 and keys `BTC/USD`, `WETH/USD`, at time [`T0`].
pub fn ext(params: OracleParams) -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_price_oracle::GenesisConfig::<Test> {
		feeders: FEEDERS.to_vec(),
		keys: vec!["BTC/USD".into(), "WETH/USD".into()],
		params: Some(params),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(T0);
	});
	ext
}

/// Moves the clock forward by `ms`.
pub fn advance(ms: u64) {
	let now = pallet_timestamp::Now::<Test>::get();
	pallet_timestamp::Now::<Test>::put(now + ms);
}
