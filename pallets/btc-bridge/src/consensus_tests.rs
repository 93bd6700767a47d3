//! The batch transactions the bridge has signed, executed by Bitcoin Core 26's script
//! interpreter (`bitcoinconsensus`, every flag including Taproot): with one input and with
//! several, signed by 3 of 4 signers through the runtime's rounds.

use crate::{mock::*, *};
use bitcoin::{consensus::serialize, hashes::Hash, Amount, ScriptBuf, TxOut};
use frame_support::{assert_ok, BoundedVec};
use tapchain_primitives::SAT;

fn interpret(
	tx: &bitcoin::Transaction,
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

/// Deposits `sats`, withdraws `amounts` (each needs more than the largest coin when there
/// are several), signs with 3 of 4, and checks every input under the interpreter.
fn check(sats: &[u64], amounts: &[u64], expect_inputs: usize) {
	new_test_ext(&[11, 12, 13, 14]).execute_with(|| {
		for (i, s) in sats.iter().enumerate() {
			deposit(i as u8 + 1, *s, 9);
		}
		for (i, a) in amounts.iter().enumerate() {
			let to = bitcoin::Address::p2wpkh(
				&bitcoin::key::CompressedPublicKey(keypair(500 + i as u64).public_key()),
				bitcoin::Network::Regtest,
			)
			.to_string();
			assert_ok!(BtcBridge::withdraw(
				RuntimeOrigin::signed(2),
				*a as u128 * SAT,
				BoundedVec::truncate_from(to.into_bytes())
			));
		}
		run_to_interval();
		let batch = Batches::<Test>::get(0).expect("a batch");
		assert_eq!(batch.inputs.len(), expect_inputs);
		sign_round(batch.versions[0].round, &[12, 13, 14]);
		let tx = signed(0);
		let prevouts: Vec<TxOut> = batch
			.inputs
			.iter()
			.map(|o| TxOut {
				value: Amount::from_sat(Utxos::<Test>::get(o).unwrap().value),
				script_pubkey: ScriptBuf::from_bytes(vault_spk().to_vec()),
			})
			.collect();
		for i in 0..tx.input.len() {
			assert_eq!(interpret(&tx, &prevouts, i), Ok(()), "input {i}");
		}
		// One byte of one signature changed, and the interpreter refuses it.
		let mut bad = tx.clone();
		let mut items: Vec<Vec<u8>> = bad.input[0].witness.iter().map(|w| w.to_vec()).collect();
		let at = items.iter().position(|i| i.len() == 64).unwrap();
		items[at][0] ^= 1;
		bad.input[0].witness = bitcoin::Witness::from_slice(&items);
		assert!(interpret(&bad, &prevouts, 0).is_err());
		assert_eq!(tx.compute_txid().to_byte_array(), batch.versions[0].txid.0);
	});
}

#[test]
fn a_batch_of_one_input_verifies_under_bitcoin_core() {
	check(&[400_000], &[50_000, 60_000], 1);
}

#[test]
fn a_batch_of_several_inputs_verifies_under_bitcoin_core() {
	check(&[40_000, 30_000, 35_000], &[90_000], 3);
}
