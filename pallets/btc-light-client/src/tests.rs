//! Unit tests on headers mined here (regtest), and rule tests.

use crate::{
	mining::encode_header,
	mining::{self, child_with_bits, HARD_BITS, REGTEST_BITS},
	mock::*,
	pallet::*,
	rules,
	types::{block_hash_to_h256, decode_header, RawHeader, StoredHeader},
	BlockRef, BtcLightClient, BtcNetwork, Error, Event,
};
use bitcoin::{block::Header, CompactTarget};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	traits::{Get, Hooks},
	weights::Weight,
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::DispatchError;

pub(crate) fn batch(headers: Vec<RawHeader>) -> BoundedVec<RawHeader, ConstU32Max> {
	headers.try_into().expect("batch within bound")
}
pub(crate) type ConstU32Max = frame_support::traits::ConstU32<2100>;

pub(crate) fn submit(
	headers: Vec<RawHeader>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	LightClient::submit_headers(RuntimeOrigin::signed(7), batch(headers))
}

/// [`submit`] with only the error, for `assert_noop!` (a failing batch also reports the weight
/// it used, which the fee tests check separately).
pub(crate) fn try_submit(headers: Vec<RawHeader>) -> Result<PostDispatchInfo, DispatchError> {
	submit(headers).map_err(|e| e.error)
}

/// Whether `header` is in the height index at `height`.
fn indexed(height: u32, header: &Header) -> bool {
	HeightIndex::<Test>::get(height).iter().any(|e| e.hash == hash_of(header))
}

fn hash_of(h: &Header) -> H256 {
	block_hash_to_h256(h.block_hash())
}

/// Regtest from its real genesis block.
fn init_regtest() -> Header {
	let genesis = mining::regtest_genesis();
	assert_ok!(LightClient::initialize(
		RuntimeOrigin::root(),
		BtcNetwork::Regtest,
		encode_header(&genesis),
		0
	));
	genesis
}

/// Regtest from a mined checkpoint with a harder target (0x2000ffff, ~128x regtest's minimum),
/// so that min-difficulty blocks (more than 20 minutes apart) carry less work.
fn init_regtest_hard(time: u32) -> Header {
	let cp = mining::hard_checkpoint(time);
	assert_ok!(LightClient::initialize(
		RuntimeOrigin::root(),
		BtcNetwork::Regtest,
		encode_header(&cp),
		500
	));
	cp
}

fn best() -> BlockRef {
	BestBlock::<Test>::get().expect("initialized")
}

// ---------------------------------------------------------------------------------------------
// initialize

#[test]
fn initialize_works() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let hash = hash_of(&g);
		assert_eq!(Network::<Test>::get(), Some(BtcNetwork::Regtest));
		assert_eq!(best(), BlockRef { height: 0, hash });
		assert_eq!(LightClient::header_at(0), Some(encode_header(&g)));
		assert_eq!(LightClient::confirmations_of(&hash), Some(1));
		System::assert_last_event(
			Event::Initialized { network: BtcNetwork::Regtest, height: 0, hash }.into(),
		);
	});
}

#[test]
fn initialize_fails_with_bad_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			LightClient::initialize(
				RuntimeOrigin::signed(1),
				BtcNetwork::Regtest,
				encode_header(&mining::regtest_genesis()),
				0
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn initialize_fails_with_already_initialized() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (h, _) = mining::chain(&g, 1, 0);
		assert_noop!(
			LightClient::initialize(RuntimeOrigin::root(), BtcNetwork::Regtest, h[0], 1),
			Error::<Test>::AlreadyInitialized
		);
	});
}

#[test]
fn initialize_fails_with_checkpoint_not_at_retarget() {
	new_test_ext().execute_with(|| {
		// Mainnet genesis is valid, but 1 is not a multiple of 2016.
		let g = crate::real_data::genesis("mainnet");
		assert_noop!(
			LightClient::initialize(RuntimeOrigin::root(), BtcNetwork::Mainnet, g, 1),
			Error::<Test>::CheckpointNotAtRetarget
		);
	});
}

#[test]
fn initialize_fails_with_bad_proof_of_work() {
	new_test_ext().execute_with(|| {
		let mut g = crate::real_data::genesis("mainnet");
		g[79] ^= 0x01; // flip a nonce bit
		assert_noop!(
			LightClient::initialize(RuntimeOrigin::root(), BtcNetwork::Mainnet, g, 0),
			Error::<Test>::BadProofOfWork
		);
	});
}

#[test]
fn initialize_fails_with_bad_difficulty_bits() {
	new_test_ext().execute_with(|| {
		// Regtest's genesis target is far above mainnet's limit.
		assert_noop!(
			LightClient::initialize(
				RuntimeOrigin::root(),
				BtcNetwork::Mainnet,
				encode_header(&mining::regtest_genesis()),
				0
			),
			Error::<Test>::BadDifficultyBits
		);
	});
}

// ---------------------------------------------------------------------------------------------
// submit_headers: happy paths

#[test]
fn submit_headers_extends_best_chain_for_free_and_credits_relayer() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, tip) = mining::chain(&g, 5, 0);
		let post = submit(hs).expect("valid batch");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 5, hash: hash_of(&tip) });
		assert_eq!(RelayerCredits::<Test>::get(7), 5);
		System::assert_has_event(
			Event::HeaderImported { hash: hash_of(&tip), height: 5, best: true }.into(),
		);
		System::assert_last_event(Event::RelayerCredited { relayer: 7, headers: 5 }.into());
		assert_eq!(LightClient::confirmations_of(&hash_of(&g)), Some(6));
		assert_eq!(LightClient::header_at(5), Some(encode_header(&tip)));
	});
}

#[test]
fn submit_headers_fails_with_not_initialized() {
	new_test_ext().execute_with(|| {
		let (hs, _) = mining::chain(&mining::regtest_genesis(), 1, 0);
		assert_noop!(try_submit(hs), Error::<Test>::NotInitialized);
	});
}

#[test]
fn submit_headers_fails_with_empty_batch() {
	new_test_ext().execute_with(|| {
		init_regtest();
		assert_noop!(try_submit(vec![]), Error::<Test>::EmptyBatch);
	});
}

#[test]
fn submit_headers_fails_with_bad_origin() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 1, 0);
		assert_noop!(
			LightClient::submit_headers(RuntimeOrigin::none(), batch(hs)),
			DispatchError::BadOrigin
		);
	});
}

// ---------------------------------------------------------------------------------------------
// submit_headers: every rejection, each leaving storage untouched (assert_noop)

#[test]
fn submit_headers_fails_with_bad_proof_of_work_on_flipped_nonce() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let mut h = mining::child(&g, g.time + 600, 1);
		// Find a nonce that does NOT meet the target.
		while h.target().is_met_by(h.block_hash()) {
			h.nonce ^= 0x8000_0001;
			h.nonce = h.nonce.wrapping_add(1);
		}
		assert_noop!(try_submit(vec![encode_header(&h)]), Error::<Test>::BadProofOfWork);
	});
}

#[test]
fn submit_headers_fails_with_bad_difficulty_bits() {
	new_test_ext().execute_with(|| {
		let g = init_regtest_hard(1_600_000_000);
		// 10 minutes later the hard bits still apply; powLimit bits are wrong.
		let h = child_with_bits(&g, g.time + 600, REGTEST_BITS, 1);
		assert_noop!(try_submit(vec![encode_header(&h)]), Error::<Test>::BadDifficultyBits);
		// Any other bits are wrong too, even harder ones.
		let h = child_with_bits(&g, g.time + 600, 0x1f00_ffff, 2);
		assert_noop!(try_submit(vec![encode_header(&h)]), Error::<Test>::BadDifficultyBits);
	});
}

#[test]
fn submit_headers_fails_with_timestamp_too_old() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, tip) = mining::chain(&g, 11, 0);
		assert_ok!(submit(hs.clone()));
		// Median of the last 11 = time of the 6th newest; equal is too old ("strictly above").
		let entry: StoredHeader = Headers::<Test>::get(hash_of(&tip)).unwrap();
		let mtp = entry.median_time_past();
		assert_eq!(mtp, decode_header(&hs[5]).time);
		let at = mining::child(&tip, mtp, 1);
		assert_noop!(try_submit(vec![encode_header(&at)]), Error::<Test>::TimestampTooOld);
		let below = mining::child(&tip, mtp - 1, 2);
		assert_noop!(try_submit(vec![encode_header(&below)]), Error::<Test>::TimestampTooOld);
		// One second above the median is fine, even though it is before the parent's time.
		let ok = mining::child(&tip, mtp + 1, 3);
		assert!(ok.time < tip.time);
		assert_ok!(submit(vec![encode_header(&ok)]));
	});
}

#[test]
fn submit_headers_fails_with_timestamp_too_new() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		Now::set(u64::from(g.time) + 1000);
		let limit = g.time + 1000 + 7200;
		let late = mining::child(&g, limit + 3600, 1); // 3 h ahead
		assert_noop!(try_submit(vec![encode_header(&late)]), Error::<Test>::TimestampTooNew);
		let edge = mining::child(&g, limit + 1, 2);
		assert_noop!(try_submit(vec![encode_header(&edge)]), Error::<Test>::TimestampTooNew);
		let ok = mining::child(&g, limit, 3); // exactly 2 h ahead is allowed
		assert_ok!(submit(vec![encode_header(&ok)]));
	});
}

#[test]
fn submit_headers_fails_with_unknown_parent() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 3, 0);
		assert_noop!(try_submit(vec![hs[1], hs[2]]), Error::<Test>::UnknownParent);
	});
}

#[test]
fn submit_headers_fails_with_duplicate_header() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 3, 0);
		assert_ok!(submit(hs.clone()));
		assert_noop!(try_submit(vec![hs[2]]), Error::<Test>::DuplicateHeader);
		// The checkpoint itself is a duplicate too.
		assert_noop!(try_submit(vec![encode_header(&g)]), Error::<Test>::DuplicateHeader);
	});
}

#[test]
fn submit_headers_fails_with_bad_version() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let mut h = mining::child(&g, g.time + 600, 1);
		h.version = bitcoin::block::Version::ONE; // BIP34 is active from height 1 on regtest
		let h = mining::mine(h);
		assert_noop!(try_submit(vec![encode_header(&h)]), Error::<Test>::BadVersion);
	});
}

#[test]
fn submit_headers_fails_with_height_overflow() {
	new_test_ext().execute_with(|| {
		let g = mining::regtest_genesis();
		assert_ok!(LightClient::initialize(
			RuntimeOrigin::root(),
			BtcNetwork::Regtest,
			encode_header(&g),
			u32::MAX
		));
		let (hs, _) = mining::chain(&g, 1, 0);
		assert_noop!(try_submit(hs), Error::<Test>::HeightOverflow);
	});
}

#[test]
fn a_failing_header_reverts_the_whole_batch() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (mut hs, _) = mining::chain(&g, 4, 0);
		hs[3][79] ^= 0xff; // break the last header's nonce
		let h3 = decode_header(&hs[3]);
		if h3.target().is_met_by(h3.block_hash()) {
			hs[3][78] ^= 0xff;
		}
		assert_noop!(try_submit(hs), Error::<Test>::BadProofOfWork);
		assert_eq!(best().height, 0);
	});
}

// ---------------------------------------------------------------------------------------------
// min-difficulty rule (regtest follows testnet's 20-minute rule)

#[test]
fn twenty_minute_rule_allows_min_difficulty_then_falls_back() {
	new_test_ext().execute_with(|| {
		let cp = init_regtest_hard(1_600_000_000);
		// Exactly 20 minutes later: still the hard bits.
		let a = child_with_bits(&cp, cp.time + 1200, REGTEST_BITS, 1);
		assert_noop!(try_submit(vec![encode_header(&a)]), Error::<Test>::BadDifficultyBits);
		// More than 20 minutes: the minimum difficulty is allowed.
		let a = child_with_bits(&cp, cp.time + 1201, REGTEST_BITS, 2);
		assert_ok!(submit(vec![encode_header(&a)]));
		// The next block, 10 minutes later, must go back to the last regular bits.
		let b = child_with_bits(&a, a.time + 600, REGTEST_BITS, 3);
		assert_noop!(try_submit(vec![encode_header(&b)]), Error::<Test>::BadDifficultyBits);
		let b = child_with_bits(&a, a.time + 600, HARD_BITS, 4);
		assert_ok!(submit(vec![encode_header(&b)]));
	});
}

// ---------------------------------------------------------------------------------------------
// Fork choice

#[test]
fn a_longer_chain_with_less_work_does_not_win() {
	new_test_ext().execute_with(|| {
		let cp = init_regtest_hard(1_600_000_000);
		// Best chain: 2 hard blocks.
		let a1 = child_with_bits(&cp, cp.time + 600, HARD_BITS, 1);
		let a2 = child_with_bits(&a1, a1.time + 600, HARD_BITS, 2);
		assert_ok!(submit(vec![encode_header(&a1), encode_header(&a2)]));
		// Fork: 3 min-difficulty blocks, each > 20 min apart: longer, ~40x less work.
		let b1 = child_with_bits(&cp, cp.time + 1300, REGTEST_BITS, 11);
		let b2 = child_with_bits(&b1, b1.time + 1300, REGTEST_BITS, 12);
		let b3 = child_with_bits(&b2, b2.time + 1300, REGTEST_BITS, 13);
		let post = submit(vec![encode_header(&b1), encode_header(&b2), encode_header(&b3)])
			.expect("forks are valid");
		assert_eq!(post.pays_fee, Pays::Yes, "a batch that does not move the tip pays");
		assert_eq!(best(), BlockRef { height: 502, hash: hash_of(&a2) });
		assert!(Headers::<Test>::contains_key(hash_of(&b3)));
		assert_eq!(LightClient::confirmations_of(&hash_of(&b3)), None);
		assert_eq!(RelayerCredits::<Test>::get(7), 2);
	});
}

#[test]
fn a_chain_with_more_work_reorganizes() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (main, main_tip) = mining::chain(&g, 3, 0);
		assert_ok!(submit(main.clone()));
		let fork_base = decode_header(&main[0]); // height 1
		let (fork, fork_tip) = mining::chain(&fork_base, 3, 100); // heights 2..4
															// Equal work (height 3 vs 3) does not switch: the first seen stays.
		let post = submit(fork[..2].to_vec()).unwrap();
		assert_eq!(post.pays_fee, Pays::Yes);
		assert_eq!(best().hash, hash_of(&main_tip));
		// One more header: more work, reorg of depth 2 (heights 2 and 3 replaced).
		let post = submit(vec![fork[2]]).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		let new_tip = BlockRef { height: 4, hash: hash_of(&fork_tip) };
		assert_eq!(best(), new_tip);
		System::assert_has_event(
			Event::Reorganized {
				old_tip: BlockRef { height: 3, hash: hash_of(&main_tip) },
				new_tip,
				depth: 2,
			}
			.into(),
		);
		// The index follows the new chain; the old blocks lost their confirmations.
		for (i, raw) in fork.iter().enumerate() {
			assert_eq!(LightClient::header_at(2 + i as u32), Some(*raw));
		}
		assert_eq!(LightClient::confirmations_of(&hash_of(&main_tip)), None);
		assert_eq!(LightClient::confirmations_of(&hash_of(&fork_base)), Some(4));
	});
}

#[test]
fn a_reorg_to_a_shorter_chain_with_more_work_drops_old_heights() {
	new_test_ext().execute_with(|| {
		let cp = init_regtest_hard(1_600_000_000);
		// Best: 3 min-difficulty blocks.
		let a1 = child_with_bits(&cp, cp.time + 1300, REGTEST_BITS, 1);
		let a2 = child_with_bits(&a1, a1.time + 1300, REGTEST_BITS, 2);
		let a3 = child_with_bits(&a2, a2.time + 1300, REGTEST_BITS, 3);
		assert_ok!(submit(vec![encode_header(&a1), encode_header(&a2), encode_header(&a3)]));
		assert_eq!(best().height, 503);
		// One hard block outweighs them.
		let b1 = child_with_bits(&cp, cp.time + 600, HARD_BITS, 9);
		assert_ok!(submit(vec![encode_header(&b1)]));
		assert_eq!(best(), BlockRef { height: 501, hash: hash_of(&b1) });
		assert_eq!(BestChain::<Test>::get(502), None);
		assert_eq!(BestChain::<Test>::get(503), None);
		System::assert_has_event(
			Event::Reorganized {
				old_tip: BlockRef { height: 503, hash: hash_of(&a3) },
				new_tip: BlockRef { height: 501, hash: hash_of(&b1) },
				depth: 3,
			}
			.into(),
		);
	});
}

#[test]
fn submit_headers_fails_with_too_many_forks() {
	new_test_ext().execute_with(|| {
		MaxForks::set(3);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 2, 0);
		assert_ok!(submit(main));
		// Three siblings of height 1 fit beside the best chain's.
		for salt in 1..=3u32 {
			let f = mining::child(&g, g.time + 600 + salt, 1000 + salt);
			assert_ok!(submit(vec![encode_header(&f)]));
		}
		assert_eq!(HeightIndex::<Test>::get(1).len(), 4);
		let extra = mining::child(&g, g.time + 700, 2000);
		assert_noop!(try_submit(vec![encode_header(&extra)]), Error::<Test>::TooManyForks);
	});
}

#[test]
fn submit_headers_fails_with_fork_too_deep() {
	new_test_ext().execute_with(|| {
		MaxReorgDepth::set(5);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 7, 0);
		assert_ok!(submit(main.clone()));
		// Best is 7. A fork off height 2 (5 below) is allowed; off height 1 is not.
		let ok = mining::child(&decode_header(&main[1]), decode_header(&main[1]).time + 1, 50);
		assert_ok!(submit(vec![encode_header(&ok)]));
		let deep = mining::child(&decode_header(&main[0]), decode_header(&main[0]).time + 1, 51);
		assert_noop!(try_submit(vec![encode_header(&deep)]), Error::<Test>::ForkTooDeep);
	});
}

#[test]
fn submit_headers_fails_with_reorg_too_deep() {
	new_test_ext().execute_with(|| {
		MaxReorgDepth::set(5);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 6, 0); // best 6
		assert_ok!(submit(main.clone()));
		// Fork off height 1 (5 below): allowed. Grow it alongside the best chain.
		let base = decode_header(&main[0]);
		let (fork, _) = mining::chain(&base, 7, 300); // heights 2..8
		assert_ok!(submit(fork[..5].to_vec())); // up to height 6: tie, no reorg
		let (more, _) = mining::chain(&decode_header(&main[5]), 1, 0); // best 7
		assert_ok!(submit(more));
		assert_ok!(submit(vec![fork[5]])); // fork height 7: tie again
									 // Fork height 8 outweighs; the reorg would replace heights 2..7: depth 6 > 5.
		assert_noop!(try_submit(vec![fork[6]]), Error::<Test>::ReorgTooDeep);
	});
}

// ---------------------------------------------------------------------------------------------
// Room for forks: cheap siblings cannot freeze the light client

/// Five cheap siblings at the next height fill it (MaxForks = 4). Then the honest header at that
/// height, with its 10 children, must still be accepted.
#[test]
fn cheap_siblings_cannot_freeze_the_light_client() {
	new_test_ext().execute_with(|| {
		MaxForks::set(4);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 3, 0);
		assert_ok!(submit(main.clone()));
		let tip = decode_header(&main[2]);
		// The attack: 5 siblings at height 4. The first extends the best chain, the next four
		// are forks; the height is then full.
		let siblings: Vec<Header> =
			(0..5u32).map(|i| mining::child(&tip, tip.time + 600 + i, 5_000 + i)).collect();
		for s in &siblings {
			assert_ok!(submit(vec![encode_header(s)]));
		}
		assert_eq!(HeightIndex::<Test>::get(4).len(), 5);
		// The honest header at height 4 and its 10 children, as an honest relayer sends them.
		let honest = mining::child(&tip, tip.time + 700, 42);
		let (children, honest_tip) = mining::chain(&honest, 10, 77);
		let mut batch = vec![encode_header(&honest)];
		batch.extend(children);
		let result = submit(batch);
		println!(
			"fork-freeze attack: 5 siblings at height 4, then the honest header and its 10 \
			 children: {:?}",
			result.as_ref().map(|p| p.pays_fee).map_err(|e| e.error)
		);
		let post = result.expect("the honest chain is accepted");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 14, hash: hash_of(&honest_tip) });
		assert_eq!(LightClient::header_at(4), Some(encode_header(&honest)));
		// The least-work fork, first stored among equals, made room.
		assert_eq!(HeightIndex::<Test>::get(4).len(), 5);
		assert!(!indexed(4, &siblings[1]));
		assert!(!Headers::<Test>::contains_key(hash_of(&siblings[1])));
		System::assert_has_event(
			Event::HeaderEvicted { hash: hash_of(&siblings[1]), height: 4 }.into(),
		);
		assert_eq!(RelayerCredits::<Test>::get(7), 3 + 1 + 11);
	});
}

/// On a chain where the 20-minute rule makes siblings cheap, an honest header with more work is
/// admitted on its own: it becomes best at once.
#[test]
fn a_header_that_becomes_best_evicts_a_cheap_sibling() {
	new_test_ext().execute_with(|| {
		MaxForks::set(4);
		let cp = init_regtest_hard(1_600_000_000);
		let cheap: Vec<Header> = (0..5u32)
			.map(|i| child_with_bits(&cp, cp.time + 1201 + i, REGTEST_BITS, 10 + i))
			.collect();
		for c in &cheap {
			assert_ok!(submit(vec![encode_header(c)]));
		}
		assert_eq!(HeightIndex::<Test>::get(501).len(), 5);
		assert_eq!(best().hash, hash_of(&cheap[0]));
		let honest = child_with_bits(&cp, cp.time + 600, HARD_BITS, 99);
		let post = submit(vec![encode_header(&honest)]).expect("more work is always admitted");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 501, hash: hash_of(&honest) });
		System::assert_has_event(
			Event::HeaderEvicted { hash: hash_of(&cheap[1]), height: 501 }.into(),
		);
		assert!(indexed(501, &cheap[0]));
	});
}

/// A fork with more work reorganizes the best chain even across a height that cheap forks have
/// filled.
#[test]
fn a_heavier_fork_reorganizes_past_a_full_height() {
	new_test_ext().execute_with(|| {
		MaxForks::set(4);
		let g = init_regtest();
		let (main, main_tip) = mining::chain(&g, 6, 0);
		assert_ok!(submit(main.clone()));
		// Height 3 is filled with 4 forks beside the best chain's header.
		let base = decode_header(&main[1]); // height 2
		for i in 0..4u32 {
			let f = mining::child(&base, base.time + 601 + i, 900 + i);
			assert_ok!(submit(vec![encode_header(&f)]));
		}
		assert_eq!(HeightIndex::<Test>::get(3).len(), 5);
		// A fork of 6 from height 2 (heights 3..8) outweighs the best chain (height 6).
		let (fork, fork_tip) = mining::chain(&base, 6, 3_000);
		let post = submit(fork.clone()).expect("the heavier fork is accepted");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 8, hash: hash_of(&fork_tip) });
		// The switch happens at height 7, the first fork header with more work.
		System::assert_has_event(
			Event::Reorganized {
				old_tip: BlockRef { height: 6, hash: hash_of(&main_tip) },
				new_tip: BlockRef { height: 7, hash: hash_of(&decode_header(&fork[4])) },
				depth: 4,
			}
			.into(),
		);
		for (i, raw) in fork.iter().enumerate() {
			assert_eq!(LightClient::header_at(3 + i as u32), Some(*raw));
		}
		assert_eq!(HeightIndex::<Test>::get(3).len(), 5);
	});
}

/// An evicted header's children stay stored but can never become best until the evicted header
/// comes back; submitting the branch again from its fork point does that.
#[test]
fn submit_headers_fails_with_unknown_ancestor_until_the_branch_is_resubmitted() {
	new_test_ext().execute_with(|| {
		MaxForks::set(2);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 2, 0); // m1, m2
		assert_ok!(submit(main.clone()));
		// Fork f1 (height 1) with child f2 (height 2), and another fork x1: height 1 is full.
		let f1 = mining::child(&g, g.time + 601, 11);
		let f2 = mining::child(&f1, f1.time + 600, 12);
		let x1 = mining::child(&g, g.time + 602, 13);
		assert_ok!(submit(vec![encode_header(&f1), encode_header(&f2)]));
		assert_ok!(submit(vec![encode_header(&x1)]));
		assert_eq!(HeightIndex::<Test>::get(1).len(), 3);
		// A winning branch e1..e3 evicts f1, the first stored least-work fork at height 1.
		let (e, _) = mining::chain(&g, 3, 500);
		assert_ok!(submit(e.clone()));
		System::assert_has_event(Event::HeaderEvicted { hash: hash_of(&f1), height: 1 }.into());
		assert!(Headers::<Test>::contains_key(hash_of(&f2)), "the child stays");
		// f2's children would outweigh the best chain, but f2's parent is gone.
		let f3 = mining::child(&f2, f2.time + 600, 14);
		let f4 = mining::child(&f3, f3.time + 600, 15);
		assert_noop!(
			try_submit(vec![encode_header(&f3), encode_header(&f4)]),
			Error::<Test>::UnknownAncestor
		);
		// Resubmitting the branch from the fork point: f1 comes back (evicting again), f2 is
		// known and skipped, and the branch wins.
		let post = submit(vec![
			encode_header(&f1),
			encode_header(&f2),
			encode_header(&f3),
			encode_header(&f4),
		])
		.expect("the whole branch is accepted");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 4, hash: hash_of(&f4) });
		assert_eq!(LightClient::header_at(1), Some(encode_header(&f1)));
	});
}

#[test]
fn a_losing_fork_at_a_full_height_evicts_nothing() {
	new_test_ext().execute_with(|| {
		MaxForks::set(1);
		let g = init_regtest();
		let (main, _) = mining::chain(&g, 3, 0);
		assert_ok!(submit(main));
		let f1 = mining::child(&g, g.time + 601, 1);
		assert_ok!(submit(vec![encode_header(&f1)]));
		// Height 1 is full; a second fork with its child still loses (height 2 < 3).
		let y1 = mining::child(&g, g.time + 602, 2);
		let y2 = mining::child(&y1, y1.time + 600, 3);
		assert_noop!(
			try_submit(vec![encode_header(&y1), encode_header(&y2)]),
			Error::<Test>::TooManyForks
		);
		assert!(Headers::<Test>::contains_key(hash_of(&f1)));
	});
}

/// Invariant: a header that would become best is never refused for lack of room. Rounds of an
/// attacker filling heights near the tip with cheap siblings never stop an honest batch that
/// outweighs the best chain, and no height ever holds more than `MaxForks + 1` headers.
#[test]
fn property_cheap_forks_never_freeze_the_honest_chain() {
	for seed in 1..=24u64 {
		new_test_ext().execute_with(|| {
			MaxForks::set(1 + (seed % 4) as u32);
			let g = init_regtest();
			let mut rng = crate::real_data::Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
			let mut honest = vec![g];
			let mut salt = 10_000u32;
			for _ in 0..12 {
				// The attacker: up to 8 siblings, children of the last three honest headers.
				for _ in 0..rng.next() % 9 {
					let back = (rng.next() % 3) as usize;
					let parent = honest[honest.len().saturating_sub(1 + back)];
					salt += 1;
					let s = mining::child(&parent, parent.time + 600 + salt % 500, salt);
					// Refused with `TooManyForks` once the height is full: it cannot win.
					let _ = try_submit(vec![encode_header(&s)]);
				}
				// The honest relayer: 2 to 5 headers on the honest tip, which outweigh every
				// sibling (those are at most one above the honest tip).
				let tip = *honest.last().unwrap();
				let k = 2 + (rng.next() % 4) as u32;
				salt += 1;
				let (next, next_tip) = mining::chain(&tip, k, 1_000_000 + salt * 8);
				let result = submit(next.clone());
				assert!(
					result.is_ok(),
					"seed {seed}: honest batch refused: {:?}",
					result.map_err(|e| e.error)
				);
				assert_eq!(best().hash, hash_of(&next_tip), "seed {seed}");
				honest.extend(next.iter().map(decode_header));
			}
			let cap = MaxForks::get() as usize + 1;
			for (h, index) in HeightIndex::<Test>::iter() {
				assert!(index.len() <= cap, "seed {seed}: height {h} holds {}", index.len());
			}
			// The honest chain is the best chain, header by header.
			for (h, header) in honest.iter().enumerate() {
				assert_eq!(BestChain::<Test>::get(h as u32), Some(hash_of(header)), "seed {seed}");
			}
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Known headers, credits and fees

#[test]
fn known_headers_are_skipped_and_only_new_ones_credited() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, tip) = mining::chain(&g, 5, 0);
		assert_ok!(submit(hs[..3].to_vec()));
		System::reset_events();
		// A racing relayer sends the overlapping range 1..5: 3 known, 2 new.
		let post = submit(hs.clone()).expect("overlap is fine");
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(best(), BlockRef { height: 5, hash: hash_of(&tip) });
		let imported = System::events()
			.iter()
			.filter(|r| matches!(r.event, RuntimeEvent::LightClient(Event::HeaderImported { .. })))
			.count();
		assert_eq!(imported, 2);
		System::assert_last_event(Event::RelayerCredited { relayer: 7, headers: 2 }.into());
		assert_eq!(LightClient::relayer_credits(&7), 5);
		// Skipping costs less than importing.
		let mut fresh = Batch::new(5, 25);
		fresh.checked = 5;
		let mut overlap = Batch::new(5, 25);
		overlap.known = 3;
		overlap.checked = 2;
		assert!(LightClient::batch_weight(&overlap).all_lt(LightClient::batch_weight(&fresh)));
		assert_eq!(post.actual_weight, Some(LightClient::batch_weight(&overlap)));
	});
}

#[test]
fn a_batch_of_only_known_headers_pays_only_for_the_reads() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 40, 0);
		assert_ok!(submit(hs.clone()));
		let err = submit(hs.clone()).expect_err("nothing new");
		assert_eq!(err.error, Error::<Test>::DuplicateHeader.into());
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		let charged = err.post_info.actual_weight.expect("actual weight reported");
		assert_eq!(charged, <() as crate::WeightInfo>::skip_known(40));
		let declared = LightClient::submit_weight(40);
		assert!(charged.ref_time() > 0 && charged.all_lt(declared));
		println!(
			"duplicate batch of 40 headers: charged {} ps / {} B of a declared {} ps / {} B",
			charged.ref_time(),
			charged.proof_size(),
			declared.ref_time(),
			declared.proof_size()
		);
	});
}

#[test]
fn a_failing_batch_pays_for_the_headers_it_checked() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (mut hs, _) = mining::chain(&g, 10, 0);
		// Header 4 of 10 has a broken proof of work.
		hs[3][79] ^= 0xff;
		let h = decode_header(&hs[3]);
		if h.target().is_met_by(h.block_hash()) {
			hs[3][78] ^= 0xff;
		}
		let err = submit(hs).expect_err("bad header");
		assert_eq!(err.error, Error::<Test>::BadProofOfWork.into());
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		assert_eq!(err.post_info.actual_weight, Some(<() as crate::WeightInfo>::submit_headers(4)));
		assert_eq!(best().height, 0, "nothing stored");
		// An empty or uninitialized batch is charged the least.
		let err = submit(vec![]).expect_err("empty");
		assert_eq!(err.error, Error::<Test>::EmptyBatch.into());
		assert_eq!(err.post_info.actual_weight, Some(<() as crate::WeightInfo>::skip_known(0)));
	});
}

#[test]
fn fork_headers_earn_no_credit() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (main, tip) = mining::chain(&g, 2, 0);
		assert_ok!(submit(main));
		// One fork header and one header that extends the best chain: one credit.
		let fork = mining::child(&g, g.time + 601, 1);
		let next = mining::child(&tip, tip.time + 600, 2);
		assert_ok!(submit(vec![encode_header(&fork), encode_header(&next)]));
		System::assert_last_event(Event::RelayerCredited { relayer: 7, headers: 1 }.into());
		assert_eq!(LightClient::relayer_credits(&7), 3);
		// Forks alone: no credit, and the batch pays.
		let fork2 = mining::child(&g, g.time + 602, 3);
		let post = submit(vec![encode_header(&fork2)]).unwrap();
		assert_eq!(post.pays_fee, Pays::Yes);
		assert_eq!(LightClient::relayer_credits(&7), 3);
	});
}

// ---------------------------------------------------------------------------------------------
// States that valid input cannot reach: each has its own error

#[test]
fn submit_headers_fails_with_best_header_missing() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		Headers::<Test>::remove(hash_of(&g));
		let (hs, _) = mining::chain(&g, 1, 0);
		assert_noop!(try_submit(hs), Error::<Test>::BestHeaderMissing);
	});
}

// ---------------------------------------------------------------------------------------------
// Pruning

#[test]
fn old_headers_are_pruned_and_recent_ones_kept() {
	new_test_ext().execute_with(|| {
		PruningDepth::set(50);
		MaxReorgDepth::set(20);
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 120, 0);
		for chunk in hs.chunks(10) {
			assert_ok!(submit(chunk.to_vec()));
		}
		assert_eq!(best().height, 120);
		// Relaying does not prune; the block's spare weight does.
		assert_eq!(LowestHeight::<Test>::get(), 0);
		// Too little spare weight: nothing happens and nothing is charged.
		let tiny = <crate::weights::SubstrateWeight<Test> as crate::WeightInfo>::prune(0);
		assert_eq!(LightClient::on_idle(2, tiny), Weight::zero());
		assert_eq!(LowestHeight::<Test>::get(), 0);
		// Room for 30 heights: exactly 30 are pruned, oldest first.
		let room = <() as crate::WeightInfo>::prune(30).saturating_add(
			<<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads(1),
		);
		let used = LightClient::on_idle(2, room);
		assert!(used.all_lte(room) && used.ref_time() > 0);
		assert_eq!(LowestHeight::<Test>::get(), 30);
		// Plenty of room: down to 50 below the tip, no further.
		LightClient::on_idle(3, Weight::from_parts(u64::MAX / 4, u64::MAX / 4));
		assert_eq!(LowestHeight::<Test>::get(), 70);
		assert_eq!(LightClient::header_at(69), None);
		assert!(!Headers::<Test>::contains_key(hash_of(&g)));
		assert_eq!(HeightIndex::<Test>::get(10).len(), 0);
		assert_eq!(LightClient::header_at(70), Some(hs[69]));
		assert_eq!(Headers::<Test>::iter().count(), 51);
		// A header whose parent was pruned has an unknown parent.
		let stale = mining::child(&decode_header(&hs[10]), decode_header(&hs[10]).time + 1, 9);
		assert_noop!(try_submit(vec![encode_header(&stale)]), Error::<Test>::UnknownParent);
	});
}

// ---------------------------------------------------------------------------------------------
// Weights

#[test]
fn declared_weight_covers_actual_and_is_never_zero() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 4, 0);
		let declared = LightClient::submit_weight(4);
		assert!(declared.ref_time() > 0 && declared.proof_size() > 0);
		let post: PostDispatchInfo = submit(hs).unwrap();
		let actual = post.actual_weight.unwrap();
		assert!(actual.ref_time() > 0);
		assert!(actual.all_lte(declared));
	});
}

// ---------------------------------------------------------------------------------------------
// Rules that real chains here cannot reach

#[test]
fn bip94_time_warp_rule_at_the_600_second_boundary() {
	let t4 = BtcNetwork::Testnet4;
	let parent = 1_700_000_000u32;
	// A period start may be up to 600 s older than its parent, not 601.
	assert!(!rules::is_time_warp(t4, 2016, parent, parent - 600));
	assert!(rules::is_time_warp(t4, 2016, parent, parent - 601));
	assert!(!rules::is_time_warp(t4, 2016, parent, parent + 1));
	// Only at a retarget height.
	assert!(!rules::is_time_warp(t4, 2015, parent, parent - 10_000));
	assert!(!rules::is_time_warp(t4, 2017, parent, parent - 10_000));
	assert!(rules::is_time_warp(t4, 4032, parent, parent - 601));
	// Only on testnet4.
	for net in [BtcNetwork::Mainnet, BtcNetwork::Testnet3, BtcNetwork::Signet, BtcNetwork::Regtest]
	{
		assert!(!rules::is_time_warp(net, 2016, parent, parent - 601));
	}
	// A parent younger than 600 s after the epoch cannot be warped below.
	assert!(!rules::is_time_warp(t4, 2016, 500, 0));
}

#[test]
fn testnet4_retargets_from_the_first_block_of_the_period() {
	let first = CompactTarget::from_consensus(0x1c00_ffff);
	let last = CompactTarget::from_consensus(0x1d00_ffff); // a min-difficulty block
	let two_weeks = 14 * 24 * 3600;
	assert_eq!(rules::retarget(BtcNetwork::Testnet4, last, two_weeks, first, 0), first);
	assert_eq!(rules::retarget(BtcNetwork::Testnet3, last, two_weeks, first, 0), last);
}

#[test]
fn retarget_clamps_negative_and_huge_timespans() {
	let bits = CompactTarget::from_consensus(0x1b04_04cb);
	let quarter = rules::retarget(BtcNetwork::Mainnet, bits, 100, bits, 200); // negative
	let tiny = rules::retarget(BtcNetwork::Mainnet, bits, 1, bits, 0);
	assert_eq!(quarter, tiny);
	let four = rules::retarget(BtcNetwork::Mainnet, bits, u32::MAX, bits, 0);
	let t = bitcoin::Target::from_compact(bits);
	assert_eq!(
		bitcoin::Target::from_compact(four),
		bitcoin::Target::from_compact(t.max_transition_threshold_unchecked().to_compact_lossy())
	);
	assert_eq!(rules::retarget(BtcNetwork::Regtest, bits, 5, bits, 0), bits);
}

#[test]
fn min_version_follows_bip34_66_65() {
	assert_eq!(rules::min_version(BtcNetwork::Mainnet, 227_930), i32::MIN);
	assert_eq!(rules::min_version(BtcNetwork::Mainnet, 227_931), 2);
	assert_eq!(rules::min_version(BtcNetwork::Mainnet, 363_725), 3);
	assert_eq!(rules::min_version(BtcNetwork::Mainnet, 388_381), 4);
	assert_eq!(rules::min_version(BtcNetwork::Regtest, 1), 4);
	assert_eq!(rules::min_version(BtcNetwork::Signet, 1), 4);
}

#[test]
fn work_addition_is_checked() {
	let max = bitcoin::pow::Work::from_be_bytes([0xff; 32]);
	let one = {
		let mut b = [0u8; 32];
		b[31] = 1;
		bitcoin::pow::Work::from_be_bytes(b)
	};
	assert_eq!(crate::pallet::checked_add_work(max, one), None);
	assert!(crate::pallet::checked_add_work(one, one).is_some());
}

#[test]
fn only_mainnet_is_secure_for_value() {
	assert!(BtcNetwork::Mainnet.secure_for_value());
	for net in [BtcNetwork::Testnet3, BtcNetwork::Testnet4, BtcNetwork::Signet, BtcNetwork::Regtest]
	{
		assert!(!net.secure_for_value(), "{net:?}");
	}
	new_test_ext().execute_with(|| {
		assert!(!<LightClient as BtcLightClient>::secure_for_value(), "uninitialized");
		init_regtest();
		assert!(!<LightClient as BtcLightClient>::secure_for_value(), "regtest");
	});
	new_test_ext().execute_with(|| {
		let g = crate::real_data::genesis("mainnet");
		assert_ok!(LightClient::initialize(RuntimeOrigin::root(), BtcNetwork::Mainnet, g, 0));
		assert!(<LightClient as BtcLightClient>::secure_for_value());
	});
}

#[test]
fn trait_reports_best_block_and_confirmations() {
	new_test_ext().execute_with(|| {
		assert_eq!(<LightClient as BtcLightClient>::best_block(), None);
		assert_eq!(<LightClient as BtcLightClient>::network(), None);
		let g = init_regtest();
		let (hs, tip) = mining::chain(&g, 2, 0);
		assert_ok!(submit(hs));
		assert_eq!(<LightClient as BtcLightClient>::best_block(), Some((2, hash_of(&tip))));
		assert_eq!(<LightClient as BtcLightClient>::confirmations(&hash_of(&g)), Some(3));
		assert_eq!(<LightClient as BtcLightClient>::confirmations(&H256::repeat_byte(1)), None);
	});
}

#[test]
fn genesis_config_sets_network_and_checkpoint() {
	use sp_runtime::BuildStorage;
	let genesis = crate::real_data::genesis("mainnet");
	let json = format!(
		r#"{{"checkpoint":{{"network":"mainnet","header":"{}","height":0}}}}"#,
		sp_core::bytes::to_hex(&genesis, false)
	);
	let config: crate::GenesisConfig<Test> = serde_json::from_str(&json).expect("valid JSON");
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	config.assimilate_storage(&mut storage).unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Network::<Test>::get(), Some(BtcNetwork::Mainnet));
		let best = BestBlock::<Test>::get().unwrap();
		assert_eq!(best.height, 0);
		assert_eq!(LightClient::header_at(0), Some(genesis));
		// And it round-trips through serde as hex.
		let back = serde_json::to_string(&config).unwrap();
		assert!(back.contains("\"header\":\"0x0100000000"));
	});
	// The default (dev) genesis leaves the light client uninitialized.
	let storage = crate::GenesisConfig::<Test>::default().build_storage().unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Network::<Test>::get(), None);
	});
}
