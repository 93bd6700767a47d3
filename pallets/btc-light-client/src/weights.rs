
//! Weights of `pallet_btc_light_client`, written by its FRAME benchmarks (`benchmarking.rs`) through
//! `./scripts/benchmark-weights.sh` with `scripts/frame-weight-template.hbs`. Do not edit by
//! hand: run the script again.
//!
//! Benchmark CLI 64.0.0, 2026-12-01. STEPS: `20`, REPEAT: `10`,
//! WASM-EXECUTION: `Compiled`, CHAIN: `Some("dev")`, CPU: `AMD EPYC`.
//! Storage reads and writes are priced by the runtime's `DbWeight` (ParityDB); the `()`
//! implementation, for tests, uses ParityDB's reference costs.
//!
//! Executed command:
//! ```text
//! tapchain-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_btc_light_client
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! scripts/frame-weight-template.hbs
//! --output
//! pallets/btc-light-client/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_btc_light_client`.
pub trait WeightInfo {
	fn submit_headers(n: u32, ) -> Weight;
	fn skip_known(k: u32, ) -> Weight;
	fn evict() -> Weight;
	fn reorg(d: u32, ) -> Weight;
	fn reorg_shorten(r: u32, ) -> Weight;
	fn prune(p: u32, ) -> Weight;
	fn initialize() -> Weight;
	fn verify_tx_inclusion(h: u32, b: u32, ) -> Weight;
}

/// Weights for `pallet_btc_light_client` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:1)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:2017 w:2016)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::HeightIndex` (r:2016 w:2016)
	/// Proof: `BtcLightClient::HeightIndex` (`max_values`: None, `max_size`: Some(333), added: 2808, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::RelayerCredits` (r:1 w:1)
	/// Proof: `BtcLightClient::RelayerCredits` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:0 w:2016)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 2016]`.
	fn submit_headers(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `472`
		//  Estimated: `3670 + n * (2808 ±0)`
		// Minimum execution time: 96_019_000 picoseconds.
		Weight::from_parts(110_165_000, 3670)
			// Standard Error: 401_000
			.saturating_add(Weight::from_parts(45_248_851, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2808).saturating_mul(n.into()))
	}
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:2016 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// The range of component `k` is `[1, 2016]`.
	fn skip_known(k: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `684 + k * (69 ±0)`
		//  Estimated: `1521 + k * (2680 ±0)`
		// Minimum execution time: 33_282_000 picoseconds.
		Weight::from_parts(45_635_000, 1521)
			// Standard Error: 180_763
			.saturating_add(Weight::from_parts(10_388_893, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(k.into()))
	}
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:0 w:1)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	fn evict() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `252`
		//  Estimated: `3509`
		// Minimum execution time: 18_915_000 picoseconds.
		Weight::from_parts(30_878_000, 3509)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:1)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:103 w:1)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::HeightIndex` (r:1 w:1)
	/// Proof: `BtcLightClient::HeightIndex` (`max_values`: None, `max_size`: Some(333), added: 2808, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:102 w:101)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::RelayerCredits` (r:1 w:1)
	/// Proof: `BtcLightClient::RelayerCredits` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// The range of component `d` is `[1, 100]`.
	fn reorg(d: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1015 + d * (296 ±0)`
		//  Estimated: `9030 + d * (2680 ±0)`
		// Minimum execution time: 103_383_000 picoseconds.
		Weight::from_parts(122_450_382, 9030)
			// Standard Error: 167_419
			.saturating_add(Weight::from_parts(20_551_991, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(d.into()))
	}
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:1)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:3 w:1)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::HeightIndex` (r:1 w:1)
	/// Proof: `BtcLightClient::HeightIndex` (`max_values`: None, `max_size`: Some(333), added: 2808, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:2 w:100)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::RelayerCredits` (r:1 w:1)
	/// Proof: `BtcLightClient::RelayerCredits` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 99]`.
	fn reorg_shorten(r: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1659 + r * (20 ±0)`
		//  Estimated: `9030`
		// Minimum execution time: 98_844_000 picoseconds.
		Weight::from_parts(192_200_455, 9030)
			// Standard Error: 33_353
			.saturating_add(Weight::from_parts(3_604_730, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(r.into())))
	}
	/// Storage: `BtcLightClient::LowestHeight` (r:1 w:1)
	/// Proof: `BtcLightClient::LowestHeight` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::HeightIndex` (r:1000 w:1000)
	/// Proof: `BtcLightClient::HeightIndex` (`max_values`: None, `max_size`: Some(333), added: 2808, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:0 w:5000)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:0 w:1000)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 1000]`.
	fn prune(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `198 + p * (340 ±0)`
		//  Estimated: `1489 + p * (2808 ±0)`
		// Minimum execution time: 22_993_000 picoseconds.
		Weight::from_parts(29_615_000, 1489)
			// Standard Error: 382_467
			.saturating_add(Weight::from_parts(28_169_952, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((7_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2808).saturating_mul(p.into()))
	}
	/// Storage: `BtcLightClient::Network` (r:1 w:1)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::HeightIndex` (r:0 w:1)
	/// Proof: `BtcLightClient::HeightIndex` (`max_values`: None, `max_size`: Some(333), added: 2808, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:0 w:1)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:0 w:1)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:0 w:1)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::LowestHeight` (r:0 w:1)
	/// Proof: `BtcLightClient::LowestHeight` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn initialize() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3`
		//  Estimated: `1486`
		// Minimum execution time: 29_475_000 picoseconds.
		Weight::from_parts(47_850_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:1 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// The range of component `h` is `[1, 4096]`.
	/// The range of component `b` is `[100, 400000]`.
	fn verify_tx_inclusion(h: u32, b: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `511`
		//  Estimated: `3670`
		// Minimum execution time: 7_519_263_000 picoseconds.
		Weight::from_parts(8_613_011_000, 3670)
			// Standard Error: 67_952
			.saturating_add(Weight::from_parts(2_981_545, 0).saturating_mul(h.into()))
			// Standard Error: 695
			.saturating_add(Weight::from_parts(9_292, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn submit_headers(n: u32, ) -> Weight {
		Weight::from_parts(110_165_000, 3670)
			.saturating_add(Weight::from_parts(45_248_851, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2808).saturating_mul(n.into()))
	}
	fn skip_known(k: u32, ) -> Weight {
		Weight::from_parts(45_635_000, 1521)
			.saturating_add(Weight::from_parts(10_388_893, 0).saturating_mul(k.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(k.into()))
	}
	fn evict() -> Weight {
		Weight::from_parts(30_878_000, 3509)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reorg(d: u32, ) -> Weight {
		Weight::from_parts(122_450_382, 9030)
			.saturating_add(Weight::from_parts(20_551_991, 0).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2680).saturating_mul(d.into()))
	}
	fn reorg_shorten(r: u32, ) -> Weight {
		Weight::from_parts(192_200_455, 9030)
			.saturating_add(Weight::from_parts(3_604_730, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(r.into())))
	}
	fn prune(p: u32, ) -> Weight {
		Weight::from_parts(29_615_000, 1489)
			.saturating_add(Weight::from_parts(28_169_952, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((7_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2808).saturating_mul(p.into()))
	}
	fn initialize() -> Weight {
		Weight::from_parts(47_850_000, 1486)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn verify_tx_inclusion(h: u32, b: u32, ) -> Weight {
		Weight::from_parts(8_613_011_000, 3670)
			.saturating_add(Weight::from_parts(2_981_545, 0).saturating_mul(h.into()))
			.saturating_add(Weight::from_parts(9_292, 0).saturating_mul(b.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
	}
}
