//! # `BtcLightClientApi`
//!
//! What relayers, bridges' off-chain workers and dApps ask the Bitcoin light client, through
//! `state_call` (Polkadot.js: `api.call.btcLightClientApi.*`). Hashes are in Bitcoin's internal
//! byte order (reverse them for the display form RPC shows).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
pub use tapchain_primitives::btc::{BtcNetwork, SpvError, TxInclusion};

sp_api::decl_runtime_apis! {
	/// The Bitcoin light client.
	pub trait BtcLightClientApi<AccountId> where AccountId: codec::Codec {
		/// The followed network; `None` before initialization.
		fn network() -> Option<BtcNetwork>;

		/// Whether the followed network is secure for value (only mainnet: testnets' 20-minute
		/// rule and signet's coinbase-only signatures make forged headers cheap).
		fn secure_for_value() -> bool;

		/// Headers `relayer` submitted that were on the best chain when their batch ended.
		fn relayer_credits(relayer: AccountId) -> u64;

		/// Height and hash of the best block; `None` before initialization.
		fn best_block() -> Option<(u32, [u8; 32])>;

		/// The raw 80-byte header on the best chain at `height`, if stored.
		fn header_at(height: u32) -> Option<[u8; 80]>;

		/// Confirmations of a best-chain block (1 = the tip); `None` if unknown or on a fork.
		fn confirmations(hash: [u8; 32]) -> Option<u32>;

		/// Checks a transaction against `gettxoutproof` bytes, as the bridges do.
		fn verify_tx_inclusion(
			raw_tx: Vec<u8>,
			merkle_block: Vec<u8>,
			min_confirmations: u32,
		) -> Result<TxInclusion, SpvError>;
	}
}
