//! `tapchain-node`: the Tapchain validator and full node.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;
mod session_keys;

/// Errors are printed for a person (their `Display`, line breaks intact), not as Rust's
/// `Debug` of the error value, and exit with status 1.
fn main() {
	if let Err(e) = command::run() {
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}
