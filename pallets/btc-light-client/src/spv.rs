//! SPV: proving a transaction is in a best-chain block, from `gettxoutproof` bytes.

use crate::{
	pallet::{BestBlock, BestChain, Config, Headers, Network},
	types::block_hash_to_h256,
};
use alloc::vec::Vec;
use bitcoin::{consensus, merkle_tree::MerkleBlock, Transaction, Txid};
use sp_core::H256;
use tapchain_primitives::btc::{SpvError, TxInclusion};

/// Checks, in order:
/// 1. the light client is initialized;
/// 2. the proof decodes as a `CMerkleBlock` with no trailing bytes;
/// 3. its block is stored, on the best chain, not above the tip, with `min_confirmations`;
/// 4. the transaction is not 64 bytes (stripped) and decodes with no trailing bytes;
/// 5. the partial Merkle tree is well formed and hashes to the header's Merkle root;
/// 6. the tree marks this transaction's txid.
pub fn verify_tx_inclusion<T: Config>(
	raw_tx: &[u8],
	merkle_block: &[u8],
	min_confirmations: u32,
) -> Result<TxInclusion, SpvError> {
	Network::<T>::get().ok_or(SpvError::NotInitialized)?;
	let best = BestBlock::<T>::get().ok_or(SpvError::NotInitialized)?;

	let mb: MerkleBlock =
		consensus::deserialize(merkle_block).map_err(|_| SpvError::MalformedProof)?;
	let block_hash = block_hash_to_h256(mb.header.block_hash());
	let entry = Headers::<T>::get(block_hash).ok_or(SpvError::UnknownBlock)?;
	if BestChain::<T>::get(entry.height) != Some(block_hash) {
		return Err(SpvError::NotOnBestChain);
	}
	let confirmations = best
		.height
		.checked_sub(entry.height)
		.and_then(|d| d.checked_add(1))
		.ok_or(SpvError::AboveBestTip)?;
	if confirmations < min_confirmations {
		return Err(SpvError::InsufficientConfirmations);
	}

	// A 64-byte "transaction" may be an inner node of the tree: refuse before anything else.
	if raw_tx.len() == 64 {
		return Err(SpvError::TransactionIs64Bytes);
	}
	let tx: Transaction =
		consensus::deserialize(raw_tx).map_err(|_| SpvError::MalformedTransaction)?;
	if tx.base_size() == 64 {
		return Err(SpvError::TransactionIs64Bytes);
	}
	let txid = tx.compute_txid();

	let mut matches: Vec<Txid> = Vec::new();
	let mut indexes: Vec<u32> = Vec::new();
	let root = mb
		.txn
		.extract_matches(&mut matches, &mut indexes)
		.map_err(|_| SpvError::InvalidMerkleTree)?;
	if root != mb.header.merkle_root {
		return Err(SpvError::MerkleRootMismatch);
	}
	let pos = matches.iter().position(|m| *m == txid).ok_or(SpvError::TxNotInProof)?;
	let index = *indexes.get(pos).ok_or(SpvError::TxNotInProof)?;

	use bitcoin::hashes::Hash;
	Ok(TxInclusion {
		height: entry.height,
		block_hash,
		index,
		txid: H256(txid.to_byte_array()),
		confirmations,
	})
}
