//! What the daemon does with one open round, decided without the network: which inputs this
//! key still has to sign, whether the round passes [`check_round`], and whether the sighash the
//! chain shows for each of them is the one the daemon computes itself.
//!
//! The runtime computes each input's sighash when it opens the round, and verifies every
//! signature against it. A signer that signed the chain's sighash blindly would sign whatever a
//! runtime bug put there (another transaction, other prevouts). So the daemon computes the
//! BIP-341 script-path sighash (SIGHASH_DEFAULT, the vault's `multi_a` leaf, every prevout of
//! the round) from the transaction it checked, and refuses the round if the two differ. What it
//! signs is then its own sighash, of the transaction [`check_round`] accepted.

use bitcoin::{
	consensus::deserialize,
	hashes::Hash,
	hex::DisplayHex,
	secp256k1::{Keypair, Message, Secp256k1},
	sighash::{Prevouts, SighashCache},
	taproot::{LeafVersion, TapLeafHash},
	Amount, Script, ScriptBuf, TapSighashType, Transaction, TxOut,
};
use std::collections::BTreeMap;
use tapchain_client_common::{AccountId32, SigningRound};
use tapchain_primitives::signer::{VaultDetails, VaultId, VaultInput};
use tapchain_signer::{check_round, BridgeRefusal, Checked, LimitExceeded, Refusal};

/// What the daemon knows of a vault (from the runtime API; a vault never changes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownVault {
	/// Its P2TR scriptPubKey.
	pub script_pubkey: Vec<u8>,
	/// Its `multi_a` leaf, the script every round signs for.
	pub multi_a_leaf: Vec<u8>,
	/// How many signatures an input needs.
	pub threshold: u16,
	/// This signer's position in its member order: set when the vault lists this key for this
	/// account (the runtime finds a signer's position by account, so both must match).
	pub position: Option<u16>,
}

impl KnownVault {
	/// The vault `details` shows, as seen by the signer of `key` with `account`.
	pub fn new(details: &VaultDetails<AccountId32>, key: &[u8; 32], account: &AccountId32) -> Self {
		let position = details
			.members
			.iter()
			.position(|(who, k)| k == key && who == account)
			.and_then(|p| u16::try_from(p).ok());
		Self {
			script_pubkey: details.script_pubkey.clone(),
			multi_a_leaf: details.multi_a_leaf.clone(),
			threshold: details.threshold,
			position,
		}
	}
}

/// Why the daemon refuses a round. [`Refused::Check`] shows the [`Refusal`] as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
	/// The transaction does not do what its purpose says (or the fee is above the cap).
	#[error("{0}")]
	Check(Refusal),
	/// The sighash could not be computed (the round's prevouts do not fit the transaction).
	#[error("cannot compute the sighash of input {input}: {reason}")]
	NoSighash { input: usize, reason: String },
	/// The chain shows another sighash than the daemon computes: signing it would sign
	/// something other than the transaction checked.
	#[error(
		"input {input}: the chain's sighash {} is not the BIP-341 sighash of the checked \
		 transaction ({}); refusing to sign what was not checked",
		.chain.as_hex(),
		.local.as_hex()
	)]
	SighashMismatch { input: usize, local: [u8; 32], chain: [u8; 32] },
	/// Signing would take more than the rolling limit allows.
	#[error("{0}")]
	Limit(LimitExceeded),
	/// A bridge round that does not pay exactly its batch's on-chain requests.
	#[error("{0}")]
	Bridge(BridgeRefusal),
}

/// A round the daemon will sign (once the rate limit allows it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
	/// `(input index, sighash)` of each input to sign, the sighash computed here.
	pub to_sign: Vec<(u32, [u8; 32])>,
	/// What [`check_round`] found.
	pub checked: Checked,
}

impl Plan {
	/// What signing takes out of the vaults: the payments and the fee.
	pub fn amount_sat(&self) -> u64 {
		self.checked.outgoing_sat.saturating_add(self.checked.fee_sat)
	}
}

/// Inputs of `round` this signer still has to sign: those of a vault that lists it, which it
/// has not signed and which do not have their threshold yet (a signature there would be
/// refused as `InputsComplete` if no other input took it, and paid for).
pub fn pending_inputs(round: &SigningRound, vaults: &BTreeMap<VaultId, KnownVault>) -> Vec<usize> {
	round
		.inputs
		.iter()
		.enumerate()
		.filter(|(_, input)| {
			let Some(vault) = vaults.get(&input.input.vault) else { return false };
			let Some(position) = vault.position else { return false };
			!input.signed.contains(&position) && input.signed.len() < usize::from(vault.threshold)
		})
		.map(|(index, _)| index)
		.collect()
}

/// Decides on `round`: `Ok(None)` if this signer has nothing to sign in it, the [`Plan`] if it
/// passes every check, the reason otherwise. `vaults` holds every vault the round names that
/// the chain knows; `max_fee_sat` caps the fee.
pub fn plan(
	round: &SigningRound,
	vaults: &BTreeMap<VaultId, KnownVault>,
	max_fee_sat: u64,
) -> Result<Option<Plan>, Refused> {
	let pending = pending_inputs(round, vaults);
	if pending.is_empty() {
		return Ok(None);
	}
	let inputs: Vec<VaultInput> = round.inputs.iter().map(|i| i.input.clone()).collect();
	let mine: Vec<VaultId> =
		vaults.iter().filter(|(_, v)| v.position.is_some()).map(|(id, _)| *id).collect();
	let spk = |id: VaultId| vaults.get(&id).map(|v| v.script_pubkey.clone());
	let checked =
		check_round(&round.unsigned_tx, &inputs, &round.purpose, &spk, &mine, max_fee_sat)
			.map_err(Refused::Check)?;

	// `check_round` decoded the transaction exactly and matched every input to a known vault.
	let tx: Transaction = deserialize(&round.unsigned_tx)
		.map_err(|e| Refused::NoSighash { input: 0, reason: e.to_string() })?;
	let prevouts: Vec<TxOut> = inputs
		.iter()
		.map(|i| TxOut {
			value: Amount::from_sat(i.prevout.value),
			script_pubkey: ScriptBuf::from_bytes(i.prevout.script_pubkey.clone()),
		})
		.collect();
	let mut cache = SighashCache::new(&tx);
	let mut to_sign = Vec::with_capacity(pending.len());
	for index in pending.into_iter().filter(|i| checked.to_sign.contains(i)) {
		let input = &round.inputs[index];
		let vault = &vaults[&input.input.vault];
		let leaf = TapLeafHash::from_script(
			Script::from_bytes(&vault.multi_a_leaf),
			LeafVersion::TapScript,
		);
		let local = cache
			.taproot_script_spend_signature_hash(
				index,
				&Prevouts::All(&prevouts),
				leaf,
				TapSighashType::Default,
			)
			.map_err(|e| Refused::NoSighash { input: index, reason: e.to_string() })?
			.to_byte_array();
		if local != input.sighash {
			return Err(Refused::SighashMismatch { input: index, local, chain: input.sighash });
		}
		let index = u32::try_from(index)
			.map_err(|_| Refused::NoSighash { input: index, reason: "index above 2^32".into() })?;
		to_sign.push((index, local));
	}
	if to_sign.is_empty() {
		return Ok(None);
	}
	Ok(Some(Plan { to_sign, checked }))
}

/// BIP-340 signatures by `keypair` over each sighash of `plan`, checked before they leave: a
/// bad signature is refused on chain and paid for.
pub fn sign(keypair: &Keypair, plan: &Plan) -> Vec<(u32, [u8; 64])> {
	let secp = Secp256k1::new();
	let key = keypair.x_only_public_key().0;
	plan.to_sign
		.iter()
		.map(|(index, sighash)| {
			let msg = Message::from_digest(*sighash);
			let sig = secp.sign_schnorr_no_aux_rand(&msg, keypair);
			debug_assert!(secp.verify_schnorr(&sig, &msg, &key).is_ok());
			(*index, sig.serialize())
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use bitcoin::{
		absolute::LockTime,
		consensus::serialize,
		opcodes::all::{OP_CHECKSIG, OP_CHECKSIGADD, OP_NUMEQUAL},
		script::Builder,
		secp256k1::{schnorr::Signature, SecretKey, XOnlyPublicKey},
		transaction::Version,
		OutPoint, Sequence, TxIn, Txid, Witness,
	};
	use tapchain_client_common::SigningInput;
	use tapchain_primitives::signer::{BtcOutput, Purpose, RoundStatus};

	const MAX_FEE: u64 = 10_000;

	fn keypair(b: u8) -> Keypair {
		Keypair::from_secret_key(&Secp256k1::new(), &SecretKey::from_slice(&[b; 32]).unwrap())
	}

	fn xonly(b: u8) -> XOnlyPublicKey {
		keypair(b).x_only_public_key().0
	}

	fn account(b: u8) -> AccountId32 {
		AccountId32([b; 32])
	}

	/// `multi_a(k, keys)`, as the pallet builds it.
	fn multi_a(k: i64, keys: &[XOnlyPublicKey]) -> Vec<u8> {
		let mut b = Builder::new();
		for (i, key) in keys.iter().enumerate() {
			b = b.push_x_only_key(key).push_opcode(if i == 0 {
				OP_CHECKSIG
			} else {
				OP_CHECKSIGADD
			});
		}
		b.push_int(k).push_opcode(OP_NUMEQUAL).into_script().to_bytes()
	}

	fn p2tr(b: u8) -> Vec<u8> {
		let mut s = vec![0x51, 0x20];
		s.extend([b; 32]);
		s
	}

	fn p2wpkh(b: u8) -> Vec<u8> {
		let mut s = vec![0x00, 0x14];
		s.extend([b; 20]);
		s
	}

	/// Vault 0: keys 1 and 2 (accounts 1 and 2), 2-of-2; vault 1: keys 3, 4, 5, 2-of-3.
	fn details(id: VaultId) -> VaultDetails<AccountId32> {
		let (members, k): (Vec<u8>, u16) = match id {
			0 => (vec![1, 2], 2),
			_ => (vec![3, 4, 5], 2),
		};
		let keys: Vec<XOnlyPublicKey> = members.iter().map(|b| xonly(*b)).collect();
		VaultDetails {
			id,
			members: members.iter().map(|b| (account(*b), xonly(*b).serialize())).collect(),
			threshold: k,
			internal_key: [0; 32],
			multi_a_leaf: multi_a(k.into(), &keys),
			multi_a_control_block: vec![],
			recovery_leaf: None,
			recovery_control_block: None,
			merkle_root: [0; 32],
			output_key: [0; 32],
			script_pubkey: p2tr(0xa0 + id as u8),
			address: None,
			descriptor: vec![],
			session: 0,
		}
	}

	/// The vaults as signer `b` (key `b`, account `b`) sees them.
	fn vaults(b: u8) -> BTreeMap<VaultId, KnownVault> {
		[0, 1]
			.into_iter()
			.map(|id| (id, KnownVault::new(&details(id), &xonly(b).serialize(), &account(b))))
			.collect()
	}

	/// The BIP-341 sighashes of `tx`, computed independently of [`plan`]'s loop.
	fn sighashes(tx: &Transaction, inputs: &[VaultInput]) -> Vec<[u8; 32]> {
		let prevouts: Vec<TxOut> = inputs
			.iter()
			.map(|i| TxOut {
				value: Amount::from_sat(i.prevout.value),
				script_pubkey: ScriptBuf::from_bytes(i.prevout.script_pubkey.clone()),
			})
			.collect();
		let mut cache = SighashCache::new(tx);
		inputs
			.iter()
			.enumerate()
			.map(|(i, input)| {
				let leaf = details(input.vault).multi_a_leaf;
				let leaf =
					TapLeafHash::from_script(Script::from_bytes(&leaf), LeafVersion::TapScript);
				cache
					.taproot_script_spend_signature_hash(
						i,
						&Prevouts::All(&prevouts),
						leaf,
						TapSighashType::Default,
					)
					.unwrap()
					.to_byte_array()
			})
			.collect()
	}

	/// Spends 100 000 sat of vault 0 and 50 000 of vault 1 to pay 90 000, with 59 000 change
	/// to vault 0 and a 1 000 fee.
	fn round() -> SigningRound {
		let tx = Transaction {
			version: Version::TWO,
			lock_time: LockTime::ZERO,
			input: (1..=2u8)
				.map(|n| TxIn {
					previous_output: OutPoint { txid: Txid::from_byte_array([n; 32]), vout: 0 },
					script_sig: ScriptBuf::new(),
					sequence: Sequence::MAX,
					witness: Witness::new(),
				})
				.collect(),
			output: vec![
				TxOut {
					value: Amount::from_sat(90_000),
					script_pubkey: ScriptBuf::from(p2wpkh(1)),
				},
				TxOut {
					value: Amount::from_sat(59_000),
					script_pubkey: ScriptBuf::from(p2tr(0xa0)),
				},
			],
		};
		let inputs = vec![
			VaultInput {
				vault: 0,
				prevout: BtcOutput { value: 100_000, script_pubkey: p2tr(0xa0) },
			},
			VaultInput {
				vault: 1,
				prevout: BtcOutput { value: 50_000, script_pubkey: p2tr(0xa1) },
			},
		];
		let hashes = sighashes(&tx, &inputs);
		SigningRound {
			id: 3,
			status: RoundStatus::Open,
			purpose: Purpose {
				caller: *b"governce",
				reference: 1,
				payments: vec![BtcOutput { value: 90_000, script_pubkey: p2wpkh(1) }],
				change: Some(0),
			},
			unsigned_tx: serialize(&tx),
			inputs: inputs
				.into_iter()
				.zip(hashes)
				.map(|(input, sighash)| SigningInput { input, sighash, signed: vec![] })
				.collect(),
			signed_by: vec![],
			opened: 1,
		}
	}

	#[test]
	fn a_signer_is_found_by_key_and_account() {
		let v = KnownVault::new(&details(0), &xonly(2).serialize(), &account(2));
		assert_eq!(v.position, Some(1));
		// Its key under another account: the runtime would refuse the signature (NotSigner).
		let v = KnownVault::new(&details(0), &xonly(2).serialize(), &account(9));
		assert_eq!(v.position, None);
		assert_eq!(KnownVault::new(&details(0), &xonly(9).serialize(), &account(2)).position, None);
	}

	#[test]
	fn signs_only_its_own_vaults_inputs_that_it_has_not_signed() {
		let r = round();
		// Signer 1 is in vault 0 (input 0); signer 4 in vault 1 (input 1); signer 9 in none.
		assert_eq!(pending_inputs(&r, &vaults(1)), vec![0]);
		assert_eq!(pending_inputs(&r, &vaults(4)), vec![1]);
		assert_eq!(pending_inputs(&r, &vaults(9)), Vec::<usize>::new());
		assert_eq!(plan(&r, &vaults(9), MAX_FEE), Ok(None));

		// Signer 1 (position 0) already signed input 0: nothing left.
		let mut signed = round();
		signed.inputs[0].signed = vec![0];
		assert_eq!(pending_inputs(&signed, &vaults(1)), Vec::<usize>::new());
		assert_eq!(plan(&signed, &vaults(1), MAX_FEE), Ok(None));
		// Signer 2 (position 1) has not.
		assert_eq!(pending_inputs(&signed, &vaults(2)), vec![0]);

		// Input 1 has its 2 of 3 from signers 3 and 5 (positions 0, 2): signer 4 would add
		// nothing.
		let mut complete = round();
		complete.inputs[1].signed = vec![0, 2];
		assert_eq!(pending_inputs(&complete, &vaults(4)), Vec::<usize>::new());
		// An unknown vault is never signed for.
		let mut unknown = vaults(1);
		unknown.remove(&0);
		assert_eq!(pending_inputs(&round(), &unknown), Vec::<usize>::new());
	}

	#[test]
	fn plans_a_round_and_signs_the_sighash_it_computed() {
		let r = round();
		let p = plan(&r, &vaults(4), MAX_FEE).unwrap().expect("something to sign");
		assert_eq!(p.to_sign, vec![(1, r.inputs[1].sighash)]);
		assert_eq!(p.checked.to_sign, vec![1]);
		assert_eq!((p.checked.outgoing_sat, p.checked.fee_sat), (90_000, 1_000));
		assert_eq!(p.amount_sat(), 91_000);

		let sigs = sign(&keypair(4), &p);
		assert_eq!(sigs.len(), 1);
		assert_eq!(sigs[0].0, 1);
		let sig = Signature::from_slice(&sigs[0].1).unwrap();
		let secp = Secp256k1::new();
		let msg = Message::from_digest(r.inputs[1].sighash);
		assert!(secp.verify_schnorr(&sig, &msg, &xonly(4)).is_ok());
		assert!(secp.verify_schnorr(&sig, &msg, &xonly(3)).is_err());
	}

	#[test]
	fn refuses_a_round_whose_chain_sighash_is_not_its_own() {
		// The chain shows a sighash for another transaction.
		let mut r = round();
		let local = r.inputs[0].sighash;
		r.inputs[0].sighash = [0x5a; 32];
		let refused = plan(&r, &vaults(1), MAX_FEE).unwrap_err();
		assert_eq!(refused, Refused::SighashMismatch { input: 0, local, chain: [0x5a; 32] });
		assert!(refused
			.to_string()
			.contains("is not the BIP-341 sighash of the checked transaction"));
		// A signer of the other input is not misled either way: its own input is right.
		assert!(plan(&r, &vaults(4), MAX_FEE).unwrap().is_some());

		// The chain's sighash is for another leaf (vault 1's) than the vault's own.
		let mut r = round();
		let other = sighashes(
			&deserialize(&r.unsigned_tx).unwrap(),
			&[VaultInput { vault: 1, ..r.inputs[0].input.clone() }, r.inputs[1].input.clone()],
		);
		r.inputs[0].sighash = other[0];
		assert!(matches!(
			plan(&r, &vaults(1), MAX_FEE),
			Err(Refused::SighashMismatch { input: 0, .. })
		));

		// The chain's sighash commits to another prevout amount than the round shows.
		let mut r = round();
		let mut lied = r.inputs.iter().map(|i| i.input.clone()).collect::<Vec<_>>();
		lied[1].prevout.value = 5_000_000;
		r.inputs[0].sighash = sighashes(&deserialize(&r.unsigned_tx).unwrap(), &lied)[0];
		assert!(matches!(plan(&r, &vaults(1), MAX_FEE), Err(Refused::SighashMismatch { .. })));
	}

	#[test]
	fn a_round_that_fails_the_check_is_refused_with_its_refusal() {
		let r = round();
		let refused = plan(&r, &vaults(1), 999).unwrap_err();
		assert_eq!(
			refused,
			Refused::Check(Refusal::FeeTooHigh { fee_sat: 1_000, max_fee_sat: 999 })
		);
		assert_eq!(refused.to_string(), "the fee is 1000 sat, above this signer's cap of 999 sat");
		// The check runs before the sighash: a round paying a thief is refused as such even if
		// its sighash were also wrong.
		let mut r = round();
		r.purpose.payments[0].script_pubkey = p2wpkh(2);
		r.inputs[0].sighash = [0; 32];
		assert!(matches!(
			plan(&r, &vaults(1), MAX_FEE),
			Err(Refused::Check(Refusal::WrongPayee { .. }))
		));
		// A round naming a vault the chain does not know.
		let mut only_mine = vaults(1);
		only_mine.remove(&1);
		assert!(matches!(
			plan(&round(), &only_mine, MAX_FEE),
			Err(Refused::Check(Refusal::UnknownVault { input: 1, vault: 1 }))
		));
	}
}
