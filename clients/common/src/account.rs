//! The `--signer` flag every daemon takes: the sr25519 account that signs its extrinsics.

use anyhow::{anyhow, Context, Result};
use std::str::FromStr;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The account keypair of a `--signer` value: a secret URI or phrase (`//Alice`, a mnemonic,
/// `0x…` seed), or `@FILE` to read one from a file, so that it stays out of the process list.
pub fn account_keypair(spec: &str) -> Result<Keypair> {
	let text = match spec.strip_prefix('@') {
		Some(path) => std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the --signer file {path}"))?
			.trim()
			.to_string(),
		None => spec.to_string(),
	};
	let uri = SecretUri::from_str(&text)
		.map_err(|e| anyhow!("--signer is not a secret URI or phrase: {e}"))?;
	Keypair::from_uri(&uri).map_err(|e| anyhow!("--signer: {e}"))
}
