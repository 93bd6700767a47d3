//! Stored types of the light client.

use bitcoin::{block::Header, pow::Work, BlockHash, CompactTarget};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

pub use tapchain_primitives::btc::BtcNetwork;

/// A serialized 80-byte Bitcoin block header, exactly as on the wire.
pub type RawHeader = [u8; 80];

/// How many timestamps the median time past looks at (`nMedianTimeSpan` in Bitcoin Core's
/// `chain.h`).
pub const MEDIAN_TIME_SPAN: usize = 11;

/// Bitcoin blocks per retarget period.
pub const RETARGET_INTERVAL: u32 = 2016;

/// A header the light client knows, with what validating its children needs, so that no check
/// ever walks back through storage:
///
/// ```text
///   period start ──── ... ──── parent ── child
///   (time, bits)              │
///                             └─ last 11 times, last non-min-difficulty bits
/// ```
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct StoredHeader {
	/// The 80 header bytes.
	pub raw: RawHeader,
	/// Height in the Bitcoin chain.
	pub height: u32,
	/// Cumulative work from the checkpoint up to and including this header, big-endian. Only
	/// differences matter: every stored header descends from the same checkpoint.
	pub chain_work: [u8; 32],
	/// Timestamp of the first block of this header's retarget period (height a multiple of
	/// 2016). The retarget at the period's end measures from it.
	pub period_start_time: u32,
	/// `bits` of that first block (BIP94 retargets from it on testnet4).
	pub period_start_bits: u32,
	/// `bits` that the testnet min-difficulty rule falls back to: the last header at or before
	/// this one that is a period start or is not at the minimum difficulty (the walk-back loop
	/// in `GetNextWorkRequired`).
	pub last_regular_bits: u32,
	/// Timestamps of this header and its predecessors, newest first; only the first
	/// `known_times` entries are meaningful.
	pub recent_times: [u32; MEDIAN_TIME_SPAN],
	/// How many of `recent_times` are known (fewer than 11 only near a genesis checkpoint).
	pub known_times: u8,
}

impl StoredHeader {
	/// The decoded header. 80 bytes always decode.
	pub fn header(&self) -> Header {
		decode_header(&self.raw)
	}

	/// Cumulative work.
	pub fn work(&self) -> Work {
		Work::from_be_bytes(self.chain_work)
	}

	/// Median of the last (up to) 11 timestamps ending at this header: `GetMedianTimePast`.
	pub fn median_time_past(&self) -> u32 {
		let n = (self.known_times as usize).clamp(1, MEDIAN_TIME_SPAN);
		let mut times = [0u32; MEDIAN_TIME_SPAN];
		times[..n].copy_from_slice(&self.recent_times[..n]);
		let window = &mut times[..n];
		window.sort_unstable();
		window[n / 2]
	}
}

/// Decodes 80 header bytes. Cannot fail: every 80-byte string is a syntactically valid header.
pub fn decode_header(raw: &RawHeader) -> Header {
	let mut version = [0u8; 4];
	let mut time = [0u8; 4];
	let mut bits = [0u8; 4];
	let mut nonce = [0u8; 4];
	let mut prev = [0u8; 32];
	let mut root = [0u8; 32];
	version.copy_from_slice(&raw[0..4]);
	prev.copy_from_slice(&raw[4..36]);
	root.copy_from_slice(&raw[36..68]);
	time.copy_from_slice(&raw[68..72]);
	bits.copy_from_slice(&raw[72..76]);
	nonce.copy_from_slice(&raw[76..80]);
	use bitcoin::hashes::Hash;
	Header {
		version: bitcoin::block::Version::from_consensus(i32::from_le_bytes(version)),
		prev_blockhash: BlockHash::from_byte_array(prev),
		merkle_root: bitcoin::TxMerkleNode::from_byte_array(root),
		time: u32::from_le_bytes(time),
		bits: CompactTarget::from_consensus(u32::from_le_bytes(bits)),
		nonce: u32::from_le_bytes(nonce),
	}
}

/// A block hash as an `H256`, internal byte order.
pub fn block_hash_to_h256(hash: BlockHash) -> H256 {
	use bitcoin::hashes::Hash;
	H256(hash.to_byte_array())
}

/// One stored header in [`crate::HeightIndex`]: its hash and cumulative work, so that choosing a
/// header to evict reads nothing but the index.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct IndexEntry {
	/// Block hash, internal byte order.
	pub hash: H256,
	/// Cumulative work, as in [`StoredHeader::chain_work`].
	pub chain_work: [u8; 32],
}

impl IndexEntry {
	/// Cumulative work.
	pub fn work(&self) -> Work {
		Work::from_be_bytes(self.chain_work)
	}
}

/// Height and hash of a block on the best chain.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct BlockRef {
	/// Height.
	pub height: u32,
	/// Hash, internal byte order.
	pub hash: H256,
}
