//! Mines real regtest headers, for tests and benchmarks.
//!
//! Regtest's target is `0x207fffff` (about half of all hashes meet it), so a few nonces find a
//! valid header. Nothing here is a stub: every header has real proof of work.

use crate::types::RawHeader;
use bitcoin::{
	block::Header, block::Version, hashes::Hash, BlockHash, CompactTarget, TxMerkleNode,
};

/// Regtest's `bits`.
pub const REGTEST_BITS: u32 = 0x207f_ffff;

/// Regtest's genesis header (`genesis_headers.json`; `chainparams.cpp`).
pub fn regtest_genesis() -> Header {
	Header {
		version: Version::ONE,
		prev_blockhash: BlockHash::all_zeros(),
		merkle_root: TxMerkleNode::from_byte_array(hex32(
			"3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a",
		)),
		time: 1_296_688_602,
		bits: CompactTarget::from_consensus(REGTEST_BITS),
		nonce: 2,
	}
}

/// 32 bytes from display-order hex (as RPC prints), turned into internal order.
pub fn hex32(display: &str) -> [u8; 32] {
	let mut out: [u8; 32] = sp_core::bytes::from_hex(display)
		.ok()
		.and_then(|v| v.try_into().ok())
		.expect("64 hex digits");
	out.reverse();
	out
}

/// Serializes a header to its 80 wire bytes.
pub fn encode_header(header: &Header) -> RawHeader {
	let bytes = bitcoin::consensus::serialize(header);
	let mut raw = [0u8; 80];
	// A header always serializes to 80 bytes.
	if bytes.len() == 80 {
		raw.copy_from_slice(&bytes);
	}
	raw
}

/// `bits` 128 times harder than regtest's minimum (still quick to mine): a regtest chain
/// started from a checkpoint with these bits lets the 20-minute rule's minimum-difficulty blocks
/// carry less work than regular ones, as on testnet.
pub const HARD_BITS: u32 = 0x2000_ffff;

/// A mined regtest checkpoint header with [`HARD_BITS`] and timestamp `time`.
pub fn hard_checkpoint(time: u32) -> Header {
	mine(Header {
		version: Version::from_consensus(0x2000_0000),
		prev_blockhash: BlockHash::from_byte_array([9u8; 32]),
		merkle_root: TxMerkleNode::from_byte_array([1u8; 32]),
		time,
		bits: CompactTarget::from_consensus(HARD_BITS),
		nonce: 0,
	})
}

/// Grinds the nonce until `header` meets its own target.
pub fn mine(mut header: Header) -> Header {
	let target = header.target();
	while !target.is_met_by(header.block_hash()) {
		header.nonce = header.nonce.wrapping_add(1);
	}
	header
}

/// A mined child of `parent` with timestamp `time`, regtest bits, and a merkle root that
/// depends on `salt` (so siblings differ).
pub fn child(parent: &Header, time: u32, salt: u32) -> Header {
	child_with_bits(parent, time, REGTEST_BITS, salt)
}

/// [`child`] with explicit `bits` (a harder target, or a deliberately wrong one).
pub fn child_with_bits(parent: &Header, time: u32, bits: u32, salt: u32) -> Header {
	let mut root = [0u8; 32];
	root[..4].copy_from_slice(&salt.to_le_bytes());
	root[4..8].copy_from_slice(&time.to_le_bytes());
	mine(Header {
		version: Version::from_consensus(0x2000_0000),
		prev_blockhash: parent.block_hash(),
		merkle_root: TxMerkleNode::from_byte_array(root),
		time,
		bits: CompactTarget::from_consensus(bits),
		nonce: 0,
	})
}

/// `n` mined headers on top of `parent`, 10 minutes apart, as raw bytes.
pub fn chain(parent: &Header, n: u32, salt: u32) -> (Vec<RawHeader>, Header) {
	let mut out = Vec::with_capacity(n as usize);
	let mut tip = *parent;
	for i in 0..n {
		tip = child(&tip, tip.time.saturating_add(600), salt.wrapping_add(i));
		out.push(encode_header(&tip));
	}
	(out, tip)
}

use alloc::vec::Vec;
