//! The `Config` of every pallet in the runtime.

use crate::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, EXISTENTIAL_DEPOSIT, SLOT_DURATION, VERSION,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, FixedPointNumber, Perbill, Perquintill};

mod btc_bridge;
mod btc_light_client;
mod fees;
mod governance;
mod mbtc_vault;
pub mod precompiles;
mod price_oracle;
mod revive;
mod threshold_signer;
mod validators;
pub use btc_bridge::{CheckBridgeProof, SlashTheftSigners, REPORTER_SHARE};
pub use fees::{
	TapLengthToFee, TapWeightToFee, ToBlockAuthor, REF_TIME_PER_BASE_UNIT, REF_TIME_PER_SAT,
	TRANSACTION_BYTE_FEE,
};
pub use governance::{CouncilCollective, TwoThirdsOfCouncil, MOTION_DURATION};
pub use mbtc_vault::{vault_account, MBTC_ASSET_ID, USDC_ASSET_ID, WETH_ASSET_ID};
pub use price_oracle::{OracleFeeRate, GENESIS_KEYS, MAX_FEEDERS, MAX_KEYS};
pub use revive::{CheckEthValue, CHAIN_ID, GAS_SCALE, NATIVE_TO_ETH_RATIO};
pub use validators::{OnSessionStart, BONDING_DURATION, KEY_DEPOSIT, MAX_VALIDATORS, MIN_BOND};

/// Share of a block that normal (non-operational) extrinsics may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;

	/// 2 s of compute per 6 s block and a 32 MiB proof budget: finite on both axes. A solochain
	/// ships no proof of validity, so proof size only bounds the state a block touches; the
	/// benchmarks' worst-case estimates (2.7 KB per storage read) are several times what a
	/// block really reads, and 32 MiB lets a whole retarget period of Bitcoin headers (2016)
	/// through in one block.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, 32 * 1024 * 1024),
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |m| {
			*m = NORMAL_DISPATCH_RATIO * *m
		})
		.build();
	/// Generic Substrate prefix: the addresses dev tools (Polkadot.js, subxt) show by default.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores state in ParityDB; these are polkadot-sdk's reference costs for it.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	// Every new account gets its Ethereum address mapping, and loses it when reaped.
	type OnNewAccount = pallet_revive::AutoMapper<Runtime>;
	type OnKilledAccount = pallet_revive::AutoMapper<Runtime>;
}

/// The account of the validator that sealed the current block: Aura's author index looked up in
/// the session's validator list by `pallet-authorship`. `None` outside a block (a dry run).
/// Fees ([`ToBlockAuthor`]) go here; revive's `block.coinbase` reads the same.
pub fn block_author() -> Option<AccountId> {
	pallet_authorship::Pallet::<Runtime>::author()
}

/// [`block_author`] as a `FindAuthor` (revive's `block.coinbase`). It ignores the digests it
/// is given: `pallet-authorship` resolved the author at the start of the block, before a session
/// change in the same block could replace the validator list the Aura index points into.
pub struct BlockAuthor;

impl frame_support::traits::FindAuthor<AccountId> for BlockAuthor {
	fn find_author<'a, I>(_digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (sp_runtime::ConsensusEngineId, &'a [u8])>,
	{
		block_author()
	}
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<{ validators::MAX_VALIDATORS }>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// GRANDPA's shipped weights: pallet-grandpa implements its `WeightInfo` only for `()`
	/// (`default_weights.rs`, measured by Parity: 35 µs + 175 ns per validator for the key
	/// ownership proof, 95 µs for the equivocation proof, plus reads); it ships no
	/// `SubstrateWeight`.
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<{ validators::MAX_VALIDATORS }>;
	type MaxNominators = ConstU32<0>;
	// One set id per session of the window in which equivocations can be reported.
	type MaxSetIdSessionEntries = ConstU64<{ validators::BONDING_DURATION as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = validators::GrandpaEquivocationReports;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	/// Timestamp's shipped benchmark weights, priced with this runtime's `DbWeight`.
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// The fee multiplier aims at half-full blocks, as EIP-1559's base fee does.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(50);
	/// `v` in `m' = m · (1 + v·d + v²·d²/2)`, `d` = fullness − target (of the normal class).
	/// With v = 1/4 a full block raises the multiplier by 13.28125 % and an empty one lowers
	/// it by 11.71875 %: EIP-1559's ±12.5 % per block, near enough.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(1, 4);
	/// Fees never fall below the weight price (1 gwei per gas): a quiet chain costs what it
	/// cost before the multiplier could move.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	/// 10^5, reached after about 92 full blocks in a row from the minimum (≈ 9 minutes at 6 s),
	/// when a whole block costs about 200 BTC in fees. The cap keeps every fee far from `u128`
	/// overflow while leaving the price room to clear any real flood.
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(100_000);
}

/// The fee multiplier follows congestion: `pallet-transaction-payment`'s
/// [`TargetedFeeAdjustment`], updated at the end of every block from the normal class's fullness
/// (the scarcer of compute and proof size). Revive's gas price is `multiplier × 1 gwei`, so
/// `eth_gasPrice`, each block's `baseFeePerGas` and `eth_feeHistory` follow it.
pub type FeeMultiplierUpdate = TargetedFeeAdjustment<
	Runtime,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ToBlockAuthor>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = TapWeightToFee;
	type LengthToFee = TapLengthToFee;
	type FeeMultiplierUpdate = FeeMultiplierUpdate;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
