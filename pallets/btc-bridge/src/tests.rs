//! The bridge's flows and every error path of every call, on the mock runtime with the real
//! threshold signers.

use crate::{mock::*, *};
use bitcoin::{
	consensus::serialize,
	hashes::Hash,
	key::{CompressedPublicKey, TweakedPublicKey},
	secp256k1::{Message, Secp256k1},
	Address, Amount, Network, ScriptBuf, TxOut, WitnessProgram, WitnessVersion,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use sp_runtime::DispatchError;
use tapchain_primitives::{btc::BtcLightClient, sats_to_base_units, signer::ThresholdSigning, SAT};

const SIGNERS: [u64; 4] = [11, 12, 13, 14];

fn bv<S: frame_support::traits::Get<u32>>(v: Vec<u8>) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(v)
}

fn addr(a: &str) -> BoundedVec<u8, MaxAddressLen> {
	bv(a.as_bytes().to_vec())
}

/// A regtest P2WPKH address of test key `seed`.
fn p2wpkh(seed: u64) -> String {
	let pk = CompressedPublicKey(keypair(seed).public_key());
	Address::p2wpkh(&pk, Network::Regtest).to_string()
}

fn p2tr(seed: u64) -> String {
	let key = TweakedPublicKey::dangerous_assume_tweaked(keypair(seed).x_only_public_key().0);
	Address::p2tr_tweaked(key, Network::Regtest).to_string()
}

fn script_of(a: &str) -> Vec<u8> {
	btc::script_of_address(a.as_bytes(), tapchain_primitives::btc::BtcNetwork::Regtest)
		.unwrap()
		.into_bytes()
}

fn submit(tx: &bitcoin::Transaction, proof: Vec<u8>) -> DispatchResultWithPostInfo {
	BtcBridge::submit_deposit(RuntimeOrigin::signed(1), bv(serialize(tx)), bv(proof))
}

fn quote() -> u64 {
	BtcBridge::quote().unwrap().0
}

fn current_ref() -> tapchain_primitives::signer::VaultRef {
	<ThresholdSigner as ThresholdSigning>::current_vault().unwrap()
}

/// The independent quote: a batch of one at 2 sat/vB, with a 43-vbyte output, plus 10 %.
fn expected_quote(rate: u64) -> u64 {
	let base = rate * (btc::vsize(&[current_ref().witness_size], &[34]) + 43);
	base + (base * 10).div_ceil(100)
}

fn last_batch_event() -> (u64, u64, u64) {
	bridge_events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			Event::BatchCreated { id, round, fee, .. } => Some((id, round, fee)),
			_ => None,
		})
		.expect("a batch")
}

// ---------------------------------------------------------------------------------------
// Deposits

#[test]
fn deposit_mints_exactly_and_only_once() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let before = Balances::balance(&77);
		let tx = deposit(1, 123_456, 77);
		assert_eq!(Balances::balance(&77) - before, 123_456 * SAT);
		assert_eq!(Outstanding::<Test>::get(), 12_345_600);
		assert_eq!(UtxoTotal::<Test>::get(), 123_456);
		assert_eq!(UtxoCount::<Test>::get(), 1);
		let txid = H256(tx.compute_txid().to_byte_array());
		assert!(bridge_events().contains(&Event::DepositCredited {
			txid,
			vout: 0,
			who: 77,
			sats: 123_456,
			amount: 12_345_600
		}));
		assert_eq!(BtcBridge::deposit_status(txid), DepositStatus::Credited);
		assert_noop!(submit(&tx, proof_of(&tx)), Error::<Test>::AlreadyCredited);
		// What the runtime's transaction extension asks before a proof can pay.
		assert!(!BtcBridge::deposit_is_new(&serialize(&tx)));
		assert!(BtcBridge::deposit_is_new(&serialize(&deposit_tx(foreign(2), vec![]))));
		assert!(BtcBridge::deposit_is_new(b"not a transaction"), "fails, and pays, in dispatch");
		assert!(<BtcBridge as TxidRegistry>::is_credited(&txid));
		assert!(!<BtcBridge as TxidRegistry>::credit(&txid));
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn the_reserve_pays_a_new_accounts_existential_deposit() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// No reserve yet: a new account gets the deposit alone, of which the existential
		// deposit (500 base units) is not spendable.
		deposit(1, 100_000, 79);
		assert_eq!(Balances::balance(&79), 100_000 * SAT);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(79), 1_000 * SAT));
		let reserve = FeeReserve::<Test>::get();
		// With a reserve, a new account gets its existential deposit too: the whole deposit
		// is spendable.
		deposit(2, 20_000, 78);
		assert_eq!(Balances::balance(&78), 20_000 * SAT + 500);
		assert_eq!(
			Balances::reducible_balance(&78, Preservation::Preserve, Fortitude::Polite),
			20_000 * SAT
		);
		assert_eq!(FeeReserve::<Test>::get(), reserve - 5, "500 base units are 5 sats");
		assert!(bridge_events().contains(&Event::AccountSponsored { who: 78, amount: 500 }));
		// An existing account is not sponsored again.
		deposit(3, 20_000, 78);
		assert_eq!(Balances::balance(&78), 40_000 * SAT + 500);
		assert_eq!(FeeReserve::<Test>::get(), reserve - 5);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn deposit_is_free_and_a_refused_one_pays() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let tx = deposit_tx(foreign(1), vec![pay(&vault_spk(), 5_000), op_return(&evm_of(5))]);
		let proof = mine(&tx);
		advance_btc(2);
		let ok = submit(&tx, proof.clone()).unwrap();
		assert_eq!(ok.pays_fee, frame_support::dispatch::Pays::No);
		let err = submit(&tx, proof).unwrap_err();
		assert_eq!(err.post_info.pays_fee, frame_support::dispatch::Pays::Yes);
	});
}

#[test]
fn deposit_to_an_account_of_32_bytes() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let mut account = [0u8; 32];
		account[..8].copy_from_slice(&88u64.to_le_bytes());
		let tx = deposit_tx(foreign(2), vec![op_return(&account), pay(&vault_spk(), 2_000)]);
		let proof = mine(&tx);
		advance_btc(2);
		assert_ok!(submit(&tx, proof));
		assert_eq!(Balances::balance(&88), 2_000 * SAT);
	});
}

#[test]
fn small_or_unaddressed_deposits_are_kept_unclaimed() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let spk = ScriptBuf::from_bytes(vault_spk().to_vec());
		// Below the minimum, and a second output with no recipient issue: both for 66.
		let small = deposit_tx(
			foreign(3),
			vec![
				TxOut { value: Amount::from_sat(999), script_pubkey: spk.clone() },
				op_return(&evm_of(66)),
			],
		);
		let p = mine(&small);
		advance_btc(2);
		assert_ok!(submit(&small, p));
		// An OP_RETURN of 19 bytes names nobody.
		let bad = deposit_tx(
			foreign(4),
			vec![
				TxOut { value: Amount::from_sat(50_000), script_pubkey: spk },
				op_return(&[1u8; 19]),
			],
		);
		let p = mine(&bad);
		advance_btc(2);
		assert_ok!(submit(&bad, p));
		assert_eq!(Balances::balance(&66), 0);
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_eq!(UtxoTotal::<Test>::get(), 50_999);
		let small_id = H256(small.compute_txid().to_byte_array());
		let bad_id = H256(bad.compute_txid().to_byte_array());
		assert_eq!(
			UnclaimedDeposits::<Test>::get(OutPoint { txid: small_id, vout: 0 })
				.unwrap()
				.reason,
			UnclaimedReason::BelowMinimum
		);
		assert_eq!(
			BtcBridge::deposit_status(bad_id),
			DepositStatus::Unclaimed(vec![(
				0,
				Unclaimed {
					value: 50_000,
					first_input: btc::outpoint(foreign(4)),
					reason: UnclaimedReason::NoRecipient
				}
			)])
		);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn deposit_errors_change_nothing() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let spk = ScriptBuf::from_bytes(vault_spk().to_vec());
		let good = deposit_tx(
			foreign(5),
			vec![
				TxOut { value: Amount::from_sat(5_000), script_pubkey: spk.clone() },
				op_return(&evm_of(5)),
			],
		);
		// Not mined.
		assert_noop!(submit(&good, proof_of(&good)), Error::<Test>::UnknownBlock);
		let proof = mine(&good);
		// A wrong proof.
		assert_noop!(submit(&good, vec![0u8; 32]), Error::<Test>::MerkleRootMismatch);
		// One confirmation of the three required.
		assert_noop!(submit(&good, proof.clone()), Error::<Test>::InsufficientConfirmations);
		advance_btc(2);
		// Garbage.
		assert_noop!(
			BtcBridge::submit_deposit(
				RuntimeOrigin::signed(1),
				bv(vec![1, 2, 3]),
				bv(proof.clone())
			),
			Error::<Test>::MalformedTransaction
		);
		// A reorganization dropped its block.
		REORGED.with(|r| {
			r.borrow_mut()
				.push(MINED.with(|m| m.borrow()[&good.compute_txid().to_byte_array()]))
		});
		assert_noop!(submit(&good, proof.clone()), Error::<Test>::NotOnBestChain);
		REORGED.with(|r| r.borrow_mut().clear());
		// Not secure for value and no opt-in.
		AllowInsecure::<Test>::put(false);
		assert_noop!(submit(&good, proof.clone()), Error::<Test>::InsecureNetwork);
		SECURE.with(|s| *s.borrow_mut() = true);
		assert_ok!(submit(&good, proof));
		// Pays no vault.
		let elsewhere = deposit_tx(
			foreign(6),
			vec![TxOut {
				value: Amount::from_sat(5_000),
				script_pubkey: ScriptBuf::from_bytes(script_of(&p2wpkh(1))),
			}],
		);
		let p = mine(&elsewhere);
		advance_btc(2);
		assert_noop!(submit(&elsewhere, p), Error::<Test>::NoVaultOutput);
		// Spends a tracked UTXO: a batch or a theft, never a deposit.
		let txid = good.compute_txid();
		let spender = deposit_tx(
			bitcoin::OutPoint { txid, vout: 0 },
			vec![TxOut { value: Amount::from_sat(4_000), script_pubkey: spk }],
		);
		let p = mine(&spender);
		advance_btc(2);
		assert_noop!(submit(&spender, p), Error::<Test>::SpendsVault);
		// A coinbase paying the vault.
		let coinbase = deposit_tx(
			bitcoin::OutPoint::null(),
			vec![pay(&vault_spk(), 5_000), op_return(&evm_of(5))],
		);
		let p = mine(&coinbase);
		advance_btc(2);
		assert_noop!(submit(&coinbase, p), Error::<Test>::Coinbase);
	});
}

#[test]
fn deposits_beyond_the_utxo_bound_are_refused_not_lost() {
	new_test_ext(&SIGNERS).execute_with(|| {
		for n in 0..16u8 {
			deposit(100 + n, 2_000, 5);
		}
		let tx = deposit_tx(foreign(7), vec![pay(&vault_spk(), 5_000)]);
		let p = mine(&tx);
		advance_btc(2);
		assert_noop!(submit(&tx, p.clone()), Error::<Test>::TooManyUtxos);
	});
}

#[test]
fn unclaimed_deposits_hold_at_most_a_quarter_of_the_utxo_bound() {
	new_test_ext(&SIGNERS).execute_with(|| {
		assert_eq!(BtcBridge::max_unclaimed(), 4);
		// Four dust deposits fill the unclaimed quarter.
		for n in 0..4u8 {
			deposit(120 + n, MIN_DEPOSIT - 1, 5);
		}
		assert_eq!(UnclaimedCount::<Test>::get(), 4);
		// A fifth is refused, and a deposit of two unnamed outputs too (nothing is taken).
		let dust = deposit_tx(
			foreign(130),
			vec![pay(&vault_spk(), MIN_DEPOSIT - 1), op_return(&evm_of(5))],
		);
		let p = mine(&dust);
		advance_btc(2);
		assert_noop!(submit(&dust, p.clone()), Error::<Test>::TooManyUnclaimed);
		// A credited deposit still has room: dust never crowds it out.
		deposit(131, MIN_DEPOSIT, 5);
		assert_eq!(UtxoCount::<Test>::get(), 5);
		// Governance closes one: too small to pay its own refund, it joins the reserve and
		// frees its place; the refused dust proof then goes through.
		assert!(MIN_DEPOSIT - 1 < quote() + btc::PAYMENT_DUST, "dust cannot pay a refund");
		let first = UnclaimedDeposits::<Test>::iter_keys().next().unwrap();
		let reserve = FeeReserve::<Test>::get();
		assert_ok!(BtcBridge::refund_unclaimed(RuntimeOrigin::root(), first, addr(&p2wpkh(2))));
		System::assert_last_event(
			Event::UnclaimedAbsorbed { deposit: first, sats: MIN_DEPOSIT - 1 }.into(),
		);
		assert_eq!(FeeReserve::<Test>::get(), reserve + MIN_DEPOSIT - 1);
		assert_eq!(UnclaimedCount::<Test>::get(), 3);
		assert!(Withdrawals::<Test>::get(0).is_none(), "no refund was queued");
		assert_ok!(submit(&dust, p));
		assert_eq!(UnclaimedCount::<Test>::get(), 4);
		assert_ok!(BtcBridge::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------
// Claims

/// A previous transaction whose output 0 is `spk`, and a deposit spending it with no recipient.
fn unclaimed_from(spk: ScriptBuf, n: u8) -> (bitcoin::Transaction, OutPoint) {
	let prev =
		deposit_tx(foreign(n), vec![TxOut { value: Amount::from_sat(90_000), script_pubkey: spk }]);
	let tx = deposit_tx(
		bitcoin::OutPoint { txid: prev.compute_txid(), vout: 0 },
		vec![pay(&vault_spk(), 80_000)],
	);
	let p = mine(&tx);
	advance_btc(2);
	assert_ok!(submit(&tx, p));
	(prev, OutPoint { txid: H256(tx.compute_txid().to_byte_array()), vout: 0 })
}

fn claim(
	deposit: OutPoint,
	to: u64,
	prev: &bitcoin::Transaction,
	pubkey: Option<[u8; 33]>,
	sig: [u8; 64],
) -> DispatchResult {
	BtcBridge::claim_deposit(
		RuntimeOrigin::signed(3),
		deposit,
		to,
		bv(serialize(prev)),
		pubkey,
		sig,
	)
}

#[test]
fn claim_by_the_p2tr_key_that_spent_the_first_input() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let spk = ScriptBuf::from_bytes(script_of(&p2tr(50)));
		let (prev, deposit) = unclaimed_from(spk, 9);
		let msg = btc::claim_message(&BtcBridge::genesis_hash(), &deposit, &40u64.encode());
		// Signed for another account: refused.
		let other = btc::claim_message(&BtcBridge::genesis_hash(), &deposit, &41u64.encode());
		assert_noop!(
			claim(deposit, 40, &prev, None, schnorr(50, &other)),
			Error::<Test>::BadClaimSignature
		);
		// By another key: refused.
		assert_noop!(
			claim(deposit, 40, &prev, None, schnorr(51, &msg)),
			Error::<Test>::BadClaimSignature
		);
		assert_ok!(claim(deposit, 40, &prev, None, schnorr(50, &msg)));
		assert_eq!(Balances::balance(&40), 80_000 * SAT);
		assert_eq!(Outstanding::<Test>::get(), 80_000 * SAT);
		assert!(UnclaimedDeposits::<Test>::get(deposit).is_none());
		assert_noop!(
			claim(deposit, 40, &prev, None, schnorr(50, &msg)),
			Error::<Test>::UnknownDeposit
		);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn claim_by_the_p2wpkh_key_with_ecdsa() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let spk = ScriptBuf::from_bytes(script_of(&p2wpkh(60)));
		let (prev, deposit) = unclaimed_from(spk, 10);
		let msg = btc::claim_message(&BtcBridge::genesis_hash(), &deposit, &42u64.encode());
		let secp = Secp256k1::new();
		let sig = secp.sign_ecdsa(&Message::from_digest(msg), &secret(60)).serialize_compact();
		let pk = keypair(60).public_key().serialize();
		assert_noop!(claim(deposit, 42, &prev, None, sig), Error::<Test>::MissingPubkey);
		let wrong = keypair(61).public_key().serialize();
		assert_noop!(claim(deposit, 42, &prev, Some(wrong), sig), Error::<Test>::PubkeyMismatch);
		let bad = secp
			.sign_ecdsa(&Message::from_digest([9u8; 32]), &secret(60))
			.serialize_compact();
		assert_noop!(claim(deposit, 42, &prev, Some(pk), bad), Error::<Test>::BadClaimSignature);
		assert_ok!(claim(deposit, 42, &prev, Some(pk), sig));
		assert_eq!(Balances::balance(&42), 80_000 * SAT);
	});
}

#[test]
fn claim_errors_change_nothing() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// A P2PKH first input cannot claim.
		let pk = bitcoin::PublicKey::new(keypair(70).public_key());
		let spk = ScriptBuf::new_p2pkh(&pk.pubkey_hash());
		let (prev, deposit) = unclaimed_from(spk, 11);
		let sig = [1u8; 64];
		assert_noop!(claim(deposit, 1, &prev, None, sig), Error::<Test>::UnsupportedInput);
		// Another transaction than the one the input spent.
		let wrong = deposit_tx(foreign(12), vec![]);
		assert_noop!(claim(deposit, 1, &wrong, None, sig), Error::<Test>::WrongPrevTx);
		assert_noop!(
			BtcBridge::claim_deposit(
				RuntimeOrigin::signed(3),
				deposit,
				1,
				bv(vec![0xff]),
				None,
				sig
			),
			Error::<Test>::MalformedTransaction
		);
		let unknown = OutPoint { txid: H256::repeat_byte(3), vout: 0 };
		assert_noop!(claim(unknown, 1, &prev, None, sig), Error::<Test>::UnknownDeposit);
	});
}

#[test]
fn governance_refunds_an_unclaimed_deposit() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (_, deposit) = unclaimed_from(ScriptBuf::from_bytes(script_of(&p2wpkh(1))), 13);
		let to = p2wpkh(2);
		assert_noop!(
			BtcBridge::refund_unclaimed(RuntimeOrigin::signed(1), deposit, addr(&to)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			BtcBridge::refund_unclaimed(RuntimeOrigin::root(), deposit, addr("nope")),
			Error::<Test>::InvalidAddress
		);
		let unknown = OutPoint { txid: H256::repeat_byte(3), vout: 0 };
		assert_noop!(
			BtcBridge::refund_unclaimed(RuntimeOrigin::root(), unknown, addr(&to)),
			Error::<Test>::UnknownDeposit
		);
		assert_ok!(BtcBridge::refund_unclaimed(RuntimeOrigin::root(), deposit, addr(&to)));
		let w = Withdrawals::<Test>::get(0).unwrap();
		assert_eq!((w.who, w.amount, w.fee), (None, 80_000 - quote(), quote()));
		assert_ok!(BtcBridge::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------
// Withdrawals

#[test]
fn withdraw_burns_the_amount_and_the_quoted_fee() {
	new_test_ext(&SIGNERS).execute_with(|| {
		deposit(1, 1_000_000, 9);
		assert_eq!(quote(), expected_quote(2));
		let to = p2wpkh(7);
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(2), 10_000 * SAT, addr(&to)));
		assert_eq!(Balances::balance(&2), START - (10_000 + quote()) as u128 * SAT);
		let w = Withdrawals::<Test>::get(0).unwrap();
		assert_eq!((w.amount, w.fee, w.fee_rate), (10_000, quote(), 2));
		assert_eq!(w.script_pubkey.to_vec(), script_of(&to));
		assert_eq!(BtcBridge::queue(), vec![0]);
		assert_eq!(BtcBridge::withdrawal_status(0), Some((WithdrawalStatus::Queued, None)));
		assert_eq!(BtcBridge::withdrawal_fee(10_000 * SAT), Ok(quote() as u128 * SAT));
		assert!(bridge_events().contains(&Event::WithdrawalRequested {
			id: 0,
			who: Some(2),
			amount: 10_000,
			fee: quote(),
			address: addr(&to)
		}));
		// The oracle's higher rate wins.
		ORACLE.with(|o| *o.borrow_mut() = Some(5));
		assert_eq!(quote(), expected_quote(5));
	});
}

#[test]
fn every_standard_address_type_is_accepted() {
	new_test_ext(&SIGNERS).execute_with(|| {
		deposit(1, 1_000_000, 9);
		let pk = bitcoin::PublicKey::new(keypair(3).public_key());
		let script = ScriptBuf::from_bytes(vec![0x51]);
		let addresses = [
			Address::p2pkh(pk, Network::Regtest).to_string(),
			Address::p2sh(&script, Network::Regtest).unwrap().to_string(),
			p2wpkh(3),
			Address::p2wsh(&script, Network::Regtest).to_string(),
			p2tr(3),
		];
		for a in &addresses {
			assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(3), 2_000 * SAT, addr(a)));
		}
		assert_eq!(BtcBridge::queue().len(), 5);
	});
}

#[test]
fn withdraw_errors_burn_nothing() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let to = addr(&p2wpkh(7));
		// Nothing bridged yet: nothing can leave.
		assert_noop!(
			BtcBridge::withdraw(RuntimeOrigin::signed(2), 10_000 * SAT, to.clone()),
			Error::<Test>::NotBacked
		);
		deposit(1, 1_000_000, 9);
		let w = |who: u64, amount: u128, a: BoundedVec<u8, MaxAddressLen>| {
			BtcBridge::withdraw(RuntimeOrigin::signed(who), amount, a)
		};
		assert_noop!(w(2, 10_000 * SAT + 1, to.clone()), Error::<Test>::NotWholeSats);
		assert_noop!(w(2, 999 * SAT, to.clone()), Error::<Test>::BelowMinimum);
		assert_noop!(w(2, u128::MAX / SAT * SAT, to.clone()), Error::<Test>::AmountTooLarge);
		assert_noop!(w(2, 10_000 * SAT, addr("bcrt1qnotanaddress")), Error::<Test>::InvalidAddress);
		assert_noop!(w(2, 10_000 * SAT, bv(vec![0xff, 0xfe])), Error::<Test>::InvalidAddress);
		let mainnet =
			Address::p2wpkh(&CompressedPublicKey(keypair(7).public_key()), Network::Bitcoin);
		assert_noop!(w(2, 10_000 * SAT, addr(&mainnet.to_string())), Error::<Test>::WrongNetwork);
		let v2 = Address::from_witness_program(
			WitnessProgram::new(WitnessVersion::V2, &[7u8; 32]).unwrap(),
			bitcoin::KnownHrp::Regtest,
		);
		assert_noop!(w(2, 10_000 * SAT, addr(&v2.to_string())), Error::<Test>::UnsupportedAddress);
		// Account 50 holds nothing.
		assert_noop!(w(50, 10_000 * SAT, to.clone()), Error::<Test>::InsufficientBalance);
		Paused::<Test>::put(true);
		assert_noop!(w(2, 10_000 * SAT, to.clone()), Error::<Test>::WithdrawalsPaused);
		Paused::<Test>::put(false);
		for _ in 0..8 {
			assert_ok!(w(2, 1_000 * SAT, to.clone()));
		}
		assert_noop!(w(2, 1_000 * SAT, to.clone()), Error::<Test>::QueueFull);
	});
	// No vault, no light client.
	new_test_ext(&[]).execute_with(|| {
		let to = addr(&p2wpkh(7));
		assert_noop!(
			BtcBridge::withdraw(RuntimeOrigin::signed(2), 10_000 * SAT, to.clone()),
			Error::<Test>::NoVault
		);
		NETWORK.with(|n| *n.borrow_mut() = None);
		assert_noop!(
			BtcBridge::withdraw(RuntimeOrigin::signed(2), 10_000 * SAT, to),
			Error::<Test>::NotInitialized
		);
	});
}

#[test]
fn cancel_refunds_whole() {
	new_test_ext(&SIGNERS).execute_with(|| {
		deposit(1, 1_000_000, 9);
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(2), 10_000 * SAT, addr(&p2wpkh(7))));
		assert_noop!(
			BtcBridge::cancel_withdrawal(RuntimeOrigin::signed(3), 0),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			BtcBridge::cancel_withdrawal(RuntimeOrigin::signed(2), 9),
			Error::<Test>::UnknownWithdrawal
		);
		assert_ok!(BtcBridge::cancel_withdrawal(RuntimeOrigin::signed(2), 0));
		assert_eq!(Balances::balance(&2), START);
		assert_eq!(BtcBridge::withdrawal_status(0), Some((WithdrawalStatus::Cancelled, None)));
		assert!(BtcBridge::queue().is_empty());
		assert_noop!(
			BtcBridge::cancel_withdrawal(RuntimeOrigin::signed(2), 0),
			Error::<Test>::NotQueued
		);
	});
}

/// Deposits `sats` for account 9, queues withdrawals of `amounts` by account 2 to fresh
/// P2WPKH addresses, and runs to the batch. Returns (batch, round, fee, addresses).
fn batch_of(sats: &[u64], amounts: &[u64]) -> (u64, u64, u64, Vec<String>) {
	for (i, s) in sats.iter().enumerate() {
		deposit(200 + i as u8, *s, 9);
	}
	let addresses: Vec<String> = (0..amounts.len()).map(|i| p2wpkh(300 + i as u64)).collect();
	for (a, to) in amounts.iter().zip(&addresses) {
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(2), *a as u128 * SAT, addr(to)));
	}
	run_to_interval();
	let (id, round, fee) = last_batch_event();
	(id, round, fee, addresses)
}

#[test]
fn a_batch_pays_exactly_the_requests_and_its_share_of_the_fee() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, round, fee, addresses) = batch_of(&[300_000], &[10_000, 20_000]);
		assert_eq!(BtcBridge::withdrawal_status(0).unwrap().0, WithdrawalStatus::Signing);
		// What each paid, from the events: charged = paid + share + refund.
		let refunds: u128 = bridge_events()
			.iter()
			.filter_map(|e| match e {
				Event::FeeRefunded { refund, .. } => Some(*refund),
				_ => None,
			})
			.sum();
		let charged = 2 * quote() as u128 * SAT;
		let to_reserve = FeeReserve::<Test>::get() as u128 * SAT;
		assert_eq!(charged, fee as u128 * SAT + to_reserve + refunds);
		assert_eq!(Balances::balance(&2), START - 30_000 * SAT - charged + refunds);

		sign_round(round, &SIGNERS[..3]);
		assert_eq!(BtcBridge::withdrawal_status(0).unwrap().0, WithdrawalStatus::Signed);
		let tx = signed(id);
		// Outputs: the two payments, in order, then the change to the vault.
		assert_eq!(tx.output.len(), 3);
		assert_eq!(tx.output[0].value.to_sat(), 10_000);
		assert_eq!(tx.output[0].script_pubkey.to_bytes(), script_of(&addresses[0]));
		assert_eq!(tx.output[1].value.to_sat(), 20_000);
		assert_eq!(tx.output[1].script_pubkey.to_bytes(), script_of(&addresses[1]));
		assert_eq!(tx.output[2].script_pubkey.to_bytes(), vault_spk().to_vec());
		assert_eq!(tx.output[2].value.to_sat(), 300_000 - 30_000 - fee);
		// The bridge's vsize is the signed transaction's, so the fee is the rate's.
		let vsize = tx.vsize() as u64;
		assert_eq!(btc::vsize(&[current_ref().witness_size], &[22, 22, 34]), vsize);
		assert!(fee >= 2 * vsize && fee < 2 * (vsize + 2), "fee {fee} for {vsize} vB");
		assert!(tx.input.iter().all(|i| i.sequence == btc::RBF_SEQUENCE));

		// Mined: one confirmation marks it broadcast, three complete it.
		let proof = mine(&tx);
		let txid = H256(tx.compute_txid().to_byte_array());
		let prove = |p: Vec<u8>| {
			BtcBridge::submit_batch_proof(RuntimeOrigin::signed(5), id, bv(serialize(&tx)), bv(p))
		};
		assert_ok!(prove(proof.clone()));
		assert_eq!(
			BtcBridge::withdrawal_status(1),
			Some((WithdrawalStatus::Broadcast, Some(txid)))
		);
		assert_noop!(prove(proof.clone()), Error::<Test>::NoProgress);
		advance_btc(2);
		assert!(!BtcBridge::batch_is_complete(id));
		assert_ok!(prove(proof.clone()));
		assert!(BtcBridge::batch_is_complete(id), "a second proof is refused before it pays");
		assert_eq!(
			BtcBridge::withdrawal_status(1),
			Some((WithdrawalStatus::Completed, Some(txid)))
		);
		assert_eq!(UtxoTotal::<Test>::get(), 300_000 - 30_000 - fee);
		assert_eq!(UtxoCount::<Test>::get(), 1);
		assert!(Utxos::<Test>::get(OutPoint { txid, vout: 2 }).is_some());
		assert!(BtcBridge::signed_tx(id).is_none());
		assert!(ThresholdSigner::round_details(round).is_none(), "the round is forgotten");
		assert_noop!(prove(proof), Error::<Test>::BatchComplete);
		// The batch's own transaction is never a deposit.
		assert_noop!(submit(&tx, proof_of(&tx)), Error::<Test>::OwnTransaction);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn batch_proof_errors_change_nothing() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, round, _, _) = batch_of(&[300_000], &[10_000]);
		sign_round(round, &SIGNERS[..3]);
		let tx = signed(id);
		let prove = |b: u64, t: &bitcoin::Transaction, p: Vec<u8>| {
			BtcBridge::submit_batch_proof(RuntimeOrigin::signed(5), b, bv(serialize(t)), bv(p))
		};
		assert_noop!(prove(id, &tx, proof_of(&tx)), Error::<Test>::UnknownBlock);
		assert_noop!(prove(9, &tx, proof_of(&tx)), Error::<Test>::UnknownBatch);
		let other = deposit_tx(foreign(20), vec![]);
		let p = mine(&other);
		assert_noop!(prove(id, &other, p), Error::<Test>::NotBatchTransaction);
	});
}

#[test]
fn a_full_queue_is_batched_at_once() {
	new_test_ext(&SIGNERS).execute_with(|| {
		deposit(1, 500_000, 9);
		for i in 0..MAX_BATCH as u64 {
			assert_ok!(BtcBridge::withdraw(
				RuntimeOrigin::signed(2),
				5_000 * SAT,
				addr(&p2wpkh(i))
			));
		}
		run_to_next_block();
		assert_ne!(System::block_number() % INTERVAL, 0, "before the interval");
		let (id, _, _) = last_batch_event();
		assert_eq!(Batches::<Test>::get(id).unwrap().withdrawals.len(), MAX_BATCH as usize);
		assert!(BtcBridge::queue().is_empty());
	});
}

#[test]
fn largest_coins_first_and_no_more_than_needed() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, _, _, _) = batch_of(&[20_000, 90_000, 50_000, 70_000], &[100_000]);
		let batch = Batches::<Test>::get(id).unwrap();
		let values: Vec<u64> =
			batch.inputs.iter().map(|o| Utxos::<Test>::get(o).unwrap().value).collect();
		assert_eq!(values, vec![90_000, 70_000]);
		assert!(batch.inputs.iter().all(|o| Utxos::<Test>::get(o).unwrap().spending == Some(id)));
	});
}

#[test]
fn a_batch_waits_for_coins_and_nothing_is_lost() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// The only coin is in a batch in flight: the next request waits for its change.
		let (id, round, _, _) = batch_of(&[100_000], &[60_000]);
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(2), 30_000 * SAT, addr(&p2wpkh(1))));
		run_to_interval();
		assert!(bridge_events().contains(&Event::BatchDeferred { kind: BatchKind::Withdrawals }));
		assert_eq!(BtcBridge::queue(), vec![1]);
		assert_ok!(BtcBridge::do_try_state());
		sign_round(round, &SIGNERS[..3]);
		let tx = signed(id);
		let p = mine(&tx);
		advance_btc(2);
		assert_ok!(BtcBridge::submit_batch_proof(
			RuntimeOrigin::signed(5),
			id,
			bv(serialize(&tx)),
			bv(p)
		));
		run_to_interval();
		assert_eq!(BtcBridge::withdrawal_status(1).unwrap().0, WithdrawalStatus::Signing);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn an_unpayable_request_does_not_hold_up_the_queue() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// Six coins of 20,000 sat; a batch spends at most 4 (the mock's `MaxInputs`), so no
		// batch can pay 100,000 sat yet.
		for n in 0..6u8 {
			deposit(10 + n, 20_000, 9);
		}
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(2), 100_000 * SAT, addr(&p2wpkh(1))));
		assert_ok!(BtcBridge::withdraw(RuntimeOrigin::signed(3), 10_000 * SAT, addr(&p2wpkh(2))));
		run_to_interval();
		// The second is batched; the first stays queued, whole, for a later batch.
		assert_eq!(BtcBridge::withdrawal_status(1).unwrap().0, WithdrawalStatus::Signing);
		assert_eq!(BtcBridge::queue(), vec![0]);
		assert_eq!(BtcBridge::withdrawal_status(0).unwrap().0, WithdrawalStatus::Queued);
		assert_ok!(BtcBridge::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------
// Fee bumps

#[test]
fn a_stuck_batch_is_bumped_and_either_version_completes() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, round, fee, _) = batch_of(&[300_000], &[10_000]);
		let bump = || BtcBridge::bump_fee(RuntimeOrigin::signed(6), id);
		assert_noop!(bump(), Error::<Test>::NotStuck); // not signed yet
		sign_round(round, &SIGNERS[..3]);
		let first = signed(id);
		assert_noop!(bump(), Error::<Test>::NotStuck); // too early
		advance_btc(6);
		assert_noop!(bump(), Error::<Test>::ReserveExhausted);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 100_000 * SAT));
		let reserve = FeeReserve::<Test>::get();
		let ok = bump().unwrap();
		assert_eq!(ok.pays_fee, frame_support::dispatch::Pays::No);
		let batch = Batches::<Test>::get(id).unwrap();
		let v2 = batch.versions[1].clone();
		assert!(v2.fee >= fee + first.vsize() as u64, "BIP-125: +1 sat/vB at least");
		assert_eq!(FeeReserve::<Test>::get(), reserve - (v2.fee - fee));
		assert_noop!(bump(), Error::<Test>::BumpPending);
		sign_round(v2.round, &SIGNERS[1..]);
		let second = signed(id);
		assert_eq!(second.compute_txid().to_byte_array(), v2.txid.0);
		assert_eq!(
			second.input,
			first
				.input
				.iter()
				.cloned()
				.map(|mut i| {
					i.witness = second.input[0].witness.clone();
					i
				})
				.collect::<Vec<_>>()
		);
		assert_eq!(second.output[..1], first.output[..1]);
		assert_eq!(
			second.output[1].value.to_sat(),
			first.output[1].value.to_sat() - (v2.fee - fee)
		);
		// The first version confirms after all: the bump's draw returns to the reserve.
		let p = mine(&first);
		advance_btc(2);
		assert_ok!(BtcBridge::submit_batch_proof(
			RuntimeOrigin::signed(5),
			id,
			bv(serialize(&first)),
			bv(p)
		));
		assert_eq!(FeeReserve::<Test>::get(), reserve);
		assert_noop!(bump(), Error::<Test>::BatchComplete);
		// Neither version is ever a deposit.
		assert_noop!(submit(&second, proof_of(&second)), Error::<Test>::UnknownBlock);
		let p2 = mine(&second);
		advance_btc(2);
		assert_noop!(submit(&second, p2), Error::<Test>::OwnTransaction);
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn bumps_are_bounded() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, round, _, _) = batch_of(&[300_000], &[10_000]);
		deposit(250, 2_000_000, 9);
		assert_noop!(BtcBridge::bump_fee(RuntimeOrigin::signed(6), 9), Error::<Test>::UnknownBatch);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 1_000_000 * SAT));
		sign_round(round, &SIGNERS[..3]);
		let mut bumped = 0;
		loop {
			advance_btc(6);
			match BtcBridge::bump_fee(RuntimeOrigin::signed(6), id) {
				Ok(_) => {
					bumped += 1;
					let v = Batches::<Test>::get(id).unwrap().versions.last().cloned().unwrap();
					sign_round(v.round, &SIGNERS[..3]);
				},
				Err(e) => {
					// 1.25× per bump drains the change before or at the bound.
					assert!(
						e.error == Error::<Test>::TooManyBumps.into()
							|| e.error == Error::<Test>::ChangeTooSmall.into(),
						"{e:?}"
					);
					break;
				},
			}
		}
		assert!(bumped >= 1);
		assert_ok!(BtcBridge::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------
// Rotation, refresh

#[test]
fn rotation_sweeps_the_old_vault_and_honours_the_grace_period() {
	new_test_ext(&SIGNERS).execute_with(|| {
		deposit(1, 100_000, 9);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 10_000 * SAT));
		let old = CurrentVault::<Test>::get().unwrap();
		let old_spk = vault_spk();
		register(&[11, 12, 13, 14, 15]);
		rotate(2);
		let new = CurrentVault::<Test>::get().unwrap();
		assert_ne!(old, new);
		assert!(KnownVaults::<Test>::get(old).unwrap().replaced);
		run_to_interval();
		let sweep = SweepInFlight::<Test>::get().expect("a sweep");
		let batch = Batches::<Test>::get(sweep).unwrap();
		assert_eq!((batch.kind, batch.change_vault), (BatchKind::Sweep, new));
		// The old set signs it (3 of 4).
		sign_round(batch.versions[0].round, &SIGNERS[..3]);
		let tx = signed(sweep);
		assert_eq!(tx.output.len(), 1);
		assert_eq!(tx.output[0].script_pubkey.to_bytes(), vault_spk().to_vec());
		let p = mine(&tx);
		advance_btc(2);
		assert_ok!(BtcBridge::submit_batch_proof(
			RuntimeOrigin::signed(5),
			sweep,
			bv(serialize(&tx)),
			bv(p)
		));
		let closes_at = KnownVaults::<Test>::get(old).unwrap().closes_at.expect("closing");
		assert_eq!(closes_at, MockLightClient::best_block().unwrap().0 + 6);
		// A deposit to the old address within the grace period is still credited.
		let late = deposit_tx(foreign(30), vec![pay(&old_spk, 7_000), op_return(&evm_of(31))]);
		let p = mine(&late);
		advance_btc(2);
		assert_ok!(submit(&late, p));
		// Account 31 is new and the reserve (from withdrawal fees) pays its existential deposit.
		assert_eq!(Balances::balance(&31), 7_000 * SAT + ExistentialDeposit::get());
		assert!(bridge_events().contains(&Event::AccountSponsored { who: 31, amount: 500 }));
		// After the grace period, one to it is not.
		advance_btc(6);
		let too_late = deposit_tx(foreign(32), vec![pay(&old_spk, 7_000), op_return(&evm_of(31))]);
		let p = mine(&too_late);
		advance_btc(2);
		assert_noop!(submit(&too_late, p), Error::<Test>::NoVaultOutput);
		// The late deposit is swept next; then the old vault retires.
		run_to_interval();
		let sweep = SweepInFlight::<Test>::get().expect("a second sweep");
		let round = Batches::<Test>::get(sweep).unwrap().versions[0].round;
		sign_round(round, &SIGNERS[..3]);
		let tx = signed(sweep);
		let p = mine(&tx);
		advance_btc(2);
		assert_ok!(BtcBridge::submit_batch_proof(
			RuntimeOrigin::signed(5),
			sweep,
			bv(serialize(&tx)),
			bv(p)
		));
		run_to_interval();
		assert!(KnownVaults::<Test>::get(old).is_none());
		assert!(
			pallet_threshold_signer::Vaults::<Test>::get(old).is_none(),
			"retired by the signers"
		);
		assert!(bridge_events().contains(&Event::VaultRetired { id: old }));
		assert_ok!(BtcBridge::do_try_state());
	});
}

#[test]
fn coins_are_refreshed_before_the_recovery_delay() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// A recovery path with D = 40 blocks; a new vault carries it.
		let keys = BoundedVec::truncate_from(vec![key(90), key(91)]);
		assert_ok!(ThresholdSigner::set_recovery(RuntimeOrigin::root(), Some((keys, 1, 40))));
		rotate(2);
		assert_eq!(current_ref().recovery_delay, Some(40));
		deposit(1, 100_000, 9);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 10_000 * SAT));
		run_to_interval();
		assert!(SweepInFlight::<Test>::get().is_none(), "a young coin stays");
		advance_btc(28); // 30 blocks old: within 10 of D = 40
		run_to_interval();
		let sweep = SweepInFlight::<Test>::get().expect("refreshed");
		assert_eq!(Batches::<Test>::get(sweep).unwrap().inputs.len(), 1);
	});
}

// ---------------------------------------------------------------------------------------
// Theft

/// A transaction spending the tracked output `from` of the current vault to an attacker,
/// signed by `seeds` through the `multi_a` leaf, outside any round.
fn theft(from: bitcoin::OutPoint, value: u64, seeds: &[u64]) -> bitcoin::Transaction {
	let id = CurrentVault::<Test>::get().unwrap();
	let details = ThresholdSigner::vault_details(id).unwrap();
	let mut tx =
		btc::build_tx(&[btc::outpoint(from)], &[(value - 1_000, &script_of(&p2wpkh(666))[..])]);
	let prevout = pay(&vault_spk(), value);
	let leaf = bitcoin::taproot::TapLeafHash::from_script(
		bitcoin::Script::from_bytes(&details.multi_a_leaf),
		bitcoin::taproot::LeafVersion::TapScript,
	);
	let sighash = taproot_sighash(&tx, &prevout, leaf);
	let sigs: Vec<Option<[u8; 64]>> = details
		.members
		.iter()
		.map(|(who, _)| seeds.contains(who).then(|| schnorr(*who, &sighash)))
		.collect();
	tx.input[0].witness = pallet_threshold_signer::taproot::multi_a_witness(
		&sigs,
		&details.multi_a_leaf,
		&details.multi_a_control_block,
	);
	tx
}

fn taproot_sighash(
	tx: &bitcoin::Transaction,
	prevout: &TxOut,
	leaf: bitcoin::taproot::TapLeafHash,
) -> [u8; 32] {
	pallet_threshold_signer::taproot::script_path_sighashes(
		tx,
		std::slice::from_ref(prevout),
		&[leaf],
	)
	.unwrap()[0]
}

fn report(
	tx: &bitcoin::Transaction,
	p: Vec<u8>,
	prevouts: Vec<tapchain_primitives::signer::BtcOutput>,
) -> DispatchResultWithPostInfo {
	BtcBridge::report_theft(
		RuntimeOrigin::signed(8),
		bv(serialize(tx)),
		bv(p),
		BoundedVec::truncate_from(prevouts),
	)
}

#[test]
fn a_theft_slashes_its_signers_and_pauses_withdrawals() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let d = deposit(1, 100_000, 9);
		let stolen =
			theft(bitcoin::OutPoint { txid: d.compute_txid(), vout: 0 }, 100_000, &[11, 13, 14]);
		let p = mine(&stolen);
		assert_noop!(report(&stolen, p.clone(), vec![]), Error::<Test>::InsufficientConfirmations);
		advance_btc(2);
		let ok = report(&stolen, p.clone(), vec![]).unwrap();
		assert_eq!(ok.pays_fee, frame_support::dispatch::Pays::No);
		let mut offenders = SLASHED.with(|s| s.borrow()[0].0.clone());
		offenders.sort();
		assert_eq!(offenders, vec![11, 13, 14]);
		assert_eq!(SLASHED.with(|s| s.borrow()[0].1), 8);
		assert!(Paused::<Test>::get());
		assert_eq!(UtxoTotal::<Test>::get(), 0);
		assert_noop!(report(&stolen, p, vec![]), Error::<Test>::AlreadyReported);
		assert_noop!(
			BtcBridge::withdraw(RuntimeOrigin::signed(9), 10_000 * SAT, addr(&p2wpkh(1))),
			Error::<Test>::WithdrawalsPaused
		);
		assert_noop!(
			BtcBridge::resume_withdrawals(RuntimeOrigin::signed(1)),
			DispatchError::BadOrigin
		);
		assert_ok!(BtcBridge::resume_withdrawals(RuntimeOrigin::root()));
		assert!(!Paused::<Test>::get());
	});
}

#[test]
fn a_theft_of_many_coins_is_reported_in_parts_and_slashed_once() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// Five coins in one deposit; the mock bridge takes 4 tracked inputs per report.
		let spk = ScriptBuf::from_bytes(vault_spk().to_vec());
		let d = deposit_tx(
			foreign(50),
			(0..5)
				.map(|_| TxOut { value: Amount::from_sat(10_000), script_pubkey: spk.clone() })
				.chain(core::iter::once(op_return(&evm_of(9))))
				.collect(),
		);
		let p = mine(&d);
		advance_btc(2);
		assert_ok!(submit(&d, p));
		let details = ThresholdSigner::vault_details(CurrentVault::<Test>::get().unwrap()).unwrap();
		let outpoints: Vec<OutPoint> = (0..5)
			.map(|v| OutPoint { txid: H256(d.compute_txid().to_byte_array()), vout: v })
			.collect();
		let payee = script_of(&p2wpkh(666));
		let mut tx = btc::build_tx(&outpoints, &[(49_000, &payee[..])]);
		let prevouts: Vec<TxOut> = (0..5)
			.map(|_| TxOut { value: Amount::from_sat(10_000), script_pubkey: spk.clone() })
			.collect();
		let leaf = bitcoin::taproot::TapLeafHash::from_script(
			bitcoin::Script::from_bytes(&details.multi_a_leaf),
			bitcoin::taproot::LeafVersion::TapScript,
		);
		let hashes =
			pallet_threshold_signer::taproot::script_path_sighashes(&tx, &prevouts, &[leaf; 5])
				.unwrap();
		for (input, hash) in tx.input.iter_mut().zip(hashes) {
			let sigs: Vec<Option<[u8; 64]>> = details
				.members
				.iter()
				.map(|(who, _)| [11u64, 12, 13].contains(who).then(|| schnorr(*who, &hash)))
				.collect();
			input.witness = pallet_threshold_signer::taproot::multi_a_witness(
				&sigs,
				&details.multi_a_leaf,
				&details.multi_a_control_block,
			);
		}
		let p = mine(&tx);
		advance_btc(2);
		assert_ok!(report(&tx, p.clone(), vec![]));
		assert_eq!(UtxoCount::<Test>::get(), 1);
		// The reported inputs are no longer tracked: the reporter gives their prevouts now.
		let vault_out =
			tapchain_primitives::signer::BtcOutput { value: 10_000, script_pubkey: spk.to_bytes() };
		assert_noop!(report(&tx, p.clone(), vec![]), Error::<Test>::MissingPrevouts);
		assert_ok!(report(&tx, p.clone(), vec![vault_out.clone(); 4]));
		assert_eq!(UtxoCount::<Test>::get(), 0);
		let txid = H256(tx.compute_txid().to_byte_array());
		assert_eq!(Thefts::<Test>::get(txid).unwrap().value, 50_000);
		// The first report slashed all three; the second found nobody new.
		let slashed = SLASHED.with(|s| s.borrow().clone());
		assert_eq!(slashed.len(), 2);
		let mut first = slashed[0].0.clone();
		first.sort();
		assert_eq!(first, vec![11, 12, 13]);
		assert!(slashed[1].0.is_empty());
		assert_noop!(report(&tx, p, vec![vault_out; 5]), Error::<Test>::AlreadyReported);
	});
}

#[test]
fn a_theft_padded_with_many_other_inputs_is_still_reported() {
	new_test_ext(&SIGNERS).execute_with(|| {
		// One vault coin and ten foreign inputs: more than `MaxInputs` (4), which once bounded
		// the prevouts a report could give, so that such a theft could not be proven.
		let d = deposit(3, 60_000, 9);
		let details = ThresholdSigner::vault_details(CurrentVault::<Test>::get().unwrap()).unwrap();
		let mut inputs = vec![btc::outpoint(bitcoin::OutPoint { txid: d.compute_txid(), vout: 0 })];
		inputs.extend((0..10).map(|n| btc::outpoint(foreign(60 + n))));
		let payee = script_of(&p2wpkh(666));
		let mut tx = btc::build_tx(&inputs, &[(59_000, &payee[..])]);
		let other = TxOut {
			value: Amount::from_sat(2_000),
			script_pubkey: ScriptBuf::from_bytes(payee.clone()),
		};
		let mut prevouts = vec![pay(&vault_spk(), 60_000)];
		prevouts.extend(std::iter::repeat_n(other.clone(), 10));
		let leaf = bitcoin::taproot::TapLeafHash::from_script(
			bitcoin::Script::from_bytes(&details.multi_a_leaf),
			bitcoin::taproot::LeafVersion::TapScript,
		);
		let hash = pallet_threshold_signer::taproot::script_path_sighashes(
			&tx,
			&prevouts,
			&vec![leaf; prevouts.len()],
		)
		.unwrap()[0];
		let sigs: Vec<Option<[u8; 64]>> = details
			.members
			.iter()
			.map(|(who, _)| [11u64, 12, 14].contains(who).then(|| schnorr(*who, &hash)))
			.collect();
		tx.input[0].witness = pallet_threshold_signer::taproot::multi_a_witness(
			&sigs,
			&details.multi_a_leaf,
			&details.multi_a_control_block,
		);
		let p = mine(&tx);
		advance_btc(2);
		let given =
			tapchain_primitives::signer::BtcOutput { value: 2_000, script_pubkey: payee.clone() };
		// A prevout script no output could be spent with is refused before any hashing.
		let huge = tapchain_primitives::signer::BtcOutput {
			value: 2_000,
			script_pubkey: vec![0x51; MAX_SCRIPT_SIZE + 1],
		};
		let mut bad = vec![given.clone(); 9];
		bad.push(huge);
		assert_noop!(report(&tx, p.clone(), bad), Error::<Test>::BadPrevout);
		assert_ok!(report(&tx, p, vec![given; 10]));
		let mut offenders = SLASHED.with(|s| s.borrow()[0].0.clone());
		offenders.sort();
		assert_eq!(offenders, vec![11, 12, 14]);
		assert!(Paused::<Test>::get());
	});
}

#[test]
fn theft_errors_change_nothing() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let (id, round, _, _) = batch_of(&[300_000], &[10_000]);
		sign_round(round, &SIGNERS[..3]);
		let tx = signed(id);
		let p = mine(&tx);
		advance_btc(2);
		assert_noop!(report(&tx, p, vec![]), Error::<Test>::NotTheft);
		let unrelated = deposit_tx(foreign(40), vec![]);
		let p = mine(&unrelated);
		advance_btc(2);
		assert_noop!(report(&unrelated, p, vec![]), Error::<Test>::NoVaultInput);
		// A theft with a second, foreign input needs that input's prevout.
		let d = deposit(2, 50_000, 9);
		let mut two =
			theft(bitcoin::OutPoint { txid: d.compute_txid(), vout: 0 }, 50_000, &[11, 12, 13]);
		two.input
			.push(bitcoin::TxIn { previous_output: foreign(41), ..Default::default() });
		let p = mine(&two);
		advance_btc(2);
		assert_noop!(report(&two, p.clone(), vec![]), Error::<Test>::MissingPrevouts);
		// With a made-up prevout the sighash is wrong: nobody is framed, the coins are gone.
		let fake = tapchain_primitives::signer::BtcOutput { value: 1, script_pubkey: vec![0x51] };
		assert_ok!(report(&two, p, vec![fake]));
		assert_eq!(SLASHED.with(|s| s.borrow()[0].0.clone()), Vec::<u64>::new());
	});
}

// ---------------------------------------------------------------------------------------
// Governance and the reserve

#[test]
fn config_and_reserve() {
	new_test_ext(&SIGNERS).execute_with(|| {
		assert_noop!(
			BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 100 * SAT),
			Error::<Test>::NotBacked
		);
		deposit(1, 1_000, 9);
		assert_noop!(
			BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 150),
			Error::<Test>::NotWholeSats
		);
		assert_noop!(
			BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 0),
			Error::<Test>::BelowMinimum
		);
		assert_noop!(
			BtcBridge::fund_reserve(RuntimeOrigin::signed(50), 100 * SAT),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(BtcBridge::fund_reserve(RuntimeOrigin::signed(4), 100 * SAT));
		assert_eq!(FeeReserve::<Test>::get(), 100);
		assert_eq!(Balances::balance(&4), START - 100 * SAT);
		assert!(bridge_events().contains(&Event::ReserveFunded { who: 4, sats: 100 }));

		assert_noop!(
			BtcBridge::set_config(RuntimeOrigin::signed(1), Some(6), None, None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			BtcBridge::set_config(RuntimeOrigin::root(), Some(0), None, None),
			Error::<Test>::BadConfig
		);
		assert_noop!(
			BtcBridge::set_config(RuntimeOrigin::root(), None, Some(0), None),
			Error::<Test>::BadConfig
		);
		assert_ok!(BtcBridge::set_config(RuntimeOrigin::root(), Some(6), Some(7), Some(false)));
		assert_eq!(
			(Confirmations::<Test>::get(), FeeRate::<Test>::get(), AllowInsecure::<Test>::get()),
			(6, 7, false)
		);
		assert_eq!(quote(), expected_quote(7));
	});
}

#[test]
fn the_signers_report_witness_sizes_the_bitcoin_crate_agrees_with() {
	new_test_ext(&SIGNERS).execute_with(|| {
		let v = current_ref();
		let details = ThresholdSigner::vault_details(v.id).unwrap();
		let sigs: Vec<Option<[u8; 64]>> = (0..4).map(|i| (i < 3).then_some([7u8; 64])).collect();
		let w = pallet_threshold_signer::taproot::multi_a_witness(
			&sigs,
			&details.multi_a_leaf,
			&details.multi_a_control_block,
		);
		assert_eq!(v.witness_size as usize, serialize(&w).len());
		assert_eq!((v.threshold, v.signers), (3, 4));
	});
}

// ---------------------------------------------------------------------------------------
// Properties

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Debug, Clone)]
	enum Op {
		Deposit(u64),
		Unaddressed(u64),
		Withdraw(u64),
		Cancel(u64),
		Interval,
		SignAll,
		ConfirmAll,
		Bump,
		Fund(u64),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(500u64..500_000).prop_map(Op::Deposit),
			(500u64..50_000).prop_map(Op::Unaddressed),
			(900u64..200_000).prop_map(Op::Withdraw),
			(0u64..10).prop_map(Op::Cancel),
			Just(Op::Interval),
			Just(Op::SignAll),
			Just(Op::ConfirmAll),
			Just(Op::Bump),
			(1u64..50_000).prop_map(Op::Fund),
		]
	}

	fn apply(op: &Op, n: &mut u8) {
		*n = n.wrapping_add(1);
		match op {
			Op::Deposit(s) => {
				let tx =
					deposit_tx(foreign(*n), vec![pay(&vault_spk(), *s), op_return(&evm_of(9))]);
				let p = mine(&tx);
				advance_btc(2);
				let _ = submit(&tx, p.clone());
				// A replay never credits twice.
				assert!(submit(&tx, p).is_err());
			},
			Op::Unaddressed(s) => {
				let tx = deposit_tx(foreign(*n), vec![pay(&vault_spk(), *s)]);
				let p = mine(&tx);
				advance_btc(2);
				let _ = submit(&tx, p);
			},
			Op::Withdraw(s) => {
				let _ = BtcBridge::withdraw(
					RuntimeOrigin::signed(9),
					*s as u128 * SAT,
					addr(&p2wpkh(*n as u64)),
				);
			},
			Op::Cancel(id) => {
				let _ = BtcBridge::cancel_withdrawal(RuntimeOrigin::signed(9), *id);
			},
			Op::Interval => run_to_interval(),
			Op::SignAll => {
				for (_, b) in Batches::<Test>::iter() {
					if let Some(v) = b.versions.last() {
						if !v.signed
							&& pallet_threshold_signer::Rounds::<Test>::get(v.round).is_some()
						{
							sign_round(v.round, &SIGNERS[..3]);
						}
					}
				}
			},
			Op::ConfirmAll => {
				let ids: Vec<u64> = Batches::<Test>::iter_keys().collect();
				for id in ids {
					if let Some(tx) = BtcBridge::signed_tx(id) {
						let tx: bitcoin::Transaction =
							bitcoin::consensus::deserialize(&tx).unwrap();
						// Every signed transaction pays only requested addresses and the vault.
						let batch = Batches::<Test>::get(id).unwrap();
						for (out, wid) in tx.output.iter().zip(batch.withdrawals.iter()) {
							let w = Withdrawals::<Test>::get(wid).unwrap();
							assert_eq!(out.value.to_sat(), w.amount);
							assert_eq!(out.script_pubkey.as_bytes(), &w.script_pubkey[..]);
						}
						assert_eq!(tx.output.len(), batch.withdrawals.len() + 1);
						let change = &tx.output.last().unwrap().script_pubkey;
						assert_eq!(
							change.as_bytes(),
							&KnownVaults::<Test>::get(batch.change_vault).unwrap().script_pubkey[..]
						);
						let p = mine(&tx);
						advance_btc(2);
						let _ = BtcBridge::submit_batch_proof(
							RuntimeOrigin::signed(5),
							id,
							bv(serialize(&tx)),
							bv(p),
						);
					}
				}
			},
			Op::Bump => {
				advance_btc(6);
				let ids: Vec<u64> = Batches::<Test>::iter_keys().collect();
				for id in ids {
					let _ = BtcBridge::bump_fee(RuntimeOrigin::signed(6), id);
				}
			},
			Op::Fund(s) => {
				let _ = BtcBridge::fund_reserve(RuntimeOrigin::signed(4), *s as u128 * SAT);
			},
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

		/// Bridged BTC outstanding never exceeds the tracked UTXOs (exactly: the UTXOs hold
		/// it plus what is unclaimed, reserved and owed); no fee a batch pays exceeds what
		/// its requests paid plus the reserve, which never goes negative.
		#[test]
		fn the_bridge_stays_backed(ops in proptest::collection::vec(op(), 1..40)) {
			new_test_ext(&SIGNERS).execute_with(|| {
				let mut n = 0u8;
				let mut miner_fees = 0u64;
				let mut seen = std::collections::BTreeSet::new();
				for op in &ops {
					System::reset_events();
					apply(op, &mut n);
					for e in bridge_events() {
						if let Event::BatchCompleted { id, fee, .. } = e {
							assert!(seen.insert(id), "batch {id} completed twice");
							miner_fees += fee;
						}
					}
					BtcBridge::do_try_state().unwrap();
					assert!(Outstanding::<Test>::get() <= sats_to_base_units(UtxoTotal::<Test>::get()));
				}
				let _ = miner_fees;
			});
		}
	}
}
