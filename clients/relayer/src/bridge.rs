//! The relayer's BTC-bridge duties, done once per poll by [`Bridge::step`] after the headers
//! are synced:
//!
//! 1. **Broadcast.** Every batch with a signed version and no completion
//!    (`BtcBridgeApi::pending_batches`) goes to bitcoind with `sendrawtransaction`, again at
//!    each new Bitcoin block while it is not in one (a mempool may have dropped it, a restarted
//!    bitcoind forgot it). A bumped version replaces the last one (BIP-125).
//! 2. **Scan.** Each Bitcoin block up to the light client's best (`getblock <hash> 0`, its
//!    Merkle root checked) is read once. A transaction that spends a tracked vault output is a
//!    version of a batch (`batch_of_txid`), or a theft, which is logged for a watcher to prove.
//!    Any other non-coinbase transaction with an output paying a vault deposits is a deposit.
//!    When bitcoind reorganizes, the heights it replaced are scanned again and what was seen
//!    there is forgotten.
//! 3. **Prove deposits** once their block has the bridge's `Confirmations` on the light
//!    client's best chain, with `gettxoutproof`. A deposit another relayer credited first is
//!    dropped before anything is sent (`deposit_status`); one credited in the same block is
//!    refused by the pool as `Stale` (`CheckBridgeProof`), before any fee.
//! 4. **Prove batches**: one proof when the version is in a block (the batch becomes
//!    Broadcast), one when it has the confirmations (Completed).
//! 5. **Bump** a signed batch whose version no block holds after `BumpAfter` Bitcoin blocks
//!    (`bump_fee`, free when it opens a new version).
//!
//! Every decision is made from what the chain says at that moment, so two relayers, or one
//! restarted, neither credit twice nor pay for each other's success: successful proofs are
//! free, and the relayer re-reads the chain before each one.

use crate::policy::{self, BridgeVerdict};
use anyhow::{anyhow, bail, Context, Result};
use bitcoin::{consensus::deserialize, hashes::Hash, Block, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use subxt_signer::sr25519::Keypair;
use tapchain_client_common::{
	bitcoind::{display_hex, header_hash, Bitcoind, RpcRefusal},
	BatchProgress, Chain, ChainError, Wait,
};
use tapchain_primitives::bridge::{BatchId, DepositStatus};

const LOG: &str = "relayer";

/// Heights of scanned blocks kept to detect a reorganization (deeper ones are Bitcoin's
/// problem, not the relayer's: the light client refuses reorgs deeper than its own bound).
const KEEP_SCANNED: u32 = 1_000;

/// A transaction seen in a Bitcoin block.
#[derive(Clone, Debug)]
struct Seen {
	/// The block's height.
	height: u32,
	/// The block's hash (display order).
	block: String,
	/// The transaction, as the block holds it (with witnesses).
	raw: Vec<u8>,
}

impl Seen {
	/// Confirmations of its block when the light client's best is at `best`.
	fn depth(&self, best: u32) -> u32 {
		best.saturating_add(1).saturating_sub(self.height)
	}
}

/// What the bridge duties did, for the summary line.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct BridgeStats {
	/// Deposit proofs that landed.
	pub deposits: u32,
	/// Base units they credited.
	pub credited: u128,
	/// Outputs they kept unclaimed.
	pub unclaimed: u32,
	/// Signed transactions bitcoind accepted.
	pub broadcast: u32,
	/// Batch proofs that landed.
	pub batch_proofs: u32,
	/// Fee bumps opened.
	pub bumps: u32,
	/// Fees paid by refused submissions, in base units (successful ones are free).
	pub fees: u128,
}

/// The relayer's bridge state: what it has scanned and seen, between polls.
pub struct Bridge {
	/// Blocks scanned on the first poll, below the light client's best.
	lookback: u32,
	/// Scanned heights and the block bitcoind had there.
	scanned: BTreeMap<u32, String>,
	/// Deposits seen, not yet credited: txid (internal order) → where.
	deposits: BTreeMap<[u8; 32], Seen>,
	/// Batch versions seen in blocks: txid → batch and where.
	batches: BTreeMap<[u8; 32], (BatchId, Seen)>,
	/// Signed transactions sent: txid → bitcoind's tip when last sent.
	sent: BTreeMap<[u8; 32], u32>,
	/// Batches bumped, with the `Signed { at }` they were bumped from.
	bumped: BTreeMap<BatchId, u32>,
	/// Thefts already logged.
	thefts: BTreeSet<[u8; 32]>,
	/// What it did.
	pub stats: BridgeStats,
}

/// The txid (internal order) of a transaction.
fn txid_of(tx: &Transaction) -> [u8; 32] {
	tx.compute_txid().to_byte_array()
}

impl Bridge {
	/// A bridge relayer that starts scanning `lookback` blocks below the light client's best.
	pub fn new(lookback: u32) -> Self {
		Self {
			lookback,
			scanned: BTreeMap::new(),
			deposits: BTreeMap::new(),
			batches: BTreeMap::new(),
			sent: BTreeMap::new(),
			bumped: BTreeMap::new(),
			thefts: BTreeSet::new(),
			stats: BridgeStats::default(),
		}
	}

	/// One round of the duties. Errors are bitcoind's or the connection's; a refused
	/// submission is handled (and logged) here.
	pub async fn step(&mut self, btc: &Bitcoind, chain: &Chain, signer: &Keypair) -> Result<()> {
		let Some((best, _)) = chain.best_block().await? else { return Ok(()) };
		let scripts: BTreeSet<Vec<u8>> = chain.deposit_scripts().await?.into_iter().collect();
		// Each pending batch with its signed transaction and that transaction's txid.
		let pending: Vec<(BatchId, Vec<u8>, [u8; 32])> = chain
			.pending_batches()
			.await?
			.into_iter()
			.map(|(id, raw)| {
				let tx: Transaction = deserialize(&raw).map_err(|e| {
					anyhow!("the chain's signed transaction of batch {id} does not decode: {e}")
				})?;
				Ok((id, raw, txid_of(&tx)))
			})
			.collect::<Result<_>>()?;
		let tracked: BTreeSet<([u8; 32], u32)> = chain
			.bridge_utxos()
			.await?
			.into_iter()
			.map(|(o, _)| (o.txid.0, o.vout))
			.collect();
		let tip = btc.chain_info()?.blocks;

		self.broadcast(btc, &pending, tip)?;
		self.scan(btc, chain, &scripts, &tracked, &pending, best.min(tip)).await?;
		let confirmations = chain.bridge_confirmations().await?;
		self.prove_deposits(btc, chain, signer, best, confirmations).await?;
		self.prove_batches(btc, chain, signer, best, confirmations).await?;
		self.bump(chain, signer, best, &pending).await?;
		Ok(())
	}

	/// Sends each pending batch's signed transaction that no scanned block holds, once per
	/// Bitcoin tip.
	fn broadcast(
		&mut self,
		btc: &Bitcoind,
		pending: &[(BatchId, Vec<u8>, [u8; 32])],
		tip: u32,
	) -> Result<()> {
		let live: BTreeSet<[u8; 32]> = pending.iter().map(|(_, _, txid)| *txid).collect();
		self.sent.retain(|txid, _| live.contains(txid));
		for &(id, ref raw, txid) in pending {
			if self.batches.contains_key(&txid) || self.sent.get(&txid) == Some(&tip) {
				continue;
			}
			match btc.send_raw_transaction(raw)? {
				Ok(_) => {
					if !self.sent.contains_key(&txid) {
						self.stats.broadcast += 1;
						log::info!(
							target: LOG,
							"batch {id}: broadcast {} ({} bytes)",
							display_hex(&txid),
							raw.len()
						);
					}
				},
				Err(e) if e.code == RpcRefusal::ALREADY_IN_CHAIN => {
					log::debug!(target: LOG, "batch {id}: {} is already in a block", display_hex(&txid))
				},
				Err(e) => log::warn!(
					target: LOG,
					"batch {id}: bitcoind refused {}: {e}; sending it again at the next block",
					display_hex(&txid)
				),
			}
			self.sent.insert(txid, tip);
		}
		Ok(())
	}

	/// Reads every block not scanned yet up to `to`, after forgetting heights bitcoind
	/// replaced.
	async fn scan(
		&mut self,
		btc: &Bitcoind,
		chain: &Chain,
		scripts: &BTreeSet<Vec<u8>>,
		tracked: &BTreeSet<([u8; 32], u32)>,
		pending: &[(BatchId, Vec<u8>, [u8; 32])],
		to: u32,
	) -> Result<()> {
		// A reorganization: walk back to the highest scanned block bitcoind still has.
		while let Some((&h, hash)) = self.scanned.last_key_value() {
			if h <= to && btc.block_hash(h)? == *hash {
				break;
			}
			log::info!(target: LOG, "bitcoind replaced block {h} ({hash}); scanning it again");
			self.scanned.remove(&h);
			self.deposits.retain(|_, s| s.height < h);
			self.batches.retain(|_, (_, s)| s.height < h);
		}
		let from = match self.scanned.last_key_value() {
			Some((&h, _)) => h + 1,
			None => to.saturating_sub(self.lookback),
		};
		if from > to {
			return Ok(());
		}
		let pending_txids: BTreeSet<[u8; 32]> = pending.iter().map(|(_, _, txid)| *txid).collect();
		if to - from >= 10 {
			log::info!(target: LOG, "bridge: scanning Bitcoin blocks {from}..={to} for deposits and batches");
		}
		for h in from..=to {
			let hash = btc.block_hash(h)?;
			let block: Block = deserialize(&btc.block(&hash)?)
				.with_context(|| format!("getblock {hash} (height {h}) is not a block"))?;
			if display_hex(&block.block_hash().to_byte_array()) != hash {
				bail!("getblock {hash} returned block {}", block.block_hash());
			}
			if !block.check_merkle_root() {
				bail!("block {hash} (height {h}) from bitcoind does not match its Merkle root");
			}
			for tx in &block.txdata {
				if tx.is_coinbase() {
					continue;
				}
				let txid = txid_of(tx);
				let spends_vault = tx.input.iter().any(|i| {
					tracked
						.contains(&(i.previous_output.txid.to_byte_array(), i.previous_output.vout))
				});
				let seen = || Seen {
					height: h,
					block: hash.clone(),
					raw: bitcoin::consensus::serialize(tx),
				};
				if spends_vault || pending_txids.contains(&txid) {
					match chain.batch_of_txid(txid).await? {
						Some(id) => {
							log::info!(
								target: LOG,
								"batch {id}: {} is in block {h}",
								display_hex(&txid)
							);
							self.batches.insert(txid, (id, seen()));
						},
						None => {
							if self.thefts.insert(txid) {
								log::warn!(
									target: LOG,
									"transaction {} in block {h} spends vault coins and is no batch of the bridge: a theft; prove it with BtcBridge.report_theft",
									display_hex(&txid)
								);
							}
						},
					}
				} else if tx.output.iter().any(|o| scripts.contains(o.script_pubkey.as_bytes())) {
					log::info!(target: LOG, "deposit {} is in block {h}", display_hex(&txid));
					self.deposits.insert(txid, seen());
				}
			}
			self.scanned.insert(h, hash);
			if (h - from) % 100 == 99 {
				log::info!(target: LOG, "bridge: scanned {h} / {to}");
			}
		}
		let keep_from = to.saturating_sub(KEEP_SCANNED);
		self.scanned.retain(|h, _| *h >= keep_from);
		Ok(())
	}

	/// Whether the light client's best chain holds `seen`'s block.
	async fn on_best_chain(chain: &Chain, seen: &Seen) -> Result<bool> {
		Ok(chain
			.header_at(seen.height)
			.await?
			.is_some_and(|h| display_hex(&header_hash(&h)) == seen.block))
	}

	/// Handles a refused bridge submission: `true` when the item is done with.
	fn refused(&mut self, what: &str, e: &ChainError) -> bool {
		self.stats.fees += e.paid().unwrap_or(0);
		match policy::bridge_verdict(e) {
			BridgeVerdict::Later(why) => {
				log::info!(target: LOG, "{what}: not now ({why}); trying again at the next poll");
				false
			},
			BridgeVerdict::Done(why) => {
				log::info!(target: LOG, "{what}: {why}");
				true
			},
			BridgeVerdict::Refused(why) => {
				log::warn!(
					target: LOG,
					"{what} was refused: {why} (fee paid: {}); not sending it again",
					e.paid().unwrap_or(0)
				);
				true
			},
		}
	}

	async fn prove_deposits(
		&mut self,
		btc: &Bitcoind,
		chain: &Chain,
		signer: &Keypair,
		best: u32,
		confirmations: u32,
	) -> Result<()> {
		let ready: Vec<([u8; 32], Seen)> = self
			.deposits
			.iter()
			.filter(|(_, s)| s.depth(best) >= confirmations)
			.map(|(t, s)| (*t, s.clone()))
			.collect();
		for (txid, seen) in ready {
			let shown = display_hex(&txid);
			if chain.deposit_status(txid).await? != DepositStatus::Unknown {
				log::debug!(target: LOG, "deposit {shown} is credited");
				self.deposits.remove(&txid);
				continue;
			}
			if !Self::on_best_chain(chain, &seen).await? {
				log::debug!(target: LOG, "deposit {shown}: the light client's best chain does not hold block {} yet", seen.block);
				continue;
			}
			let proof = btc.txout_proof(&shown, Some(&seen.block))?;
			match chain.submit_deposit(seen.raw.clone(), proof, signer, Wait::BestBlock).await {
				Ok(r) => {
					self.stats.deposits += 1;
					for (vout, who, amount) in &r.credited {
						self.stats.credited += amount;
						log::info!(
							target: LOG,
							"deposit {shown}:{vout} credited {amount} base units ({} sat) to {who}",
							amount / 100
						);
					}
					for (vout, sats) in &r.unclaimed {
						self.stats.unclaimed += 1;
						log::info!(
							target: LOG,
							"deposit {shown}:{vout} of {sats} sat is kept unclaimed (no recipient, or below the minimum); its sender can claim it"
						);
					}
					// Dropped at the next poll, once `deposit_status` shows it at the best block.
				},
				Err(e) => {
					if self.refused(&format!("deposit {shown}"), &e) {
						self.deposits.remove(&txid);
					}
				},
			}
		}
		Ok(())
	}

	async fn prove_batches(
		&mut self,
		btc: &Bitcoind,
		chain: &Chain,
		signer: &Keypair,
		best: u32,
		confirmations: u32,
	) -> Result<()> {
		let seen: Vec<([u8; 32], BatchId, Seen)> =
			self.batches.iter().map(|(t, (id, s))| (*t, *id, s.clone())).collect();
		for (txid, id, seen) in seen {
			let shown = display_hex(&txid);
			let Some(batch) = chain.batch(id, None).await? else {
				self.batches.remove(&txid);
				continue;
			};
			let depth = seen.depth(best);
			match batch.progress {
				BatchProgress::Completed { .. } => {
					log::info!(target: LOG, "batch {id} is completed");
					self.batches.remove(&txid);
					continue;
				},
				BatchProgress::Broadcast { txid: t, height }
					if t == txid && height == seen.height && depth < confirmations =>
				{
					continue
				},
				_ => {},
			}
			if depth == 0 || !Self::on_best_chain(chain, &seen).await? {
				continue;
			}
			let proof = btc.txout_proof(&shown, Some(&seen.block))?;
			match chain
				.submit_batch_proof(id, seen.raw.clone(), proof, signer, Wait::BestBlock)
				.await
			{
				Ok((_, completed)) => {
					self.stats.batch_proofs += 1;
					if completed {
						log::info!(target: LOG, "batch {id}: {shown} proven with {depth} confirmations: completed");
					} else {
						log::info!(target: LOG, "batch {id}: {shown} proven in block {}: broadcast", seen.height);
					}
				},
				Err(e) => {
					if self.refused(&format!("batch {id} proof"), &e) {
						self.batches.remove(&txid);
					}
				},
			}
		}
		Ok(())
	}

	async fn bump(
		&mut self,
		chain: &Chain,
		signer: &Keypair,
		best: u32,
		pending: &[(BatchId, Vec<u8>, [u8; 32])],
	) -> Result<()> {
		let live: BTreeSet<BatchId> = pending.iter().map(|(id, _, _)| *id).collect();
		self.bumped.retain(|id, _| live.contains(id));
		if pending.is_empty() {
			return Ok(());
		}
		let after = chain.bump_after().await?;
		for (id, _, _) in pending {
			if self.batches.values().any(|(b, _)| b == id) {
				continue;
			}
			let Some(batch) = chain.batch(*id, None).await? else { continue };
			let BatchProgress::Signed { at } = batch.progress else { continue };
			if best < at.saturating_add(after) || self.bumped.get(id) == Some(&at) {
				continue;
			}
			self.bumped.insert(*id, at);
			match chain.bump_fee(*id, signer, Wait::BestBlock).await {
				Ok((_, Some((txid, fee)))) => {
					self.stats.bumps += 1;
					log::info!(
						target: LOG,
						"batch {id}: no block holds it {} Bitcoin blocks after signing; bumped to {} with fee {fee} sat",
						best - at,
						display_hex(&txid)
					);
				},
				Ok((_, None)) => {
					log::warn!(target: LOG, "batch {id}: bump_fee succeeded without FeeBumped")
				},
				Err(e) => {
					self.refused(&format!("batch {id} fee bump"), &e);
				},
			}
		}
		Ok(())
	}

	/// The summary line.
	pub fn log(&self) {
		let s = &self.stats;
		log::info!(
			target: LOG,
			"bridge: deposits proven {} (credited {} base units, {} outputs unclaimed); batches broadcast {}, proofs {}, bumps {}; fees paid {} base units",
			s.deposits,
			s.credited,
			s.unclaimed,
			s.broadcast,
			s.batch_proofs,
			s.bumps,
			s.fees
		);
	}
}
