//! The proof of possession `ThresholdSigner.register_key` takes: a BIP-340 signature, by the key
//! being registered, over a message that names the chain and the account.
//!
//! The message is the pallet's `taproot::possession_message(genesis hash, SCALE(account), key)`:
//! the BIP-340 tagged hash, tag `Tapchain/KeyPossession`, of the three concatenated. It is
//! written here again on the `bitcoin` crate's SHA-256 rather than imported, so the daemon does
//! not pull the pallet (and FRAME) into its build; the test below pins it to a value computed
//! outside Rust.

use bitcoin::{
	hashes::{sha256, Hash, HashEngine},
	secp256k1::{Keypair, Message, Secp256k1},
};

/// The tag of the proof-of-possession message.
pub const POSSESSION_TAG: &str = "Tapchain/KeyPossession";

/// BIP-340 tagged hash: `SHA256(SHA256(tag) || SHA256(tag) || parts...)`.
pub fn tagged_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
	let tag_hash = sha256::Hash::hash(tag.as_bytes());
	let mut engine = sha256::Hash::engine();
	engine.input(tag_hash.as_ref());
	engine.input(tag_hash.as_ref());
	for part in parts {
		engine.input(part);
	}
	sha256::Hash::from_engine(engine).to_byte_array()
}

/// The message the key's owner signs: the tagged hash of the genesis hash, the account (an
/// `AccountId32`, whose SCALE encoding is its 32 bytes) and the x-only key.
pub fn possession_message(genesis: &[u8; 32], account: &[u8; 32], key: &[u8; 32]) -> [u8; 32] {
	tagged_hash(POSSESSION_TAG, &[genesis, account, key])
}

/// The proof for registering `keypair`'s x-only key for `account` on the chain with `genesis`.
pub fn proof(keypair: &Keypair, genesis: &[u8; 32], account: &[u8; 32]) -> [u8; 64] {
	let key = keypair.x_only_public_key().0.serialize();
	let msg = possession_message(genesis, account, &key);
	Secp256k1::signing_only()
		.sign_schnorr_no_aux_rand(&Message::from_digest(msg), keypair)
		.serialize()
}

#[cfg(test)]
mod tests {
	use super::*;
	use bitcoin::{
		hex::FromHex,
		script::Builder,
		secp256k1::{schnorr::Signature, SecretKey},
		taproot::{LeafVersion, TapLeafHash},
	};

	#[test]
	fn the_message_is_the_pallets_tagged_hash() {
		// python3: t = sha256(b"Tapchain/KeyPossession"); sha256(t + t + [1]*32 + [2]*32 + [3]*32)
		let expected = <[u8; 32]>::from_hex(
			"561f35c0d8d103cf5a680bd4167a3c7a942b90b8ed695df1583565fa14a8f371",
		)
		.unwrap();
		assert_eq!(possession_message(&[1; 32], &[2; 32], &[3; 32]), expected);
	}

	#[test]
	fn the_tagged_hash_is_bip340s() {
		// BIP-341's TapLeaf hash is a tagged hash: version, compact size, script.
		let script = Builder::new().push_int(1).into_script();
		let ours = tagged_hash("TapLeaf", &[&[0xc0], &[script.len() as u8], script.as_bytes()]);
		assert_eq!(ours, TapLeafHash::from_script(&script, LeafVersion::TapScript).to_byte_array());
	}

	#[test]
	fn the_proof_verifies_only_for_its_chain_account_and_key() {
		let secp = Secp256k1::new();
		let keypair = Keypair::from_secret_key(&secp, &SecretKey::from_slice(&[7; 32]).unwrap());
		let key = keypair.x_only_public_key().0;
		let sig = Signature::from_slice(&proof(&keypair, &[1; 32], &[2; 32])).unwrap();
		let verifies = |genesis: &[u8; 32], account: &[u8; 32]| {
			let msg = possession_message(genesis, account, &key.serialize());
			secp.verify_schnorr(&sig, &Message::from_digest(msg), &key).is_ok()
		};
		assert!(verifies(&[1; 32], &[2; 32]));
		assert!(!verifies(&[9; 32], &[2; 32]), "another chain");
		assert!(!verifies(&[1; 32], &[3; 32]), "another account");
		let other = Keypair::from_secret_key(&secp, &SecretKey::from_slice(&[8; 32]).unwrap());
		let msg = possession_message(&[1; 32], &[2; 32], &key.serialize());
		assert!(secp
			.verify_schnorr(&sig, &Message::from_digest(msg), &other.x_only_public_key().0)
			.is_err());
	}
}
