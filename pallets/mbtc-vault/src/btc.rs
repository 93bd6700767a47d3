//! The Bitcoin side of the vault, free of storage so that tests and clients can run it
//! directly: the bridge-in envelope and its query, the BIP-341 check that ties an envelope to
//! the output it spends, the channel's payment, and the OP_RETURN of a bridge-out.
//!
//! ## The envelope
//!
//! A bridge-in is a Bitcoin transaction one of whose inputs is a taproot script-path spend
//! whose leaf script carries, anywhere in it, an envelope in Merlin's format with this chain's
//! protocol tag:
//!
//! ```text
//! OP_FALSE OP_IF "tapchain/v/1.0" OP_1 "bridge-in" OP_0 "des=evm&channel=7&account=0x…" OP_ENDIF
//! ```
//!
//! `OP_FALSE OP_IF … OP_ENDIF` never executes, so the leaf is still just its spending condition
//! (typically `<key> OP_CHECKSIG` before the envelope). The first push is the protocol tag,
//! then tagged fields (tag `1`, as `OP_1` or a one-byte push, is the operation), then `OP_0` and
//! the body, which may be split over several pushes (each at most 520 bytes) and is their
//! concatenation. Ordinals inscriptions use the same shape with the tag `ord`: they parse, and are
//! refused as an unknown protocol.
//!
//! The query is `key=value` pairs joined by `&`, each key once:
//! - `des`: `evm` (the account is a 20-byte EVM address, credited to its mapped account) or
//!   `sub` (a 32-byte account);
//! - `channel`: the channel's id, in decimal;
//! - `account`: `0x` and 40 (evm) or 64 (sub) hex digits.

use alloc::vec::Vec;
use bitcoin::{
	opcodes::all::{OP_ENDIF, OP_IF, OP_PUSHNUM_1},
	script::Instruction,
	secp256k1::{Secp256k1, XOnlyPublicKey},
	taproot::{ControlBlock, LeafVersion},
	Script, Transaction,
};
pub use tapchain_primitives::bridge::DepositRecipient;

/// The protocol part of the envelope's tag.
pub const PROTOCOL: &[u8] = b"tapchain";
/// What separates the protocol from its version in the tag.
pub const VERSION_SEPARATOR: &[u8] = b"/v/";
/// The only version this runtime reads.
pub const VERSION: &[u8] = b"1.0";
/// The whole tag of this version, `tapchain/v/1.0`.
pub const TAG: &[u8] = b"tapchain/v/1.0";
/// The operation of a bridge-in.
pub const BRIDGE_IN: &[u8] = b"bridge-in";
/// Most inputs a bridge-in transaction may have (each needs its own proof).
pub const MAX_INPUTS: usize = 3;
/// Most outputs a bridge-in transaction may have: the payment and change.
pub const MAX_OUTPUTS: usize = 2;
/// What a bridge-out payment's OP_RETURN starts with, before the request id (8 bytes,
/// big-endian).
pub const REQUEST_TAG: &[u8] = b"TAPOUT";
/// The longest query read, in bytes.
pub const MAX_QUERY: usize = 256;

/// Who a bridge-in is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
	/// A 20-byte EVM address: credited to its mapped account.
	Evm([u8; 20]),
	/// A 32-byte account.
	Account([u8; 32]),
}

impl Recipient {
	/// The account it names.
	pub fn account<A, R: DepositRecipient<A>>(&self) -> Option<A> {
		match self {
			Self::Evm(address) => Some(R::from_evm(*address)),
			Self::Account(bytes) => R::from_bytes(*bytes),
		}
	}
}

/// A bridge-in's query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
	/// The channel paid.
	pub channel: u32,
	/// Who receives the MBTC.
	pub recipient: Recipient,
}

/// Why a transaction carries no usable envelope. Ordered from the least to the most specific:
/// when several inputs fail, the most specific reason is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EnvelopeError {
	/// No input is a script-path spend with an `OP_FALSE OP_IF` envelope in its leaf.
	NoEnvelope,
	/// An envelope whose tag is not `tapchain/v/…` (an ordinals inscription, for one).
	UnknownProtocol,
	/// A `tapchain/v/…` envelope of a version this runtime does not read.
	UnknownVersion,
	/// A `tapchain/v/1.0` envelope whose operation is not `bridge-in`, or that is cut short
	/// (no `OP_ENDIF`, an operation but no body).
	UnknownOperation,
	/// The query is not `key=value&…` with known keys, each once, and well-formed values.
	MalformedQuery,
	/// The query lacks `des`, `channel` or `account`.
	IncompleteQuery,
}

/// An envelope as found in a leaf script, before its protocol is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEnvelope {
	/// The first push: the protocol tag.
	pub tag: Vec<u8>,
	/// The tagged fields before the body, as (tag, value).
	pub fields: Vec<(Vec<u8>, Vec<u8>)>,
	/// The body: every push after `OP_0`, concatenated. `None` if there is no `OP_0`.
	pub body: Option<Vec<u8>>,
}

/// The envelopes (`OP_FALSE OP_IF … OP_ENDIF`) of a leaf script, in order. A script that does
/// not parse yields the envelopes before the bad opcode; an envelope cut short by the end of the
/// script (no `OP_ENDIF`) or holding an opcode that is not a push is not one.
pub fn envelopes(script: &Script) -> Vec<RawEnvelope> {
	let mut found = Vec::new();
	let mut instructions = script.instructions().peekable();
	let mut previous_was_false = false;
	while let Some(Ok(instruction)) = instructions.next() {
		let is_false = matches!(instruction, Instruction::PushBytes(p) if p.is_empty());
		if previous_was_false && instruction == Instruction::Op(OP_IF) {
			previous_was_false = false;
			// Collect the pushes until OP_ENDIF.
			let mut pushes: Vec<Option<Vec<u8>>> = Vec::new();
			let mut closed = false;
			for next in instructions.by_ref() {
				match next {
					Ok(Instruction::Op(op)) if op == OP_ENDIF => {
						closed = true;
						break;
					},
					Ok(Instruction::Op(op)) if op == OP_PUSHNUM_1 => pushes.push(Some(vec1(1))),
					Ok(Instruction::PushBytes(p)) => pushes.push(Some(p.as_bytes().to_vec())),
					// Any other opcode (or a parse error): not an envelope.
					_ => break,
				}
			}
			if closed {
				if let Some(envelope) = raw_envelope(pushes) {
					found.push(envelope);
				}
			}
			continue;
		}
		previous_was_false = is_false;
	}
	found
}

fn vec1(b: u8) -> Vec<u8> {
	alloc::vec![b]
}

fn raw_envelope(pushes: Vec<Option<Vec<u8>>>) -> Option<RawEnvelope> {
	let mut pushes = pushes.into_iter().flatten();
	let tag = pushes.next()?;
	let mut fields = Vec::new();
	let mut body = None;
	while let Some(field) = pushes.next() {
		if field.is_empty() {
			// OP_0: the body follows.
			let mut all = Vec::new();
			for chunk in pushes.by_ref() {
				all.extend_from_slice(&chunk);
			}
			body = Some(all);
			break;
		}
		let value = pushes.next().unwrap_or_default();
		fields.push((field, value));
	}
	Some(RawEnvelope { tag, fields, body })
}

/// The query of a `tapchain/v/1.0` bridge-in envelope, or why `envelope` is not one.
pub fn bridge_in_query(envelope: &RawEnvelope) -> Result<Query, EnvelopeError> {
	let mut prefix = PROTOCOL.to_vec();
	prefix.extend_from_slice(VERSION_SEPARATOR);
	let version = envelope
		.tag
		.strip_prefix(prefix.as_slice())
		.ok_or(EnvelopeError::UnknownProtocol)?;
	if version != VERSION {
		return Err(EnvelopeError::UnknownVersion);
	}
	match envelope.fields.as_slice() {
		[(tag, operation)] if tag.as_slice() == [1] && operation.as_slice() == BRIDGE_IN => {},
		_ => return Err(EnvelopeError::UnknownOperation),
	}
	let body = envelope.body.as_ref().ok_or(EnvelopeError::UnknownOperation)?;
	parse_query(body)
}

/// Parses `des=…&channel=…&account=…` (any order, each key once).
pub fn parse_query(query: &[u8]) -> Result<Query, EnvelopeError> {
	use EnvelopeError::{IncompleteQuery, MalformedQuery};
	if query.len() > MAX_QUERY {
		return Err(MalformedQuery);
	}
	let text = core::str::from_utf8(query).map_err(|_| MalformedQuery)?;
	let (mut des, mut channel, mut account) = (None, None, None);
	for pair in text.split('&') {
		let (key, value) = pair.split_once('=').ok_or(MalformedQuery)?;
		let slot = match key {
			"des" => &mut des,
			"channel" => &mut channel,
			"account" => &mut account,
			_ => return Err(MalformedQuery),
		};
		if slot.replace(value).is_some() {
			return Err(MalformedQuery);
		}
	}
	let (des, channel, account) = match (des, channel, account) {
		(Some(d), Some(c), Some(a)) => (d, c, a),
		_ => return Err(IncompleteQuery),
	};
	// Decimal digits only: no sign, no leading zero, so that one channel has one spelling.
	if channel.is_empty()
		|| !channel.bytes().all(|b| b.is_ascii_digit())
		|| (channel.len() > 1 && channel.starts_with('0'))
	{
		return Err(MalformedQuery);
	}
	let channel: u32 = channel.parse().map_err(|_| MalformedQuery)?;
	let hex = account.strip_prefix("0x").ok_or(MalformedQuery)?;
	let recipient = match des {
		"evm" => Recipient::Evm(decode_hex::<20>(hex).ok_or(MalformedQuery)?),
		"sub" => Recipient::Account(decode_hex::<32>(hex).ok_or(MalformedQuery)?),
		_ => return Err(MalformedQuery),
	};
	Ok(Query { channel, recipient })
}

fn decode_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
	let hex = hex.as_bytes();
	if hex.len() != 2 * N {
		return None;
	}
	let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
	let mut out = [0u8; N];
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = digit(hex[2 * i])? << 4 | digit(hex[2 * i + 1])?;
	}
	Some(out)
}

/// A bridge-in envelope found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
	/// Which input spends the leaf.
	pub input: usize,
	/// The query.
	pub query: Query,
	/// The leaf script.
	pub leaf: Vec<u8>,
	/// The control block that reveals it.
	pub control_block: Vec<u8>,
}

/// The first bridge-in envelope among `tx`'s script-path inputs, or the most specific reason
/// none is usable ([`EnvelopeError`]'s order).
pub fn find_bridge_in(tx: &Transaction) -> Result<Found, EnvelopeError> {
	let mut worst = EnvelopeError::NoEnvelope;
	for (input, txin) in tx.input.iter().enumerate() {
		let Some(spend) = txin.witness.taproot_leaf_script() else {
			continue;
		};
		// Envelopes are read in tapscript leaves only (BIP-342), like ordinals.
		if spend.version != LeafVersion::TapScript {
			continue;
		}
		let (leaf, control_block) = (spend.script, txin.witness.taproot_control_block());
		let Some(control_block) = control_block else {
			continue;
		};
		for envelope in envelopes(leaf) {
			match bridge_in_query(&envelope) {
				Ok(query) => {
					return Ok(Found {
						input,
						query,
						leaf: leaf.to_bytes(),
						control_block: control_block.to_vec(),
					})
				},
				Err(e) => worst = worst.max(e),
			}
		}
	}
	Err(worst)
}

/// BIP-341: whether the tapscript `leaf`, revealed by `control_block`, is committed to by the
/// output key of `prevout_script` (which must be a P2TR output). That proves whoever made
/// that output put the leaf in its tap tree; it does not prove that this leaf is the one
/// that was executed (the txid does not cover the witness), nor that a signature in it is
/// valid.
pub fn leaf_commits(prevout_script: &[u8], leaf: &[u8], control_block: &[u8]) -> bool {
	let script = Script::from_bytes(prevout_script);
	if !script.is_p2tr() {
		return false;
	}
	let Ok(output_key) = XOnlyPublicKey::from_slice(&prevout_script[2..34]) else {
		return false;
	};
	let Ok(control) = ControlBlock::decode(control_block) else {
		return false;
	};
	if control.leaf_version != LeafVersion::TapScript {
		return false;
	}
	control.verify_taproot_commitment(
		&Secp256k1::verification_only(),
		output_key,
		Script::from_bytes(leaf),
	)
}

/// The sats `tx` pays to `script` (the sum over its outputs to it); `None` on overflow, which
/// no real transaction reaches.
pub fn paid_to(tx: &Transaction, script: &[u8]) -> Option<u64> {
	tx.output
		.iter()
		.filter(|o| o.script_pubkey.as_bytes() == script)
		.try_fold(0u64, |sum, o| sum.checked_add(o.value.to_sat()))
}

/// The OP_RETURN script that names bridge-out request `id`:
/// `OP_RETURN <"TAPOUT" ‖ id as 8 bytes big-endian>`.
pub fn request_script(id: u64) -> bitcoin::ScriptBuf {
	let mut data = [0u8; 14];
	data[..6].copy_from_slice(REQUEST_TAG);
	data[6..].copy_from_slice(&id.to_be_bytes());
	bitcoin::ScriptBuf::new_op_return(data)
}

/// Whether one of `tx`'s outputs is exactly [`request_script`]`(id)`.
pub fn names_request(tx: &Transaction, id: u64) -> bool {
	let expected = request_script(id);
	tx.output.iter().any(|o| o.script_pubkey == expected)
}
