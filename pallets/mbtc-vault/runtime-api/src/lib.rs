//! # `MbtcVaultApi`
//!
//! What keepers, channel operators and wallets ask the MBTC vault, through `state_call`
//! (Polkadot.js: `api.call.mbtcVaultApi.*`): every channel with its ratio at the oracle's
//! liquidation prices, its capacity, and what a liquidation could do now; and the bridge-outs
//! waiting for BTC, with the height from which each can be claimed.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
pub use tapchain_primitives::vault::{ChannelStatus, RequestStatus};

sp_api::decl_runtime_apis! {
	/// The MBTC vault.
	pub trait MbtcVaultApi<AccountId> where AccountId: codec::Codec {
		/// Every channel, open or liquidated, by id.
		fn channels() -> Vec<ChannelStatus<AccountId>>;

		/// Every pending bridge-out, by id.
		fn requests() -> Vec<RequestStatus<AccountId>>;
	}
}
