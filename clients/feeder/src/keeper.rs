//! `tapchain-feeder keep`: the MBTC vault's keeper. Each round it reads every channel and
//! bridge-out (`MbtcVaultApi`) and submits what the chain would take now:
//!
//! - `liquidateAll` for a channel below the full-liquidation ratio;
//! - `liquidate` for one below the liquidation ratio, burning the least of what the chain says
//!   may be burned, the keeper's MBTC and `--max-mbtc`; the keeper earns the 5 % bonus in
//!   collateral, which is why liquidations do not rely on altruism;
//! - `claimBridgeOut` for a bridge-out past its deadline (the user is paid, the keeper pays
//!   the fee: run it as a user waiting for BTC, or as a service).
//!
//! It never submits what the runtime API says would fail, so a quiet round costs nothing.

use anyhow::Result;
use std::time::Duration;
use subxt_signer::sr25519::Keypair;
use tapchain_client_common::{Chain, Wait};

const LOG: &str = "feeder";

/// What one round submitted, for `--once`'s exit status and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
	/// Channels moved to the public liquidation channel.
	pub full: u32,
	/// Partial liquidations.
	pub partial: u32,
	/// Claims.
	pub claims: u32,
	/// Submissions the chain refused.
	pub failed: u32,
}

/// One round against `chain`, signed by `signer`.
pub async fn round(chain: &Chain, signer: &Keypair, max_mbtc: u128) -> Result<Round> {
	let me = signer.public_key().to_account_id();
	let mut out = Round::default();
	for c in chain.vault_channels().await? {
		if c.liquidated {
			continue;
		}
		if c.fully_liquidatable {
			match chain.liquidate_all(c.id, signer, Wait::Finalized).await {
				Ok(done) => {
					out.full += 1;
					println!(
						"channel {}: fully liquidated at {} % (issued {} sats); fee {} base units",
						c.id,
						percent(done.ratio),
						c.issued,
						done.receipt.fee
					);
				},
				Err(e) => {
					out.failed += 1;
					log::warn!(target: LOG, "channel {}: liquidateAll refused: {e}", c.id);
				},
			}
			continue;
		}
		if c.liquidatable == 0 {
			continue;
		}
		let held = chain.mbtc_balance(&me).await?;
		let amount = c.liquidatable.min(held).min(max_mbtc);
		if amount == 0 {
			log::info!(
				target: LOG,
				"channel {} at {} % could be liquidated by {} sats, but this keeper holds no MBTC",
				c.id,
				percent(c.ratio),
				c.liquidatable
			);
			continue;
		}
		match chain.liquidate(c.id, amount, signer, Wait::Finalized).await {
			Ok(done) => {
				out.partial += 1;
				let paid = describe(&done.paid);
				println!(
					"channel {}: liquidated {} sats for {}; ratio now {} %; fee {} base units",
					c.id,
					done.burned,
					paid,
					percent(done.ratio),
					done.receipt.fee
				);
			},
			Err(e) => {
				out.failed += 1;
				log::warn!(target: LOG, "channel {}: liquidate refused: {e}", c.id);
			},
		}
	}
	let best = chain.best_block().await?.map(|(h, _)| h).unwrap_or(0);
	for r in chain.vault_requests().await? {
		if best < r.claimable_from {
			continue;
		}
		match chain.claim_bridge_out(r.id, signer, Wait::Finalized).await {
			Ok(done) => {
				out.claims += 1;
				let paid = describe(&done.paid);
				println!(
					"bridge-out {} ({} sats from channel {}) claimed for {}: {}; fee {} base units",
					r.id, r.amount, r.channel, r.who, paid, done.receipt.fee
				);
			},
			Err(e) => {
				out.failed += 1;
				log::warn!(target: LOG, "bridge-out {}: claim refused: {e}", r.id);
			},
		}
	}
	Ok(out)
}

/// Collateral received, for people: `12 of asset 2, 3 of asset 3`.
fn describe(paid: &[(u32, u128)]) -> String {
	let parts: Vec<String> =
		paid.iter().map(|(asset, n)| format!("{n} of asset {asset}")).collect();
	parts.join(", ")
}

/// Basis points as a percentage, `-` when unknown.
fn percent(bps: Option<u32>) -> String {
	match bps {
		Some(b) if b == u32::MAX => "∞".into(),
		Some(b) => format!("{}.{:02}", b / 100, b % 100),
		None => "-".into(),
	}
}

/// Rounds every `interval` until stopped (or once).
pub async fn keep(
	node_url: &str,
	signer: &Keypair,
	interval: Duration,
	once: bool,
	max_mbtc: u128,
) -> Result<Round> {
	let chain = Chain::connect_as(node_url, LOG).await?;
	println!(
		"keeping the MBTC vault of {node_url} as {} every {} s",
		signer.public_key().to_account_id(),
		interval.as_secs()
	);
	loop {
		let done = match round(&chain, signer, max_mbtc).await {
			Ok(done) => done,
			Err(e) if !once => {
				log::warn!(target: LOG, "round failed, retrying: {e:#}");
				tokio::time::sleep(interval).await;
				continue;
			},
			Err(e) => return Err(e),
		};
		if once {
			return Ok(done);
		}
		tokio::time::sleep(interval).await;
	}
}

#[cfg(test)]
mod tests {
	#[test]
	fn percentages_print_two_decimals() {
		assert_eq!(super::percent(Some(11_625)), "116.25");
		assert_eq!(super::percent(Some(12_000)), "120.00");
		assert_eq!(super::percent(None), "-");
		assert_eq!(super::percent(Some(u32::MAX)), "∞");
	}

	#[test]
	fn payouts_list_each_asset() {
		assert_eq!(super::describe(&[(2, 5), (3, 7)]), "5 of asset 2, 7 of asset 3");
		assert_eq!(super::describe(&[]), "");
	}
}
