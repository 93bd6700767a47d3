//! # Tapchain signer
//!
//! The safety logic of the `tapchain-signer` daemon, which holds one validator's Bitcoin key and
//! signs the vault transactions of the threshold-signer pallet's rounds. The daemon itself
//! (`src/main.rs`: `keygen`, `register`, `run`) adds the chain access, its own BIP-341 sighash
//! of every input it signs, and the proof of possession that registers the key.
//!
//! The runtime already checks every round it opens: the transaction must pay exactly the
//! purpose's payments, then at most one change output to the named vault, and spend only vault
//! outputs. The daemon does not rely on that. It is the last line of defence, so it holds two of
//! its own:
//!
//! - [`check::check_round`] checks the same rule again, written independently of the pallet
//!   (nothing is shared but the primitive types), plus a cap on the fee the runtime does not
//!   have. A transaction that pays an address no request names is refused here even if a
//!   runtime bug let it through.
//! - [`bridge::check_bridge_round`] holds a round of the BTC bridge to the bridge's records:
//!   the batch it names, its inputs, and its withdrawal requests, whose addresses the daemon
//!   parses itself. A purpose built from the wrong requests is refused even though the
//!   transaction matches it.
//! - [`limit::RateLimiter`] bounds what the daemon signs away per rolling window (10 % of a
//!   vault's value per 24 hours by default), and keeps its window across restarts. A round that
//!   passes every check can still come from a wrong purpose (a bridge bug, a forged
//!   withdrawal); the limit makes that a loss of one share, not of the vault.
//!
//! A vault needs two thirds of its signers, so as long as that many daemons run these checks a
//! runtime bug cannot drain it. [`keyfile`] keeps the key itself owner-readable only.

pub mod bridge;
pub mod check;
pub mod keyfile;
pub mod limit;

pub use bridge::{check_bridge_round, BridgeRefusal};
pub use check::{check_round, Checked, Refusal};
pub use keyfile::KeyfileError;
pub use limit::{LimitExceeded, RateLimiter, StateError};
