
//! Weights of `pallet_governance`, written by its FRAME benchmarks (`benchmarking.rs`) through
//! `./scripts/benchmark-weights.sh` with `scripts/frame-weight-template.hbs`. Do not edit by
//! hand: run the script again.
//!
//! Benchmark CLI 64.0.0, 2026-12-03. STEPS: `20`, REPEAT: `10`,
//! WASM-EXECUTION: `Compiled`, CHAIN: `Some("dev")`, CPU: `AMD EPYC`.
//! Storage reads and writes are priced by the runtime's `DbWeight` (ParityDB); the `()`
//! implementation, for tests, uses ParityDB's reference costs.
//!
//! Executed command:
//! ```text
//! /root/.cache/tapchain/target/release/tapchain-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_governance
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/frame-weight-template.hbs
//! --output
//! pallets/governance/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_governance`.
pub trait WeightInfo {
	fn dispatch_as_root() -> Weight;
}

/// Weights for `pallet_governance` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 5_328_000 picoseconds.
		Weight::from_parts(6_710_000, 0)
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(6_710_000, 0)
	}
}
