//! The MBTC vault as clients see it: what its runtime API (`MbtcVaultApi`) reports about
//! channels and bridge-outs, shared by the runtime and the keeper (`tapchain-feeder keep`).
//!
//! Amounts of MBTC are sats (1 unit = 1 sat); collateral amounts are the asset's base units;
//! ratios are basis points (`15_000` = 150 %).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// A channel and what can be done to it now.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ChannelStatus<AccountId> {
	/// Its id.
	pub id: u32,
	/// Who runs it.
	pub operator: AccountId,
	/// Where users pay it on Bitcoin (a scriptPubKey).
	pub btc_script: Vec<u8>,
	/// Its collateral: (asset id, amount).
	pub collateral: Vec<(u32, u128)>,
	/// MBTC it issued and still owes, including `pending`.
	pub issued: u128,
	/// Of that, what bridge-outs wait for it to pay.
	pub pending: u128,
	/// The Bitcoin height before which it may not issue.
	pub banned_until: u32,
	/// Whether it was fully liquidated (part of the public liquidation channel).
	pub liquidated: bool,
	/// Its ratio at the oracle's liquidation prices; `None` while a price it needs is
	/// missing, stale or in its grace period (and so no liquidation is possible).
	pub ratio: Option<u32>,
	/// The sats it may still issue at the oracle's prices; `None` while a price is missing.
	pub capacity: Option<u128>,
	/// The most MBTC a partial liquidation would burn now (0: none possible).
	pub liquidatable: u128,
	/// Whether a full liquidation is possible now.
	pub fully_liquidatable: bool,
}

/// A bridge-out waiting for its BTC.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct RequestStatus<AccountId> {
	/// Its id: the OP_RETURN of the payment carries it.
	pub id: u64,
	/// Who is paid.
	pub who: AccountId,
	/// The channel that owes it.
	pub channel: u32,
	/// The sats owed.
	pub amount: u128,
	/// Where to pay (a scriptPubKey).
	pub btc_script: Vec<u8>,
	/// The last Bitcoin height the payment may be mined at.
	pub deadline: u32,
	/// The Bitcoin height from which it can be claimed from the channel's collateral (at once
	/// for a liquidated channel).
	pub claimable_from: u32,
}
