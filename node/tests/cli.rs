//! The command line as an operator meets it: help, chain specs, and clear errors.

use std::process::{Command, Output};

fn node() -> Command {
	Command::new(env!("CARGO_BIN_EXE_tapchain-node"))
}

fn run(args: &[&str]) -> Output {
	node().args(args).output().expect("tapchain-node runs")
}

fn text(o: &Output) -> String {
	format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn help_lists_flags_and_subcommands() {
	let o = run(&["--help"]);
	assert!(o.status.success());
	let t = text(&o);
	for needle in [
		"--dev",
		"--chain",
		"--validator",
		"--prometheus-port",
		"export-chain-spec",
		"build-spec",
		"check-block",
		"export-blocks",
		"import-blocks",
		"purge-chain",
		"revert",
		"key",
	] {
		assert!(t.contains(needle), "--help lacks {needle}");
	}
	assert!(t.contains("BTC"), "--help describes the chain");
	assert!(!t.contains("benchmark"), "benchmark needs --features runtime-benchmarks");
}

#[test]
fn unknown_chain_is_a_clear_error() {
	let o = run(&["--chain", "no-such-chain", "--tmp"]);
	assert!(!o.status.success());
	let t = text(&o);
	assert!(t.contains("unknown chain `no-such-chain`"), "got: {t}");
}

#[test]
fn bad_flag_is_a_clear_error() {
	let o = run(&["--no-such-flag"]);
	assert_eq!(o.status.code(), Some(2));
	assert!(text(&o).contains("unexpected argument '--no-such-flag'"));
}

fn export_spec(chain: &str, raw: bool) -> serde_json::Value {
	let mut args = vec!["export-chain-spec", "--chain", chain];
	if raw {
		args.push("--raw");
	}
	let o = run(&args);
	assert!(o.status.success(), "export-chain-spec failed: {}", text(&o));
	serde_json::from_slice(&o.stdout).expect("chain spec is JSON")
}

#[test]
fn dev_spec_has_btc_properties_and_sudo() {
	let spec = export_spec("dev", false);
	assert_eq!(spec["chainType"], "Development");
	assert_eq!(spec["properties"]["tokenSymbol"], "BTC");
	assert_eq!(spec["properties"]["tokenDecimals"], 10);
	assert_eq!(spec["properties"]["ss58Format"], 42);
	assert_eq!(
		spec["genesis"]["runtimeGenesis"]["patch"]["sudo"]["key"],
		"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
	);
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["session"]["keys"].as_array().map(|a| a.len()), Some(1));
	assert_eq!(patch["validatorSet"]["sessionLength"], 10);
}

#[test]
fn local_spec_has_four_validators() {
	let spec = export_spec("local", false);
	assert_eq!(spec["chainType"], "Local");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["session"]["keys"].as_array().map(|a| a.len()), Some(4));
	assert_eq!(patch["validatorSet"]["invulnerables"].as_array().map(|a| a.len()), Some(2));
	assert_eq!(patch["validatorSet"]["candidates"].as_array().map(|a| a.len()), Some(2));
}

/// The operator's path: export the template, replace the bootstrap validators, turn it raw.
#[test]
fn testnet_template_edits_into_a_raw_spec() {
	let mut spec = export_spec("testnet", false);
	assert_eq!(spec["chainType"], "Live");
	let patch = &mut spec["genesis"]["runtimeGenesis"]["patch"];
	assert!(patch["sudo"]["key"].is_null(), "no sudo on a public chain");
	assert_eq!(patch["validatorSet"]["sessionLength"], 600);
	// One bootstrap validator, Dave (his dev keys stand in for an operator's).
	let dave = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
	patch["session"]["keys"] = serde_json::json!([[dave, dave, {
		"aura": dave,
		"grandpa": "5ECTwv6cZ5nJQPk6tWfaTrEk8YH2L7X1VT4EL5Tx2ikfFwb7"
	}]]);
	patch["validatorSet"]["invulnerables"] = serde_json::json!([dave]);
	patch["balances"]["balances"] = serde_json::json!([[dave, 10_000_000_000_000u64]]);
	let dir = std::env::temp_dir().join(format!("tapchain-cli-testnet-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let path = dir.join("testnet.json");
	std::fs::write(&path, serde_json::to_vec_pretty(&spec).unwrap()).unwrap();
	let raw = export_spec(path.to_str().unwrap(), true);
	assert_eq!(raw["id"], "tapchain_testnet");
	assert!(raw["genesis"]["raw"]["top"].as_object().map_or(0, |t| t.len()) > 10);
	std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn key_insert_puts_session_keys_in_the_keystore() {
	let dir = std::env::temp_dir().join(format!("tapchain-cli-keys-{}", std::process::id()));
	let base = dir.to_str().unwrap();
	for (scheme, key_type) in [("sr25519", "aura"), ("ed25519", "gran")] {
		let o = run(&[
			"key",
			"insert",
			"--chain",
			"local",
			"--base-path",
			base,
			"--scheme",
			scheme,
			"--key-type",
			key_type,
			"--suri",
			"//Eve",
		]);
		assert!(o.status.success(), "{}", text(&o));
	}
	let keystore = dir.join("chains/tapchain_local/keystore");
	let names: Vec<String> = std::fs::read_dir(&keystore)
		.expect("keystore created")
		.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
		.collect();
	// Keystore files are named hex(key type) ++ hex(public key).
	assert!(names.iter().any(|n| n.starts_with("61757261")), "aura key: {names:?}");
	assert!(names.iter().any(|n| n.starts_with("6772616e")), "gran key: {names:?}");
	std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn raw_spec_round_trips_through_a_file() {
	let dir = std::env::temp_dir().join(format!("tapchain-cli-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let path = dir.join("local-raw.json");
	let o = run(&[
		"export-chain-spec",
		"--chain",
		"local",
		"--raw",
		"--output",
		path.to_str().unwrap(),
	]);
	assert!(o.status.success(), "{}", text(&o));
	let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
	assert!(raw["genesis"]["raw"]["top"].as_object().map_or(0, |t| t.len()) > 10);
	// The node accepts the file it wrote: re-export it from the path.
	let again = export_spec(path.to_str().unwrap(), true);
	assert_eq!(again["genesis"]["raw"]["top"], raw["genesis"]["raw"]["top"]);
	std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn key_generate_and_inspect_work() {
	let o = run(&["key", "inspect", "//Alice", "--scheme", "sr25519"]);
	assert!(o.status.success(), "{}", text(&o));
	assert!(text(&o).contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
	let o = run(&["key", "generate", "--scheme", "ed25519", "--output-type", "json"]);
	assert!(o.status.success(), "{}", text(&o));
	let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
	assert!(v["secretPhrase"].as_str().map_or(0, |s| s.split(' ').count()) >= 12);
}

#[test]
fn session_keys_prints_keys_and_proof_for_inserted_keys() {
	let eve = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
	let o = run(&["session-keys", "--suri", "//Eve", "--owner", eve]);
	assert!(o.status.success(), "{}", text(&o));
	let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
	assert_eq!(v["owner"], eve);
	// The same keys `key insert --suri //Eve` stores: sr25519 for Aura, ed25519 for GRANDPA.
	assert_eq!(v["aura"], eve);
	assert_eq!(v["grandpa"], "5Ck2miBfCe1JQ4cY3NDsXyBaD6EcsgiVmEFTWwqNSs25XDEq");
	// keys = aura (32 bytes) ++ grandpa (32 bytes); proof = two 64-byte signatures.
	assert_eq!(v["keys"].as_str().map(str::len), Some(2 + 128));
	assert_eq!(v["proof"].as_str().map(str::len), Some(2 + 256));

	let o = run(&["session-keys", "--suri", "//Eve", "--owner", "0x1234"]);
	assert!(!o.status.success());
	assert!(text(&o).contains("32 bytes"), "{}", text(&o));
}

/// Writes `spec` to a fresh temporary file and returns its directory and path.
fn write_spec(name: &str, spec: &serde_json::Value) -> (std::path::PathBuf, String) {
	let dir = std::env::temp_dir().join(format!("tapchain-cli-{name}-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let path = dir.join("spec.json");
	std::fs::write(&path, serde_json::to_vec_pretty(spec).unwrap()).unwrap();
	(dir, path.to_str().unwrap().to_string())
}

/// Flags that keep a test node off the network and off every fixed port.
const QUIET: [&str; 8] =
	["--tmp", "--port", "0", "--rpc-port", "0", "--no-prometheus", "--no-telemetry", "--no-mdns"];

#[test]
fn the_testnet_template_does_not_start_with_its_placeholder_validators() {
	let mut args = vec!["--chain", "testnet"];
	args.extend(QUIET);
	let o = run(&args);
	assert!(!o.status.success());
	let t = text(&o);
	assert!(t.contains("refusing to start `Tapchain Testnet` (tapchain_testnet)"), "{t}");
	assert!(t.contains("well-known dev keys"), "{t}");
	for name in ["//Alice", "//Bob", "//Charlie"] {
		assert!(t.contains(&format!("aura key {name}")), "{name}: {t}");
	}
	for field in [
		"`session.keys`",
		"`validatorSet.invulnerables`",
		"`balances.balances`",
		"`priceOracle.feeders`",
	] {
		assert!(t.contains(field), "{field}: {t}");
	}
	assert!(t.contains("its price oracle's feeders use well-known dev keys"), "{t}");
	assert!(t.contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY (//Alice)"), "{t}");
	assert!(!t.contains("sudo key"), "the template has none: {t}");
}

#[test]
fn a_live_spec_with_a_sudo_key_does_not_start() {
	let mut spec = export_spec("local", false);
	spec["chainType"] = serde_json::json!("Live");
	let (dir, path) = write_spec("live-sudo", &spec);
	let mut args = vec!["--chain", path.as_str()];
	args.extend(QUIET);
	let o = run(&args);
	assert!(!o.status.success());
	let t = text(&o);
	assert!(
		t.contains("it sets a sudo key (5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY)"),
		"{t}"
	);
	assert!(t.contains("`sudo.key` to null"), "{t}");
	// Its validators are dev keys too: both problems are listed at once.
	assert!(t.contains("well-known dev keys"), "{t}");
	// A raw spec is checked the same way.
	let raw = export_spec(&path, true);
	let (raw_dir, raw_path) = write_spec("live-sudo-raw", &raw);
	let mut args = vec!["--chain", raw_path.as_str()];
	args.extend(QUIET);
	let o = run(&args);
	assert!(!o.status.success());
	assert!(text(&o).contains("it sets a sudo key"), "{}", text(&o));
	std::fs::remove_dir_all(&dir).ok();
	std::fs::remove_dir_all(&raw_dir).ok();
}

/// The public key of `//name` in `scheme`, as SS58.
fn public(name: &str, scheme: &str) -> String {
	let o = run(&["key", "inspect", name, "--scheme", scheme, "--output-type", "json"]);
	assert!(o.status.success(), "{}", text(&o));
	let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
	v["ss58Address"].as_str().unwrap().to_string()
}

#[test]
fn a_live_spec_with_its_own_validators_starts() {
	use std::io::{BufRead, BufReader};
	let mut spec = export_spec("testnet", false);
	// An operator's validator: keys no dev tool ships.
	let account = public("//TapchainOperator1", "sr25519");
	let grandpa = public("//TapchainOperator1", "ed25519");
	let patch = &mut spec["genesis"]["runtimeGenesis"]["patch"];
	patch["session"]["keys"] =
		serde_json::json!([[account, account, { "aura": account, "grandpa": grandpa }]]);
	patch["validatorSet"]["invulnerables"] = serde_json::json!([account]);
	patch["balances"]["balances"] = serde_json::json!([[account, 10_000_000_000_000u64]]);
	patch["priceOracle"]["feeders"] = serde_json::json!([account]);
	let (dir, path) = write_spec("live-own", &spec);
	let mut child = node()
		.args(["--chain", path.as_str()])
		.args(QUIET)
		.stdout(std::process::Stdio::null())
		.stderr(std::process::Stdio::piped())
		.spawn()
		.unwrap();
	let stderr = child.stderr.take().unwrap();
	let (tx, rx) = std::sync::mpsc::channel();
	std::thread::spawn(move || {
		for line in BufReader::new(stderr).lines().map_while(Result::ok) {
			let _ = tx.send(line);
		}
	});
	let mut seen = Vec::new();
	let started = loop {
		match rx.recv_timeout(std::time::Duration::from_secs(120)) {
			Ok(line) if line.contains("Running JSON-RPC server") => break true,
			Ok(line) => seen.push(line),
			Err(_) => break false,
		}
	};
	child.kill().ok();
	child.wait().ok();
	std::fs::remove_dir_all(&dir).ok();
	assert!(started, "the node did not start:\n{}", seen.join("\n"));
}

#[test]
fn a_live_spec_whose_genesis_does_not_build_is_a_clear_error() {
	let mut spec = export_spec("testnet", false);
	spec["genesis"]["runtimeGenesis"]["patch"]["noSuchPallet"] = serde_json::json!({ "x": 1 });
	let (dir, path) = write_spec("live-bad-genesis", &spec);
	let mut args = vec!["--chain", path.as_str()];
	args.extend(QUIET);
	let o = run(&args);
	assert_eq!(o.status.code(), Some(1));
	let t = text(&o);
	assert!(t.contains("chain spec `tapchain_testnet`: its genesis does not build"), "{t}");
	assert!(t.contains("noSuchPallet"), "{t}");
	std::fs::remove_dir_all(&dir).ok();
}
