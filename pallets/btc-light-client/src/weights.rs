//! Weights of `pallet-btc-light-client`, measured by its FRAME benchmarks (`benchmarking.rs`).
//!
//! Measured on 2026-11-29 on the 2-core reference machine, in the WASM runtime (compiled
//! execution), with
//!
//! ```text
//! ./scripts/benchmark-weights.sh
//! # = tapchain-node benchmark pallet --chain dev --pallet pallet_btc_light_client \
//! #     --extrinsic '*' --steps 10 --repeat 3
//! ```
//!
//! The benchmarks mine real regtest headers. Proof sizes are `MaxEncodedLen` worst cases (a
//! `Headers` read adds 2,680 bytes). Storage reads and writes are priced by the runtime's
//! `DbWeight` (ParityDB).

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `submit_headers` of `n` headers that each extend the best chain.
	fn submit_headers(n: u32) -> Weight;
	/// A reorg whose walk passes `d` headers (a fork of `d + 1` overtaking `d` blocks).
	fn reorg(d: u32) -> Weight;
	/// Pruning `p` heights, each holding the best chain's header and `MaxForks` forks.
	fn prune(p: u32) -> Weight;
	/// `initialize`.
	fn initialize() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `BtcLightClient::Network` (r:1 w:0), `BestBlock` (r:1 w:1), `Headers` (r:2 w:1 per
	/// header), `HeightIndex` (r:1 w:1 per header), `BestChain` (w:1 per header),
	/// `RelayerCredits` (r:1 w:1), `System::Events`.
	/// The range of component `n` is `[1, 2016]`.
	fn submit_headers(n: u32) -> Weight {
		Weight::from_parts(49_413_000, 3_670)
			.saturating_add(Weight::from_parts(23_120_073, 2_680).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(n.into())))
	}
	/// Storage: `BestChain` (r:1 w:1 per step), `Headers` (r:1 per step).
	/// The range of component `d` is `[1, 100]`.
	fn reorg(d: u32) -> Weight {
		Weight::from_parts(68_943_252, 9_030)
			.saturating_add(Weight::from_parts(9_659_992, 2_680).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(11))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(6))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(d.into())))
	}
	/// Storage: `LowestHeight` (r:1 w:1), `HeightIndex` (r:1 w:1 per height), `Headers`
	/// (w:5 per height), `BestChain` (w:1 per height).
	/// The range of component `p` is `[1, 1000]`.
	fn prune(p: u32) -> Weight {
		Weight::from_parts(16_945_000, 1_489)
			.saturating_add(Weight::from_parts(13_647_862, 2_648).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes(7_u64.saturating_mul(p.into())))
	}
	/// Storage: `Network` (r:1 w:1), `Headers` (w:1), `HeightIndex` (r:1 w:1), `BestChain` (w:1),
	/// `BestBlock` (w:1), `LowestHeight` (w:1).
	fn initialize() -> Weight {
		Weight::from_parts(23_836_000, 3_638)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(6))
	}
}

/// For tests: the same measurements on ParityDB's reference costs.
impl WeightInfo for () {
	fn submit_headers(n: u32) -> Weight {
		Weight::from_parts(49_413_000, 3_670)
			.saturating_add(Weight::from_parts(23_120_073, 2_680).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(6, 3))
			.saturating_add(ParityDbWeight::get().reads_writes(2, 3).saturating_mul(n.into()))
	}
	fn reorg(d: u32) -> Weight {
		Weight::from_parts(68_943_252, 9_030)
			.saturating_add(Weight::from_parts(9_659_992, 2_680).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(11, 6))
			.saturating_add(ParityDbWeight::get().reads_writes(2, 1).saturating_mul(d.into()))
	}
	fn prune(p: u32) -> Weight {
		Weight::from_parts(16_945_000, 1_489)
			.saturating_add(Weight::from_parts(13_647_862, 2_648).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(1, 1))
			.saturating_add(ParityDbWeight::get().reads_writes(1, 7).saturating_mul(p.into()))
	}
	fn initialize() -> Weight {
		Weight::from_parts(23_836_000, 3_638).saturating_add(ParityDbWeight::get().reads_writes(2, 6))
	}
}
