//! # `ThresholdSignerApi`
//!
//! What signer daemons, bridge operators and watchers ask the threshold signers, through
//! `state_call` (Polkadot.js: `api.call.thresholdSignerApi.*`). Keys are x-only (32 bytes);
//! byte strings such as the address and the descriptor are UTF-8.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
pub use tapchain_primitives::signer::{RoundDetails, RoundId, RoundStatus, VaultDetails, VaultId};

sp_api::decl_runtime_apis! {
	/// The threshold signers.
	pub trait ThresholdSignerApi<AccountId> where AccountId: codec::Codec {
		/// The current vault's signers and their keys, in key order.
		fn signers() -> Vec<(AccountId, [u8; 32])>;

		/// The vault deposits pay now: keys, `k`, internal key, both leaves and their control
		/// blocks, Merkle root, output key, scriptPubKey, address and descriptor.
		fn current_vault() -> Option<VaultDetails<AccountId>>;

		/// A kept vault by id.
		fn vault(id: VaultId) -> Option<VaultDetails<AccountId>>;

		/// A round: status, purpose, the unsigned transaction, per input its sighash and who
		/// signed it, and the signed transaction once complete.
		fn round(id: RoundId) -> Option<RoundDetails<AccountId>>;
	}
}
