//! Built-in chain specifications.
//!
//! | `--chain`         | preset          | authorities | sudo  |
//! |-------------------|-----------------|-------------|-------|
//! | `dev` (`--dev`)   | `development`   | Alice       | Alice |
//! | `local`           | `local_testnet` | Alice, Bob (invulnerable), Charlie, Dave (bonded) | Alice |
//! | `testnet`         | `testnet`       | template: Alice, Bob, Charlie placeholders | none |
//! | a path            | from the file   | from file   | from file |
//!
//! `testnet` is a template: `tapchain-node build-spec --chain testnet > testnet.json`, replace
//! the placeholder validators (accounts, `session.keys`, `validatorSet.invulnerables`) and
//! balances, then `tapchain-node build-spec --chain testnet.json --raw > testnet-raw.json` is
//! the file every operator starts from (`--chain testnet-raw.json`).

use sc_service::ChainType;
use serde_json::json;
use tapchain_runtime::WASM_BINARY;

/// A chain spec of this runtime (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The properties wallets read: BTC, 10 decimals, SS58 prefix 42.
fn properties() -> sc_chain_spec::Properties {
	let mut p = sc_chain_spec::Properties::new();
	p.insert("tokenSymbol".into(), json!(tapchain_runtime::BTC_SYMBOL));
	p.insert("tokenDecimals".into(), json!(tapchain_runtime::BTC_DECIMALS));
	p.insert("ss58Format".into(), json!(42));
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the WASM runtime is not in this binary (built with SKIP_WASM_BUILD?); rebuild without it"
			.to_string()
	})
}

/// `--dev`: one validator, Alice.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Tapchain Development")
		.with_id("tapchain_dev")
		.with_protocol_id("tapchain-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: Alice, Bob, Charlie, Dave.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Tapchain Local Testnet")
		.with_id("tapchain_local")
		.with_protocol_id("tapchain-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain testnet`: the public testnet template (no sudo, 1-hour sessions, placeholders).
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Tapchain Testnet")
		.with_id("tapchain_testnet")
		.with_protocol_id("tapchain-testnet")
		.with_chain_type(ChainType::Live)
		.with_genesis_config_preset_name(tapchain_runtime::genesis_config_presets::TESTNET_PRESET)
		.with_properties(properties())
		.build())
}
