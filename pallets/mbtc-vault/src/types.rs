//! The vault's stored types.

use crate::math::{Usd, ONE};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// Identifies a channel. Ids count up from 0 and are never reused.
pub type ChannelId = u32;

/// Identifies a bridge-out request. Ids count up from 0 and are never reused.
pub type RequestId = u64;

/// The longest scriptPubKey of a standard address (P2WSH and P2TR: 34 bytes).
pub type MaxScriptLen = ConstU32<34>;

/// The longest address text taken (a bech32m P2TR address is 62 characters on mainnet, 64 on
/// regtest).
pub type MaxAddressLen = ConstU32<90>;

/// A Bitcoin scriptPubKey.
pub type BtcScript = BoundedVec<u8, MaxScriptLen>;

/// An oracle key, as `tapchain_primitives::oracle` spells them.
pub type PriceKey = BoundedVec<u8, ConstU32<{ tapchain_primitives::oracle::MAX_KEY_LEN }>>;

/// The vault's rules: every number of the whitepaper, each a runtime parameter. Ratios and
/// percentages are basis points (`15_000` = 150 %).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VaultParams {
	/// The collateral ratio a channel must keep to issue and to withdraw collateral: 150 %.
	pub issue_ratio: u32,
	/// Below it anyone may liquidate part of a channel: 120 %.
	pub liquidation_ratio: u32,
	/// Below it anyone may liquidate all of it: 110 %.
	pub full_liquidation_ratio: u32,
	/// What a partial liquidator receives in collateral per dollar of MBTC burned: 105 %.
	pub liquidation_bonus: u32,
	/// What a user whose bridge-out was not paid in time claims in collateral: 110 %.
	pub claim_ratio: u32,
	/// The fee a bridge-out pays the channel, in MBTC: 1.5 %.
	pub bridge_out_fee: u32,
	/// Bitcoin blocks a channel has to pay a bridge-out: 144 (a day).
	pub deadline: u32,
	/// Bitcoin blocks a channel that missed a deadline may not issue: 1008 (a week).
	pub ban: u32,
	/// Confirmations every proven Bitcoin transaction needs.
	pub confirmations: u32,
	/// The Bitcoin height the service starts at: no transaction below it counts.
	pub service_start: u32,
	/// The smallest bridge-out, and the smallest obligation a liquidation leaves (a smaller
	/// remainder is taken whole), in sats.
	pub min_amount: u64,
	/// The least collateral a channel holds, in whole dollars: what a channel's storage slot
	/// costs, so that nobody fills the channel list with empty channels.
	pub min_collateral: u64,
}

impl Default for VaultParams {
	fn default() -> Self {
		Self {
			issue_ratio: 15_000,
			liquidation_ratio: 12_000,
			full_liquidation_ratio: 11_000,
			liquidation_bonus: 10_500,
			claim_ratio: 11_000,
			bridge_out_fee: 150,
			deadline: 144,
			ban: 1008,
			confirmations: 6,
			service_start: 0,
			min_amount: 10_000,
			min_collateral: 100,
		}
	}
}

impl VaultParams {
	/// Whether the rules are coherent: `100 % < bonus < full < partial < issue`, so that a
	/// partial liquidation always raises the ratio of a channel it applies to; a claim worth
	/// at least what was owed; a fee below 100 %; a deadline, confirmations; a minimum above
	/// Bitcoin's dust limit.
	pub fn is_valid(&self) -> bool {
		ONE < self.liquidation_bonus
			&& self.liquidation_bonus < self.full_liquidation_ratio
			&& self.full_liquidation_ratio < self.liquidation_ratio
			&& self.liquidation_ratio < self.issue_ratio
			&& self.claim_ratio >= ONE
			&& self.bridge_out_fee < ONE
			&& self.deadline > 0
			&& self.confirmations > 0
			&& self.min_amount >= 546
	}

	/// [`VaultParams::min_collateral`] as a value.
	pub fn min_collateral_value(&self) -> Usd {
		Usd((self.min_collateral as u128).saturating_mul(1_000_000_000_000_000_000))
	}
}

/// Whether a channel is open or was fully liquidated.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ChannelState {
	/// Open: it issues, pays bridge-outs, and may be liquidated.
	Active,
	/// Fully liquidated: part of the public liquidation channel. Its collateral and obligation
	/// stay together; MBTC holders redeem from it, pro rata, until the obligation is met, and
	/// the rest goes back to the operator.
	Liquidated,
}

/// A channel: BTC held by its operator on Bitcoin, collateral held by the vault.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxAssets))]
#[codec(mel_bound(AccountId: MaxEncodedLen, AssetId: MaxEncodedLen))]
pub struct Channel<AccountId, AssetId, MaxAssets: frame_support::traits::Get<u32>> {
	/// Who runs it: adds and withdraws collateral, receives the bridge-out fees and what a
	/// liquidation leaves.
	pub operator: AccountId,
	/// Where users pay it on Bitcoin.
	pub btc_script: BtcScript,
	/// Its collateral, by asset (sorted by asset id, each once, no zero amount).
	pub collateral: BoundedVec<(AssetId, u128), MaxAssets>,
	/// MBTC it issued and still owes in BTC, in sats. Includes `pending`.
	pub issued: u128,
	/// Of `issued`, what bridge-outs wait for it to pay (their MBTC is already burned).
	pub pending: u128,
	/// The Bitcoin height before which it may not issue (0: never banned).
	pub banned_until: u32,
	/// Open or liquidated.
	pub state: ChannelState,
}

/// A bridge-out waiting for its BTC.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct BridgeOut<AccountId> {
	/// Who asked, and is paid BTC (or collateral).
	pub who: AccountId,
	/// The channel that owes it.
	pub channel: ChannelId,
	/// The sats the channel must pay (what was burned; the fee went to the channel).
	pub amount: u128,
	/// The fee paid to the channel, in MBTC.
	pub fee: u128,
	/// Where to pay.
	pub btc_script: BtcScript,
	/// The last Bitcoin height the payment may be mined at.
	pub deadline: u32,
}
