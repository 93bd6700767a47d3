//! Benchmarks of `pallet-btc-light-client`, on real mined regtest headers (regtest's target is
//! easy enough to mine inside the benchmark; the work per header is the same as on mainnet:
//! decode, two SHA-256 rounds, storage).

use super::*;
use crate::{
	mining,
	pallet::{BestBlock, BestChain, HeightIndex, Headers, LowestHeight},
	types::{block_hash_to_h256, encode_header},
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, BoundedVec};
use frame_system::RawOrigin;

fn init<T: Config>() -> bitcoin::block::Header {
	// Mined headers are 10 minutes apart from regtest's 2011 genesis; a clock in 2030 is past
	// all of them.
	T::BenchmarkHelper::set_time(1_900_000_000);
	let g = mining::regtest_genesis();
	Pallet::<T>::do_initialize(BtcNetwork::Regtest, encode_header(&g), 0)
		.expect("regtest genesis is valid");
	g
}

fn import<T: Config>(headers: &[RawHeader]) {
	for raw in headers {
		Pallet::<T>::import_header(BtcNetwork::Regtest, raw, u32::MAX)
			.expect("mined headers are valid");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` headers that each extend the best chain.
	#[benchmark]
	fn submit_headers(n: Linear<1, { T::MaxHeadersPerBatch::get() }>) {
		let g = init::<T>();
		let (hs, tip) = mining::chain(&g, n, 0);
		let batch: BoundedVec<RawHeader, T::MaxHeadersPerBatch> =
			hs.try_into().expect("n is within the bound");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_headers(RawOrigin::Signed(caller), batch);

		assert_eq!(
			BestBlock::<T>::get(),
			Some(BlockRef { height: n, hash: block_hash_to_h256(tip.block_hash()) })
		);
	}

	/// A reorg that replaces `d` best-chain blocks: one submitted header tips a fork of `d + 1`
	/// headers over a best chain of `d`.
	#[benchmark]
	fn reorg(d: Linear<1, { T::MaxReorgDepth::get() }>) {
		let g = init::<T>();
		let (main, _) = mining::chain(&g, d, 0);
		import::<T>(&main);
		let (fork, fork_tip) = mining::chain(&g, d + 1, 1_000_000);
		import::<T>(&fork[..d as usize]);
		let last: Vec<RawHeader> = fork[d as usize..].to_vec();
		let batch: BoundedVec<RawHeader, T::MaxHeadersPerBatch> =
			last.try_into().expect("one header");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_headers(RawOrigin::Signed(caller), batch);

		assert_eq!(
			BestBlock::<T>::get(),
			Some(BlockRef { height: d + 1, hash: block_hash_to_h256(fork_tip.block_hash()) })
		);
	}

	/// Pruning `p` heights, each holding the best chain's header and `MaxForks` forks.
	#[benchmark]
	fn prune(p: Linear<1, 1_000>) {
		let g = init::<T>();
		let template = Headers::<T>::get(block_hash_to_h256(g.block_hash())).expect("stored");
		let per_height = T::MaxForks::get().saturating_add(1);
		for h in 0..p {
			let mut hashes = Vec::new();
			for f in 0..per_height {
				let mut seed = [0u8; 32];
				seed[..4].copy_from_slice(&h.to_le_bytes());
				seed[4..8].copy_from_slice(&f.to_le_bytes());
				let hash = sp_core::H256(seed);
				Headers::<T>::insert(hash, &template);
				hashes.push(hash);
			}
			BestChain::<T>::insert(h, hashes[0]);
			let bounded: BoundedVec<_, _> = hashes.try_into().expect("MaxForks + 1 fit");
			HeightIndex::<T>::insert(h, bounded);
		}
		LowestHeight::<T>::put(0);
		let best = p.saturating_add(T::PruningDepth::get());

		#[block]
		{
			Pallet::<T>::prune_up_to(best, p);
		}

		assert_eq!(LowestHeight::<T>::get(), p);
	}

	#[benchmark]
	fn initialize() {
		let g = mining::regtest_genesis();

		#[extrinsic_call]
		initialize(RawOrigin::Root, BtcNetwork::Regtest, encode_header(&g), 0);

		assert!(BestBlock::<T>::get().is_some());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
