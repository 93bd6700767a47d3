//! The pallets whose FRAME benchmarks the runtime exposes (`--features runtime-benchmarks`).

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_btc_light_client, BtcLightClient]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_validator_set, ValidatorSet]
	[pallet_threshold_signer, ThresholdSigner]
	[pallet_btc_bridge, BtcBridge]
	[pallet_governance, Governance]
	[pallet_price_oracle, PriceOracle]
	[pallet_mbtc_vault, MbtcVault]
);
