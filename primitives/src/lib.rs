//! # Tapchain primitives
//!
//! `no_std` types shared by the runtime, the pallets and the off-chain clients (relayer, signer,
//! tests). Keeping them here means a client never has to depend on the runtime crate to agree on
//! what an account, a balance or a block number is.
//!
//! ## Units
//!
//! BTC is the native token. On chain it has **10 decimals**, so
//!
//! ```text
//!   1 BTC = 10^10 base units      1 sat = 100 base units      1 base unit = 10^8 wei
//! ```
//!
//! Ten rather than Bitcoin's eight decimals, because the EVM must see 18-decimal BTC and
//! `pallet-revive` expresses the native-to-EVM ratio as a `u32` (10^8 fits, 10^10 does not).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod bridge;
pub mod btc;
pub mod oracle;
pub mod signer;
pub mod vault;

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};

/// A block number. `u32` gives 800 years of 6-second blocks.
pub type BlockNumber = u32;

/// The signature scheme of extrinsics: sr25519, ed25519 or ECDSA.
pub type Signature = MultiSignature;

/// An account: the 32-byte public key (or its Blake2 hash for ECDSA) behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of native BTC in base units (10^-10 BTC).
pub type Balance = u128;

/// The per-account transaction counter.
pub type Nonce = u32;

/// A block or state hash.
pub type Hash = sp_core::H256;

/// Milliseconds since the Unix epoch, as `pallet-timestamp` keeps it.
pub type Moment = u64;

/// The block header: `Header<u32, BlakeTwo256>`, as `pallet-revive-eth-rpc` expects.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Number of decimals of the native token.
pub const BTC_DECIMALS: u8 = 10;

/// Ticker of the native token.
pub const BTC_SYMBOL: &str = "BTC";

/// One whole BTC in base units.
pub const BTC: Balance = 10_000_000_000;

/// One satoshi in base units.
pub const SAT: Balance = 100;

/// Converts satoshis to base units. Cannot overflow: `u64::MAX * 100 < u128::MAX`.
pub const fn sats_to_base_units(sats: u64) -> Balance {
	// A u64 times 100 always fits in a u128.
	(sats as Balance) * SAT
}

/// BIP-340's tagged hash, `SHA-256(SHA-256(tag) ‖ SHA-256(tag) ‖ parts…)`. Every message a
/// BTC key signs for Tapchain is one, tagged `Tapchain/…`, so that no signature made for one
/// purpose (a key's proof of possession, a deposit claim) verifies for another, nor as a
/// Bitcoin signature (whose BIP-341 tag differs).
pub fn tagged_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
	let tag = sp_crypto_hashing::sha2_256(tag.as_bytes());
	let mut data =
		alloc::vec::Vec::with_capacity(64 + parts.iter().map(|p| p.len()).sum::<usize>());
	data.extend_from_slice(&tag);
	data.extend_from_slice(&tag);
	for part in parts {
		data.extend_from_slice(part);
	}
	sp_crypto_hashing::sha2_256(&data)
}

/// The first 32 bytes of a block hash (all of a `H256`): the genesis hash that Tapchain's
/// signed messages carry, so that a signature for one chain never replays on another.
pub fn hash32(hash: &impl AsRef<[u8]>) -> [u8; 32] {
	let mut out = [0u8; 32];
	let bytes = hash.as_ref();
	let n = bytes.len().min(32);
	out[..n].copy_from_slice(&bytes[..n]);
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn tagged_hash_is_bip340s() {
		// BIP-340's own tag of its challenge, over nothing: SHA-256 of the tag hash twice.
		let tag = sp_crypto_hashing::sha2_256(b"BIP0340/challenge");
		let expected = sp_crypto_hashing::sha2_256(&[tag, tag].concat());
		assert_eq!(tagged_hash("BIP0340/challenge", &[]), expected);
		// Parts are concatenated: split points do not matter.
		assert_eq!(tagged_hash("t", &[b"ab", b"c"]), tagged_hash("t", &[b"abc"]));
		assert_ne!(tagged_hash("t", &[b"abc"]), tagged_hash("u", &[b"abc"]));
	}

	#[test]
	fn units_are_consistent() {
		assert_eq!(BTC, 100_000_000 * SAT);
		assert_eq!(10u128.pow(BTC_DECIMALS as u32), BTC);
		assert_eq!(sats_to_base_units(1), 100);
		// The whole 21M BTC supply in base units fits comfortably in a u128.
		assert_eq!(sats_to_base_units(21_000_000 * 100_000_000), 21_000_000 * BTC);
		assert_eq!(sats_to_base_units(u64::MAX), u64::MAX as u128 * 100);
	}
}
