//! The signer's own check of a round: does the transaction do what its [`Purpose`] says, and
//! nothing else?
//!
//! This is the rule the runtime applies when it opens a round (`pallet-threshold-signer`'s
//! `open`), written again from scratch rather than shared, so that one bug cannot sit in both:
//!
//! 1. the transaction decodes, with no trailing bytes and no witnesses (a round signs an
//!    unsigned transaction);
//! 2. the round names one vault input per transaction input, and at least one;
//! 3. every input spends an output that pays the scriptPubKey of the vault it names;
//! 4. the outputs are exactly the purpose's payments (value and script), in order, then at most
//!    one change output, which pays the change vault's scriptPubKey, and none if the purpose
//!    names no change vault;
//! 5. the outputs pay no more than the inputs hold, and the fee (what is left) is at most the
//!    operator's cap. The runtime has no fee cap: a fee is value leaving the vaults as surely
//!    as a payment is, so the daemon bounds it itself.
//!
//! The amounts of the prevouts come from the round, not from Bitcoin, so the fee computed here
//! is only as true as they are. That is enough because the daemon signs the BIP-341 sighash it
//! computes from the same prevouts: that sighash commits to every prevout's amount and script,
//! so a signature over a lie is not valid on Bitcoin.

use bitcoin::{consensus::deserialize_partial, hex::DisplayHex, Transaction};
use tapchain_primitives::signer::{Purpose, VaultId, VaultInput};

/// A round that passed [`check_round`], and what signing it costs the vaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
	/// Indices of the inputs this signer signs: those spending a vault it is a signer of.
	pub to_sign: Vec<usize>,
	/// Value leaving the vaults to the purpose's payments, in satoshis.
	pub outgoing_sat: u64,
	/// Value returning to the change vault, in satoshis (0 without a change output).
	pub change_sat: u64,
	/// The fee: what the inputs hold beyond the outputs, in satoshis.
	pub fee_sat: u64,
}

/// Why a round is refused: one variant per rule of [`check_round`]. Each says, for the
/// operator's log, what the transaction does that its purpose does not allow.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
	/// The bytes are not a consensus-encoded transaction.
	#[error("the transaction does not decode: {reason}")]
	Malformed { reason: String },
	/// The bytes hold a transaction and then more: what is signed must be exactly what was
	/// shown.
	#[error("the transaction is followed by {trailing} trailing bytes")]
	TrailingBytes { trailing: usize },
	/// An input carries witness data; rounds sign unsigned transactions.
	#[error("input {input} already carries a witness; a round signs an unsigned transaction")]
	NotUnsigned { input: usize },
	/// The round names no inputs.
	#[error("the round names no inputs")]
	NoInputs,
	/// The round names a different number of inputs than the transaction has.
	#[error("the round names {named} inputs but the transaction has {in_tx}")]
	InputCountMismatch { named: usize, in_tx: usize },
	/// An input names a vault this signer does not know.
	#[error("input {input} names vault {vault}, which is not known")]
	UnknownVault { input: usize, vault: VaultId },
	/// An input's prevout does not pay the scriptPubKey of the vault it names.
	#[error(
		"input {input} spends an output paying {}, not vault {vault}'s scriptPubKey",
		.script.as_hex()
	)]
	NotVaultOutput { input: usize, vault: VaultId, script: Vec<u8> },
	/// The inputs' values do not fit in a u64.
	#[error("the inputs' values add up to more than 2^64 satoshis")]
	InputValueOverflow,
	/// The purpose sends change to a vault this signer does not know.
	#[error("the purpose sends change to vault {vault}, which is not known")]
	UnknownChangeVault { vault: VaultId },
	/// The transaction has fewer outputs than the purpose names payments.
	#[error("the transaction has {outputs} outputs but the purpose names {payments} payments")]
	MissingPayments { outputs: usize, payments: usize },
	/// An output in the payments' place pays another script than the payment there.
	#[error(
		"output {output} pays {} which no request names (payment {output} is to {})",
		.found.as_hex(),
		.expected.as_hex()
	)]
	WrongPayee { output: usize, expected: Vec<u8>, found: Vec<u8> },
	/// An output in the payments' place pays another amount than the payment there.
	#[error("output {output} pays {found} sat but payment {output} is {expected} sat")]
	WrongAmount { output: usize, expected: u64, found: u64 },
	/// An output follows the payments although the purpose takes no change.
	#[error(
		"output {output} pays {} which no request names ({value} sat; the purpose takes no \
		 change)",
		.script.as_hex()
	)]
	UnexpectedChange { output: usize, value: u64, script: Vec<u8> },
	/// The output after the payments pays another script than the change vault's.
	#[error(
		"output {output} pays {} which no request names ({value} sat; only change to vault \
		 {change_vault} may follow the payments)",
		.script.as_hex()
	)]
	UnnamedPayee { output: usize, value: u64, script: Vec<u8>, change_vault: VaultId },
	/// A second output follows the payments; at most one (the change) may.
	#[error(
		"output {output} pays {} which no request names ({value} sat; at most one change \
		 output may follow the payments)",
		.script.as_hex()
	)]
	ExtraOutput { output: usize, value: u64, script: Vec<u8> },
	/// The outputs' values do not fit in a u64.
	#[error("the outputs' values add up to more than 2^64 satoshis")]
	OutputValueOverflow,
	/// The outputs pay more than the inputs hold.
	#[error("the outputs pay {outputs_sat} sat but the inputs hold only {inputs_sat} sat")]
	Overspend { inputs_sat: u64, outputs_sat: u64 },
	/// The fee is above the operator's cap.
	#[error("the fee is {fee_sat} sat, above this signer's cap of {max_fee_sat} sat")]
	FeeTooHigh { fee_sat: u64, max_fee_sat: u64 },
}

/// Checks that `unsigned_tx`, spending `inputs`, does exactly what `purpose` says, and returns
/// which inputs this signer (a signer of `my_vaults`) signs and what that costs the vaults.
///
/// `vault_script_pubkeys` gives each known vault's scriptPubKey (the daemon reads them from the
/// chain once per vault: they never change). `max_fee_sat` caps the fee.
pub fn check_round(
	unsigned_tx: &[u8],
	inputs: &[VaultInput],
	purpose: &Purpose,
	vault_script_pubkeys: &dyn Fn(VaultId) -> Option<Vec<u8>>,
	my_vaults: &[VaultId],
	max_fee_sat: u64,
) -> Result<Checked, Refusal> {
	// 1. The transaction, exactly: `deserialize_partial` reports how much it read, so trailing
	// bytes get a refusal of their own.
	let (tx, read) = deserialize_partial::<Transaction>(unsigned_tx)
		.map_err(|e| Refusal::Malformed { reason: e.to_string() })?;
	if read != unsigned_tx.len() {
		return Err(Refusal::TrailingBytes { trailing: unsigned_tx.len() - read });
	}
	if let Some(input) = tx.input.iter().position(|i| !i.witness.is_empty()) {
		return Err(Refusal::NotUnsigned { input });
	}

	// 2. and 3. The inputs: one vault output per transaction input.
	if inputs.is_empty() {
		return Err(Refusal::NoInputs);
	}
	if inputs.len() != tx.input.len() {
		return Err(Refusal::InputCountMismatch { named: inputs.len(), in_tx: tx.input.len() });
	}
	let mut inputs_sat = 0u64;
	let mut to_sign = Vec::new();
	for (index, input) in inputs.iter().enumerate() {
		let vault_spk = vault_script_pubkeys(input.vault)
			.ok_or(Refusal::UnknownVault { input: index, vault: input.vault })?;
		if input.prevout.script_pubkey != vault_spk {
			return Err(Refusal::NotVaultOutput {
				input: index,
				vault: input.vault,
				script: input.prevout.script_pubkey.clone(),
			});
		}
		inputs_sat =
			inputs_sat.checked_add(input.prevout.value).ok_or(Refusal::InputValueOverflow)?;
		if my_vaults.contains(&input.vault) {
			to_sign.push(index);
		}
	}

	// 4. The outputs: the payments, in order, then at most one change output. The change
	// vault must be known even when there is no change output: a purpose naming a vault this
	// signer has never seen is not one it understands.
	let change_spk = match purpose.change {
		Some(vault) => {
			Some(vault_script_pubkeys(vault).ok_or(Refusal::UnknownChangeVault { vault })?)
		},
		None => None,
	};
	let payments = &purpose.payments;
	if tx.output.len() < payments.len() {
		return Err(Refusal::MissingPayments {
			outputs: tx.output.len(),
			payments: payments.len(),
		});
	}
	for (output, (out, payment)) in tx.output.iter().zip(payments).enumerate() {
		if out.script_pubkey.as_bytes() != &payment.script_pubkey[..] {
			return Err(Refusal::WrongPayee {
				output,
				expected: payment.script_pubkey.clone(),
				found: out.script_pubkey.to_bytes(),
			});
		}
		if out.value.to_sat() != payment.value {
			return Err(Refusal::WrongAmount {
				output,
				expected: payment.value,
				found: out.value.to_sat(),
			});
		}
	}
	let mut change_sat = 0;
	for (offset, out) in tx.output[payments.len()..].iter().enumerate() {
		let output = payments.len() + offset;
		let value = out.value.to_sat();
		let script = out.script_pubkey.to_bytes();
		if offset > 0 {
			return Err(Refusal::ExtraOutput { output, value, script });
		}
		match (&change_spk, purpose.change) {
			(Some(spk), Some(change_vault)) => {
				if &script != spk {
					return Err(Refusal::UnnamedPayee { output, value, script, change_vault });
				}
			},
			_ => return Err(Refusal::UnexpectedChange { output, value, script }),
		}
		change_sat = value;
	}

	// 5. The amounts, with checked arithmetic: values come from the transaction and the round,
	// and a wrapped sum could hide an overspend.
	let outputs_sat = tx
		.output
		.iter()
		.try_fold(0u64, |sum, o| sum.checked_add(o.value.to_sat()))
		.ok_or(Refusal::OutputValueOverflow)?;
	if outputs_sat > inputs_sat {
		return Err(Refusal::Overspend { inputs_sat, outputs_sat });
	}
	let fee_sat = inputs_sat - outputs_sat;
	if fee_sat > max_fee_sat {
		return Err(Refusal::FeeTooHigh { fee_sat, max_fee_sat });
	}
	// The payments are a prefix of the outputs, so their sum fits whenever the outputs' does.
	let outgoing_sat = outputs_sat - change_sat;
	Ok(Checked { to_sign, outgoing_sat, change_sat, fee_sat })
}

#[cfg(test)]
mod tests {
	use super::*;
	use bitcoin::{
		absolute::LockTime, consensus::serialize, hashes::Hash, transaction::Version, Amount,
		OutPoint, ScriptBuf, Sequence, TxIn, TxOut, Txid, Witness,
	};
	use tapchain_primitives::signer::BtcOutput;

	const MAX_FEE: u64 = 10_000;

	/// A P2TR scriptPubKey whose output key is 32 times `b`.
	fn p2tr(b: u8) -> Vec<u8> {
		let mut s = vec![0x51, 0x20];
		s.extend([b; 32]);
		s
	}

	/// A P2WPKH scriptPubKey whose key hash is 20 times `b`.
	fn p2wpkh(b: u8) -> Vec<u8> {
		let mut s = vec![0x00, 0x14];
		s.extend([b; 20]);
		s
	}

	/// Vaults 0 and 1 are known; no other is.
	fn vaults(id: VaultId) -> Option<Vec<u8>> {
		match id {
			0 => Some(p2tr(0xaa)),
			1 => Some(p2tr(0xbb)),
			_ => None,
		}
	}

	fn thief() -> Vec<u8> {
		p2wpkh(0xee)
	}

	struct Round {
		tx: Transaction,
		inputs: Vec<VaultInput>,
		purpose: Purpose,
	}

	fn tx_in(n: u8) -> TxIn {
		TxIn {
			previous_output: OutPoint { txid: Txid::from_byte_array([n; 32]), vout: n as u32 },
			script_sig: ScriptBuf::new(),
			sequence: Sequence::MAX,
			witness: Witness::new(),
		}
	}

	fn tx_out(value: u64, script: Vec<u8>) -> TxOut {
		TxOut { value: Amount::from_sat(value), script_pubkey: ScriptBuf::from_bytes(script) }
	}

	fn vault_input(vault: VaultId, value: u64) -> VaultInput {
		VaultInput { vault, prevout: BtcOutput { value, script_pubkey: vaults(vault).unwrap() } }
	}

	/// Spends 100 000 sat of vault 0 and 50 000 of vault 1 to pay 60 000 and 30 000, with
	/// 59 000 change to vault 0 and a 1 000 fee.
	fn round() -> Round {
		let payments = vec![
			BtcOutput { value: 60_000, script_pubkey: p2wpkh(1) },
			BtcOutput { value: 30_000, script_pubkey: p2wpkh(2) },
		];
		let tx = Transaction {
			version: Version::TWO,
			lock_time: LockTime::ZERO,
			input: vec![tx_in(1), tx_in(2)],
			output: vec![
				tx_out(60_000, p2wpkh(1)),
				tx_out(30_000, p2wpkh(2)),
				tx_out(59_000, p2tr(0xaa)),
			],
		};
		Round {
			tx,
			inputs: vec![vault_input(0, 100_000), vault_input(1, 50_000)],
			purpose: Purpose { caller: *b"btcbrdge", reference: 7, payments, change: Some(0) },
		}
	}

	fn check_bytes(bytes: &[u8], r: &Round) -> Result<Checked, Refusal> {
		check_round(bytes, &r.inputs, &r.purpose, &vaults, &[0], MAX_FEE)
	}

	fn check(r: &Round) -> Result<Checked, Refusal> {
		check_bytes(&serialize(&r.tx), r)
	}

	/// Checks `r` is refused, and that the refusal explains itself.
	fn refused(r: &Round) -> Refusal {
		let refusal = check(r).expect_err("round accepted");
		assert!(!refusal.to_string().is_empty());
		refusal
	}

	#[test]
	fn accepts_a_round_that_does_exactly_what_its_purpose_says() {
		assert_eq!(
			check(&round()),
			Ok(Checked {
				to_sign: vec![0],
				outgoing_sat: 90_000,
				change_sat: 59_000,
				fee_sat: 1_000
			})
		);
	}

	#[test]
	fn accepts_a_round_without_change() {
		let mut r = round();
		r.tx.output.pop();
		r.inputs = vec![vault_input(0, 90_500)];
		r.tx.input.truncate(1);
		r.purpose.change = None;
		assert_eq!(
			check(&r),
			Ok(Checked { to_sign: vec![0], outgoing_sat: 90_000, change_sat: 0, fee_sat: 500 })
		);
		// A change vault named but no change output is fine too.
		r.purpose.change = Some(1);
		assert_eq!(check(&r).map(|c| c.fee_sat), Ok(500));
	}

	#[test]
	fn signs_only_the_inputs_of_its_own_vaults() {
		let r = round();
		let bytes = serialize(&r.tx);
		let to_sign = |mine: &[VaultId]| {
			check_round(&bytes, &r.inputs, &r.purpose, &vaults, mine, MAX_FEE)
				.unwrap()
				.to_sign
		};
		assert_eq!(to_sign(&[0]), vec![0]);
		assert_eq!(to_sign(&[1]), vec![1]);
		assert_eq!(to_sign(&[0, 1]), vec![0, 1]);
		assert_eq!(to_sign(&[]), Vec::<usize>::new());
		assert_eq!(to_sign(&[5]), Vec::<usize>::new());
	}

	#[test]
	fn refuses_a_transaction_paying_an_address_no_request_names() {
		let thief_hex = thief().as_hex().to_string();
		let says_why = |refusal: Refusal, output: usize| {
			let text = refusal.to_string();
			let expected = format!("output {output} pays {thief_hex} which no request names");
			assert!(text.starts_with(&expected), "{text}");
		};

		// The change goes to the thief instead of the vault.
		let mut r = round();
		r.tx.output[2] = tx_out(59_000, thief());
		says_why(refused(&r), 2);

		// A purpose without change, and an output to the thief after its payments.
		let mut r = round();
		r.purpose.change = None;
		r.tx.output[2] = tx_out(59_000, thief());
		says_why(refused(&r), 2);

		// The thief in a payment's place.
		let mut r = round();
		r.tx.output[1] = tx_out(30_000, thief());
		says_why(refused(&r), 1);

		// The thief after an honest change output.
		let mut r = round();
		r.tx.output[2].value = Amount::from_sat(49_000);
		r.tx.output.push(tx_out(10_000, thief()));
		says_why(refused(&r), 3);

		// One payment, and the thief as output 1.
		let mut r = round();
		r.purpose.payments.truncate(1);
		r.purpose.change = None;
		r.tx.output = vec![tx_out(60_000, p2wpkh(1)), tx_out(89_000, thief())];
		says_why(refused(&r), 1);
	}

	#[test]
	fn refuses_bytes_that_are_not_a_transaction() {
		let r = round();
		let bytes = serialize(&r.tx);
		for bad in [&[][..], &[0xff; 10][..], &bytes[..bytes.len() - 1]] {
			let refusal = check_bytes(bad, &r).unwrap_err();
			assert!(matches!(refusal, Refusal::Malformed { .. }), "{refusal:?}");
			assert!(refusal.to_string().starts_with("the transaction does not decode: "));
		}
	}

	#[test]
	fn refuses_trailing_bytes() {
		let r = round();
		let mut bytes = serialize(&r.tx);
		bytes.extend([0, 0]);
		let refusal = check_bytes(&bytes, &r).unwrap_err();
		assert_eq!(refusal, Refusal::TrailingBytes { trailing: 2 });
		assert_eq!(refusal.to_string(), "the transaction is followed by 2 trailing bytes");
	}

	#[test]
	fn refuses_a_transaction_with_witnesses() {
		let mut r = round();
		r.tx.input[1].witness = Witness::from_slice(&[[1u8; 64]]);
		assert_eq!(refused(&r), Refusal::NotUnsigned { input: 1 });
	}

	#[test]
	fn refuses_a_round_without_inputs() {
		let mut r = round();
		r.inputs.clear();
		assert_eq!(refused(&r), Refusal::NoInputs);
	}

	#[test]
	fn refuses_a_round_naming_too_few_or_too_many_inputs() {
		let mut r = round();
		r.inputs.pop();
		assert_eq!(refused(&r), Refusal::InputCountMismatch { named: 1, in_tx: 2 });
		let mut r = round();
		r.inputs.push(vault_input(0, 1));
		let refusal = refused(&r);
		assert_eq!(refusal, Refusal::InputCountMismatch { named: 3, in_tx: 2 });
		assert_eq!(refusal.to_string(), "the round names 3 inputs but the transaction has 2");
	}

	#[test]
	fn refuses_an_input_of_an_unknown_vault() {
		let mut r = round();
		r.inputs[1].vault = 9;
		assert_eq!(refused(&r), Refusal::UnknownVault { input: 1, vault: 9 });
	}

	#[test]
	fn refuses_an_input_that_does_not_spend_its_vault() {
		// An output of vault 1 passed off as vault 0's.
		let mut r = round();
		r.inputs[0].prevout.script_pubkey = p2tr(0xbb);
		assert_eq!(refused(&r), Refusal::NotVaultOutput { input: 0, vault: 0, script: p2tr(0xbb) });
		// Someone else's output.
		let mut r = round();
		r.inputs[1].prevout.script_pubkey = thief();
		let refusal = refused(&r);
		assert!(refusal.to_string().contains(&thief().as_hex().to_string()));
		assert_eq!(refusal, Refusal::NotVaultOutput { input: 1, vault: 1, script: thief() });
	}

	#[test]
	fn refuses_inputs_whose_values_overflow() {
		let mut r = round();
		r.inputs[0].prevout.value = u64::MAX;
		r.inputs[1].prevout.value = 1;
		assert_eq!(refused(&r), Refusal::InputValueOverflow);
	}

	#[test]
	fn refuses_change_to_an_unknown_vault() {
		let mut r = round();
		r.purpose.change = Some(9);
		assert_eq!(refused(&r), Refusal::UnknownChangeVault { vault: 9 });
		// Even without a change output.
		r.tx.output.pop();
		assert_eq!(refused(&r), Refusal::UnknownChangeVault { vault: 9 });
	}

	#[test]
	fn refuses_a_transaction_missing_a_payment() {
		let mut r = round();
		r.tx.output.truncate(1);
		let refusal = refused(&r);
		assert_eq!(refusal, Refusal::MissingPayments { outputs: 1, payments: 2 });
		assert_eq!(
			refusal.to_string(),
			"the transaction has 1 outputs but the purpose names 2 payments"
		);
	}

	#[test]
	fn refuses_payments_out_of_order() {
		let mut r = round();
		r.tx.output.swap(0, 1);
		assert_eq!(
			refused(&r),
			Refusal::WrongPayee { output: 0, expected: p2wpkh(1), found: p2wpkh(2) }
		);
	}

	#[test]
	fn refuses_a_payment_of_another_amount() {
		let mut r = round();
		r.tx.output[1].value = Amount::from_sat(30_001);
		r.tx.output[2].value = Amount::from_sat(58_999);
		let refusal = refused(&r);
		assert_eq!(refusal, Refusal::WrongAmount { output: 1, expected: 30_000, found: 30_001 });
		assert_eq!(refusal.to_string(), "output 1 pays 30001 sat but payment 1 is 30000 sat");
	}

	#[test]
	fn refuses_change_when_the_purpose_takes_none() {
		// Even change to a vault: the purpose said there is none.
		let mut r = round();
		r.purpose.change = None;
		assert_eq!(
			refused(&r),
			Refusal::UnexpectedChange { output: 2, value: 59_000, script: p2tr(0xaa) }
		);
	}

	#[test]
	fn refuses_change_to_another_vault() {
		let mut r = round();
		r.tx.output[2] = tx_out(59_000, p2tr(0xbb));
		assert_eq!(
			refused(&r),
			Refusal::UnnamedPayee { output: 2, value: 59_000, script: p2tr(0xbb), change_vault: 0 }
		);
	}

	#[test]
	fn refuses_a_second_change_output() {
		let mut r = round();
		r.tx.output[2].value = Amount::from_sat(29_000);
		r.tx.output.push(tx_out(30_000, p2tr(0xaa)));
		assert_eq!(
			refused(&r),
			Refusal::ExtraOutput { output: 3, value: 30_000, script: p2tr(0xaa) }
		);
	}

	#[test]
	fn refuses_outputs_whose_values_overflow() {
		let mut r = round();
		r.purpose.payments[0].value = u64::MAX;
		r.tx.output[0].value = Amount::from_sat(u64::MAX);
		assert_eq!(refused(&r), Refusal::OutputValueOverflow);
	}

	#[test]
	fn refuses_an_overspend() {
		let mut r = round();
		r.tx.output[2].value = Amount::from_sat(60_001);
		let refusal = refused(&r);
		assert_eq!(refusal, Refusal::Overspend { inputs_sat: 150_000, outputs_sat: 150_001 });
		assert_eq!(
			refusal.to_string(),
			"the outputs pay 150001 sat but the inputs hold only 150000 sat"
		);
	}

	#[test]
	fn caps_the_fee() {
		// Exactly the cap passes.
		let mut r = round();
		r.tx.output[2].value = Amount::from_sat(60_000 - MAX_FEE);
		assert_eq!(check(&r).map(|c| c.fee_sat), Ok(MAX_FEE));
		// One satoshi more does not.
		r.tx.output[2].value = Amount::from_sat(60_000 - MAX_FEE - 1);
		let refusal = refused(&r);
		assert_eq!(refusal, Refusal::FeeTooHigh { fee_sat: MAX_FEE + 1, max_fee_sat: MAX_FEE });
		assert_eq!(
			refusal.to_string(),
			"the fee is 10001 sat, above this signer's cap of 10000 sat"
		);
		// A whole change output given up to the miners is a fee too.
		let mut r = round();
		r.tx.output.pop();
		assert_eq!(refused(&r), Refusal::FeeTooHigh { fee_sat: 60_000, max_fee_sat: MAX_FEE });
	}
}
