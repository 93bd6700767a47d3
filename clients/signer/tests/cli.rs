//! The signer's command line: help text, key files, and the errors that need no chain.

use std::{
	os::unix::fs::PermissionsExt,
	process::{Command, Output},
};

fn signer(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_tapchain-signer"))
		.args(args)
		.output()
		.expect("runs")
}

fn text(o: &Output) -> String {
	format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
	let dir =
		std::env::temp_dir().join(format!("tapchain-signer-cli-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).unwrap();
	dir
}

#[test]
fn help_names_every_subcommand_and_flag() {
	let t = text(&signer(&["--help"]));
	for word in ["keygen", "register", "run"] {
		assert!(t.contains(word), "--help lacks {word}:\n{t}");
	}
	let t = text(&signer(&["keygen", "--help"]));
	for flag in ["--out", "--dev"] {
		assert!(t.contains(flag), "keygen --help lacks {flag}:\n{t}");
	}
	let t = text(&signer(&["register", "--help"]));
	for flag in ["--key", "--signer", "--url"] {
		assert!(t.contains(flag), "register --help lacks {flag}:\n{t}");
	}
	let t = text(&signer(&["run", "--help"]));
	for flag in [
		"--key",
		"--signer",
		"--max-fee-sat",
		"--daily-share-bp",
		"--vault-value-sat",
		"--state",
		"--once",
	] {
		assert!(t.contains(flag), "run --help lacks {flag}:\n{t}");
	}
}

#[test]
fn keygen_writes_an_owner_only_key_and_never_overwrites() {
	let dir = temp_dir("keygen");
	let path = dir.join("signer.key");
	let p = path.to_str().unwrap();
	let o = signer(&["keygen", "--out", p]);
	assert!(o.status.success(), "{}", text(&o));
	let printed = String::from_utf8_lossy(&o.stdout);
	assert!(
		printed
			.split_whitespace()
			.any(|w| w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit())),
		"prints the x-only key: {printed}"
	);
	let secret = std::fs::read_to_string(&path).unwrap();
	assert!(!printed.contains(secret.trim()), "the secret is never printed");
	assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
	let again = signer(&["keygen", "--out", p]);
	assert!(!again.status.success());
	assert_eq!(std::fs::read_to_string(&path).unwrap(), secret, "the first key is kept");
	let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_dev_key_of_alice_is_the_documented_one() {
	let dir = temp_dir("dev");
	let path = dir.join("alice.key");
	let o = signer(&["keygen", "--dev", "//Alice", "--out", path.to_str().unwrap()]);
	assert!(o.status.success(), "{}", text(&o));
	// SHA-256("tapchain-dev-btc-key//Alice"), as the README documents.
	let secret = std::fs::read_to_string(&path).unwrap();
	assert_eq!(secret.trim(), "468026f8873d796a648fd5abe3aafc7c647e9679922d8a9cb30a1e6585de5aff");
	assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
	let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_world_readable_key_is_refused_before_connecting() {
	let dir = temp_dir("mode");
	let path = dir.join("k.key");
	assert!(signer(&["keygen", "--out", path.to_str().unwrap()]).status.success());
	std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
	let o = signer(&[
		"register",
		"--key",
		path.to_str().unwrap(),
		"--signer",
		"//Alice",
		"--url",
		"ws://127.0.0.1:1",
	]);
	assert!(!o.status.success());
	assert!(
		text(&o).contains("0644") || text(&o).to_lowercase().contains("permission"),
		"{}",
		text(&o)
	);
	let _ = std::fs::remove_dir_all(&dir);
}
