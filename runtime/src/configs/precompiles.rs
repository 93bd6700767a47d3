//! Tapchain's precompiles: what Solidity calls at fixed addresses.
//!
//! **BTC bridge** at `0x000000000000000000000000000000000b7c0000` (revive's
//! `AddressMatcher::Fixed(0x0B7C)`), the [`IBtcBridge`] interface:
//!
//! ```solidity
//! interface IBtcBridge {
//!     event WithdrawalRequested(uint64 indexed id, address indexed from, uint256 amountWei, string btcAddress);
//!     function withdraw(string calldata btcAddress) external payable returns (uint64 id);
//!     function withdrawalStatus(uint64 id) external view returns (uint8 status, bytes32 btcTxid);
//!     function vaultAddress() external view returns (string memory);
//!     function withdrawalFee(uint256 amountWei) external view returns (uint256 feeWei);
//! }
//! ```
//!
//! - `withdraw`: `msg.value` is the amount paid on Bitcoin, a whole number of satoshis (10^10
//!   wei each). The fee (`withdrawalFee(msg.value)`) is burnt from the caller's balance besides
//!   it, as `btcBridge.withdraw` does for an extrinsic. A bad address, an amount that is not
//!   whole sats or below the minimum, a balance that cannot pay the fee: each reverts with a
//!   reason string (ethers shows it as `reason`), and nothing is burnt.
//! - `withdrawalStatus`: 0 unknown, 1 queued, 2 signing, 3 signed, 4 broadcast, 5 completed,
//!   6 cancelled; `btcTxid` is the batch transaction's txid as explorers and `bitcoin-cli`
//!   show it (display byte order), zero before a version is signed.
//! - `vaultAddress`: the address deposits pay now; reverts before a vault and a light-client
//!   network exist.
//!
//! Every entry charges its benchmarked weight before it works. View functions refuse value,
//! and none may be delegate-called (the value would be another contract's).
//!
//! revive moves `msg.value` to the precompile's account (`address ++ 0xEE × 12`) before the
//! call, and the first transfer to an account that does not exist makes the caller pay its
//! existential deposit. Every preset therefore creates that account at genesis with the
//! existential deposit (as revive's own pallet account is), so no withdrawer pays it; a
//! hand-written chain spec should list it too.

use crate::{AccountId, Balance, Balances, BtcBridge, Runtime};
use alloc::{string::String, vec::Vec};
use core::num::NonZero;
use frame_support::traits::{fungible::Mutate, tokens::Preservation};
use pallet_btc_bridge::WeightInfo as _;
use pallet_revive::precompiles::{
	alloy::{
		self,
		primitives::IntoLogData,
		sol_types::{Revert, SolCall},
	},
	AddressMapper, AddressMatcher, Error, Ext, Precompile, RuntimeCosts, H256, U256,
};
use sp_runtime::DispatchError;

alloy::sol! {
	/// The native BTC bridge, for Solidity.
	interface IBtcBridge {
		event WithdrawalRequested(uint64 indexed id, address indexed from, uint256 amountWei, string btcAddress);
		function withdraw(string calldata btcAddress) external payable returns (uint64 id);
		function withdrawalStatus(uint64 id) external view returns (uint8 status, bytes32 btcTxid);
		function vaultAddress() external view returns (string memory);
		function withdrawalFee(uint256 amountWei) external view returns (uint256 feeWei);
	}
}

/// The BTC bridge precompile's address index: `0x…0b7c0000`.
pub const BTC_BRIDGE_PRECOMPILE: u16 = 0x0b7c;

/// The precompile's address, `0x…0b7c0000`.
pub fn btc_bridge_precompile_address() -> [u8; 20] {
	let mut address = [0u8; 20];
	address[16..18].copy_from_slice(&BTC_BRIDGE_PRECOMPILE.to_be_bytes());
	address
}

/// Wei per satoshi: 10^10.
const WEI_PER_SAT: u64 = 10_000_000_000;

/// The BTC bridge precompile ([`IBtcBridge`]).
pub struct BtcBridgePrecompile;

type Bridge = super::btc_bridge::BridgeWeights;
type BridgeError = pallet_btc_bridge::Error<Runtime>;

fn revert(reason: impl Into<String>) -> Error {
	Error::Revert(Revert { reason: reason.into() })
}

/// A bridge error as the reason string a wallet shows; any other error traps.
fn reason_of(e: DispatchError) -> Error {
	use codec::Decode;
	let DispatchError::Module(m) = e else { return e.into() };
	let is_bridge = <crate::PalletInfo as frame_support::traits::PalletInfo>::index::<BtcBridge>()
		== Some(m.index as usize);
	let Some(err) = is_bridge.then(|| BridgeError::decode(&mut &m.error[..]).ok()).flatten() else {
		return e.into();
	};
	let reason = match err {
		BridgeError::InvalidAddress => "not a Bitcoin address",
		BridgeError::WrongNetwork => "a Bitcoin address of another network",
		BridgeError::UnsupportedAddress => "not a standard Bitcoin address type",
		BridgeError::NotWholeSats => "the amount must be whole satoshis (10^10 wei)",
		BridgeError::BelowMinimum => "the amount is below the minimum withdrawal",
		BridgeError::AmountTooLarge => "the amount is more than a Bitcoin output holds",
		BridgeError::InsufficientBalance => "the balance cannot pay the amount and the fee",
		BridgeError::NotBacked => "more than the bridge holds on Bitcoin",
		BridgeError::QueueFull => "the withdrawal queue is full, try again later",
		BridgeError::NoVault => "no vault yet",
		BridgeError::WithdrawalsPaused => "withdrawals are paused",
		BridgeError::NotInitialized => "the light client follows no Bitcoin network yet",
		other => <&'static str>::from(other),
	};
	revert(reason)
}

impl BtcBridgePrecompile {
	fn caller(env: &mut impl Ext<T = Runtime>) -> Result<AccountId, Error> {
		env.caller()
			.account_id()
			.cloned()
			.map_err(|_| revert("the caller has no account"))
	}

	/// Wei as base units, if they are whole satoshis.
	fn base_units(wei: U256) -> Result<Balance, Error> {
		if !(wei % U256::from(WEI_PER_SAT)).is_zero() {
			return Err(reason_of(BridgeError::NotWholeSats.into()));
		}
		let base = wei / U256::from(super::NATIVE_TO_ETH_RATIO);
		Balance::try_from(base).map_err(|_| reason_of(BridgeError::AmountTooLarge.into()))
	}

	fn to_wei(base: Balance) -> alloy::primitives::U256 {
		alloy::primitives::U256::from(base)
			* alloy::primitives::U256::from(super::NATIVE_TO_ETH_RATIO)
	}

	fn withdraw(
		call: &IBtcBridge::withdrawCall,
		env: &mut impl Ext<T = Runtime>,
	) -> Result<Vec<u8>, Error> {
		use pallet_balances::WeightInfo as _;
		env.charge(Bridge::withdraw().saturating_add(
			pallet_balances::weights::SubstrateWeight::<Runtime>::transfer_allow_death(),
		))?;
		let value = env.value_transferred();
		let amount = Self::base_units(value)?;
		let who = Self::caller(env)?;
		// revive moved `msg.value` to this precompile's account before calling it; it goes back
		// to the caller, who is then charged amount and fee exactly as by the extrinsic.
		if amount > 0 {
			let me = env.account_id().clone();
			Balances::transfer(&me, &who, amount, Preservation::Expendable)?;
		}
		let address = frame_support::BoundedVec::try_from(call.btcAddress.as_bytes().to_vec())
			.map_err(|_| reason_of(BridgeError::InvalidAddress.into()))?;
		let id = BtcBridge::do_withdraw(who.clone(), amount, address).map_err(reason_of)?;
		let from = <Runtime as pallet_revive::Config>::AddressMapper::to_address(&who);
		let event = IBtcBridge::WithdrawalRequested {
			id,
			from: from.0.into(),
			amountWei: alloy::primitives::U256::from_be_bytes(value.to_big_endian()),
			btcAddress: call.btcAddress.clone(),
		};
		let (topics, data) = event.into_log_data().split();
		let topics: Vec<H256> = topics.into_iter().map(|t| H256(t.0)).collect();
		env.frame_meter_mut().charge_weight_token(RuntimeCosts::DepositEvent {
			num_topic: topics.len() as u32,
			len: data.len() as u32,
		})?;
		env.deposit_event(topics, data.to_vec());
		Ok(IBtcBridge::withdrawCall::abi_encode_returns(&id))
	}

	fn withdrawal_status(
		call: &IBtcBridge::withdrawalStatusCall,
		env: &mut impl Ext<T = Runtime>,
	) -> Result<Vec<u8>, Error> {
		env.charge(Bridge::withdrawal_status())?;
		let (code, txid) = match BtcBridge::withdrawal_status(call.id) {
			Some((status, txid)) => {
				// Display order: the bytes reversed, as explorers print a txid.
				let mut display = txid.map(|t| t.0).unwrap_or_default();
				display.reverse();
				(status.code(), display)
			},
			None => (0u8, [0u8; 32]),
		};
		Ok(IBtcBridge::withdrawalStatusCall::abi_encode_returns(
			&IBtcBridge::withdrawalStatusReturn {
				status: code,
				btcTxid: alloy::primitives::FixedBytes::<32>(txid),
			},
		))
	}

	fn vault_address(env: &mut impl Ext<T = Runtime>) -> Result<Vec<u8>, Error> {
		env.charge(Bridge::vault_address())?;
		let address = BtcBridge::vault_address().ok_or_else(|| {
			use tapchain_primitives::btc::BtcLightClient as _;
			let why = match crate::BtcLightClient::network() {
				None => BridgeError::NotInitialized,
				Some(_) => BridgeError::NoVault,
			};
			reason_of(why.into())
		})?;
		Ok(IBtcBridge::vaultAddressCall::abi_encode_returns(&address))
	}

	fn withdrawal_fee(
		call: &IBtcBridge::withdrawalFeeCall,
		env: &mut impl Ext<T = Runtime>,
	) -> Result<Vec<u8>, Error> {
		env.charge(Bridge::withdrawal_fee())?;
		let amount = Self::base_units(U256::from_big_endian(&call.amountWei.to_be_bytes::<32>()))?;
		let fee = BtcBridge::withdrawal_fee(amount).map_err(reason_of)?;
		Ok(IBtcBridge::withdrawalFeeCall::abi_encode_returns(&Self::to_wei(fee)))
	}
}

impl Precompile for BtcBridgePrecompile {
	type T = Runtime;
	type Interface = IBtcBridge::IBtcBridgeCalls;
	const MATCHER: AddressMatcher =
		AddressMatcher::Fixed(match NonZero::new(BTC_BRIDGE_PRECOMPILE) {
			Some(n) => n,
			None => panic!("the index is not zero"),
		});
	const HAS_CONTRACT_INFO: bool = false;

	fn call(
		_address: &[u8; 20],
		input: &Self::Interface,
		env: &mut impl Ext<T = Self::T>,
	) -> Result<Vec<u8>, Error> {
		use IBtcBridge::IBtcBridgeCalls as C;
		if env.is_delegate_call() {
			return Err(pallet_revive::Error::<Runtime>::PrecompileDelegateDenied.into());
		}
		let payable = matches!(input, C::withdraw(_));
		if !payable && !env.value_transferred().is_zero() {
			return Err(revert("the function is not payable"));
		}
		match input {
			C::withdraw(_) if env.is_read_only() => {
				Err(pallet_revive::Error::<Runtime>::StateChangeDenied.into())
			},
			C::withdraw(call) => Self::withdraw(call, env),
			C::withdrawalStatus(call) => Self::withdrawal_status(call, env),
			C::vaultAddress(_) => Self::vault_address(env),
			C::withdrawalFee(call) => Self::withdrawal_fee(call, env),
		}
	}
}
