//! # `PriceOracleApi`
//!
//! What feeders, keepers and wallets ask the price oracle, through `state_call`
//! (Polkadot.js: `api.call.priceOracleApi.*`). Keys are ASCII bytes (`BTC/USD`); prices are
//! `FixedU128` (18 decimals); times are milliseconds since the Unix epoch, by the chain's
//! timestamp of the block the call is made at.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
pub use tapchain_primitives::oracle::{FeederValue, Price, PriceError, PriceInfo};

sp_api::decl_runtime_apis! {
	/// The price oracle.
	pub trait PriceOracleApi<AccountId> where AccountId: codec::Codec {
		/// A key's median and freshness, or why it has none (`UnknownKey`, `Stale`). A key in
		/// its grace period has its `PriceInfo`: `liquidations_from` says when liquidations may
		/// use it.
		fn price(key: Vec<u8>) -> Result<PriceInfo, PriceError>;

		/// Every feeder's current value for a key, fresh or not, in feeder order.
		fn values(key: Vec<u8>) -> Vec<FeederValue<AccountId>>;

		/// Every key, in storage order.
		fn keys() -> Vec<Vec<u8>>;

		/// The feeders, sorted.
		fn feeders() -> Vec<AccountId>;
	}
}
