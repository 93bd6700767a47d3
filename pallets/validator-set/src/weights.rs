//! Weights of `pallet-validator-set`, measured by its FRAME benchmarks (`benchmarking.rs`).
//!
//! Measured on 2026-11-30 on the 2-core reference machine, in the WASM runtime (compiled
//! execution), with
//!
//! ```text
//! PALLET=pallet_validator_set ./scripts/benchmark-weights.sh
//! # = tapchain-node benchmark pallet --chain dev --pallet pallet_validator_set \
//! #     --extrinsic '*' --steps 20 --repeat 10
//! ```
//!
//! Each benchmark is its call's worst case (full candidate list, full unlocking ledger, a
//! candidate with keys for every ledger selection reads). Storage reads and writes are priced by
//! the runtime's `DbWeight` (ParityDB).

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `bond`.
	fn bond() -> Weight;
	/// `unbond`.
	fn unbond() -> Weight;
	/// `withdraw_unbonded`, releasing a full ledger of chunks.
	fn withdraw_unbonded() -> Weight;
	/// `validate` with `c` candidates already listed.
	fn validate(c: u32) -> Weight;
	/// `chill` with `c` candidates listed.
	fn chill(c: u32) -> Weight;
	/// `set_desired_candidates`.
	fn set_desired_candidates() -> Weight;
	/// `set_invulnerables` of `n` accounts.
	fn set_invulnerables(n: u32) -> Weight;
	/// Choosing a set from `c` candidates at a session change.
	fn new_session(c: u32) -> Weight;
	/// Counting one authored block.
	fn note_author() -> Weight;
	/// Slashing one offender.
	fn slash() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `171`
		//  Estimated: `3850`
		// Minimum execution time: 58_397_000 picoseconds.
		Weight::from_parts(65_267_000, 0)
			.saturating_add(Weight::from_parts(0, 3850))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:0)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:1 w:0)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `561`
		//  Estimated: `4687`
		// Minimum execution time: 16_344_000 picoseconds.
		Weight::from_parts(20_651_000, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:1 w:0)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `776`
		//  Estimated: `3850`
		// Minimum execution time: 54_752_000 picoseconds.
		Weight::from_parts(58_657_000, 0)
			.saturating_add(Weight::from_parts(0, 3850))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:0)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 99]`.
	fn validate(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1261 + c * (40 ±0)`
		//  Estimated: `4687 + c * (43 ±0)`
		// Minimum execution time: 24_646_000 picoseconds.
		Weight::from_parts(37_387_704, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			// Standard Error: 7_367
			.saturating_add(Weight::from_parts(463_489, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(Weight::from_parts(0, 43).saturating_mul(c.into()))
	}
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 100]`.
	fn chill(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `227 + c * (32 ±0)`
		//  Estimated: `4687`
		// Minimum execution time: 11_998_000 picoseconds.
		Weight::from_parts(17_552_510, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			// Standard Error: 5_025
			.saturating_add(Weight::from_parts(335_561, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:0 w:1)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_desired_candidates() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `161`
		//  Estimated: `1742`
		// Minimum execution time: 9_203_000 picoseconds.
		Weight::from_parts(10_265_000, 0)
			.saturating_add(Weight::from_parts(0, 1742))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Session::NextKeys` (r:8 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:1 w:0)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:0 w:1)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn set_invulnerables(n: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4307 + n * (149 ±0)`
		//  Estimated: `5303 + n * (2628 ±4)`
		// Minimum execution time: 50_726_000 picoseconds.
		Weight::from_parts(56_675_317, 0)
			.saturating_add(Weight::from_parts(0, 5303))
			// Standard Error: 74_072
			.saturating_add(Weight::from_parts(5_451_248, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(Weight::from_parts(0, 2628).saturating_mul(n.into()))
	}
	/// Storage: `ValidatorSet::SessionStart` (r:1 w:1)
	/// Proof: `ValidatorSet::SessionStart` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Planned` (r:1 w:2)
	/// Proof: `ValidatorSet::Planned` (`max_values`: None, `max_size`: Some(1037), added: 3512, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::AuthoredBlocks` (r:32 w:0)
	/// Proof: `ValidatorSet::AuthoredBlocks` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:1 w:0)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:68 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::Ledgers` (r:68 w:0)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:0 w:1)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 100]`.
	fn new_session(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + c * (214 ±0)`
		//  Estimated: `34397 + c * (1526 ±58)`
		// Minimum execution time: 43_155_000 picoseconds.
		Weight::from_parts(74_269_740, 0)
			.saturating_add(Weight::from_parts(0, 34397))
			// Standard Error: 68_235
			.saturating_add(Weight::from_parts(11_933_733, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(Weight::from_parts(0, 1526).saturating_mul(c.into()))
	}
	/// Storage: `ValidatorSet::AuthoredBlocks` (r:1 w:1)
	/// Proof: `ValidatorSet::AuthoredBlocks` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn note_author() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `171`
		//  Estimated: `3509`
		// Minimum execution time: 6_140_000 picoseconds.
		Weight::from_parts(6_950_000, 0)
			.saturating_add(Weight::from_parts(0, 3509))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::SlashedFraction` (r:1 w:1)
	/// Proof: `ValidatorSet::SlashedFraction` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `794`
		//  Estimated: `4687`
		// Minimum execution time: 58_778_000 picoseconds.
		Weight::from_parts(66_129_000, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
}

/// The same measured weights for the test runtime, priced with ParityDB.
impl WeightInfo for () {
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `171`
		//  Estimated: `3850`
		// Minimum execution time: 58_397_000 picoseconds.
		Weight::from_parts(65_267_000, 0)
			.saturating_add(Weight::from_parts(0, 3850))
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().writes(2))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:0)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:1 w:0)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `561`
		//  Estimated: `4687`
		// Minimum execution time: 16_344_000 picoseconds.
		Weight::from_parts(20_651_000, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			.saturating_add(ParityDbWeight::get().reads(3))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:1 w:0)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `776`
		//  Estimated: `3850`
		// Minimum execution time: 54_752_000 picoseconds.
		Weight::from_parts(58_657_000, 0)
			.saturating_add(Weight::from_parts(0, 3850))
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(3))
	}
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:0)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 99]`.
	fn validate(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1261 + c * (40 ±0)`
		//  Estimated: `4687 + c * (43 ±0)`
		// Minimum execution time: 24_646_000 picoseconds.
		Weight::from_parts(37_387_704, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			// Standard Error: 7_367
			.saturating_add(Weight::from_parts(463_489, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(1))
			.saturating_add(Weight::from_parts(0, 43).saturating_mul(c.into()))
	}
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 100]`.
	fn chill(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `227 + c * (32 ±0)`
		//  Estimated: `4687`
		// Minimum execution time: 11_998_000 picoseconds.
		Weight::from_parts(17_552_510, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			// Standard Error: 5_025
			.saturating_add(Weight::from_parts(335_561, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:0 w:1)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_desired_candidates() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `161`
		//  Estimated: `1742`
		// Minimum execution time: 9_203_000 picoseconds.
		Weight::from_parts(10_265_000, 0)
			.saturating_add(Weight::from_parts(0, 1742))
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	/// Storage: `Session::NextKeys` (r:8 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:1 w:0)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:0 w:1)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn set_invulnerables(n: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4307 + n * (149 ±0)`
		//  Estimated: `5303 + n * (2628 ±4)`
		// Minimum execution time: 50_726_000 picoseconds.
		Weight::from_parts(56_675_317, 0)
			.saturating_add(Weight::from_parts(0, 5303))
			// Standard Error: 74_072
			.saturating_add(Weight::from_parts(5_451_248, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(2))
			.saturating_add(Weight::from_parts(0, 2628).saturating_mul(n.into()))
	}
	/// Storage: `ValidatorSet::SessionStart` (r:1 w:1)
	/// Proof: `ValidatorSet::SessionStart` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Planned` (r:1 w:2)
	/// Proof: `ValidatorSet::Planned` (`max_values`: None, `max_size`: Some(1037), added: 3512, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Invulnerables` (r:1 w:0)
	/// Proof: `ValidatorSet::Invulnerables` (`max_values`: Some(1), `max_size`: Some(257), added: 752, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::AuthoredBlocks` (r:32 w:0)
	/// Proof: `ValidatorSet::AuthoredBlocks` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::DesiredCandidates` (r:1 w:0)
	/// Proof: `ValidatorSet::DesiredCandidates` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:68 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::Ledgers` (r:68 w:0)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:0 w:1)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 100]`.
	fn new_session(c: u32) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + c * (214 ±0)`
		//  Estimated: `34397 + c * (1526 ±58)`
		// Minimum execution time: 43_155_000 picoseconds.
		Weight::from_parts(74_269_740, 0)
			.saturating_add(Weight::from_parts(0, 34397))
			// Standard Error: 68_235
			.saturating_add(Weight::from_parts(11_933_733, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(8))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(ParityDbWeight::get().writes(5))
			.saturating_add(Weight::from_parts(0, 1526).saturating_mul(c.into()))
	}
	/// Storage: `ValidatorSet::AuthoredBlocks` (r:1 w:1)
	/// Proof: `ValidatorSet::AuthoredBlocks` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn note_author() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `171`
		//  Estimated: `3509`
		// Minimum execution time: 6_140_000 picoseconds.
		Weight::from_parts(6_950_000, 0)
			.saturating_add(Weight::from_parts(0, 3509))
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	/// Storage: `ValidatorSet::SlashedFraction` (r:1 w:1)
	/// Proof: `ValidatorSet::SlashedFraction` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Ledgers` (r:1 w:1)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `794`
		//  Estimated: `4687`
		// Minimum execution time: 58_778_000 picoseconds.
		Weight::from_parts(66_129_000, 0)
			.saturating_add(Weight::from_parts(0, 4687))
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(5))
	}
}
