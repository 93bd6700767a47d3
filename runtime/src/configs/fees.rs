//! How weight and length become a fee in BTC, and where fees go.
//!
//! Fees are priced in satoshis because that is what users compare against:
//! - compute: 1 sat per 10 µs of reference time (10^7 weight units);
//! - proof size: priced by [`TapWeightToFee`] at the same share of the block as compute, i.e.
//!   `max_block.ref_time / max_block.proof_size` times the compute price (1 sat per ~168
//!   bytes with a 2 s / 32 MiB block), and the scarcer of the two dimensions is charged;
//! - length: [`TRANSACTION_BYTE_FEE`] = 0.1 sat per byte.
//!
//! `TapWeightToFee` is `pallet-revive`'s `BlockRatioFee`: revive needs to turn a fee back into
//! weight to quote gas, which only works for this shape. Substrate extrinsics and Ethereum
//! transactions are therefore priced by one formula.
//!
//! The runtime tests `transfer_fee_is_sensible` and `eth_value_transfer_fits_metamasks_21000_gas`
//! print the fee of a transfer; the README quotes them.
//!
//! Fees and tips go to the author of the block ([`ToBlockAuthor`]).

use super::block_author;
use crate::{AccountId, Balance, Balances, Runtime, SAT};
use frame_support::{
	traits::{
		fungible::{Balanced, Credit},
		Imbalance, OnUnbalanced,
	},
	weights::{Weight, WeightToFee},
};
use pallet_revive::evm::fees::BlockRatioFee;

/// Reference time (picoseconds) bought by one satoshi.
pub const REF_TIME_PER_SAT: u64 = 10_000_000;

/// Reference time bought by one base unit (a hundredth of a sat).
pub const REF_TIME_PER_BASE_UNIT: u128 = REF_TIME_PER_SAT as u128 / SAT;

/// Fee per encoded byte of an extrinsic, in base units (0.1 sat).
pub const TRANSACTION_BYTE_FEE: Balance = SAT / 10;

/// 1 base unit per [`REF_TIME_PER_BASE_UNIT`] of compute; proof size at the same block share.
pub type TapWeightToFee = BlockRatioFee<1, REF_TIME_PER_BASE_UNIT, Runtime, Balance>;

/// Length fee: a flat price per byte.
pub struct TapLengthToFee;

impl WeightToFee for TapLengthToFee {
	type Balance = Balance;

	fn weight_to_fee(length: &Weight) -> Balance {
		// `pallet-transaction-payment` passes the length as `ref_time`.
		Balance::from(length.ref_time()).saturating_mul(TRANSACTION_BYTE_FEE)
	}
}

/// Pays fees, tips and revive's gas rounding to the block author's account.
///
/// Without an author (a dry run outside a block) or if the author's account cannot take the
/// credit, it is dropped, which burns it: total issuance stays exact either way.
pub struct ToBlockAuthor;

impl OnUnbalanced<Credit<AccountId, Balances>> for ToBlockAuthor {
	fn on_nonzero_unbalanced(amount: Credit<AccountId, Balances>) {
		match block_author() {
			Some(author) => {
				if let Err(unpaid) = <Balances as Balanced<AccountId>>::resolve(&author, amount) {
					log::debug!(target: "runtime::fees", "author cannot take {:?}", unpaid.peek());
				}
			},
			None => drop(amount),
		}
	}
}
