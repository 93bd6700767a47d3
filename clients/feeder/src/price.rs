//! Prices as text: decimal strings (and JSON numbers) to the oracle's 18-decimal `FixedU128`,
//! and back, exactly.

use anyhow::{anyhow, bail, Result};
use tapchain_primitives::oracle::Price;

/// Decimals of [`Price`].
const DECIMALS: u32 = 18;

/// Parses a non-negative decimal: `97123.45`, `0.0001`, `1e5`, `1.5E-3`. Digits beyond the
/// 18th decimal are cut off (rounded down), as a JSON source may give more.
pub fn parse(text: &str) -> Result<Price> {
	let t = text.trim();
	let bad = || anyhow!("{text:?} is not a non-negative decimal number");
	let (mantissa, exp) = match t.find(['e', 'E']) {
		Some(i) => (&t[..i], t[i + 1..].parse::<i32>().map_err(|_| bad())?),
		None => (t, 0),
	};
	let mantissa = mantissa.strip_prefix('+').unwrap_or(mantissa);
	let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
	if int.is_empty() && frac.is_empty() {
		return Err(bad());
	}
	if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
		return Err(bad());
	}
	// All digits, and where the decimal point falls once the exponent moves it.
	let digits: String = format!("{int}{frac}");
	let point = i64::from(exp) + int.len() as i64;
	// Value = digits × 10^(point − len(digits)); inner = value × 10^18.
	let shift = point - digits.len() as i64 + i64::from(DECIMALS);
	let digits = digits.trim_start_matches('0');
	if digits.is_empty() {
		return Ok(Price::from_inner(0));
	}
	let too_big = || anyhow!("{text:?} is too large for a price (at most ~3.4e20)");
	let inner = if shift >= 0 {
		let base: u128 = digits.parse().map_err(|_| too_big())?;
		let scale = 10u128.checked_pow(u32::try_from(shift).map_err(|_| too_big())?);
		scale.and_then(|s| base.checked_mul(s)).ok_or_else(too_big)?
	} else {
		// Cut the digits below 10^-18.
		let cut = usize::try_from(-shift).unwrap_or(usize::MAX);
		if cut >= digits.len() {
			0
		} else {
			digits[..digits.len() - cut].parse().map_err(|_| too_big())?
		}
	};
	Ok(Price::from_inner(inner))
}

/// A JSON value as a price: a number, or a string holding one (as many APIs send them).
pub fn from_json(value: &serde_json::Value) -> Result<Price> {
	match value {
		serde_json::Value::Number(n) => parse(&n.to_string()),
		serde_json::Value::String(s) => parse(s),
		other => bail!("{other} is not a number"),
	}
}

/// `price` as a decimal, without trailing zeros: `97123.45`, `12`, `0.000000000000000001`.
pub fn format(price: Price) -> String {
	let inner = price.into_inner();
	let one = 10u128.pow(DECIMALS);
	let (int, frac) = (inner / one, inner % one);
	if frac == 0 {
		return int.to_string();
	}
	let frac = format!("{frac:018}");
	format!("{int}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn inner(t: &str) -> u128 {
		parse(t).unwrap().into_inner()
	}

	#[test]
	fn decimals_parse_exactly() {
		assert_eq!(inner("97123.45"), 97_123_450_000_000_000_000_000);
		assert_eq!(inner("1"), 10u128.pow(18));
		assert_eq!(inner("0.000000000000000001"), 1);
		assert_eq!(inner(".5"), 5 * 10u128.pow(17));
		assert_eq!(inner("7."), 7 * 10u128.pow(18));
		assert_eq!(inner("0"), 0);
		assert_eq!(inner("000.000"), 0);
		assert_eq!(inner("1e5"), 10u128.pow(23));
		assert_eq!(inner("1.5E-3"), 15 * 10u128.pow(14));
		assert_eq!(inner("+2"), 2 * 10u128.pow(18));
		// Below 10^-18 is cut off.
		assert_eq!(inner("0.0000000000000000019"), 1);
		assert_eq!(inner("1e-19"), 0);
		// The largest price.
		assert_eq!(inner("340282366920938463463.374607431768211455"), u128::MAX);
	}

	#[test]
	fn non_numbers_are_refused() {
		for bad in ["", ".", "-1", "1,5", "abc", "1e", "0x10", "1.2.3", "NaN", " "] {
			assert!(parse(bad).is_err(), "{bad:?}");
		}
		assert!(parse("340282366920938463464").is_err());
		assert!(parse("1e400").is_err());
	}

	#[test]
	fn json_numbers_and_strings_are_prices() {
		let v: serde_json::Value =
			serde_json::json!({ "a": 97123.45, "b": "3001.5", "c": null, "d": 12 });
		assert_eq!(format(from_json(&v["a"]).unwrap()), "97123.45");
		assert_eq!(format(from_json(&v["b"]).unwrap()), "3001.5");
		assert_eq!(format(from_json(&v["d"]).unwrap()), "12");
		assert!(from_json(&v["c"]).is_err());
	}

	#[test]
	fn formatting_round_trips() {
		for t in
			["97123.45", "12", "0.000000000000000001", "340282366920938463463.374607431768211455"]
		{
			assert_eq!(format(parse(t).unwrap()), t);
		}
	}
}
