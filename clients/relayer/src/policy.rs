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

use tapchain_client_common::ChainError;

/// The light client's pallet name in the runtime.
pub const LIGHT_CLIENT: &str = "BtcLightClient";

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
