//! Test runtime: the real threshold-signer pallet (so batches are really signed and their
//! witnesses really assembled), balances, and a light client and validator set the tests
//! control.

use crate as pallet_btc_bridge;
use crate::{btc, DepositRecipient, SlashThieves};
use bitcoin::{
	absolute::LockTime,
	consensus::{deserialize, serialize},
	hashes::Hash,
	secp256k1::{Keypair, Message, Secp256k1, SecretKey},
	transaction::Version,
	Amount, OutPoint as BtcOutPoint, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Txid, Witness,
};
use codec::Encode;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
	weights::Weight,
	BoundedVec,
};
use frame_system::EnsureRoot;
use pallet_threshold_signer::{taproot, BtcKey};
use sp_core::H256;
use sp_runtime::{BuildStorage, Permill};
use std::{cell::RefCell, collections::BTreeMap};
use tapchain_primitives::btc::{BtcLightClient, BtcNetwork, SpvError, TxInclusion};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ThresholdSigner: pallet_threshold_signer,
		BtcBridge: pallet_btc_bridge,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

parameter_types! {
	pub const ExistentialDeposit: u128 = 500;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
}

thread_local! {
	pub static VALIDATORS: RefCell<Vec<AccountId>> = RefCell::new(Vec::new());
	pub static NETWORK: RefCell<Option<BtcNetwork>> = RefCell::new(Some(BtcNetwork::Regtest));
	pub static SECURE: RefCell<bool> = RefCell::new(false);
	/// The best Bitcoin height.
	pub static BEST: RefCell<u32> = RefCell::new(100);
	/// Mined transactions: txid → height.
	pub static MINED: RefCell<BTreeMap<[u8; 32], u32>> = RefCell::new(BTreeMap::new());
	/// Heights whose blocks a reorganization dropped.
	pub static REORGED: RefCell<Vec<u32>> = RefCell::new(Vec::new());
	pub static ORACLE: RefCell<Option<u64>> = RefCell::new(None);
	pub static SLASHED: RefCell<Vec<(Vec<AccountId>, AccountId)>> = RefCell::new(Vec::new());
	pub static SESSION: RefCell<u32> = RefCell::new(1);
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

pub struct Everyone;
impl frame_support::traits::Contains<AccountId> for Everyone {
	fn contains(_: &AccountId) -> bool {
		true
	}
}

/// The block hash the mock gives height `h`.
pub fn block_hash(h: u32) -> H256 {
	let mut bytes = [0u8; 32];
	bytes[..4].copy_from_slice(&h.to_le_bytes());
	bytes[31] = 0xb7;
	H256(bytes)
}

/// The "proof" the mock light client accepts for a transaction: its txid, reversed (any
/// other bytes are a Merkle root mismatch).
pub fn proof_of(tx: &Transaction) -> Vec<u8> {
	let mut p = tx.compute_txid().to_byte_array().to_vec();
	p.reverse();
	p
}

pub struct MockLightClient;
impl BtcLightClient for MockLightClient {
	fn network() -> Option<BtcNetwork> {
		NETWORK.with(|n| *n.borrow())
	}
	fn secure_for_value() -> bool {
		SECURE.with(|s| *s.borrow())
	}
	fn best_block() -> Option<(u32, H256)> {
		let best = BEST.with(|b| *b.borrow());
		Some((best, block_hash(best)))
	}
	fn confirmations(hash: &H256) -> Option<u32> {
		let h = u32::from_le_bytes(hash.0[..4].try_into().ok()?);
		if REORGED.with(|r| r.borrow().contains(&h)) {
			return None;
		}
		let best = BEST.with(|b| *b.borrow());
		(h <= best).then(|| best - h + 1)
	}
	fn verify_tx_inclusion(raw: &[u8], proof: &[u8], min: u32) -> Result<TxInclusion, SpvError> {
		let tx: Transaction = deserialize(raw).map_err(|_| SpvError::MalformedTransaction)?;
		if proof != proof_of(&tx) {
			return Err(SpvError::MerkleRootMismatch);
		}
		let txid = tx.compute_txid().to_byte_array();
		let height =
			MINED.with(|m| m.borrow().get(&txid).copied()).ok_or(SpvError::UnknownBlock)?;
		let confirmations =
			Self::confirmations(&block_hash(height)).ok_or(SpvError::NotOnBestChain)?;
		if confirmations < min {
			return Err(SpvError::InsufficientConfirmations);
		}
		Ok(TxInclusion {
			height,
			block_hash: block_hash(height),
			index: 1,
			txid: H256(txid),
			confirmations,
		})
	}
	fn verify_tx_inclusion_weight(_: u32, _: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}

/// Mines `tx` into a new block at the tip and returns its proof.
pub fn mine(tx: &Transaction) -> Vec<u8> {
	let height = BEST.with(|b| {
		*b.borrow_mut() += 1;
		*b.borrow()
	});
	MINED.with(|m| m.borrow_mut().insert(tx.compute_txid().to_byte_array(), height));
	proof_of(tx)
}

/// Adds `n` empty Bitcoin blocks.
pub fn advance_btc(n: u32) {
	BEST.with(|b| *b.borrow_mut() += n);
}

pub struct Recipients;
impl DepositRecipient<AccountId> for Recipients {
	fn from_evm(address: [u8; 20]) -> AccountId {
		u64::from_le_bytes(address[..8].try_into().expect("8 bytes"))
	}
	fn from_bytes(bytes: [u8; 32]) -> Option<AccountId> {
		bytes[8..]
			.iter()
			.all(|b| *b == 0)
			.then(|| u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes")))
	}
}

pub struct Slasher;
impl SlashThieves<AccountId> for Slasher {
	fn slash(offenders: &[AccountId], reporter: &AccountId) -> Weight {
		SLASHED.with(|s| s.borrow_mut().push((offenders.to_vec(), *reporter)));
		Weight::from_parts(1, 0)
	}
	fn slash_weight(_: u32) -> Weight {
		Weight::from_parts(1, 0)
	}
}

pub struct Oracle;
impl frame_support::traits::Get<Option<u64>> for Oracle {
	fn get() -> Option<u64> {
		ORACLE.with(|o| *o.borrow())
	}
}

impl pallet_threshold_signer::Config for Test {
	type Validators = MockValidators;
	type Eligible = Everyone;
	type LightClient = MockLightClient;
	type OnSigningComplete = BtcBridge;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MaxSigners = ConstU32<32>;
	type MaxRecoveryKeys = ConstU32<16>;
	type MaxVaults = ConstU32<8>;
	type MaxInputs = ConstU32<16>;
	type MaxTxSize = ConstU32<65536>;
	type MaxPayments = ConstU32<16>;
	type MaxRounds = ConstU32<64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SignerBench;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct SignerBench;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_threshold_signer::benchmarking::BenchmarkHelper<AccountId> for SignerBench {
	fn make_eligible(_: &AccountId) {}
	fn set_validators(who: &[AccountId]) {
		VALIDATORS.with(|v| *v.borrow_mut() = who.to_vec());
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BridgeBench;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for BridgeBench {
	fn make_vault(signers: u32) {
		let base = 1_000 + 100 * crate::NextBatchId::<Test>::get();
		let session = SESSION.with(|s| {
			*s.borrow_mut() += 1;
			*s.borrow()
		});
		let seeds: Vec<u64> =
			(0..signers as u64).map(|i| base + session as u64 * 1_000 + i).collect();
		register(&seeds);
		ThresholdSigner::on_session_start(session);
	}
	fn prove(raw_tx: &[u8], confirmations: u32) -> Vec<u8> {
		let tx: Transaction = deserialize(raw_tx).expect("a transaction");
		let proof = mine(&tx);
		advance_btc(confirmations.saturating_sub(1));
		proof
	}
	fn complete_round(round: u64) {
		let details = ThresholdSigner::round_details(round).expect("a round");
		let mut seeds: Vec<u64> = Vec::new();
		for (vault, _, _) in &details.inputs {
			for (who, _) in
				pallet_threshold_signer::Vaults::<Test>::get(vault).expect("kept").members
			{
				if !seeds.contains(&who) {
					seeds.push(who);
				}
			}
		}
		sign_round(round, &seeds);
	}
	fn sign_outside_rounds(
		unsigned_tx: &[u8],
		prevouts: &[tapchain_primitives::signer::BtcOutput],
		vault_inputs: u32,
	) -> Vec<u8> {
		let mut tx: Transaction = deserialize(unsigned_tx).expect("a transaction");
		let id = pallet_threshold_signer::CurrentVault::<Test>::get().expect("a vault");
		let details = ThresholdSigner::vault_details(id).expect("kept");
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
		let sighashes = taproot::script_path_sighashes(&tx, &outs, &leaves).expect("counts agree");
		for (input, sighash) in tx.input.iter_mut().zip(sighashes).take(vault_inputs as usize) {
			let sigs: Vec<Option<[u8; 64]>> =
				details.members.iter().map(|(who, _)| Some(schnorr(*who, &sighash))).collect();
			input.witness = taproot::multi_a_witness(
				&sigs,
				&details.multi_a_leaf,
				&details.multi_a_control_block,
			);
		}
		serialize(&tx)
	}
}

pub const MIN_DEPOSIT: u64 = 1_000;
pub const MIN_WITHDRAWAL: u64 = 1_000;
pub const MAX_BATCH: u32 = 4;
pub const INTERVAL: u64 = 10;

impl crate::Config for Test {
	type Currency = Balances;
	type LightClient = MockLightClient;
	type Signers = ThresholdSigner;
	type Recipients = Recipients;
	type Slasher = Slasher;
	type FeeRateOracle = Oracle;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MinDeposit = ConstU64<MIN_DEPOSIT>;
	type MinWithdrawal = ConstU64<MIN_WITHDRAWAL>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type BatchInterval = ConstU64<INTERVAL>;
	type MaxQueue = ConstU32<8>;
	type MaxInputs = ConstU32<4>;
	type MaxUtxos = ConstU32<16>;
	type MaxVaults = ConstU32<8>;
	type BumpAfter = ConstU32<6>;
	type RefreshMargin = ConstU32<10>;
	type DepositGrace = ConstU32<6>;
	type ReserveShare = ReserveShare;
	type MaxTxSize = ConstU32<4096>;
	type MaxSpendTxSize = ConstU32<400_000>;
	type MaxProofSize = ConstU32<1024>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BridgeBench;
}

parameter_types! {
	pub ReserveShare: Permill = Permill::from_percent(10);
}

/// The secret key of test signer `seed`.
pub fn secret(seed: u64) -> SecretKey {
	let digest = btc::tagged_hash("tapchain/bridge-test-key", &[&seed.to_le_bytes()]);
	SecretKey::from_slice(&digest).expect("a hash is a valid key")
}

pub fn keypair(seed: u64) -> Keypair {
	Keypair::from_secret_key(&Secp256k1::new(), &secret(seed))
}

pub fn key(seed: u64) -> BtcKey {
	keypair(seed).x_only_public_key().0.into()
}

pub fn schnorr(seed: u64, msg: &[u8; 32]) -> [u8; 64] {
	Secp256k1::new()
		.sign_schnorr_no_aux_rand(&Message::from_digest(*msg), &keypair(seed))
		.serialize()
}

/// Registers the keys of `seeds` (account = seed) and makes them the validators; the next
/// session change (`rotate`) makes their vault.
pub fn register(seeds: &[u64]) {
	VALIDATORS.with(|v| *v.borrow_mut() = seeds.to_vec());
	for &s in seeds {
		if pallet_threshold_signer::Keys::<Test>::get(s).is_none() {
			let msg = taproot::possession_message(
				&ThresholdSigner::genesis_hash(),
				&s.encode(),
				&key(s).0,
			);
			assert_ok!(ThresholdSigner::register_key(
				RuntimeOrigin::signed(s),
				key(s),
				schnorr(s, &msg)
			));
		}
	}
}

/// A session change, then the bridge's block hook.
pub fn rotate(session: u32) {
	ThresholdSigner::on_session_start(session);
	run_to_next_block();
}

/// Moves to the next Tapchain block and runs the bridge's `on_initialize`.
pub fn run_to_next_block() {
	let n = System::block_number() + 1;
	System::set_block_number(n);
	BtcBridge::on_initialize(n);
}

/// Runs blocks until the next batch interval.
pub fn run_to_interval() {
	run_to_next_block();
	while System::block_number() % INTERVAL != 0 {
		run_to_next_block();
	}
}

/// Accounts 1..=9 hold this much.
pub const START: u128 = 10 * tapchain_primitives::BTC;

/// A chain whose validators `seeds` registered keys and formed vault 0, known to the bridge.
pub fn new_test_ext(seeds: &[u64]) -> sp_io::TestExternalities {
	VALIDATORS.with(|v| v.borrow_mut().clear());
	NETWORK.with(|n| *n.borrow_mut() = Some(BtcNetwork::Regtest));
	SECURE.with(|s| *s.borrow_mut() = false);
	BEST.with(|b| *b.borrow_mut() = 100);
	MINED.with(|m| m.borrow_mut().clear());
	REORGED.with(|r| r.borrow_mut().clear());
	ORACLE.with(|o| *o.borrow_mut() = None);
	SLASHED.with(|s| s.borrow_mut().clear());
	SESSION.with(|s| *s.borrow_mut() = 1);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=9).map(|a| (a, START)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		confirmations: Some(3),
		allow_insecure: true,
		fee_rate: Some(2),
		_phantom: Default::default(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	let seeds = seeds.to_vec();
	ext.execute_with(|| {
		System::initialize(&1, &H256::repeat_byte(0x42), &Default::default());
		if !seeds.is_empty() {
			register(&seeds);
			rotate(1);
		}
		System::reset_events();
	});
	ext
}

/// The current vault's scriptPubKey.
pub fn vault_spk() -> [u8; 34] {
	let id = crate::CurrentVault::<Test>::get().expect("a vault");
	crate::KnownVaults::<Test>::get(id).expect("known").script_pubkey
}

/// An output of `sats` to `spk`.
pub fn pay(spk: &[u8], sats: u64) -> TxOut {
	TxOut { value: Amount::from_sat(sats), script_pubkey: ScriptBuf::from_bytes(spk.to_vec()) }
}

/// The OP_RETURN output naming `data`.
pub fn op_return(data: &[u8]) -> TxOut {
	let push = bitcoin::script::PushBytesBuf::try_from(data.to_vec()).expect("short");
	TxOut { value: Amount::ZERO, script_pubkey: ScriptBuf::new_op_return(push) }
}

/// The 20-byte EVM address whose mock account is `who`.
pub fn evm_of(who: AccountId) -> [u8; 20] {
	let mut a = [0u8; 20];
	a[..8].copy_from_slice(&who.to_le_bytes());
	a[19] = 0xee;
	a
}

/// An outpoint nobody tracks, distinct per `n`.
pub fn foreign(n: u8) -> BtcOutPoint {
	BtcOutPoint { txid: Txid::from_byte_array([n; 32]), vout: n as u32 }
}

/// A deposit transaction: one foreign input, `outputs`.
pub fn deposit_tx(first_input: BtcOutPoint, outputs: Vec<TxOut>) -> Transaction {
	Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: vec![TxIn {
			previous_output: first_input,
			script_sig: ScriptBuf::new(),
			sequence: Sequence::MAX,
			witness: Witness::new(),
		}],
		output: outputs,
	}
}

/// A deposit of `sats` to the current vault for `who` (by EVM address), mined and submitted.
pub fn deposit(n: u8, sats: u64, who: AccountId) -> Transaction {
	let tx = deposit_tx(foreign(n), vec![pay(&vault_spk(), sats), op_return(&evm_of(who))]);
	let proof = mine(&tx);
	advance_btc(2);
	assert_ok!(BtcBridge::submit_deposit(
		RuntimeOrigin::signed(1),
		BoundedVec::truncate_from(serialize(&tx)),
		BoundedVec::truncate_from(proof)
	));
	tx
}

/// Has signers `seeds` sign every input of round `round` they can.
pub fn sign_round(round: u64, seeds: &[u64]) {
	let details = ThresholdSigner::round_details(round).expect("a round");
	for &seed in seeds {
		let sigs: Vec<(u32, [u8; 64])> = details
			.inputs
			.iter()
			.enumerate()
			.filter(|(_, (vault, _, _))| {
				pallet_threshold_signer::Vaults::<Test>::get(vault)
					.is_some_and(|v| v.members.iter().any(|(a, _)| *a == seed))
			})
			.map(|(i, (_, sighash, _))| (i as u32, schnorr(seed, sighash)))
			.collect();
		if sigs.is_empty() {
			continue;
		}
		let done = pallet_threshold_signer::Rounds::<Test>::get(round)
			.is_some_and(|r| r.status == tapchain_primitives::signer::RoundStatus::Complete);
		if done {
			break;
		}
		assert_ok!(ThresholdSigner::submit_signatures(
			RuntimeOrigin::signed(seed),
			round,
			BoundedVec::truncate_from(sigs)
		));
	}
}

/// The signed transaction of batch `id`.
pub fn signed(id: u64) -> Transaction {
	deserialize(&BtcBridge::signed_tx(id).expect("signed")).expect("decodes")
}

/// Bridge events since the last reset.
pub fn bridge_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::BtcBridge(e) => Some(e),
			_ => None,
		})
		.collect()
}
