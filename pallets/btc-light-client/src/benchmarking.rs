//! Benchmarks of `pallet-btc-light-client`, on real mined regtest headers (regtest's target is
//! easy enough to mine inside the benchmark; the work per header is the same as on mainnet:
//! decode, two SHA-256 rounds, storage). Each benchmark is its path's worst case.

use super::*;
use crate::{
	mining::{self, encode_header, HARD_BITS, REGTEST_BITS},
	pallet::{Batch, BestBlock, BestChain, Headers, HeightIndex, LowestHeight, Tip},
	types::{block_hash_to_h256, IndexEntry},
};
use alloc::vec::Vec;
use bitcoin::{
	absolute::LockTime,
	block::Header,
	hashes::Hash,
	merkle_tree::{MerkleBlock, PartialMerkleTree},
	transaction::Version,
	Amount, OutPoint, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Witness,
};
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, BoundedVec};
use frame_system::RawOrigin;

fn init<T: Config>() -> Header {
	// Mined headers are 10 minutes apart from regtest's 2011 genesis; a clock in 2030 is past
	// all of them.
	T::BenchmarkHelper::set_time(1_900_000_000);
	let g = mining::regtest_genesis();
	Pallet::<T>::do_initialize(BtcNetwork::Regtest, encode_header(&g), 0)
		.expect("regtest genesis is valid");
	g
}

/// Imports `headers` as a batch would, outside any extrinsic.
fn import<T: Config>(headers: &[RawHeader]) {
	let best = BestBlock::<T>::get().expect("initialized");
	let work = Headers::<T>::get(best.hash).expect("stored").work();
	let mut tip = Tip { block: best, work };
	let mut batch = Batch::new(headers.len() as u32, u32::MAX);
	for raw in headers {
		Pallet::<T>::import_header(BtcNetwork::Regtest, raw, &mut tip, &mut batch)
			.expect("mined headers are valid");
	}
	BestBlock::<T>::put(tip.block);
}

fn bounded<T: Config>(headers: Vec<RawHeader>) -> BoundedVec<RawHeader, T::MaxHeadersPerBatch> {
	headers.try_into().expect("within MaxHeadersPerBatch")
}

/// Fills `height` with `MaxForks + 1` mined children of `parent` (the first is the best chain's
/// when `parent` is the tip).
fn fill_height<T: Config>(parent: &Header, salt: u32) {
	for f in 0..T::MaxForks::get().saturating_add(1) {
		let h = mining::child(parent, parent.time + 600 + f, salt + f);
		import::<T>(&[encode_header(&h)]);
	}
}

/// Helpers for other pallets' benchmarks (the BTC bridge's).
pub mod helpers {
	use super::*;

	/// Proves `raw_tx` in a newly mined regtest block, buried under `confirmations - 1` more,
	/// and returns its `gettxoutproof` bytes. Starts the light client on regtest's genesis
	/// unless it already follows regtest.
	pub fn prove<T: Config>(raw_tx: &[u8], confirmations: u32) -> Vec<u8> {
		let parent = match (Network::<T>::get(), BestBlock::<T>::get()) {
			(Some(BtcNetwork::Regtest), Some(best)) => {
				let stored = Headers::<T>::get(best.hash).expect("the best header is stored");
				bitcoin::consensus::deserialize::<Header>(&stored.raw)
					.expect("stored headers decode")
			},
			_ => init::<T>(),
		};
		let tx: Transaction = bitcoin::consensus::deserialize(raw_tx).expect("a transaction");
		let txid = tx.compute_txid();
		let root = bitcoin::merkle_tree::calculate_root(core::iter::once(txid)).expect("one txid");
		let mut header = mining::child(&parent, parent.time + 600, 0);
		header.merkle_root = bitcoin::TxMerkleNode::from_byte_array(root.to_byte_array());
		let header = mining::mine(header);
		let (rest, _) = mining::chain(&header, confirmations.saturating_sub(1), 1);
		let mut headers = alloc::vec![encode_header(&header)];
		headers.extend(rest);
		import::<T>(&headers);
		let txn = PartialMerkleTree::from_txids(&[txid], &[true]);
		bitcoin::consensus::serialize(&MerkleBlock { header, txn })
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` new headers that each extend the best chain.
	#[benchmark]
	fn submit_headers(n: Linear<1, { T::MaxHeadersPerBatch::get() }>) {
		let g = init::<T>();
		let (hs, tip) = mining::chain(&g, n, 0);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_headers(RawOrigin::Signed(caller), bounded::<T>(hs));

		assert_eq!(
			BestBlock::<T>::get(),
			Some(BlockRef { height: n, hash: block_hash_to_h256(tip.block_hash()) })
		);
	}

	/// A batch of `k` headers that are all stored already: each is one read, and the batch
	/// fails with `DuplicateHeader`.
	#[benchmark]
	fn skip_known(k: Linear<1, { T::MaxHeadersPerBatch::get() }>) {
		let g = init::<T>();
		let (hs, _) = mining::chain(&g, k, 0);
		import::<T>(&hs);
		let caller: T::AccountId = whitelisted_caller();
		let batch = bounded::<T>(hs);

		#[block]
		{
			let result = Pallet::<T>::submit_headers(RawOrigin::Signed(caller).into(), batch);
			assert!(result.is_err());
		}

		assert_eq!(BestBlock::<T>::get().map(|b| b.height), Some(k));
	}

	/// Making room at a full height: reading all `MaxForks + 1` entries' work, deleting the
	/// least, and checking at the batch's end that the evicting header is on the best chain.
	#[benchmark]
	fn evict() {
		let g = init::<T>();
		fill_height::<T>(&g, 100);
		let mut index = HeightIndex::<T>::get(1);
		assert!(index.is_full());
		let best_here = BestChain::<T>::get(1).expect("height 1 is on the best chain");

		#[block]
		{
			Pallet::<T>::evict_least_work(1, &mut index).expect("a fork to evict");
			assert_eq!(BestChain::<T>::get(1), Some(best_here));
		}

		assert_eq!(index.len() as u32, T::MaxForks::get());
	}

	/// A reorg whose walk passes `d` headers: one submitted header tips a stored fork of `d`
	/// headers over a best chain of `d`.
	#[benchmark]
	fn reorg(d: Linear<1, { T::MaxReorgDepth::get() }>) {
		let g = init::<T>();
		let (main, _) = mining::chain(&g, d, 0);
		import::<T>(&main);
		let (fork, fork_tip) = mining::chain(&g, d + 1, 1_000_000);
		import::<T>(&fork[..d as usize]);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_headers(RawOrigin::Signed(caller), bounded::<T>(fork[d as usize..].to_vec()));

		assert_eq!(
			BestBlock::<T>::get(),
			Some(BlockRef { height: d + 1, hash: block_hash_to_h256(fork_tip.block_hash()) })
		);
	}

	/// A reorg to a shorter chain with more work, dropping `r` best-chain heights: on a regtest
	/// chain from a harder checkpoint, one regular block outweighs `r + 1` minimum-difficulty
	/// blocks (the 20-minute rule).
	#[benchmark]
	fn reorg_shorten(r: Linear<1, { T::MaxReorgDepth::get().saturating_sub(1) }>) {
		T::BenchmarkHelper::set_time(1_900_000_000);
		let cp = mining::hard_checkpoint(1_600_000_000);
		Pallet::<T>::do_initialize(BtcNetwork::Regtest, encode_header(&cp), 500)
			.expect("a mined checkpoint");
		let mut tip = cp;
		let mut cheap = Vec::new();
		for i in 0..=r {
			tip = mining::child_with_bits(&tip, tip.time + 1_300, REGTEST_BITS, i);
			cheap.push(encode_header(&tip));
		}
		import::<T>(&cheap);
		let heavy = mining::child_with_bits(&cp, cp.time + 600, HARD_BITS, 7_777);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_headers(RawOrigin::Signed(caller), bounded::<T>(alloc::vec![encode_header(&heavy)]));

		assert_eq!(
			BestBlock::<T>::get(),
			Some(BlockRef { height: 501, hash: block_hash_to_h256(heavy.block_hash()) })
		);
		assert!(BestChain::<T>::get(502).is_none());
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
				hashes.push(IndexEntry { hash, chain_work: template.chain_work });
			}
			BestChain::<T>::insert(h, hashes[0].hash);
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

	/// Checking an SPV proof of a `b`-byte transaction with `h` hashes in the proof: a block of
	/// `h` transactions, all marked, so that the whole tree is rebuilt.
	#[benchmark]
	fn verify_tx_inclusion(h: Linear<1, 4_096>, b: Linear<100, 400_000>) {
		let g = init::<T>();
		let tx = |i: u32, script_len: usize| Transaction {
			version: Version::TWO,
			lock_time: LockTime::from_consensus(i),
			input: alloc::vec![TxIn {
				previous_output: OutPoint::null(),
				script_sig: ScriptBuf::new(),
				sequence: Sequence::MAX,
				witness: Witness::new(),
			}],
			output: alloc::vec![TxOut {
				value: Amount::from_sat(u64::from(i)),
				script_pubkey: ScriptBuf::from_bytes(alloc::vec![0x6a; script_len]),
			}],
		};
		// The proven transaction is the last one, of about `b` bytes (62 of them framing).
		let proven = tx(h, (b as usize).saturating_sub(62).max(1));
		let raw_tx = bitcoin::consensus::serialize(&proven);
		let mut txids: Vec<bitcoin::Txid> =
			(0..h.saturating_sub(1)).map(|i| tx(i, 30).compute_txid()).collect();
		txids.push(proven.compute_txid());
		let root = bitcoin::merkle_tree::calculate_root(txids.iter().copied())
			.expect("at least one transaction");
		let mut header = mining::child(&g, g.time + 600, 0);
		header.merkle_root = bitcoin::TxMerkleNode::from_byte_array(root.to_byte_array());
		let header = mining::mine(header);
		import::<T>(&[encode_header(&header)]);
		let matches = alloc::vec![true; txids.len()];
		let txn = PartialMerkleTree::from_txids(&txids, &matches);
		let proof = bitcoin::consensus::serialize(&MerkleBlock { header, txn });

		#[block]
		{
			let inclusion = <Pallet<T> as BtcLightClient>::verify_tx_inclusion(&raw_tx, &proof, 1)
				.expect("a valid proof");
			assert_eq!(inclusion.index, h - 1);
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
