//! `tapchain-node`: the Tapchain validator and full node.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;
mod session_keys;

fn main() -> sc_cli::Result<()> {
	command::run()
}
