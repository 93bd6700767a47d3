//! Benchmarks of the threshold-signer pallet, each at its worst case: `KeyAgg` and the vault at
//! up to [`Config::MaxSigners`] keys, signatures that complete a round at the maximum signer
//! count (so witness assembly is included), and sighashes for up to [`Config::MaxInputs`]
//! inputs.

use super::*;
use alloc::vec;
use bitcoin::{
	absolute::LockTime,
	secp256k1::{Keypair, Message, SecretKey},
	transaction::Version,
	OutPoint, Sequence, TxIn, Txid, Witness,
};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` eligible to register a key (gives it session keys).
	fn make_eligible(who: &AccountId);
	/// Makes `who` the validators of the current session.
	fn set_validators(who: &[AccountId]);
}

fn keypair(i: u32) -> Keypair {
	let secret = taproot::tagged_hash("tapchain/bench-key", &[&i.to_le_bytes()]);
	let secret = SecretKey::from_slice(&secret).expect("a hash is a valid secret key");
	Keypair::from_secret_key(&Secp256k1::signing_only(), &secret)
}

fn bench_key(i: u32) -> BtcKey {
	keypair(i).x_only_public_key().0.into()
}

fn sign(i: u32, msg: &[u8; 32]) -> [u8; 64] {
	Secp256k1::signing_only()
		.sign_schnorr_no_aux_rand(&Message::from_digest(*msg), &keypair(i))
		.serialize()
}

/// `n` validators, each with a key registered directly (no proof: setup only).
fn signers<T: Config>(n: u32) -> Vec<T::AccountId> {
	let accounts: Vec<T::AccountId> = (0..n).map(|i| account("signer", i, 0)).collect();
	for (i, who) in accounts.iter().enumerate() {
		Keys::<T>::insert(who, bench_key(i as u32));
		KeyOwner::<T>::insert(bench_key(i as u32), who);
	}
	T::BenchmarkHelper::set_validators(&accounts);
	accounts
}

fn recovery<T: Config>() -> Recovery<T> {
	let keys: Vec<BtcKey> = (0..T::MaxRecoveryKeys::get()).map(|i| bench_key(10_000 + i)).collect();
	let threshold = keys.len() as u16;
	Recovery { keys: BoundedVec::truncate_from(keys), threshold, delay: 12_960 }
}

/// A vault of `MaxSigners` signers with the largest recovery path, and a transaction spending
/// `inputs` of its outputs that pays `payments` outputs and change.
fn round_setup<T: Config>(inputs: u32, payments: u32) -> (Vec<u8>, Vec<VaultInput>, Purpose) {
	let accounts = signers::<T>(T::MaxSigners::get());
	RecoveryConfig::<T>::put(recovery::<T>());
	Pallet::<T>::on_session_start(1);
	let id = CurrentVault::<T>::get().expect("a vault");
	let spk = Vaults::<T>::get(id).expect("stored").script_pubkey().to_vec();
	let _ = accounts;
	let payment_spk = {
		let mut s = vec![0x00, 0x20];
		s.extend_from_slice(&[7u8; 32]);
		s
	};
	let value = 100_000u64;
	let tx = Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: (0..inputs)
			.map(|i| TxIn {
				previous_output: OutPoint {
					txid: Txid::from_byte_array([(i % 251) as u8 + 1; 32]),
					vout: i,
				},
				script_sig: ScriptBuf::new(),
				sequence: Sequence::MAX,
				witness: Witness::new(),
			})
			.collect(),
		output: (0..payments)
			.map(|_| TxOut {
				value: Amount::from_sat(1_000),
				script_pubkey: ScriptBuf::from_bytes(payment_spk.clone()),
			})
			.chain(core::iter::once(TxOut {
				value: Amount::from_sat(value * inputs as u64 - 1_000 * payments as u64 - 500),
				script_pubkey: ScriptBuf::from_bytes(spk.clone()),
			}))
			.collect(),
	};
	let vault_inputs = (0..inputs)
		.map(|_| VaultInput { vault: id, prevout: BtcOutput { value, script_pubkey: spk.clone() } })
		.collect();
	let purpose = Purpose {
		caller: *b"benchmrk",
		reference: 0,
		payments: (0..payments)
			.map(|_| BtcOutput { value: 1_000, script_pubkey: payment_spk.clone() })
			.collect(),
		change: Some(id),
	};
	(serialize(&tx), vault_inputs, purpose)
}

/// Helpers for other pallets' benchmarks (the BTC bridge's): vaults of signers whose secret
/// keys are derived from their accounts, so that rounds can be signed inside the runtime.
pub mod helpers {
	use super::*;

	fn account_keypair<T: Config>(who: &T::AccountId) -> Keypair {
		let secret = taproot::tagged_hash("tapchain/bench-account-key", &[&who.encode()]);
		let secret = SecretKey::from_slice(&secret).expect("a hash is a valid secret key");
		Keypair::from_secret_key(&Secp256k1::signing_only(), &secret)
	}

	fn account_sign<T: Config>(who: &T::AccountId, msg: &[u8; 32]) -> [u8; 64] {
		Secp256k1::signing_only()
			.sign_schnorr_no_aux_rand(&Message::from_digest(*msg), &account_keypair::<T>(who))
			.serialize()
	}

	/// Makes the current vault one of `n` fresh signers (`salt` tells sets apart), as a session
	/// start would. Returns its id.
	pub fn make_vault<T: Config>(n: u32, salt: u32) -> VaultId {
		let accounts: Vec<T::AccountId> =
			(0..n).map(|i| account("bench-vault-signer", i, salt)).collect();
		for who in &accounts {
			let key: BtcKey = account_keypair::<T>(who).x_only_public_key().0.into();
			Keys::<T>::insert(who, key);
			KeyOwner::<T>::insert(key, who);
		}
		T::BenchmarkHelper::set_validators(&accounts);
		Pallet::<T>::on_session_start(salt);
		CurrentVault::<T>::get().expect("a vault of registered keys forms")
	}

	/// Has the members of round `id`'s vaults sign it until it completes.
	pub fn complete_round<T: Config>(id: RoundId) {
		let round = Rounds::<T>::get(id).expect("an open round");
		let mut members: Vec<T::AccountId> = Vec::new();
		for input in round.inputs.iter() {
			for (who, _) in Vaults::<T>::get(input.vault).expect("kept").members {
				if !members.contains(&who) {
					members.push(who);
				}
			}
		}
		for who in members {
			let done = Rounds::<T>::get(id).is_none_or(|r| r.status == RoundStatus::Complete);
			if done {
				break;
			}
			let sigs: Vec<(u32, SchnorrSig)> = round
				.inputs
				.iter()
				.enumerate()
				.filter(|(_, input)| {
					Vaults::<T>::get(input.vault)
						.is_some_and(|v| v.members.iter().any(|(a, _)| *a == who))
				})
				.map(|(i, input)| (i as u32, account_sign::<T>(&who, &input.sighash)))
				.collect();
			Pallet::<T>::submit_signatures(
				frame_system::RawOrigin::Signed(who).into(),
				id,
				BoundedVec::truncate_from(sigs),
			)
			.expect("valid signatures of a member");
		}
	}

	/// Has every member of the current vault sign the first `vault_inputs` inputs of
	/// `unsigned_tx`, which spend current vault outputs, outside any round; `prevouts` are the
	/// outputs all its inputs spend. Returns the signed transaction.
	pub fn sign_outside_rounds<T: Config>(
		unsigned_tx: &[u8],
		prevouts: &[BtcOutput],
		vault_inputs: u32,
	) -> Vec<u8> {
		let mut tx: Transaction =
			bitcoin::consensus::deserialize(unsigned_tx).expect("a transaction");
		let id = CurrentVault::<T>::get().expect("a vault");
		let details = Pallet::<T>::vault_details(id).expect("kept");
		let outs: Vec<TxOut> = prevouts
			.iter()
			.map(|o| TxOut {
				value: Amount::from_sat(o.value),
				script_pubkey: ScriptBuf::from_bytes(o.script_pubkey.clone()),
			})
			.collect();
		let leaf = bitcoin::taproot::TapLeafHash::from_script(
			bitcoin::Script::from_bytes(&details.multi_a_leaf),
			bitcoin::taproot::LeafVersion::TapScript,
		);
		let leaves = vec![leaf; outs.len()];
		let sighashes =
			taproot::script_path_sighashes(&tx, &outs, &leaves).expect("one prevout per input");
		for (input, sighash) in tx.input.iter_mut().zip(sighashes).take(vault_inputs as usize) {
			let sigs: Vec<Option<[u8; 64]>> = details
				.members
				.iter()
				.map(|(who, _)| Some(account_sign::<T>(who, &sighash)))
				.collect();
			input.witness = taproot::multi_a_witness(
				&sigs,
				&details.multi_a_leaf,
				&details.multi_a_control_block,
			);
		}
		serialize(&tx)
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A first registration (no key to replace costs one fewer write, so replacing is the
	/// worst case).
	#[benchmark]
	fn register_key() {
		let who: T::AccountId = whitelisted_caller();
		T::BenchmarkHelper::make_eligible(&who);
		Keys::<T>::insert(&who, bench_key(1));
		KeyOwner::<T>::insert(bench_key(1), &who);
		let key = bench_key(2);
		let msg = taproot::possession_message(&Pallet::<T>::genesis_hash(), &who.encode(), &key.0);
		let proof = sign(2, &msg);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key, proof);

		assert_eq!(Keys::<T>::get(&who), Some(key));
	}

	/// `i` signatures that complete a round over `i` inputs of a `MaxSigners` vault: `i`
	/// verifications and the assembly of `i` witnesses of `MaxSigners` elements.
	#[benchmark]
	fn submit_signatures(i: Linear<1, { T::MaxInputs::get() }>) -> Result<(), BenchmarkError> {
		let (tx, inputs, purpose) = round_setup::<T>(i, 1);
		let id = Pallet::<T>::open(&tx, inputs, purpose).map_err(|_| "round opens")?;
		let vault = Vaults::<T>::get(CurrentVault::<T>::get().ok_or("vault")?).ok_or("vault")?;
		let sighashes: Vec<[u8; 32]> =
			Rounds::<T>::get(id).ok_or("round")?.inputs.iter().map(|i| i.sighash).collect();
		let key_index = |who: &T::AccountId| -> u32 {
			let key = Keys::<T>::get(who).expect("a key");
			(0..T::MaxSigners::get()).find(|j| bench_key(*j) == key).expect("a bench key")
		};
		let sigs_of = |who: &T::AccountId| -> BoundedVec<(u32, SchnorrSig), T::MaxInputs> {
			let k = key_index(who);
			BoundedVec::truncate_from(
				sighashes.iter().enumerate().map(|(n, h)| (n as u32, sign(k, h))).collect(),
			)
		};
		let k = vault.threshold as usize;
		for (who, _) in vault.members.iter().take(k - 1) {
			Pallet::<T>::submit_signatures(RawOrigin::Signed(who.clone()).into(), id, sigs_of(who))
				.map_err(|_| "signs")?;
		}
		let last = vault.members[k - 1].0.clone();
		let sigs = sigs_of(&last);

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, sigs);

		assert!(SignedTx::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn set_recovery() -> Result<(), BenchmarkError> {
		let r = recovery::<T>();
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some((r.keys.clone(), r.threshold, r.delay)));

		assert_eq!(RecoveryConfig::<T>::get(), Some(r));
		Ok(())
	}

	/// A round over `i` inputs paying `p` outputs (plus change).
	#[benchmark]
	fn open_round(
		i: Linear<1, { T::MaxInputs::get() }>,
		p: Linear<0, { T::MaxPayments::get() }>,
	) -> Result<(), BenchmarkError> {
		let (tx, inputs, purpose) = round_setup::<T>(i, p);
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let tx = BoundedVec::try_from(tx).map_err(|_| "tx fits")?;
		let inputs = BoundedVec::truncate_from(inputs);
		let payments = BoundedVec::truncate_from(purpose.payments);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, tx, inputs, 0, payments, purpose.change);

		assert_eq!(RoundCount::<T>::get(), 1);
		Ok(())
	}

	/// A signer-set change to `n` signers with the largest recovery path: `KeyAgg`, both
	/// leaves and the tree.
	#[benchmark]
	fn rotate(n: Linear<1, { T::MaxSigners::get() }>) {
		signers::<T>(n);
		RecoveryConfig::<T>::put(recovery::<T>());
		// A chain spec may already have a vault (dev has Alice's).
		let next = NextVaultId::<T>::get();

		#[block]
		{
			Pallet::<T>::on_session_start(1);
		}

		assert_eq!(CurrentVault::<T>::get(), Some(next));
	}

	/// `KeyAgg` of `n` keys alone.
	#[benchmark]
	fn key_agg(n: Linear<1, { T::MaxSigners::get() }>) -> Result<(), BenchmarkError> {
		let keys: Vec<XOnlyPublicKey> = (0..n).map(|i| keypair(i).x_only_public_key().0).collect();
		let secp = Secp256k1::verification_only();
		let result;

		#[block]
		{
			result = taproot::key_agg(&secp, &keys);
		}

		result.map_err(|_| "KeyAgg of distinct keys succeeds")?;
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
