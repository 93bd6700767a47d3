//! When the feeder submits, and what: a value that moved past the threshold or whose heartbeat
//! is due, pulled back to within the oracle's step bound of the current median.

use tapchain_primitives::oracle::Price;

/// Why a value is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
	/// This feeder has no value for the key on chain.
	First,
	/// It moved by at least the threshold from this feeder's last value (in basis points).
	Moved { bps: u128 },
	/// This feeder's last value is older than the heartbeat.
	Heartbeat,
}

impl std::fmt::Display for Due {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Due::First => write!(f, "first value"),
			Due::Moved { bps } => write!(f, "moved {}.{:02} %", bps / 100, bps % 100),
			Due::Heartbeat => write!(f, "heartbeat"),
		}
	}
}

/// Whether `new` is due, given this feeder's `last` value and when (ms) it was posted.
/// `threshold_bps` is in basis points (50 = 0.5 %).
pub fn due(
	last: Option<(Price, u64)>,
	new: Price,
	now_ms: u64,
	threshold_bps: u128,
	heartbeat_ms: u64,
) -> Option<Due> {
	let Some((last, at)) = last else { return Some(Due::First) };
	let (old, new) = (last.into_inner(), new.into_inner());
	let delta = old.abs_diff(new);
	// delta / old in basis points, rounded down; a zero old value has moved infinitely.
	let bps = if old == 0 {
		u128::MAX
	} else {
		match delta.checked_mul(10_000) {
			Some(d) => d / old,
			None => delta / (old / 10_000).max(1),
		}
	};
	if delta > 0 && bps >= threshold_bps {
		return Some(Due::Moved { bps });
	}
	if now_ms.saturating_sub(at) >= heartbeat_ms {
		return Some(Due::Heartbeat);
	}
	None
}

/// `value` pulled to within `max_step_ppb` (parts per billion) of `median`, the way the oracle
/// bounds it (the bound rounded down), so that a real move larger than the bound is followed
/// in steps instead of being refused. `None` when it is within already.
pub fn clamp(value: Price, median: Price, max_step_ppb: u32) -> Option<Price> {
	let m = median.into_inner();
	let s = u128::from(max_step_ppb);
	const BILLION: u128 = 1_000_000_000;
	// floor(m × s / 10^9), exactly, without overflowing m × s.
	let bound = (m / BILLION).saturating_mul(s).saturating_add((m % BILLION) * s / BILLION);
	let v = value.into_inner();
	if v > m.saturating_add(bound) {
		Some(Price::from_inner(m.saturating_add(bound)))
	} else if v < m.saturating_sub(bound) {
		Some(Price::from_inner(m - bound))
	} else {
		None
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::price::parse;

	fn p(t: &str) -> Price {
		parse(t).unwrap()
	}

	const HOUR: u64 = 3_600_000;

	#[test]
	fn a_value_is_due_when_new_moved_or_old() {
		assert_eq!(due(None, p("1"), 0, 50, HOUR), Some(Due::First));
		// 0.49 % is not enough, 0.5 % is.
		assert_eq!(due(Some((p("100"), 0)), p("100.49"), 1, 50, HOUR), None);
		assert_eq!(due(Some((p("100"), 0)), p("100.5"), 1, 50, HOUR), Some(Due::Moved { bps: 50 }));
		assert_eq!(due(Some((p("100"), 0)), p("99.5"), 1, 50, HOUR), Some(Due::Moved { bps: 50 }));
		// Unchanged, but old.
		assert_eq!(due(Some((p("100"), 0)), p("100"), HOUR - 1, 50, HOUR), None);
		assert_eq!(due(Some((p("100"), 0)), p("100"), HOUR, 50, HOUR), Some(Due::Heartbeat));
		// A threshold of 0 submits every change, never an unchanged value before the heartbeat.
		assert_eq!(
			due(Some((p("100"), 0)), p("100.000000000000000001"), 1, 0, HOUR),
			Some(Due::Moved { bps: 0 })
		);
		assert_eq!(due(Some((p("100"), 0)), p("100"), 1, 0, HOUR), None);
		// Huge prices do not overflow.
		let max = Price::from_inner(u128::MAX);
		assert_eq!(
			due(Some((max, 0)), Price::from_inner(u128::MAX / 2), 1, 50, HOUR),
			Some(Due::Moved { bps: 5000 })
		);
		assert_eq!(Due::Moved { bps: 1234 }.to_string(), "moved 12.34 %");
	}

	#[test]
	fn values_are_clamped_as_the_oracle_bounds_them() {
		let ten = 100_000_000; // 10 % in ppb
		assert_eq!(clamp(p("110"), p("100"), ten), None);
		assert_eq!(clamp(p("90"), p("100"), ten), None);
		assert_eq!(clamp(p("120"), p("100"), ten), Some(p("110")));
		assert_eq!(clamp(p("50"), p("100"), ten), Some(p("90")));
		// The bound is rounded down in base units: 10 % of 1e-17 (10 units) is 1 unit.
		assert_eq!(
			clamp(Price::from_inner(20), Price::from_inner(10), ten),
			Some(Price::from_inner(11))
		);
		assert_eq!(
			clamp(Price::from_inner(9), Price::from_inner(15), ten),
			Some(Price::from_inner(14))
		);
		let max = Price::from_inner(u128::MAX);
		assert_eq!(clamp(max, max, ten), None);
	}
}
