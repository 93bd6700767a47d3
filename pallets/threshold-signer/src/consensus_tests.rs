//! The witnesses the pallet assembles, executed by Bitcoin Core 26's script interpreter
//! (`bitcoinconsensus`, with every flag including Taproot): they spend the vault with `k` valid
//! signatures, and nothing weaker does.

use crate::{mock::*, taproot, Rounds, SignedTx};
use bitcoin::{
	absolute::LockTime,
	consensus::{deserialize, serialize},
	hashes::Hash,
	taproot::{LeafVersion, TapLeafHash},
	transaction::Version,
	Amount, OutPoint, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Txid, Witness,
};
use frame_support::{assert_ok, BoundedVec};
use tapchain_primitives::signer::{BtcOutput, Purpose, VaultInput};

/// Runs the interpreter on input `index` of `tx`, which spends `prevouts`.
fn interpret(
	tx: &Transaction,
	prevouts: &[TxOut],
	index: usize,
) -> Result<(), bitcoinconsensus::Error> {
	let utxos: Vec<bitcoinconsensus::Utxo> = prevouts
		.iter()
		.map(|o| bitcoinconsensus::Utxo {
			script_pubkey: o.script_pubkey.as_bytes().as_ptr(),
			script_pubkey_len: o.script_pubkey.len() as u32,
			value: o.value.to_sat() as i64,
		})
		.collect();
	bitcoinconsensus::verify_with_flags(
		prevouts[index].script_pubkey.as_bytes(),
		prevouts[index].value.to_sat(),
		&serialize(tx),
		Some(&utxos),
		index,
		bitcoinconsensus::VERIFY_ALL_PRE_TAPROOT | bitcoinconsensus::VERIFY_TAPROOT,
	)
}

const PAYEE: [u8; 22] = [0x00, 0x14, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7];

/// An unsigned transaction spending `values` vault outputs, paying 90 % to [`PAYEE`] and the
/// rest less 1,000 sat of fee back to the vault.
fn spend(spk: &[u8; 34], values: &[u64], sequence: Sequence) -> (Transaction, Vec<TxOut>, Purpose) {
	let total: u64 = values.iter().sum();
	let pay = total * 9 / 10;
	let tx = Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: values
			.iter()
			.enumerate()
			.map(|(i, _)| TxIn {
				previous_output: OutPoint {
					txid: Txid::from_byte_array([i as u8 + 1; 32]),
					vout: i as u32,
				},
				script_sig: ScriptBuf::new(),
				sequence,
				witness: Witness::new(),
			})
			.collect(),
		output: vec![
			TxOut {
				value: Amount::from_sat(pay),
				script_pubkey: ScriptBuf::from_bytes(PAYEE.to_vec()),
			},
			TxOut {
				value: Amount::from_sat(total - pay - 1_000),
				script_pubkey: ScriptBuf::from_bytes(spk.to_vec()),
			},
		],
	};
	let prevouts = values
		.iter()
		.map(|v| TxOut {
			value: Amount::from_sat(*v),
			script_pubkey: ScriptBuf::from_bytes(spk.to_vec()),
		})
		.collect();
	let purpose = Purpose {
		caller: *b"testcall",
		reference: 9,
		payments: vec![BtcOutput { value: pay, script_pubkey: PAYEE.to_vec() }],
		change: Some(0),
	};
	(tx, prevouts, purpose)
}

fn open(tx: &Transaction, prevouts: &[TxOut], purpose: Purpose) -> u64 {
	let inputs = prevouts
		.iter()
		.map(|o| VaultInput {
			vault: 0,
			prevout: BtcOutput {
				value: o.value.to_sat(),
				script_pubkey: o.script_pubkey.to_bytes(),
			},
		})
		.collect();
	ThresholdSigner::open(&serialize(tx), inputs, purpose).unwrap()
}

fn sign_round(round: u64, signer: u64) {
	let sigs: Vec<(u32, [u8; 64])> = Rounds::<Test>::get(round)
		.unwrap()
		.inputs
		.iter()
		.enumerate()
		.map(|(i, input)| (i as u32, sign(signer, &input.sighash)))
		.collect();
	assert_ok!(ThresholdSigner::submit_signatures(
		RuntimeOrigin::signed(signer),
		round,
		BoundedVec::truncate_from(sigs)
	));
}

#[test]
fn the_assembled_witness_spends_the_vault_and_weaker_ones_do_not() {
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		let vault = crate::Vaults::<Test>::get(0).unwrap();
		assert_eq!((vault.members.len(), vault.threshold), (4, 3));
		let (tx, prevouts, purpose) =
			spend(&vault.script_pubkey(), &[100_000, 50_000], Sequence::MAX);
		let round = open(&tx, &prevouts, purpose);
		for signer in [4, 2, 1] {
			sign_round(round, signer);
		}
		let signed: Transaction = deserialize(&SignedTx::<Test>::get(round).unwrap()).unwrap();
		assert_eq!(signed.compute_txid(), tx.compute_txid(), "witnesses do not change the txid");
		for i in 0..2 {
			assert_eq!(interpret(&signed, &prevouts, i), Ok(()), "input {i}");
		}
		// Signer 3 (position of key 3) is empty; every other key position has a signature.
		let witness = &signed.input[0].witness;
		assert_eq!(witness.len(), 4 + 2);
		assert_eq!(witness.iter().filter(|w| w.is_empty()).count(), 1);

		let script = ThresholdSigner::vault_script(&vault).unwrap();
		let leaf = script.multi_a.clone();
		let control = script.multi_a_control_block();
		// Signatures by key position, from the assembled witness (which lists the last key first).
		let by_key: Vec<Option<[u8; 64]>> = witness
			.iter()
			.take(4)
			.map(|w| <[u8; 64]>::try_from(w).ok())
			.collect::<Vec<_>>()
			.into_iter()
			.rev()
			.collect();
		let with = |sigs: &[Option<[u8; 64]>]| {
			let mut t = signed.clone();
			t.input[0].witness = taproot::multi_a_witness(sigs, leaf.as_bytes(), &control);
			t
		};
		assert_eq!(interpret(&with(&by_key), &prevouts, 0), Ok(()), "rebuilt from the same parts");

		// k - 1 signatures.
		let mut fewer = by_key.clone();
		let first = fewer.iter().position(Option::is_some).unwrap();
		fewer[first] = None;
		assert!(interpret(&with(&fewer), &prevouts, 0).is_err(), "2 of 4 must not spend");

		// The right signatures in the wrong key order.
		let mut swapped = by_key.clone();
		let signed_positions: Vec<usize> = (0..4).filter(|p| swapped[*p].is_some()).collect();
		swapped.swap(signed_positions[0], signed_positions[1]);
		assert!(interpret(&with(&swapped), &prevouts, 0).is_err(), "wrong key order");

		// Signatures over another transaction (input 1's sighash signed for input 0).
		let other: Vec<Option<[u8; 64]>> = (0..4)
			.map(|p| {
				by_key[p].map(|_| {
					sign(
						vault.members[p].0,
						&crate::Rounds::<Test>::get(round).unwrap().inputs[1].sighash,
					)
				})
			})
			.collect();
		assert!(interpret(&with(&other), &prevouts, 0).is_err(), "signatures over another message");
		let mut changed = signed.clone();
		changed.output[0].value = Amount::from_sat(changed.output[0].value.to_sat() + 1);
		assert!(interpret(&changed, &prevouts, 0).is_err(), "the signatures commit to the outputs");
	});
}

#[test]
fn the_recovery_leaf_spends_only_after_its_delay() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		set_validators(&[1, 2, 3]);
		for s in [1, 2, 3] {
			assert_ok!(ThresholdSigner::register_key(
				RuntimeOrigin::signed(s),
				key(s),
				proof(s, s)
			));
		}
		let recovery = BoundedVec::truncate_from(vec![key(50), key(51), key(52)]);
		assert_ok!(ThresholdSigner::set_recovery(RuntimeOrigin::root(), Some((recovery, 2, 144))));
		ThresholdSigner::on_session_start(1);
		let vault = crate::Vaults::<Test>::get(0).unwrap();
		let script = ThresholdSigner::vault_script(&vault).unwrap();
		let (_, leaf) = script.recovery.clone().unwrap();
		let control = script.control_block(&leaf);
		// The recovery keys are in the order governance gave (50, 51, 52); 50 and 52 sign.
		for (sequence, ok) in [(143u32, false), (144, true), (145, true)] {
			let (tx, prevouts, _) =
				spend(&vault.script_pubkey(), &[80_000], Sequence::from_height(sequence as u16));
			let leaf_hash = TapLeafHash::from_script(&leaf, LeafVersion::TapScript);
			let sighash = taproot::script_path_sighashes(&tx, &prevouts, &[leaf_hash]).unwrap()[0];
			let sigs = [Some(sign(50, &sighash)), None, Some(sign(52, &sighash))];
			let mut t = tx.clone();
			t.input[0].witness = taproot::multi_a_witness(&sigs, leaf.as_bytes(), &control);
			assert_eq!(interpret(&t, &prevouts, 0).is_ok(), ok, "sequence {sequence}");
		}
		// And one recovery signature is not enough even after the delay.
		let (tx, prevouts, _) =
			spend(&vault.script_pubkey(), &[80_000], Sequence::from_height(144));
		let leaf_hash = TapLeafHash::from_script(&leaf, LeafVersion::TapScript);
		let sighash = taproot::script_path_sighashes(&tx, &prevouts, &[leaf_hash]).unwrap()[0];
		let mut t = tx.clone();
		t.input[0].witness = taproot::multi_a_witness(
			&[Some(sign(50, &sighash)), None, None],
			leaf.as_bytes(),
			&control,
		);
		assert!(interpret(&t, &prevouts, 0).is_err());
	});
}

#[test]
fn the_audit_names_exactly_the_keys_whose_signatures_a_spend_carries() {
	use tapchain_primitives::signer::{SpendAudit, ThresholdSigning};
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		let vault = crate::Vaults::<Test>::get(0).unwrap();
		let (tx, prevouts, purpose) = spend(&vault.script_pubkey(), &[100_000], Sequence::MAX);
		let round = open(&tx, &prevouts, purpose);
		for signer in [4, 2, 1] {
			sign_round(round, signer);
		}
		let signed = SignedTx::<Test>::get(round).unwrap().to_vec();
		let txid = tx.compute_txid().to_byte_array();
		assert_eq!(<ThresholdSigner as ThresholdSigning>::round_of_txid(&txid), Some(round));
		let outs: Vec<BtcOutput> = prevouts
			.iter()
			.map(|o| BtcOutput {
				value: o.value.to_sat(),
				script_pubkey: o.script_pubkey.to_bytes(),
			})
			.collect();
		let mut named =
			<ThresholdSigner as SpendAudit<u64>>::signers_of_spend(&signed, 0, &outs, 0);
		named.sort();
		assert_eq!(named, vec![1, 2, 4]);
		// A made-up prevout changes the sighash: nobody is named.
		let wrong = vec![BtcOutput { value: 1, script_pubkey: outs[0].script_pubkey.clone() }];
		assert!(<ThresholdSigner as SpendAudit<u64>>::signers_of_spend(&signed, 0, &wrong, 0)
			.is_empty());
		// An annex does not hide the signers (it is committed to, so they re-sign with it):
		// the stale signatures no longer verify and nobody is named; nothing panics.
		let mut with_annex: Transaction = deserialize(&signed).unwrap();
		let mut items: Vec<Vec<u8>> =
			with_annex.input[0].witness.iter().map(|w| w.to_vec()).collect();
		items.push(vec![0x50, 1, 2]);
		with_annex.input[0].witness = bitcoin::Witness::from_slice(&items);
		assert!(<ThresholdSigner as SpendAudit<u64>>::signers_of_spend(
			&serialize(&with_annex),
			0,
			&outs,
			0
		)
		.is_empty());
		// Another input index, or a vault that is not the spent one: nobody.
		assert!(
			<ThresholdSigner as SpendAudit<u64>>::signers_of_spend(&signed, 1, &outs, 0).is_empty()
		);
		assert!(
			<ThresholdSigner as SpendAudit<u64>>::signers_of_spend(&signed, 0, &outs, 7).is_empty()
		);
		// Forgetting the round forgets its txid.
		<ThresholdSigner as ThresholdSigning>::forget_round(round);
		assert_eq!(<ThresholdSigner as ThresholdSigning>::round_of_txid(&txid), None);
	});
}
