//! Unit tests on headers mined here (regtest), and rule tests.

use crate::{
	mining::{self, child_with_bits, REGTEST_BITS},
	mock::*,
	pallet::*,
	rules,
	types::{block_hash_to_h256, decode_header, encode_header, RawHeader, StoredHeader},
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

pub(crate) fn submit(headers: Vec<RawHeader>) -> frame_support::dispatch::DispatchResultWithPostInfo {
	LightClient::submit_headers(RuntimeOrigin::signed(7), batch(headers))
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
	let cp = mining::mine(Header {
		version: bitcoin::block::Version::from_consensus(0x2000_0000),
		prev_blockhash: bitcoin::BlockHash::from_byte_array([9u8; 32]),
		merkle_root: bitcoin::TxMerkleNode::from_byte_array([1u8; 32]),
		time,
		bits: CompactTarget::from_consensus(HARD_BITS),
		nonce: 0,
	});
	assert_ok!(LightClient::initialize(RuntimeOrigin::root(), BtcNetwork::Regtest, encode_header(&cp), 500));
	cp
}
const HARD_BITS: u32 = 0x2000_ffff;
use bitcoin::hashes::Hash;


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
		assert_noop!(submit(hs), Error::<Test>::NotInitialized);
	});
}

#[test]
fn submit_headers_fails_with_empty_batch() {
	new_test_ext().execute_with(|| {
		init_regtest();
		assert_noop!(submit(vec![]), Error::<Test>::EmptyBatch);
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
		assert_noop!(submit(vec![encode_header(&h)]), Error::<Test>::BadProofOfWork);
	});
}

#[test]
fn submit_headers_fails_with_bad_difficulty_bits() {
	new_test_ext().execute_with(|| {
		let g = init_regtest_hard(1_600_000_000);
		// 10 minutes later the hard bits still apply; powLimit bits are wrong.
		let h = child_with_bits(&g, g.time + 600, REGTEST_BITS, 1);
		assert_noop!(submit(vec![encode_header(&h)]), Error::<Test>::BadDifficultyBits);
		// Any other bits are wrong too, even harder ones.
		let h = child_with_bits(&g, g.time + 600, 0x1f00_ffff, 2);
		assert_noop!(submit(vec![encode_header(&h)]), Error::<Test>::BadDifficultyBits);
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
		assert_noop!(submit(vec![encode_header(&at)]), Error::<Test>::TimestampTooOld);
		let below = mining::child(&tip, mtp - 1, 2);
		assert_noop!(submit(vec![encode_header(&below)]), Error::<Test>::TimestampTooOld);
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
		assert_noop!(submit(vec![encode_header(&late)]), Error::<Test>::TimestampTooNew);
		let edge = mining::child(&g, limit + 1, 2);
		assert_noop!(submit(vec![encode_header(&edge)]), Error::<Test>::TimestampTooNew);
		let ok = mining::child(&g, limit, 3); // exactly 2 h ahead is allowed
		assert_ok!(submit(vec![encode_header(&ok)]));
	});
}

#[test]
fn submit_headers_fails_with_unknown_parent() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 3, 0);
		assert_noop!(submit(vec![hs[1], hs[2]]), Error::<Test>::UnknownParent);
	});
}

#[test]
fn submit_headers_fails_with_duplicate_header() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let (hs, _) = mining::chain(&g, 3, 0);
		assert_ok!(submit(hs.clone()));
		assert_noop!(submit(vec![hs[2]]), Error::<Test>::DuplicateHeader);
		// The checkpoint itself is a duplicate too.
		assert_noop!(submit(vec![encode_header(&g)]), Error::<Test>::DuplicateHeader);
	});
}

#[test]
fn submit_headers_fails_with_bad_version() {
	new_test_ext().execute_with(|| {
		let g = init_regtest();
		let mut h = mining::child(&g, g.time + 600, 1);
		h.version = bitcoin::block::Version::ONE; // BIP34 is active from height 1 on regtest
		let h = mining::mine(h);
		assert_noop!(submit(vec![encode_header(&h)]), Error::<Test>::BadVersion);
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
		assert_noop!(submit(hs), Error::<Test>::HeightOverflow);
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
		assert_noop!(submit(hs), Error::<Test>::BadProofOfWork);
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
		assert_noop!(submit(vec![encode_header(&a)]), Error::<Test>::BadDifficultyBits);
		// More than 20 minutes: the minimum difficulty is allowed.
		let a = child_with_bits(&cp, cp.time + 1201, REGTEST_BITS, 2);
		assert_ok!(submit(vec![encode_header(&a)]));
		// The next block, 10 minutes later, must go back to the last regular bits.
		let b = child_with_bits(&a, a.time + 600, REGTEST_BITS, 3);
		assert_noop!(submit(vec![encode_header(&b)]), Error::<Test>::BadDifficultyBits);
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
		assert_noop!(submit(vec![encode_header(&extra)]), Error::<Test>::TooManyForks);
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
		assert_noop!(submit(vec![encode_header(&deep)]), Error::<Test>::ForkTooDeep);
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
		assert_noop!(submit(vec![fork[6]]), Error::<Test>::ReorgTooDeep);
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
		let room = <() as crate::WeightInfo>::prune(30)
			.saturating_add(<<Test as frame_system::Config>::DbWeight as Get<frame_support::weights::RuntimeDbWeight>>::get().reads(1));
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
		assert_noop!(submit(vec![encode_header(&stale)]), Error::<Test>::UnknownParent);
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
fn bip94_time_warp_rule() {
	// A testnet4 period may not start more than 600 s before its parent.
	assert!(rules::MAX_TIMEWARP == 600);
	let p = rules::params(BtcNetwork::Testnet4);
	assert!(p.allow_min_difficulty_blocks && !p.no_pow_retargeting);
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
	assert_eq!(bitcoin::Target::from_compact(four), bitcoin::Target::from_compact(t.max_transition_threshold_unchecked().to_compact_lossy()));
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
		r#"{{"checkpoint":{{"network":"mainnet","header":"0x{}","height":0}}}}"#,
		genesis.iter().map(|b| format!("{b:02x}")).collect::<String>()
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
