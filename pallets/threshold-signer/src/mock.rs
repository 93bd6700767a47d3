//! Test runtime: a validator set and a light client the tests control, and a recorder of
//! completed rounds.

use crate as pallet_threshold_signer;
use crate::taproot;
use bitcoin::secp256k1::{Keypair, Message, Secp256k1, SecretKey};
use codec::Encode;
use frame_support::{derive_impl, parameter_types, traits::ConstU32, weights::Weight};
use frame_system::EnsureRoot;
use sp_core::H256;
use sp_runtime::BuildStorage;
use std::cell::RefCell;
use tapchain_primitives::{
	btc::{BtcLightClient, BtcNetwork, SpvError, TxInclusion},
	signer::{OnSigningComplete, Purpose, RoundId},
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ThresholdSigner: pallet_threshold_signer,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	/// The validators of the current session.
	pub static VALIDATORS: RefCell<Vec<AccountId>> = RefCell::new(Vec::new());
	/// Rounds reported complete: id, purpose, signed transaction.
	pub static COMPLETED: RefCell<Vec<(RoundId, Purpose, Vec<u8>)>> = RefCell::new(Vec::new());
	/// The light client's network.
	pub static NETWORK: RefCell<Option<BtcNetwork>> = RefCell::new(Some(BtcNetwork::Regtest));
	/// Accounts beyond 1..=100 made eligible (by the benchmarks).
	pub static ELIGIBLE: RefCell<Vec<AccountId>> = RefCell::new(Vec::new());
}

/// Makes `who` the validators of the current session.
pub fn set_validators(who: &[AccountId]) {
	VALIDATORS.with(|v| *v.borrow_mut() = who.to_vec());
}

pub struct MockValidators;
impl frame_support::traits::ValidatorSet<AccountId> for MockValidators {
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	fn session_index() -> u32 {
		0
	}
	fn validators() -> Vec<AccountId> {
		VALIDATORS.with(|v| v.borrow().clone())
	}
}

/// Accounts 1..=100 may register keys (they have "session keys").
pub struct MockEligible;
impl frame_support::traits::Contains<AccountId> for MockEligible {
	fn contains(who: &AccountId) -> bool {
		(1..=100).contains(who) || ELIGIBLE.with(|e| e.borrow().contains(who))
	}
}

pub struct MockLightClient;
impl BtcLightClient for MockLightClient {
	fn network() -> Option<BtcNetwork> {
		NETWORK.with(|n| *n.borrow())
	}
	fn secure_for_value() -> bool {
		false
	}
	fn best_block() -> Option<(u32, H256)> {
		None
	}
	fn confirmations(_: &H256) -> Option<u32> {
		None
	}
	fn verify_tx_inclusion(_: &[u8], _: &[u8], _: u32) -> Result<TxInclusion, SpvError> {
		Err(SpvError::NotInitialized)
	}
	fn verify_tx_inclusion_weight(_: u32, _: u32) -> Weight {
		Weight::zero()
	}
}

pub struct Recorder;
impl OnSigningComplete for Recorder {
	fn on_signing_complete(round: RoundId, purpose: &Purpose, signed_tx: &[u8]) -> Weight {
		COMPLETED.with(|c| c.borrow_mut().push((round, purpose.clone(), signed_tx.to_vec())));
		Weight::from_parts(1, 0)
	}
	fn on_signing_complete_weight() -> Weight {
		Weight::from_parts(1, 0)
	}
}

parameter_types! {
	pub const MaxSigners: u32 = 32;
}

impl pallet_threshold_signer::Config for Test {
	type Validators = MockValidators;
	type Eligible = MockEligible;
	type LightClient = MockLightClient;
	type OnSigningComplete = Recorder;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MaxSigners = MaxSigners;
	type MaxRecoveryKeys = ConstU32<16>;
	type MaxVaults = ConstU32<4>;
	type MaxInputs = ConstU32<16>;
	type MaxTxSize = ConstU32<65536>;
	type MaxPayments = ConstU32<16>;
	type MaxRounds = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for BenchHelper {
	fn make_eligible(who: &AccountId) {
		ELIGIBLE.with(|e| e.borrow_mut().push(*who));
	}
	fn set_validators(who: &[AccountId]) {
		set_validators(who);
	}
}

/// The secret key of test signer `seed` (deterministic, never zero).
pub fn secret(seed: u64) -> SecretKey {
	let digest = taproot::tagged_hash("tapchain/test-key", &[&seed.to_le_bytes()]);
	SecretKey::from_slice(&digest).expect("a hash is a valid key with overwhelming probability")
}

/// The keypair of test signer `seed`.
pub fn keypair(seed: u64) -> Keypair {
	Keypair::from_secret_key(&Secp256k1::new(), &secret(seed))
}

/// The x-only key of test signer `seed`.
pub fn key(seed: u64) -> crate::BtcKey {
	keypair(seed).x_only_public_key().0.into()
}

/// A BIP-340 signature by `seed` over `msg`.
pub fn sign(seed: u64, msg: &[u8; 32]) -> [u8; 64] {
	let secp = Secp256k1::new();
	secp.sign_schnorr_no_aux_rand(&Message::from_digest(*msg), &keypair(seed))
		.serialize()
}

/// The proof of possession of `seed`'s key for account `who` on this test chain.
pub fn proof(seed: u64, who: AccountId) -> [u8; 64] {
	let msg = taproot::possession_message(
		&crate::Pallet::<Test>::genesis_hash(),
		&who.encode(),
		&key(seed).0,
	);
	sign(seed, &msg)
}

/// A chain at block 1 with no keys and no validators.
pub fn new_test_ext() -> sp_io::TestExternalities {
	VALIDATORS.with(|v| v.borrow_mut().clear());
	COMPLETED.with(|c| c.borrow_mut().clear());
	NETWORK.with(|n| *n.borrow_mut() = Some(BtcNetwork::Regtest));
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		// Block 1, so that `BlockHash[0]` (the genesis hash the proofs commit to) is set.
		System::initialize(&1, &H256::repeat_byte(0x42), &Default::default());
	});
	ext
}

/// A chain whose validators `seeds` registered their keys (account = seed), with a vault.
pub fn with_signers(seeds: &[u64]) -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		set_validators(seeds);
		for &s in seeds {
			frame_support::assert_ok!(ThresholdSigner::register_key(
				RuntimeOrigin::signed(s),
				key(s),
				proof(s, s)
			));
		}
		ThresholdSigner::on_session_start(1);
		System::reset_events();
	});
	ext
}
