
//! Weights of `pallet_btc_bridge`, written by its FRAME benchmarks (`benchmarking.rs`) through
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
//! pallet_btc_bridge
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/frame-weight-template.hbs
//! --output
//! pallets/btc-bridge/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_btc_bridge`.
pub trait WeightInfo {
	fn submit_deposit(t: u32, ) -> Weight;
	fn claim_deposit(t: u32, ) -> Weight;
	fn withdraw() -> Weight;
	fn cancel_withdrawal(q: u32, ) -> Weight;
	fn submit_batch_proof(i: u32, ) -> Weight;
	fn bump_fee(i: u32, w: u32, ) -> Weight;
	fn report_theft(i: u32, p: u32, ) -> Weight;
	fn fund_reserve() -> Weight;
	fn refund_unclaimed() -> Weight;
	fn resume_withdrawals() -> Weight;
	fn set_config() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn sync_vault() -> Weight;
	fn retire_closed_vaults(v: u32, ) -> Weight;
	fn make_withdrawal_batch(w: u32, u: u32, ) -> Weight;
	fn make_sweep(u: u32, ) -> Weight;
	fn on_signing_complete() -> Weight;
	fn withdrawal_status() -> Weight;
	fn vault_address() -> Weight;
	fn withdrawal_fee() -> Weight;
}

/// Weights for `pallet_btc_bridge` measured on the reference machine, with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::AllowInsecure` (r:1 w:0)
	/// Proof: `BtcBridge::AllowInsecure` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Confirmations` (r:1 w:0)
	/// Proof: `BtcBridge::Confirmations` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:1 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CreditedTxids` (r:1 w:1)
	/// Proof: `BtcBridge::CreditedTxids` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:1 w:0)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:1 w:1024)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::VaultIds` (r:1 w:0)
	/// Proof: `BtcBridge::VaultIds` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:1)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoCount` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UnclaimedCount` (r:1 w:0)
	/// Proof: `BtcBridge::UnclaimedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:0)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:1 w:1)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoTotal` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// The range of component `t` is `[200, 100000]`.
	fn submit_deposit(t: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1343`
		//  Estimated: `3670`
		// Minimum execution time: 179_867_000 picoseconds.
		Weight::from_parts(8_243_731_125, 3670)
			// Standard Error: 14_311
			.saturating_add(Weight::from_parts(264_950, 0).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(307_u64))
	}
	/// Storage: `BtcBridge::UnclaimedDeposits` (r:1 w:1)
	/// Proof: `BtcBridge::UnclaimedDeposits` (`max_values`: None, `max_size`: Some(97), added: 2572, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:0)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Revive::OriginalAccount` (r:1 w:1)
	/// Proof: `Revive::OriginalAccount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UnclaimedCount` (r:1 w:1)
	/// Proof: `BtcBridge::UnclaimedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `t` is `[100, 100000]`.
	fn claim_deposit(t: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `910`
		//  Estimated: `3593`
		// Minimum execution time: 446_653_000 picoseconds.
		Weight::from_parts(463_744_184, 3593)
			// Standard Error: 57
			.saturating_add(Weight::from_parts(6_574, 0).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `BtcBridge::Paused` (r:1 w:0)
	/// Proof: `BtcBridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:1 w:0)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Queue` (r:1 w:1)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::NextWithdrawalId` (r:1 w:1)
	/// Proof: `BtcBridge::NextWithdrawalId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Withdrawals` (r:0 w:1)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `11963`
		//  Estimated: `9679`
		// Minimum execution time: 981_350_000 picoseconds.
		Weight::from_parts(996_414_000, 9679)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `BtcBridge::Withdrawals` (r:1 w:1)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Queue` (r:1 w:1)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 1024]`.
	fn cancel_withdrawal(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1330 + q * (8 ±0)`
		//  Estimated: `9679`
		// Minimum execution time: 65_630_000 picoseconds.
		Weight::from_parts(95_402_789, 9679)
			// Standard Error: 3_290
			.saturating_add(Weight::from_parts(46_105, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `BtcBridge::Batches` (r:1 w:1)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:1 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Confirmations` (r:1 w:0)
	/// Proof: `BtcBridge::Confirmations` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:3 w:4)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoCount` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoTotal` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:1)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:1)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Rounds` (r:1 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundTxid` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundTxid` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:1 w:1)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::SweepInFlight` (r:1 w:0)
	/// Proof: `BtcBridge::SweepInFlight` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::VaultIds` (r:1 w:0)
	/// Proof: `BtcBridge::VaultIds` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::RoundBatch` (r:0 w:1)
	/// Proof: `BtcBridge::RoundBatch` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::SignedBatchTx` (r:0 w:1)
	/// Proof: `BtcBridge::SignedBatchTx` (`max_values`: None, `max_size`: Some(102420), added: 104895, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::SignedTx` (r:0 w:1)
	/// Proof: `ThresholdSigner::SignedTx` (`max_values`: None, `max_size`: Some(102420), added: 104895, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 16]`.
	fn submit_batch_proof(i: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `6791 + i * (206 ±0)`
		//  Estimated: `61227 + i * (326 ±36)`
		// Minimum execution time: 191_490_000 picoseconds.
		Weight::from_parts(197_442_938, 61227)
			// Standard Error: 168_838
			.saturating_add(Weight::from_parts(2_399_087, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(14_u64))
			.saturating_add(Weight::from_parts(0, 326).saturating_mul(i.into()))
	}
	/// Storage: `BtcBridge::Batches` (r:1 w:1)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:3 w:0)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Withdrawals` (r:32 w:0)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:1 w:0)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:1)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:0)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::NextRoundId` (r:1 w:1)
	/// Proof: `ThresholdSigner::NextRoundId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::RoundBatch` (r:0 w:1)
	/// Proof: `BtcBridge::RoundBatch` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:0 w:1)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:0 w:1)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Rounds` (r:0 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundTxid` (r:0 w:1)
	/// Proof: `ThresholdSigner::RoundTxid` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 16]`.
	/// The range of component `w` is `[1, 32]`.
	fn bump_fee(i: u32, w: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3309 + i * (33 ±0) + w * (208 ±0)`
		//  Estimated: `6217 + i * (92 ±26) + w * (2696 ±13)`
		// Minimum execution time: 2_570_802_000 picoseconds.
		Weight::from_parts(2_588_876_000, 6217)
			// Standard Error: 6_814_042
			.saturating_add(Weight::from_parts(58_798_870, 0).saturating_mul(i.into()))
			// Standard Error: 3_473_989
			.saturating_add(Weight::from_parts(32_513_080, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(T::DbWeight::get().writes(9_u64))
			.saturating_add(Weight::from_parts(0, 92).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 2696).saturating_mul(w.into()))
	}
	/// Storage: `BtcBridge::Confirmations` (r:1 w:0)
	/// Proof: `BtcBridge::Confirmations` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Headers` (r:1 w:0)
	/// Proof: `BtcLightClient::Headers` (`max_values`: None, `max_size`: Some(205), added: 2680, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestChain` (r:1 w:0)
	/// Proof: `BtcLightClient::BestChain` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:1 w:0)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:1 w:0)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Thefts` (r:1 w:1)
	/// Proof: `BtcBridge::Thefts` (`max_values`: None, `max_size`: Some(2138), added: 4613, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:6266 w:16)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:1)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoCount` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoTotal` (r:1 w:1)
	/// Proof: `BtcBridge::UtxoTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::CurrentSession` (r:1 w:0)
	/// Proof: `ValidatorSet::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::SlashedFraction` (r:32 w:32)
	/// Proof: `ValidatorSet::SlashedFraction` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Candidates` (r:1 w:1)
	/// Proof: `ValidatorSet::Candidates` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Ledgers` (r:32 w:0)
	/// Proof: `ValidatorSet::Ledgers` (`max_values`: None, `max_size`: Some(385), added: 2860, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Paused` (r:0 w:1)
	/// Proof: `BtcBridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 16]`.
	/// The range of component `p` is `[0, 6250]`.
	fn report_theft(i: u32, p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3746 + i * (76 ±0)`
		//  Estimated: `92510 + i * (2552 ±0) + p * (2552 ±0)`
		// Minimum execution time: 35_297_358_000 picoseconds.
		Weight::from_parts(35_693_752_000, 92510)
			// Standard Error: 148_940_811
			.saturating_add(Weight::from_parts(10_829_962_461, 0).saturating_mul(i.into()))
			// Standard Error: 388_207
			.saturating_add(Weight::from_parts(3_851_098, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(78_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(38_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(p.into()))
	}
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:1)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn fund_reserve() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `420`
		//  Estimated: `3593`
		// Minimum execution time: 57_111_000 picoseconds.
		Weight::from_parts(61_940_000, 3593)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `BtcBridge::UnclaimedDeposits` (r:1 w:1)
	/// Proof: `BtcBridge::UnclaimedDeposits` (`max_values`: None, `max_size`: Some(97), added: 2572, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:1 w:0)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::NextWithdrawalId` (r:1 w:1)
	/// Proof: `BtcBridge::NextWithdrawalId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Queue` (r:1 w:1)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UnclaimedCount` (r:1 w:1)
	/// Proof: `BtcBridge::UnclaimedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Withdrawals` (r:0 w:1)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	fn refund_unclaimed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3119`
		//  Estimated: `9679`
		// Minimum execution time: 875_203_000 picoseconds.
		Weight::from_parts(900_070_000, 9679)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `BtcBridge::Paused` (r:0 w:1)
	/// Proof: `BtcBridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn resume_withdrawals() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 5_707_000 picoseconds.
		Weight::from_parts(6_470_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `BtcBridge::Confirmations` (r:0 w:1)
	/// Proof: `BtcBridge::Confirmations` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:0 w:1)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::AllowInsecure` (r:0 w:1)
	/// Proof: `BtcBridge::AllowInsecure` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn set_config() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 7_301_000 picoseconds.
		Weight::from_parts(8_439_000, 0)
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `BtcBridge::Queue` (r:1 w:0)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CurrentVault` (r:1 w:0)
	/// Proof: `BtcBridge::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2693`
		//  Estimated: `9679`
		// Minimum execution time: 812_439_000 picoseconds.
		Weight::from_parts(829_076_000, 9679)
			.saturating_add(T::DbWeight::get().reads(4_u64))
	}
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CurrentVault` (r:1 w:1)
	/// Proof: `BtcBridge::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::VaultIds` (r:1 w:1)
	/// Proof: `BtcBridge::VaultIds` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:2)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	fn sync_vault() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2775`
		//  Estimated: `6217`
		// Minimum execution time: 852_993_000 picoseconds.
		Weight::from_parts(870_152_000, 6217)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::VaultIds` (r:1 w:1)
	/// Proof: `BtcBridge::VaultIds` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:64 w:63)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Confirmations` (r:1 w:0)
	/// Proof: `BtcBridge::Confirmations` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:63 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// The range of component `v` is `[1, 63]`.
	fn retire_closed_vaults(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `671 + v * (51 ±0)`
		//  Estimated: `3525 + v * (5227 ±0)`
		// Minimum execution time: 68_246_000 picoseconds.
		Weight::from_parts(31_642_616, 3525)
			// Standard Error: 181_275
			.saturating_add(Weight::from_parts(13_735_710, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 5227).saturating_mul(v.into()))
	}
	/// Storage: `BtcBridge::Paused` (r:1 w:0)
	/// Proof: `BtcBridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CurrentVault` (r:1 w:0)
	/// Proof: `BtcBridge::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Queue` (r:1 w:1)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Withdrawals` (r:32 w:22)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:1025 w:16)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:1)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::NextBatchId` (r:1 w:1)
	/// Proof: `BtcBridge::NextBatchId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:1 w:1)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::NextRoundId` (r:1 w:1)
	/// Proof: `ThresholdSigner::NextRoundId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Outstanding` (r:1 w:1)
	/// Proof: `BtcBridge::Outstanding` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::LastBatch` (r:0 w:1)
	/// Proof: `BtcBridge::LastBatch` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::RoundBatch` (r:0 w:1)
	/// Proof: `BtcBridge::RoundBatch` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Batches` (r:0 w:1)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:0 w:1)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:0 w:1)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Rounds` (r:0 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundTxid` (r:0 w:1)
	/// Proof: `ThresholdSigner::RoundTxid` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// The range of component `w` is `[1, 32]`.
	/// The range of component `u` is `[1, 1024]`.
	fn make_withdrawal_batch(w: u32, u: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3093 + u * (75 ±0) + w * (195 ±0)`
		//  Estimated: `9679 + u * (2552 ±0) + w * (2696 ±0)`
		// Minimum execution time: 189_122_000 picoseconds.
		Weight::from_parts(190_216_000, 9679)
			// Standard Error: 9_390_151
			.saturating_add(Weight::from_parts(405_334_873, 0).saturating_mul(w.into()))
			// Standard Error: 293_035
			.saturating_add(Weight::from_parts(8_944_277, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(w.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(0, 2696).saturating_mul(w.into()))
	}
	/// Storage: `BtcBridge::SweepInFlight` (r:1 w:1)
	/// Proof: `BtcBridge::SweepInFlight` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::CurrentVault` (r:1 w:0)
	/// Proof: `BtcBridge::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Utxos` (r:1025 w:16)
	/// Proof: `BtcBridge::Utxos` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:2 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::UtxoCount` (r:1 w:0)
	/// Proof: `BtcBridge::UtxoCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:1 w:0)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeReserve` (r:1 w:1)
	/// Proof: `BtcBridge::FeeReserve` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::NextBatchId` (r:1 w:1)
	/// Proof: `BtcBridge::NextBatchId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::KnownVaults` (r:2 w:1)
	/// Proof: `BtcBridge::KnownVaults` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundCount` (r:1 w:1)
	/// Proof: `ThresholdSigner::RoundCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::NextRoundId` (r:1 w:1)
	/// Proof: `ThresholdSigner::NextRoundId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Queue` (r:1 w:1)
	/// Proof: `BtcBridge::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::RoundBatch` (r:0 w:1)
	/// Proof: `BtcBridge::RoundBatch` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Batches` (r:0 w:1)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::BatchTxids` (r:0 w:1)
	/// Proof: `BtcBridge::BatchTxids` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::TxidRound` (r:0 w:1)
	/// Proof: `ThresholdSigner::TxidRound` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Rounds` (r:0 w:1)
	/// Proof: `ThresholdSigner::Rounds` (`max_values`: None, `max_size`: Some(57762), added: 60237, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::RoundTxid` (r:0 w:1)
	/// Proof: `ThresholdSigner::RoundTxid` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// The range of component `u` is `[1, 1024]`.
	fn make_sweep(u: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `5510 + u * (75 ±0)`
		//  Estimated: `11444 + u * (2552 ±0)`
		// Minimum execution time: 2_561_253_000 picoseconds.
		Weight::from_parts(12_743_992_152, 11444)
			// Standard Error: 742_574
			.saturating_add(Weight::from_parts(7_994_391, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads(15_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().writes(26_u64))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(u.into()))
	}
	/// Storage: `BtcBridge::RoundBatch` (r:1 w:0)
	/// Proof: `BtcBridge::RoundBatch` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Batches` (r:1 w:1)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::BestBlock` (r:1 w:0)
	/// Proof: `BtcLightClient::BestBlock` (`max_values`: Some(1), `max_size`: Some(36), added: 531, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::SignedBatchTx` (r:0 w:1)
	/// Proof: `BtcBridge::SignedBatchTx` (`max_values`: None, `max_size`: Some(102420), added: 104895, mode: `MaxEncodedLen`)
	fn on_signing_complete() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `740`
		//  Estimated: `4850`
		// Minimum execution time: 80_258_000 picoseconds.
		Weight::from_parts(92_432_000, 4850)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `BtcBridge::Withdrawals` (r:1 w:0)
	/// Proof: `BtcBridge::Withdrawals` (`max_values`: None, `max_size`: Some(221), added: 2696, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::Batches` (r:1 w:0)
	/// Proof: `BtcBridge::Batches` (`max_values`: None, `max_size`: Some(1385), added: 3860, mode: `MaxEncodedLen`)
	fn withdrawal_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `704`
		//  Estimated: `4850`
		// Minimum execution time: 16_467_000 picoseconds.
		Weight::from_parts(19_278_000, 4850)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcLightClient::Network` (r:1 w:0)
	/// Proof: `BtcLightClient::Network` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn vault_address() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2740`
		//  Estimated: `6217`
		// Minimum execution time: 823_443_000 picoseconds.
		Weight::from_parts(841_524_000, 6217)
			.saturating_add(T::DbWeight::get().reads(3_u64))
	}
	/// Storage: `ThresholdSigner::CurrentVault` (r:1 w:0)
	/// Proof: `ThresholdSigner::CurrentVault` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ThresholdSigner::Vaults` (r:1 w:0)
	/// Proof: `ThresholdSigner::Vaults` (`max_values`: None, `max_size`: Some(2752), added: 5227, mode: `MaxEncodedLen`)
	/// Storage: `BtcBridge::FeeRate` (r:1 w:0)
	/// Proof: `BtcBridge::FeeRate` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn withdrawal_fee() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2655`
		//  Estimated: `6217`
		// Minimum execution time: 810_714_000 picoseconds.
		Weight::from_parts(830_251_000, 6217)
			.saturating_add(T::DbWeight::get().reads(3_u64))
	}
}

/// The same measurements priced with ParityDB's reference costs, for tests.
impl WeightInfo for () {
	fn submit_deposit(t: u32, ) -> Weight {
		Weight::from_parts(8_243_731_125, 3670)
			.saturating_add(Weight::from_parts(264_950, 0).saturating_mul(t.into()))
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(307_u64))
	}
	fn claim_deposit(t: u32, ) -> Weight {
		Weight::from_parts(463_744_184, 3593)
			.saturating_add(Weight::from_parts(6_574, 0).saturating_mul(t.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(996_414_000, 9679)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn cancel_withdrawal(q: u32, ) -> Weight {
		Weight::from_parts(95_402_789, 9679)
			.saturating_add(Weight::from_parts(46_105, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn submit_batch_proof(i: u32, ) -> Weight {
		Weight::from_parts(197_442_938, 61227)
			.saturating_add(Weight::from_parts(2_399_087, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(17_u64))
			.saturating_add(ParityDbWeight::get().writes(14_u64))
			.saturating_add(Weight::from_parts(0, 326).saturating_mul(i.into()))
	}
	fn bump_fee(i: u32, w: u32, ) -> Weight {
		Weight::from_parts(2_588_876_000, 6217)
			.saturating_add(Weight::from_parts(58_798_870, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(32_513_080, 0).saturating_mul(w.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
			.saturating_add(Weight::from_parts(0, 92).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 2696).saturating_mul(w.into()))
	}
	fn report_theft(i: u32, p: u32, ) -> Weight {
		Weight::from_parts(35_693_752_000, 92510)
			.saturating_add(Weight::from_parts(10_829_962_461, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(3_851_098, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(78_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().writes(38_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(p.into()))
	}
	fn fund_reserve() -> Weight {
		Weight::from_parts(61_940_000, 3593)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn refund_unclaimed() -> Weight {
		Weight::from_parts(900_070_000, 9679)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn resume_withdrawals() -> Weight {
		Weight::from_parts(6_470_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_config() -> Weight {
		Weight::from_parts(8_439_000, 0)
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(829_076_000, 9679)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
	}
	fn sync_vault() -> Weight {
		Weight::from_parts(870_152_000, 6217)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn retire_closed_vaults(v: u32, ) -> Weight {
		Weight::from_parts(31_642_616, 3525)
			.saturating_add(Weight::from_parts(13_735_710, 0).saturating_mul(v.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 5227).saturating_mul(v.into()))
	}
	fn make_withdrawal_batch(w: u32, u: u32, ) -> Weight {
		Weight::from_parts(190_216_000, 9679)
			.saturating_add(Weight::from_parts(405_334_873, 0).saturating_mul(w.into()))
			.saturating_add(Weight::from_parts(8_944_277, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(w.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(0, 2696).saturating_mul(w.into()))
	}
	fn make_sweep(u: u32, ) -> Weight {
		Weight::from_parts(12_743_992_152, 11444)
			.saturating_add(Weight::from_parts(7_994_391, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(15_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(ParityDbWeight::get().writes(26_u64))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(u.into()))
	}
	fn on_signing_complete() -> Weight {
		Weight::from_parts(92_432_000, 4850)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn withdrawal_status() -> Weight {
		Weight::from_parts(19_278_000, 4850)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
	}
	fn vault_address() -> Weight {
		Weight::from_parts(841_524_000, 6217)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
	}
	fn withdrawal_fee() -> Weight {
		Weight::from_parts(830_251_000, 6217)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
	}
}
