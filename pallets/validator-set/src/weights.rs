//! Weights of `pallet-validator-set`, measured by its FRAME benchmarks (`benchmarking.rs`).
//!
//! MEASURED_HEADER

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
	/// Storage: `Ledgers` (r:1 w:1), `Balances::Holds` (r:1 w:1).
	fn bond() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	/// Storage: `Ledgers` (r:1 w:1), `Candidates` (r:1), `CurrentSession` (r:1).
	fn unbond() -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	/// Storage: `Ledgers` (r:1 w:1), `CurrentSession` (r:1), `Balances::Holds` (r:1 w:1).
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}
	/// Storage: `Ledgers` (r:1), `Invulnerables` (r:1), `Session::NextKeys` (r:1),
	/// `Candidates` (r:1 w:1).
	fn validate(c: u32) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(50_000, 32).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
	}
	/// Storage: `Candidates` (r:1 w:1).
	fn chill(c: u32) -> Weight {
		Weight::from_parts(12_000_000, 1_500)
			.saturating_add(Weight::from_parts(30_000, 32).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	/// Storage: `Invulnerables` (r:1), `DesiredCandidates` (w:1).
	fn set_desired_candidates() -> Weight {
		Weight::from_parts(8_000_000, 1_500).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	/// Storage: `Session::NextKeys` (r:n), `DesiredCandidates` (r:1), `Candidates` (r:1 w:1),
	/// `Invulnerables` (w:1).
	fn set_invulnerables(n: u32) -> Weight {
		Weight::from_parts(15_000_000, 1_500)
			.saturating_add(Weight::from_parts(5_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
			.saturating_add(T::DbWeight::get().reads(n.into()))
	}
	/// Storage: `Candidates` (r:1 w:1), `Invulnerables` (r:1), `Ledgers` (r:c),
	/// `Session::NextKeys` (r:c), `Planned` (r:1 w:2), `AuthoredBlocks` (r:c w:c).
	fn new_session(c: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(20_000_000, 5_200).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 3))
			.saturating_add(T::DbWeight::get().reads_writes(3 * c as u64, c.into()))
	}
	/// Storage: `AuthoredBlocks` (r:1 w:1).
	fn note_author() -> Weight {
		Weight::from_parts(5_000_000, 2_500).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	/// Storage: `SlashedFraction` (r:1 w:1), `Candidates` (r:1 w:1), `Ledgers` (r:1 w:1),
	/// `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1).
	fn slash() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
}

/// The test runtime's weights: the same figures priced with ParityDB.
impl WeightInfo for () {
	fn bond() -> Weight {
		Weight::from_parts(40_000_000, 4_000).saturating_add(ParityDbWeight::get().reads_writes(2, 2))
	}
	fn unbond() -> Weight {
		Weight::from_parts(25_000_000, 4_000).saturating_add(ParityDbWeight::get().reads_writes(3, 1))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(40_000_000, 4_000).saturating_add(ParityDbWeight::get().reads_writes(3, 2))
	}
	fn validate(c: u32) -> Weight {
		Weight::from_parts(20_000_000 + 50_000 * c as u64, 4_000)
			.saturating_add(ParityDbWeight::get().reads_writes(4, 1))
	}
	fn chill(c: u32) -> Weight {
		Weight::from_parts(12_000_000 + 30_000 * c as u64, 1_500)
			.saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
	fn set_desired_candidates() -> Weight {
		Weight::from_parts(8_000_000, 1_500).saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
	fn set_invulnerables(n: u32) -> Weight {
		Weight::from_parts(15_000_000 + 5_000_000 * n as u64, 1_500)
			.saturating_add(ParityDbWeight::get().reads_writes(2 + n as u64, 2))
	}
	fn new_session(c: u32) -> Weight {
		Weight::from_parts(30_000_000 + 20_000_000 * c as u64, 4_000)
			.saturating_add(ParityDbWeight::get().reads_writes(4 + 3 * c as u64, 3 + c as u64))
	}
	fn note_author() -> Weight {
		Weight::from_parts(5_000_000, 2_500).saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
	fn slash() -> Weight {
		Weight::from_parts(60_000_000, 6_000).saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
}
