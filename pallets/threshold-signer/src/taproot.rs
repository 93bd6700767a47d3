//! The Bitcoin side of the threshold signers, free of storage so that tests, benchmarks and the
//! signer daemon can run it directly:
//!
//! - BIP-327 `KeyAgg` (the vault's internal key) on the `bitcoin` crate's secp256k1;
//! - the proof of possession that registers a key (BIP-340 over a tagged hash);
//! - the two tapscript leaves, the Taproot tree and output key (BIP-341/342);
//! - the BIP-386 descriptor with its BIP-380 checksum;
//! - script-path sighashes and the assembly of a `multi_a` witness.

use alloc::{format, string::String, vec::Vec};
use bitcoin::{
	hashes::{sha256, Hash, HashEngine},
	opcodes::all::{OP_CHECKSIG, OP_CHECKSIGADD, OP_CSV, OP_NUMEQUAL, OP_VERIFY},
	script::Builder,
	secp256k1::{
		self, schnorr, Parity, PublicKey, Scalar, Secp256k1, Verification, XOnlyPublicKey,
	},
	sighash::{Annex, Prevouts, SighashCache},
	taproot::{LeafVersion, TapLeafHash, TaprootBuilder, TaprootSpendInfo},
	ScriptBuf, TapSighashType, Transaction, TxOut, Witness,
};

/// BIP-340 tagged hash: `SHA256(SHA256(tag) || SHA256(tag) || msg)`.
pub use tapchain_primitives::tagged_hash;

/// The tag of the proof-of-possession message.
pub const POSSESSION_TAG: &str = "Tapchain/KeyPossession";

/// The 32-byte message a key's owner signs to register it: the tagged hash of the chain's
/// genesis hash, the SCALE-encoded account and the x-only key. The genesis hash stops a proof
/// from being replayed on another chain; the account stops it from registering the key for
/// anyone but the signer's own account.
pub fn possession_message(genesis: &[u8; 32], account: &[u8], key: &[u8; 32]) -> [u8; 32] {
	tagged_hash(POSSESSION_TAG, &[genesis, account, key])
}

/// The secret key of the well-known dev signer `name` (e.g. `//Alice`): the SHA-256 of the
/// UTF-8 string `tapchain-dev-btc-key` followed by `name`. Public knowledge: for the `dev` and
/// `local` chains only, never for real coins.
pub fn dev_secret(name: &str) -> [u8; 32] {
	let mut engine = sha256::Hash::engine();
	engine.input(b"tapchain-dev-btc-key");
	engine.input(name.as_bytes());
	sha256::Hash::from_engine(engine).to_byte_array()
}

/// The x-only key of the dev signer `name` ([`dev_secret`]). `None` only if the hash were not a
/// valid secret key (it is, for every name the presets use: the runtime tests check them).
pub fn dev_key(name: &str) -> Option<XOnlyPublicKey> {
	let secp = Secp256k1::signing_only();
	let secret = secp256k1::SecretKey::from_slice(&dev_secret(name)).ok()?;
	Some(secp256k1::Keypair::from_secret_key(&secp, &secret).x_only_public_key().0)
}

/// Verifies a BIP-340 signature over a 32-byte message. `false` for a key that is not a curve
/// point or a signature that does not parse.
pub fn verify_schnorr<C: Verification>(
	secp: &Secp256k1<C>,
	key: &[u8; 32],
	msg: &[u8; 32],
	sig: &[u8; 64],
) -> bool {
	let (Ok(key), Ok(sig)) = (XOnlyPublicKey::from_slice(key), schnorr::Signature::from_slice(sig))
	else {
		return false;
	};
	secp.verify_schnorr(&sig, &secp256k1::Message::from_digest(*msg), &key).is_ok()
}

/// Why `KeyAgg` failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAggError {
	/// No keys.
	Empty,
	/// The key at this position is not a valid compressed point.
	InvalidKey(usize),
	/// The weighted sum is the point at infinity (negligible for honest keys).
	Infinity,
}

/// The group order n of secp256k1, big-endian.
const ORDER: [u8; 32] = [
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
	0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// `x mod n` for a 256-bit big-endian `x`. Since `n > 2^255`, one subtraction suffices.
fn reduce_mod_order(mut x: [u8; 32]) -> Scalar {
	if let Ok(s) = Scalar::from_be_bytes(x) {
		return s;
	}
	let mut borrow = 0i16;
	for i in (0..32).rev() {
		let d = x[i] as i16 - ORDER[i] as i16 - borrow;
		borrow = (d < 0) as i16;
		x[i] = (d + 256 * borrow) as u8;
	}
	// x - n < n, so this cannot fail; fall back to zero (rejected below) rather than panic.
	Scalar::from_be_bytes(x).unwrap_or(Scalar::ZERO)
}

/// BIP-327 `KeyAgg` of plain (33-byte) public keys, in the order given: `Q = Σ a_i·P_i` with
/// `a_i = H_agg(L, P_i)`, except `a_i = 1` for the second distinct key.
pub fn key_agg_compressed<C: Verification>(
	secp: &Secp256k1<C>,
	keys: &[[u8; 33]],
) -> Result<PublicKey, KeyAggError> {
	if keys.is_empty() {
		return Err(KeyAggError::Empty);
	}
	let points = keys
		.iter()
		.enumerate()
		.map(|(i, k)| PublicKey::from_slice(k).map_err(|_| KeyAggError::InvalidKey(i)))
		.collect::<Result<Vec<_>, _>>()?;
	let list: Vec<&[u8]> = keys.iter().map(|k| &k[..]).collect();
	let l = tagged_hash("KeyAgg list", &list);
	let second = keys.iter().find(|k| *k != &keys[0]);
	let mut weighted = Vec::with_capacity(points.len());
	for (key, point) in keys.iter().zip(points) {
		if Some(key) == second {
			weighted.push(point);
			continue;
		}
		let a = reduce_mod_order(tagged_hash("KeyAgg coefficient", &[&l, key]));
		weighted.push(point.mul_tweak(secp, &a).map_err(|_| KeyAggError::Infinity)?);
	}
	let refs: Vec<&PublicKey> = weighted.iter().collect();
	PublicKey::combine_keys(&refs).map_err(|_| KeyAggError::Infinity)
}

/// `KeyAgg` of x-only keys, each taken with an even y (as BIP-327 signers of a Taproot key do):
/// the x-only aggregate key.
pub fn key_agg<C: Verification>(
	secp: &Secp256k1<C>,
	keys: &[XOnlyPublicKey],
) -> Result<XOnlyPublicKey, KeyAggError> {
	let plain: Vec<[u8; 33]> =
		keys.iter().map(|k| k.public_key(Parity::Even).serialize()).collect();
	Ok(key_agg_compressed(secp, &plain)?.x_only_public_key().0)
}

/// `k = ⌈2n/3⌉`: the smallest number of signers that is at least two thirds of `n`.
pub const fn threshold(n: u32) -> u32 {
	n.saturating_mul(2).div_ceil(3)
}

/// `multi_a(k, keys)` as BIP-387 compiles it:
/// `<K1> OP_CHECKSIG <K2> OP_CHECKSIGADD … <Kn> OP_CHECKSIGADD <k> OP_NUMEQUAL`.
pub fn multi_a(k: u32, keys: &[XOnlyPublicKey]) -> Builder {
	multi_a_onto(Builder::new(), k, keys)
}

fn multi_a_onto(mut builder: Builder, k: u32, keys: &[XOnlyPublicKey]) -> Builder {
	for (i, key) in keys.iter().enumerate() {
		builder = builder.push_x_only_key(key).push_opcode(if i == 0 {
			OP_CHECKSIG
		} else {
			OP_CHECKSIGADD
		});
	}
	builder.push_int(k as i64).push_opcode(OP_NUMEQUAL)
}

/// `and_v(v:older(D), multi_a(k, keys))`:
/// `<D> OP_CHECKSEQUENCEVERIFY OP_VERIFY <K1> OP_CHECKSIG … <k> OP_NUMEQUAL`.
pub fn recovery_leaf(delay: u16, k: u32, keys: &[XOnlyPublicKey]) -> ScriptBuf {
	let builder = Builder::new().push_int(delay as i64).push_opcode(OP_CSV).push_opcode(OP_VERIFY);
	multi_a_onto(builder, k, keys).into_script()
}

/// The recovery path of a vault: `kr` of `keys` may spend after `delay` blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryPath {
	/// The recovery keys, in the order the script lists them.
	pub keys: Vec<XOnlyPublicKey>,
	/// How many of them must sign.
	pub threshold: u32,
	/// The relative lock (BIP-68 blocks) before they may.
	pub delay: u16,
}

/// Everything that defines a vault's output, derived from its signer keys and recovery path.
#[derive(Debug, Clone)]
pub struct VaultScript {
	/// The signer keys, sorted.
	pub keys: Vec<XOnlyPublicKey>,
	/// `k`.
	pub threshold: u32,
	/// The `KeyAgg` internal key.
	pub internal_key: XOnlyPublicKey,
	/// Leaf 1.
	pub multi_a: ScriptBuf,
	/// Leaf 2, if a recovery path is configured.
	pub recovery: Option<(RecoveryPath, ScriptBuf)>,
	/// The Taproot tree and output key.
	pub spend_info: TaprootSpendInfo,
}

/// The P2TR scriptPubKey of an output key: `OP_1 OP_PUSHBYTES_32 <key>`.
pub fn p2tr_script_pubkey(output_key: &[u8; 32]) -> [u8; 34] {
	let mut spk = [0u8; 34];
	spk[0] = 0x51;
	spk[1] = 0x20;
	spk[2..].copy_from_slice(output_key);
	spk
}

/// Why a vault cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultError {
	/// `KeyAgg` failed.
	KeyAgg(KeyAggError),
	/// The recovery threshold is 0 or above the number of recovery keys.
	BadRecoveryThreshold,
	/// The Taproot tree could not be built (cannot happen for one or two leaves).
	Tree,
}

impl VaultScript {
	/// Builds the vault for `keys` (sorted here) with threshold `⌈2n/3⌉`.
	pub fn new<C: Verification>(
		secp: &Secp256k1<C>,
		mut keys: Vec<XOnlyPublicKey>,
		recovery: Option<RecoveryPath>,
	) -> Result<Self, VaultError> {
		keys.sort_by_key(|k| k.serialize());
		let k = threshold(keys.len() as u32);
		let internal_key = key_agg(secp, &keys).map_err(VaultError::KeyAgg)?;
		let multi_a = multi_a(k, &keys).into_script();
		let (builder, recovery) = match recovery {
			None => (TaprootBuilder::new().add_leaf(0, multi_a.clone()), None),
			Some(path) => {
				if path.threshold == 0 || path.threshold as usize > path.keys.len() {
					return Err(VaultError::BadRecoveryThreshold);
				}
				let leaf = recovery_leaf(path.delay, path.threshold, &path.keys);
				let builder = TaprootBuilder::new()
					.add_leaf(1, multi_a.clone())
					.and_then(|b| b.add_leaf(1, leaf.clone()));
				(builder, Some((path, leaf)))
			},
		};
		let spend_info = builder
			.map_err(|_| VaultError::Tree)?
			.finalize(secp, internal_key)
			.map_err(|_| VaultError::Tree)?;
		Ok(Self { keys, threshold: k, internal_key, multi_a, recovery, spend_info })
	}

	/// The output key (BIP-341 tweaked).
	pub fn output_key(&self) -> XOnlyPublicKey {
		self.spend_info.output_key().to_x_only_public_key()
	}

	/// The P2TR scriptPubKey, `OP_1 <output key>`.
	pub fn script_pubkey(&self) -> [u8; 34] {
		p2tr_script_pubkey(&self.output_key().serialize())
	}

	/// The control block that reveals the `multi_a` leaf.
	pub fn multi_a_control_block(&self) -> Vec<u8> {
		self.control_block(&self.multi_a)
	}

	/// The control block of any leaf of this tree (empty if it is not a leaf).
	pub fn control_block(&self, leaf: &ScriptBuf) -> Vec<u8> {
		self.spend_info
			.control_block(&(leaf.clone(), LeafVersion::TapScript))
			.map(|cb| cb.serialize())
			.unwrap_or_default()
	}

	/// The BIP-386 descriptor with its BIP-380 checksum:
	/// `tr(<internal>,{multi_a(k,…),and_v(v:older(D),multi_a(kr,…))})#checksum`.
	pub fn descriptor(&self) -> String {
		let hex_keys = |keys: &[XOnlyPublicKey]| {
			keys.iter().map(|k| format!(",{}", k)).collect::<Vec<_>>().concat()
		};
		let multi = format!("multi_a({}{})", self.threshold, hex_keys(&self.keys));
		let body = match &self.recovery {
			None => format!("tr({},{})", self.internal_key, multi),
			Some((path, _)) => format!(
				"tr({},{{{},and_v(v:older({}),multi_a({}{}))}})",
				self.internal_key,
				multi,
				path.delay,
				path.threshold,
				hex_keys(&path.keys)
			),
		};
		with_checksum(&body)
	}
}

/// `desc#checksum` (BIP-380).
pub fn with_checksum(desc: &str) -> String {
	match descriptor_checksum(desc) {
		Some(sum) => format!("{desc}#{sum}"),
		None => String::from(desc),
	}
}

/// The BIP-380 descriptor checksum, `None` if `desc` has a character outside its charset.
pub fn descriptor_checksum(desc: &str) -> Option<String> {
	const INPUT: &str = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
	const CHECKSUM: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
	fn polymod(chk: u64, value: u64) -> u64 {
		const GENERATOR: [u64; 5] =
			[0xf5dee51989, 0xa9fdca3312, 0x1bab10e32d, 0x3706b1677a, 0x644d626ffd];
		let top = chk >> 35;
		let mut chk = ((chk & 0x7ffffffff) << 5) ^ value;
		for (i, g) in GENERATOR.iter().enumerate() {
			if (top >> i) & 1 == 1 {
				chk ^= g;
			}
		}
		chk
	}
	let mut chk = 1u64;
	let mut class = 0u64;
	let mut count = 0;
	for c in desc.chars() {
		let pos = INPUT.find(c)? as u64;
		chk = polymod(chk, pos & 31);
		class = class * 3 + (pos >> 5);
		count += 1;
		if count == 3 {
			chk = polymod(chk, class);
			class = 0;
			count = 0;
		}
	}
	if count > 0 {
		chk = polymod(chk, class);
	}
	for _ in 0..8 {
		chk = polymod(chk, 0);
	}
	chk ^= 1;
	Some(
		(0..8)
			.map(|i| CHECKSUM[((chk >> (5 * (7 - i))) & 31) as usize] as char)
			.collect(),
	)
}

/// The BIP-341 script-path sighash (SIGHASH_DEFAULT) of each input of `tx` for `leaf`, given
/// every input's prevout. `None` if the counts disagree.
pub fn script_path_sighashes(
	tx: &Transaction,
	prevouts: &[TxOut],
	leaves: &[TapLeafHash],
) -> Option<Vec<[u8; 32]>> {
	if tx.input.len() != prevouts.len() || leaves.len() != prevouts.len() {
		return None;
	}
	let mut cache = SighashCache::new(tx);
	let all = Prevouts::All(prevouts);
	leaves
		.iter()
		.enumerate()
		.map(|(i, leaf)| {
			cache
				.taproot_script_spend_signature_hash(i, &all, *leaf, TapSighashType::Default)
				.ok()
				.map(|h| h.to_byte_array())
		})
		.collect()
}

/// The script-path witness of a `multi_a` leaf: one element per key, last key first (the
/// script consumes the first key's signature first), empty for a key that did not sign, then
/// the leaf and its control block.
pub fn multi_a_witness(signatures: &[Option<[u8; 64]>], leaf: &[u8], control: &[u8]) -> Witness {
	let mut witness = Witness::new();
	for sig in signatures.iter().rev() {
		match sig {
			Some(sig) => witness.push(sig),
			None => witness.push([0u8; 0]),
		}
	}
	witness.push(leaf);
	witness.push(control);
	witness
}

/// Bytes of a `multi_a` script-path witness of `n` keys with `k` signatures (64-byte,
/// SIGHASH_DEFAULT), a leaf of `leaf_len` bytes and a control block of `control_len` bytes.
pub fn multi_a_witness_size(n: usize, k: usize, leaf_len: usize, control_len: usize) -> usize {
	let varint = |x: usize| bitcoin::VarInt(x as u64).size();
	varint(n + 2)
		+ k * (1 + 64)
		+ n.saturating_sub(k)
		+ varint(leaf_len)
		+ leaf_len
		+ varint(control_len)
		+ control_len
}

/// Which of `keys` (in the leaf's order) validly signed input `index` of `tx`, which spends
/// an output of key `output_key` whose `multi_a` leaf is `leaf`: by the key path, all of them
/// (it needs every signer's share); by that leaf, each key whose witness element verifies
/// against the BIP-341 sighash (any sighash type, annex included). All `false` for any other
/// spend.
pub fn signed_keys<C: Verification>(
	secp: &Secp256k1<C>,
	tx: &Transaction,
	index: usize,
	prevouts: &[TxOut],
	output_key: &[u8; 32],
	leaf: &[u8],
	keys: &[[u8; 32]],
) -> Vec<bool> {
	let none = alloc::vec![false; keys.len()];
	let (Some(txin), true) = (tx.input.get(index), prevouts.len() == tx.input.len()) else {
		return none;
	};
	let mut items: Vec<&[u8]> = txin.witness.iter().collect();
	// BIP-341: with at least two elements, a last one starting 0x50 is the annex.
	let annex = match items.last() {
		Some(last) if items.len() >= 2 && last.first() == Some(&0x50) => {
			let annex = Annex::new(last).ok();
			items.pop();
			annex
		},
		_ => None,
	};
	let mut cache = SighashCache::new(tx);
	let all = Prevouts::All(prevouts);
	let sighash = |cache: &mut SighashCache<&Transaction>,
	               sig: &[u8],
	               leaf: Option<TapLeafHash>| {
		let (sig, ty) = match sig.len() {
			64 => (sig, TapSighashType::Default),
			65 => match TapSighashType::from_consensus_u8(sig[64]) {
				Ok(ty) if ty != TapSighashType::Default => (&sig[..64], ty),
				_ => return None,
			},
			_ => return None,
		};
		let hash = cache
			.taproot_signature_hash(index, &all, annex.clone(), leaf.map(|l| (l, 0xFFFF_FFFF)), ty)
			.ok()?;
		let sig: [u8; 64] = sig.try_into().ok()?;
		Some((hash.to_byte_array(), sig))
	};
	match items.as_slice() {
		[sig] => match sighash(&mut cache, sig, None) {
			Some((hash, sig)) if verify_schnorr(secp, output_key, &hash, &sig) => {
				alloc::vec![true; keys.len()]
			},
			_ => none,
		},
		[sigs @ .., script, _control] if *script == leaf && sigs.len() == keys.len() => {
			let leaf_hash = TapLeafHash::from_script(
				bitcoin::Script::from_bytes(script),
				LeafVersion::TapScript,
			);
			// The last element is the first key's.
			keys.iter()
				.zip(sigs.iter().rev())
				.map(|(key, sig)| match sighash(&mut cache, sig, Some(leaf_hash)) {
					Some((hash, sig)) => verify_schnorr(secp, key, &hash, &sig),
					None => false,
				})
				.collect()
		},
		_ => none,
	}
}
