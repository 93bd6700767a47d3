//! Prices as the price oracle serves them: the key names, the value type, why a price can be
//! missing, and the trait other pallets read prices through ([`PriceFeed`]).
//!
//! ## Terms
//!
//! - **Key**: what a value is the price of, as ASCII: `BTC/USD`, one `<ASSET>/USD` per
//!   collateral asset, and [`FEE_RATE_KEY`] for Bitcoin's fee rate. At most [`MAX_KEY_LEN`]
//!   bytes of `A`–`Z`, `0`–`9`, `/`, `-`, `_` and `.` ([`is_valid_key`]).
//! - **Value**: a [`Price`], an unsigned fixed-point number with 18 decimals (`FixedU128`):
//!   `97123.45` dollars per BTC is `97_123_450_000_000_000_000_000` inside. A fee rate is in
//!   sat/vB.
//! - **Median**: the price of a key is the median of its feeders' values younger than the
//!   oracle's max age, and only exists when at least its minimum number of them are (the key is
//!   then **fresh**; otherwise **stale**). With an even count it is the mean of the middle two,
//!   rounded down.
//! - **Grace**: after a stale key becomes fresh again, [`PriceFeed::liquidation_price`] still
//!   refuses it for a grace period, so that nobody is liquidated on the first tick after an
//!   outage, before holders could react to the new price.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
pub use sp_runtime::FixedU128 as Price;

/// The longest key, in bytes.
pub const MAX_KEY_LEN: u32 = 16;

/// The key of Bitcoin's fee rate, in sat/vB.
pub const FEE_RATE_KEY: &[u8] = b"FEE/SATVB";

/// The key of BTC's price in dollars.
pub const BTC_USD_KEY: &[u8] = b"BTC/USD";

/// Whether `key` is a well-formed key: 1 to [`MAX_KEY_LEN`] bytes of `A`–`Z`, `0`–`9`, `/`,
/// `-`, `_`, `.`. Upper case only, so that `btc/usd` and `BTC/USD` can never be two keys.
pub fn is_valid_key(key: &[u8]) -> bool {
	!key.is_empty()
		&& key.len() <= MAX_KEY_LEN as usize
		&& key
			.iter()
			.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"/-_.".contains(b))
}

/// Why there is no price to use.
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
pub enum PriceError {
	/// The oracle has no such key.
	UnknownKey,
	/// Fewer fresh values than the minimum: the key is stale (or was never fed).
	Stale,
	/// Fresh again after being stale, but still inside the grace period: usable for everything
	/// except liquidations.
	InGrace,
}

/// A key's price as the runtime API reports it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PriceInfo {
	/// The median of the fresh values.
	pub median: Price,
	/// How many fresh values it is the median of. (Not `values`: Polkadot.js structs are
	/// `Map`s, whose `values()` would hide such a field.)
	pub count: u32,
	/// When (ms since the Unix epoch) the key last became fresh.
	pub fresh_since: u64,
	/// From when (ms) liquidations may use it: `fresh_since` plus the grace period.
	pub liquidations_from: u64,
	/// When (ms) the oldest of its values stops counting: the key goes stale then unless a new
	/// value arrives (or when more than the minimum remain).
	pub oldest_expires: u64,
}

/// One feeder's current value for a key, as the runtime API reports it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct FeederValue<AccountId> {
	/// Who posted it.
	pub feeder: AccountId,
	/// What they posted.
	pub value: Price,
	/// When (ms since the Unix epoch).
	pub at: u64,
}

/// The price oracle as other pallets see it.
pub trait PriceFeed {
	/// The median of `key`'s fresh values, or why there is none.
	fn price(key: &[u8]) -> Result<Price, PriceError>;

	/// As [`PriceFeed::price`], and also refused while `key` is in its grace period after an
	/// outage ([`PriceError::InGrace`]). Liquidations use this one.
	fn liquidation_price(key: &[u8]) -> Result<Price, PriceError>;

	/// Every key the oracle serves.
	fn keys() -> Vec<Vec<u8>>;
}

/// No oracle: every key is unknown.
impl PriceFeed for () {
	fn price(_: &[u8]) -> Result<Price, PriceError> {
		Err(PriceError::UnknownKey)
	}
	fn liquidation_price(_: &[u8]) -> Result<Price, PriceError> {
		Err(PriceError::UnknownKey)
	}
	fn keys() -> Vec<Vec<u8>> {
		Vec::new()
	}
}

/// The median of `values`, sorting them in place: the middle one, or with an even count the
/// mean of the middle two rounded down (computed without overflow as `a + (b - a) / 2`).
/// `None` for no values.
pub fn median(values: &mut [Price]) -> Option<Price> {
	if values.is_empty() {
		return None;
	}
	values.sort_unstable();
	let mid = values.len() / 2;
	if values.len() % 2 == 1 {
		return Some(values[mid]);
	}
	let (a, b) = (values[mid - 1].into_inner(), values[mid].into_inner());
	// b >= a (sorted), so neither step can overflow.
	Some(Price::from_inner(a + (b - a) / 2))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn p(n: u128) -> Price {
		Price::from_inner(n)
	}

	#[test]
	fn keys_are_upper_case_ascii_and_bounded() {
		for ok in [&b"BTC/USD"[..], b"WETH/USD", b"USDC/USD", FEE_RATE_KEY, b"A", b"X.Y-Z_1/2"] {
			assert!(is_valid_key(ok), "{ok:?}");
		}
		for bad in
			[&b""[..], b"btc/usd", b"BTC USD", b"BTC/USD\0", b"BTC/\xc3\xa9", b"ABCDEFGHIJKLMNOPQ"]
		{
			assert!(!is_valid_key(bad), "{bad:?}");
		}
		assert!(is_valid_key(b"ABCDEFGHIJKLMNOP"));
	}

	#[test]
	fn the_median_is_the_middle_value_or_the_rounded_down_mean_of_two() {
		assert_eq!(median(&mut []), None);
		assert_eq!(median(&mut [p(7)]), Some(p(7)));
		assert_eq!(median(&mut [p(9), p(1), p(5)]), Some(p(5)));
		assert_eq!(median(&mut [p(4), p(1)]), Some(p(2)));
		assert_eq!(median(&mut [p(1), p(2), p(10), p(3)]), Some(p(2)));
		// No overflow at the top of the range.
		assert_eq!(median(&mut [p(u128::MAX), p(u128::MAX - 1)]), Some(p(u128::MAX - 1)));
		assert_eq!(median(&mut [p(u128::MAX), p(u128::MAX)]), Some(p(u128::MAX)));
	}

	#[test]
	fn no_oracle_knows_no_key() {
		assert_eq!(<() as PriceFeed>::price(BTC_USD_KEY), Err(PriceError::UnknownKey));
		assert_eq!(<() as PriceFeed>::liquidation_price(BTC_USD_KEY), Err(PriceError::UnknownKey));
		assert!(<() as PriceFeed>::keys().is_empty());
	}
}
