//! MBTC and its collateral in `pallet-assets`, and the MBTC vault.
//!
//! `pallet-assets` holds MBTC (asset [`MBTC_ASSET_ID`], 8 decimals: 1 unit = 1 sat) and the
//! collateral assets (dev and local: [`WETH_ASSET_ID`], a wrapped ETH of 18 decimals, and
//! [`USDC_ASSET_ID`], a dollar stablecoin of 6). Nobody may create assets but Root, and
//! MBTC's owner, issuer, admin and freezer are the vault's keyless account, so only
//! `pallet-mbtc-vault` mints and burns it. Every asset is sufficient with a minimum balance
//! of one unit, so that a payout of collateral or MBTC to any account always lands.

use super::btc_bridge::BridgeRecipients;
use crate::{
	AccountId, Assets, Balance, Balances, BtcBridge, BtcLightClient, PriceOracle, Runtime,
	RuntimeEvent, BTC,
};
use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;

/// MBTC's asset id.
pub const MBTC_ASSET_ID: u32 = 1;
/// The dev and local chains' wrapped ETH.
pub const WETH_ASSET_ID: u32 = 2;
/// The dev and local chains' dollar stablecoin.
pub const USDC_ASSET_ID: u32 = 3;

/// The vault's pallet id: its account holds every channel's collateral and owns MBTC.
pub const VAULT_PALLET_ID: PalletId = PalletId(*b"tc/mbtcv");

/// The vault's account.
pub fn vault_account() -> AccountId {
	VAULT_PALLET_ID.into_account_truncating()
}

parameter_types! {
	pub const MbtcId: u32 = MBTC_ASSET_ID;
	pub const VaultPalletId: PalletId = VAULT_PALLET_ID;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	/// Only Root creates assets: every asset on the chain is one governance listed.
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureNever<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<{ BTC / 100 }>;
	type AssetAccountDeposit = ConstU128<{ BTC / 10_000 }>;
	type MetadataDepositBase = ConstU128<{ BTC / 1_000 }>;
	type MetadataDepositPerByte = ConstU128<{ BTC / 100_000 }>;
	type ApprovalDeposit = ConstU128<{ BTC / 10_000 }>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	/// The weights Parity's benchmarks of `pallet-assets` measured.
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_mbtc_vault::Config for Runtime {
	type AssetId = u32;
	type Assets = Assets;
	type MbtcId = MbtcId;
	type Prices = PriceOracle;
	type LightClient = BtcLightClient;
	/// The native bridge keeps the txids every bridge credited.
	type Txids = BtcBridge;
	type Recipients = BridgeRecipients;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PalletId = VaultPalletId;
	/// As many as the oracle has keys for, less BTC/USD and the fee rate.
	type MaxAssets = ConstU32<8>;
	/// Channels cost at least `minCollateral` dollars each; a thousand of them is far more
	/// than any bridge has had.
	type MaxChannels = ConstU32<1024>;
	/// Bitcoin Core's standard limit on non-witness bytes (100,000 vB), as the BTC bridge.
	type MaxTxSize = ConstU32<100_000>;
	/// A `gettxoutproof` of one transaction in a block of 2^20 is under 1 KB.
	type MaxProofSize = ConstU32<{ 8 * 1024 }>;
	type WeightInfo = pallet_mbtc_vault::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = VaultBenchmarks;
}

/// Proofs from the light client's benchmark helper, prices written straight into the oracle,
/// assets created by Root.
#[cfg(feature = "runtime-benchmarks")]
pub struct VaultBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_mbtc_vault::benchmarking::BenchmarkHelper<AccountId, u32> for VaultBenchmarks {
	fn prove(raw_tx: &[u8], confirmations: u32) -> alloc::vec::Vec<u8> {
		pallet_btc_light_client::benchmarking::helpers::prove::<Runtime>(raw_tx, confirmations)
	}
	fn set_price(key: &[u8], price: tapchain_primitives::oracle::Price) {
		use pallet_price_oracle::{KeyState, Keys, OracleParams, Posted, PriceKey, Values};
		// A clock in 2033: past the grace period of a key fresh since 0, and later than the
		// regtest headers the light client's helper mines (it refuses headers from the future).
		let now = pallet_timestamp::Now::<Runtime>::get().max(2_000_000_000_000);
		pallet_timestamp::Now::<Runtime>::put(now);
		pallet_price_oracle::Params::<Runtime>::put(OracleParams {
			min_values: 1,
			..Default::default()
		});
		let key = PriceKey::truncate_from(key.to_vec());
		let feeder: AccountId = frame_benchmarking::account("feeder", 0, 0);
		let _ = Values::<Runtime>::clear_prefix(&key, u32::MAX, None);
		Values::<Runtime>::insert(&key, feeder, Posted { value: price, at: now });
		Keys::<Runtime>::insert(&key, KeyState { fresh_since: Some(0) });
	}
	fn create_asset(i: u32, decimals: u8) -> u32 {
		let id = 1_000 + i;
		let root = frame_system::RawOrigin::Root;
		let owner = sp_runtime::MultiAddress::Id(vault_account());
		if !pallet_assets::Asset::<Runtime>::contains_key(id) {
			Assets::force_create(root.clone().into(), id, owner, true, 1).expect("creates");
			Assets::force_set_metadata(
				root.into(),
				id,
				b"Bench".to_vec(),
				b"BEN".to_vec(),
				decimals,
				false,
			)
			.expect("sets metadata");
		}
		id
	}
}
