//! Dollar values and the ratio arithmetic of channels, exact and checked.
//!
//! Every value is a [`Usd`]: dollars with 18 decimals, the precision of the oracle's prices,
//! so that a value is `amount × price / 10^decimals` without loss beyond the last digit.
//! Ratios and percentages are basis points (`15_000` = 150 %), which keep every threshold of
//! the whitepaper exact. Products go through 256 bits (or `multiply_by_rational`), so no
//! amount a real chain can hold overflows; where a result would not fit in 128 bits the
//! function returns `None` and the caller refuses the operation.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::U256;
use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, FixedPointNumber, Rounding};
use tapchain_primitives::oracle::Price;

/// Basis points in one (100 %).
pub const ONE: u32 = 10_000;

/// A value in dollars with 18 decimals (`1_000_000_000_000_000_000` = 1 $).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Usd(pub u128);

impl Usd {
	/// Zero dollars.
	pub const ZERO: Usd = Usd(0);

	/// The sum, `None` on overflow.
	pub fn checked_add(self, other: Usd) -> Option<Usd> {
		self.0.checked_add(other.0).map(Usd)
	}
}

fn pow10(decimals: u8) -> Option<u128> {
	10u128.checked_pow(decimals as u32)
}

/// The value of `amount` base units of an asset with `decimals` decimals at `price` (dollars
/// per whole unit), rounded as asked. Collateral is valued rounded down and debt rounded up, so
/// that rounding never makes a channel look safer than it is.
pub fn value_of(amount: u128, decimals: u8, price: Price, rounding: Rounding) -> Option<Usd> {
	multiply_by_rational_with_rounding(amount, price.into_inner(), pow10(decimals)?, rounding)
		.map(Usd)
}

/// How many base units of an asset with `decimals` decimals are worth `value` at `price`,
/// rounded as asked. `None` for a zero price or overflow.
pub fn amount_of(value: Usd, decimals: u8, price: Price, rounding: Rounding) -> Option<u128> {
	if price.into_inner() == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(value.0, pow10(decimals)?, price.into_inner(), rounding)
}

/// `value × bps / 10_000`, rounded as asked.
pub fn scale(value: Usd, bps: u32, rounding: Rounding) -> Option<Usd> {
	multiply_by_rational_with_rounding(value.0, bps as u128, ONE as u128, rounding).map(Usd)
}

/// `value × 10_000 / bps`, rounded as asked: the debt `value` of collateral backs at `bps`.
/// `None` for zero basis points or overflow.
pub fn unscale(value: Usd, bps: u32, rounding: Rounding) -> Option<Usd> {
	if bps == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(value.0, ONE as u128, bps as u128, rounding).map(Usd)
}

/// Whether `collateral / debt ≥ bps / 10_000`. Always true without debt.
pub fn at_least(collateral: Usd, debt: Usd, bps: u32) -> bool {
	U256::from(collateral.0) * U256::from(ONE) >= U256::from(debt.0) * U256::from(bps)
}

/// `collateral / debt` in basis points, rounded down, saturating at `u32::MAX`; `u32::MAX`
/// without debt.
pub fn ratio(collateral: Usd, debt: Usd) -> u32 {
	if debt.0 == 0 {
		return u32::MAX;
	}
	let r = U256::from(collateral.0) * U256::from(ONE) / U256::from(debt.0);
	if r > U256::from(u32::MAX) {
		u32::MAX
	} else {
		r.as_u32()
	}
}

/// The value a partial liquidation may repay at most: the `x` for which
/// `(collateral − bonus·x) / (debt − x) = target`, that is
/// `x = (target·debt − collateral) / (target − bonus)`, rounded **up** so that repaying it
/// lands on `target` or just above, never below. Zero when the ratio is already at or above
/// `target`; `None` if `target ≤ bonus` (no such cap) or on overflow.
pub fn liquidation_cap(collateral: Usd, debt: Usd, target: u32, bonus: u32) -> Option<Usd> {
	if target <= bonus {
		return None;
	}
	let need = U256::from(debt.0) * U256::from(target);
	let have = U256::from(collateral.0) * U256::from(ONE);
	if have >= need {
		return Some(Usd::ZERO);
	}
	let den = U256::from(target - bonus);
	let num = need - have;
	let x = (num + den - U256::one()) / den;
	(x <= U256::from(u128::MAX)).then(|| Usd(x.as_u128()))
}

/// `amount × part / whole`, rounded down: a pro-rata share. Zero if `whole` is zero.
pub fn share(amount: u128, part: u128, whole: u128) -> u128 {
	if whole == 0 {
		return 0;
	}
	multiply_by_rational_with_rounding(amount, part.min(whole), whole, Rounding::Down).unwrap_or(0)
}

/// A price from a whole number of dollars (tests and benchmarks).
pub fn usd_price(dollars: u128) -> Price {
	Price::saturating_from_integer(dollars)
}

#[cfg(test)]
mod tests {
	use super::*;

	const DOLLAR: u128 = 1_000_000_000_000_000_000;

	#[test]
	fn values_round_as_asked() {
		// 1 sat at 100,000 $/BTC is 0.001 $.
		let btc = usd_price(100_000);
		assert_eq!(value_of(1, 8, btc, Rounding::Down), Some(Usd(DOLLAR / 1000)));
		// 1 base unit of an 18-decimal asset at 3 $: 3·10^-18 $, exact.
		assert_eq!(value_of(1, 18, usd_price(3), Rounding::Down), Some(Usd(3)));
		// A third of a cent rounds down or up.
		let third = Price::from_rational(1, 3);
		assert_eq!(value_of(1, 0, third, Rounding::Down), Some(Usd(third.into_inner())));
		assert_eq!(value_of(1, 20, third, Rounding::Down), Some(Usd(0)));
		assert_eq!(value_of(1, 20, third, Rounding::Up), Some(Usd(1)));
		// And back: 0.001 $ is 1 sat.
		assert_eq!(amount_of(Usd(DOLLAR / 1000), 8, btc, Rounding::Down), Some(1));
		assert_eq!(amount_of(Usd(1), 8, btc, Rounding::Up), Some(1));
		assert_eq!(amount_of(Usd(1), 8, btc, Rounding::Down), Some(0));
		assert_eq!(amount_of(Usd(1), 8, usd_price(0), Rounding::Down), None);
		// Too many decimals for a u128.
		assert_eq!(value_of(1, 39, btc, Rounding::Down), None);
	}

	#[test]
	fn ratios_compare_exactly() {
		assert!(at_least(Usd(150), Usd(100), 15_000));
		assert!(!at_least(Usd(149), Usd(100), 15_000));
		assert!(at_least(Usd(0), Usd(0), 15_000));
		assert!(at_least(Usd(u128::MAX), Usd(u128::MAX), ONE));
		assert_eq!(ratio(Usd(465), Usd(400)), 11_625);
		assert_eq!(ratio(Usd(1), Usd(0)), u32::MAX);
		assert_eq!(ratio(Usd(u128::MAX), Usd(1)), u32::MAX);
	}

	#[test]
	fn the_whitepapers_example_caps_at_100_dollars() {
		// 400 $ of MBTC against 465 $ of collateral (116.25 %): x = (480 − 465) / 0.15 = 100 $.
		let x = liquidation_cap(Usd(465 * DOLLAR), Usd(400 * DOLLAR), 12_000, 10_500);
		assert_eq!(x, Some(Usd(100 * DOLLAR)));
		// Paying 1.05·x leaves 360 $ against 300 $: 120 %.
		let paid = scale(Usd(100 * DOLLAR), 10_500, Rounding::Down).unwrap();
		assert_eq!(paid, Usd(105 * DOLLAR));
		assert_eq!(ratio(Usd(360 * DOLLAR), Usd(300 * DOLLAR)), 12_000);
		// Already at 120 %: nothing to liquidate. No cap without a margin.
		assert_eq!(liquidation_cap(Usd(120), Usd(100), 12_000, 10_500), Some(Usd::ZERO));
		assert_eq!(liquidation_cap(Usd(1), Usd(100), 10_500, 10_500), None);
		// $4,000 backs $2,666.66… at 150 %.
		assert_eq!(
			unscale(Usd(4_000 * DOLLAR), 15_000, Rounding::Down),
			Some(Usd(2_666_666_666_666_666_666_666))
		);
		assert_eq!(unscale(Usd(1), 0, Rounding::Down), None);
		// A cap that does not divide evenly rounds up: (1.2·100 − 119) / 0.15 = 6.67 → 7.
		assert_eq!(liquidation_cap(Usd(119), Usd(100), 12_000, 10_500), Some(Usd(7)));
	}

	#[test]
	fn shares_round_down_and_never_exceed_the_whole() {
		assert_eq!(share(100, 1, 3), 33);
		assert_eq!(share(100, 3, 3), 100);
		assert_eq!(share(100, 4, 3), 100);
		assert_eq!(share(100, 1, 0), 0);
		assert_eq!(share(u128::MAX, u128::MAX - 1, u128::MAX), u128::MAX - 1);
	}
}
