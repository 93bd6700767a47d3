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

/// Refuses to start a `Live` chain whose genesis would be unsafe: one that carries a sudo key
/// (any holder of that key owns the chain; live chains are governed by the validators'
/// council), or whose validators or price feeders are the well-known dev keys the `testnet`
/// template ships as placeholders (anyone can sign with those). `Development` and `Local`
/// specs pass unchecked.
///
/// Every problem found is listed, with the chain-spec fields that fix it.
pub fn check_live_spec(spec: &dyn sc_service::ChainSpec) -> Result<(), String> {
	if spec.chain_type() != ChainType::Live {
		return Ok(());
	}
	let storage = spec
		.as_storage_builder()
		.build_storage()
		.map_err(|e| format!("chain spec `{}`: its genesis does not build: {e}", spec.id()))?;
	let problems = live_spec_problems(&storage.top);
	if problems.is_empty() {
		return Ok(());
	}
	Err(format!(
		"refusing to start `{}` ({}), a `Live` chain spec:\n  - {}",
		spec.name(),
		spec.id(),
		problems.join("\n  - ")
	))
}

/// The storage key of a `StorageValue`.
fn value_key(pallet: &str, item: &str) -> Vec<u8> {
	let mut key = sp_io::hashing::twox_128(pallet.as_bytes()).to_vec();
	key.extend_from_slice(&sp_io::hashing::twox_128(item.as_bytes()));
	key
}

/// What makes a live genesis unsafe, as sentences that say what to change.
fn live_spec_problems(top: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>) -> Vec<String> {
	use codec::Decode;
	use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
	let mut problems = Vec::new();

	if let Some(key) = top.get(&value_key("Sudo", "Key")) {
		let who = <[u8; 32]>::decode(&mut &key[..])
			.map(|k| sp_core::crypto::AccountId32::from(k).to_string())
			.unwrap_or_else(|_| "an undecodable account".into());
		problems.push(format!(
			"it sets a sudo key ({who}). Only dev and local chains have sudo: set `sudo.key` to \
			 null in the plain spec and build the raw spec again; a live chain reaches Root \
			 through its validators' council (2/3 of them, `governance.dispatchAsRoot`)"
		));
	}

	// Public keys anyone can sign with: the dev seeds `//Alice` ... `//Two`.
	let dev_sr: Vec<([u8; 32], String)> =
		Sr25519Keyring::iter().map(|k| (k.public().0, format!("//{k:?}"))).collect();
	let dev_ed: Vec<([u8; 32], String)> =
		Ed25519Keyring::iter().map(|k| (k.public().0, format!("//{k:?}"))).collect();
	let name_of = |key: &[u8; 32], list: &[([u8; 32], String)]| {
		list.iter().find(|(k, _)| k == key).map(|(_, n)| n.clone())
	};
	// `Session::QueuedKeys`: each genesis validator's account and its (aura, grandpa) keys.
	let queued = top
		.get(&value_key("Session", "QueuedKeys"))
		.and_then(|v| Vec::<([u8; 32], [u8; 32], [u8; 32])>::decode(&mut &v[..]).ok())
		.unwrap_or_default();
	let mut found = Vec::new();
	for (account, aura, grandpa) in &queued {
		let mut which = Vec::new();
		if let Some(n) = name_of(account, &dev_sr) {
			which.push(format!("account {n}"));
		}
		if let Some(n) = name_of(aura, &dev_sr) {
			which.push(format!("aura key {n}"));
		}
		if let Some(n) = name_of(grandpa, &dev_ed) {
			which.push(format!("grandpa key {n}"));
		}
		if !which.is_empty() {
			found.push(format!(
				"{} ({})",
				sp_core::crypto::AccountId32::from(*account),
				which.join(", ")
			));
		}
	}
	// Session 0's validators (the queued keys are session 1's).
	let current = top
		.get(&value_key("Session", "Validators"))
		.and_then(|v| Vec::<[u8; 32]>::decode(&mut &v[..]).ok())
		.unwrap_or_default();
	for account in current.iter().filter(|a| !queued.iter().any(|(q, _, _)| q == *a)) {
		if let Some(n) = name_of(account, &dev_sr) {
			found.push(format!("{} (account {n})", sp_core::crypto::AccountId32::from(*account)));
		}
	}
	if !found.is_empty() {
		problems.push(format!(
			"its validators use well-known dev keys, the template's placeholders: {}. Replace, in \
			 the plain spec, `session.keys` (each [account, account, {{aura, grandpa}}] with your \
			 validator's account and the keys `author_rotateKeysWithOwner` or `tapchain-node \
			 key insert` gave it), `validatorSet.invulnerables` (and `validatorSet.candidates`) \
			 with those accounts, and `balances.balances` with the accounts you fund; then \
			 `build-spec --chain <file> --raw` again",
			found.join("; ")
		));
	}
	// The price oracle's feeders: with dev keys among them, anyone could post prices.
	let feeders = top
		.get(&value_key("PriceOracle", "Feeders"))
		.and_then(|v| Vec::<[u8; 32]>::decode(&mut &v[..]).ok())
		.unwrap_or_default();
	let dev_feeders: Vec<String> = feeders
		.iter()
		.filter_map(|a| {
			name_of(a, &dev_sr).map(|n| format!("{} ({n})", sp_core::crypto::AccountId32::from(*a)))
		})
		.collect();
	if !dev_feeders.is_empty() {
		problems.push(format!(
			"its price oracle's feeders use well-known dev keys, the template's placeholders: {}. \
			 Replace `priceOracle.feeders` in the plain spec with the accounts of your feeders \
			 (`tapchain-feeder`), or leave it empty for governance to fill; then `build-spec \
			 --chain <file> --raw` again",
			dev_feeders.join("; ")
		));
	}
	problems
}
