//! Benchmarks of the MBTC vault, each at its worst case: channels holding every collateral
//! asset (each priced by the oracle on every ratio check), bridge-ins whose envelope is in the
//! last of up to 3 inputs (every previous transaction proven by the real light client), and
//! redemptions that settle the channel.

use super::*;
use alloc::{format, vec};
use bitcoin::{
	absolute::LockTime,
	consensus::serialize,
	opcodes::{all::*, OP_FALSE},
	script::{Builder, PushBytesBuf},
	secp256k1::{Secp256k1, XOnlyPublicKey},
	taproot::{LeafVersion, TaprootBuilder},
	transaction::Version,
	Address, Amount, Network, OutPoint, ScriptBuf, Sequence, TxIn, TxOut, Txid, Witness,
};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_runtime::FixedPointNumber;

/// What the runtime provides for the benchmarks.
pub trait BenchmarkHelper<AccountId, AssetId> {
	/// Proves `raw_tx` in a new best block with `confirmations`, starting the light client on
	/// regtest if it follows nothing; returns the `gettxoutproof` bytes.
	fn prove(raw_tx: &[u8], confirmations: u32) -> Vec<u8>;
	/// Makes `price` the fresh price of `key`, usable for liquidations.
	fn set_price(key: &[u8], price: Price);
	/// Creates asset number `i` (distinct from MBTC and from each other) with `decimals`.
	fn create_asset(i: u32, decimals: u8) -> AssetId;
}

/// The x-only key of secp256k1's generator: a valid key for leaves and the internal key.
const G: [u8; 32] = [
	0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b, 0x07,
	0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17, 0x98,
];

fn key() -> XOnlyPublicKey {
	XOnlyPublicKey::from_slice(&G).expect("G is on the curve")
}

fn usd(n: u128) -> Price {
	Price::saturating_from_integer(n)
}

/// The channel's P2TR address on regtest and its script.
fn channel_address(salt: u8) -> (BoundedVec<u8, MaxAddressLen>, ScriptBuf) {
	let mut tweak = [0u8; 32];
	tweak[0] = salt;
	let secp = Secp256k1::verification_only();
	let address = Address::p2tr(
		&secp,
		key(),
		Some(bitcoin::TapNodeHash::from_byte_array(tweak)),
		Network::Regtest,
	);
	let text = format!("{address}").into_bytes();
	(BoundedVec::truncate_from(text), address.script_pubkey())
}

/// Starts the light client (on regtest) and sets BTC at $100,000.
fn setup<T: Config>() {
	let dummy = tx(vec![(OutPoint::null(), Witness::new())], vec![pay(ScriptBuf::new(), 1)]);
	T::BenchmarkHelper::prove(&serialize(&dummy), 1);
	T::BenchmarkHelper::set_price(BTC_USD_KEY, usd(100_000));
}

/// `MaxAssets` collateral assets of 18 decimals at $1,000, replacing the others.
fn assets<T: Config>() -> Vec<AssetIdOf<T>> {
	let _ = CollateralAssets::<T>::clear(u32::MAX, None);
	(0..T::MaxAssets::get())
		.map(|i| {
			let asset = T::BenchmarkHelper::create_asset(i, 18);
			let key = PriceKey::truncate_from(format!("B{i}/USD").into_bytes());
			T::BenchmarkHelper::set_price(&key, usd(1_000));
			CollateralAssets::<T>::insert(asset, key);
			asset
		})
		.collect()
}

const UNIT: u128 = 1_000_000_000_000_000_000;

/// A channel of `operator` with 10 units ($10,000) of each of the `MaxAssets` assets.
fn channel<T: Config>(operator: &T::AccountId, salt: u8) -> (ChannelId, ScriptBuf) {
	setup::<T>();
	let assets = assets::<T>();
	let collateral: Vec<(AssetIdOf<T>, u128)> = assets.iter().map(|a| (*a, 10 * UNIT)).collect();
	for (asset, amount) in &collateral {
		T::Assets::mint_into(*asset, operator, amount * 2).expect("mints");
	}
	let (address, script) = channel_address(salt);
	let id = NextChannel::<T>::get();
	Pallet::<T>::register_channel(
		RawOrigin::Signed(operator.clone()).into(),
		BoundedVec::truncate_from(collateral),
		address,
	)
	.expect("registers");
	(id, script)
}

/// Issues `sats` of `id` to `who`, as a bridge-in would.
fn issue<T: Config>(id: ChannelId, who: &T::AccountId, sats: u128) {
	T::Assets::mint_into(T::MbtcId::get(), who, sats).expect("mints");
	Channels::<T>::mutate(id, |c| c.as_mut().expect("exists").issued += sats);
}

fn tx(inputs: Vec<(OutPoint, Witness)>, output: Vec<TxOut>) -> Transaction {
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
		output,
	}
}

fn pay(script: ScriptBuf, sats: u64) -> TxOut {
	TxOut { value: Amount::from_sat(sats), script_pubkey: script }
}

fn push(data: &[u8]) -> PushBytesBuf {
	PushBytesBuf::try_from(data.to_vec()).expect("short")
}

/// A bridge-in of `sats` to `script` for `who` through channel `id`, with `inputs` inputs, the
/// envelope's last; every previous transaction and the payment proven.
fn bridge_in_args<T: Config>(
	id: ChannelId,
	script: &ScriptBuf,
	who: &T::AccountId,
	inputs: u32,
	sats: u64,
) -> (BoundedVec<u8, T::MaxTxSize>, BoundedVec<u8, T::MaxProofSize>, Vec<ProvenTx<T>>) {
	let confirmations = Params::<T>::get().confirmations;
	let account = who.encode();
	let mut hex = alloc::string::String::new();
	for b in account.iter().take(32) {
		hex.push_str(&format!("{b:02x}"));
	}
	let query = format!("des=sub&channel={id}&account=0x{hex}");
	let leaf = Builder::new()
		.push_x_only_key(&key())
		.push_opcode(OP_CHECKSIG)
		.push_opcode(OP_FALSE)
		.push_opcode(OP_IF)
		.push_slice(push(btc::TAG))
		.push_opcode(OP_PUSHNUM_1)
		.push_slice(push(btc::BRIDGE_IN))
		.push_opcode(OP_FALSE)
		.push_slice(push(query.as_bytes()))
		.push_opcode(OP_ENDIF)
		.into_script();
	let secp = Secp256k1::verification_only();
	let info = TaprootBuilder::new()
		.add_leaf(0, leaf.clone())
		.expect("one leaf")
		.finalize(&secp, key())
		.expect("a tree");
	let control = info.control_block(&(leaf.clone(), LeafVersion::TapScript)).expect("its leaf");
	let mut spends = Vec::new();
	let mut prevs = Vec::new();
	for i in 0..inputs {
		let mut txid = [0xa0u8; 32];
		txid[..4].copy_from_slice(&i.to_le_bytes());
		let funding = tx(
			vec![(OutPoint { txid: Txid::from_byte_array(txid), vout: 0 }, Witness::new())],
			vec![pay(ScriptBuf::new_p2tr_tweaked(info.output_key()), sats)],
		);
		let raw = serialize(&funding);
		let proof = T::BenchmarkHelper::prove(&raw, confirmations);
		let mut witness = Witness::new();
		witness.push([0x11u8; 64]);
		if i + 1 == inputs {
			witness.push(leaf.as_bytes());
			witness.push(control.serialize());
		}
		spends.push((OutPoint { txid: funding.compute_txid(), vout: 0 }, witness));
		prevs.push((BoundedVec::truncate_from(raw), BoundedVec::truncate_from(proof)));
	}
	let payment = tx(spends, vec![pay(script.clone(), sats), pay(ScriptBuf::new(), 1)]);
	let raw = serialize(&payment);
	let proof = T::BenchmarkHelper::prove(&raw, confirmations);
	(BoundedVec::truncate_from(raw), BoundedVec::truncate_from(proof), prevs)
}

/// A pending bridge-out of 1,000,000 sats by `who` from channel `id`, paid to `script`.
fn request<T: Config>(id: ChannelId, who: &T::AccountId, script_salt: u8) -> RequestId {
	issue::<T>(id, who, 2_000_000);
	let (address, _) = channel_address(script_salt);
	let r = NextRequest::<T>::get();
	Pallet::<T>::bridge_out(RawOrigin::Signed(who.clone()).into(), id, 1_000_000, address)
		.expect("requests");
	r
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `a` collateral assets, each priced and transferred.
	#[benchmark]
	fn register_channel(a: Linear<1, { T::MaxAssets::get() }>) {
		setup::<T>();
		let assets = assets::<T>();
		let caller: T::AccountId = whitelisted_caller();
		let collateral: Vec<(AssetIdOf<T>, u128)> =
			assets.iter().take(a as usize).map(|x| (*x, 10 * UNIT)).collect();
		for (asset, amount) in &collateral {
			T::Assets::mint_into(*asset, &caller, *amount).expect("mints");
		}
		let (address, _) = channel_address(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), BoundedVec::truncate_from(collateral), address);

		assert_eq!(Channels::<T>::count(), 1);
	}

	#[benchmark]
	fn add_collateral() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = channel::<T>(&caller, 1);
		let asset = *CollateralAssets::<T>::iter_keys().collect::<Vec<_>>().last().expect("some");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, asset, UNIT);

		assert!(Channels::<T>::get(id)
			.expect("exists")
			.collateral
			.iter()
			.any(|(_, n)| *n == 11 * UNIT));
	}

	/// With an obligation: every asset and BTC priced.
	#[benchmark]
	fn withdraw_collateral() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = channel::<T>(&caller, 1);
		issue::<T>(id, &caller, 1_000_000);
		let asset = *CollateralAssets::<T>::iter_keys().collect::<Vec<_>>().last().expect("some");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, asset, UNIT);

		assert!(Channels::<T>::get(id)
			.expect("exists")
			.collateral
			.iter()
			.any(|(_, n)| *n == 9 * UNIT));
	}

	/// Every asset returned.
	#[benchmark]
	fn close_channel() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = channel::<T>(&caller, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Channels::<T>::get(id).is_none());
	}

	/// `i` inputs, each previous transaction proven; the envelope in the last.
	#[benchmark]
	fn bridge_in(i: Linear<1, { btc::MAX_INPUTS as u32 }>) {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, script) = channel::<T>(&operator, 1);
		let who: T::AccountId = whitelisted_caller();
		let (raw, proof, prevs) = bridge_in_args::<T>(id, &script, &who, i, 100_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), raw, proof, BoundedVec::truncate_from(prevs));

		assert_eq!(T::Assets::balance(T::MbtcId::get(), &who), 100_000);
	}

	#[benchmark]
	fn bridge_out() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		issue::<T>(id, &caller, 2_000_000);
		let (address, _) = channel_address(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 1_000_000, address);

		assert!(Requests::<T>::get(0).is_some());
	}

	#[benchmark]
	fn prove_bridge_out() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		let r = request::<T>(id, &caller, 2);
		let owed = Requests::<T>::get(r).expect("pending");
		let payment = tx(
			vec![(OutPoint::null(), Witness::new())],
			vec![
				pay(ScriptBuf::from_bytes(owed.btc_script.to_vec()), owed.amount as u64),
				pay(btc::request_script(r), 0),
			],
		);
		let raw = serialize(&payment);
		let proof = T::BenchmarkHelper::prove(&raw, Params::<T>::get().confirmations);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			r,
			BoundedVec::truncate_from(raw),
			BoundedVec::truncate_from(proof),
		);

		assert!(Requests::<T>::get(r).is_none());
	}

	/// Past the deadline: collateral worth 110 % taken from every asset.
	#[benchmark]
	fn claim_bridge_out() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		let r = request::<T>(id, &caller, 2);
		let p = Params::<T>::get();
		Params::<T>::put(VaultParams { deadline: 1, confirmations: 1, ..p });
		Requests::<T>::mutate(r, |q| q.as_mut().expect("pending").deadline = 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), r);

		assert!(Requests::<T>::get(r).is_none());
	}

	/// At 116 %: the cap computed, every asset paid pro rata.
	#[benchmark]
	fn liquidate() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		// $80,000 of collateral against 0.6 BTC: at $115,000/BTC, 115.9 %.
		issue::<T>(id, &caller, 60_000_000);
		T::BenchmarkHelper::set_price(BTC_USD_KEY, usd(115_000));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, u128::MAX);

		assert!(T::Assets::balance(T::MbtcId::get(), &caller) < 60_000_000);
	}

	#[benchmark]
	fn liquidate_all() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		issue::<T>(id, &caller, 60_000_000);
		T::BenchmarkHelper::set_price(BTC_USD_KEY, usd(130_000));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Channels::<T>::get(id).expect("exists").state, ChannelState::Liquidated);
	}

	/// The last redemption: every asset paid, the rest returned, the channel removed.
	#[benchmark]
	fn redeem() {
		let operator: T::AccountId = account("operator", 0, 0);
		let (id, _) = channel::<T>(&operator, 1);
		let caller: T::AccountId = whitelisted_caller();
		issue::<T>(id, &caller, 60_000_000);
		T::BenchmarkHelper::set_price(BTC_USD_KEY, usd(130_000));
		Pallet::<T>::liquidate_all(RawOrigin::Signed(caller.clone()).into(), id)
			.expect("liquidates");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 60_000_000);

		assert!(Channels::<T>::get(id).is_none());
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = VaultParams { deadline: 72, ..VaultParams::default() };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);

		assert_eq!(Params::<T>::get().deadline, 72);
		Ok(())
	}

	#[benchmark]
	fn set_collateral_asset() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let _ = CollateralAssets::<T>::clear(u32::MAX, None);
		let asset = T::BenchmarkHelper::create_asset(0, 18);
		let key = PriceKey::truncate_from(b"B0/USD".to_vec());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset, key.clone());

		assert_eq!(CollateralAssets::<T>::get(asset), Some(key));
		Ok(())
	}
}
