//! The pallet's `taproot` module, compiled on its own (it needs only the `bitcoin` crate), so
//! that its BIP-327 `KeyAgg` can be checked against the `musig2` crate without `musig2`
//! entering the node's dependency graph.

extern crate alloc;

// `taproot.rs` takes `tagged_hash` from `tapchain_primitives`, whose `sp-core` would bring half
// the node into this small crate. This crate stands in for it, with BIP-340's definition on the
// `bitcoin` crate's SHA-256, so the hash is checked by a second implementation as well.
extern crate self as tapchain_primitives;

/// BIP-340 tagged hash: `SHA256(SHA256(tag) || SHA256(tag) || msg)`.
pub fn tagged_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
	use bitcoin::hashes::{sha256, Hash, HashEngine};
	let tag = sha256::Hash::hash(tag.as_bytes());
	let mut engine = sha256::Hash::engine();
	engine.input(tag.as_ref());
	engine.input(tag.as_ref());
	for part in parts {
		engine.input(part);
	}
	sha256::Hash::from_engine(engine).to_byte_array()
}

#[path = "../../../pallets/threshold-signer/src/taproot.rs"]
pub mod taproot;

#[cfg(test)]
mod tests {
	use super::taproot;
	use bitcoin::secp256k1::{Keypair, Parity, Secp256k1, SecretKey, XOnlyPublicKey};

	fn keys(seed: u64, n: usize) -> Vec<XOnlyPublicKey> {
		let secp = Secp256k1::new();
		(0..n as u64)
			.map(|i| {
				let d =
					taproot::tagged_hash("crosscheck", &[&seed.to_le_bytes(), &i.to_le_bytes()]);
				Keypair::from_secret_key(&secp, &SecretKey::from_slice(&d).unwrap())
					.x_only_public_key()
					.0
			})
			.collect()
	}

	fn musig2_key_agg(keys: &[XOnlyPublicKey]) -> [u8; 32] {
		let points: Vec<secp::Point> = keys
			.iter()
			.map(|k| secp::Point::from_slice(&k.public_key(Parity::Even).serialize()).unwrap())
			.collect();
		let q: secp::Point = musig2::KeyAggContext::new(points).unwrap().aggregated_pubkey();
		q.serialize()[1..].try_into().unwrap()
	}

	#[test]
	fn key_agg_matches_the_musig2_crate_for_1_to_32_keys() {
		let secp = Secp256k1::verification_only();
		let mut checked = 0;
		for n in 1..=32 {
			for seed in 0..4 {
				let keys = keys(seed * 100 + n as u64, n);
				let ours = taproot::key_agg(&secp, &keys).unwrap().serialize();
				assert_eq!(ours, musig2_key_agg(&keys), "n = {n}, seed = {seed}");
				checked += 1;
			}
		}
		assert_eq!(checked, 128);
	}

	#[test]
	fn key_agg_matches_musig2_with_repeated_and_reordered_keys() {
		let secp = Secp256k1::verification_only();
		let mut keys = keys(7, 5);
		keys.push(keys[0]);
		keys.swap(1, 3);
		assert_eq!(taproot::key_agg(&secp, &keys).unwrap().serialize(), musig2_key_agg(&keys));
		// All keys equal: every coefficient is the hash one.
		let same = vec![keys[2]; 4];
		assert_eq!(taproot::key_agg(&secp, &same).unwrap().serialize(), musig2_key_agg(&same));
	}

	#[test]
	fn the_vault_internal_key_is_the_musig2_aggregate_of_the_sorted_keys() {
		let secp = Secp256k1::verification_only();
		let keys = keys(42, 7);
		let vault = taproot::VaultScript::new(&secp, keys.clone(), None).unwrap();
		let mut sorted = keys;
		sorted.sort_by_key(|k| k.serialize());
		assert_eq!(vault.internal_key.serialize(), musig2_key_agg(&sorted));
	}
}
