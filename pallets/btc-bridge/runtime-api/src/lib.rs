//! # `BtcBridgeApi`
//!
//! What relayers, wallets and watchers ask the BTC bridge, through `state_call`
//! (Polkadot.js: `api.call.btcBridgeApi.*`). Txids are in internal byte order (reverse them
//! for display); amounts are satoshis except where they say base units.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use sp_core::H256;
use sp_runtime::DispatchError;
pub use tapchain_primitives::bridge::{
	BatchId, BridgeTotals, DepositStatus, OutPoint, Utxo, WithdrawalId, WithdrawalInfo,
	WithdrawalStatus,
};

sp_api::decl_runtime_apis! {
	/// The native BTC bridge.
	pub trait BtcBridgeApi<AccountId> where AccountId: codec::Codec {
		/// A deposit by txid: unknown, credited, or which of its outputs are unclaimed.
		fn deposit_status(txid: H256) -> DepositStatus;

		/// A withdrawal by id.
		fn withdrawal(id: WithdrawalId) -> Option<WithdrawalInfo<AccountId>>;

		/// The batch whose version has this txid, if any.
		fn batch_of_txid(txid: H256) -> Option<BatchId>;

		/// Queued withdrawal ids, oldest first.
		fn queue() -> Vec<WithdrawalId>;

		/// Every tracked vault UTXO.
		fn utxos() -> Vec<(OutPoint, Utxo)>;

		/// The bridge's books.
		fn totals() -> BridgeTotals;

		/// The newest signed version of a batch not yet completed.
		fn signed_tx(batch: BatchId) -> Option<Vec<u8>>;

		/// Every batch with a signed version and no completion yet, with that transaction:
		/// what a relayer broadcasts.
		fn pending_batches() -> Vec<(BatchId, Vec<u8>)>;

		/// The fee (base units) a withdrawal of `amount` base units pays now, or why it
		/// would be refused.
		fn withdrawal_fee(amount: u128) -> Result<u128, DispatchError>;

		/// The scriptPubKeys of every vault deposits are credited to now, current first:
		/// what a relayer scans blocks for.
		fn deposit_scripts() -> Vec<Vec<u8>>;
	}
}
