//! Benchmarks of the BTC bridge, each at its worst case: deposits of the largest transaction
//! (every output a credited vault output), batches that try every request count before one
//! fits, proofs that complete batches of the most inputs, sweeps over the most UTXOs, and
//! thefts through the most inputs.

use super::*;
use alloc::vec;
use bitcoin::{
	absolute::LockTime, consensus::serialize, transaction::Version, Amount,
	OutPoint as BtcOutPoint, ScriptBuf, Sequence, TxIn, TxOut, Txid, Witness,
};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<AccountId> {
	/// Makes a current vault of `signers` signers (replacing any), which
	/// [`Self::complete_round`] can sign for.
	fn make_vault(signers: u32);
	/// Makes the light client prove `raw_tx` with at least `confirmations`; returns the
	/// `gettxoutproof` bytes.
	fn prove(raw_tx: &[u8], confirmations: u32) -> Vec<u8>;
	/// Has every member of the round's vaults sign it, completing it.
	fn complete_round(round: RoundId);
	/// Has every member of the current vault sign the first `vault_inputs` inputs of
	/// `unsigned_tx`, which spend current vault outputs, outside any round, as thieves would;
	/// `prevouts` are the outputs all its inputs spend. Returns the signed transaction.
	fn sign_outside_rounds(
		unsigned_tx: &[u8],
		prevouts: &[BtcOutput],
		vault_inputs: u32,
	) -> Vec<u8>;
}

fn foreign(i: u32) -> BtcOutPoint {
	let mut txid = [0xf0u8; 32];
	txid[..4].copy_from_slice(&i.to_le_bytes());
	BtcOutPoint { txid: Txid::from_byte_array(txid), vout: i }
}

fn tx(inputs: Vec<BtcOutPoint>, output: Vec<TxOut>) -> Transaction {
	Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: inputs
			.into_iter()
			.map(|o| TxIn {
				previous_output: o,
				script_sig: ScriptBuf::new(),
				sequence: Sequence::MAX,
				witness: Witness::new(),
			})
			.collect(),
		output,
	}
}

fn vault_spk<T: Config>() -> ScriptBuf {
	ScriptBuf::from_bytes(T::Signers::current_vault().expect("a vault").script_pubkey.to_vec())
}

/// A vault of the most signers, known to the bridge.
fn vault<T: Config>() {
	T::BenchmarkHelper::make_vault(64);
	Pallet::<T>::sync_vault();
	AllowInsecure::<T>::put(true);
}

/// Deposits `n` outputs of `sats` each for `who`, in one proven transaction.
fn deposit<T: Config>(salt: u32, n: u32, sats: u64, who: &T::AccountId) -> Transaction {
	let mut outputs: Vec<TxOut> = (0..n)
		.map(|_| TxOut { value: Amount::from_sat(sats), script_pubkey: vault_spk::<T>() })
		.collect();
	let mut account = [0u8; 32];
	let enc = who.encode();
	let n = enc.len().min(32);
	account[..n].copy_from_slice(&enc[..n]);
	outputs.push(TxOut {
		value: Amount::ZERO,
		script_pubkey: ScriptBuf::new_op_return(
			bitcoin::script::PushBytesBuf::try_from(account.to_vec()).expect("32 bytes"),
		),
	});
	let t = tx(vec![foreign(salt)], outputs);
	let raw = serialize(&t);
	let proof = T::BenchmarkHelper::prove(&raw, Confirmations::<T>::get());
	Pallet::<T>::do_deposit(&raw, &proof).expect("a valid deposit");
	t
}

/// `n` coins of `sats` each in the current vault, tracked as proven deposits leave them, and
/// their sum credited to `who`. What the bridge does with a coin does not depend on how it
/// was proven, and proving a thousand deposits would make each setup take seconds.
fn coins<T: Config>(salt: u32, n: u32, sats: u64, who: &T::AccountId) {
	// The light client knows its network (withdrawal addresses are checked against it) and
	// a best height (the coins' age), as after a proven deposit.
	if T::LightClient::network().is_none() {
		let _ = T::BenchmarkHelper::prove(&serialize(&tx(vec![foreign(salt)], vec![])), 1);
	}
	let vault = CurrentVault::<T>::get().expect("a vault");
	let height = T::LightClient::best_block().map(|(h, _)| h).unwrap_or(0);
	for k in 0..n {
		let outpoint =
			OutPoint { txid: H256(foreign(salt.wrapping_add(k)).txid.to_byte_array()), vout: k };
		Pallet::<T>::track(outpoint, Utxo { vault, value: sats, height, spending: None });
	}
	Pallet::<T>::credit(who, sats_to(sats.saturating_mul(n as u64))).expect("credited");
}

/// A regtest-or-any-network P2TR address of the light client's network.
fn address<T: Config>(i: u32) -> BoundedVec<u8, MaxAddressLen> {
	let network = btc::network_of(T::LightClient::network().expect("initialized"));
	let mut key = [2u8; 32];
	key[..4].copy_from_slice(&i.to_le_bytes());
	let xonly = (0u8..=255)
		.find_map(|b| {
			key[31] = b;
			bitcoin::secp256k1::XOnlyPublicKey::from_slice(&key).ok()
		})
		.expect("half of all x are on the curve");
	let a = bitcoin::Address::p2tr_tweaked(
		bitcoin::key::TweakedPublicKey::dangerous_assume_tweaked(xonly),
		network,
	);
	BoundedVec::truncate_from(alloc::string::ToString::to_string(&a).into_bytes())
}

/// `w` queued withdrawals of `sats` by `who`.
fn queue<T: Config>(w: u32, sats: u64, who: &T::AccountId) {
	for i in 0..w {
		Pallet::<T>::do_withdraw(who.clone(), sats_to(sats), address::<T>(i))
			.expect("a valid withdrawal");
	}
}

fn sats_to(sats: u64) -> Balance {
	tapchain_primitives::sats_to_base_units(sats)
}

/// A withdrawal batch of `w` requests over `i` inputs, signed.
fn signed_batch<T: Config>(i: u32, w: u32) -> (BatchId, Transaction) {
	let who: T::AccountId = account("user", 0, 0);
	// `i` coins that pay `w` withdrawals of 10,000 sats, the fees of the batch and of its
	// bumps (up to 64 signatures per input), and leave change.
	let total = 10_000u64 * w as u64 + 2_000_000;
	let each = total / i as u64 + 1;
	coins::<T>(1_000, i, each, &who);
	queue::<T>(w, 10_000, &who);
	Pallet::<T>::make_withdrawal_batch();
	let id = NextBatchId::<T>::get() - 1;
	let round = Batches::<T>::get(id).expect("a batch").versions[0].round;
	T::BenchmarkHelper::complete_round(round);
	let signed = SignedBatchTx::<T>::get(id).expect("signed");
	(id, bitcoin::consensus::deserialize(&signed).expect("decodes"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A deposit transaction of about `t` bytes, every output a credited vault output.
	#[benchmark]
	fn submit_deposit(t: Linear<200, { T::MaxTxSize::get() }>) {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		let n = ((t - 100) / 43).clamp(1, T::MaxUtxos::get());
		let mut outputs: Vec<TxOut> = (0..n)
			.map(|_| TxOut { value: Amount::from_sat(100_000), script_pubkey: vault_spk::<T>() })
			.collect();
		let mut account = [0u8; 32];
		let enc = who.encode();
		account[..enc.len().min(32)].copy_from_slice(&enc[..enc.len().min(32)]);
		outputs.push(TxOut {
			value: Amount::ZERO,
			script_pubkey: ScriptBuf::new_op_return(
				bitcoin::script::PushBytesBuf::try_from(account.to_vec()).expect("32 bytes"),
			),
		});
		let raw = serialize(&tx(vec![foreign(1)], outputs));
		let proof = T::BenchmarkHelper::prove(&raw, Confirmations::<T>::get());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_deposit(
			RawOrigin::Signed(caller),
			BoundedVec::truncate_from(raw),
			BoundedVec::truncate_from(proof),
		);

		assert_eq!(UtxoCount::<T>::get(), n);
	}

	/// A claim whose previous transaction is `t` bytes (BIP-340 over a P2TR output).
	#[benchmark]
	fn claim_deposit(t: Linear<100, { T::MaxTxSize::get() }>) {
		vault::<T>();
		let secp = bitcoin::secp256k1::Secp256k1::new();
		let kp = bitcoin::secp256k1::Keypair::from_seckey_slice(&secp, &[7u8; 32]).expect("valid");
		let xonly = kp.x_only_public_key().0;
		// The previous transaction is about `t` bytes: 96 of framing and outputs, the rest
		// an OP_RETURN-style filler.
		let filler = (t as usize).saturating_sub(110);
		let prev = tx(
			vec![foreign(2)],
			vec![
				TxOut {
					value: Amount::from_sat(50_000),
					script_pubkey: ScriptBuf::new_p2tr_tweaked(
						bitcoin::key::TweakedPublicKey::dangerous_assume_tweaked(xonly),
					),
				},
				TxOut {
					value: Amount::ZERO,
					script_pubkey: ScriptBuf::from_bytes(vec![0x6a; filler]),
				},
			],
		);
		let deposit_tx = tx(
			vec![BtcOutPoint { txid: prev.compute_txid(), vout: 0 }],
			vec![TxOut { value: Amount::from_sat(40_000), script_pubkey: vault_spk::<T>() }],
		);
		let raw = serialize(&deposit_tx);
		let proof = T::BenchmarkHelper::prove(&raw, Confirmations::<T>::get());
		Pallet::<T>::do_deposit(&raw, &proof).expect("recorded");
		let deposit = OutPoint { txid: H256(deposit_tx.compute_txid().to_byte_array()), vout: 0 };
		let to: T::AccountId = account("claimer", 0, 0);
		let msg = btc::claim_message(&Pallet::<T>::genesis_hash(), &deposit, &to.encode());
		let sig = secp
			.sign_schnorr_no_aux_rand(&bitcoin::secp256k1::Message::from_digest(msg), &kp)
			.serialize();
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		claim_deposit(
			RawOrigin::Signed(caller),
			deposit,
			to.clone(),
			BoundedVec::truncate_from(serialize(&prev)),
			None,
			sig,
		);

		assert_eq!(T::Currency::balance(&to), sats_to(40_000));
	}

	/// A withdrawal to a P2TR address (the longest) with a nearly full queue.
	#[benchmark]
	fn withdraw() {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		deposit::<T>(3, 1, 50_000_000, &who);
		queue::<T>(T::MaxQueue::get() - 1, 10_000, &who);
		let to = address::<T>(u32::MAX);

		#[extrinsic_call]
		withdraw(RawOrigin::Signed(who), sats_to(10_000), to);

		assert_eq!(Queue::<T>::decode_len(), Some(T::MaxQueue::get() as usize));
	}

	/// Cancelling the last of `q` queued withdrawals.
	#[benchmark]
	fn cancel_withdrawal(q: Linear<1, { T::MaxQueue::get() }>) {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		deposit::<T>(4, 1, 50_000_000, &who);
		queue::<T>(q, 10_000, &who);
		let id = NextWithdrawalId::<T>::get() - 1;

		#[extrinsic_call]
		cancel_withdrawal(RawOrigin::Signed(who), id);

		assert_eq!(Queue::<T>::decode_len(), Some(q as usize - 1));
	}

	/// The proof that completes a batch of `i` inputs and the most withdrawals.
	#[benchmark]
	fn submit_batch_proof(i: Linear<1, { T::MaxInputs::get() }>) {
		vault::<T>();
		let (id, signed) = signed_batch::<T>(i, T::MaxBatch::get());
		let raw = serialize(&signed);
		let proof = T::BenchmarkHelper::prove(&raw, Confirmations::<T>::get());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		submit_batch_proof(
			RawOrigin::Signed(caller),
			id,
			BoundedVec::truncate_from(raw),
			BoundedVec::truncate_from(proof),
		);

		assert!(matches!(Batches::<T>::get(id).unwrap().status, BatchStatus::Completed { .. }));
	}

	/// A fee bump of a batch of `i` inputs and `w` withdrawals (the round it opens is
	/// charged separately, by the signers' weight).
	#[benchmark]
	fn bump_fee(i: Linear<1, { T::MaxInputs::get() }>, w: Linear<1, { T::MaxBatch::get() }>) {
		vault::<T>();
		let (id, _) = signed_batch::<T>(i, w);
		FeeReserve::<T>::put(1_000_000);
		let at = match Batches::<T>::get(id).unwrap().status {
			BatchStatus::Signed { at } => at,
			_ => panic!("signed"),
		};
		// The light client's best height must pass the timeout: prove something at it.
		let filler = serialize(&tx(vec![foreign(9)], vec![]));
		let _ = T::BenchmarkHelper::prove(&filler, T::BumpAfter::get().saturating_add(1));
		assert!(T::LightClient::best_block().unwrap().0 >= at + T::BumpAfter::get());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		bump_fee(RawOrigin::Signed(caller), id);

		assert_eq!(Batches::<T>::get(id).unwrap().versions.len(), 2);
	}

	/// A theft through `i` tracked inputs, signed by every member of the vault, with `p`
	/// other inputs whose prevouts the reporter gives (each one more for every sighash).
	#[benchmark]
	fn report_theft(
		i: Linear<1, { T::MaxInputs::get() }>,
		p: Linear<0, { T::MaxSpendTxSize::get() / 64 }>,
	) {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		let deposit_tx = deposit::<T>(5, i, 100_000, &who);
		let inputs: Vec<VaultInput> = (0..i)
			.map(|_| VaultInput {
				vault: CurrentVault::<T>::get().unwrap(),
				prevout: BtcOutput { value: 100_000, script_pubkey: vault_spk::<T>().into_bytes() },
			})
			.collect();
		let outpoints: Vec<OutPoint> = (0..i)
			.map(|v| OutPoint { txid: H256(deposit_tx.compute_txid().to_byte_array()), vout: v })
			.chain(
				(0..p).map(|n| OutPoint {
					txid: H256(foreign(n + 1_000).txid.to_byte_array()),
					vout: n,
				}),
			)
			.collect();
		// The thieves sign a transaction no round made.
		let payee =
			vec![0x00, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
		let unsigned = btc::build_tx(&outpoints, &[(100_000 * i as u64 - 10_000, &payee[..])]);
		let others: Vec<BtcOutput> = (0..p)
			.map(|_| BtcOutput { value: 1_000, script_pubkey: payee.clone() })
			.collect();
		let mut prevouts: Vec<BtcOutput> = inputs.into_iter().map(|x| x.prevout).collect();
		prevouts.extend(others.iter().cloned());
		let signed = T::BenchmarkHelper::sign_outside_rounds(&btc::encode(&unsigned), &prevouts, i);
		let proof = T::BenchmarkHelper::prove(&signed, Confirmations::<T>::get());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		report_theft(
			RawOrigin::Signed(caller),
			BoundedVec::truncate_from(signed),
			BoundedVec::truncate_from(proof),
			BoundedVec::truncate_from(others),
		);

		assert!(Paused::<T>::get());
	}

	#[benchmark]
	fn fund_reserve() {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		deposit::<T>(6, 1, 1_000_000, &who);

		#[extrinsic_call]
		fund_reserve(RawOrigin::Signed(who), sats_to(500_000));

		assert_eq!(FeeReserve::<T>::get(), 500_000);
	}

	#[benchmark]
	fn refund_unclaimed() -> Result<(), BenchmarkError> {
		vault::<T>();
		let t = tx(
			vec![foreign(7)],
			vec![TxOut { value: Amount::from_sat(500_000), script_pubkey: vault_spk::<T>() }],
		);
		let raw = serialize(&t);
		let proof = T::BenchmarkHelper::prove(&raw, Confirmations::<T>::get());
		Pallet::<T>::do_deposit(&raw, &proof).expect("recorded");
		let deposit = OutPoint { txid: H256(t.compute_txid().to_byte_array()), vout: 0 };
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		refund_unclaimed(origin as T::RuntimeOrigin, deposit, address::<T>(1));

		assert!(UnclaimedDeposits::<T>::get(deposit).is_none());
		Ok(())
	}

	#[benchmark]
	fn resume_withdrawals() -> Result<(), BenchmarkError> {
		Paused::<T>::put(true);
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		resume_withdrawals(origin as T::RuntimeOrigin);

		assert!(!Paused::<T>::get());
		Ok(())
	}

	#[benchmark]
	fn set_config() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		set_config(origin as T::RuntimeOrigin, Some(6), Some(3), Some(false));

		assert_eq!(FeeRate::<T>::get(), 3);
		Ok(())
	}

	/// A block with nothing due.
	#[benchmark]
	fn on_initialize_idle() {
		vault::<T>();

		#[block]
		{
			let _ = Queue::<T>::decode_len();
			let _ = T::Signers::current_vault();
			let _ = CurrentVault::<T>::get();
		}
	}

	/// Learning a new vault that replaces one.
	#[benchmark]
	fn sync_vault() {
		vault::<T>();
		T::BenchmarkHelper::make_vault(63);
		let before = CurrentVault::<T>::get();

		#[block]
		{
			Pallet::<T>::sync_vault();
		}

		assert_ne!(CurrentVault::<T>::get(), before);
	}

	/// Retiring `v` closed vaults.
	#[benchmark]
	fn retire_closed_vaults(v: Linear<1, { T::MaxVaults::get() - 1 }>) {
		vault::<T>();
		for k in 0..v {
			let id = 1_000 + k;
			VaultIds::<T>::mutate(|ids| ids.try_push(id).expect("room"));
			KnownVaults::<T>::insert(
				id,
				KnownVault {
					script_pubkey: [0u8; 34],
					replaced: true,
					closes_at: Some(0),
					utxos: 0,
					expected: 0,
				},
			);
		}
		// Past every vault's closing height by more than the confirmations.
		let filler = serialize(&tx(vec![foreign(10)], vec![]));
		let _ = T::BenchmarkHelper::prove(&filler, Confirmations::<T>::get().saturating_add(1));

		#[block]
		{
			Pallet::<T>::retire_closed_vaults();
		}

		assert_eq!(VaultIds::<T>::decode_len(), Some(1));
	}

	/// A batch of `w` queued withdrawals over `u` tracked small coins: the plan tries every
	/// request count down to the one the largest inputs can pay.
	#[benchmark]
	fn make_withdrawal_batch(
		w: Linear<1, { T::MaxBatch::get() }>,
		u: Linear<1, { T::MaxUtxos::get() }>,
	) {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		coins::<T>(11, 1, 10_000_000, &who);
		coins::<T>(2_000, u - 1, 30_000, &who);
		// The big coin is spent elsewhere: only the small ones are free.
		let big = Utxos::<T>::iter().find(|(_, u)| u.value == 10_000_000).map(|(o, _)| o).unwrap();
		Utxos::<T>::mutate(big, |u| u.as_mut().map(|u| u.spending = Some(u64::MAX)));
		queue::<T>(w, 20_000, &who);

		#[block]
		{
			Pallet::<T>::make_withdrawal_batch();
		}
	}

	/// A sweep choosing among `u` coins of a replaced vault.
	#[benchmark]
	fn make_sweep(u: Linear<1, { T::MaxUtxos::get() }>) {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		coins::<T>(3_000, u, 50_000, &who);
		FeeReserve::<T>::put(10_000_000);
		T::BenchmarkHelper::make_vault(63);
		Pallet::<T>::sync_vault();

		#[block]
		{
			Pallet::<T>::make_sweep();
		}

		assert!(SweepInFlight::<T>::get().is_some());
	}

	/// The signers' callback when a batch round completes.
	#[benchmark]
	fn on_signing_complete() {
		vault::<T>();
		let who: T::AccountId = account("user", 0, 0);
		deposit::<T>(12, 1, 1_000_000, &who);
		queue::<T>(1, 10_000, &who);
		Pallet::<T>::make_withdrawal_batch();
		let id = NextBatchId::<T>::get() - 1;
		let round = Batches::<T>::get(id).unwrap().versions[0].round;
		let purpose = Purpose { caller: CALLER, reference: id, payments: vec![], change: None };
		let signed = vec![0u8; 100 * 1024];

		#[block]
		{
			<Pallet<T> as OnSigningComplete>::on_signing_complete(round, &purpose, &signed);
		}

		assert!(SignedBatchTx::<T>::get(id).is_some());
	}

	/// What the precompile's `withdrawalStatus` reads: a withdrawal in a signed batch.
	#[benchmark]
	fn withdrawal_status() {
		vault::<T>();
		let (id, _) = signed_batch::<T>(1, 1);
		let w = Batches::<T>::get(id).expect("a batch").withdrawals[0];
		let status;

		#[block]
		{
			status = Pallet::<T>::withdrawal_status(w);
		}

		assert!(status.is_some_and(|(s, txid)| s == WithdrawalStatus::Signed && txid.is_some()));
	}

	/// What the precompile's `vaultAddress` computes.
	#[benchmark]
	fn vault_address() {
		vault::<T>();
		deposit::<T>(7, 1, 50_000, &account("user", 0, 0));
		let address;

		#[block]
		{
			address = Pallet::<T>::vault_address();
		}

		assert!(address.is_some());
	}

	/// What the precompile's `withdrawalFee` computes.
	#[benchmark]
	fn withdrawal_fee() {
		vault::<T>();
		let fee;

		#[block]
		{
			fee = Pallet::<T>::withdrawal_fee(sats_to(10_000));
		}

		assert!(fee.is_ok_and(|f| f > 0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(&[]), crate::mock::Test);
}
