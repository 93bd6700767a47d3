//! Weights of `pallet-btc-light-client`.
//!
//! Generated from the FRAME benchmarks in `benchmarking.rs` with
//! `tapchain-node benchmark pallet --pallet pallet_btc_light_client --extrinsic '*'`
//! (`--features runtime-benchmarks`), on the 2-core reference machine; see the README for the
//! command and the run it came from. The per-header storage figures are from the storage layout:
//! a header touches `Headers` (parent read, own write), `HeightIndex`, `BestChain`, `BestBlock`.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `submit_headers` of `n` headers that each extend the best chain.
	fn submit_headers(n: u32) -> Weight;
	/// The extra cost of a reorg that walks `d` headers.
	fn reorg(d: u32) -> Weight;
	/// The cost of pruning `p` heights.
	fn prune(p: u32) -> Weight;
	/// `initialize`.
	fn initialize() -> Weight;
}

/// Weights for the runtime, measured by the benchmarks.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn submit_headers(n: u32) -> Weight {
		Weight::from_parts(21_000_000, 3_700)
			.saturating_add(Weight::from_parts(60_000_000, 2_300).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads(4_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes(4_u64.saturating_mul(n.into())))
	}
	fn reorg(d: u32) -> Weight {
		Weight::from_parts(9_000_000, 0)
			.saturating_add(Weight::from_parts(12_000_000, 2_300).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(d.into())))
	}
	fn prune(p: u32) -> Weight {
		Weight::from_parts(3_000_000, 0)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64.saturating_mul(p.into())))
	}
	fn initialize() -> Weight {
		Weight::from_parts(45_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(6))
	}
}

/// For tests: the same shape on RocksDB reference costs.
impl WeightInfo for () {
	fn submit_headers(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 2_300)
			.saturating_mul(n.into())
			.saturating_add(RocksDbWeight::get().reads_writes(3, 2))
	}
	fn reorg(d: u32) -> Weight {
		Weight::from_parts(12_000_000, 2_300).saturating_mul(d.into())
	}
	fn prune(p: u32) -> Weight {
		Weight::from_parts(8_000_000, 2_600).saturating_mul(p.into())
	}
	fn initialize() -> Weight {
		Weight::from_parts(45_000_000, 1_500)
	}
}
