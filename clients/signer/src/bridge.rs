//! The check of a BTC-bridge round against the bridge's own records: a round the bridge opens
//! (caller `btcbrdge`, reference = the batch id) must pay exactly the withdrawal requests its
//! batch holds, to the addresses their owners typed, and nothing else.
//!
//! [`check::check_round`](crate::check_round) already holds the transaction to its
//! [`Purpose`]. This holds the purpose to the chain's requests, read at the finalized block the
//! daemon signs at, so that a bridge bug that built a purpose from the wrong requests, or a
//! request whose stored script differs from its address, is refused too:
//!
//! 1. the batch exists and names this round among its versions (`RoundBatch` agrees);
//! 2. the transaction spends exactly the batch's inputs, in order;
//! 3. the change goes to the batch's change vault;
//! 4. a sweep pays nobody: its only output is the change;
//! 5. a withdrawal batch's payments are its requests in order: each request is batched in
//!    this batch, pays its amount, and its script is the one the daemon derives itself from
//!    the address text on the light client's network.

use bitcoin::{consensus::deserialize_partial, hashes::Hash, Address, Network, Transaction};
use std::str::FromStr;
use tapchain_client_common::{BatchView, WithdrawalView};
use tapchain_primitives::{
	bridge::{BatchId, WithdrawalId},
	btc::BtcNetwork,
	signer::{Purpose, RoundId},
};

/// The caller name the bridge's rounds carry.
pub const BRIDGE_CALLER: [u8; 8] = *b"btcbrdge";

/// Why a bridge round is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BridgeRefusal {
	/// The purpose's reference is no batch of the bridge.
	#[error("batch {batch} does not exist")]
	UnknownBatch { batch: BatchId },
	/// The batch does not list this round among its versions, or the bridge maps the round
	/// to another batch.
	#[error("round {round} is no version of batch {batch}")]
	NotBatchRound { round: RoundId, batch: BatchId },
	/// The transaction does not decode (the generic check reports the details).
	#[error("the transaction does not decode")]
	Malformed,
	/// The transaction spends other outputs than the batch's.
	#[error("the transaction spends other outputs than batch {batch}'s inputs")]
	OtherInputs { batch: BatchId },
	/// The change goes elsewhere than the batch's change vault.
	#[error("the change goes to vault {found:?}, batch {batch}'s goes to vault {expected}")]
	WrongChangeVault { batch: BatchId, found: Option<u32>, expected: u32 },
	/// A sweep with payments.
	#[error("sweep batch {batch} pays {payments} outputs besides the vault")]
	SweepPays { batch: BatchId, payments: usize },
	/// The purpose names another number of payments than the batch has requests.
	#[error("the round pays {payments} outputs, batch {batch} holds {requests} requests")]
	PaymentCount { batch: BatchId, payments: usize, requests: usize },
	/// A request the batch names is not on chain.
	#[error("withdrawal {id} of batch {batch} does not exist")]
	UnknownRequest { batch: BatchId, id: WithdrawalId },
	/// A request is not batched in this batch.
	#[error("withdrawal {id} is not batched in batch {batch}")]
	RequestElsewhere { batch: BatchId, id: WithdrawalId },
	/// The light client follows no network, so no address can be checked.
	#[error("the light client follows no Bitcoin network")]
	NoNetwork,
	/// The request's address does not parse on the light client's network.
	#[error("withdrawal {id}'s address {address:?} is not an address of {network:?}")]
	BadAddress { id: WithdrawalId, address: String, network: BtcNetwork },
	/// The stored script differs from the one the address means.
	#[error("withdrawal {id}'s stored script is not its address's ({address})")]
	ScriptMismatch { id: WithdrawalId, address: String },
	/// The payment in the request's place pays another amount or script.
	#[error("payment {index} is not withdrawal {id}'s amount and address")]
	PaymentMismatch { index: usize, id: WithdrawalId },
}

/// `bitcoin`'s name for a network.
fn network(n: BtcNetwork) -> Network {
	match n {
		BtcNetwork::Mainnet => Network::Bitcoin,
		BtcNetwork::Testnet3 => Network::Testnet,
		BtcNetwork::Testnet4 => Network::Testnet4,
		BtcNetwork::Signet => Network::Signet,
		BtcNetwork::Regtest => Network::Regtest,
	}
}

/// The scriptPubKey `address` pays on `net`, derived here from the text.
pub fn script_of(address: &str, net: BtcNetwork) -> Option<Vec<u8>> {
	let parsed = Address::from_str(address).ok()?.require_network(network(net)).ok()?;
	Some(parsed.script_pubkey().into_bytes())
}

/// Checks bridge round `round` (its unsigned transaction and purpose) against `batch` (the
/// batch its reference names, if any), the bridge's `round_batch` for the round, and the
/// requests the batch names, in its order (`None` for one that does not exist).
pub fn check_bridge_round(
	round: RoundId,
	unsigned_tx: &[u8],
	purpose: &Purpose,
	batch: Option<&BatchView>,
	round_batch: Option<BatchId>,
	requests: &[(WithdrawalId, Option<WithdrawalView>)],
	net: Option<BtcNetwork>,
) -> Result<(), BridgeRefusal> {
	let id = purpose.reference;
	let batch = batch.ok_or(BridgeRefusal::UnknownBatch { batch: id })?;
	if batch.id != id
		|| round_batch != Some(id)
		|| !batch.versions.iter().any(|(r, _, _)| *r == round)
	{
		return Err(BridgeRefusal::NotBatchRound { round, batch: id });
	}
	let (tx, _) =
		deserialize_partial::<Transaction>(unsigned_tx).map_err(|_| BridgeRefusal::Malformed)?;
	let spends: Vec<([u8; 32], u32)> = tx
		.input
		.iter()
		.map(|i| (i.previous_output.txid.to_byte_array(), i.previous_output.vout))
		.collect();
	let inputs: Vec<([u8; 32], u32)> = batch.inputs.iter().map(|o| (o.txid.0, o.vout)).collect();
	if spends != inputs {
		return Err(BridgeRefusal::OtherInputs { batch: id });
	}
	if purpose.change != Some(batch.change_vault) {
		return Err(BridgeRefusal::WrongChangeVault {
			batch: id,
			found: purpose.change,
			expected: batch.change_vault,
		});
	}
	if batch.sweep {
		if !purpose.payments.is_empty() || !batch.withdrawals.is_empty() {
			return Err(BridgeRefusal::SweepPays { batch: id, payments: purpose.payments.len() });
		}
		return Ok(());
	}
	if purpose.payments.len() != batch.withdrawals.len()
		|| requests.len() != batch.withdrawals.len()
	{
		return Err(BridgeRefusal::PaymentCount {
			batch: id,
			payments: purpose.payments.len(),
			requests: batch.withdrawals.len(),
		});
	}
	let net = net.ok_or(BridgeRefusal::NoNetwork)?;
	for (index, ((wid, request), payment)) in
		requests.iter().zip(purpose.payments.iter()).enumerate()
	{
		if batch.withdrawals.get(index) != Some(wid) {
			return Err(BridgeRefusal::PaymentMismatch { index, id: *wid });
		}
		let w = request.as_ref().ok_or(BridgeRefusal::UnknownRequest { batch: id, id: *wid })?;
		if w.batch != Some(id) {
			return Err(BridgeRefusal::RequestElsewhere { batch: id, id: *wid });
		}
		let address = String::from_utf8_lossy(&w.address).into_owned();
		let script = script_of(&address, net).ok_or_else(|| BridgeRefusal::BadAddress {
			id: *wid,
			address: address.clone(),
			network: net,
		})?;
		if script != w.script_pubkey {
			return Err(BridgeRefusal::ScriptMismatch { id: *wid, address });
		}
		if payment.value != w.amount || payment.script_pubkey != script {
			return Err(BridgeRefusal::PaymentMismatch { index, id: *wid });
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use bitcoin::{
		absolute::LockTime, consensus::serialize, transaction::Version, Amount,
		OutPoint as BtcOutPoint, ScriptBuf, Sequence, TxIn, TxOut, Txid, Witness,
	};
	use tapchain_client_common::BatchProgress;
	use tapchain_primitives::{bridge::OutPoint, signer::BtcOutput};

	/// A regtest P2WPKH address (Alice) and a P2TR one (Bob), from their scripts.
	fn address(script: Vec<u8>) -> String {
		Address::from_script(&ScriptBuf::from_bytes(script), Network::Regtest)
			.unwrap()
			.to_string()
	}

	fn alice() -> String {
		address([&[0x00, 0x14][..], &[0x11; 20]].concat())
	}

	fn bob() -> String {
		address([&[0x51, 0x20][..], &[0x22; 32]].concat())
	}

	fn outpoint(b: u8) -> OutPoint {
		OutPoint { txid: [b; 32].into(), vout: u32::from(b) }
	}

	fn request(address: &str, amount: u64, batch: BatchId) -> WithdrawalView {
		WithdrawalView {
			amount,
			script_pubkey: script_of(address, BtcNetwork::Regtest).unwrap(),
			address: address.as_bytes().to_vec(),
			batch: Some(batch),
		}
	}

	struct Case {
		batch: BatchView,
		requests: Vec<(WithdrawalId, Option<WithdrawalView>)>,
		purpose: Purpose,
		tx: Vec<u8>,
	}

	/// Batch 4 (round 9) pays withdrawal 1 (70 000 sat to Alice) and 2 (20 000 to Bob) from
	/// two vault outputs, change to vault 0.
	fn case() -> Case {
		let requests =
			vec![(1, Some(request(&alice(), 70_000, 4))), (2, Some(request(&bob(), 20_000, 4)))];
		let payments = requests
			.iter()
			.map(|(_, w)| {
				let w = w.as_ref().unwrap();
				BtcOutput { value: w.amount, script_pubkey: w.script_pubkey.clone() }
			})
			.collect::<Vec<_>>();
		let inputs = vec![outpoint(1), outpoint(2)];
		let tx = Transaction {
			version: Version::TWO,
			lock_time: LockTime::ZERO,
			input: inputs
				.iter()
				.map(|o| TxIn {
					previous_output: BtcOutPoint {
						txid: Txid::from_byte_array(o.txid.0),
						vout: o.vout,
					},
					script_sig: ScriptBuf::new(),
					sequence: Sequence(0xFFFF_FFFD),
					witness: Witness::new(),
				})
				.collect(),
			output: payments
				.iter()
				.map(|p| TxOut {
					value: Amount::from_sat(p.value),
					script_pubkey: ScriptBuf::from_bytes(p.script_pubkey.clone()),
				})
				.collect(),
		};
		Case {
			batch: BatchView {
				id: 4,
				sweep: false,
				withdrawals: vec![1, 2],
				inputs,
				change_vault: 0,
				versions: vec![(9, [7; 32], 500)],
				progress: BatchProgress::Signing,
			},
			requests,
			purpose: Purpose { caller: BRIDGE_CALLER, reference: 4, payments, change: Some(0) },
			tx: serialize(&tx),
		}
	}

	/// `c` checked as round `round`, with the bridge mapping the round to `round_batch`.
	fn check_as(
		c: &Case,
		round: RoundId,
		batch: Option<&BatchView>,
		round_batch: Option<BatchId>,
		net: Option<BtcNetwork>,
	) -> Result<(), BridgeRefusal> {
		check_bridge_round(round, &c.tx, &c.purpose, batch, round_batch, &c.requests, net)
	}

	fn check(c: &Case) -> Result<(), BridgeRefusal> {
		check_as(c, 9, Some(&c.batch), Some(4), Some(BtcNetwork::Regtest))
	}

	#[test]
	fn accepts_a_batch_that_pays_exactly_its_requests() {
		assert_eq!(check(&case()), Ok(()));
	}

	#[test]
	fn refuses_a_round_of_another_or_no_batch() {
		let c = case();
		let none = check_as(&c, 9, None, Some(4), None);
		assert_eq!(none, Err(BridgeRefusal::UnknownBatch { batch: 4 }));
		let other = check_as(&c, 8, Some(&c.batch), Some(4), Some(BtcNetwork::Regtest));
		assert_eq!(other, Err(BridgeRefusal::NotBatchRound { round: 8, batch: 4 }));
		let mapped = check_as(&c, 9, Some(&c.batch), Some(3), Some(BtcNetwork::Regtest));
		assert_eq!(mapped, Err(BridgeRefusal::NotBatchRound { round: 9, batch: 4 }));
	}

	#[test]
	fn refuses_other_inputs_and_change() {
		let mut c = case();
		c.batch.inputs.swap(0, 1);
		assert_eq!(check(&c), Err(BridgeRefusal::OtherInputs { batch: 4 }));
		let mut c = case();
		c.purpose.change = Some(1);
		assert_eq!(
			check(&c),
			Err(BridgeRefusal::WrongChangeVault { batch: 4, found: Some(1), expected: 0 })
		);
	}

	#[test]
	fn refuses_a_payment_no_request_names() {
		let mut c = case();
		c.purpose.payments[1].value += 1;
		assert_eq!(check(&c), Err(BridgeRefusal::PaymentMismatch { index: 1, id: 2 }));
		let mut c = case();
		c.purpose.payments[0].script_pubkey = script_of(&bob(), BtcNetwork::Regtest).unwrap();
		assert_eq!(check(&c), Err(BridgeRefusal::PaymentMismatch { index: 0, id: 1 }));
		let mut c = case();
		c.purpose.payments.pop();
		assert!(matches!(check(&c), Err(BridgeRefusal::PaymentCount { payments: 1, .. })));
	}

	#[test]
	fn refuses_requests_that_are_missing_elsewhere_or_misstored() {
		let mut c = case();
		c.requests[0].1 = None;
		assert_eq!(check(&c), Err(BridgeRefusal::UnknownRequest { batch: 4, id: 1 }));
		let mut c = case();
		c.requests[1].1.as_mut().unwrap().batch = Some(5);
		assert_eq!(check(&c), Err(BridgeRefusal::RequestElsewhere { batch: 4, id: 2 }));
		// The stored script is not the address's: refused even though the payment matches it.
		let mut c = case();
		let bob = script_of(&bob(), BtcNetwork::Regtest).unwrap();
		c.requests[0].1.as_mut().unwrap().script_pubkey = bob.clone();
		c.purpose.payments[0].script_pubkey = bob;
		assert_eq!(check(&c), Err(BridgeRefusal::ScriptMismatch { id: 1, address: alice() }));
		// A mainnet address in a regtest request.
		let mut c = case();
		c.requests[0].1.as_mut().unwrap().address =
			b"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4".to_vec();
		assert!(matches!(check(&c), Err(BridgeRefusal::BadAddress { id: 1, .. })));
		let c = case();
		let no_net = check_as(&c, 9, Some(&c.batch), Some(4), None);
		assert_eq!(no_net, Err(BridgeRefusal::NoNetwork));
	}

	#[test]
	fn a_sweep_pays_only_the_vault() {
		let mut c = case();
		c.batch.sweep = true;
		assert_eq!(check(&c), Err(BridgeRefusal::SweepPays { batch: 4, payments: 2 }));
		c.batch.withdrawals.clear();
		c.purpose.payments.clear();
		c.requests.clear();
		assert_eq!(check(&c), Ok(()));
	}
}
