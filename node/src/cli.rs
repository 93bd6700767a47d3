//! Command-line interface.

/// Subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys (e.g. `key insert --key-type aura`).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Print the session keys of a secret URI (as `key insert --suri` stored them) and their
	/// proof of possession for an account: the two arguments of `session.setKeys`.
	SessionKeys(crate::session_keys::SessionKeysCmd),

	/// Build a chain specification. Prefer `export-chain-spec`.
	#[deprecated(note = "build-spec will be removed; use export-chain-spec")]
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification (JSON, `--raw` for the storage form) to share with
	/// other operators.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Sub-commands concerned with benchmarking (build with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `tapchain-node [SUBCOMMAND] [OPTIONS]`: with no subcommand, runs the node.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
