//! How weight and length become a fee in BTC.
//!
//! Fees here are priced in satoshis because that is what users compare against:
//! - compute: 1 sat per 10 µs of reference time (10^7 weight units);
//! - proof size: 1 sat per 10 KiB;
//! - length: [`TRANSACTION_BYTE_FEE`] = 0.1 sat per byte.
//!
//! A `Balances::transfer_keep_alive` therefore costs a few tens of sats. The exact figure for the
//! current weights is printed by the runtime test `transfer_fee_is_sensible` and written in the
//! README.

use crate::{Balance, SAT};
use frame_support::weights::{Weight, WeightToFee};

/// Reference time (picoseconds) bought by one satoshi.
pub const REF_TIME_PER_SAT: u64 = 10_000_000;

/// Proof bytes bought by one satoshi.
pub const PROOF_SIZE_PER_SAT: u64 = 10 * 1024;

/// Fee per encoded byte of an extrinsic, in base units (0.1 sat).
pub const TRANSACTION_BYTE_FEE: Balance = SAT / 10;

/// Charges for the scarcer of the two weight dimensions, so that neither compute-heavy nor
/// proof-heavy extrinsics are under-priced.
pub struct TapWeightToFee;

impl WeightToFee for TapWeightToFee {
	type Balance = Balance;

	fn weight_to_fee(weight: &Weight) -> Balance {
		// base units = weight * SAT / per_sat; SAT divides neither per_sat constant evenly, so
		// multiply first. u64 * 100 always fits in u128.
		let by_time = Balance::from(weight.ref_time()).saturating_mul(SAT) /
			Balance::from(REF_TIME_PER_SAT);
		let by_proof = Balance::from(weight.proof_size()).saturating_mul(SAT) /
			Balance::from(PROOF_SIZE_PER_SAT);
		by_time.max(by_proof)
	}
}

/// Length fee: a flat price per byte.
pub struct TapLengthToFee;

impl WeightToFee for TapLengthToFee {
	type Balance = Balance;

	fn weight_to_fee(length: &Weight) -> Balance {
		// `pallet-transaction-payment` passes the length as `ref_time`.
		Balance::from(length.ref_time()).saturating_mul(TRANSACTION_BYTE_FEE)
	}
}
