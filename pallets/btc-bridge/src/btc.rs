//! The Bitcoin side of the bridge, free of storage so that tests and clients can run it
//! directly: addresses, the OP_RETURN that names a recipient, the batch transaction and its
//! exact vsize, and the signature that claims an unclaimed deposit.

use crate::types::OutPoint;
use alloc::vec::Vec;
use bitcoin::{
	absolute::LockTime,
	consensus::serialize,
	hashes::Hash,
	script::Instruction,
	secp256k1::{ecdsa, schnorr, Message, PublicKey, Secp256k1, XOnlyPublicKey},
	transaction::Version,
	Amount, ScriptBuf, Sequence, Transaction, TxIn, TxOut, VarInt, Witness,
};
use tapchain_primitives::btc::BtcNetwork;

/// The nSequence of every batch input: below `0xFFFFFFFE`, so the transaction signals
/// BIP-125 replaceability from its first version and a fee bump can replace it; above the
/// BIP-68 range, so no relative lock applies.
pub const RBF_SEQUENCE: Sequence = Sequence(0xFFFF_FFFD);

/// The smallest change output the bridge makes: Bitcoin Core's dust limit of a P2TR output
/// (330 sat at the default 3 sat/vB dust relay fee).
pub const CHANGE_DUST: u64 = 330;

/// The smallest payment Bitcoin Core relays to any standard output type (P2PKH's 546 sat).
pub const PAYMENT_DUST: u64 = 546;

/// vbytes a withdrawal is quoted for: its output as if it were the largest standard one
/// (P2WSH/P2TR, 8 + 1 + 34 bytes). The batch charges each its real size.
pub const QUOTED_OUTPUT_VBYTES: u64 = 43;

/// An outpoint as the bridge stores it.
pub fn outpoint(o: bitcoin::OutPoint) -> OutPoint {
	OutPoint { txid: sp_core::H256(o.txid.to_byte_array()), vout: o.vout }
}

/// A stored outpoint as the `bitcoin` crate's.
pub fn to_bitcoin(o: OutPoint) -> bitcoin::OutPoint {
	bitcoin::OutPoint { txid: bitcoin::Txid::from_byte_array(o.txid.0), vout: o.vout }
}

/// The address text of `script` on `network`, if it has one (a standard output type).
pub fn address_of(script: &[u8], network: BtcNetwork) -> Option<alloc::string::String> {
	let address =
		bitcoin::Address::from_script(bitcoin::Script::from_bytes(script), network_of(network))
			.ok()?;
	Some(alloc::string::ToString::to_string(&address))
}

pub use tapchain_primitives::btc::{network_of, script_of_address, AddressError};

/// Who a deposit is for, as its OP_RETURN names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
	/// A 20-byte EVM address: credited to its mapped account, which `eth_getBalance` shows.
	Evm([u8; 20]),
	/// A 32-byte account.
	Account([u8; 32]),
}

/// The recipient a deposit names: its first OP_RETURN output, which must be exactly
/// `OP_RETURN <20 or 32 bytes>`. Any other first OP_RETURN (or none) names nobody, and the
/// deposit is recorded as unclaimed: guessing among several would let a wallet's unrelated
/// OP_RETURN redirect coins.
pub fn recipient(tx: &Transaction) -> Option<Recipient> {
	let out = tx.output.iter().find(|o| o.script_pubkey.is_op_return())?;
	let mut instructions = out.script_pubkey.instructions();
	let _op_return = instructions.next()?;
	let data = match instructions.next()? {
		Ok(Instruction::PushBytes(data)) => data.as_bytes(),
		_ => return None,
	};
	if instructions.next().is_some() {
		return None;
	}
	match data.len() {
		20 => Some(Recipient::Evm(data.try_into().ok()?)),
		32 => Some(Recipient::Account(data.try_into().ok()?)),
		_ => None,
	}
}

/// The batch transaction: version 2, lock time 0, each input with [`RBF_SEQUENCE`], then the
/// outputs in order. Deterministic, so every version and every node builds the same bytes.
pub fn build_tx(inputs: &[OutPoint], outputs: &[(u64, &[u8])]) -> Transaction {
	Transaction {
		version: Version::TWO,
		lock_time: LockTime::ZERO,
		input: inputs
			.iter()
			.map(|o| TxIn {
				previous_output: to_bitcoin(*o),
				script_sig: ScriptBuf::new(),
				sequence: RBF_SEQUENCE,
				witness: Witness::new(),
			})
			.collect(),
		output: outputs
			.iter()
			.map(|(value, spk)| TxOut {
				value: Amount::from_sat(*value),
				script_pubkey: ScriptBuf::from_bytes(spk.to_vec()),
			})
			.collect(),
	}
}

/// Bytes of an output paying a scriptPubKey of `spk_len` bytes: all non-witness, so also its
/// vbytes.
pub fn output_vbytes(spk_len: usize) -> u64 {
	(8 + VarInt(spk_len as u64).size() + spk_len) as u64
}

/// The vsize of a transaction with inputs whose witnesses are `witness_sizes` bytes and
/// outputs paying scriptPubKeys of `spk_lens` bytes: `⌈weight / 4⌉` with weight = 4 ×
/// non-witness bytes + marker, flag and witnesses (BIP-141).
pub fn vsize(witness_sizes: &[u32], spk_lens: &[usize]) -> u64 {
	let inputs = witness_sizes.len();
	let base = 4
		+ VarInt(inputs as u64).size()
		+ inputs * (32 + 4 + 1 + 4)
		+ VarInt(spk_lens.len() as u64).size()
		+ spk_lens.iter().map(|l| output_vbytes(*l) as usize).sum::<usize>()
		+ 4;
	let witness: u64 = witness_sizes.iter().map(|w| *w as u64).sum();
	let weight = 4 * base as u64 + if inputs > 0 { 2 + witness } else { 0 };
	weight.div_ceil(4)
}

/// BIP-340's tagged hash: `SHA256(SHA256(tag) ‖ SHA256(tag) ‖ parts…)`.
pub use tapchain_primitives::tagged_hash;

/// What the sender of an unclaimed deposit signs to claim it to `account` (its SCALE
/// encoding): `TaggedHash("Tapchain/DepositClaim", genesis ‖ txid ‖ vout (LE) ‖ account)`. The
/// genesis hash keeps a claim on one chain from replaying on another.
pub fn claim_message(genesis: &[u8; 32], deposit: &OutPoint, account: &[u8]) -> [u8; 32] {
	tagged_hash(
		"Tapchain/DepositClaim",
		&[genesis, deposit.txid.as_bytes(), &deposit.vout.to_le_bytes(), account],
	)
}

/// Why a claim signature is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimError {
	/// The spent output is neither P2TR nor P2WPKH.
	UnsupportedInput,
	/// A P2WPKH input needs its public key.
	MissingPubkey,
	/// The public key does not hash to the P2WPKH program.
	PubkeyMismatch,
	/// The signature does not verify.
	BadSignature,
}

/// Checks that `signature` over `msg` is by the key that controls `spent` (the output the
/// deposit's first input spent): BIP-340 by the output key of a P2TR output, or compact
/// ECDSA by `pubkey`, whose HASH160 a P2WPKH output commits to.
pub fn verify_claim(
	spent: &ScriptBuf,
	pubkey: Option<&[u8; 33]>,
	signature: &[u8; 64],
	msg: &[u8; 32],
) -> Result<(), ClaimError> {
	let secp = Secp256k1::verification_only();
	let message = Message::from_digest(*msg);
	if spent.is_p2tr() {
		let key = XOnlyPublicKey::from_slice(&spent.as_bytes()[2..34])
			.map_err(|_| ClaimError::BadSignature)?;
		let sig =
			schnorr::Signature::from_slice(signature).map_err(|_| ClaimError::BadSignature)?;
		secp.verify_schnorr(&sig, &message, &key).map_err(|_| ClaimError::BadSignature)
	} else if spent.is_p2wpkh() {
		let pubkey = pubkey.ok_or(ClaimError::MissingPubkey)?;
		let key = bitcoin::CompressedPublicKey::from_slice(pubkey)
			.map_err(|_| ClaimError::PubkeyMismatch)?;
		if ScriptBuf::new_p2wpkh(&key.wpubkey_hash()) != *spent {
			return Err(ClaimError::PubkeyMismatch);
		}
		let pk = PublicKey::from_slice(pubkey).map_err(|_| ClaimError::PubkeyMismatch)?;
		let sig =
			ecdsa::Signature::from_compact(signature).map_err(|_| ClaimError::BadSignature)?;
		secp.verify_ecdsa(&message, &sig, &pk).map_err(|_| ClaimError::BadSignature)
	} else {
		Err(ClaimError::UnsupportedInput)
	}
}

/// The consensus bytes of `tx`.
pub fn encode(tx: &Transaction) -> Vec<u8> {
	serialize(tx)
}
