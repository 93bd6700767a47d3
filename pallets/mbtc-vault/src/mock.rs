//! Test runtime: the real `pallet-assets` (MBTC and two collateral assets), a price feed and a
//! light client the tests control, and helpers that build real Bitcoin bridge-in transactions:
//! a taproot output whose tap tree holds an envelope leaf, and its script-path spend.

use crate as pallet_mbtc_vault;
use crate::{btc, math::usd_price, VaultParams};
use bitcoin::{
	absolute::LockTime,
	consensus::{deserialize, serialize},
	hashes::Hash,
	opcodes::{all::*, OP_FALSE},
	script::{Builder, PushBytesBuf},
	secp256k1::{Keypair, Secp256k1, SecretKey, XOnlyPublicKey},
	taproot::{LeafVersion, TaprootBuilder, TaprootSpendInfo},
	transaction::Version,
	Address, Amount, CompressedPublicKey, Network, OutPoint, ScriptBuf, Sequence, Transaction,
	TxIn, TxOut, Txid, Witness,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_core::H256;
use sp_runtime::BuildStorage;
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};
use tapchain_primitives::{
	bridge::{DepositRecipient, TxidRegistry},
	btc::{BtcLightClient, BtcNetwork, SpvError, TxInclusion},
	oracle::{Price, PriceError, PriceFeed},
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Vault: pallet_mbtc_vault,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
}

use frame_support::traits::ConstU128;

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
	type Freezer = ();
	type Holder = ();
}

/// MBTC's asset id.
pub const MBTC: u32 = 1;
/// A wrapped ETH, 18 decimals.
pub const WETH: u32 = 2;
/// A dollar stablecoin, 6 decimals.
pub const USDC: u32 = 3;
/// An asset that exists but is not collateral.
pub const OTHER: u32 = 4;

/// Channel operators and users.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CAROL: AccountId = 3;
/// Holds nothing.
pub const NOBODY: AccountId = 99;

/// One dollar in [`crate::Usd`] units.
pub const DOLLAR: u128 = 1_000_000_000_000_000_000;
/// One WETH.
pub const ETH: u128 = 1_000_000_000_000_000_000;
/// One USDC.
pub const USD: u128 = 1_000_000;

parameter_types! {
	pub const MbtcId: u32 = MBTC;
	pub const VaultPalletId: PalletId = PalletId(*b"tc/mbtcv");
}

thread_local! {
	pub static PRICES: RefCell<BTreeMap<Vec<u8>, Result<Price, PriceError>>> =
		RefCell::new(BTreeMap::new());
	/// Keys in their grace period.
	pub static GRACE: RefCell<BTreeSet<Vec<u8>>> = RefCell::new(BTreeSet::new());
	pub static NETWORK: RefCell<Option<BtcNetwork>> = RefCell::new(Some(BtcNetwork::Regtest));
	/// The best Bitcoin height.
	pub static BEST: RefCell<u32> = RefCell::new(100);
	/// Mined transactions: txid → height.
	pub static MINED: RefCell<BTreeMap<[u8; 32], u32>> = RefCell::new(BTreeMap::new());
	/// The txids credited by "the native bridge".
	pub static CREDITED: RefCell<BTreeSet<H256>> = RefCell::new(BTreeSet::new());
}

/// Sets `key`'s price (whole dollars).
pub fn set_price(key: &[u8], dollars: u128) {
	set_price_exact(key, usd_price(dollars));
}

/// Sets `key`'s price.
pub fn set_price_exact(key: &[u8], price: Price) {
	PRICES.with(|p| p.borrow_mut().insert(key.to_vec(), Ok(price)));
}

/// Makes `key` stale.
pub fn make_stale(key: &[u8]) {
	PRICES.with(|p| p.borrow_mut().insert(key.to_vec(), Err(PriceError::Stale)));
}

/// Puts `key` in (or out of) its grace period.
pub fn set_grace(key: &[u8], on: bool) {
	GRACE.with(|g| {
		if on {
			g.borrow_mut().insert(key.to_vec());
		} else {
			g.borrow_mut().remove(key);
		}
	});
}

pub struct MockPrices;
impl PriceFeed for MockPrices {
	fn price(key: &[u8]) -> Result<Price, PriceError> {
		PRICES.with(|p| p.borrow().get(key).copied().unwrap_or(Err(PriceError::UnknownKey)))
	}
	fn liquidation_price(key: &[u8]) -> Result<Price, PriceError> {
		let price = Self::price(key)?;
		if GRACE.with(|g| g.borrow().contains(key)) {
			return Err(PriceError::InGrace);
		}
		Ok(price)
	}
	fn keys() -> Vec<Vec<u8>> {
		PRICES.with(|p| p.borrow().keys().cloned().collect())
	}
}

/// The block hash the mock gives height `h`.
pub fn block_hash(h: u32) -> H256 {
	let mut bytes = [0u8; 32];
	bytes[..4].copy_from_slice(&h.to_le_bytes());
	bytes[31] = 0xb7;
	H256(bytes)
}

/// The "proof" the mock light client accepts for a transaction: its txid, reversed.
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
		false
	}
	fn best_block() -> Option<(u32, H256)> {
		Self::network()?;
		let best = BEST.with(|b| *b.borrow());
		Some((best, block_hash(best)))
	}
	fn confirmations(hash: &H256) -> Option<u32> {
		let h = u32::from_le_bytes(hash.0[..4].try_into().ok()?);
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

/// The best Bitcoin height.
pub fn best() -> u32 {
	BEST.with(|b| *b.borrow())
}

pub struct MockTxids;
impl TxidRegistry for MockTxids {
	fn is_credited(txid: &H256) -> bool {
		CREDITED.with(|c| c.borrow().contains(txid))
	}
	fn credit(txid: &H256) -> bool {
		CREDITED.with(|c| c.borrow_mut().insert(*txid))
	}
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

/// Most channels in the mock.
pub const MAX_CHANNELS: u32 = 4;

impl pallet_mbtc_vault::Config for Test {
	type AssetId = u32;
	type Assets = Assets;
	type MbtcId = MbtcId;
	type Prices = MockPrices;
	type LightClient = MockLightClient;
	type Txids = MockTxids;
	type Recipients = Recipients;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PalletId = VaultPalletId;
	type MaxAssets = ConstU32<3>;
	type MaxChannels = ConstU32<MAX_CHANNELS>;
	type MaxTxSize = ConstU32<4096>;
	type MaxProofSize = ConstU32<4096>;
	type WeightInfo = ();
}

/// The mock's rules: the defaults with one confirmation and service from height 50.
pub fn params() -> VaultParams {
	VaultParams { confirmations: 1, service_start: 50, ..VaultParams::default() }
}

/// What every account starts with: 100 WETH and 100,000 USDC.
pub const WETH_BALANCE: u128 = 100 * ETH;
pub const USDC_BALANCE: u128 = 100_000 * USD;

pub fn new_test_ext() -> sp_io::TestExternalities {
	PRICES.with(|p| p.borrow_mut().clear());
	GRACE.with(|g| g.borrow_mut().clear());
	MINED.with(|m| m.borrow_mut().clear());
	CREDITED.with(|c| c.borrow_mut().clear());
	BEST.with(|b| *b.borrow_mut() = 100);
	NETWORK.with(|n| *n.borrow_mut() = Some(BtcNetwork::Regtest));
	set_price(b"BTC/USD", 100_000);
	set_price(b"WETH/USD", 4_000);
	set_price(b"USDC/USD", 1);
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CAROL].iter().map(|a| (*a, 1_000_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![
			(MBTC, ALICE, true, 1),
			(WETH, ALICE, true, 1),
			(USDC, ALICE, true, 1),
			(OTHER, ALICE, true, 1),
		],
		metadata: vec![
			(MBTC, b"Merlin BTC".to_vec(), b"MBTC".to_vec(), 8),
			(WETH, b"Wrapped Ether".to_vec(), b"WETH".to_vec(), 18),
			(USDC, b"USD Coin".to_vec(), b"USDC".to_vec(), 6),
			(OTHER, b"Other".to_vec(), b"OTH".to_vec(), 0),
		],
		accounts: [ALICE, BOB, CAROL]
			.iter()
			.flat_map(|a| [(WETH, *a, WETH_BALANCE), (USDC, *a, USDC_BALANCE), (OTHER, *a, 1000)])
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_mbtc_vault::GenesisConfig::<Test> {
		params: params(),
		collateral: vec![(WETH, b"WETH/USD".to_vec()), (USDC, b"USDC/USD".to_vec())],
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `f` and then checks the vault's invariants.
pub fn run(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Vault::do_try_state().expect("the vault's invariants hold");
	});
}

// ---- Bitcoin ----

/// A deterministic key.
pub fn keypair(seed: u8) -> Keypair {
	Keypair::from_secret_key(&Secp256k1::new(), &SecretKey::from_slice(&[seed; 32]).unwrap())
}

/// A regtest P2WPKH address of `seed`'s key.
pub fn address(seed: u8) -> String {
	let pk = CompressedPublicKey(keypair(seed).public_key());
	Address::p2wpkh(&pk, Network::Regtest).to_string()
}

/// The scriptPubKey of [`address`].
pub fn script(seed: u8) -> ScriptBuf {
	let pk = CompressedPublicKey(keypair(seed).public_key());
	Address::p2wpkh(&pk, Network::Regtest).script_pubkey()
}

/// `push` as push bytes.
fn push(data: &[u8]) -> PushBytesBuf {
	PushBytesBuf::try_from(data.to_vec()).expect("at most 520 bytes")
}

/// A leaf `<key> OP_CHECKSIG OP_FALSE OP_IF <tag> OP_1 <operation> OP_0 <body> OP_ENDIF`.
pub fn envelope_leaf(key: XOnlyPublicKey, tag: &[u8], operation: &[u8], body: &[u8]) -> ScriptBuf {
	Builder::new()
		.push_x_only_key(&key)
		.push_opcode(OP_CHECKSIG)
		.push_opcode(OP_FALSE)
		.push_opcode(OP_IF)
		.push_slice(push(tag))
		.push_opcode(OP_PUSHNUM_1)
		.push_slice(push(operation))
		.push_opcode(OP_FALSE)
		.push_slice(push(body))
		.push_opcode(OP_ENDIF)
		.into_script()
}

/// A bridge-in leaf for `query`.
pub fn bridge_in_leaf(query: &str) -> ScriptBuf {
	envelope_leaf(keypair(7).x_only_public_key().0, btc::TAG, btc::BRIDGE_IN, query.as_bytes())
}

/// A tap tree of `leaf` and a second, plain leaf, on key 7.
pub fn tree(leaf: &ScriptBuf) -> TaprootSpendInfo {
	let secp = Secp256k1::new();
	let other = Builder::new()
		.push_x_only_key(&keypair(8).x_only_public_key().0)
		.push_opcode(OP_CHECKSIG)
		.into_script();
	TaprootBuilder::new()
		.add_leaf(1, leaf.clone())
		.unwrap()
		.add_leaf(1, other)
		.unwrap()
		.finalize(&secp, keypair(7).x_only_public_key().0)
		.unwrap()
}

/// A transaction spending `inputs` (with `witnesses`) into `outputs`.
pub fn tx(inputs: Vec<(OutPoint, Witness)>, outputs: Vec<TxOut>) -> Transaction {
	Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: inputs
			.into_iter()
			.map(|(previous_output, witness)| TxIn {
				previous_output,
				script_sig: ScriptBuf::new(),
				sequence: Sequence::MAX,
				witness,
			})
			.collect(),
		output: outputs,
	}
}

/// An output paying `sats` to `script`.
pub fn pay(script: ScriptBuf, sats: u64) -> TxOut {
	TxOut { value: Amount::from_sat(sats), script_pubkey: script }
}

/// A coinbase-like outpoint no transaction of the tests created.
pub fn nowhere(i: u8) -> OutPoint {
	OutPoint { txid: Txid::from_byte_array([i; 32]), vout: 0 }
}

/// The script-path witness of `leaf` in `info`: a dummy signature, the leaf, the control block.
pub fn script_path_witness(info: &TaprootSpendInfo, leaf: &ScriptBuf) -> Witness {
	let control = info.control_block(&(leaf.clone(), LeafVersion::TapScript)).unwrap();
	let mut w = Witness::new();
	w.push([0x11u8; 64]);
	w.push(leaf.as_bytes());
	w.push(control.serialize());
	w
}

/// A bridge-in as a user makes it, with its parts.
pub struct BridgeIn {
	/// The funding transaction whose first output is the taproot output holding the leaf.
	pub funding: Transaction,
	/// Its proof.
	pub funding_proof: Vec<u8>,
	/// The bridge-in transaction.
	pub tx: Transaction,
	/// Its proof.
	pub proof: Vec<u8>,
}

impl BridgeIn {
	/// The extrinsic's arguments.
	pub fn args(
		&self,
	) -> (
		frame_support::BoundedVec<u8, ConstU32<4096>>,
		frame_support::BoundedVec<u8, ConstU32<4096>>,
		frame_support::BoundedVec<crate::ProvenTx<Test>, ConstU32<3>>,
	) {
		(
			serialize(&self.tx).try_into().unwrap(),
			self.proof.clone().try_into().unwrap(),
			vec![proven(&self.funding, &self.funding_proof)].try_into().unwrap(),
		)
	}
}

/// A transaction and its proof as the extrinsic takes them.
pub fn proven(tx: &Transaction, proof: &[u8]) -> crate::ProvenTx<Test> {
	(serialize(tx).try_into().unwrap(), proof.to_vec().try_into().unwrap())
}

/// A mined bridge-in of `sats` to `channel_seed`'s address with `query`, its funding mined
/// first. `salt` makes it unique.
pub fn bridge_in_tx(channel_seed: u8, sats: u64, query: &str, salt: u8) -> BridgeIn {
	let leaf = bridge_in_leaf(query);
	let info = tree(&leaf);
	let funding = tx(
		vec![(nowhere(salt), Witness::new())],
		vec![pay(ScriptBuf::new_p2tr_tweaked(info.output_key()), sats + 1_000)],
	);
	let funding_proof = mine(&funding);
	let tx = tx(
		vec![(
			OutPoint { txid: funding.compute_txid(), vout: 0 },
			script_path_witness(&info, &leaf),
		)],
		vec![pay(script(channel_seed), sats)],
	);
	let proof = mine(&tx);
	BridgeIn { funding, funding_proof, tx, proof }
}

/// The query of a bridge-in to `channel` for account `who` (`sub`).
pub fn query(channel: u32, who: AccountId) -> String {
	let mut bytes = [0u8; 32];
	bytes[..8].copy_from_slice(&who.to_le_bytes());
	format!("des=sub&channel={channel}&account=0x{}", hex(&bytes))
}

pub fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
		.collect()
}
