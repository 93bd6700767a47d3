
//! Weights of `pallet_threshold_signer`, written by its FRAME benchmarks (`benchmarking.rs`) through
//! `./scripts/benchmark-weights.sh` with `scripts/frame-weight-template.hbs`. Do not edit by
//! hand: run the script again.
//!
//! Benchmark CLI 64.0.0, 2026-12-03. STEPS: `20`, REPEAT: `10`,
//! WASM-EXECUTION: `Compiled`, CHAIN: `Some("dev")`, CPU: `Intel(R) Xeon(R) Processor`.
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
//! pallet_threshold_signer
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/frame-weight-template.hbs
//! --output
//! pallets/threshold-signer/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_threshold_signer`.
pub trait WeightInfo {
	fn register_key() -> Weight;
	fn submit_signatures(i: u32, ) -> Weight;
	fn set_recovery() -> Weight;
	fn open_round(i: u32, p: u32, ) -> Weight;
	fn rotate(n: u32, ) -> Weight;
	fn key_agg(n: u32, ) -> Weight;
}

/// Weights for `pallet_threshold_signer` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ThresholdSigner::KeyOwner` (r:1 w:2)
	/// Proof: `ThresholdSigner::KeyOwner` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Keys` (r:1 w:1)
	/// Proof: `ThresholdSigner::Keys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn register_key() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `643`
		//  Estimated: `4108`
		// Minimum execution time: 365_472_000 picoseconds.
		Weight::from_parts(390_769_000, 4108)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `ThresholdSigner::Rounds` (r:1 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::SignedTx` (r:0 w:1)
	/// Proof: `ThresholdSigner::SignedTx` (`max_values`: None, `max_size`: Some(102420), added: 104895, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 16]`.
	fn submit_signatures(i: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3959 + i * (1507 ±0)`
		//  Estimated: `61227`
		// Minimum execution time: 1_242_090_000 picoseconds.
		Weight::from_parts(961_865_758, 61227)
			// Standard Error: 836_303
			.saturating_add(Weight::from_parts(333_951_376, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ThresholdSigner::RecoveryConfig` (r:0 w:1)
	/// Proof: `ThresholdSigner::RecoveryConfig` (`max_values`: Some(1), `max_size`: Some(517), added: 1012, mode: `MaxEncodedLen`)
	fn set_recovery() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 402_582_000 picoseconds.
		Weight::from_parts(418_973_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `ThresholdSigner::RoundCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::NextRoundId` (r:1 w:1)
	/// Proof: `ThresholdSigner::NextRoundId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:0 w:1)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Rounds` (r:0 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundTxid` (r:0 w:1)
	/// Proof: `ThresholdSigner::RoundTxid` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 16]`.
	/// The range of component `p` is `[0, 64]`.
	fn open_round(i: u32, p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2959`
		//  Estimated: `6217`
		// Minimum execution time: 955_024_000 picoseconds.
		Weight::from_parts(67_390_988, 6217)
			// Standard Error: 719_474
			.saturating_add(Weight::from_parts(823_613_137, 0).saturating_mul(i.into()))
			// Standard Error: 170_012
			.saturating_add(Weight::from_parts(1_723_668, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ThresholdSigner::Keys` (r:32 w:0)
	/// Proof: `ThresholdSigner::Keys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RecoveryConfig` (r:1 w:0)
	/// Proof: `ThresholdSigner::RecoveryConfig` (`max_values`: Some(1), `max_size`: Some(517), added: 1012, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:1)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:1)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::VaultCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::VaultCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::NextVaultId` (r:1 w:1)
	/// Proof: `ThresholdSigner::NextVaultId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 32]`.
	fn rotate(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1193 + n * (119 ±0)`
		//  Estimated: `6217 + n * (2555 ±0)`
		// Minimum execution time: 943_713_000 picoseconds.
		Weight::from_parts(570_826_037, 6217)
			// Standard Error: 269_365
			.saturating_add(Weight::from_parts(270_709_063, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(n.into()))
	}
	/// The range of component `n` is `[1, 32]`.
	fn key_agg(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 246_234_000 picoseconds.
		Weight::from_parts(250_856_000, 0)
			// Standard Error: 398_321
			.saturating_add(Weight::from_parts(221_790_131, 0).saturating_mul(n.into()))
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn register_key() -> Weight {
		Weight::from_parts(390_769_000, 4108)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn submit_signatures(i: u32, ) -> Weight {
		Weight::from_parts(961_865_758, 61227)
			.saturating_add(Weight::from_parts(333_951_376, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn set_recovery() -> Weight {
		Weight::from_parts(418_973_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn open_round(i: u32, p: u32, ) -> Weight {
		Weight::from_parts(67_390_988, 6217)
			.saturating_add(Weight::from_parts(823_613_137, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_723_668, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn rotate(n: u32, ) -> Weight {
		Weight::from_parts(570_826_037, 6217)
			.saturating_add(Weight::from_parts(270_709_063, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(n.into()))
	}
	fn key_agg(n: u32, ) -> Weight {
		Weight::from_parts(250_856_000, 0)
			.saturating_add(Weight::from_parts(221_790_131, 0).saturating_mul(n.into()))
	}
}
