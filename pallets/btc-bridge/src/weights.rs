//! Weights of `pallet_btc_bridge`.
//!
//! PROVISIONAL: the bridge is not in the runtime yet, and these are its storage accesses at
//! ParityDB's reference costs plus a fixed compute allowance, for the pallet's own tests. The
//! runtime integration replaces this file with the output of `./scripts/benchmark-weights.sh`
//! over `benchmarking.rs`, as for every other pallet.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_btc_bridge`.
pub trait WeightInfo {
	fn on_initialize_idle() -> Weight;
	fn sync_vault() -> Weight;
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
	fn retire_closed_vaults(v: u32, ) -> Weight;
	fn make_withdrawal_batch(w: u32, u: u32, ) -> Weight;
	fn make_sweep(u: u32, ) -> Weight;
	fn on_signing_complete() -> Weight;
	fn withdrawal_status() -> Weight;
	fn vault_address() -> Weight;
	fn withdrawal_fee() -> Weight;
}

const COMPUTE: u64 = 50_000_000;

impl WeightInfo for () {
	fn on_initialize_idle() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads(3)) }
	fn sync_vault() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(4, 4)) }
	fn submit_deposit(t: u32, ) -> Weight { Weight::from_parts(COMPUTE + 10_000 * t as u64, 0).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn claim_deposit(t: u32, ) -> Weight { Weight::from_parts(COMPUTE + 10_000 * t as u64, 0).saturating_add(ParityDbWeight::get().reads_writes(3, 3)) }
	fn withdraw() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(8, 5)) }
	fn cancel_withdrawal(q: u32, ) -> Weight { Weight::from_parts(COMPUTE + 1_000 * q as u64, 0).saturating_add(ParityDbWeight::get().reads_writes(4, 4)) }
	fn submit_batch_proof(i: u32, ) -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(8 + 2 * i as u64, 8 + 2 * i as u64)) }
	fn bump_fee(i: u32, w: u32, ) -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(6 + i as u64 + w as u64, 5)) }
	fn report_theft(i: u32, p: u32, ) -> Weight { Weight::from_parts(COMPUTE + 1_000 * p as u64, 0).saturating_add(ParityDbWeight::get().reads_writes(8 + 3 * i as u64, 4 + 3 * i as u64)) }
	fn fund_reserve() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(3, 3)) }
	fn refund_unclaimed() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(6, 4)) }
	fn resume_withdrawals() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().writes(1)) }
	fn set_config() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(3, 3)) }
	fn retire_closed_vaults(v: u32, ) -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(2 + v as u64, 1 + v as u64)) }
	fn make_withdrawal_batch(w: u32, u: u32, ) -> Weight { Weight::from_parts(COMPUTE * 4, 0).saturating_add(ParityDbWeight::get().reads_writes(10 + w as u64 + u as u64, 10 + 2 * w as u64)) }
	fn make_sweep(u: u32, ) -> Weight { Weight::from_parts(COMPUTE * 2, 0).saturating_add(ParityDbWeight::get().reads_writes(10 + u as u64, 30)) }
	fn on_signing_complete() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads_writes(3, 3)) }
	fn withdrawal_status() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads(2)) }
	fn vault_address() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads(3)) }
	fn withdrawal_fee() -> Weight { Weight::from_parts(COMPUTE, 0).saturating_add(ParityDbWeight::get().reads(3)) }
}
