//! # Tapchain runtime
//!
//! The state transition function of Tapchain, an EVM-compatible Bitcoin Layer 2. BTC is the native
//! token (10 decimals, see [`tapchain_primitives`]); validators author with Aura in 6-second slots
//! and finalize with GRANDPA.
//!
//! Layout, one job per file:
//! - `lib.rs` (this file): types, versions and the pallet list;
//! - [`configs`]: one `Config` implementation per pallet;
//! - [`apis`]: the runtime APIs the node and clients (Polkadot.js, subxt) call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` presets.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` builds deep types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;

extern crate alloc;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys};

pub use opaque::SessionKeys;
use sp_version::RuntimeVersion;

pub use tapchain_primitives::{
	AccountId, Balance, BlockNumber, Hash, Moment, Nonce, Signature, BTC, BTC_DECIMALS, BTC_SYMBOL,
	SAT,
};

/// Opaque types: what the node needs to know about blocks without knowing the runtime's calls.
pub mod opaque {
	use super::*;
	use sp_runtime::OpaqueExtrinsic;

	/// An extrinsic the node does not decode.
	pub type UncheckedExtrinsic = OpaqueExtrinsic;
	/// The block header.
	pub type Header = tapchain_primitives::Header;
	/// A block of opaque extrinsics.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// A block id.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator holds: Aura to author blocks, GRANDPA to vote on finality.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime's version. Bump `spec_version` on every runtime change that goes on a live chain
/// (here and in the `upgrade-test` twin below, which stays one higher).
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("tapchain"),
	impl_name: alloc::borrow::Cow::Borrowed("tapchain"),
	authoring_version: 1,
	spec_version: 112,
	impl_version: 2,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime one `spec_version` higher: the code the network test's runtime upgrade sets
/// (`scripts/build-upgrade-runtime.sh` builds it with `--features upgrade-test`). Never release a
/// build with this feature.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("tapchain"),
	impl_name: alloc::borrow::Cow::Borrowed("tapchain"),
	authoring_version: 1,
	spec_version: 113,
	impl_version: 2,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time, in milliseconds. Aura's slot duration is derived from it.
///
/// **Never change this on a live chain**: slot numbers are computed from timestamps, so a new
/// duration without a migration stops block production.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

/// Aura's slot duration; one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// The existential deposit: 1,000 sat (0.00001 BTC).
///
/// An account below it is reaped, so it prices the storage an account costs every node. 1,000 sat
/// sits just above Bitcoin's own dust limits (330–546 sat), so an amount worth moving on Bitcoin
/// is always worth keeping here, and dust cannot fill state cheaply.
pub const EXISTENTIAL_DEPOSIT: Balance = 1_000 * SAT;

/// The address format of extrinsics.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// The block header.
pub type Header = tapchain_primitives::Header;

/// A block of this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A signed block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// A block id.
pub type BlockId = generic::BlockId<Block>;

/// The checks every signed transaction passes, in order.
///
/// The standard set that Polkadot.js and subxt know how to build, plus revive's `SetOrigin`
/// (empty on the wire, so clients need no custom types) which turns the origin of an Ethereum
/// transaction into its signer's account.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	// Ethereum transactions must afford value + fee, or the pool refuses them; a bridge proof
	// another relayer already got on chain is refused before it can pay. One element, a pair:
	// the traits tuples derive stop at 12 elements. Both are empty on the wire, and the
	// metadata lists them one by one.
	(configs::CheckEthValue, configs::CheckBridgeProof),
	// After every extension that reads the signed origin.
	pallet_revive::evm::tx_extension::SetOrigin<Runtime>,
	// Last, so that it sees the refunds of all the others.
	frame_system::WeightReclaim<Runtime>,
);

/// The extensions an Ethereum transaction runs with once `eth-rpc` has wrapped it in
/// `Revive::eth_transact`: the signature is the Ethereum one inside the payload, so these are
/// built by the runtime from the transaction's nonce and tip.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EthExtraImpl;

impl pallet_revive::evm::runtime::EthExtra for EthExtraImpl {
	type Config = Runtime;
	type ExtensionV0 = TxExtension;
	type ExtensionOtherVersions = sp_runtime::traits::InvalidVersion;

	fn get_eth_extension(nonce: Nonce, tip: Balance) -> TxExtension {
		(
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			// Ethereum transactions carry no era; replay protection is the nonce.
			frame_system::CheckMortality::from(generic::Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			(configs::CheckEthValue, configs::CheckBridgeProof),
			pallet_revive::evm::tx_extension::SetOrigin::<Runtime>::new_from_eth_transaction(),
			frame_system::WeightReclaim::<Runtime>::new(),
		)
	}
}

/// An extrinsic as it arrives from the outside: a Substrate one, or an Ethereum transaction.
pub type UncheckedExtrinsic =
	pallet_revive::evm::runtime::UncheckedExtrinsic<Address, Signature, EthExtraImpl>;

/// Storage migrations run on the next runtime upgrade. Each runs once, guarded by its pallet's
/// storage version.
#[allow(unused_parens)]
type Migrations = (pallet_btc_light_client::migrations::v2::MigrateV1ToV2<Runtime>,);

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Root access. Present in the runtime, but only the `development` and `local_testnet`
	/// presets set a key; every other chain spec leaves it `None`, which makes it inert.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	// Validators. Declared in this order on purpose: genesis is built in declaration order, and
	// `Session`'s genesis asks `ValidatorSet` (which holds bonds through `Balances`) for the
	// first sets; each block, `Authorship` reads the author before `Session` may rotate the set.

	/// The block author, from Aura's slot and the session's validator list.
	#[runtime::pallet_index(7)]
	pub type Authorship = pallet_authorship;

	/// Proof-of-stake validator selection: bonds, candidates, invulnerables, slashing.
	#[runtime::pallet_index(8)]
	pub type ValidatorSet = pallet_validator_set;

	/// Session keys and the rotation of Aura and GRANDPA authorities.
	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;

	/// Past sessions' validator sets, to check the key ownership proof in an offence report.
	#[runtime::pallet_index(11)]
	pub type Historical = pallet_session::historical;

	/// Offence reports (GRANDPA equivocations), passed to `ValidatorSet` to slash.
	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;

	/// Bitcoin light client: headers from relayers, SPV proofs for the bridges.
	#[runtime::pallet_index(10)]
	pub type BtcLightClient = pallet_btc_light_client;

	/// Validators' BTC keys, the 2/3 Taproot vault and its signing rounds.
	#[runtime::pallet_index(13)]
	pub type ThresholdSigner = pallet_threshold_signer;

	/// The native BTC bridge: SPV-proven deposits, batched 2/3-signed withdrawals.
	#[runtime::pallet_index(14)]
	pub type BtcBridge = pallet_btc_bridge;

	/// The council: the active validators, synced at each session change (`Governance`).
	#[runtime::pallet_index(15)]
	pub type Council = pallet_collective<Instance1>;

	/// Root without sudo: a council motion with 2/3 of the seats dispatches as Root.
	#[runtime::pallet_index(16)]
	pub type Governance = pallet_governance;

	/// Prices: BTC/USD, collateral assets, Bitcoin's fee rate; medians of governance-set feeders.
	#[runtime::pallet_index(17)]
	pub type PriceOracle = pallet_price_oracle;

	/// Fungible assets: MBTC and the collateral of the MBTC vault.
	#[runtime::pallet_index(18)]
	pub type Assets = pallet_assets;

	/// The MBTC vault: over-collateralized channels, envelope bridge-in, bridge-out, liquidation.
	#[runtime::pallet_index(19)]
	pub type MbtcVault = pallet_mbtc_vault;

	/// The EVM (and PolkaVM): Solidity contracts, Ethereum transactions, BTC as gas.
	#[runtime::pallet_index(20)]
	pub type Revive = pallet_revive;
}

#[cfg(test)]
mod tests;
