//! Bitcoin Core's header rules, as pure functions over stored headers.
//!
//! Everything here mirrors `src/pow.cpp` and `ContextualCheckBlockHeader` in
//! `src/validation.cpp`; each function names its counterpart.

use crate::types::{BtcNetwork, RawHeader, StoredHeader, MEDIAN_TIME_SPAN, RETARGET_INTERVAL};
use bitcoin::{block::Header, params::Params, CompactTarget};

/// Largest allowed distance of a header's timestamp into the future, in seconds
/// (`MAX_FUTURE_BLOCK_TIME` in `chain.h`).
pub const MAX_FUTURE_BLOCK_TIME: u64 = 2 * 60 * 60;

/// BIP94: on testnet4 the first block of a period may not be more than this many seconds older
/// than its parent (`MAX_TIMEWARP` in `consensus/consensus.h`).
pub const MAX_TIMEWARP: u32 = 600;

/// Whether a header at `height` with timestamp `time`, whose parent has `parent_time`, is a
/// time-warp attack under BIP94: on testnet4, the first block of a retarget period (height a
/// multiple of 2016) may not be more than [`MAX_TIMEWARP`] seconds older than its parent. Bitcoin
/// Core: `ContextualCheckBlockHeader` in `validation.cpp` ("time-timewarp-attack"), enforced
/// where `enforce_BIP94` is set, which is testnet4 only. A parent younger than 600 s after the
/// epoch cannot be warped (Core computes in `int64`, so nothing is below its bound).
pub fn is_time_warp(network: BtcNetwork, height: u32, parent_time: u32, time: u32) -> bool {
	network == BtcNetwork::Testnet4
		&& height % RETARGET_INTERVAL == 0
		&& i64::from(time) < i64::from(parent_time) - i64::from(MAX_TIMEWARP)
}

/// Consensus parameters of `network`.
pub fn params(network: BtcNetwork) -> &'static Params {
	match network {
		BtcNetwork::Mainnet => &bitcoin::params::MAINNET,
		BtcNetwork::Testnet3 => &bitcoin::params::TESTNET3,
		BtcNetwork::Testnet4 => &bitcoin::params::TESTNET4,
		BtcNetwork::Signet => &bitcoin::params::SIGNET,
		BtcNetwork::Regtest => &bitcoin::params::REGTEST,
	}
}

/// `nProofOfWorkLimit` in compact form: the easiest `bits` the network allows.
pub fn pow_limit_bits(network: BtcNetwork) -> CompactTarget {
	params(network).max_attainable_target.to_compact_lossy()
}

/// Whether `bits` changes every 2016 blocks on `network` (every network but regtest).
pub fn retargets(network: BtcNetwork) -> bool {
	!params(network).no_pow_retargeting
}

/// The smallest header version allowed at `height`: BIP34 (v2), BIP66 (v3) and BIP65 (v4)
/// heights, the "bad-version" check of `ContextualCheckBlockHeader`.
///
/// On regtest Bitcoin Core activates all three at height 1 (`chainparams.cpp`); rust-bitcoin's
/// regtest table uses older values, so regtest is special-cased here.
pub fn min_version(network: BtcNetwork, height: u32) -> i32 {
	let p = params(network);
	let (bip34, bip66, bip65) = match network {
		BtcNetwork::Regtest => (1, 1, 1),
		_ => (p.bip34_height, p.bip66_height, p.bip65_height),
	};
	if height >= bip65 {
		4
	} else if height >= bip66 {
		3
	} else if height >= bip34 {
		2
	} else {
		i32::MIN
	}
}

/// The `bits` a child of `parent` with timestamp `child_time` must carry:
/// `GetNextWorkRequired` in `pow.cpp`.
///
/// - Inside a period, `bits` stays the parent's. On networks with
///   `fPowAllowMinDifficultyBlocks` (testnet3, testnet4, regtest), a block more than twice the
///   target spacing (20 minutes) after its parent may use the minimum difficulty; otherwise it
///   must use the last "regular" `bits` (the walk-back loop, kept in
///   [`StoredHeader::last_regular_bits`]).
/// - At a period boundary, [`retarget`].
pub fn next_work_required(
	network: BtcNetwork,
	parent: &StoredHeader,
	child_time: u32,
) -> CompactTarget {
	let p = params(network);
	let parent_header = parent.header();
	let child_height = parent.height.saturating_add(1);
	if child_height % RETARGET_INTERVAL != 0 {
		if p.allow_min_difficulty_blocks {
			let spacing2 = p.pow_target_spacing.saturating_mul(2);
			if u64::from(child_time) > u64::from(parent_header.time).saturating_add(spacing2) {
				return pow_limit_bits(network);
			}
			return CompactTarget::from_consensus(parent.last_regular_bits);
		}
		return parent_header.bits;
	}
	retarget(
		network,
		parent_header.bits,
		parent_header.time,
		CompactTarget::from_consensus(parent.period_start_bits),
		parent.period_start_time,
	)
}

/// The new `bits` at a period boundary: `CalculateNextWorkRequired` in `pow.cpp`.
///
/// `last_*` describe the period's last block (height 2016k-1), `first_*` its first (2016(k-1)).
/// Bitcoin Core's off-by-one is kept: the timespan runs from the first to the last block of the
/// period, so 2015 intervals are measured against a 2016-interval target. The timespan is
/// clamped to [¼, 4×] two weeks; a negative one (timestamps may go backwards) clamps to ¼.
/// On testnet4 (BIP94) the base target is the first block's, which the min-difficulty rule can
/// never lower.
pub fn retarget(
	network: BtcNetwork,
	last_bits: CompactTarget,
	last_time: u32,
	first_bits: CompactTarget,
	first_time: u32,
) -> CompactTarget {
	let p = params(network);
	if p.no_pow_retargeting {
		return last_bits;
	}
	let timespan = i64::from(last_time) - i64::from(first_time);
	let timespan = u64::try_from(timespan).unwrap_or(0);
	let base = if network == BtcNetwork::Testnet4 { first_bits } else { last_bits };
	CompactTarget::from_next_work_required(base, timespan, p)
}

/// The stored form of a checkpoint header: it starts its own history.
///
/// At height 0 the median time past sees only the genesis timestamp, as in Bitcoin Core. Above
/// it the 10 earlier timestamps are unknown and count as 0, which makes the median-time rule
/// lenient for the first 5 children and exact from then on.
pub fn checkpoint_entry(raw: RawHeader, height: u32, header: &Header) -> StoredHeader {
	let mut recent_times = [0u32; MEDIAN_TIME_SPAN];
	recent_times[0] = header.time;
	StoredHeader {
		raw,
		height,
		chain_work: header.work().to_be_bytes(),
		period_start_time: header.time,
		period_start_bits: header.bits.to_consensus(),
		last_regular_bits: header.bits.to_consensus(),
		recent_times,
		known_times: if height == 0 { 1 } else { MEDIAN_TIME_SPAN as u8 },
	}
}

/// The stored form of a validated child of `parent`; `header` is `raw` decoded. `chain_work`
/// must be the parent's plus the child's own work, computed by the caller with checked arithmetic.
pub fn child_entry(
	network: BtcNetwork,
	parent: &StoredHeader,
	raw: RawHeader,
	header: &Header,
	chain_work: [u8; 32],
) -> StoredHeader {
	let height = parent.height.saturating_add(1);
	let bits = header.bits.to_consensus();
	let starts_period = height % RETARGET_INTERVAL == 0;
	let (period_start_time, period_start_bits) = if starts_period {
		(header.time, bits)
	} else {
		(parent.period_start_time, parent.period_start_bits)
	};
	let last_regular_bits = if starts_period || header.bits != pow_limit_bits(network) {
		bits
	} else {
		parent.last_regular_bits
	};
	let mut recent_times = [0u32; MEDIAN_TIME_SPAN];
	recent_times[0] = header.time;
	recent_times[1..].copy_from_slice(&parent.recent_times[..MEDIAN_TIME_SPAN - 1]);
	StoredHeader {
		raw,
		height,
		chain_work,
		period_start_time,
		period_start_bits,
		last_regular_bits,
		recent_times,
		known_times: parent.known_times.saturating_add(1).min(MEDIAN_TIME_SPAN as u8),
	}
}
