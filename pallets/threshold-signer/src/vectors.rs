//! The Bitcoin code of the pallet against the published vectors (BIP-327 `KeyAgg`, BIP-340,
//! BIP-341, BIP-387, BIP-380), real mainnet Taproot spends, and `miniscript` (descriptors).
//! The cross-check of `KeyAgg` against the `musig2` crate is in `tools/musig2-crosscheck`
//! (its own workspace, so that `musig2` does not change the node's dependency features).

use crate::taproot::{self, KeyAggError, RecoveryPath, VaultScript};
use bitcoin::{
	consensus::deserialize,
	hashes::Hash,
	secp256k1::{PublicKey, Scalar, Secp256k1, XOnlyPublicKey},
	taproot::{LeafVersion, TapLeafHash, TaprootBuilder},
	Amount, ScriptBuf, Transaction, TxOut,
};
use serde_json::Value;
use std::str::FromStr;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/btc");

fn json(path: &str) -> Value {
	let text = std::fs::read_to_string(format!("{ROOT}/{path}")).expect("test data is present");
	serde_json::from_str(&text).expect("test data is JSON")
}

fn hex(s: &str) -> Vec<u8> {
	sp_core::bytes::from_hex(s).expect("test data is hex")
}

fn hex32(s: &str) -> [u8; 32] {
	hex(s).try_into().expect("32 bytes")
}

fn xonly(s: &str) -> XOnlyPublicKey {
	XOnlyPublicKey::from_slice(&hex(s)).expect("a valid x-only key")
}

fn s(v: &Value) -> &str {
	v.as_str().expect("a string")
}

/// BIP-327 `ApplyTweak` on a `KeyAgg` result (tests only; the vault applies BIP-341's tweak
/// through the Taproot builder). Returns the tweaked key, or the vector's error message.
fn apply_tweak(q: PublicKey, tweak: [u8; 32], xonly: bool) -> Result<PublicKey, &'static str> {
	let secp = Secp256k1::verification_only();
	let t = Scalar::from_be_bytes(tweak).map_err(|_| "The tweak must be less than n.")?;
	let q = if xonly && q.x_only_public_key().1 == bitcoin::secp256k1::Parity::Odd {
		q.negate(&secp)
	} else {
		q
	};
	q.add_exp_tweak(&secp, &t)
		.map_err(|_| "The result of tweaking cannot be infinity.")
}

#[test]
fn key_agg_matches_bip327_vectors() {
	let v = json("vectors/bip327/key_agg_vectors.json");
	let secp = Secp256k1::verification_only();
	let keys: Vec<Vec<u8>> = v["pubkeys"].as_array().unwrap().iter().map(|k| hex(s(k))).collect();
	let pick = |case: &Value| -> Vec<[u8; 33]> {
		case["key_indices"]
			.as_array()
			.unwrap()
			.iter()
			.map(|i| keys[i.as_u64().unwrap() as usize].clone().try_into().unwrap())
			.collect()
	};
	let valid = v["valid_test_cases"].as_array().unwrap();
	assert_eq!(valid.len(), 4);
	for case in valid {
		let q = taproot::key_agg_compressed(&secp, &pick(case)).expect("a valid case");
		assert_eq!(q.x_only_public_key().0.serialize(), hex32(s(&case["expected"])), "{case}");
	}
	let errors = v["error_test_cases"].as_array().unwrap();
	assert_eq!(errors.len(), 5);
	let tweaks: Vec<[u8; 32]> =
		v["tweaks"].as_array().unwrap().iter().map(|t| hex32(s(t))).collect();
	for case in errors {
		let result = taproot::key_agg_compressed(&secp, &pick(case));
		let error = &case["error"];
		if error["type"] == "invalid_contribution" {
			let signer = error["signer"].as_u64().unwrap() as usize;
			assert_eq!(result.unwrap_err(), KeyAggError::InvalidKey(signer), "{case}");
			continue;
		}
		let mut q = result.expect("the keys are valid; the tweak fails");
		let mut failure = None;
		for (t, x) in case["tweak_indices"]
			.as_array()
			.unwrap()
			.iter()
			.zip(case["is_xonly"].as_array().unwrap())
		{
			match apply_tweak(q, tweaks[t.as_u64().unwrap() as usize], x.as_bool().unwrap()) {
				Ok(next) => q = next,
				Err(e) => {
					failure = Some(e);
					break;
				},
			}
		}
		assert_eq!(failure, Some(s(&error["message"])), "{case}");
	}
	assert_eq!(taproot::key_agg_compressed(&secp, &[]), Err(KeyAggError::Empty));
}

/// Deterministic x-only keys for the cross-checks.
fn test_keys(seed: u64, n: usize) -> Vec<XOnlyPublicKey> {
	(0..n as u64)
		.map(|i| crate::mock::keypair(seed * 1000 + i).x_only_public_key().0)
		.collect()
}

#[test]
fn multi_a_leaves_match_bip387() {
	let secp = Secp256k1::verification_only();
	let v = json("vectors/bip387/multi_a_2of2.json");
	let (k1, k2) = (xonly(s(&v["key1_xonly"])), xonly(s(&v["key2_xonly"])));
	let internal = xonly(s(&v["internal_key"]));
	for case in v["cases"].as_array().unwrap() {
		let keys = if s(&case["descriptor_fragment"]).starts_with("sorted") {
			let mut keys = vec![k1, k2];
			keys.sort_by_key(|k| k.serialize());
			keys
		} else {
			vec![k1, k2]
		};
		let leaf = taproot::multi_a(2, &keys).into_script();
		assert_eq!(leaf.as_bytes(), &hex(s(&case["leaf_script_hex"]))[..]);
		let hash = TapLeafHash::from_script(&leaf, LeafVersion::TapScript);
		assert_eq!(hash.to_byte_array(), hex32(s(&case["tapleaf_hash"])));
		let info = TaprootBuilder::new()
			.add_leaf(0, leaf.clone())
			.unwrap()
			.finalize(&secp, internal)
			.unwrap();
		let cb = info.control_block(&(leaf, LeafVersion::TapScript)).unwrap().serialize();
		assert_eq!(cb, hex(s(&case["control_block_hex"])));
		let spk = ScriptBuf::new_p2tr_tweaked(info.output_key());
		assert_eq!(spk.as_bytes(), &hex(s(&case["expected_script_pubkey"]))[..]);
	}
	let v = json("vectors/bip387/multi_a_rawkey.json");
	let leaf = taproot::multi_a(
		1,
		&[xonly("669b8afcec803a0d323e9a17f3ea8e68e8abe5a278020a929adbec52421adbd0")],
	)
	.into_script();
	assert_eq!(leaf.as_bytes(), &hex(s(&v["leaf_script_hex"]))[..]);
	let info = TaprootBuilder::new()
		.add_leaf(0, leaf)
		.unwrap()
		.finalize(&secp, xonly(s(&v["internal_key"])))
		.unwrap();
	assert_eq!(
		ScriptBuf::new_p2tr_tweaked(info.output_key()).as_bytes(),
		&hex(s(&v["expected_script_pubkey"]))[..]
	);
	assert_eq!(info.output_key_parity() as u8, v["output_key_parity"].as_u64().unwrap() as u8);
}

#[test]
fn multi_a_thresholds_are_minimal_pushes() {
	// k up to 16 is OP_k; 17 and above a one-byte push (BIP-387 leaves for large sets).
	let keys = test_keys(3, 32);
	let leaf = taproot::multi_a(taproot::threshold(32), &keys).into_script();
	let tail = &leaf.as_bytes()[leaf.len() - 3..];
	assert_eq!(tail, &[0x01, 22, 0x9c], "22 of 32, OP_PUSHBYTES_1 22 OP_NUMEQUAL");
	assert_eq!(leaf.len(), 32 * 34 + 3);
	let leaf = taproot::multi_a(3, &keys[..4]).into_script();
	assert_eq!(&leaf.as_bytes()[leaf.len() - 2..], &[0x53, 0x9c]);
}

#[test]
fn thresholds_are_two_thirds_rounded_up() {
	for (n, k) in [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (15, 10), (32, 22)] {
		assert_eq!(taproot::threshold(n), k, "n = {n}");
	}
	for n in 1..=999u32 {
		let k = taproot::threshold(n);
		assert!(3 * k >= 2 * n && 3 * (k - 1) < 2 * n, "n = {n}");
	}
}

/// The tree of a BIP-341 `scriptTree` as (depth, leaf) pairs, depth-first.
fn leaves(tree: &Value, depth: u8, out: &mut Vec<(u8, ScriptBuf, LeafVersion)>) {
	match tree {
		Value::Array(branches) => branches.iter().for_each(|b| leaves(b, depth + 1, out)),
		Value::Object(_) => out.push((
			depth,
			ScriptBuf::from_bytes(hex(s(&tree["script"]))),
			LeafVersion::from_consensus(tree["leafVersion"].as_u64().unwrap() as u8).unwrap(),
		)),
		_ => {},
	}
}

#[test]
fn taproot_trees_match_bip341_vectors() {
	let secp = Secp256k1::verification_only();
	let v = json("vectors/bip341/wallet-test-vectors.json");
	let mut checked = 0;
	for case in v["scriptPubKey"].as_array().unwrap() {
		let internal = xonly(s(&case["given"]["internalPubkey"]));
		let tree = &case["given"]["scriptTree"];
		let mut list = Vec::new();
		if !tree.is_null() {
			leaves(tree, if tree.is_array() { 0 } else { 0 }, &mut list);
		}
		if list.is_empty() {
			continue;
		}
		let mut builder = TaprootBuilder::new();
		for (depth, script, ver) in &list {
			builder = builder.add_leaf_with_ver(*depth, script.clone(), *ver).unwrap();
		}
		let info = builder.finalize(&secp, internal).unwrap();
		let expected = &case["expected"];
		assert_eq!(
			ScriptBuf::new_p2tr_tweaked(info.output_key()).as_bytes(),
			&hex(s(&expected["scriptPubKey"]))[..]
		);
		for ((_, script, ver), cb) in
			list.iter().zip(expected["scriptPathControlBlocks"].as_array().unwrap())
		{
			assert_eq!(
				info.control_block(&(script.clone(), *ver)).unwrap().serialize(),
				hex(s(cb))
			);
		}
		let address = bitcoin::Address::p2tr_tweaked(info.output_key(), bitcoin::Network::Bitcoin);
		assert_eq!(address.to_string(), s(&expected["bip350Address"]));
		checked += 1;
	}
	assert_eq!(checked, 6, "the six vectors with a script tree");
}

#[test]
fn schnorr_verification_matches_bip340_vectors() {
	let secp = Secp256k1::verification_only();
	let text = std::fs::read_to_string(format!("{ROOT}/vectors/bip340/test-vectors.csv")).unwrap();
	let mut checked = 0;
	for line in text.lines().skip(1) {
		let f: Vec<&str> = line.split(',').collect();
		let msg = hex(f[4]);
		// The on-chain check signs 32-byte digests; BIP-340's other lengths are not used.
		let Ok(msg) = <[u8; 32]>::try_from(msg) else { continue };
		let key: [u8; 32] = hex(f[2]).try_into().unwrap();
		let sig: [u8; 64] = hex(f[5]).try_into().unwrap();
		assert_eq!(
			taproot::verify_schnorr(&secp, &key, &msg, &sig),
			f[6] == "TRUE",
			"vector {}",
			f[0]
		);
		checked += 1;
	}
	assert_eq!(checked, 15, "vectors 0..14 have 32-byte messages");
}

#[test]
fn script_path_sighashes_match_real_mainnet_spends() {
	let secp = Secp256k1::verification_only();
	let v = json("mainnet/taproot_spends.json");
	let mut checked = 0;
	for (name, spend) in v.as_object().unwrap() {
		if name.starts_with('_') || spend["spend_type"] != "script_path" {
			continue;
		}
		let tx: Transaction = deserialize(&hex(s(&spend["raw_tx_hex"]))).unwrap();
		let prevouts: Vec<TxOut> = spend["spent_outputs"]
			.as_array()
			.unwrap()
			.iter()
			.map(|o| TxOut {
				value: Amount::from_sat(o["value_sat"].as_u64().unwrap()),
				script_pubkey: ScriptBuf::from_bytes(hex(s(&o["script_pubkey_hex"]))),
			})
			.collect();
		let index = spend["input_index"].as_u64().unwrap() as usize;
		let leaf = TapLeafHash::from_script(
			&ScriptBuf::from_bytes(hex(s(&spend["tapscript_hex"]))),
			LeafVersion::TapScript,
		);
		assert_eq!(leaf.to_byte_array(), hex32(s(&spend["tapleaf_hash"])), "{name}");
		let leaves = vec![leaf; prevouts.len()];
		let ours = taproot::script_path_sighashes(&tx, &prevouts, &leaves).unwrap();
		let keys = spend["checksig_keys"].as_array().unwrap();
		let sigs = spend["signatures_hex_in_key_order"].as_array().unwrap();
		for ((key, sig), sighash) in
			keys.iter().zip(sigs).zip(spend["sighashes_in_key_order"].as_array().unwrap())
		{
			let sig = hex(s(sig));
			// SIGHASH_DEFAULT signatures are 64 bytes; the others carry a hash-type byte.
			let Ok(sig) = <[u8; 64]>::try_from(sig) else { continue };
			assert_eq!(ours[index], hex32(s(sighash)), "{name}");
			assert!(taproot::verify_schnorr(&secp, &hex32(s(key)), &ours[index], &sig), "{name}");
			checked += 1;
		}
	}
	assert!(checked >= 5, "at least the CHECKSIG, CHECKSIGADD and envelope spends: {checked}");
}

#[test]
fn descriptor_checksums_match_bip380_and_miniscript() {
	assert_eq!(taproot::with_checksum("raw(deadbeef)"), "raw(deadbeef)#89f8spxm");
	assert_eq!(taproot::descriptor_checksum("raw(deadbeef)é"), None);
	let secp = Secp256k1::verification_only();
	for n in [1, 2, 4, 7, 32] {
		let vault = VaultScript::new(&secp, test_keys(n as u64, n), None).unwrap();
		let desc = vault.descriptor();
		let (body, sum) = desc.split_once('#').unwrap();
		assert_eq!(miniscript::descriptor::checksum::desc_checksum(body).unwrap(), sum);
	}
}

#[test]
fn vault_descriptors_parse_in_miniscript_to_the_same_output() {
	let secp = Secp256k1::verification_only();
	for (n, recovery) in [(1, None), (4, Some(2)), (7, Some(3)), (32, Some(1))] {
		let keys = test_keys(10 + n as u64, n);
		let recovery = recovery.map(|kr| RecoveryPath {
			keys: test_keys(99, 3),
			threshold: kr,
			delay: 12_960,
		});
		let vault = VaultScript::new(&secp, keys, recovery).unwrap();
		let desc = vault.descriptor();
		let parsed = miniscript::Descriptor::<miniscript::DescriptorPublicKey>::from_str(&desc)
			.unwrap_or_else(|e| panic!("{desc}: {e}"));
		let definite = parsed.at_derivation_index(0).unwrap();
		assert_eq!(definite.script_pubkey().as_bytes(), &vault.script_pubkey()[..], "{desc}");
		let address = definite.address(bitcoin::Network::Regtest).unwrap();
		assert_eq!(address.script_pubkey().as_bytes(), &vault.script_pubkey()[..]);
		// Miniscript's own compilation of the leaves equals ours.
		if let miniscript::Descriptor::Tr(tr) = &definite {
			let ours: Vec<Vec<u8>> = std::iter::once(vault.multi_a.to_bytes())
				.chain(vault.recovery.iter().map(|(_, l)| l.to_bytes()))
				.collect();
			let theirs: Vec<Vec<u8>> =
				tr.iter_scripts().map(|(_, ms)| ms.encode().to_bytes()).collect();
			assert_eq!(ours, theirs, "{desc}");
		} else {
			panic!("not a tr() descriptor");
		}
	}
}
