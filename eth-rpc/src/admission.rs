//! Why the pool would refuse a raw Ethereum transaction, said the way geth says it.
//!
//! The node's transaction pool answers every refusal of an Ethereum transaction with code 1010
//! "Invalid Transaction", whatever the cause, so wallets cannot tell a stale nonce from a wrong
//! chain id. Before a raw transaction goes to the pool, [`check`] compares it with the chain's
//! state (chain id, base fee, the sender's nonce and spendable balance at the best block) and
//! names the first rule it breaks, in geth's order and words:
//!
//! | rule | geth's message (code -32000) | ethers v6 error code |
//! |---|---|---|
//! | chain id | `invalid chain id for signer: have H want W` | `UNKNOWN_ERROR` |
//! | fee cap ≥ base fee | `transaction underpriced: address A, maxFeePerGas: F, baseFee: B` | `UNKNOWN_ERROR` |
//! | nonce ≥ account nonce | `nonce too low: next nonce N, tx nonce M` | `NONCE_EXPIRED` |
//! | balance ≥ gas × fee cap + value | `insufficient funds for gas * price + value: balance B, tx cost C, overshot O` | `INSUFFICIENT_FUNDS` |
//!
//! All amounts are wei, as `eth_getBalance` and `eth_gasPrice` report them. The cost uses the
//! fee cap (`maxFeePerGas`, or `gasPrice`), as geth does, although revive then charges only the
//! base fee: a wallet that shows "max cost" shows this number. A transaction that passes every
//! rule still goes to the pool, whose own verdict (for anything else) is passed on unchanged.
//! Legacy transactions without a chain id are left to the upstream server, which refuses them
//! unless `--allow-unprotected-txs` is given.

use pallet_revive::evm::TransactionSigned;
use sp_core::{H160, U256, U512};
use std::fmt;

/// What admission needs of a decoded, signed transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxFacts {
	/// The signer, recovered from the signature.
	pub from: H160,
	/// `None` for a pre-EIP-155 legacy transaction.
	pub chain_id: Option<U256>,
	pub nonce: U256,
	pub gas: U256,
	/// `maxFeePerGas`, or `gasPrice` for legacy and EIP-2930 transactions.
	pub fee_cap: U256,
	/// True for legacy and EIP-2930 transactions: geth calls their fee cap `gasPrice`.
	pub legacy_price: bool,
	pub value: U256,
}

/// The chain's side, at the best block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainFacts {
	pub chain_id: U256,
	/// `eth_gasPrice`: what the next block charges per gas.
	pub base_fee: U256,
	/// The sender's next nonce (`eth_getTransactionCount(from, "latest")`).
	pub nonce: U256,
	/// The sender's spendable balance (`eth_getBalance(from, "latest")`).
	pub balance: U256,
}

/// The first rule a transaction breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
	InvalidChainId { have: U256, want: U256 },
	Underpriced { from: H160, fee_cap: U256, base_fee: U256, legacy_price: bool },
	NonceTooLow { next: U256, tx: U256 },
	InsufficientFunds { balance: U256, cost: U512 },
}

/// geth's error code for transactions the pool refuses.
pub const GETH_ERROR_CODE: i32 = -32000;

impl fmt::Display for Refusal {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::InvalidChainId { have, want } => {
				write!(f, "invalid chain id for signer: have {have} want {want}")
			},
			Self::Underpriced { from, fee_cap, base_fee, legacy_price } => {
				let field = if *legacy_price { "gasPrice" } else { "maxFeePerGas" };
				write!(
					f,
					"transaction underpriced: address {from:?}, {field}: {fee_cap}, baseFee: {base_fee}"
				)
			},
			Self::NonceTooLow { next, tx } => {
				write!(f, "nonce too low: next nonce {next}, tx nonce {tx}")
			},
			Self::InsufficientFunds { balance, cost } => {
				let overshot = cost.saturating_sub(U512::from(*balance));
				write!(
					f,
					"insufficient funds for gas * price + value: balance {balance}, tx cost {cost}, \
					 overshot {overshot}"
				)
			},
		}
	}
}

/// Decodes a raw transaction and recovers its signer. `None` if it does not decode or its
/// signature does not recover: the upstream server answers those itself.
pub fn decode(raw: &[u8]) -> Option<TxFacts> {
	let signed = TransactionSigned::decode(raw).ok()?;
	let from = signed.recover_eth_address().ok()?;
	let (chain_id, nonce, gas, fee_cap, legacy_price, value) = match signed {
		TransactionSigned::TransactionLegacySigned(tx) => {
			let t = tx.transaction_legacy_unsigned;
			(t.chain_id, t.nonce, t.gas, t.gas_price, true, t.value)
		},
		TransactionSigned::Transaction2930Signed(tx) => {
			let t = tx.transaction_2930_unsigned;
			(Some(t.chain_id), t.nonce, t.gas, t.gas_price, true, t.value)
		},
		TransactionSigned::Transaction1559Signed(tx) => {
			let t = tx.transaction_1559_unsigned;
			(Some(t.chain_id), t.nonce, t.gas, t.max_fee_per_gas, false, t.value)
		},
		TransactionSigned::Transaction4844Signed(tx) => {
			let t = tx.transaction_4844_unsigned;
			(Some(t.chain_id), t.nonce, t.gas, t.max_fee_per_gas, false, t.value)
		},
		TransactionSigned::Transaction7702Signed(tx) => {
			let t = tx.transaction_7702_unsigned;
			(Some(t.chain_id), t.nonce, t.gas, t.max_fee_per_gas, false, t.value)
		},
	};
	Some(TxFacts { from, chain_id, nonce, gas, fee_cap, legacy_price, value })
}

/// `gas × fee cap + value`, which cannot overflow in 512 bits.
pub fn max_cost(tx: &TxFacts) -> U512 {
	U512::from(tx.gas) * U512::from(tx.fee_cap) + U512::from(tx.value)
}

/// The first of geth's admission rules `tx` breaks against `chain`, in geth's order: the
/// stateless ones (chain id, fee cap) before the ones that read the account.
pub fn check(tx: &TxFacts, chain: &ChainFacts) -> Result<(), Refusal> {
	if let Some(have) = tx.chain_id {
		if have != chain.chain_id {
			return Err(Refusal::InvalidChainId { have, want: chain.chain_id });
		}
	}
	if tx.fee_cap < chain.base_fee {
		return Err(Refusal::Underpriced {
			from: tx.from,
			fee_cap: tx.fee_cap,
			base_fee: chain.base_fee,
			legacy_price: tx.legacy_price,
		});
	}
	if tx.nonce < chain.nonce {
		return Err(Refusal::NonceTooLow { next: chain.nonce, tx: tx.nonce });
	}
	let cost = max_cost(tx);
	if cost > U512::from(chain.balance) {
		return Err(Refusal::InsufficientFunds { balance: chain.balance, cost });
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::front::decode_hex;

	const GWEI: u64 = 1_000_000_000;

	fn tx() -> TxFacts {
		TxFacts {
			from: H160::repeat_byte(0xaa),
			chain_id: Some(U256::from(5_521_744u64)),
			nonce: U256::from(7),
			gas: U256::from(21_000),
			fee_cap: U256::from(2 * GWEI),
			legacy_price: false,
			value: U256::from(1_000u64),
		}
	}

	fn chain() -> ChainFacts {
		ChainFacts {
			chain_id: U256::from(5_521_744u64),
			base_fee: U256::from(GWEI),
			nonce: U256::from(7),
			balance: U256::from(21_000 * 2 * GWEI + 1_000),
		}
	}

	#[test]
	fn a_transaction_that_breaks_no_rule_goes_to_the_pool() {
		assert_eq!(check(&tx(), &chain()), Ok(()));
		// A future nonce is the pool's business (it queues it), as in geth.
		assert_eq!(check(&TxFacts { nonce: U256::from(9), ..tx() }, &chain()), Ok(()));
		// The fee cap may equal the base fee exactly, the balance the cost exactly.
		let exact = TxFacts { fee_cap: U256::from(GWEI), ..tx() };
		assert_eq!(
			check(&exact, &ChainFacts { balance: U256::from(21_000 * GWEI + 1_000), ..chain() }),
			Ok(())
		);
		// No chain id: left to the upstream server's --allow-unprotected-txs rule.
		assert_eq!(
			check(&TxFacts { chain_id: None, legacy_price: true, ..tx() }, &chain()),
			Ok(())
		);
	}

	#[test]
	fn each_rule_is_named_in_geths_words() {
		let wrong_chain = TxFacts { chain_id: Some(U256::one()), ..tx() };
		let e = check(&wrong_chain, &chain()).unwrap_err();
		assert_eq!(e.to_string(), "invalid chain id for signer: have 1 want 5521744");

		let cheap = TxFacts { fee_cap: U256::from(GWEI - 1), ..tx() };
		let e = check(&cheap, &chain()).unwrap_err();
		assert_eq!(
			e.to_string(),
			"transaction underpriced: address 0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, \
			 maxFeePerGas: 999999999, baseFee: 1000000000"
		);
		let cheap_legacy = TxFacts { legacy_price: true, ..cheap };
		assert!(check(&cheap_legacy, &chain())
			.unwrap_err()
			.to_string()
			.contains(", gasPrice: 999999999,"));

		let stale = TxFacts { nonce: U256::from(6), ..tx() };
		let e = check(&stale, &chain()).unwrap_err();
		assert_eq!(e.to_string(), "nonce too low: next nonce 7, tx nonce 6");

		let poor = ChainFacts { balance: U256::from(21_000 * 2 * GWEI + 999), ..chain() };
		let e = check(&tx(), &poor).unwrap_err();
		assert_eq!(
			e.to_string(),
			"insufficient funds for gas * price + value: balance 42000000000999, tx cost \
			 42000000001000, overshot 1"
		);
	}

	#[test]
	fn rules_apply_in_geths_order() {
		// Everything wrong at once: the chain id is reported first, then the fee cap, then the
		// nonce, then the balance.
		let mut bad = TxFacts {
			chain_id: Some(U256::one()),
			fee_cap: U256::zero(),
			nonce: U256::zero(),
			..tx()
		};
		let broke = ChainFacts { balance: U256::zero(), ..chain() };
		assert!(matches!(check(&bad, &broke), Err(Refusal::InvalidChainId { .. })));
		bad.chain_id = tx().chain_id;
		assert!(matches!(check(&bad, &broke), Err(Refusal::Underpriced { .. })));
		bad.fee_cap = tx().fee_cap;
		assert!(matches!(check(&bad, &broke), Err(Refusal::NonceTooLow { .. })));
		bad.nonce = tx().nonce;
		assert!(matches!(check(&bad, &broke), Err(Refusal::InsufficientFunds { .. })));
	}

	#[test]
	fn the_cost_never_overflows() {
		let huge = TxFacts { gas: U256::MAX, fee_cap: U256::MAX, value: U256::MAX, ..tx() };
		let rich = ChainFacts { balance: U256::MAX, base_fee: U256::zero(), ..chain() };
		let e = check(&huge, &rich).unwrap_err();
		let expected = U512::from(U256::MAX) * U512::from(U256::MAX) + U512::from(U256::MAX);
		assert_eq!(e, Refusal::InsufficientFunds { balance: U256::MAX, cost: expected });
		assert!(e
			.to_string()
			.contains(&format!("overshot {}", expected - U512::from(U256::MAX))));
	}

	#[test]
	fn signed_transactions_decode_to_their_signer_and_fields() {
		// testdata/eth-txs.json holds transactions signed by ethers (see its "note").
		let vectors: serde_json::Value =
			serde_json::from_str(include_str!("../../testdata/eth-txs.json")).unwrap();
		for v in vectors["txs"].as_array().unwrap() {
			let raw = decode_hex(v["raw"].as_str().unwrap()).unwrap();
			let facts = decode(&raw).expect("decodes");
			let name = v["name"].as_str().unwrap();
			assert_eq!(
				format!("{:?}", facts.from),
				v["from"].as_str().unwrap().to_lowercase(),
				"{name}"
			);
			assert_eq!(facts.nonce, U256::from(v["nonce"].as_u64().unwrap()), "{name}");
			assert_eq!(facts.gas, U256::from(v["gas"].as_u64().unwrap()), "{name}");
			assert_eq!(facts.fee_cap, U256::from(v["feeCap"].as_u64().unwrap()), "{name}");
			assert_eq!(facts.value, U256::from(v["value"].as_u64().unwrap()), "{name}");
			assert_eq!(facts.chain_id, v["chainId"].as_u64().map(U256::from), "{name}");
			assert_eq!(facts.legacy_price, v["type"].as_u64().unwrap() < 2, "{name}");
		}
		// Not a transaction, and a transaction whose signature was tampered with.
		assert_eq!(decode(&[0x02, 0xde, 0xad]), None);
		let mut raw = decode_hex(vectors["txs"][0]["raw"].as_str().unwrap()).unwrap();
		let last = raw.len() - 1;
		raw[last] ^= 0xff;
		assert!(decode(&raw).map_or(true, |f| format!("{:?}", f.from)
			!= vectors["txs"][0]["from"].as_str().unwrap().to_lowercase()));
	}
}
