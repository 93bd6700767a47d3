//! What went wrong with a call to the chain, classified from subxt's typed errors.
//!
//! A daemon has to tell apart three situations that need opposite reactions:
//!
//! - the transaction was **included and a pallet refused it** ([`ChainError::Module`]): the fee
//!   is paid, and sending the same transaction again pays again for the same answer;
//! - the **transaction pool refused it** ([`ChainError::Pool`]): nothing was paid; some
//!   refusals pass (a stale nonce), others do not (the signer cannot pay);
//! - the **connection** failed ([`ChainError::Transport`]): nothing is known to have happened,
//!   so retrying after a pause is right.
//!
//! Every variant is built from subxt's error enums, the runtime's `DispatchError` (decoded with
//! the generated types) and the metadata's pallet and error names, never by matching message
//! text: subxt's `Display` output is for people and changes between releases.

use crate::tapchain::runtime_types::sp_runtime::DispatchError as RuntimeDispatchError;
use std::fmt;
use subxt::{
	error::{
		BackendError, ConstantError, ExtrinsicError, OnlineClientAtBlockError, RpcError,
		RuntimeApiError, StorageError, StorageKeyError, StorageValueError, TransactionEventsError,
		TransactionStatusError,
	},
	transactions::{TransactionInvalid, TransactionUnknown},
	Metadata,
};

/// Why a call to the chain failed. See the [module docs](self).
#[derive(Clone, Debug, PartialEq)]
pub enum ChainError {
	/// The extrinsic was included and failed with `pallet`'s `error` (the names are the
	/// metadata's, e.g. `BtcLightClient` / `DuplicateHeader`). It paid `paid` base units, as its
	/// `TransactionPayment.TransactionFeePaid` event says.
	Module { pallet: String, error: String, paid: u128 },
	/// The extrinsic was included and failed with a dispatch error that is not a pallet's
	/// (`BadOrigin`, `Token(..)`, `Arithmetic(..)`, ...). It paid `paid` base units.
	Dispatch { error: String, paid: u128 },
	/// The transaction pool refused the transaction; nothing was paid.
	Pool(PoolRefusal),
	/// The node could not be reached, or the connection dropped: nothing is known to have
	/// happened. Retrying after a pause (on a new connection) is the cure.
	Transport(String),
	/// The node answered a JSON-RPC error that is not a pool refusal (for example a runtime API
	/// call that trapped).
	Node { code: i32, message: String },
	/// The node's runtime does not match the metadata this client was generated from, or it
	/// answered bytes that do not decode as that metadata says.
	Incompatible(String),
}

/// Why the transaction pool refused a transaction. Nothing is paid for a refusal.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolRefusal {
	/// The runtime's `TaggedTransactionQueue_validate_transaction` found it invalid (checked
	/// before submission).
	Invalid(TransactionInvalid),
	/// The runtime could not tell whether it is valid.
	Unknown(TransactionUnknown),
	/// `author_submitAndWatchExtrinsic` refused it with this JSON-RPC error code (1010 invalid,
	/// 1011 unknown validity, 1012 temporarily banned, 1013 already imported, 1014 priority too
	/// low, 1016 immediately dropped, ...).
	Rejected { code: i32, message: String },
	/// It was accepted, then dropped or invalidated while waiting for a block (the status
	/// stream carries only a message).
	Dropped(String),
}

/// `author_submitAndWatchExtrinsic`'s error codes (`sc-rpc-api`'s `author::error`).
mod pool_code {
	pub const BAD_FORMAT: i32 = 1001;
	pub const INVALID_TX: i32 = 1010;
	pub const UNKNOWN_VALIDITY: i32 = 1011;
	pub const TEMPORARILY_BANNED: i32 = 1012;
	pub const ALREADY_IMPORTED: i32 = 1013;
	pub const TOO_LOW_PRIORITY: i32 = 1014;
	pub const IMMEDIATELY_DROPPED: i32 = 1016;
	pub const FUTURE_TX: i32 = 1021;
	/// The last pool code (`POOL_FUTURE_TX`).
	pub const LAST: i32 = FUTURE_TX;
}

impl PoolRefusal {
	/// Whether submitting again (re-signed, with a fresh nonce, after a pause) can succeed.
	pub fn is_transient(&self) -> bool {
		match self {
			PoolRefusal::Invalid(reason) => matches!(
				reason,
				TransactionInvalid::Future
					| TransactionInvalid::Stale
					| TransactionInvalid::AncientBirthBlock
					| TransactionInvalid::ExhaustsResources
			),
			PoolRefusal::Unknown(_) => true,
			// Invalid although it validated a moment ago (the state moved), or refused for now
			// by the pool itself. A bad format, a failed verification, a cycle or a transaction
			// the pool cannot act on stays refused.
			PoolRefusal::Rejected { code, .. } => matches!(
				*code,
				pool_code::INVALID_TX
					| pool_code::UNKNOWN_VALIDITY
					| pool_code::TEMPORARILY_BANNED
					| pool_code::ALREADY_IMPORTED
					| pool_code::TOO_LOW_PRIORITY
					| pool_code::IMMEDIATELY_DROPPED
					| pool_code::FUTURE_TX
			),
			PoolRefusal::Dropped(_) => true,
		}
	}
}

impl ChainError {
	/// Whether retrying the same call after a pause can succeed: transport failures and the
	/// pool refusals that pass ([`PoolRefusal::is_transient`]). A runtime refusal
	/// ([`ChainError::Module`], [`ChainError::Dispatch`]) never is: it would pay again.
	pub fn is_transient(&self) -> bool {
		match self {
			ChainError::Transport(_) => true,
			ChainError::Pool(refusal) => refusal.is_transient(),
			ChainError::Module { .. }
			| ChainError::Dispatch { .. }
			| ChainError::Node { .. }
			| ChainError::Incompatible(_) => false,
		}
	}

	/// `(pallet, error)` of a [`ChainError::Module`].
	pub fn module(&self) -> Option<(&str, &str)> {
		match self {
			ChainError::Module { pallet, error, .. } => Some((pallet, error)),
			_ => None,
		}
	}

	/// The fee an included, failed extrinsic paid.
	pub fn paid(&self) -> Option<u128> {
		match self {
			ChainError::Module { paid, .. } | ChainError::Dispatch { paid, .. } => Some(*paid),
			_ => None,
		}
	}

	/// Classifies a runtime `DispatchError` (as the `System.ExtrinsicFailed` or
	/// `Sudo.Sudid` event carries it), naming a module error's pallet and variant from
	/// `metadata`.
	pub fn from_dispatch(metadata: &Metadata, error: &RuntimeDispatchError, paid: u128) -> Self {
		match error {
			RuntimeDispatchError::Module(module) => {
				let pallet = metadata.pallet_by_error_index(module.index);
				let variant =
					pallet.as_ref().and_then(|p| p.error_variant_by_index(module.error[0]));
				ChainError::Module {
					pallet: pallet
						.map(|p| p.name().to_string())
						.unwrap_or_else(|| format!("pallet #{}", module.index)),
					error: variant
						.map(|v| v.name.clone())
						.unwrap_or_else(|| format!("error #{}", module.error[0])),
					paid,
				}
			},
			other => ChainError::Dispatch { error: format!("{other:?}"), paid },
		}
	}

	/// Classifies a failure of the backend (the JSON-RPC connection). `submitting` says whether
	/// the call was `author_submitAndWatchExtrinsic`, whose JSON-RPC errors are pool refusals.
	pub fn from_backend(error: &BackendError, submitting: bool) -> Self {
		use subxt::rpcs::Error as Rpc;
		match error {
			BackendError::Rpc(RpcError::ClientError(Rpc::User(user))) => {
				if submitting && (pool_code::BAD_FORMAT..=pool_code::LAST).contains(&user.code) {
					ChainError::Pool(PoolRefusal::Rejected {
						code: user.code,
						message: user.message.clone(),
					})
				} else {
					ChainError::Node { code: user.code, message: user.message.clone() }
				}
			},
			BackendError::Rpc(RpcError::ClientError(
				Rpc::Deserialization(_) | Rpc::Serialization(_) | Rpc::Decode(_),
			)) => ChainError::Incompatible(error.to_string()),
			_ => ChainError::Transport(error.to_string()),
		}
	}
}

impl From<ExtrinsicError> for ChainError {
	fn from(error: ExtrinsicError) -> Self {
		use ExtrinsicError as E;
		match &error {
			E::ErrorSubmittingTransaction(backend) => ChainError::from_backend(backend, true),
			E::TransactionStatusStreamError(backend)
			| E::CannotGetBlockBody(backend)
			| E::CannotGetFeeInfo(backend)
			| E::CannotGetValidationInfo(backend) => ChainError::from_backend(backend, false),
			E::AccountNonceError { .. } | E::UnexpectedEndOfTransactionStatusStream => {
				ChainError::Transport(error.to_string())
			},
			E::TransactionStatusError(status) => status_refusal(status),
			E::IncompatibleCodegen
			| E::PalletNameNotFound(_)
			| E::CallNameNotFound { .. }
			| E::EncodeError(_)
			| E::UnsupportedVersion
			| E::Params(_)
			| E::GenesisHashNotProvided
			| E::CannotDecodeValidationResult(_)
			| E::UnexpectedValidationResultBytes(_)
			| E::CannotDecodeFeeInfo(_) => ChainError::Incompatible(error.to_string()),
			// Decoding extrinsics of a block, or a variant added after 0.50: not a refusal
			// anything was paid for, so a pause and a retry are safe.
			_ => ChainError::Transport(error.to_string()),
		}
	}
}

/// A status-stream refusal after submission (subxt only has its message).
pub(crate) fn status_refusal(status: &TransactionStatusError) -> ChainError {
	ChainError::Pool(PoolRefusal::Dropped(status.to_string()))
}

impl From<RuntimeApiError> for ChainError {
	fn from(error: RuntimeApiError) -> Self {
		match &error {
			RuntimeApiError::CannotCallApi(backend) => ChainError::from_backend(backend, false),
			_ => ChainError::Incompatible(error.to_string()),
		}
	}
}

impl From<StorageError> for ChainError {
	fn from(error: StorageError) -> Self {
		use StorageError as E;
		match &error {
			E::CannotFetchValue(backend)
			| E::CannotIterateValues(backend)
			| E::StreamFailure(backend) => ChainError::from_backend(backend, false),
			_ => ChainError::Incompatible(error.to_string()),
		}
	}
}

impl From<StorageKeyError> for ChainError {
	fn from(error: StorageKeyError) -> Self {
		ChainError::Incompatible(error.to_string())
	}
}

impl From<StorageValueError> for ChainError {
	fn from(error: StorageValueError) -> Self {
		ChainError::Incompatible(error.to_string())
	}
}

impl From<ConstantError> for ChainError {
	fn from(error: ConstantError) -> Self {
		ChainError::Incompatible(error.to_string())
	}
}

impl From<OnlineClientAtBlockError> for ChainError {
	fn from(error: OnlineClientAtBlockError) -> Self {
		use OnlineClientAtBlockError as E;
		match &error {
			E::CannotGetCurrentBlock { reason }
			| E::CannotGetBlockHash { reason, .. }
			| E::CannotGetBlockHeader { reason, .. }
			| E::CannotGetSpecVersion { reason, .. } => ChainError::from_backend(reason, false),
			E::UnsupportedMetadataVersion { .. }
			| E::CannotDecodeSpecVersion { .. }
			| E::MissingLegacyTypes
			| E::CannotConvertLegacyMetadata { .. }
			| E::CannotConvertModernMetadata { .. }
			| E::CannotInjectMetadataTypes { .. } => ChainError::Incompatible(error.to_string()),
			// A block that vanished (a reorg, pruning) or metadata that could not be fetched.
			_ => ChainError::Transport(error.to_string()),
		}
	}
}

impl From<TransactionEventsError> for ChainError {
	fn from(error: TransactionEventsError) -> Self {
		use TransactionEventsError as E;
		match &error {
			E::CannotFetchBlockBody { error: backend, .. } => {
				ChainError::from_backend(backend, false)
			},
			E::CannotDecodeEventInBlock { .. }
			| E::CannotFetchEventsForTransaction { .. }
			| E::CannotDecodeDispatchError { .. } => ChainError::Incompatible(error.to_string()),
			_ => ChainError::Transport(error.to_string()),
		}
	}
}

impl From<subxt::rpcs::Error> for ChainError {
	fn from(error: subxt::rpcs::Error) -> Self {
		ChainError::from_backend(&BackendError::from(error), false)
	}
}

impl fmt::Display for PoolRefusal {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		use TransactionInvalid as I;
		match self {
			PoolRefusal::Invalid(I::Payment) => write!(
				f,
				"the signer cannot pay the fee (TransactionInvalid::Payment); fund the signer's account"
			),
			PoolRefusal::Invalid(I::Stale) =>
				write!(f, "the nonce is already used (TransactionInvalid::Stale)"),
			PoolRefusal::Invalid(I::Future) =>
				write!(f, "the nonce is ahead of the account's (TransactionInvalid::Future)"),
			PoolRefusal::Invalid(I::BadProof) => write!(
				f,
				"the signature does not verify (TransactionInvalid::BadProof); is --node-url the chain the signer means, and did its runtime just upgrade?"
			),
			PoolRefusal::Invalid(I::ExhaustsResources) =>
				write!(f, "the block is full (TransactionInvalid::ExhaustsResources)"),
			PoolRefusal::Invalid(other) =>
				write!(f, "the runtime finds the transaction invalid (TransactionInvalid::{other:?})"),
			PoolRefusal::Unknown(reason) =>
				write!(f, "the runtime cannot tell whether it is valid (TransactionUnknown::{reason:?})"),
			PoolRefusal::Rejected { code, message } =>
				write!(f, "the pool refused it (JSON-RPC error {code}: {message})"),
			PoolRefusal::Dropped(message) =>
				write!(f, "the pool dropped it while waiting for a block ({message})"),
		}
	}
}

impl fmt::Display for ChainError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			ChainError::Module { pallet, error, paid } =>
				write!(f, "the runtime refused the transaction with {pallet}.{error} (fee paid: {paid})"),
			ChainError::Dispatch { error, paid } =>
				write!(f, "the transaction failed with {error} (fee paid: {paid})"),
			ChainError::Pool(refusal) =>
				write!(f, "the node did not accept the transaction: {refusal}"),
			ChainError::Transport(message) => write!(f, "{message}"),
			ChainError::Node { code, message } =>
				write!(f, "the node answered JSON-RPC error {code}: {message}"),
			ChainError::Incompatible(message) => write!(
				f,
				"{message}; this client was built for another runtime: rebuild it against the node's metadata (clients/common/metadata/tapchain.scale)"
			),
		}
	}
}

impl std::error::Error for ChainError {}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tapchain::runtime_types::sp_runtime::{ModuleError, TokenError};

	fn metadata() -> Metadata {
		Metadata::decode_from(crate::METADATA).expect("metadata/tapchain.scale decodes")
	}

	/// The module error `pallet`.`error` as the runtime encodes it in `DispatchError`.
	fn module_error(metadata: &Metadata, pallet: &str, error: &str) -> RuntimeDispatchError {
		let p = metadata.pallet_by_name(pallet).expect("pallet in the metadata");
		let index = p
			.error_variants()
			.expect("pallet has errors")
			.iter()
			.find(|v| v.name == error)
			.expect("error in the metadata")
			.index;
		RuntimeDispatchError::Module(ModuleError {
			index: p.error_index(),
			error: [index, 0, 0, 0],
		})
	}

	#[test]
	fn module_errors_are_named_from_the_metadata() {
		let md = metadata();
		for name in ["DuplicateHeader", "UnknownParent", "BadProofOfWork", "NotInitialized"] {
			let e = ChainError::from_dispatch(&md, &module_error(&md, "BtcLightClient", name), 7);
			assert_eq!(
				e,
				ChainError::Module { pallet: "BtcLightClient".into(), error: name.into(), paid: 7 }
			);
			assert_eq!(e.module(), Some(("BtcLightClient", name)));
			assert_eq!(e.paid(), Some(7));
			assert!(!e.is_transient(), "{name} was paid for; retrying pays again");
		}
	}

	#[test]
	fn an_unknown_module_error_keeps_its_indices() {
		let md = metadata();
		let e = ChainError::from_dispatch(
			&md,
			&RuntimeDispatchError::Module(ModuleError { index: 250, error: [3, 0, 0, 0] }),
			0,
		);
		assert_eq!(e.module(), Some(("pallet #250", "error #3")));
	}

	#[test]
	fn other_dispatch_errors_are_not_module_errors() {
		let md = metadata();
		let e = ChainError::from_dispatch(&md, &RuntimeDispatchError::BadOrigin, 5);
		assert_eq!(e, ChainError::Dispatch { error: "BadOrigin".into(), paid: 5 });
		let e = ChainError::from_dispatch(
			&md,
			&RuntimeDispatchError::Token(TokenError::FundsUnavailable),
			5,
		);
		assert!(e.module().is_none() && !e.is_transient());
	}

	#[test]
	fn pool_refusals_that_pass_are_transient() {
		for (reason, transient) in [
			(TransactionInvalid::Stale, true),
			(TransactionInvalid::Future, true),
			(TransactionInvalid::AncientBirthBlock, true),
			(TransactionInvalid::ExhaustsResources, true),
			(TransactionInvalid::Payment, false),
			(TransactionInvalid::BadProof, false),
			(TransactionInvalid::Call, false),
			(TransactionInvalid::BadSigner, false),
			(TransactionInvalid::Custom(3), false),
		] {
			let e = ChainError::Pool(PoolRefusal::Invalid(reason.clone()));
			assert_eq!(e.is_transient(), transient, "{reason:?}");
			assert!(e.paid().is_none());
		}
		assert!(
			ChainError::Pool(PoolRefusal::Unknown(TransactionUnknown::CannotLookup)).is_transient()
		);
		assert!(ChainError::Pool(PoolRefusal::Dropped("usurped".into())).is_transient());
		assert!(ChainError::Pool(PoolRefusal::Invalid(TransactionInvalid::Payment))
			.to_string()
			.contains("fund the signer's account"));
	}

	fn user_error(code: i32) -> BackendError {
		subxt::rpcs::Error::User(subxt::rpcs::UserError {
			code,
			message: "Invalid Transaction".into(),
			data: None,
		})
		.into()
	}

	#[test]
	fn submission_errors_are_pool_refusals_by_code() {
		for (code, transient) in
			[(1010, true), (1012, true), (1013, true), (1014, true), (1016, true), (1002, false)]
		{
			let e = ChainError::from(ExtrinsicError::ErrorSubmittingTransaction(user_error(code)));
			assert!(
				matches!(&e, ChainError::Pool(PoolRefusal::Rejected { code: c, .. }) if *c == code),
				"{e:?}"
			);
			assert_eq!(e.is_transient(), transient, "code {code}");
		}
		// The same code from any other call is the node's answer, not a pool refusal.
		let e = ChainError::from(RuntimeApiError::CannotCallApi(user_error(1010)));
		assert!(matches!(e, ChainError::Node { code: 1010, .. }));
		assert!(!e.is_transient());
	}

	#[test]
	fn transport_failures_are_transient() {
		let dropped = BackendError::from(subxt::rpcs::Error::Client("connection closed".into()));
		let e = ChainError::from(ExtrinsicError::ErrorSubmittingTransaction(dropped));
		assert!(matches!(e, ChainError::Transport(_)) && e.is_transient(), "{e:?}");
		let e = ChainError::from(ExtrinsicError::TransactionStatusStreamError(BackendError::from(
			subxt::rpcs::Error::DisconnectedWillReconnect("reset".into()),
		)));
		assert!(e.is_transient());
		let e = ChainError::from(ExtrinsicError::UnexpectedEndOfTransactionStatusStream);
		assert!(e.is_transient());
	}

	#[test]
	fn a_metadata_mismatch_is_not_retried() {
		let e = ChainError::from(ExtrinsicError::IncompatibleCodegen);
		assert!(matches!(e, ChainError::Incompatible(_)) && !e.is_transient());
		let e = ChainError::from(RuntimeApiError::IncompatibleCodegen);
		assert!(!e.is_transient());
		assert!(e.to_string().contains("rebuild it against the node's metadata"));
	}
}
