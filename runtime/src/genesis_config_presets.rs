//! Genesis presets: the starting state of each built-in chain spec.
//!
//! - `development` (`--dev`): Alice is the single authority and sudo; dev accounts are funded.
//! - `local_testnet` (`--chain local`): Alice and Bob author; Alice is sudo.
//!
//! Both fund the well-known Substrate dev accounts (`//Alice` ... `//Two`) and the well-known
//! Ethereum dev keys (Alith, Baltathar, Charleth, Dorothy, Ethan), so MetaMask, ethers or Hardhat
//! can deploy on a fresh chain at once. Every Substrate genesis account has its Ethereum address
//! from block 0: endowed ones through `AutoMap` as Balances creates them, the others (a root or
//! authority account without an endowment) through revive's `mapped_accounts`.
//!
//! Any other chain (a public testnet or mainnet) is built from a JSON spec whose `sudo.key` is
//! `null`: only dev and local specs carry sudo.

use crate::{AccountId, BalancesConfig, ReviveConfig, RuntimeGenesisConfig, SudoConfig, BTC};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Genesis balance of every endowed dev account: 1,000,000 BTC. Plenty for tests, and far from
/// overflowing a `u128`.
pub const ENDOWMENT: crate::Balance = 1_000_000 * BTC;

/// Well-known Ethereum dev accounts (the Moonbeam/Frontier dev mnemonic's first five keys),
/// whose private keys every Ethereum dev tool ships.
pub const ETH_DEV_ACCOUNTS: [[u8; 20]; 5] = [
	h160("f24FF3a9CF04c71Dbc94D0b566f7A27B94566cac"), // Alith
	h160("3Cd0A705a2DC65e5b1E1205896BaA2be8A07c6e0"), // Baltathar
	h160("798d4Ba9baf0064Ec19eB4F0a1a45785ae9D6DFc"), // Charleth
	h160("773539d4Ac0e786233D90A233654ccEE26a613D9"), // Dorothy
	h160("Ff64d3F6efE2317EE2807d223a0Bdc4c0c49dfDB"), // Ethan
];

/// Parses 40 hex digits at compile time.
const fn h160(hex: &str) -> [u8; 20] {
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			b'A'..=b'F' => c - b'A' + 10,
			_ => panic!("not a hex digit"),
		}
	}
	let b = hex.as_bytes();
	assert!(b.len() == 40, "an address is 40 hex digits");
	let mut out = [0u8; 20];
	let mut i = 0;
	while i < 20 {
		out[i] = (nibble(b[2 * i]) << 4) | nibble(b[2 * i + 1]);
		i += 1;
	}
	out
}

/// The account that holds an Ethereum address's BTC: `address ++ 0xEE × 12`, as revive's
/// `AccountId32Mapper` derives it. Such accounts need no mapping.
pub fn eth_account(address: [u8; 20]) -> AccountId {
	let mut raw = [0xEE; 32];
	raw[..20].copy_from_slice(&address);
	AccountId::new(raw)
}

/// Builds the JSON patch of a genesis state.
pub(crate) fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	// Every account Balances creates at genesis is mapped by revive's `AutoMap` as it is created
	// (`OnNewAccount`). Listing those in `mapped_accounts` too would make revive log
	// `AccountAlreadyMapped` for each one when a node starts, so it holds the genesis accounts
	// Balances does not create: the root key and the authorities' accounts, unless endowed.
	let mut mapped_accounts: Vec<AccountId> = initial_authorities
		.iter()
		.filter_map(|(aura, _)| AccountId::try_from(AsRef::<[u8]>::as_ref(aura)).ok())
		.chain(core::iter::once(root.clone()))
		.filter(|who| !endowed_accounts.contains(who))
		.collect();
	mapped_accounts.sort();
	mapped_accounts.dedup();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.chain(ETH_DEV_ACCOUNTS.into_iter().map(eth_account))
				.map(|k| (k, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		revive: ReviveConfig { mapped_accounts },
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// Aura (sr25519) and GRANDPA (ed25519) keys of a well-known dev validator, both derived from
/// the same `//Name` seed, as `tapchain-node key insert --suri //Name` would.
fn authority_keys(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

/// The `development` preset: one validator, Alice.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice and Bob.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice), authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of the named preset, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
