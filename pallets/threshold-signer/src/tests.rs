//! Calls, their errors (each with nothing changed), signer-set changes and rounds.

use crate::{mock::*, *};
use bitcoin::{
	absolute::LockTime, consensus::serialize, hashes::Hash, transaction::Version, Amount, OutPoint,
	ScriptBuf, Sequence, Transaction, TxIn, TxOut, Txid, Witness,
};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, BoundedVec};
use sp_runtime::{BuildStorage, DispatchError};
use tapchain_primitives::signer::{BtcOutput, Purpose, ThresholdSigning, VaultInput};

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn register(seed: u64, who: AccountId) -> DispatchResult {
	ThresholdSigner::register_key(RuntimeOrigin::signed(who), key(seed), proof(seed, who))
}

#[test]
fn register_key_stores_the_key_and_its_owner() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(1, 1));
		assert_eq!(Keys::<Test>::get(1), Some(key(1)));
		assert_eq!(KeyOwner::<Test>::get(key(1)), Some(1));
		assert_eq!(
			last_event(),
			Event::KeyRegistered { who: 1, key: key(1), replaced: None }.into()
		);
		// Replacing frees the old key.
		assert_ok!(register(11, 1));
		assert_eq!(Keys::<Test>::get(1), Some(key(11)));
		assert_eq!(KeyOwner::<Test>::get(key(1)), None);
		assert_eq!(
			last_event(),
			Event::KeyRegistered { who: 1, key: key(11), replaced: Some(key(1)) }.into()
		);
	});
}

#[test]
fn register_key_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(1, 1));
		// Not a validator or candidate.
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(500), key(5), proof(5, 500)),
			Error::<Test>::NotValidator
		);
		// Not a curve point: x = 5 has no y on secp256k1 (BIP-340 vector 5).
		let mut bad = [0u8; 32];
		bad[31] = 5;
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(2), BtcKey(bad), [0u8; 64]),
			Error::<Test>::InvalidKey
		);
		// Another account's key, even with a valid proof for this account.
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(2), key(1), proof(1, 2)),
			Error::<Test>::KeyInUse
		);
		assert_noop!(register(1, 1), Error::<Test>::KeyUnchanged);
		// A proof made for another account.
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(2), key(2), proof(2, 3)),
			Error::<Test>::BadProof
		);
		// A proof by another key.
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(2), key(2), proof(3, 2)),
			Error::<Test>::BadProof
		);
		// A proof for another chain (another genesis hash).
		let msg = taproot::possession_message(&[9u8; 32], &2u64.encode(), &key(2).0);
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::signed(2), key(2), sign(2, &msg)),
			Error::<Test>::BadProof
		);
		assert_noop!(
			ThresholdSigner::register_key(RuntimeOrigin::none(), key(2), proof(2, 2)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_signer_set_is_the_keyed_validators_sorted_by_key() {
	new_test_ext().execute_with(|| {
		set_validators(&[1, 2, 3, 4, 5]);
		for s in [1, 2, 3, 4] {
			assert_ok!(register(s, s));
		}
		ThresholdSigner::on_session_start(1);
		let vault = Vaults::<Test>::get(0).unwrap();
		// Validator 5 has no key.
		assert_eq!(vault.members.len(), 4);
		assert_eq!(vault.threshold, 3);
		let keys: Vec<BtcKey> = vault.keys().copied().collect();
		let mut sorted = keys.clone();
		sorted.sort();
		assert_eq!(keys, sorted);
		assert_eq!(CurrentVault::<Test>::get(), Some(0));
		assert_eq!(
			last_event(),
			Event::VaultCreated {
				id: 0,
				signers: 4,
				threshold: 3,
				script_pubkey: vault.script_pubkey()
			}
			.into()
		);
		// The stored vault is the one the taproot module computes.
		let script = ThresholdSigner::vault_script(&vault).unwrap();
		assert_eq!(BtcKey::from(script.output_key()), vault.output_key);
		assert_eq!(BtcKey::from(script.internal_key), vault.internal_key);
		assert_eq!(script.multi_a_control_block(), vault.control_block.to_vec());
	});
}

#[test]
fn a_key_change_takes_effect_at_the_next_signer_set_change() {
	with_signers(&[1, 2, 3]).execute_with(|| {
		let before = Vaults::<Test>::get(0).unwrap();
		// The same set again makes no new vault.
		ThresholdSigner::on_session_start(2);
		assert_eq!(CurrentVault::<Test>::get(), Some(0));
		assert!(System::events().is_empty());
		assert_ok!(register(21, 2));
		// Until the next session the vault is unchanged.
		assert_eq!(Vaults::<Test>::get(0).unwrap(), before);
		ThresholdSigner::on_session_start(3);
		assert_eq!(CurrentVault::<Test>::get(), Some(1));
		let after = Vaults::<Test>::get(1).unwrap();
		assert!(after.keys().any(|k| *k == key(21)));
		assert!(!after.keys().any(|k| *k == key(2)));
		// The old vault is kept until retired.
		assert_eq!(Vaults::<Test>::get(0).unwrap(), before);
		assert_eq!(VaultCount::<Test>::get(), 2);
	});
}

#[test]
fn no_keyed_validator_means_no_vault() {
	new_test_ext().execute_with(|| {
		set_validators(&[1, 2]);
		ThresholdSigner::on_session_start(1);
		assert_eq!(CurrentVault::<Test>::get(), None);
		assert_eq!(<ThresholdSigner as ThresholdSigning>::current_vault(), None);
		assert!(ThresholdSigner::signers().is_empty());
	});
}

#[test]
fn rotation_waits_while_max_vaults_are_kept_and_resumes_after_retire() {
	with_signers(&[1, 2, 3]).execute_with(|| {
		// MaxVaults = 4 in the mock: vaults 0..=3.
		for (i, seed) in [31, 32, 33].into_iter().enumerate() {
			assert_ok!(register(seed, 3));
			ThresholdSigner::on_session_start(2 + i as u32);
		}
		assert_eq!(VaultCount::<Test>::get(), 4);
		assert_ok!(register(34, 3));
		ThresholdSigner::on_session_start(9);
		assert_eq!(CurrentVault::<Test>::get(), Some(3));
		assert_eq!(last_event(), Event::RotationDeferred { session: 9 }.into());
		// The current vault cannot be retired; an unknown one neither.
		assert_noop!(
			<ThresholdSigner as ThresholdSigning>::retire_vault(3),
			Error::<Test>::VaultInUse
		);
		assert_noop!(
			<ThresholdSigner as ThresholdSigning>::retire_vault(7),
			Error::<Test>::UnknownVault
		);
		assert_ok!(<ThresholdSigner as ThresholdSigning>::retire_vault(0));
		assert_eq!(last_event(), Event::VaultRetired { id: 0 }.into());
		ThresholdSigner::on_session_start(10);
		assert_eq!(CurrentVault::<Test>::get(), Some(4));
	});
}

#[test]
fn set_recovery_checks_and_applies_at_the_next_vault() {
	with_signers(&[1, 2, 3]).execute_with(|| {
		let keys = |v: Vec<BtcKey>| BoundedVec::truncate_from(v);
		let mut bad = [0u8; 32];
		bad[31] = 5;
		assert_noop!(
			ThresholdSigner::set_recovery(
				RuntimeOrigin::signed(1),
				Some((keys(vec![key(50)]), 1, 10))
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ThresholdSigner::set_recovery(
				RuntimeOrigin::root(),
				Some((keys(vec![BtcKey(bad)]), 1, 10))
			),
			Error::<Test>::InvalidKey
		);
		assert_noop!(
			ThresholdSigner::set_recovery(
				RuntimeOrigin::root(),
				Some((keys(vec![key(50), key(50)]), 1, 10))
			),
			Error::<Test>::DuplicateKey
		);
		assert_noop!(
			ThresholdSigner::set_recovery(
				RuntimeOrigin::root(),
				Some((keys(vec![key(50)]), 0, 10))
			),
			Error::<Test>::BadThreshold
		);
		assert_noop!(
			ThresholdSigner::set_recovery(
				RuntimeOrigin::root(),
				Some((keys(vec![key(50)]), 2, 10))
			),
			Error::<Test>::BadThreshold
		);
		assert_noop!(
			ThresholdSigner::set_recovery(RuntimeOrigin::root(), Some((keys(vec![]), 1, 10))),
			Error::<Test>::BadThreshold
		);
		assert_noop!(
			ThresholdSigner::set_recovery(RuntimeOrigin::root(), Some((keys(vec![key(50)]), 1, 0))),
			Error::<Test>::BadDelay
		);
		assert_ok!(ThresholdSigner::set_recovery(
			RuntimeOrigin::root(),
			Some((keys(vec![key(50), key(51)]), 1, 12_960))
		));
		assert_eq!(Vaults::<Test>::get(0).unwrap().recovery, None);
		ThresholdSigner::on_session_start(2);
		let vault = Vaults::<Test>::get(1).unwrap();
		assert_eq!(vault.recovery.as_ref().unwrap().delay, 12_960);
		let details = ThresholdSigner::vault_details(1).unwrap();
		let descriptor = String::from_utf8(details.descriptor).unwrap();
		assert!(descriptor.starts_with("tr("), "{descriptor}");
		assert!(descriptor.contains(",and_v(v:older(12960),multi_a(1,"), "{descriptor}");
		assert_eq!(details.address.unwrap()[..6], *b"bcrt1p");
		// Removing it makes the next vault single-leaf again.
		assert_ok!(ThresholdSigner::set_recovery(RuntimeOrigin::root(), None));
		ThresholdSigner::on_session_start(3);
		assert_eq!(Vaults::<Test>::get(2).unwrap().recovery, None);
		assert_eq!(ThresholdSigner::vault_details(2).unwrap().recovery_leaf, None);
	});
}

const PAYEE: [u8; 22] = [0x00, 0x14, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];

/// A transaction spending `n` outputs of 10,000 sat of vault 0, paying 5,000 to [`PAYEE`] and
/// 4,000 per input back... as change to vault 0.
fn unsigned(spk: &[u8; 34], n: usize) -> (Transaction, Vec<VaultInput>, Purpose) {
	let total = 10_000 * n as u64;
	let tx = Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: (0..n)
			.map(|i| TxIn {
				previous_output: OutPoint {
					txid: Txid::from_byte_array([i as u8 + 1; 32]),
					vout: 0,
				},
				script_sig: ScriptBuf::new(),
				sequence: Sequence::MAX,
				witness: Witness::new(),
			})
			.collect(),
		output: vec![
			TxOut {
				value: Amount::from_sat(5_000),
				script_pubkey: ScriptBuf::from_bytes(PAYEE.to_vec()),
			},
			TxOut {
				value: Amount::from_sat(total - 6_000),
				script_pubkey: ScriptBuf::from_bytes(spk.to_vec()),
			},
		],
	};
	let inputs = (0..n)
		.map(|_| VaultInput {
			vault: 0,
			prevout: BtcOutput { value: 10_000, script_pubkey: spk.to_vec() },
		})
		.collect();
	let purpose = Purpose {
		caller: *b"testcall",
		reference: 1,
		payments: vec![BtcOutput { value: 5_000, script_pubkey: PAYEE.to_vec() }],
		change: Some(0),
	};
	(tx, inputs, purpose)
}

fn spk0() -> [u8; 34] {
	Vaults::<Test>::get(0).unwrap().script_pubkey()
}

fn open_round(n: usize) -> RoundId {
	let (tx, inputs, purpose) = unsigned(&spk0(), n);
	ThresholdSigner::open(&serialize(&tx), inputs, purpose).unwrap()
}

fn sigs(round: RoundId, signer: u64) -> BoundedVec<(u32, [u8; 64]), <Test as Config>::MaxInputs> {
	let round = Rounds::<Test>::get(round).unwrap();
	BoundedVec::truncate_from(
		round
			.inputs
			.iter()
			.enumerate()
			.map(|(i, input)| (i as u32, sign(signer, &input.sighash)))
			.collect(),
	)
}

#[test]
fn a_round_completes_at_k_signatures_and_valid_signatures_are_free() {
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		let id = open_round(2);
		// Its txid is the round's from the start: a spend of it, even completed off chain,
		// is no theft of the signers who signed on chain.
		let txid = unsigned(&spk0(), 2).0.compute_txid().to_byte_array();
		assert_eq!(<ThresholdSigner as ThresholdSigning>::round_of_txid(&txid), Some(id));
		assert_eq!(
			last_event(),
			Event::RoundOpened { id, caller: *b"testcall", reference: 1, inputs: 2 }.into()
		);
		for (n, signer) in [3u64, 1].into_iter().enumerate() {
			let info = ThresholdSigner::submit_signatures(
				RuntimeOrigin::signed(signer),
				id,
				sigs(id, signer),
			)
			.unwrap();
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(last_event(), Event::Signed { id, signer, inputs: 2 }.into());
			assert_eq!(Rounds::<Test>::get(id).unwrap().inputs[0].signatures.len(), n + 1);
		}
		assert_eq!(Rounds::<Test>::get(id).unwrap().status, RoundStatus::Open);
		assert!(SignedTx::<Test>::get(id).is_none());
		ThresholdSigner::submit_signatures(RuntimeOrigin::signed(4), id, sigs(id, 4)).unwrap();
		let round = Rounds::<Test>::get(id).unwrap();
		assert_eq!(round.status, RoundStatus::Complete);
		assert_eq!(round.signed_by.to_vec(), vec![3, 1, 4]);
		// Signatures are kept in key order.
		let positions: Vec<u16> = round.inputs[0].signatures.iter().map(|(p, _)| *p).collect();
		let mut sorted = positions.clone();
		sorted.sort();
		assert_eq!(positions, sorted);
		let signed = SignedTx::<Test>::get(id).unwrap();
		COMPLETED.with(|c| {
			let c = c.borrow();
			assert_eq!(c.len(), 1);
			assert_eq!(c[0].0, id);
			assert_eq!(c[0].2, signed.to_vec());
		});
		let details = ThresholdSigner::round_details(id).unwrap();
		assert_eq!(details.signed_tx, Some(signed.to_vec()));
		assert_eq!(details.inputs.len(), 2);
		// A complete round refuses more.
		assert_noop!(
			ThresholdSigner::submit_signatures(RuntimeOrigin::signed(2), id, sigs(id, 2)),
			Error::<Test>::RoundComplete
		);
		// Its caller can forget it.
		assert_eq!(<ThresholdSigner as ThresholdSigning>::round_of_txid(&txid), Some(id));
		<ThresholdSigner as ThresholdSigning>::forget_round(id);
		assert!(Rounds::<Test>::get(id).is_none() && SignedTx::<Test>::get(id).is_none());
		assert_eq!(RoundCount::<Test>::get(), 0);
		assert_eq!(<ThresholdSigner as ThresholdSigning>::round_of_txid(&txid), None);
	});
}

#[test]
fn submit_signatures_errors_change_nothing() {
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		let id = open_round(2);
		let call = |who: u64, s: Vec<(u32, [u8; 64])>| {
			ThresholdSigner::submit_signatures(
				RuntimeOrigin::signed(who),
				id,
				BoundedVec::truncate_from(s),
			)
		};
		let good = sigs(id, 1).to_vec();
		assert_noop!(
			ThresholdSigner::submit_signatures(RuntimeOrigin::signed(1), 99, sigs(id, 1)),
			Error::<Test>::UnknownRound
		);
		assert_noop!(call(1, vec![]), Error::<Test>::NoSignatures);
		assert_noop!(call(1, vec![(5, good[0].1)]), Error::<Test>::UnknownInput);
		assert_noop!(call(9, sigs(id, 9).to_vec()), Error::<Test>::NotSigner);
		assert_noop!(call(1, vec![good[0], good[0]]), Error::<Test>::DuplicateSignature);
		// Input 1's signature given for input 0.
		assert_noop!(call(1, vec![(0, good[1].1)]), Error::<Test>::BadSignature);
		// Another signer's valid signature under the caller's name.
		assert_noop!(call(2, vec![(0, good[0].1)]), Error::<Test>::BadSignature);
		// A good first signature does not save a bad second one: the call is refused whole.
		assert_noop!(call(1, vec![good[0], (1, [7u8; 64])]), Error::<Test>::BadSignature);
		assert_ok!(call(1, good.clone()));
		assert_noop!(call(1, good.clone()), Error::<Test>::DuplicateSignature);
		// The refused calls pay: they return an error, so the fee is taken (Pays::Yes).
		let err = ThresholdSigner::submit_signatures(
			RuntimeOrigin::signed(2),
			id,
			BoundedVec::truncate_from(vec![(0, [7u8; 64])]),
		)
		.unwrap_err();
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
	});
}

#[test]
fn a_signature_for_an_input_at_its_threshold_is_not_stored() {
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		// Two inputs; signers 1, 2, 3 sign input 0 only, then input 0 is complete.
		let id = open_round(2);
		for s in [1, 2, 3] {
			let one = vec![sigs(id, s)[0]];
			assert_ok!(ThresholdSigner::submit_signatures(
				RuntimeOrigin::signed(s),
				id,
				BoundedVec::truncate_from(one)
			));
		}
		let extra = vec![sigs(id, 4)[0]];
		assert_noop!(
			ThresholdSigner::submit_signatures(
				RuntimeOrigin::signed(4),
				id,
				BoundedVec::truncate_from(extra)
			),
			Error::<Test>::InputsComplete
		);
		assert_eq!(Rounds::<Test>::get(id).unwrap().status, RoundStatus::Open);
	});
}

#[test]
fn open_round_errors_change_nothing() {
	with_signers(&[1, 2, 3]).execute_with(|| {
		let spk = spk0();
		let (tx, inputs, purpose) = unsigned(&spk, 1);
		let raw = serialize(&tx);
		let open = |raw: &[u8], inputs: Vec<VaultInput>, purpose: Purpose| {
			frame_support::storage::with_storage_layer(|| {
				ThresholdSigner::open(raw, inputs, purpose)
			})
		};
		let noop = |raw: &[u8], inputs: Vec<VaultInput>, purpose: Purpose, e: Error<Test>| {
			let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
			assert_eq!(open(raw, inputs, purpose), Err(e.into()));
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before);
		};
		noop(
			&raw[..raw.len() - 1],
			inputs.clone(),
			purpose.clone(),
			Error::<Test>::MalformedTransaction,
		);
		let mut witnessed = tx.clone();
		witnessed.input[0].witness.push([1u8]);
		noop(&serialize(&witnessed), inputs.clone(), purpose.clone(), Error::<Test>::NotUnsigned);
		noop(&raw, vec![], purpose.clone(), Error::<Test>::InputMismatch);
		noop(
			&raw,
			vec![inputs[0].clone(), inputs[0].clone()],
			purpose.clone(),
			Error::<Test>::InputMismatch,
		);
		noop(&raw, vec![inputs[0].clone(); 17], purpose.clone(), Error::<Test>::TooManyInputs);
		noop(
			&vec![0u8; 65_537],
			inputs.clone(),
			purpose.clone(),
			Error::<Test>::TransactionTooLarge,
		);
		let mut p = purpose.clone();
		p.payments = vec![p.payments[0].clone(); 17];
		noop(&raw, inputs.clone(), p, Error::<Test>::TooManyPayments);
		let mut p = purpose.clone();
		p.payments[0].script_pubkey = vec![0u8; 65];
		noop(&raw, inputs.clone(), p, Error::<Test>::TooManyPayments);
		let mut other = inputs.clone();
		other[0].vault = 5;
		noop(&raw, other, purpose.clone(), Error::<Test>::UnknownVault);
		let mut other = inputs.clone();
		other[0].prevout.script_pubkey = PAYEE.to_vec();
		noop(&raw, other, purpose.clone(), Error::<Test>::NotVaultOutput);
		// A payment the purpose does not name, a missing one, change to a non-vault.
		let mut p = purpose.clone();
		p.payments[0].value += 1;
		noop(&raw, inputs.clone(), p, Error::<Test>::PurposeMismatch);
		let mut p = purpose.clone();
		p.payments.clear();
		noop(&raw, inputs.clone(), p, Error::<Test>::PurposeMismatch);
		let mut p = purpose.clone();
		p.change = None;
		noop(&raw, inputs.clone(), p, Error::<Test>::PurposeMismatch);
		let mut p = purpose.clone();
		p.change = Some(8);
		noop(&raw, inputs.clone(), p, Error::<Test>::UnknownVault);
		let mut extra = tx.clone();
		extra.output.push(TxOut {
			value: Amount::from_sat(1),
			script_pubkey: ScriptBuf::from_bytes(PAYEE.to_vec()),
		});
		noop(&serialize(&extra), inputs.clone(), purpose.clone(), Error::<Test>::PurposeMismatch);
		// Outputs above the inputs.
		let mut small = inputs.clone();
		small[0].prevout.value = 8_000;
		noop(&raw, small, purpose.clone(), Error::<Test>::Overspend);
		// MaxRounds = 3.
		for _ in 0..3 {
			assert_ok!(ThresholdSigner::open(&raw, inputs.clone(), purpose.clone()));
		}
		noop(&raw, inputs.clone(), purpose.clone(), Error::<Test>::TooManyRounds);
		// Governance's call needs its origin.
		assert_noop!(
			ThresholdSigner::open_round(
				RuntimeOrigin::signed(1),
				BoundedVec::truncate_from(raw.clone()),
				BoundedVec::truncate_from(inputs.clone()),
				1,
				BoundedVec::truncate_from(purpose.payments.clone()),
				Some(0)
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_opens_rounds_with_its_own_caller_tag() {
	with_signers(&[1, 2, 3]).execute_with(|| {
		let (tx, inputs, purpose) = unsigned(&spk0(), 1);
		assert_ok!(ThresholdSigner::open_round(
			RuntimeOrigin::root(),
			BoundedVec::truncate_from(serialize(&tx)),
			BoundedVec::truncate_from(inputs),
			77,
			BoundedVec::truncate_from(purpose.payments),
			Some(0)
		));
		assert_eq!(
			last_event(),
			Event::RoundOpened { id: 0, caller: *b"governce", reference: 77, inputs: 1 }.into()
		);
	});
}

#[test]
fn vault_details_describe_the_vault() {
	with_signers(&[1, 2, 3, 4]).execute_with(|| {
		let d = ThresholdSigner::vault_details(0).unwrap();
		assert_eq!(d.members.len(), 4);
		assert_eq!(d.threshold, 3);
		assert_eq!(d.script_pubkey[..2], [0x51, 0x20]);
		assert_eq!(d.script_pubkey[2..], d.output_key);
		assert_eq!(d.multi_a_control_block.len(), 33);
		assert!(String::from_utf8(d.descriptor).unwrap().contains("#"));
		// No address before the light client knows its network.
		NETWORK.with(|n| *n.borrow_mut() = None);
		assert_eq!(ThresholdSigner::vault_details(0).unwrap().address, None);
		assert_eq!(ThresholdSigner::vault_details(5), None);
		assert_eq!(ThresholdSigner::signers().len(), 4);
	});
}

#[test]
fn genesis_keys_make_the_first_vault() {
	set_validators(&[1, 2, 3, 4]);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		keys: (1..=4).map(|s| (s, key(s))).collect(),
		recovery: Some((vec![key(50)], 1, 12_960)),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(CurrentVault::<Test>::get(), Some(0));
		let vault = Vaults::<Test>::get(0).unwrap();
		assert_eq!(vault.members.len(), 4);
		assert!(vault.recovery.is_some());
	});
	set_validators(&[]);
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(24))]

		/// Any set of keyed validators makes a vault whose threshold is ⌈2n/3⌉ of its members,
		/// whose members are exactly the keyed validators, in key order, and whose witness for
		/// a round completes exactly when k of them signed.
		#[test]
		fn vaults_need_two_thirds(seeds in proptest::collection::btree_set(1u64..=100, 1..12)) {
			let seeds: Vec<u64> = seeds.into_iter().collect();
			with_signers(&seeds).execute_with(|| {
				let vault = Vaults::<Test>::get(0).unwrap();
				let n = seeds.len() as u32;
				prop_assert_eq!(vault.members.len() as u32, n);
				prop_assert_eq!(vault.threshold as u32, taproot::threshold(n));
				prop_assert!(3 * vault.threshold as u32 >= 2 * n);
				let id = open_round(1);
				for (i, (who, _)) in vault.members.iter().enumerate() {
					prop_assert_eq!(Rounds::<Test>::get(id).unwrap().status, RoundStatus::Open);
					ThresholdSigner::submit_signatures(RuntimeOrigin::signed(*who), id, sigs(id, *who)).unwrap();
					if i + 1 == vault.threshold as usize {
						break;
					}
				}
				prop_assert_eq!(Rounds::<Test>::get(id).unwrap().status, RoundStatus::Complete);
				Ok(())
			})?;
		}
	}
}
