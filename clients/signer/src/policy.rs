//! What the signer makes of a refused call, from the typed [`ChainError`] (the pallet and error
//! names of the runtime's `DispatchError`), never from message text.
//!
//! | call | failure | the signer |
//! |---|---|---|
//! | `register_key` | any `ThresholdSigner` error | stops, saying what to fix ([`meaning`]) |
//! | `submit_signatures` | `RoundComplete`, `InputsComplete`, `DuplicateSignature`, `UnknownRound` | another signer (or an earlier run) was faster, or the round was forgotten: not an error, the round is done for this signer |
//! | `submit_signatures` | any other pallet error | logged as an error; the round is not tried again (the same signatures would be refused and paid for again) |
//! | either | connection lost, pool refusals that pass | retried (the daemon at the next finalized block) |

use tapchain_client_common::ChainError;

/// The threshold signer's pallet name in the runtime.
pub const PALLET: &str = "ThresholdSigner";

/// What to do after a failed `submit_signatures`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
	/// The round no longer needs these signatures: others completed it, they are already on
	/// chain, or the round was forgotten.
	Raced(String),
	/// Nothing was paid and trying again can succeed.
	Retry,
	/// Sending the same signatures again would be refused again: give the round up.
	GiveUp(String),
}

/// The verdict on a failed `submit_signatures`.
pub fn verdict(e: &ChainError) -> Verdict {
	match e.module() {
		Some((
			PALLET,
			error @ ("RoundComplete" | "InputsComplete" | "DuplicateSignature" | "UnknownRound"),
		)) => Verdict::Raced(format!("{PALLET}.{error}: {}", meaning(PALLET, error))),
		Some((pallet, error)) => {
			Verdict::GiveUp(format!("{pallet}.{error}: {}", meaning(pallet, error)))
		},
		None if e.is_transient() => Verdict::Retry,
		None => Verdict::GiveUp(e.to_string()),
	}
}

/// What a pallet error means for the operator, and what to do about it.
pub fn meaning(pallet: &str, error: &str) -> String {
	let text = match (pallet, error) {
		(PALLET, "NotValidator") =>
			"the --signer account has no session keys, so it may not register a signer key: register session keys first (session.setKeys, or `validatorSet` onboarding), then run `tapchain-signer register` again",
		(PALLET, "InvalidKey") =>
			"the key is not the x coordinate of a secp256k1 point: the key file does not hold a key this signer made",
		(PALLET, "BadProof") =>
			"the proof of possession does not verify for this chain, account and key: is --url the chain you mean, and is the key file the one whose key you register?",
		(PALLET, "KeyInUse") =>
			"this key is registered by another account: a key belongs to one account; generate a new one with `tapchain-signer keygen`",
		(PALLET, "KeyUnchanged") =>
			"this account already has this key registered: nothing to do (it is in the vault from the first signer-set change after it was registered)",
		(PALLET, "UnknownRound") => "the round was forgotten by its caller",
		(PALLET, "RoundComplete") => "the round already has all its signatures",
		(PALLET, "InputsComplete") =>
			"every input signed already has its threshold of signatures (other signers were faster)",
		(PALLET, "DuplicateSignature") =>
			"this signer's signature is already on chain for an input (an earlier submission landed)",
		(PALLET, "NoSignatures") => "no signatures were sent: a signer bug, please report it",
		(PALLET, "UnknownInput") =>
			"an input index beyond the transaction's inputs: a signer bug, please report it",
		(PALLET, "NotSigner") =>
			"the --signer account is not the vault member whose key this is: run the daemon with the account that registered the key",
		(PALLET, "BadSignature") =>
			"a signature does not verify against the runtime's sighash: the signer computed the same sighash, so the key file is not the registered key, or the runtime changed",
		(PALLET, "UnknownVault") => "the round names a vault the runtime no longer keeps",
		(PALLET, "SignedTooLarge") =>
			"the signed transaction would exceed the runtime's size limit: the round cannot complete",
		(PALLET, "DuplicateKey" | "BadThreshold" | "BadDelay" | "VaultInUse") =>
			"a governance call's error; the signer never makes that call",
		(
			PALLET,
			"MalformedTransaction" | "NotUnsigned" | "InputMismatch" | "TooManyInputs"
			| "TransactionTooLarge" | "TooManyPayments" | "NotVaultOutput" | "PurposeMismatch"
			| "Overspend" | "TooManyRounds",
		) => "an error of opening a round; the signer never opens one",
		_ => return format!(
			"the signer has no rule for {pallet}.{error}; it does not send the same call again"
		),
	};
	text.to_string()
}

#[cfg(test)]
mod tests {
	use super::*;
	use tapchain_client_common::{pallet_error_names, PoolRefusal, TransactionInvalid};

	fn module(error: &str) -> ChainError {
		ChainError::Module { pallet: PALLET.into(), error: error.into(), paid: 1 }
	}

	#[test]
	fn every_pallet_error_has_a_meaning() {
		let names = pallet_error_names(PALLET);
		assert!(names.len() >= 20, "ThresholdSigner's errors are in the metadata: {names:?}");
		for name in names {
			assert!(!meaning(PALLET, &name).contains("has no rule"), "{name} has no meaning");
		}
	}

	#[test]
	fn a_lost_race_is_not_an_error() {
		for e in ["RoundComplete", "InputsComplete", "DuplicateSignature", "UnknownRound"] {
			assert!(matches!(verdict(&module(e)), Verdict::Raced(_)), "{e}");
		}
	}

	#[test]
	fn a_refused_signature_is_not_sent_again() {
		for e in ["BadSignature", "NotSigner", "UnknownVault", "Whatever"] {
			assert!(matches!(verdict(&module(e)), Verdict::GiveUp(_)), "{e}");
		}
		assert!(matches!(
			verdict(&ChainError::Pool(PoolRefusal::Invalid(TransactionInvalid::Payment))),
			Verdict::GiveUp(_)
		));
	}

	#[test]
	fn a_lost_connection_is_retried() {
		assert_eq!(verdict(&ChainError::Transport("reset".into())), Verdict::Retry);
		assert_eq!(
			verdict(&ChainError::Pool(PoolRefusal::Invalid(TransactionInvalid::Stale))),
			Verdict::Retry
		);
	}

	#[test]
	fn register_errors_say_what_to_do() {
		assert!(meaning(PALLET, "NotValidator").contains("register session keys first"));
		assert!(meaning(PALLET, "KeyInUse").contains("another account"));
		assert!(meaning(PALLET, "BadProof").contains("proof of possession"));
	}
}
