//! The EVM: `pallet-revive` running plain solc bytecode, with BTC as gas.
//!
//! # Units
//! BTC has 10 decimals on the Substrate side (1 sat = 100 base units) and 18 in the EVM. One
//! base unit is [`NATIVE_TO_ETH_RATIO`] = 10^8 wei, so 1 sat = 10^10 wei. `eth_getBalance` is
//! what the account can spend (free balance minus the existential deposit and anything frozen)
//! times 10^8, plus sub-base-unit "dust" that contracts moved, which revive tracks so that no
//! wei is ever lost.
//!
//! # Gas
//! An Ethereum transaction pays the same fee a Substrate extrinsic with the same weight and
//! length pays (see [`super::fees`]); gas is only the unit the fee is quoted in. The gas price is
//! `NativeToEthRatio × GasScale × fee multiplier` wei; with [`GAS_SCALE`] = 10 and the
//! multiplier at its floor of 1 that is 10 base units = 0.1 sat = **1 gwei**, so
//! `gas = ⌈(fee + storage deposit) in base units / (10 × multiplier)⌉`. The round-up (under one
//! gas) goes to the block author with the fee. The multiplier follows congestion
//! ([`super::FeeMultiplierUpdate`]): it rises by up to 13.3 % after a full block and falls back
//! to 1 after quiet ones, so `eth_gasPrice` and each block's `baseFeePerGas` move like
//! EIP-1559's base fee. Revive charges the base fee only (no priority tip goes to the author).
//!
//! Why 10: a value transfer to an address that does not exist yet also pays the new account's
//! existential deposit (1,000 sat) as a storage deposit. At a gas price of 1 base unit that
//! transfer would need ~112,000 gas and fail under MetaMask's hard-coded 21,000; at 10 it
//! needs ~11,250, and a transfer to an existing account ~1,250. The runtime tests
//! `eth_value_transfer_fits_metamasks_21000_gas` and
//! `eth_transfer_to_a_new_address_fits_21000_gas_too` print both; the README quotes them.
//!
//! # Admission
//! [`CheckEthValue`] refuses, in the transaction pool, an Ethereum transaction whose value plus
//! fee exceeds the signer's spendable balance, as Ethereum nodes do; revive alone would run it
//! and let it fail in a block, charging gas.
//!
//! # Accounts
//! `AccountId32Mapper` gives every 32-byte account an Ethereum address (the last 20 bytes of
//! keccak of the public key) and every Ethereum address an account (`address ++ 0xEE × 12`).
//! `AutoMap` records the mapping whenever an account is created, so Polkadot.js users can call
//! contracts without a `map_account` step, and removes it when the account is reaped.

use crate::{
	AccountId, Address, Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason,
	RuntimeOrigin, Signature, Timestamp, SAT,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
};
use frame_system::EnsureSigned;
use pallet_revive::{evm::fees::Info as FeeInfo, AccountId32Mapper};
use sp_runtime::{FixedU128, Perbill};

/// EIP-155 chain id of Tapchain: `0x544150`, "TAP" in ASCII.
///
/// Above the 1281 floor, outside revive's default 420420417-420420421 range, and used by no EVM
/// chain we know of (chainlist.org could not be consulted from the build machine; check it
/// before a public launch), so signed transactions cannot be replayed on another chain.
pub const CHAIN_ID: u64 = 0x54_41_50;

/// Wei per native base unit: BTC has 10 decimals here and 18 in the EVM.
pub const NATIVE_TO_ETH_RATIO: u32 = 100_000_000;

/// Gas price in base units per gas: 10 base units = 0.1 sat = 1 gwei (see the module docs).
pub const GAS_SCALE: u32 = 10;

parameter_types! {
	/// Storage a contract creates is paid for by a refundable deposit, priced in sats: a
	/// contract storage slot (child-trie item) 20 sat, any other item 200 sat, 0.1 sat a byte.
	pub const DepositPerChildTrieItem: Balance = 20 * SAT;
	pub const DepositPerItem: Balance = 200 * SAT;
	pub const DepositPerByte: Balance = SAT / 10;
	/// Instantiating from existing code locks 30% of the code's deposit, so code in use is not
	/// removed and uploading code twice is not a way to avoid the deposit.
	pub CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
	/// An Ethereum transaction may use up to 90% of the largest extrinsic weight.
	pub MaxEthExtrinsicWeight: FixedU128 = FixedU128::from_rational(9, 10);
}

impl pallet_revive::Config for Runtime {
	type Time = Timestamp;
	type Balance = Balance;
	type Currency = Balances;
	// Gas rounding goes to the block author, like the fee it rounds.
	type OnBurn = super::fees::ToBlockAuthor;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WeightInfo = pallet_revive::weights::SubstrateWeight<Self>;
	/// The BTC bridge at `0x…0b7c0000` ([`super::precompiles`]).
	type Precompiles = (super::precompiles::BtcBridgePrecompile,);
	type FindAuthor = super::BlockAuthor;
	type DepositPerByte = DepositPerByte;
	type DepositPerItem = DepositPerItem;
	type DepositPerChildTrieItem = DepositPerChildTrieItem;
	type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
	type AddressMapper = AccountId32Mapper<Self>;
	type AllowEVMBytecode = ConstBool<true>;
	type UploadOrigin = EnsureSigned<AccountId>;
	type InstantiateOrigin = EnsureSigned<AccountId>;
	// What revive's integrity test checks contract limits against: a node's 128 MiB runtime
	// heap; a solochain has no PoV, so the PVF figure is revive's default.
	type RuntimeMemory = ConstU32<{ 128 * 1024 * 1024 }>;
	type PVFMemory = ConstU32<{ 512 * 1024 * 1024 }>;
	type ChainId = ConstU64<CHAIN_ID>;
	type NativeToEthRatio = ConstU32<NATIVE_TO_ETH_RATIO>;
	type FeeInfo = FeeInfo<Address, Signature, crate::EthExtraImpl>;
	type Deposit = ();
	type MaxEthExtrinsicWeight = MaxEthExtrinsicWeight;
	type DebugEnabled = ConstBool<false>;
	type AutoMap = ConstBool<true>;
	type GasScale = ConstU32<GAS_SCALE>;
}

/// Refuses, at the transaction pool, an Ethereum transaction whose value plus fee exceeds what
/// the signer can spend.
///
/// Revive admits such a transaction (the fee alone is payable), runs it, and it fails in the
/// block, still paying for its gas. Ethereum nodes refuse it up front ("insufficient funds for
/// gas * price + value"), and wallets expect that: nothing is charged and the nonce is not used.
/// The check runs for `eth_call` and `eth_instantiate_with_code`, which only Ethereum
/// transactions can dispatch; every other call passes untouched. Empty on the wire, so clients
/// (Polkadot.js, subxt) need nothing to build it.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	Clone,
	Eq,
	PartialEq,
	Default,
	scale_info::TypeInfo,
)]
pub struct CheckEthValue;

impl core::fmt::Debug for CheckEthValue {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckEthValue")
	}
}

impl CheckEthValue {
	/// The value an Ethereum call moves, if `call` is one.
	fn value_of(call: &RuntimeCall) -> Option<sp_core::U256> {
		match call {
			RuntimeCall::Revive(pallet_revive::Call::eth_call { value, .. })
			| RuntimeCall::Revive(pallet_revive::Call::eth_instantiate_with_code {
				value, ..
			}) => Some(*value),
			_ => None,
		}
	}
}

impl sp_runtime::traits::TransactionExtension<RuntimeCall> for CheckEthValue {
	const IDENTIFIER: &'static str = "CheckEthValue";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &RuntimeCall) -> frame_support::weights::Weight {
		match Self::value_of(call) {
			// The signer's account and its revive account info.
			Some(_) => <Runtime as frame_system::Config>::DbWeight::get().reads(2),
			None => frame_support::weights::Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: RuntimeOrigin,
		call: &RuntimeCall,
		info: &sp_runtime::traits::DispatchInfoOf<RuntimeCall>,
		len: usize,
		_self_implicit: (),
		_inherited_implication: &impl sp_runtime::traits::Implication,
		_source: sp_runtime::transaction_validity::TransactionSource,
	) -> sp_runtime::traits::ValidateResult<(), RuntimeCall> {
		use pallet_revive::AddressMapper;
		use sp_runtime::{
			traits::AsSystemOriginSigner,
			transaction_validity::{InvalidTransaction, ValidTransaction},
		};
		let pass = |origin| Ok((ValidTransaction::default(), (), origin));
		let Some(value) = Self::value_of(call) else { return pass(origin) };
		if value.is_zero() {
			return pass(origin);
		}
		let Some(who) = origin.as_system_origin_signer() else { return pass(origin) };
		let fee = pallet_transaction_payment::Pallet::<Runtime>::compute_fee(
			u32::try_from(len).unwrap_or(u32::MAX),
			info,
			0,
		);
		let needed = value.saturating_add(crate::Revive::convert_native_to_evm(fee));
		let address = <Runtime as pallet_revive::Config>::AddressMapper::to_address(who);
		if crate::Revive::evm_balance(&address) < needed {
			return Err(InvalidTransaction::Payment.into());
		}
		pass(origin)
	}

	sp_runtime::impl_tx_ext_default!(RuntimeCall; prepare);
}
