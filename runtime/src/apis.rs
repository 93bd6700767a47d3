//! The runtime APIs: what the node, Polkadot.js and subxt call into the runtime for.
//!
//! Standard APIs, the light client's, the threshold signer's, the BTC bridge's, the price oracle's, and revive's `ReviveApi` (what `tapchain-eth-rpc` calls to
//! dry-run, estimate gas and build Ethereum blocks and receipts). Metadata is served at v14, v15
//! and v16, so Polkadot.js Apps works without custom types.

use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, BtcBridge, BtcLightClient, Executive, Grandpa,
	InherentDataExt, MbtcVault, Nonce, PriceOracle, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, System, ThresholdSigner, TransactionPayment, VERSION,
};
use alloc::{vec, vec::Vec};
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

// `impl_runtime_apis!` plus `ReviveApi` and the `SetWeightLimit` glue revive needs.
pallet_revive::impl_runtime_apis_plus_revive_traits! {
	Runtime,
	Revive,
	Executive,
	EthExtraImpl,

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			crate::Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_btc_light_client_runtime_api::BtcLightClientApi<Block, AccountId> for Runtime {
		fn network() -> Option<pallet_btc_light_client::BtcNetwork> {
			pallet_btc_light_client::Network::<Runtime>::get()
		}

		fn secure_for_value() -> bool {
			<BtcLightClient as pallet_btc_light_client::BtcLightClient>::secure_for_value()
		}

		fn relayer_credits(relayer: AccountId) -> u64 {
			BtcLightClient::relayer_credits(&relayer)
		}

		fn best_block() -> Option<(u32, [u8; 32])> {
			BtcLightClient::best_block().map(|(h, hash)| (h, hash.0))
		}

		fn header_at(height: u32) -> Option<[u8; 80]> {
			BtcLightClient::header_at(height)
		}

		fn confirmations(hash: [u8; 32]) -> Option<u32> {
			BtcLightClient::confirmations_of(&sp_core::H256(hash))
		}

		fn verify_tx_inclusion(
			raw_tx: Vec<u8>,
			merkle_block: Vec<u8>,
			min_confirmations: u32,
		) -> Result<pallet_btc_light_client::TxInclusion, pallet_btc_light_client::SpvError> {
			use pallet_btc_light_client::BtcLightClient as _;
			BtcLightClient::verify_tx_inclusion(&raw_tx, &merkle_block, min_confirmations)
		}
	}

	impl pallet_threshold_signer_runtime_api::ThresholdSignerApi<Block, AccountId> for Runtime {
		fn signers() -> Vec<(AccountId, [u8; 32])> {
			ThresholdSigner::signers()
		}

		fn current_vault() -> Option<pallet_threshold_signer::VaultDetails<AccountId>> {
			ThresholdSigner::current_vault_details()
		}

		fn vault(id: u32) -> Option<pallet_threshold_signer::VaultDetails<AccountId>> {
			ThresholdSigner::vault_details(id)
		}

		fn round(id: u64) -> Option<pallet_threshold_signer::RoundDetails<AccountId>> {
			ThresholdSigner::round_details(id)
		}
	}

	impl pallet_price_oracle_runtime_api::PriceOracleApi<Block, AccountId> for Runtime {
		fn price(
			key: Vec<u8>,
		) -> Result<pallet_price_oracle_runtime_api::PriceInfo, pallet_price_oracle_runtime_api::PriceError> {
			PriceOracle::price_info(&key)
		}

		fn values(key: Vec<u8>) -> Vec<pallet_price_oracle_runtime_api::FeederValue<AccountId>> {
			PriceOracle::feeder_values(&key)
		}

		fn keys() -> Vec<Vec<u8>> {
			PriceOracle::all_keys()
		}

		fn feeders() -> Vec<AccountId> {
			pallet_price_oracle::Feeders::<Runtime>::get().into_inner()
		}
	}

	impl pallet_mbtc_vault_runtime_api::MbtcVaultApi<Block, AccountId> for Runtime {
		fn channels() -> Vec<pallet_mbtc_vault_runtime_api::ChannelStatus<AccountId>> {
			MbtcVault::channel_statuses()
		}

		fn requests() -> Vec<pallet_mbtc_vault_runtime_api::RequestStatus<AccountId>> {
			MbtcVault::request_statuses()
		}
	}

	impl pallet_btc_bridge_runtime_api::BtcBridgeApi<Block, AccountId> for Runtime {
		fn deposit_status(txid: H256) -> pallet_btc_bridge_runtime_api::DepositStatus {
			BtcBridge::deposit_status(txid)
		}

		fn withdrawal(
			id: pallet_btc_bridge_runtime_api::WithdrawalId,
		) -> Option<pallet_btc_bridge_runtime_api::WithdrawalInfo<AccountId>> {
			BtcBridge::withdrawal_info(id)
		}

		fn batch_of_txid(txid: H256) -> Option<pallet_btc_bridge_runtime_api::BatchId> {
			BtcBridge::batch_of_txid(txid)
		}

		fn queue() -> Vec<pallet_btc_bridge_runtime_api::WithdrawalId> {
			BtcBridge::queue()
		}

		fn utxos() -> Vec<(pallet_btc_bridge_runtime_api::OutPoint, pallet_btc_bridge_runtime_api::Utxo)> {
			BtcBridge::utxos()
		}

		fn totals() -> pallet_btc_bridge_runtime_api::BridgeTotals {
			BtcBridge::totals()
		}

		fn signed_tx(batch: pallet_btc_bridge_runtime_api::BatchId) -> Option<Vec<u8>> {
			BtcBridge::signed_tx(batch)
		}

		fn pending_batches() -> Vec<(pallet_btc_bridge_runtime_api::BatchId, Vec<u8>)> {
			BtcBridge::pending_batches()
		}

		fn withdrawal_fee(amount: Balance) -> Result<Balance, sp_runtime::DispatchError> {
			BtcBridge::withdrawal_fee(amount)
		}

		fn deposit_scripts() -> Vec<Vec<u8>> {
			BtcBridge::deposit_scripts()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			#[allow(unused_imports)]
			use crate::{Balances, BtcLightClient, Governance, Sudo, Timestamp, ValidatorSet};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{BenchmarkBatch};
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			use frame_system_benchmarking::Pallet as SystemBench;
			#[allow(unused_imports)]
			use crate::{Balances, BtcLightClient, Governance, Sudo, Timestamp, ValidatorSet};

			impl frame_system_benchmarking::Config for Runtime {}

			let whitelist: Vec<TrackedStorageKey> = crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(
			checks: frame_try_runtime::UpgradeCheckSelect,
		) -> (Weight, Weight) {
			// `try-runtime on-runtime-upgrade` runs this against a live chain's state: the
			// migrations, then (as asked) their post-checks and every pallet's `try_state`.
			let weight = Executive::try_runtime_upgrade(checks)
				.expect("a failing try-runtime upgrade check is the answer the tool asks for");
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("a failing try-runtime block check is the answer the tool asks for")
		}
	}
}
