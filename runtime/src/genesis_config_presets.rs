//! Genesis presets: the starting state of each built-in chain spec.
//!
//! - `development` (`--dev`): Alice is the single validator (invulnerable) and sudo, and the
//!   threshold signer with the dev BTC key of `//Alice`.
//! - `local_testnet` (`--chain local`): Alice, Bob (invulnerables), Charlie, Dave (bonded
//!   candidates) validate, each a threshold signer with its dev BTC key, so the 3-of-4 vault
//!   exists from block 1; Alice is sudo. 10-block sessions.
//! - `testnet`: the template of a public testnet: no sudo (the validators' council is Root),
//!   1-hour sessions, the light client starting at signet's genesis, placeholder validators to
//!   replace (the node refuses to start a `Live` spec whose validators are dev keys).
//!
//! The price oracle of dev and local has one feeder, `//Alice`, and a price needs one value;
//! the testnet template's is fed by its bootstrap validators, and a price needs three. All
//! start with the keys `BTC/USD`, `WETH/USD`, `USDC/USD` and `FEE/SATVB`, and no values.
//!
//! MBTC (asset 1, 8 decimals) exists on every chain, owned by the MBTC vault's account. Dev and
//! local also list the vault's collateral: asset 2, `WETH` (18 decimals), and asset 3, `USDC`
//! (6), owned by the root key, with [`DEV_WETH`] and [`DEV_USDC`] for every endowed account;
//! the testnet template lists none (governance adds them with `mbtcVault.setCollateralAsset`).
//! The vault's proofs need the bridge's confirmations.
//!
//! The BTC bridge of dev and local takes regtest deposits after [`DEV_CONFIRMATIONS`]; the
//! testnet template's takes test networks' after 6. A mainnet spec leaves `allowInsecure` off.
//!
//! Dev and local fund the well-known Substrate dev accounts (`//Alice` ... `//Two`) and the well-known
//! Ethereum dev keys (Alith, Baltathar, Charleth, Dorothy, Ethan), so MetaMask, ethers or Hardhat
//! can deploy on a fresh chain at once. Every Substrate genesis account has its Ethereum address
//! from block 0: endowed ones through `AutoMap` as Balances creates them, the others (a root or
//! authority account without an endowment) through revive's `mapped_accounts`.
//!
//! Any other chain (a public testnet or mainnet) is built from a JSON spec whose `sudo.key` is
//! `null`: only dev and local specs carry sudo.

use crate::{
	configs::{vault_account, MBTC_ASSET_ID, USDC_ASSET_ID, WETH_ASSET_ID},
	AccountId, AssetsConfig, Balance, BalancesConfig, BlockNumber, BtcBridgeConfig,
	BtcLightClientConfig, MbtcVaultConfig, PriceOracleConfig, ReviveConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, ThresholdSignerConfig, ValidatorSetConfig, BTC,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_btc_light_client::Checkpoint;
use pallet_threshold_signer::{taproot, BtcKey};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use tapchain_primitives::btc::BtcNetwork;

/// Genesis balance of every endowed dev account: 1,000,000 BTC. Plenty for tests, and far from
/// overflowing a `u128`.
pub const ENDOWMENT: crate::Balance = 1_000_000 * BTC;

/// MBTC's decimals: 1 unit = 1 sat.
pub const MBTC_DECIMALS: u8 = 8;

/// The wrapped ETH each endowed dev account holds: 1,000 WETH.
pub const DEV_WETH: u128 = 1_000 * 1_000_000_000_000_000_000;

/// The dollar stablecoin each endowed dev account holds: 1,000,000 USDC.
pub const DEV_USDC: u128 = 1_000_000 * 1_000_000;

/// Well-known Ethereum dev accounts (the Moonbeam/Frontier dev mnemonic's first five keys),
/// whose private keys every Ethereum dev tool ships.
pub const ETH_DEV_ACCOUNTS: [[u8; 20]; 5] = [
	sp_core::hex2array!("f24FF3a9CF04c71Dbc94D0b566f7A27B94566cac"), // Alith
	sp_core::hex2array!("3Cd0A705a2DC65e5b1E1205896BaA2be8A07c6e0"), // Baltathar
	sp_core::hex2array!("798d4Ba9baf0064Ec19eB4F0a1a45785ae9D6DFc"), // Charleth
	sp_core::hex2array!("773539d4Ac0e786233D90A233654ccEE26a613D9"), // Dorothy
	sp_core::hex2array!("Ff64d3F6efE2317EE2807d223a0Bdc4c0c49dfDB"), // Ethan
];

/// The account that holds an Ethereum address's BTC: `address ++ 0xEE × 12`, as revive's
/// `AccountId32Mapper` derives it. Such accounts need no mapping.
pub fn eth_account(address: [u8; 20]) -> AccountId {
	let mut raw = [0xEE; 32];
	raw[..20].copy_from_slice(&address);
	AccountId::new(raw)
}

/// A genesis validator: its account and its session keys.
#[derive(Clone)]
pub struct GenesisValidator {
	/// The account that bonds and is paid fees.
	pub account: AccountId,
	/// Aura key (sr25519), to author blocks.
	pub aura: AuraId,
	/// GRANDPA key (ed25519), to vote on finality.
	pub grandpa: GrandpaId,
}

/// Who validates from block 0, and how sessions run.
pub struct GenesisValidators {
	/// Always in the set, without a bond.
	pub invulnerables: Vec<GenesisValidator>,
	/// Bonded candidates (bond held from their endowment).
	pub candidates: Vec<(GenesisValidator, Balance)>,
	/// Candidates that join the invulnerables in each set.
	pub desired_candidates: u32,
	/// Blocks per session.
	pub session_length: BlockNumber,
	/// Threshold-signer keys registered at genesis, so the vault exists from block 1.
	pub signer_keys: Vec<(AccountId, BtcKey)>,
	/// The vaults' recovery path: keys, threshold, delay in blocks.
	pub recovery: Option<(Vec<BtcKey>, u16, u16)>,
}

/// The BTC bridge's chain-spec values.
pub struct GenesisBridge {
	/// Confirmations a deposit needs.
	pub confirmations: u32,
	/// Take deposits on a Bitcoin network that is not secure for value (signet, testnet,
	/// regtest): test chains only.
	pub allow_insecure: bool,
	/// Where the light client starts at genesis; `None` leaves it to `initialize` (Root).
	pub checkpoint: Option<Checkpoint>,
}

/// The price oracle of a genesis: who feeds it, and how many fresh values make a price.
pub struct GenesisOracle {
	/// The first feeders.
	pub feeders: Vec<AccountId>,
	/// Fresh values a key needs.
	pub min_values: u32,
}

/// Signet's genesis header (height 0, the first retarget boundary), from
/// `testdata/btc/signet/headers_0000000_0002015.bin`: the testnet template's light-client
/// checkpoint, so that a chain made from it follows signet from block 1 without Root. An
/// operator may move it to a recent boundary (`getblockheader <hash of a 2016k height> false`)
/// so that relayers start there.
pub const SIGNET_GENESIS_HEADER: [u8; 80] = sp_core::hex2array!(
	"0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a008f4d5fae77031e8ad22203"
);

/// Confirmations of the dev and local bridges: enough to show that deposits wait for them,
/// few enough for a regtest that mines on demand.
pub const DEV_CONFIRMATIONS: u32 = 3;

/// Builds the JSON patch of a genesis state. `root: None` leaves sudo without a key (inert),
/// as every chain but dev and local must.
pub(crate) fn testnet_genesis(
	validators: GenesisValidators,
	endowed_accounts: Vec<AccountId>,
	root: Option<AccountId>,
	fund_eth_dev_accounts: bool,
	bridge: GenesisBridge,
	oracle: GenesisOracle,
) -> Value {
	let all: Vec<GenesisValidator> = validators
		.invulnerables
		.iter()
		.cloned()
		.chain(validators.candidates.iter().map(|(v, _)| v.clone()))
		.collect();
	// Every account Balances creates at genesis is mapped by revive's `AutoMap` as it is created
	// (`OnNewAccount`). Listing those in `mapped_accounts` too would make revive log
	// `AccountAlreadyMapped` for each one when a node starts, so it holds the genesis accounts
	// Balances does not create: the root key and the validators' accounts, unless endowed.
	let mut mapped_accounts: Vec<AccountId> = all
		.iter()
		.map(|v| v.account.clone())
		.chain(root.clone())
		.filter(|who| !endowed_accounts.contains(who))
		.collect();
	mapped_accounts.sort();
	mapped_accounts.dedup();
	let eth_accounts: Vec<AccountId> = if fund_eth_dev_accounts {
		ETH_DEV_ACCOUNTS.into_iter().map(eth_account).collect()
	} else {
		Vec::new()
	};
	// The BTC bridge precompile's account holds the existential deposit from genesis, so that
	// the first withdrawal from Solidity does not pay for creating it.
	let precompile = (
		eth_account(crate::configs::precompiles::btc_bridge_precompile_address()),
		crate::EXISTENTIAL_DEPOSIT,
	);
	// MBTC always exists, owned (and so only minted and burned) by the vault's account. Dev and
	// local chains also list two collateral assets, owned by the root key, and give every
	// endowed account some of each.
	let mut assets = vec![(MBTC_ASSET_ID, vault_account(), true, 1u128)];
	let mut metadata =
		vec![(MBTC_ASSET_ID, b"Tapchain MBTC".to_vec(), b"MBTC".to_vec(), MBTC_DECIMALS)];
	let mut asset_accounts = Vec::new();
	let mut collateral = Vec::new();
	if fund_eth_dev_accounts {
		let owner = root.clone().unwrap_or_else(vault_account);
		assets.push((WETH_ASSET_ID, owner.clone(), true, 1));
		assets.push((USDC_ASSET_ID, owner, true, 1));
		metadata.push((WETH_ASSET_ID, b"Wrapped Ether".to_vec(), b"WETH".to_vec(), 18));
		metadata.push((USDC_ASSET_ID, b"USD Coin".to_vec(), b"USDC".to_vec(), 6));
		for who in endowed_accounts.iter().cloned().chain(eth_accounts.iter().cloned()) {
			asset_accounts.push((WETH_ASSET_ID, who.clone(), DEV_WETH));
			asset_accounts.push((USDC_ASSET_ID, who, DEV_USDC));
		}
		collateral =
			vec![(WETH_ASSET_ID, b"WETH/USD".to_vec()), (USDC_ASSET_ID, b"USDC/USD".to_vec())];
	}
	let vault_params = pallet_mbtc_vault::VaultParams {
		confirmations: bridge.confirmations,
		..Default::default()
	};
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.chain(eth_accounts.iter().cloned())
				.map(|k| (k, ENDOWMENT))
				.chain(core::iter::once(precompile))
				.collect::<Vec<_>>(),
		},
		revive: ReviveConfig { mapped_accounts },
		validator_set: ValidatorSetConfig {
			invulnerables: validators
				.invulnerables
				.iter()
				.map(|v| v.account.clone())
				.collect::<Vec<_>>(),
			candidates: validators
				.candidates
				.iter()
				.map(|(v, bond)| (v.account.clone(), *bond))
				.collect::<Vec<_>>(),
			desired_candidates: validators.desired_candidates,
			session_length: validators.session_length,
		},
		session: SessionConfig {
			keys: all
				.iter()
				.map(|v| {
					let keys = SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() };
					(v.account.clone(), v.account.clone(), keys)
				})
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		threshold_signer: ThresholdSignerConfig {
			keys: validators.signer_keys,
			recovery: validators.recovery,
		},
		btc_bridge: BtcBridgeConfig {
			confirmations: Some(bridge.confirmations),
			allow_insecure: bridge.allow_insecure,
		},
		btc_light_client: BtcLightClientConfig { checkpoint: bridge.checkpoint },
		price_oracle: PriceOracleConfig {
			feeders: oracle.feeders,
			keys: crate::configs::GENESIS_KEYS.iter().map(|k| (*k).into()).collect::<Vec<_>>(),
			params: Some(pallet_price_oracle::OracleParams {
				min_values: oracle.min_values,
				..Default::default()
			}),
		},
		assets: AssetsConfig { assets, metadata, accounts: asset_accounts },
		mbtc_vault: MbtcVaultConfig { params: vault_params, collateral },
	})
}

/// A well-known dev validator: account `//Name` (sr25519), Aura key `//Name` (sr25519), GRANDPA
/// key `//Name` (ed25519), as `tapchain-node key insert --suri //Name` would store them.
pub fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> GenesisValidator {
	GenesisValidator {
		account: sr.to_account_id(),
		aura: sr.public().into(),
		grandpa: ed.public().into(),
	}
}

/// The dev signer key of `name` (`//Alice`, …): see [`taproot::dev_secret`]. Public
/// knowledge, for `dev` and `local` only.
pub fn dev_signer_key(name: &str) -> BtcKey {
	taproot::dev_key(name)
		.expect("every dev name hashes to a valid secret key")
		.into()
}

/// The recovery path of the dev and local vaults: 2 of the dev keys `//Recovery1..3`, after
/// 12,960 blocks (~90 days of Bitcoin), the delay a real chain would use.
pub fn dev_recovery() -> Option<(Vec<BtcKey>, u16, u16)> {
	let keys = ["//Recovery1", "//Recovery2", "//Recovery3"].map(dev_signer_key).to_vec();
	Some((keys, 2, DEV_RECOVERY_DELAY))
}

/// The recovery delay of the dev and local vaults.
pub const DEV_RECOVERY_DELAY: u16 = 12_960;

/// Session length of the dev and local chains: 10 blocks (1 minute), so tests see changes fast.
pub const DEV_SESSION_LENGTH: BlockNumber = 10;

/// Bond of each genesis candidate on the local chain.
pub const LOCAL_CANDIDATE_BOND: Balance = 10 * BTC;

/// The `development` preset: one validator, Alice (invulnerable), who is also sudo.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		GenesisValidators {
			invulnerables: vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
			candidates: vec![],
			desired_candidates: 8,
			session_length: DEV_SESSION_LENGTH,
			signer_keys: vec![(Sr25519Keyring::Alice.to_account_id(), dev_signer_key("//Alice"))],
			recovery: dev_recovery(),
		},
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		true,
		GenesisBridge { confirmations: DEV_CONFIRMATIONS, allow_insecure: true, checkpoint: None },
		GenesisOracle { feeders: vec![Sr25519Keyring::Alice.to_account_id()], min_values: 1 },
	)
}

/// The `local_testnet` preset: four validators. Alice and Bob are invulnerables (they keep the
/// chain alive whatever happens to bonds); Charlie and Dave are bonded candidates with 10 BTC
/// each, as any later validator would be. Alice is sudo.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		GenesisValidators {
			invulnerables: vec![
				dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
				dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			],
			candidates: vec![
				(
					dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
					LOCAL_CANDIDATE_BOND,
				),
				(dev_validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave), LOCAL_CANDIDATE_BOND),
			],
			desired_candidates: 8,
			session_length: DEV_SESSION_LENGTH,
			signer_keys: [
				(Sr25519Keyring::Alice, "//Alice"),
				(Sr25519Keyring::Bob, "//Bob"),
				(Sr25519Keyring::Charlie, "//Charlie"),
				(Sr25519Keyring::Dave, "//Dave"),
			]
			.map(|(k, name)| (k.to_account_id(), dev_signer_key(name)))
			.to_vec(),
			recovery: dev_recovery(),
		},
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		true,
		GenesisBridge { confirmations: DEV_CONFIRMATIONS, allow_insecure: true, checkpoint: None },
		GenesisOracle { feeders: vec![Sr25519Keyring::Alice.to_account_id()], min_values: 1 },
	)
}

/// Name of the public testnet template preset.
pub const TESTNET_PRESET: &str = "testnet";

/// Session length of the testnet template: 600 blocks, one hour.
pub const TESTNET_SESSION_LENGTH: BlockNumber = 600;

/// The `testnet` template: what an operator edits into a shared spec (`build-spec --chain
/// testnet`, replace the placeholders, `build-spec --raw`). No sudo, no funded Ethereum dev
/// keys. Its placeholders are the dev keys of Alice, Bob and Charlie as invulnerables (each
/// endowed with 1,000,000 test BTC to hand out); replace them with the bootstrap validators'
/// accounts and `author_rotateKeys` output before launching.
pub fn testnet_template_genesis() -> Value {
	let bootstrap = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	];
	testnet_genesis(
		GenesisValidators {
			invulnerables: bootstrap.iter().map(|(sr, ed)| dev_validator(*sr, *ed)).collect(),
			candidates: vec![],
			desired_candidates: 16,
			session_length: TESTNET_SESSION_LENGTH,
			// Operators register their keys (`tapchain-signer register`); governance sets the
			// recovery path (`thresholdSigner.setRecovery`).
			signer_keys: vec![],
			recovery: None,
		},
		bootstrap.iter().map(|(sr, _)| sr.to_account_id()).collect(),
		None,
		false,
		// A public testnet bridges signet's test BTC, with mainnet's depth.
		GenesisBridge {
			confirmations: 6,
			allow_insecure: true,
			checkpoint: Some(Checkpoint {
				network: BtcNetwork::Signet,
				header: SIGNET_GENESIS_HEADER.to_vec(),
				height: 0,
			}),
		},
		// The bootstrap validators feed it, placeholders like their keys; a price needs 3.
		GenesisOracle {
			feeders: bootstrap.iter().map(|(sr, _)| sr.to_account_id()).collect(),
			min_values: 3,
		},
	)
}

/// The JSON of the named preset, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		TESTNET_PRESET => testnet_template_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(TESTNET_PRESET),
	]
}
