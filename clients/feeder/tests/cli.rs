//! The feeder's command line: help, the errors that need no chain, and `fetch` against a small
//! local HTTP server that answers like a price API.

use std::{
	io::{BufRead, BufReader, Write},
	net::TcpListener,
	process::{Command, Output},
	thread,
};

fn feeder(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_tapchain-feeder"))
		.args(args)
		.output()
		.expect("runs")
}

fn text(o: &Output) -> String {
	format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Serves `body` with `status` to each of `n` requests on a free loopback port; returns the
/// URL and the request lines it saw.
fn serve(
	status: &'static str,
	body: &'static str,
	n: usize,
) -> (String, thread::JoinHandle<Vec<String>>) {
	let listener = TcpListener::bind("127.0.0.1:0").unwrap();
	let url = format!("http://{}/api/v3/simple/price?ids=bitcoin", listener.local_addr().unwrap());
	let handle = thread::spawn(move || {
		let mut seen = Vec::new();
		for stream in listener.incoming().take(n) {
			let mut stream = stream.unwrap();
			let mut reader = BufReader::new(stream.try_clone().unwrap());
			let mut line = String::new();
			reader.read_line(&mut line).unwrap();
			seen.push(line.trim_end().to_string());
			loop {
				let mut h = String::new();
				reader.read_line(&mut h).unwrap();
				if h.trim_end().is_empty() {
					break;
				}
			}
			write!(
				stream,
				"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
				body.len()
			)
			.unwrap();
		}
		seen
	});
	(url, handle)
}

const PRICES: &str =
	r#"{"bitcoin":{"usd":97123.45},"ethereum":{"usd":"3001.5"},"fees":[{"fastest":12}]}"#;

#[test]
fn help_explains_every_command_and_flag() {
	let t = text(&feeder(&["--help"]));
	for flag in ["--node-url", "--signer", "set", "run", "fetch", "status"] {
		assert!(t.contains(flag), "--help lacks {flag}");
	}
	let t = text(&feeder(&["run", "--help"]));
	for flag in [
		"--source",
		"--key",
		"--threshold",
		"--heartbeat",
		"--poll-interval",
		"--once",
		"--timeout",
	] {
		assert!(t.contains(flag), "run --help lacks {flag}");
	}
}

#[test]
fn fetch_reads_each_key_from_a_json_source() {
	let (url, server) = serve("200 OK", PRICES, 1);
	let o = feeder(&[
		"fetch",
		"--source",
		&url,
		"--key",
		"BTC/USD=bitcoin.usd",
		"--key",
		"WETH/USD=ethereum.usd",
		"--key",
		"FEE/SATVB=fees.0.fastest",
	]);
	assert!(o.status.success(), "{}", text(&o));
	assert_eq!(
		String::from_utf8_lossy(&o.stdout),
		"BTC/USD = 97123.45\nWETH/USD = 3001.5\nFEE/SATVB = 12\n"
	);
	assert_eq!(server.join().unwrap(), vec!["GET /api/v3/simple/price?ids=bitcoin HTTP/1.1"]);
}

#[test]
fn a_missing_path_names_the_key_and_fails() {
	let (url, server) = serve("200 OK", PRICES, 1);
	let o = feeder(&[
		"fetch",
		"--source",
		&url,
		"--key",
		"BTC/USD=bitcoin.usd",
		"--key",
		"WETH/USD=ethereum.eur",
	]);
	assert_eq!(o.status.code(), Some(1));
	assert_eq!(String::from_utf8_lossy(&o.stdout), "BTC/USD = 97123.45\n");
	let t = text(&o);
	assert!(t.contains("WETH/USD: the source has nothing at ethereum.eur"), "{t}");
	assert!(t.contains("1 of 2 keys could not be read"), "{t}");
	server.join().unwrap();
}

#[test]
fn source_failures_are_clear_errors() {
	let (url, server) = serve("503 Service Unavailable", "{}", 1);
	let o = feeder(&["fetch", "--source", &url, "--key", "BTC/USD=bitcoin.usd"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("answered HTTP 503"), "{}", text(&o));
	server.join().unwrap();

	let (url, server) = serve("200 OK", "<html>rate limited</html>", 1);
	let o = feeder(&["fetch", "--source", &url, "--key", "BTC/USD=bitcoin.usd"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("did not answer JSON"), "{}", text(&o));
	server.join().unwrap();

	let o = feeder(&["fetch", "--source", "http://127.0.0.1:1/", "--key", "BTC/USD=bitcoin.usd"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("cannot reach the source http://127.0.0.1:1/"), "{}", text(&o));

	let o = feeder(&["fetch", "--source", "ftp://prices", "--key", "BTC/USD=bitcoin.usd"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("expected an http:// or https:// URL"), "{}", text(&o));
}

#[test]
fn bad_arguments_are_refused_before_connecting() {
	let unreachable = ["--node-url", "ws://127.0.0.1:1"];
	let o = feeder(&[&unreachable[..], &["set", "BTC/USD", "-5"]].concat());
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("\"-5\" is not a non-negative decimal number"), "{}", text(&o));

	let o =
		feeder(&[&unreachable[..], &["run", "--source", "http://x/", "--key", "btc=usd"]].concat());
	assert_eq!(o.status.code(), Some(2), "clap refuses it");
	assert!(text(&o).contains("is not an oracle key"), "{}", text(&o));

	let o = feeder(
		&[
			&unreachable[..],
			&["run", "--source", "http://x/", "--key", "BTC/USD=a", "--threshold", "0.125"],
		]
		.concat(),
	);
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("--threshold 0.125: at most two decimals"), "{}", text(&o));

	let o = feeder(&[&unreachable[..], &["--signer", "not a uri", "set", "BTC/USD", "1"]].concat());
	assert_eq!(o.status.code(), Some(1));
	assert!(text(&o).contains("--signer"), "{}", text(&o));
}

#[test]
fn an_unreachable_node_is_a_clear_error() {
	let o = feeder(&["--node-url", "ws://127.0.0.1:1", "set", "BTC/USD", "97000"]);
	assert_eq!(o.status.code(), Some(1));
	assert!(
		text(&o).contains("cannot connect to the Tapchain node at ws://127.0.0.1:1"),
		"{}",
		text(&o)
	);
}
