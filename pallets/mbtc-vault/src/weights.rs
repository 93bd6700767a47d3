
//! Weights of `pallet_mbtc_vault`, written by its FRAME benchmarks (`benchmarking.rs`) through
//! `./scripts/benchmark-weights.sh` with `scripts/frame-weight-template.hbs`. Do not edit by
//! hand: run the script again.
//!
//! Benchmark CLI 64.0.0, 2026-12-04. STEPS: `20`, REPEAT: `10`,
//! WASM-EXECUTION: `Compiled`, CHAIN: `Some("dev")`, CPU: `Intel(R) Xeon(R) Processor`.
//! Storage reads and writes are priced by the runtime's `DbWeight` (ParityDB); the `()`
//! implementation, for tests, uses ParityDB's reference costs.
//!
//! Executed command:
//! ```text
//! /root/.cache/tapchain/target/release/tapchain-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_mbtc_vault
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/frame-weight-template.hbs
//! --output
//! pallets/mbtc-vault/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_mbtc_vault`.
pub trait WeightInfo {
	fn register_channel(a: u32, ) -> Weight;
	fn add_collateral() -> Weight;
	fn withdraw_collateral() -> Weight;
	fn close_channel() -> Weight;
	fn bridge_in(i: u32, ) -> Weight;
	fn bridge_out() -> Weight;
	fn prove_bridge_out() -> Weight;
	fn claim_bridge_out() -> Weight;
	fn liquidate() -> Weight;
	fn liquidate_all() -> Weight;
	fn redeem() -> Weight;
	fn set_params() -> Weight;
	fn set_collateral_asset() -> Weight;
}

/// Weights for `pallet_mbtc_vault` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:8 w:8)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:16 w:16)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::ChannelOfScript` (r:1 w:1)
	/// Proof: `MbtcVault::ChannelOfScript` (`max_values`: None, `max_size`: Some(55), added: 2530, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CounterForChannels` (r:1 w:1)
	/// Proof: `MbtcVault::CounterForChannels` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:8 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:16 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::NextChannel` (r:1 w:1)
	/// Proof: `MbtcVault::NextChannel` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:1 w:2)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// The range of component `a` is `[1, 8]`.
	fn register_channel(a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2863 + a * (251 ±0)`
		//  Estimated: `3742 + a * (5218 ±0)`
		// Minimum execution time: 155_584_000 picoseconds.
		Weight::from_parts(112_237_688, 3742)
			// Standard Error: 68_055
			.saturating_add(Weight::from_parts(57_192_195, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 5218).saturating_mul(a.into()))
	}
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:1 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn add_collateral() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1759`
		//  Estimated: `6208`
		// Minimum execution time: 70_751_000 picoseconds.
		Weight::from_parts(76_499_000, 6208)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn withdraw_collateral() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3844`
		//  Estimated: `47430`
		// Minimum execution time: 228_575_000 picoseconds.
		Weight::from_parts(239_444_000, 47430)
			.saturating_add(T::DbWeight::get().reads(50_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:8 w:8)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:16 w:16)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CounterForChannels` (r:1 w:1)
	/// Proof: `MbtcVault::CounterForChannels` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::ChannelOfScript` (r:0 w:1)
	/// Proof: `MbtcVault::ChannelOfScript` (`max_values`: None, `max_size`: Some(55), added: 2530, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:0 w:1)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn close_channel() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2260`
		//  Estimated: `42734`
		// Minimum execution time: 319_548_000 picoseconds.
		Weight::from_parts(334_778_000, 42734)
			.saturating_add(T::DbWeight::get().reads(28_u64))
			.saturating_add(T::DbWeight::get().writes(30_u64))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CreditedTxids` (r:1 w:1)
	/// Proof: `BtcBridge::CreditedTxids` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:1 w:0)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:4 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:4 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:1 w:1)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:1 w:1)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 3]`.
	fn bridge_in(i: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `5206 + i * (360 ±0)`
		//  Estimated: `47430 + i * (2680 ±0)`
		// Minimum execution time: 536_074_000 picoseconds.
		Weight::from_parts(552_532_920, 47430)
			// Standard Error: 414_143
			.saturating_add(Weight::from_parts(18_775_342, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(56_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(i.into()))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::NextRequest` (r:1 w:1)
	/// Proof: `MbtcVault::NextRequest` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Requests` (r:0 w:1)
	/// Proof: `MbtcVault::Requests` (`max_values`: None, `max_size`: Some(123), added: 2598, mode: `MaxEncodedLen`)
	fn bridge_out() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1887`
		//  Estimated: `6208`
		// Minimum execution time: 100_565_000 picoseconds.
		Weight::from_parts(109_173_000, 6208)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Requests` (r:1 w:1)
	/// Proof: `MbtcVault::Requests` (`max_values`: None, `max_size`: Some(123), added: 2598, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CreditedTxids` (r:1 w:1)
	/// Proof: `BtcBridge::CreditedTxids` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:1 w:0)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:1 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	fn prove_bridge_out() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1404`
		//  Estimated: `3742`
		// Minimum execution time: 63_092_000 picoseconds.
		Weight::from_parts(70_904_000, 3742)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Requests` (r:1 w:1)
	/// Proof: `MbtcVault::Requests` (`max_values`: None, `max_size`: Some(123), added: 2598, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:8 w:8)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:16 w:16)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn claim_bridge_out() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4804`
		//  Estimated: `47430`
		// Minimum execution time: 467_661_000 picoseconds.
		Weight::from_parts(497_235_000, 47430)
			.saturating_add(T::DbWeight::get().reads(73_u64))
			.saturating_add(T::DbWeight::get().writes(26_u64))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:9 w:9)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:17 w:17)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn liquidate() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4766`
		//  Estimated: `47430`
		// Minimum execution time: 603_292_000 picoseconds.
		Weight::from_parts(621_711_000, 47430)
			.saturating_add(T::DbWeight::get().reads(73_u64))
			.saturating_add(T::DbWeight::get().writes(27_u64))
	}
	/// Storage: `MbtcVault::Params` (r:1 w:0)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn liquidate_all() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2946`
		//  Estimated: `47430`
		// Minimum execution time: 196_322_000 picoseconds.
		Weight::from_parts(206_884_000, 47430)
			.saturating_add(T::DbWeight::get().reads(47_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `MbtcVault::Channels` (r:1 w:1)
	/// Proof: `MbtcVault::Channels` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:9 w:9)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:25 w:25)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:8 w:0)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:9 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:18 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Metadata` (r:8 w:0)
	/// Proof: `Assets::Metadata` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CounterForChannels` (r:1 w:1)
	/// Proof: `MbtcVault::CounterForChannels` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::ChannelOfScript` (r:0 w:1)
	/// Proof: `MbtcVault::ChannelOfScript` (`max_values`: None, `max_size`: Some(55), added: 2530, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:0 w:2)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn redeem() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4900`
		//  Estimated: `66215`
		// Minimum execution time: 775_700_000 picoseconds.
		Weight::from_parts(807_523_000, 66215)
			.saturating_add(T::DbWeight::get().reads(84_u64))
			.saturating_add(T::DbWeight::get().writes(42_u64))
	}
	/// Storage: `MbtcVault::Params` (r:0 w:1)
	/// Proof: `MbtcVault::Params` (`max_values`: Some(1), `max_size`: Some(56), added: 551, mode: `MaxEncodedLen`)
	fn set_params() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 4_939_000 picoseconds.
		Weight::from_parts(5_651_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Assets::Asset` (r:1 w:0)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CollateralAssets` (r:1 w:1)
	/// Proof: `MbtcVault::CollateralAssets` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `MbtcVault::CounterForCollateralAssets` (r:1 w:1)
	/// Proof: `MbtcVault::CounterForCollateralAssets` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_collateral_asset() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `267`
		//  Estimated: `3675`
		// Minimum execution time: 15_990_000 picoseconds.
		Weight::from_parts(17_465_000, 3675)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn register_channel(a: u32, ) -> Weight {
		Weight::from_parts(112_237_688, 3742)
			.saturating_add(Weight::from_parts(57_192_195, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().reads((8_u64).saturating_mul(a.into())))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 5218).saturating_mul(a.into()))
	}
	fn add_collateral() -> Weight {
		Weight::from_parts(76_499_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw_collateral() -> Weight {
		Weight::from_parts(239_444_000, 47430)
			.saturating_add(ParityDbWeight::get().reads(50_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn close_channel() -> Weight {
		Weight::from_parts(334_778_000, 42734)
			.saturating_add(ParityDbWeight::get().reads(28_u64))
			.saturating_add(ParityDbWeight::get().writes(30_u64))
	}
	fn bridge_in(i: u32, ) -> Weight {
		Weight::from_parts(552_532_920, 47430)
			.saturating_add(Weight::from_parts(18_775_342, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(56_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(i.into()))
	}
	fn bridge_out() -> Weight {
		Weight::from_parts(109_173_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn prove_bridge_out() -> Weight {
		Weight::from_parts(70_904_000, 3742)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn claim_bridge_out() -> Weight {
		Weight::from_parts(497_235_000, 47430)
			.saturating_add(ParityDbWeight::get().reads(73_u64))
			.saturating_add(ParityDbWeight::get().writes(26_u64))
	}
	fn liquidate() -> Weight {
		Weight::from_parts(621_711_000, 47430)
			.saturating_add(ParityDbWeight::get().reads(73_u64))
			.saturating_add(ParityDbWeight::get().writes(27_u64))
	}
	fn liquidate_all() -> Weight {
		Weight::from_parts(206_884_000, 47430)
			.saturating_add(ParityDbWeight::get().reads(47_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(807_523_000, 66215)
			.saturating_add(ParityDbWeight::get().reads(84_u64))
			.saturating_add(ParityDbWeight::get().writes(42_u64))
	}
	fn set_params() -> Weight {
		Weight::from_parts(5_651_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_collateral_asset() -> Weight {
		Weight::from_parts(17_465_000, 3675)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
