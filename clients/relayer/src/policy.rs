//! What the relayer does when a `submit_headers` fails, decided from the typed
//! [`ChainError`] (the pallet and error names of the runtime's `DispatchError`), never from
//! message text.
//!
//! | failure | meaning | the relayer |
//! |---|---|---|
//! | `BtcLightClient.DuplicateHeader` | another relayer got every header of the batch on chain first | not an error: waits while that relayer keeps moving the light client, then re-reads the best block and goes on from the new common ancestor |
//! | `UnknownParent`, `ForkTooDeep`, `ReorgTooDeep`, `UnknownAncestor` | the light client's chain moved under the relayer (a reorg) | re-reads and goes on from the new common ancestor; gives up after `--retries` times in a row without progress |
//! | any other pallet error (`BadProofOfWork`, `TimestampTooNew`, ...) | bitcoind's headers break the network's rules, or the chain is not set up | stops at once: sending the batch again would pay again for the same refusal |
//! | connection lost, pool refusals that pass (stale nonce, full block) | nothing was paid | retries after a pause, on a new connection, up to `--retries` times |
//! | pool refusals that do not pass (the signer cannot pay, bad signature) | nothing was paid | stops, saying what to fix |

//!
//! The bridge's submissions (deposit proofs, batch proofs, fee bumps) are re-decided at every
//! poll from what the chain says, so [`bridge_verdict`] only says whether to try again:
//!
//! | failure | the relayer |
//! |---|---|
//! | `InsufficientConfirmations`, `UnknownBlock`, `NotOnBestChain`, `NotInitialized`, `TooManyUtxos`, `TooManyUnclaimed`, `NotStuck`, `BumpPending`, `ReserveExhausted`; any pool or connection failure (a `Stale` proof another relayer landed first is dropped at the next poll's re-read) | tries again at the next poll |
//! | `AlreadyCredited`, `OwnTransaction`, `BatchComplete`, `NoProgress`, `TooManyBumps` | done: another relayer did it |
//! | any other bridge error | logs why and never sends that item again (it paid once) |

use tapchain_client_common::ChainError;

/// The light client's pallet name in the runtime.
pub const LIGHT_CLIENT: &str = "BtcLightClient";

/// The BTC bridge's pallet name in the runtime.
pub const BRIDGE: &str = "BtcBridge";

/// What to do after a refused bridge submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeVerdict {
	/// It may pass later (more confirmations, the light client catching up, a free slot):
	/// try again at the next poll.
	Later(String),
	/// What it would do is done (by another relayer): drop it.
	Done(String),
	/// It cannot pass: drop it, saying why.
	Refused(String),
}

/// The verdict on a refused deposit proof, batch proof or fee bump.
pub fn bridge_verdict(e: &ChainError) -> BridgeVerdict {
	let Some((pallet, error)) = e.module() else { return BridgeVerdict::Later(e.to_string()) };
	let why = format!("{pallet}.{error}: {}", meaning(pallet, error));
	match (pallet, error) {
		(
			BRIDGE,
			"InsufficientConfirmations"
			| "UnknownBlock"
			| "NotOnBestChain"
			| "AboveBestTip"
			| "NotInitialized"
			| "TooManyUtxos"
			| "TooManyUnclaimed"
			| "NotStuck"
			| "BumpPending"
			| "ReserveExhausted",
		) => BridgeVerdict::Later(why),
		(
			BRIDGE,
			"AlreadyCredited" | "OwnTransaction" | "BatchComplete" | "NoProgress" | "TooManyBumps",
		) => BridgeVerdict::Done(why),
		_ => BridgeVerdict::Refused(why),
	}
}

/// What to do after a failed submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
	/// Another relayer got these headers on chain first. Not an error: yield while it keeps
	/// moving the light client, then re-read the best block and continue from the new common
	/// ancestor.
	Raced,
	/// The light client's chain moved under the relayer: re-read and recompute the common
	/// ancestor, up to `--retries` times in a row without progress.
	ChainMoved,
	/// Nothing was paid and trying again can succeed: pause, reconnect if needed, retry.
	Retry,
	/// Retrying cannot help (and a runtime refusal would be paid again): stop, with this
	/// explanation for the operator.
	Stop(String),
}

/// The verdict on a failed `submit_headers`.
pub fn verdict(e: &ChainError) -> Verdict {
	match e.module() {
		Some((LIGHT_CLIENT, "DuplicateHeader")) => Verdict::Raced,
		Some((
			LIGHT_CLIENT,
			"UnknownParent" | "ForkTooDeep" | "ReorgTooDeep" | "UnknownAncestor",
		)) => Verdict::ChainMoved,
		Some((pallet, error)) => {
			Verdict::Stop(format!("{pallet}.{error}: {}", meaning(pallet, error)))
		},
		None if e.is_transient() => Verdict::Retry,
		None => Verdict::Stop(e.to_string()),
	}
}

/// What a pallet error means for the operator, and what to do about it.
pub fn meaning(pallet: &str, error: &str) -> String {
	let text = match (pallet, error) {
		(LIGHT_CLIENT, "DuplicateHeader") =>
			"the batch held no header the light client lacked: another relayer was faster",
		(LIGHT_CLIENT, "UnknownParent") =>
			"the first header's parent is not stored (pruned, or never seen): the light client moved since it was read",
		(LIGHT_CLIENT, "ForkTooDeep") =>
			"the headers fork off more than MaxReorgDepth below the light client's tip: bitcoind follows a chain that left the light client's long ago",
		(LIGHT_CLIENT, "ReorgTooDeep") =>
			"switching to bitcoind's chain would replace more than MaxReorgDepth blocks of the light client's best chain",
		(LIGHT_CLIENT, "UnknownAncestor") =>
			"an ancestor of the fork was evicted or pruned, so the fork cannot become best",
		(LIGHT_CLIENT, "BadProofOfWork") =>
			"a header's hash is above its own target: bitcoind served a header that is not valid Bitcoin; check that --bitcoind-url is a genuine Bitcoin Core on the light client's network",
		(LIGHT_CLIENT, "BadDifficultyBits") =>
			"a header's bits differ from the target the light client computes for its height: bitcoind follows a chain with other rules than the light client's network",
		(LIGHT_CLIENT, "TimestampTooOld") =>
			"a header's time is not above the median of the previous 11 blocks: bitcoind's chain is not valid on this network",
		(LIGHT_CLIENT, "TimestampTooNew") =>
			"a header is more than 2 hours ahead of the Tapchain node's clock: check the clocks of the node and of bitcoind's host, then restart",
		(LIGHT_CLIENT, "TimeWarp") =>
			"a testnet4 retarget period starts more than 10 minutes before its parent (BIP94): bitcoind's chain breaks testnet4's rules",
		(LIGHT_CLIENT, "BadVersion") =>
			"a header's version is below what BIP34/66/65 require at its height: bitcoind's chain is not this network",
		(LIGHT_CLIENT, "TooManyForks") =>
			"the heights already hold their maximum of forks and this branch does not become best: bitcoind serves a losing fork",
		(LIGHT_CLIENT, "NotInitialized") =>
			"the light client has no checkpoint yet: run with --init-height H (the signer must be root: the sudo key on a dev chain)",
		(LIGHT_CLIENT, "AlreadyInitialized") =>
			"the light client already has a checkpoint: run without --init-height",
		(LIGHT_CLIENT, "CheckpointNotAtRetarget") =>
			"the checkpoint must start a retarget period (a multiple of 2016) on this network",
		(LIGHT_CLIENT, "EmptyBatch") => "the batch was empty: a relayer bug, please report it",
		(LIGHT_CLIENT, "BestHeaderMissing") =>
			"the light client's best block has no stored header: its state is inconsistent; report it to the chain's operators (relaying cannot fix it)",
		(LIGHT_CLIENT, "HeightOverflow" | "WorkOverflow") =>
			"the light client's height or cumulative work would overflow: the headers cannot be Bitcoin's",
		(BRIDGE, "InsecureNetwork") =>
			"the light client follows a test network and the chain spec does not take deposits there",
		(BRIDGE, "NotInitialized") => "the light client follows no Bitcoin network yet",
		(BRIDGE, "MalformedProof" | "InvalidMerkleTree" | "MerkleRootMismatch" | "TxNotInProof") =>
			"bitcoind's gettxoutproof does not prove this transaction in that block: check that bitcoind is a genuine Bitcoin Core",
		(BRIDGE, "MalformedTransaction") => "the transaction does not decode",
		(BRIDGE, "TransactionIs64Bytes") =>
			"a 64-byte transaction cannot be told from a Merkle node, so it is never proven",
		(BRIDGE, "UnknownBlock") => "the light client has not got the block yet",
		(BRIDGE, "NotOnBestChain") => "the block is not on the light client's best chain (a reorganization)",
		(BRIDGE, "InsufficientConfirmations") =>
			"the block has fewer confirmations on the light client than the bridge requires",
		(BRIDGE, "AboveBestTip") => "the light client's state is inconsistent; report it to the chain's operators",
		(BRIDGE, "AlreadyCredited") => "another relayer credited this deposit first",
		(BRIDGE, "OwnTransaction") => "the transaction is one of the bridge's own batches",
		(BRIDGE, "SpendsVault") =>
			"the transaction spends vault coins: a batch or a theft, not a deposit",
		(BRIDGE, "NoVaultOutput") => "no output pays a vault the bridge takes deposits to now",
		(BRIDGE, "Coinbase") => "a coinbase transaction is never a deposit",
		(BRIDGE, "TooManyUtxos") => "the bridge tracks as many vault coins as it may, until a sweep consolidates them",
		(BRIDGE, "TooManyUnclaimed") => "a quarter of the bridge's coins are unclaimed deposits already",
		(BRIDGE, "UnknownBatch") => "no such batch",
		(BRIDGE, "BatchComplete") => "the batch is completed already",
		(BRIDGE, "NotBatchTransaction") => "the transaction is no version of this batch",
		(BRIDGE, "NoProgress") => "the chain already knows this proof's block",
		(BRIDGE, "NotStuck") => "the batch is not stuck yet (unsigned, in a block, or not old enough)",
		(BRIDGE, "BumpPending") => "a bump of this batch is still being signed",
		(BRIDGE, "TooManyBumps") => "the batch has as many fee versions as it may",
		(BRIDGE, "ReserveExhausted") => "the fee reserve cannot pay a bump now",
		(BRIDGE, "ChangeTooSmall") => "a bump would leave the change below the dust limit",
		(BRIDGE, _) => "a refusal no relayer submission should meet; see the pallet's documentation",
		("Sudo", "RequireSudo") =>
			"initializing the light client needs root: on a dev chain the signer must be the sudo key (//Alice)",
		_ => return format!(
			"the relayer has no rule for {pallet}.{error}; it stops rather than pay for the same refusal again"
		),
	};
	text.to_string()
}

#[cfg(test)]
mod tests {
	use super::*;
	use tapchain_client_common::{pallet_error_names, PoolRefusal, TransactionInvalid};

	fn module(error: &str) -> ChainError {
		ChainError::Module { pallet: LIGHT_CLIENT.into(), error: error.into(), paid: 1 }
	}

	#[test]
	fn a_duplicate_batch_is_a_race_not_an_error() {
		assert_eq!(verdict(&module("DuplicateHeader")), Verdict::Raced);
	}

	#[test]
	fn a_moved_chain_is_reread() {
		for e in ["UnknownParent", "ForkTooDeep", "ReorgTooDeep", "UnknownAncestor"] {
			assert_eq!(verdict(&module(e)), Verdict::ChainMoved, "{e}");
		}
	}

	#[test]
	fn invalid_headers_stop_the_relayer() {
		for e in [
			"BadProofOfWork",
			"BadDifficultyBits",
			"TimestampTooOld",
			"TimestampTooNew",
			"TimeWarp",
			"BadVersion",
			"TooManyForks",
			"NotInitialized",
		] {
			match verdict(&module(e)) {
				Verdict::Stop(why) => {
					assert!(why.starts_with(&format!("BtcLightClient.{e}: ")), "{why}")
				},
				other => panic!("{e}: {other:?}"),
			}
		}
	}

	/// Every error the runtime's light client can return (from the metadata the relayer was
	/// built with) has its own explanation.
	#[test]
	fn every_light_client_error_is_explained() {
		let names = pallet_error_names(LIGHT_CLIENT);
		assert!(names.iter().any(|n| n == "DuplicateHeader"), "{names:?}");
		for name in names {
			assert!(
				!meaning(LIGHT_CLIENT, &name).contains("has no rule"),
				"{name} has no explanation"
			);
		}
	}

	fn bridge(error: &str) -> ChainError {
		ChainError::Module { pallet: BRIDGE.into(), error: error.into(), paid: 7 }
	}

	#[test]
	fn bridge_refusals_that_can_pass_are_tried_again() {
		for e in ["InsufficientConfirmations", "UnknownBlock", "NotOnBestChain", "NotStuck"] {
			assert!(matches!(bridge_verdict(&bridge(e)), BridgeVerdict::Later(_)), "{e}");
		}
		let stale = PoolRefusal::Invalid(TransactionInvalid::Stale);
		assert!(matches!(bridge_verdict(&ChainError::Pool(stale)), BridgeVerdict::Later(_)));
		let gone = ChainError::Transport("connection closed".into());
		assert!(matches!(bridge_verdict(&gone), BridgeVerdict::Later(_)));
	}

	#[test]
	fn what_another_relayer_did_is_done() {
		for e in ["AlreadyCredited", "BatchComplete", "NoProgress", "OwnTransaction"] {
			assert!(matches!(bridge_verdict(&bridge(e)), BridgeVerdict::Done(_)), "{e}");
		}
	}

	#[test]
	fn a_bad_proof_is_never_sent_again() {
		for e in ["MerkleRootMismatch", "NoVaultOutput", "Coinbase", "NotBatchTransaction"] {
			match bridge_verdict(&bridge(e)) {
				BridgeVerdict::Refused(why) => {
					assert!(why.starts_with(&format!("BtcBridge.{e}: ")), "{why}")
				},
				other => panic!("{e}: {other:?}"),
			}
		}
	}

	/// Every error of the runtime's bridge has an explanation, and none falls to the
	/// "no rule" text.
	#[test]
	fn every_bridge_error_is_explained() {
		let names = pallet_error_names(BRIDGE);
		assert!(names.iter().any(|n| n == "AlreadyCredited"), "{names:?}");
		for name in names {
			assert!(!meaning(BRIDGE, &name).contains("has no rule"), "{name}");
		}
	}

	#[test]
	fn connection_and_passing_pool_refusals_are_retried() {
		assert_eq!(verdict(&ChainError::Transport("connection closed".into())), Verdict::Retry);
		let stale = PoolRefusal::Invalid(TransactionInvalid::Stale);
		assert_eq!(verdict(&ChainError::Pool(stale)), Verdict::Retry);
	}

	#[test]
	fn an_unpayable_fee_stops_with_what_to_do() {
		let e = ChainError::Pool(PoolRefusal::Invalid(TransactionInvalid::Payment));
		match verdict(&e) {
			Verdict::Stop(why) => assert!(why.contains("fund the signer's account"), "{why}"),
			other => panic!("{other:?}"),
		}
	}

	#[test]
	fn an_unknown_pallet_error_stops() {
		let e = ChainError::Module { pallet: "Balances".into(), error: "Weird".into(), paid: 0 };
		assert!(
			matches!(verdict(&e), Verdict::Stop(why) if why.contains("no rule for Balances.Weird"))
		);
	}
}
