//! A rolling spend limit: the signer signs away at most a share of a vault's value per window
//! (by default 10 % per 24 hours), whatever the runtime asks.
//!
//! A round that passes [`crate::check::check_round`] does what its purpose says, but the
//! purpose itself comes from the runtime. If the runtime were wrong (a bug in the bridge, a
//! forged withdrawal), every check would pass and the vault could still be emptied in one
//! batch. The limit turns that into a loss of at most one share per window, and leaves the
//! operators the rest of the window to notice and stop.
//!
//! The amounts signed are kept in a JSON file ([`RateLimiter::save`], [`RateLimiter::load`]),
//! so that restarting the daemon does not start a fresh window.

use serde::{Deserialize, Serialize};
use std::{
	collections::VecDeque,
	fs,
	io::{self, Write},
	path::{Path, PathBuf},
};

/// The default share of a vault's value that may leave it per window: 10 %.
pub const DEFAULT_SHARE_BP: u32 = 1_000;

/// The default window: 24 hours.
pub const DEFAULT_WINDOW_SECS: u64 = 86_400;

/// Basis points in a whole.
const BP: u128 = 10_000;

/// One amount signed away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Spend {
	/// When, in seconds since the Unix epoch.
	at_secs: u64,
	/// How much, in satoshis.
	amount_sat: u64,
}

/// What [`RateLimiter::save`] writes. Only the spends are kept: the share and the window are
/// the operator's configuration, which a restart may change.
#[derive(Serialize, Deserialize)]
struct State {
	spends: Vec<Spend>,
}

/// A signature refused because it would take more than the share allows in the window.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
	"signing {amount_sat} sat would take {} sat out of the vault in {window_secs} s, above the \
	 limit of {limit_sat} sat ({share_bp} bp of {vault_value_sat} sat)",
	self.total_sat()
)]
pub struct LimitExceeded {
	/// The amount asked for.
	pub amount_sat: u64,
	/// What was already signed in the window.
	pub spent_sat: u128,
	/// The most the window allows.
	pub limit_sat: u128,
	/// The vault's value the limit was computed from.
	pub vault_value_sat: u64,
	/// The share of it allowed, in basis points.
	pub share_bp: u32,
	/// The window, in seconds.
	pub window_secs: u64,
}

impl LimitExceeded {
	/// What the window would hold with the amount asked for.
	pub fn total_sat(&self) -> u128 {
		self.spent_sat + u128::from(self.amount_sat)
	}
}

/// Why the limiter's state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
	/// The file could not be read, written or renamed.
	#[error("{}: {source}", .path.display())]
	Io { path: PathBuf, source: io::Error },
	/// The file is not a limiter state. It is not silently replaced by an empty one: that
	/// would reset the window.
	#[error("{} is not a spend limiter state: {source}", .path.display())]
	Corrupt { path: PathBuf, source: serde_json::Error },
}

/// Limits what leaves a vault per rolling window to a share of the vault's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimiter {
	share_bp: u32,
	window_secs: u64,
	/// Accepted spends, oldest first.
	spends: VecDeque<Spend>,
}

impl Default for RateLimiter {
	/// 10 % per 24 hours.
	fn default() -> Self {
		Self::new(DEFAULT_SHARE_BP, DEFAULT_WINDOW_SECS)
	}
}

impl RateLimiter {
	/// A limiter allowing `share_bp` basis points (1/10 000) of a vault's value per
	/// `window_secs` seconds. Shares above 10 000 (100 %) are taken as 100 %.
	pub fn new(share_bp: u32, window_secs: u64) -> Self {
		Self { share_bp: share_bp.min(BP as u32), window_secs, spends: VecDeque::new() }
	}

	/// The share allowed per window, in basis points.
	pub fn share_bp(&self) -> u32 {
		self.share_bp
	}

	/// The window, in seconds.
	pub fn window_secs(&self) -> u64 {
		self.window_secs
	}

	/// What was signed in the window that ends at `now_secs`, in satoshis.
	pub fn spent_in_window(&mut self, now_secs: u64) -> u128 {
		self.expire(now_secs);
		// A u128 holds 2^64 sums of u64s: more spends than memory can hold.
		self.spends.iter().map(|s| u128::from(s.amount_sat)).sum()
	}

	/// Allows signing away `amount_sat` at `now_secs` from a vault now holding
	/// `vault_value_sat`, and records it, if the window's total stays within the share of the
	/// vault's value; otherwise refuses and records nothing.
	///
	/// The limit is computed from the vault's value as the caller sees it now, so a vault that
	/// shrinks allows less. The caller passes everything that leaves the vault: the payments
	/// and the fee.
	pub fn allow(
		&mut self,
		now_secs: u64,
		vault_value_sat: u64,
		amount_sat: u64,
	) -> Result<(), LimitExceeded> {
		let spent_sat = self.spent_in_window(now_secs);
		// `total × 10 000 ≤ share × value`, exact in u128: no rounding, and no product of two
		// u64s (nor of a u128 sum of them and 10 000) reaches 2^128.
		let total = spent_sat + u128::from(amount_sat);
		let allowed = u128::from(self.share_bp) * u128::from(vault_value_sat);
		if total.checked_mul(BP).is_none_or(|t| t > allowed) {
			return Err(LimitExceeded {
				amount_sat,
				spent_sat,
				limit_sat: allowed / BP,
				vault_value_sat,
				share_bp: self.share_bp,
				window_secs: self.window_secs,
			});
		}
		self.spends.push_back(Spend { at_secs: now_secs, amount_sat });
		Ok(())
	}

	/// Forgets spends that left the window ending at `now_secs`: those at least `window_secs`
	/// old. A spend stamped after `now_secs` (the clock went back) is kept: counting it too
	/// long errs on the safe side.
	fn expire(&mut self, now_secs: u64) {
		let window = self.window_secs;
		self.spends.retain(|s| s.at_secs.saturating_add(window) > now_secs);
	}

	/// Reads the spends [`Self::save`] wrote to `path` into a limiter with the given share and
	/// window. A missing file is a first start: the limiter begins empty. A file that exists
	/// but does not parse is an error, never an empty window.
	pub fn load(path: &Path, share_bp: u32, window_secs: u64) -> Result<Self, StateError> {
		let mut limiter = Self::new(share_bp, window_secs);
		let bytes = match fs::read(path) {
			Ok(bytes) => bytes,
			Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(limiter),
			Err(source) => return Err(StateError::Io { path: path.into(), source }),
		};
		let state: State = serde_json::from_slice(&bytes)
			.map_err(|source| StateError::Corrupt { path: path.into(), source })?;
		let mut spends = state.spends;
		spends.sort_by_key(|s| s.at_secs);
		limiter.spends = spends.into();
		Ok(limiter)
	}

	/// Writes the spends to `path`, atomically: to a temporary file beside it, synced, then
	/// renamed over it, so a crash leaves the old state or the new one, never half of one.
	/// Call it after every accepted [`Self::allow`], before the signature leaves the daemon.
	pub fn save(&self, path: &Path) -> Result<(), StateError> {
		let state = State { spends: self.spends.iter().copied().collect() };
		let json = serde_json::to_vec(&state).expect("a list of integers serialises");
		let mut tmp = path.as_os_str().to_owned();
		tmp.push(".tmp");
		let tmp = PathBuf::from(tmp);
		let io_err = |path: &Path| {
			let path = path.to_path_buf();
			move |source| StateError::Io { path, source }
		};
		let mut file = fs::File::create(&tmp).map_err(io_err(&tmp))?;
		file.write_all(&json).map_err(io_err(&tmp))?;
		file.sync_all().map_err(io_err(&tmp))?;
		fs::rename(&tmp, path).map_err(io_err(path))?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const DAY: u64 = DEFAULT_WINDOW_SECS;
	const T0: u64 = 1_700_000_000;

	#[test]
	fn allows_exactly_the_share_and_not_a_satoshi_more() {
		let mut l = RateLimiter::default();
		// 10 % of 1 000 000 is 100 000.
		assert_eq!(l.allow(T0, 1_000_000, 60_000), Ok(()));
		assert_eq!(l.allow(T0 + 1, 1_000_000, 40_000), Ok(()));
		let refused = l.allow(T0 + 2, 1_000_000, 1).unwrap_err();
		assert_eq!(
			refused,
			LimitExceeded {
				amount_sat: 1,
				spent_sat: 100_000,
				limit_sat: 100_000,
				vault_value_sat: 1_000_000,
				share_bp: 1_000,
				window_secs: DAY,
			}
		);
		assert_eq!(
			refused.to_string(),
			"signing 1 sat would take 100001 sat out of the vault in 86400 s, above the limit \
			 of 100000 sat (1000 bp of 1000000 sat)"
		);
		// A refusal records nothing.
		assert_eq!(l.spent_in_window(T0 + 2), 100_000);
	}

	#[test]
	fn a_single_spend_above_the_share_is_refused() {
		let mut l = RateLimiter::default();
		assert!(l.allow(T0, 1_000_000, 100_001).is_err());
		assert_eq!(l.allow(T0, 1_000_000, 100_000), Ok(()));
	}

	#[test]
	fn the_limit_is_not_rounded_up() {
		// 10 % of 19 sat is 1.9 sat: 1 passes, 2 does not.
		let mut l = RateLimiter::default();
		assert!(l.allow(T0, 19, 2).is_err());
		assert_eq!(l.allow(T0, 19, 1), Ok(()));
		assert!(l.allow(T0, 19, 1).is_err());
	}

	#[test]
	fn spends_expire_after_the_window() {
		let mut l = RateLimiter::default();
		assert_eq!(l.allow(T0, 1_000_000, 100_000), Ok(()));
		// One second before the window ends the spend still counts...
		assert!(l.allow(T0 + DAY - 1, 1_000_000, 1).is_err());
		// ...and at its end it no longer does.
		assert_eq!(l.allow(T0 + DAY, 1_000_000, 100_000), Ok(()));
		assert_eq!(l.spent_in_window(T0 + DAY), 100_000);
		assert_eq!(l.spent_in_window(T0 + 2 * DAY), 0);
	}

	#[test]
	fn a_clock_that_goes_back_does_not_free_the_window() {
		let mut l = RateLimiter::default();
		assert_eq!(l.allow(T0, 1_000_000, 100_000), Ok(()));
		assert!(l.allow(T0 - 1_000, 1_000_000, 1).is_err());
	}

	#[test]
	fn a_smaller_vault_allows_less() {
		let mut l = RateLimiter::default();
		assert_eq!(l.allow(T0, 1_000_000, 50_000), Ok(()));
		// The vault shrank to 500 000: its 10 % is used up.
		assert!(l.allow(T0 + 1, 500_000, 1).is_err());
	}

	#[test]
	fn arithmetic_never_overflows() {
		let mut l = RateLimiter::new(10_000, DAY);
		// 100 % of the largest vault: every spend of u64::MAX fits once, then none.
		assert_eq!(l.allow(T0, u64::MAX, u64::MAX), Ok(()));
		assert!(l.allow(T0, u64::MAX, u64::MAX).is_err());
		assert!(l.allow(T0, u64::MAX, 1).is_err());
		// Many large spends in the window: the sum passes 2^64 without wrapping.
		let mut l = RateLimiter::new(u32::MAX, u64::MAX);
		assert_eq!(l.share_bp(), 10_000);
		for _ in 0..4 {
			l.spends.push_back(Spend { at_secs: T0, amount_sat: u64::MAX });
		}
		assert_eq!(l.spent_in_window(T0), 4 * u128::from(u64::MAX));
		let refused = l.allow(T0 + 1, u64::MAX, u64::MAX).unwrap_err();
		assert_eq!(refused.spent_sat, 4 * u128::from(u64::MAX));
		assert_eq!(refused.total_sat(), 5 * u128::from(u64::MAX));
		assert!(!refused.to_string().is_empty());
		// A window reaching past the end of time saturates rather than wraps.
		assert_eq!(l.spent_in_window(u64::MAX - 1), 4 * u128::from(u64::MAX));
		// An empty vault allows nothing but nothing.
		let mut l = RateLimiter::default();
		assert_eq!(l.allow(T0, 0, 0), Ok(()));
		assert!(l.allow(T0, 0, 1).is_err());
	}

	#[test]
	fn the_window_survives_a_restart() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("limit.json");
		// First start: no file, empty window.
		let mut l = RateLimiter::load(&path, DEFAULT_SHARE_BP, DAY).unwrap();
		assert_eq!(l, RateLimiter::default());
		assert_eq!(l.allow(T0, 1_000_000, 70_000), Ok(()));
		assert!(l.allow(T0 + 10, 1_000_000, 30_001).is_err());
		l.save(&path).unwrap();
		// Saving again replaces the file.
		assert_eq!(l.allow(T0 + 20, 1_000_000, 20_000), Ok(()));
		l.save(&path).unwrap();

		let mut restarted = RateLimiter::load(&path, DEFAULT_SHARE_BP, DAY).unwrap();
		assert_eq!(restarted, l);
		assert_eq!(restarted.spent_in_window(T0 + 30), 90_000);
		assert!(restarted.allow(T0 + 30, 1_000_000, 10_001).is_err());
		assert_eq!(restarted.allow(T0 + 30, 1_000_000, 10_000), Ok(()));
		// The saved spends still expire on time.
		assert_eq!(restarted.spent_in_window(T0 + DAY + 20), 10_000);
		// A new configuration applies to the saved spends.
		let mut tighter = RateLimiter::load(&path, 500, DAY).unwrap();
		assert!(tighter.allow(T0 + 30, 1_000_000, 1).is_err());
	}

	#[test]
	fn a_corrupt_state_is_an_error_not_an_empty_window() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("limit.json");
		fs::write(&path, b"{\"spends\": [{\"at_secs\": 1}]}").unwrap();
		let err = RateLimiter::load(&path, DEFAULT_SHARE_BP, DAY).unwrap_err();
		assert!(matches!(err, StateError::Corrupt { .. }), "{err:?}");
		assert!(err.to_string().contains("is not a spend limiter state"), "{err}");
		// A directory in the file's place cannot be read.
		let err = RateLimiter::load(dir.path(), DEFAULT_SHARE_BP, DAY).unwrap_err();
		assert!(matches!(err, StateError::Io { .. }), "{err:?}");
	}
}
