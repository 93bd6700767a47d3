//! The binary's command line: built by `cargo test`, so e2e and `scripts/dev.sh` find it.

use std::process::Command;

fn bin() -> Command {
	Command::new(env!("CARGO_BIN_EXE_tapchain-eth-rpc"))
}

#[test]
fn help_lists_the_flags_operators_need() {
	let out = bin().arg("--help").output().expect("runs");
	assert!(out.status.success());
	let help = String::from_utf8_lossy(&out.stdout);
	for flag in ["--node-rpc-url", "--eth-pruning", "--rpc-port", "--rpc-cors"] {
		assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
	}
}

#[test]
fn bad_pruning_mode_is_refused_with_a_reason() {
	let out = bin().args(["--eth-pruning", "0"]).output().expect("runs");
	assert!(!out.status.success());
	let err = String::from_utf8_lossy(&out.stderr);
	assert!(err.contains("expected 'archive' or a positive integer"), "{err}");
}

#[test]
fn unreachable_node_is_an_error_that_names_the_url() {
	// Port 1 on loopback: nothing listens there.
	let out = bin()
		.env("TAPCHAIN_NODE_WAIT_SECS", "1")
		.args(["--node-rpc-url", "ws://127.0.0.1:1", "--eth-pruning", "4", "--rpc-port", "0"])
		.output()
		.expect("runs");
	assert!(!out.status.success(), "connected to nothing?");
	let err = String::from_utf8_lossy(&out.stderr);
	assert!(err.contains("the node at ws://127.0.0.1:1 is not reachable"), "{err}");
}

#[test]
fn malformed_node_url_is_refused() {
	let out = bin().args(["--node-rpc-url", "127.0.0.1:9944"]).output().expect("runs");
	assert!(!out.status.success());
	let err = String::from_utf8_lossy(&out.stderr);
	assert!(err.contains("must start with ws://"), "{err}");
}

#[test]
fn bad_wait_setting_is_refused() {
	let out = bin().env("TAPCHAIN_NODE_WAIT_SECS", "soon").output().expect("runs");
	assert!(!out.status.success());
	assert!(String::from_utf8_lossy(&out.stderr).contains("TAPCHAIN_NODE_WAIT_SECS"));
}
