
//! Weights of `pallet_price_oracle`, written by its FRAME benchmarks (`benchmarking.rs`) through
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
//! pallet_price_oracle
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/frame-weight-template.hbs
//! --output
//! pallets/price-oracle/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_price_oracle`.
pub trait WeightInfo {
	fn submit(f: u32, ) -> Weight;
	fn add_feeder() -> Weight;
	fn remove_feeder(k: u32, ) -> Weight;
	fn add_key() -> Weight;
	fn remove_key(f: u32, ) -> Weight;
	fn set_params(k: u32, ) -> Weight;
}

/// Weights for `pallet_price_oracle` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `PriceOracle::Feeders` (r:1 w:0)
	/// Proof: `PriceOracle::Feeders` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:1 w:1)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Params` (r:1 w:0)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:17 w:1)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// The range of component `f` is `[1, 16]`.
	fn submit(f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `144 + f * (110 ±0)`
		//  Estimated: `3570 + f * (2580 ±0)`
		// Minimum execution time: 33_081_000 picoseconds.
		Weight::from_parts(32_936_272, 3570)
			// Standard Error: 3_527
			.saturating_add(Weight::from_parts(5_352_530, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(f.into()))
	}
	/// Storage: `PriceOracle::Feeders` (r:1 w:1)
	/// Proof: `PriceOracle::Feeders` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	fn add_feeder() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `607`
		//  Estimated: `1998`
		// Minimum execution time: 8_921_000 picoseconds.
		Weight::from_parts(10_164_000, 1998)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PriceOracle::Feeders` (r:1 w:1)
	/// Proof: `PriceOracle::Feeders` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:17 w:0)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:16 w:16)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// The range of component `k` is `[1, 16]`.
	fn remove_feeder(k: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `680 + k * (122 ±0)`
		//  Estimated: `3507 + k * (2580 ±0)`
		// Minimum execution time: 18_937_000 picoseconds.
		Weight::from_parts(15_320_957, 3507)
			// Standard Error: 2_639
			.saturating_add(Weight::from_parts(6_356_380, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(k.into()))
	}
	/// Storage: `PriceOracle::Keys` (r:1 w:1)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::CounterForKeys` (r:1 w:1)
	/// Proof: `PriceOracle::CounterForKeys` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn add_key() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `448`
		//  Estimated: `3507`
		// Minimum execution time: 18_207_000 picoseconds.
		Weight::from_parts(19_813_000, 3507)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PriceOracle::Keys` (r:1 w:1)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::CounterForKeys` (r:1 w:1)
	/// Proof: `PriceOracle::CounterForKeys` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:17 w:16)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// The range of component `f` is `[1, 16]`.
	fn remove_key(f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `219 + f * (79 ±0)`
		//  Estimated: `3570 + f * (2580 ±0)`
		// Minimum execution time: 21_712_000 picoseconds.
		Weight::from_parts(19_407_652, 3570)
			// Standard Error: 1_929
			.saturating_add(Weight::from_parts(4_139_533, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(f.into()))
	}
	/// Storage: `PriceOracle::Params` (r:1 w:1)
	/// Proof: `PriceOracle::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Keys` (r:17 w:16)
	/// Proof: `PriceOracle::Keys` (`max_values`: None, `max_size`: Some(42), added: 2517, mode: `MaxEncodedLen`)
	/// Storage: `PriceOracle::Values` (r:256 w:0)
	/// Proof: `PriceOracle::Values` (`max_values`: None, `max_size`: Some(105), added: 2580, mode: `MaxEncodedLen`)
	/// The range of component `k` is `[1, 16]`.
	fn set_params(k: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `973 + k * (446 ±0)`
		//  Estimated: `3507 + k * (41280 ±0)`
		// Minimum execution time: 105_948_000 picoseconds.
		Weight::from_parts(28_781_121, 3507)
			// Standard Error: 54_611
			.saturating_add(Weight::from_parts(79_051_990, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((17_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 41280).saturating_mul(k.into()))
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn submit(f: u32, ) -> Weight {
		Weight::from_parts(32_936_272, 3570)
			.saturating_add(Weight::from_parts(5_352_530, 0).saturating_mul(f.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(f.into()))
	}
	fn add_feeder() -> Weight {
		Weight::from_parts(10_164_000, 1998)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn remove_feeder(k: u32, ) -> Weight {
		Weight::from_parts(15_320_957, 3507)
			.saturating_add(Weight::from_parts(6_356_380, 0).saturating_mul(k.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(k.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(k.into()))
	}
	fn add_key() -> Weight {
		Weight::from_parts(19_813_000, 3507)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_key(f: u32, ) -> Weight {
		Weight::from_parts(19_407_652, 3570)
			.saturating_add(Weight::from_parts(4_139_533, 0).saturating_mul(f.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2580).saturating_mul(f.into()))
	}
	fn set_params(k: u32, ) -> Weight {
		Weight::from_parts(28_781_121, 3507)
			.saturating_add(Weight::from_parts(79_051_990, 0).saturating_mul(k.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((17_u64).saturating_mul(k.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 41280).saturating_mul(k.into()))
	}
}
