//! `tapchain-node session-keys`: the `session.setKeys` arguments for keys made from a secret URI.
//!
//! `author_rotateKeysWithOwner` is the usual way to get session keys and their proof of
//! possession. An operator who put keys in the keystore with `key insert --suri <phrase>` (Aura
//! as sr25519, GRANDPA as ed25519, the same phrase) needs the same two values for that phrase:
//! this prints them, offline. The proof is what the runtime checks: the SCALE pair of an sr25519
//! and an ed25519 signature, each over `"POP_" ++ owner account id`.

use codec::Encode;
use sp_core::{
	bytes::{from_hex, to_hex},
	crypto::Ss58Codec,
	ed25519, sr25519, Pair,
};
use sp_runtime::AccountId32;
use tapchain_runtime::SessionKeys;

/// Print the session keys of a secret URI and their proof of possession for an account.
#[derive(Debug, clap::Parser)]
pub struct SessionKeysCmd {
	/// The secret URI the keys were inserted with (`key insert --suri`): a phrase, a hex seed or
	/// a dev URI such as `//Eve`. Read it from a file you control, not shell history.
	#[arg(long)]
	pub suri: String,

	/// The account that will send `session.setKeys`: SS58 address or 0x-prefixed 32-byte hex.
	#[arg(long)]
	pub owner: String,
}

impl SessionKeysCmd {
	/// Prints `{"keys": "0x…", "proof": "0x…"}`, like `author_rotateKeysWithOwner`.
	pub fn run(&self) -> Result<(), String> {
		let owner = parse_account(&self.owner)?;
		let aura = sr25519::Pair::from_string(&self.suri, None)
			.map_err(|e| format!("--suri is not a valid secret URI: {e:?}"))?;
		let grandpa = ed25519::Pair::from_string(&self.suri, None)
			.map_err(|e| format!("--suri is not a valid secret URI: {e:?}"))?;
		let statement = [&b"POP_"[..], &owner.encode()[..]].concat();
		let proof = (aura.sign(&statement), grandpa.sign(&statement)).encode();
		let keys = SessionKeys { aura: aura.public().into(), grandpa: grandpa.public().into() };
		let out = serde_json::json!({
			"owner": owner.to_ss58check(),
			"aura": aura.public().to_ss58check(),
			"grandpa": grandpa.public().to_ss58check(),
			"keys": to_hex(&keys.encode(), false),
			"proof": to_hex(&proof, false),
		});
		println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
		Ok(())
	}
}

/// An SS58 address or 0x + 64 hex digits.
fn parse_account(s: &str) -> Result<AccountId32, String> {
	if s.starts_with("0x") {
		let bytes = from_hex(s).map_err(|e| format!("--owner {s}: not hex ({e})"))?;
		let raw: [u8; 32] = bytes
			.try_into()
			.map_err(|_| format!("--owner {s}: an account id is 32 bytes (64 hex digits)"))?;
		return Ok(AccountId32::new(raw));
	}
	AccountId32::from_ss58check(s)
		.map_err(|e| format!("--owner {s}: not an SS58 address or 0x-hex account id ({e:?})"))
}
