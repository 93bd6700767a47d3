//! Bitcoin-facing types every pallet and client agrees on, and the [`BtcLightClient`] trait
//! through which the bridges and the rollup pallet read Bitcoin.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// A Bitcoin network, with Bitcoin Core's parameters for it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum BtcNetwork {
	/// Bitcoin mainnet (`main` in `getblockchaininfo`).
	Mainnet,
	/// testnet3 (`test`): min-difficulty blocks after 20 minutes.
	Testnet3,
	/// testnet4 (`testnet4`): the 20-minute rule plus BIP94's time-warp fix.
	Testnet4,
	/// The default signet (`signet`).
	Signet,
	/// regtest (`regtest`): no retargeting.
	Regtest,
}

impl BtcNetwork {
	/// The network named by `getblockchaininfo`'s `chain` field.
	pub fn from_core_chain(chain: &str) -> Option<Self> {
		Some(match chain {
			"main" => Self::Mainnet,
			"test" => Self::Testnet3,
			"testnet4" => Self::Testnet4,
			"signet" => Self::Signet,
			"regtest" => Self::Regtest,
			_ => return None,
		})
	}

	/// Whether forging this network's headers costs real hash power, so that value may rest on
	/// a header-only light client. Only mainnet:
	/// - testnet3 and testnet4 allow minimum-difficulty blocks after 20 minutes, which a laptop
	///   mines;
	/// - signet blocks are valid by a signature (BIP325) in the coinbase transaction, which a
	///   header-only client never sees, and signet's difficulty is low;
	/// - regtest's proof of work is trivial.
	pub fn secure_for_value(&self) -> bool {
		matches!(self, Self::Mainnet)
	}

	/// The `chain` name Bitcoin Core uses for this network.
	pub fn core_chain(&self) -> &'static str {
		match self {
			Self::Mainnet => "main",
			Self::Testnet3 => "test",
			Self::Testnet4 => "testnet4",
			Self::Signet => "signet",
			Self::Regtest => "regtest",
		}
	}
}

/// Where a proven transaction sits.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct TxInclusion {
	/// Height of the block that contains it.
	pub height: u32,
	/// Hash of that block, internal byte order.
	pub block_hash: H256,
	/// Position of the transaction in the block (0 = coinbase).
	pub index: u32,
	/// The transaction id, internal byte order.
	pub txid: H256,
	/// Confirmations of the block at the time of the check (1 = it is the tip).
	pub confirmations: u32,
}

/// Why an SPV proof was refused. Each cause has its own variant so callers (and relayers reading
/// a runtime API answer) know what to fix.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub enum SpvError {
	/// The light client has no Bitcoin chain yet.
	NotInitialized,
	/// The proof is not a `gettxoutproof` (CMerkleBlock) encoding, or has trailing bytes.
	MalformedProof,
	/// The partial Merkle tree is inconsistent (bits, hashes or counts do not add up, or it
	/// repeats a hash as in CVE-2012-2459).
	InvalidMerkleTree,
	/// The tree does not hash to the header's Merkle root: a wrong branch.
	MerkleRootMismatch,
	/// The raw transaction does not decode, or has trailing bytes.
	MalformedTransaction,
	/// The transaction's non-witness serialization is 64 bytes, so it could be an inner Merkle
	/// node passed off as a leaf. Such proofs are refused outright.
	TransactionIs64Bytes,
	/// The proof is valid but does not mark this transaction: it points at another leaf (a wrong
	/// index).
	TxNotInProof,
	/// The proof's block is not known to the light client.
	UnknownBlock,
	/// The proof's block is known but on a fork, not on the best chain.
	NotOnBestChain,
	/// The block has fewer confirmations than required.
	InsufficientConfirmations,
	/// The block is indexed on the best chain above the best block: the light client's state
	/// is inconsistent, so no confirmation count can be trusted.
	AboveBestTip,
}

/// The light client as other pallets see it.
pub trait BtcLightClient {
	/// The network the light client follows, if initialized.
	fn network() -> Option<BtcNetwork>;

	/// Whether the followed network is secure for value ([`BtcNetwork::secure_for_value`]):
	/// `false` before initialization and on every network but mainnet. Bridges refuse value
	/// when this is `false`, unless the chain spec opts in.
	fn secure_for_value() -> bool;

	/// Height and hash (internal byte order) of the best block.
	fn best_block() -> Option<(u32, H256)>;

	/// Confirmations of a block on the best chain (1 = the tip); `None` if the block is unknown
	/// or on a fork.
	fn confirmations(hash: &H256) -> Option<u32>;

	/// Checks that `raw_tx` is in a best-chain block with at least `min_confirmations`, using
	/// Bitcoin Core's `gettxoutproof` bytes.
	fn verify_tx_inclusion(
		raw_tx: &[u8],
		merkle_block: &[u8],
		min_confirmations: u32,
	) -> Result<TxInclusion, SpvError>;

	/// The benchmarked worst-case weight of [`Self::verify_tx_inclusion`] for a proof of
	/// `proof_len` bytes and a transaction of `tx_len` bytes: what a bridge charges for it.
	fn verify_tx_inclusion_weight(proof_len: u32, tx_len: u32) -> sp_runtime::Weight;
}

/// The `bitcoin` crate's network of a light-client network.
pub fn network_of(network: BtcNetwork) -> bitcoin::Network {
	match network {
		BtcNetwork::Mainnet => bitcoin::Network::Bitcoin,
		BtcNetwork::Testnet3 => bitcoin::Network::Testnet,
		BtcNetwork::Testnet4 => bitcoin::Network::Testnet4,
		BtcNetwork::Signet => bitcoin::Network::Signet,
		BtcNetwork::Regtest => bitcoin::Network::Regtest,
	}
}

/// Why an address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressError {
	/// Not a Bitcoin address (bad encoding, checksum or length).
	Invalid,
	/// A valid address of another network.
	WrongNetwork,
	/// A valid address of a type that is not standard to pay (a future witness version).
	Unsupported,
}

/// The scriptPubKey of `address` (its text, as a user typed it) if it is a standard address
/// (P2PKH, P2SH, P2WPKH, P2WSH, P2TR) of `network`.
pub fn script_of_address(
	address: &[u8],
	network: BtcNetwork,
) -> Result<bitcoin::ScriptBuf, AddressError> {
	let text = core::str::from_utf8(address).map_err(|_| AddressError::Invalid)?;
	let unchecked: bitcoin::Address<bitcoin::address::NetworkUnchecked> =
		text.parse().map_err(|_| AddressError::Invalid)?;
	let address = unchecked
		.require_network(network_of(network))
		.map_err(|_| AddressError::WrongNetwork)?;
	match address.address_type() {
		Some(
			bitcoin::AddressType::P2pkh
			| bitcoin::AddressType::P2sh
			| bitcoin::AddressType::P2wpkh
			| bitcoin::AddressType::P2wsh
			| bitcoin::AddressType::P2tr,
		) => Ok(address.script_pubkey()),
		_ => Err(AddressError::Unsupported),
	}
}
