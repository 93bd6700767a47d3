//! The relayer's command line: help text and the errors that need no chain.

use std::process::{Command, Output};

fn relayer(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_tapchain-relayer"))
		.args(args)
		.output()
		.expect("runs")
}

fn text(o: &Output) -> String {
	format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn help_explains_every_flag() {
	let o = relayer(&["--help"]);
	assert!(o.status.success());
	let t = text(&o);
	for flag in [
		"--bitcoind-url",
		"--bitcoind-user",
		"--bitcoind-password",
		"--bitcoind-cookie",
		"--node-url",
		"--signer",
		"run",
		"status",
		"submit-proof",
	] {
		assert!(t.contains(flag), "--help lacks {flag}");
	}
	let o = relayer(&["run", "--help"]);
	let t = text(&o);
	for flag in [
		"--batch-size",
		"--init-height",
		"--poll-interval",
		"--once",
		"--retries",
		"--no-bridge",
		"--bridge-lookback",
	] {
		assert!(t.contains(flag), "run --help lacks {flag}");
	}
	let t = text(&relayer(&["status", "--help"]));
	assert!(t.contains("--account"), "status --help lacks --account");
}

#[test]
fn a_bad_account_is_refused_before_connecting() {
	let o = relayer(&["--node-url", "ws://127.0.0.1:1", "status", "--account", "not-an-address"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("--account not-an-address is not an SS58 address"), "{}", text(&o));
}

#[test]
fn a_non_http_bitcoind_url_is_refused() {
	let o = relayer(&["--bitcoind-url", "https://example:8332", "status"]);
	assert!(!o.status.success());
	assert!(text(&o).contains("--bitcoind-url must start with http://"), "{}", text(&o));
}

#[test]
fn half_given_credentials_are_refused() {
	let o = relayer(&["--bitcoind-user", "u", "status"]);
	assert!(!o.status.success());
	assert!(text(&o).contains("give both --bitcoind-user and --bitcoind-password"));
}

#[test]
fn an_unreachable_node_is_a_clear_error() {
	let o = relayer(&["--node-url", "ws://127.0.0.1:1", "status"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(
		text(&o).contains("cannot connect to the Tapchain node at ws://127.0.0.1:1"),
		"{}",
		text(&o)
	);
}

#[test]
fn a_missing_cookie_file_is_a_clear_error() {
	let o = relayer(&["--bitcoind-cookie", "/nonexistent/.cookie", "status"]);
	assert!(!o.status.success());
	assert!(text(&o).contains("cannot read bitcoind cookie file /nonexistent/.cookie"));
}
