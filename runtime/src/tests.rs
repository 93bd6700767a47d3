//! Runtime-level tests: genesis presets, fees, limits.

use crate::{
	configs::{TapLengthToFee, TapWeightToFee, TRANSACTION_BYTE_FEE},
	genesis_config_presets::{self, ENDOWMENT},
	AccountId, Balances, Runtime, RuntimeCall, RuntimeGenesisConfig, System,
	TransactionPayment, BTC, EXISTENTIAL_DEPOSIT, SAT, VERSION,
};
use codec::Encode;
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::Get,
	weights::{Weight, WeightToFee},
};
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// RFC 7386 merge, as the node applies a preset patch over the default genesis config.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(b), Value::Object(p)) =>
			for (k, v) in p {
				if v.is_null() {
					b.remove(&k);
				} else {
					merge(b.entry(k).or_insert(Value::Null), v);
				}
			},
		(b, p) => *b = p,
	}
}

fn ext_from_preset(name: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&PresetId::from(name)).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let storage = sp_runtime::BuildStorage::build_storage(&config)
		.expect("genesis builds");
	sp_io::TestExternalities::new(storage)
}

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

#[test]
fn preset_names_are_development_and_local_testnet() {
	let names: Vec<String> = genesis_config_presets::preset_names()
		.into_iter()
		.map(|p| p.to_string())
		.collect();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(genesis_config_presets::get_preset(&PresetId::from("mainnet")).is_none());
}

#[test]
fn development_preset_has_alice_as_authority_and_sudo() {
	ext_from_preset("development").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice()));
		assert_eq!(Balances::free_balance(alice()), ENDOWMENT);
		assert_eq!(Balances::total_issuance(), ENDOWMENT * 12);
	});
}

#[test]
fn local_testnet_preset_has_alice_and_bob() {
	ext_from_preset("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
	});
}

#[test]
fn default_genesis_has_no_sudo_key() {
	// A chain spec that does not name a key (every non-dev spec) has an inert Sudo.
	let storage = sp_runtime::BuildStorage::build_storage(
		&RuntimeGenesisConfig::default(),
	)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
	});
}

#[test]
fn existential_deposit_is_1000_sat() {
	assert_eq!(EXISTENTIAL_DEPOSIT, 1_000 * SAT);
	let ed: u128 = <Runtime as pallet_balances::Config>::ExistentialDeposit::get();
	assert_eq!(ed, 100_000);
	assert_eq!(BTC, 10_000_000_000);
}

#[test]
fn block_limits_are_finite() {
	let w = <Runtime as frame_system::Config>::BlockWeights::get();
	assert_eq!(w.max_block.ref_time(), 2_000_000_000_000);
	assert_eq!(w.max_block.proof_size(), 32 * 1024 * 1024);
	let len = <Runtime as frame_system::Config>::BlockLength::get();
	assert_eq!(*len.max.get(frame_support::dispatch::DispatchClass::Operational), 5 * 1024 * 1024);
}

#[test]
fn weight_to_fee_prices_the_scarcer_dimension() {
	// 10 µs of compute = 1 sat.
	assert_eq!(TapWeightToFee::weight_to_fee(&Weight::from_parts(10_000_000, 0)), SAT);
	// 10 KiB of proof = 1 sat.
	assert_eq!(TapWeightToFee::weight_to_fee(&Weight::from_parts(0, 10 * 1024)), SAT);
	// The larger of the two wins.
	assert_eq!(TapWeightToFee::weight_to_fee(&Weight::from_parts(20_000_000, 10 * 1024)), 2 * SAT);
	// Saturates instead of panicking on absurd weights.
	let max = TapWeightToFee::weight_to_fee(&Weight::MAX);
	assert!(max > 0);
	assert_eq!(TapLengthToFee::weight_to_fee(&Weight::from_parts(100, 0)), 100 * TRANSACTION_BYTE_FEE);
	assert_eq!(TapLengthToFee::weight_to_fee(&Weight::from_parts(u64::MAX, 0)), u64::MAX as u128 * 10);
}

#[test]
fn weight_to_fee_is_monotonic() {
	let mut last = 0;
	for i in 0..2_000u64 {
		let w = Weight::from_parts(i.saturating_mul(7_919_113), i.saturating_mul(1_013));
		let fee = TapWeightToFee::weight_to_fee(&w);
		assert!(fee >= last);
		last = fee;
	}
}

#[test]
fn transfer_fee_is_sensible() {
	ext_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Bob.to_account_id().into(),
			value: BTC / 2,
		});
		let info = call.get_dispatch_info();
		// A signed extrinsic adds ~100 bytes of address, signature and extensions.
		let len = call.encoded_size() as u32 + 100;
		let fee = TransactionPayment::compute_fee(len, &info, 0);
		println!("transfer_keep_alive fee: {fee} base units = {} sat", fee / SAT);
		assert!(fee >= SAT, "a transfer costs at least a sat");
		assert!(fee <= 1_000 * SAT, "a transfer costs at most 1,000 sat");
	});
}

#[test]
fn runtime_version_names_tapchain() {
	assert_eq!(VERSION.spec_name, "tapchain");
	assert!(VERSION.spec_version >= 100);
}

#[test]
fn a_whole_retarget_period_of_headers_fits_in_one_block() {
	use frame_support::dispatch::DispatchClass;
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let max = limits.get(DispatchClass::Normal).max_extrinsic.expect("normal class is bounded");
	let fits = |n: u32| pallet_btc_light_client::Pallet::<Runtime>::submit_weight(n).all_lte(max);
	let bound: u32 = <Runtime as pallet_btc_light_client::Config>::MaxHeadersPerBatch::get();
	assert_eq!(bound, 2016);
	assert!(fits(2016), "2016 headers must fit: {:?} vs {:?}", pallet_btc_light_client::Pallet::<Runtime>::submit_weight(2016), max);
	// The largest batch the weights would allow (the call's bound is 2016).
	let mut n = 2016;
	while fits(n + 1) {
		n += 1;
	}
	let per = pallet_btc_light_client::Pallet::<Runtime>::submit_weight(2)
		.saturating_sub(pallet_btc_light_client::Pallet::<Runtime>::submit_weight(1));
	println!("largest header batch by weight: {n}; per header: {} ps ref_time, {} bytes proof", per.ref_time(), per.proof_size());
	println!("weight of 2016 headers: {:?}; normal-class max extrinsic: {max:?}", pallet_btc_light_client::Pallet::<Runtime>::submit_weight(2016));
}
