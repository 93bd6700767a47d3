//! The price oracle: BTC/USD, the collateral assets' prices and Bitcoin's fee rate, each the
//! median of fresh values from a governance-set list of feeders.
//!
//! Root (the council's 2/3; sudo on dev and local) manages the feeders, keys and rules. The
//! BTC bridge takes the fee rate (`FEE/SATVB`) as its `FeeRateOracle`: withdrawals pay the
//! higher of governance's rate and the oracle's while the key is fresh.

use crate::{Runtime, Timestamp};
use frame_support::traits::ConstU32;
use frame_system::EnsureRoot;

/// Most feeders: a median over 16 values costs little, and it is as many as the testnet's
/// bootstrap validators and a few price services.
pub const MAX_FEEDERS: u32 = 16;

/// Most keys: BTC/USD, the fee rate, and up to 14 collateral assets.
pub const MAX_KEYS: u32 = 16;

/// The keys the dev, local and testnet chains start with: BTC, the two collateral assets of
/// the MBTC vault (a wrapped ETH and a USD stablecoin), and Bitcoin's fee rate.
pub const GENESIS_KEYS: [&str; 4] = ["BTC/USD", "WETH/USD", "USDC/USD", "FEE/SATVB"];

impl pallet_price_oracle::Config for Runtime {
	type UpdateOrigin = EnsureRoot<crate::AccountId>;
	type Time = Timestamp;
	type MaxFeeders = ConstU32<MAX_FEEDERS>;
	type MaxKeys = ConstU32<MAX_KEYS>;
	type WeightInfo = pallet_price_oracle::weights::SubstrateWeight<Runtime>;
}

/// The bridge's fee-rate oracle: `FEE/SATVB`, rounded up, while fresh.
pub type OracleFeeRate = pallet_price_oracle::FeeRateFrom<Runtime>;
