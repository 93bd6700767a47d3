//! # Threshold signer pallet
//!
//! The validators' Bitcoin keys, the 2/3 Taproot vault they form, and the signing rounds in
//! which they sign the vault's transactions, every signature checked by the runtime.
//!
//! ## Terminology
//!
//! - **Signer key**: an x-only secp256k1 key (BIP-340) a validator account registers with
//!   [`Pallet::register_key`] and a **proof of possession**: a BIP-340 signature by that key
//!   over [`taproot::possession_message`] (genesis hash, account, key). Without it, an operator
//!   could register someone else's key (a rogue key, or a key it cannot sign with, which
//!   silently lowers the real threshold). A key belongs to one account; replacing it takes
//!   effect at the next signer-set change, so a vault's keys never change under it.
//! - **Signer set**: at each session change ([`Pallet::on_session_start`]) the validators of
//!   the set that takes effect that have a key, sorted by key, at most [`Config::MaxSigners`]
//!   (BIP-342 allows 999 keys per script; the validator set's cap of 32 applies today).
//! - **Threshold** `k = ⌈2n/3⌉`.
//! - **Vault**: the P2TR output of one signer set ([`Vault`]):
//!   - internal key: the BIP-327 `KeyAgg` of the sorted keys, so the key path needs every
//!     signer (a cooperative MuSig2 spend, cheapest on Bitcoin);
//!   - leaf 1: `multi_a(k, keys)` (`<K1> OP_CHECKSIG <K2> OP_CHECKSIGADD … <k> OP_NUMEQUAL`),
//!     the path every round signs;
//!   - leaf 2, if governance configured [`Recovery`]:
//!     `and_v(v:older(D), multi_a(kr, recovery keys))`, so coins survive the loss of the whole
//!     validator set. They are safe from the recovery keys as long as the bridge moves every
//!     UTXO before `D` blocks.
//!
//!   Each vault is also given as a BIP-386 descriptor with its BIP-380 checksum, which
//!   Bitcoin Core's `getdescriptorinfo`/`importdescriptors` accept, so an operator can watch
//!   it. Every vault is kept, by [`VaultId`], until its coins are swept and its user retires it.
//! - **Round**: a request, through [`ThresholdSigning`], to sign one unsigned Bitcoin
//!   transaction that spends vault outputs, for a stated [`Purpose`]. The runtime computes each
//!   input's BIP-341 script-path sighash (SIGHASH_DEFAULT) for its vault's `multi_a` leaf.
//!
//! ## Flows
//!
//! 1. A validator registers its key: `register_key(key, proof)`.
//! 2. At the next session change the signer set and, if it changed, a new vault are made.
//! 3. A pallet (the bridge) calls [`ThresholdSigning::request_signatures`]: the transaction
//!    must pay exactly the purpose's outputs, then at most one change output to the named
//!    vault, and spend only outputs of known vaults.
//! 4. Signer daemons read the round, check the transaction against the purpose themselves, and
//!    call [`Pallet::submit_signatures`] with one signature per input of their vaults. A valid
//!    signature costs its signer no fee; an invalid or duplicate one is refused and pays.
//! 5. When every input has its vault's `k` signatures the runtime assembles the witnesses
//!    (signatures in key order, empty elements for keys that did not sign, the leaf, the
//!    control block), stores the signed transaction ([`SignedTx`]) and tells the caller
//!    ([`OnSigningComplete`]). The round records who signed, so a silent signer is visible.
//!
//! ## Dispatchables
//!
//! - [`Pallet::register_key`]: a validator account's key, with its proof of possession.
//! - [`Pallet::submit_signatures`]: a signer's signatures for a round.
//! - [`Pallet::set_recovery`]: governance; the recovery path of vaults made from now on.
//! - [`Pallet::open_round`]: governance; a round with a purpose of its own (e.g. returning
//!   coins sent to a retired vault address), checked exactly like a pallet's. It must not
//!   spend coins another pallet tracks (the bridge's): that pallet is not told of the spend.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod consensus_tests;
#[cfg(test)]
mod mock;
pub mod taproot;
#[cfg(test)]
mod tests;
mod types;
#[cfg(test)]
mod vectors;
pub mod weights;

use alloc::vec::Vec;
use bitcoin::{
	consensus::{deserialize, serialize},
	hashes::Hash,
	secp256k1::{Secp256k1, XOnlyPublicKey},
	taproot::{LeafVersion, TapLeafHash},
	Amount, ScriptBuf, Transaction, TxOut,
};
use frame_support::{
	pallet_prelude::*,
	traits::{Contains, ValidatorSet},
};
use frame_system::pallet_prelude::*;
use tapchain_primitives::{
	btc::BtcLightClient,
	signer::{OnSigningComplete, SpendAudit, ThresholdSigning},
};

const LOG_TARGET: &str = "threshold-signer";

/// Most bytes of an assembled (signed) transaction: the unsigned bytes plus, per input, `n`
/// 65-byte signature pushes, a leaf of `34n + 4` bytes and a 65-byte control block.
pub type MaxSignedTxLen = ConstU32<{ 100 * 1024 }>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The validators of the current session (`pallet-session`).
		type Validators: ValidatorSet<Self::AccountId, ValidatorId = Self::AccountId>;

		/// Accounts that may register a key: validators and candidates (in the runtime, those
		/// with session keys, which already cost a deposit, so keys cannot be spammed).
		type Eligible: Contains<Self::AccountId>;

		/// The Bitcoin light client, for the network vault addresses are shown on.
		type LightClient: BtcLightClient;

		/// Told when a round completes.
		type OnSigningComplete: OnSigningComplete;

		/// Sets the recovery path and opens governance rounds.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most signers in a vault.
		#[pallet::constant]
		type MaxSigners: Get<u32>;

		/// Most recovery keys.
		#[pallet::constant]
		type MaxRecoveryKeys: Get<u32>;

		/// Most vaults kept at once. While this many exist, a signer-set change keeps the
		/// current vault (event [`Event::RotationDeferred`]) until a vault is retired.
		#[pallet::constant]
		type MaxVaults: Get<u32>;

		/// Most inputs of a round's transaction.
		#[pallet::constant]
		type MaxInputs: Get<u32>;

		/// Most bytes of a round's unsigned transaction.
		#[pallet::constant]
		type MaxTxSize: Get<u32>;

		/// Most payments a purpose names.
		#[pallet::constant]
		type MaxPayments: Get<u32>;

		/// Most rounds kept at once (open or complete, until their caller forgets them).
		#[pallet::constant]
		type MaxRounds: Get<u32>;

		/// Weights.
		type WeightInfo: WeightInfo;

		/// Sets up validators and eligible accounts for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Each account's registered key: what the next signer set will use.
	#[pallet::storage]
	pub type Keys<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BtcKey>;

	/// The account each registered key belongs to (the inverse of [`Keys`]).
	#[pallet::storage]
	pub type KeyOwner<T: Config> = StorageMap<_, Blake2_128Concat, BtcKey, T::AccountId>;

	/// The recovery path the next vault will carry.
	#[pallet::storage]
	pub type RecoveryConfig<T: Config> = StorageValue<_, Recovery<T>, OptionQuery>;

	/// Every kept vault.
	#[pallet::storage]
	pub type Vaults<T: Config> = StorageMap<_, Twox64Concat, VaultId, Vault<T>>;

	/// How many vaults are kept.
	#[pallet::storage]
	pub type VaultCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The vault deposits pay now.
	#[pallet::storage]
	pub type CurrentVault<T: Config> = StorageValue<_, VaultId, OptionQuery>;

	/// The id the next vault gets.
	#[pallet::storage]
	pub type NextVaultId<T: Config> = StorageValue<_, VaultId, ValueQuery>;

	/// Rounds, open and complete.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, RoundId, Round<T>>;

	/// How many rounds are kept.
	#[pallet::storage]
	pub type RoundCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The id the next round gets.
	#[pallet::storage]
	pub type NextRoundId<T: Config> = StorageValue<_, RoundId, ValueQuery>;

	/// The signed transaction of each complete round.
	#[pallet::storage]
	pub type SignedTx<T: Config> =
		StorageMap<_, Twox64Concat, RoundId, BoundedVec<u8, MaxSignedTxLen>>;

	/// The round of each round's txid, from the moment it opens (not only once complete:
	/// signers who signed an open round on chain must not be framed as thieves by whoever
	/// adds the last signatures off chain), while the round is kept.
	#[pallet::storage]
	pub type TxidRound<T: Config> = StorageMap<_, Identity, [u8; 32], RoundId>;

	/// The txid of each round, while it is kept.
	#[pallet::storage]
	pub type RoundTxid<T: Config> = StorageMap<_, Twox64Concat, RoundId, [u8; 32]>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Keys registered at genesis (trusted: no proof of possession).
		pub keys: Vec<(T::AccountId, BtcKey)>,
		/// The recovery path: keys, threshold, delay.
		pub recovery: Option<(Vec<BtcKey>, u16, u16)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, key) in &self.keys {
				assert!(key.point().is_some(), "genesis signer key {key:?} is not a curve point");
				assert!(!KeyOwner::<T>::contains_key(key), "genesis signer key {key:?} repeated");
				assert!(!Keys::<T>::contains_key(who), "genesis account has two signer keys");
				Keys::<T>::insert(who, key);
				KeyOwner::<T>::insert(key, who);
			}
			if let Some((keys, threshold, delay)) = &self.recovery {
				let recovery = Pallet::<T>::check_recovery(keys.clone(), *threshold, *delay)
					.expect("genesis recovery path is invalid");
				RecoveryConfig::<T>::put(recovery);
			}
			// If the session pallet's genesis already ran, its first set is known; otherwise
			// its `start_session(0)` reaches `on_session_start` after this.
			Pallet::<T>::on_session_start(0);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` registered `key`, for the next signer set; `replaced` is its previous key.
		KeyRegistered { who: T::AccountId, key: BtcKey, replaced: Option<BtcKey> },
		/// A new signer set made vault `id`, which deposits now pay.
		VaultCreated { id: VaultId, signers: u16, threshold: u16, script_pubkey: [u8; 34] },
		/// The signer set changed but [`Config::MaxVaults`] vaults are kept: the current vault
		/// stays until one is retired.
		RotationDeferred { session: u32 },
		/// The signer set could not form a vault (a `KeyAgg` at infinity: never for honest
		/// keys); the current vault stays.
		VaultFailed { session: u32 },
		/// A vault's coins were swept and it was forgotten.
		VaultRetired { id: VaultId },
		/// The recovery path of vaults made from now on.
		RecoverySet { recovery: Option<Recovery<T>> },
		/// A round was opened.
		RoundOpened { id: RoundId, caller: [u8; 8], reference: u64, inputs: u32 },
		/// `signer` added valid signatures for `inputs` inputs.
		Signed { id: RoundId, signer: T::AccountId, inputs: u32 },
		/// Every input has its threshold; the signed transaction is in [`SignedTx`].
		RoundCompleted { id: RoundId, txid: [u8; 32] },
		/// A round was forgotten by its caller.
		RoundForgotten { id: RoundId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not a validator or candidate (it has no session keys).
		NotValidator,
		/// The key is not the x coordinate of a curve point.
		InvalidKey,
		/// The proof of possession does not verify for this chain, account and key.
		BadProof,
		/// The key belongs to another account.
		KeyInUse,
		/// The account already has this key.
		KeyUnchanged,
		/// A recovery key is listed twice.
		DuplicateKey,
		/// No recovery keys, or a threshold of 0 or above their number.
		BadThreshold,
		/// A recovery delay of 0 blocks.
		BadDelay,
		/// No such round.
		UnknownRound,
		/// The round already has all its signatures.
		RoundComplete,
		/// No signatures given.
		NoSignatures,
		/// An input index beyond the transaction's inputs.
		UnknownInput,
		/// The caller is not a signer of the vault this input spends.
		NotSigner,
		/// The caller already signed this input (or named it twice).
		DuplicateSignature,
		/// A signature does not verify against the input's sighash and the caller's key.
		BadSignature,
		/// Every input named already has its threshold of signatures.
		InputsComplete,
		/// No such vault.
		UnknownVault,
		/// The current vault cannot be retired.
		VaultInUse,
		/// The transaction does not decode, or has trailing bytes.
		MalformedTransaction,
		/// The transaction carries witness data; rounds sign unsigned transactions.
		NotUnsigned,
		/// No inputs, or the inputs given do not match the transaction's.
		InputMismatch,
		/// More inputs than [`Config::MaxInputs`].
		TooManyInputs,
		/// More bytes than [`Config::MaxTxSize`].
		TransactionTooLarge,
		/// More payments than [`Config::MaxPayments`], or a script too long.
		TooManyPayments,
		/// An input's prevout does not pay its vault's scriptPubKey.
		NotVaultOutput,
		/// The outputs are not exactly the purpose's payments then at most one change output to
		/// the named vault.
		PurposeMismatch,
		/// The outputs pay more than the inputs hold.
		Overspend,
		/// [`Config::MaxRounds`] rounds are kept.
		TooManyRounds,
		/// The signed transaction would exceed [`MaxSignedTxLen`].
		SignedTooLarge,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register (or replace) the caller's signer key, proven by a BIP-340 signature with it
		/// over [`taproot::possession_message`]`(genesis hash, caller, key)`. The key is used
		/// from the next signer-set change.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_key())]
		pub fn register_key(origin: OriginFor<T>, key: BtcKey, proof: [u8; 64]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Eligible::contains(&who), Error::<T>::NotValidator);
			ensure!(key.point().is_some(), Error::<T>::InvalidKey);
			if let Some(owner) = KeyOwner::<T>::get(key) {
				ensure!(owner == who, Error::<T>::KeyInUse);
				return Err(Error::<T>::KeyUnchanged.into());
			}
			let msg = taproot::possession_message(&Self::genesis_hash(), &who.encode(), &key.0);
			let secp = Secp256k1::verification_only();
			ensure!(taproot::verify_schnorr(&secp, &key.0, &msg, &proof), Error::<T>::BadProof);
			let replaced = Keys::<T>::get(&who);
			if let Some(old) = replaced {
				KeyOwner::<T>::remove(old);
			}
			Keys::<T>::insert(&who, key);
			KeyOwner::<T>::insert(key, &who);
			Self::deposit_event(Event::KeyRegistered { who, key, replaced });
			Ok(())
		}

		/// Add the caller's signatures to round `round`: `(input index, signature)` pairs, one
		/// per input of a vault the caller signs for. Free when accepted; a call with any
		/// invalid, duplicate or misplaced signature is refused whole and pays.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::submit_signatures(signatures.len() as u32)
			.saturating_add(T::OnSigningComplete::on_signing_complete_weight()))]
		pub fn submit_signatures(
			origin: OriginFor<T>,
			round: RoundId,
			signatures: BoundedVec<(u32, SchnorrSig), T::MaxInputs>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_submit(who, round, signatures)?;
			Ok(Pays::No.into())
		}

		/// Set (or, with `None`, remove) the recovery path of vaults made from now on:
		/// `threshold` of `keys` may spend a vault output that has rested `delay` blocks. It
		/// takes effect at the next signer-set change, like a key change.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_recovery())]
		pub fn set_recovery(
			origin: OriginFor<T>,
			recovery: Option<(BoundedVec<BtcKey, T::MaxRecoveryKeys>, u16, u16)>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let recovery = match recovery {
				None => None,
				Some((keys, threshold, delay)) => {
					Some(Self::check_recovery(keys.into_inner(), threshold, delay)?)
				},
			};
			match &recovery {
				Some(r) => RecoveryConfig::<T>::put(r),
				None => RecoveryConfig::<T>::kill(),
			}
			Self::deposit_event(Event::RecoverySet { recovery });
			Ok(())
		}

		/// Governance opens a round of its own, e.g. to sweep a vault by hand. Checked exactly
		/// as a pallet's request ([`ThresholdSigning::request_signatures`]).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::open_round(inputs.len() as u32, payments.len() as u32))]
		pub fn open_round(
			origin: OriginFor<T>,
			unsigned_tx: BoundedVec<u8, T::MaxTxSize>,
			inputs: BoundedVec<VaultInput, T::MaxInputs>,
			reference: u64,
			payments: BoundedVec<BtcOutput, T::MaxPayments>,
			change: Option<VaultId>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let purpose = Purpose {
				caller: *b"governce",
				reference,
				payments: payments.into_inner(),
				change,
			};
			Self::open(&unsigned_tx, inputs.into_inner(), purpose).map(|_| ())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The chain's genesis hash, which the proof of possession commits to.
	pub fn genesis_hash() -> [u8; 32] {
		tapchain_primitives::hash32(&frame_system::Pallet::<T>::block_hash(
			BlockNumberFor::<T>::zero(),
		))
	}

	fn check_recovery(
		keys: Vec<BtcKey>,
		threshold: u16,
		delay: u16,
	) -> Result<Recovery<T>, Error<T>> {
		ensure!(keys.iter().all(|k| k.point().is_some()), Error::<T>::InvalidKey);
		let mut sorted = keys.clone();
		sorted.sort();
		sorted.dedup();
		ensure!(sorted.len() == keys.len(), Error::<T>::DuplicateKey);
		ensure!(threshold >= 1 && threshold as usize <= keys.len(), Error::<T>::BadThreshold);
		ensure!(delay >= 1, Error::<T>::BadDelay);
		let keys = BoundedVec::try_from(keys).map_err(|_| Error::<T>::BadThreshold)?;
		Ok(Recovery { keys, threshold, delay })
	}

	/// The taproot description of a stored vault (recomputed from its keys).
	pub fn vault_script(vault: &Vault<T>) -> Option<taproot::VaultScript> {
		Self::script_of(vault.keys(), vault.recovery.as_ref())
	}

	/// The vault script of `keys` (any order: it sorts them) and a recovery path; `None` if a
	/// stored key is not a curve point or the vault cannot be built.
	fn script_of<'a>(
		keys: impl Iterator<Item = &'a BtcKey>,
		recovery: Option<&Recovery<T>>,
	) -> Option<taproot::VaultScript> {
		let keys = keys.map(BtcKey::point).collect::<Option<Vec<_>>>()?;
		let recovery = match recovery {
			None => None,
			Some(r) => Some(taproot::RecoveryPath {
				keys: r.keys.iter().map(BtcKey::point).collect::<Option<Vec<_>>>()?,
				threshold: r.threshold as u32,
				delay: r.delay,
			}),
		};
		taproot::VaultScript::new(&Secp256k1::verification_only(), keys, recovery).ok()
	}

	/// Called at the start of each session, when `pallet-session`'s validators are the set
	/// that takes effect: forms the signer set and, if it differs from the current vault's (or
	/// the recovery path changed), a new vault. Weight: `T::WeightInfo::rotate(n)`, within the
	/// session pallet's rotation (which reserves the whole block).
	pub fn on_session_start(session: u32) {
		let validators = T::Validators::validators();
		let mut members: Vec<(T::AccountId, BtcKey)> = validators
			.into_iter()
			.filter_map(|v| Keys::<T>::get(&v).map(|k| (v, k)))
			.take(T::MaxSigners::get() as usize)
			.collect();
		if members.is_empty() {
			return;
		}
		members.sort_by(|a, b| a.1.cmp(&b.1));
		let recovery = RecoveryConfig::<T>::get();
		let current = CurrentVault::<T>::get().and_then(Vaults::<T>::get);
		if let Some(current) = &current {
			if current.members.iter().eq(members.iter()) && current.recovery == recovery {
				return;
			}
		}
		if VaultCount::<T>::get() >= T::MaxVaults::get() {
			log::warn!(target: LOG_TARGET, "session {session}: {} vaults kept, rotation deferred", VaultCount::<T>::get());
			Self::deposit_event(Event::RotationDeferred { session });
			return;
		}
		match Self::make_vault(members, recovery, session) {
			Some(vault) => {
				let id = NextVaultId::<T>::get();
				NextVaultId::<T>::put(id.saturating_add(1));
				VaultCount::<T>::mutate(|c| *c = c.saturating_add(1));
				CurrentVault::<T>::put(id);
				Self::deposit_event(Event::VaultCreated {
					id,
					signers: vault.members.len() as u16,
					threshold: vault.threshold,
					script_pubkey: vault.script_pubkey(),
				});
				Vaults::<T>::insert(id, vault);
			},
			None => Self::deposit_event(Event::VaultFailed { session }),
		}
	}

	/// Builds a vault from a sorted signer set.
	pub fn make_vault(
		members: Vec<(T::AccountId, BtcKey)>,
		recovery: Option<Recovery<T>>,
		session: u32,
	) -> Option<Vault<T>> {
		let script = Self::script_of(members.iter().map(|(_, k)| k), recovery.as_ref())?;
		Some(Vault {
			members: BoundedVec::try_from(members).ok()?,
			threshold: script.threshold as u16,
			recovery,
			internal_key: script.internal_key.into(),
			output_key: script.output_key().into(),
			merkle_root: script.spend_info.merkle_root()?.to_byte_array(),
			control_block: BoundedVec::try_from(script.multi_a_control_block()).ok()?,
			session,
			created: frame_system::Pallet::<T>::block_number(),
		})
	}

	fn multi_a_leaf(vault: &Vault<T>) -> Option<ScriptBuf> {
		let keys = vault.keys().map(BtcKey::point).collect::<Option<Vec<XOnlyPublicKey>>>()?;
		Some(taproot::multi_a(vault.threshold as u32, &keys).into_script())
	}

	fn stored_output(o: &BtcOutput) -> Result<StoredOutput, Error<T>> {
		Ok(StoredOutput {
			value: o.value,
			script_pubkey: BoundedVec::try_from(o.script_pubkey.clone())
				.map_err(|_| Error::<T>::TooManyPayments)?,
		})
	}

	/// Opens a round; see [`ThresholdSigning::request_signatures`].
	pub fn open(
		unsigned_tx: &[u8],
		inputs: Vec<VaultInput>,
		purpose: Purpose,
	) -> Result<RoundId, DispatchError> {
		ensure!(unsigned_tx.len() <= T::MaxTxSize::get() as usize, Error::<T>::TransactionTooLarge);
		ensure!(inputs.len() <= T::MaxInputs::get() as usize, Error::<T>::TooManyInputs);
		ensure!(
			purpose.payments.len() <= T::MaxPayments::get() as usize,
			Error::<T>::TooManyPayments
		);
		ensure!(RoundCount::<T>::get() < T::MaxRounds::get(), Error::<T>::TooManyRounds);
		let tx: Transaction =
			deserialize(unsigned_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
		ensure!(tx.input.iter().all(|i| i.witness.is_empty()), Error::<T>::NotUnsigned);
		ensure!(!inputs.is_empty() && tx.input.len() == inputs.len(), Error::<T>::InputMismatch);

		// The outputs: exactly the payments, in order, then at most one change output.
		let payments = purpose
			.payments
			.iter()
			.map(Self::stored_output)
			.collect::<Result<Vec<_>, _>>()?;
		let change_spk = match purpose.change {
			Some(id) => Some(Vaults::<T>::get(id).ok_or(Error::<T>::UnknownVault)?.script_pubkey()),
			None => None,
		};
		let outputs_match = {
			let (paid, rest) = tx.output.split_at(payments.len().min(tx.output.len()));
			paid.len() == payments.len()
				&& paid.iter().zip(&payments).all(|(o, p)| {
					o.value.to_sat() == p.value
						&& o.script_pubkey.as_bytes() == &p.script_pubkey[..]
				}) && match (rest, change_spk) {
				([], _) => true,
				([change], Some(spk)) => change.script_pubkey.as_bytes() == &spk[..],
				_ => false,
			}
		};
		ensure!(outputs_match, Error::<T>::PurposeMismatch);

		// The inputs: vault outputs, whose sighashes commit to every prevout.
		let mut prevouts = Vec::with_capacity(inputs.len());
		let mut leaves = Vec::with_capacity(inputs.len());
		let mut spent = 0u64;
		for input in &inputs {
			let vault = Vaults::<T>::get(input.vault).ok_or(Error::<T>::UnknownVault)?;
			ensure!(
				input.prevout.script_pubkey == vault.script_pubkey(),
				Error::<T>::NotVaultOutput
			);
			let leaf = Self::multi_a_leaf(&vault).ok_or(Error::<T>::UnknownVault)?;
			leaves.push(TapLeafHash::from_script(&leaf, LeafVersion::TapScript));
			prevouts.push(TxOut {
				value: Amount::from_sat(input.prevout.value),
				script_pubkey: ScriptBuf::from_bytes(input.prevout.script_pubkey.clone()),
			});
			spent = spent.checked_add(input.prevout.value).ok_or(Error::<T>::Overspend)?;
		}
		let paid = tx
			.output
			.iter()
			.try_fold(0u64, |sum, o| sum.checked_add(o.value.to_sat()))
			.ok_or(Error::<T>::Overspend)?;
		ensure!(paid <= spent, Error::<T>::Overspend);
		let sighashes = taproot::script_path_sighashes(&tx, &prevouts, &leaves)
			.ok_or(Error::<T>::InputMismatch)?;

		let round_inputs = inputs
			.iter()
			.zip(sighashes)
			.map(|(input, sighash)| {
				Ok(RoundInput {
					vault: input.vault,
					prevout: Self::stored_output(&input.prevout)?,
					sighash,
					signatures: BoundedVec::new(),
				})
			})
			.collect::<Result<Vec<_>, Error<T>>>()?;
		let round = Round {
			purpose: StoredPurpose {
				caller: purpose.caller,
				reference: purpose.reference,
				payments: BoundedVec::try_from(payments)
					.map_err(|_| Error::<T>::TooManyPayments)?,
				change: purpose.change,
			},
			unsigned_tx: BoundedVec::try_from(unsigned_tx.to_vec())
				.map_err(|_| Error::<T>::TransactionTooLarge)?,
			inputs: BoundedVec::try_from(round_inputs).map_err(|_| Error::<T>::TooManyInputs)?,
			status: RoundStatus::Open,
			signed_by: BoundedVec::new(),
			opened: frame_system::Pallet::<T>::block_number(),
		};
		let id = NextRoundId::<T>::get();
		NextRoundId::<T>::put(id.saturating_add(1));
		RoundCount::<T>::mutate(|c| *c = c.saturating_add(1));
		Rounds::<T>::insert(id, round);
		// A witness does not change a txid: this is the signed transaction's too.
		let txid = tx.compute_txid().to_byte_array();
		TxidRound::<T>::insert(txid, id);
		RoundTxid::<T>::insert(id, txid);
		Self::deposit_event(Event::RoundOpened {
			id,
			caller: purpose.caller,
			reference: purpose.reference,
			inputs: inputs.len() as u32,
		});
		Ok(id)
	}

	fn do_submit(
		who: T::AccountId,
		id: RoundId,
		signatures: BoundedVec<(u32, SchnorrSig), T::MaxInputs>,
	) -> DispatchResult {
		let mut round = Rounds::<T>::get(id).ok_or(Error::<T>::UnknownRound)?;
		ensure!(round.status == RoundStatus::Open, Error::<T>::RoundComplete);
		ensure!(!signatures.is_empty(), Error::<T>::NoSignatures);
		let secp = Secp256k1::verification_only();
		let mut vaults: Vec<(VaultId, Vault<T>)> = Vec::new();
		let mut named: Vec<u32> = Vec::with_capacity(signatures.len());
		let mut added = 0u32;
		for (index, sig) in signatures.iter() {
			ensure!(!named.contains(index), Error::<T>::DuplicateSignature);
			named.push(*index);
			let input = round.inputs.get_mut(*index as usize).ok_or(Error::<T>::UnknownInput)?;
			let vault = match vaults.iter().find(|(v, _)| *v == input.vault) {
				Some((_, vault)) => vault,
				None => {
					let vault = Vaults::<T>::get(input.vault).ok_or(Error::<T>::UnknownVault)?;
					vaults.push((input.vault, vault));
					&vaults[vaults.len() - 1].1
				},
			};
			let position = vault
				.members
				.iter()
				.position(|(account, _)| account == &who)
				.ok_or(Error::<T>::NotSigner)?;
			let key = vault.members[position].1;
			ensure!(
				!input.signatures.iter().any(|(p, _)| *p as usize == position),
				Error::<T>::DuplicateSignature
			);
			ensure!(
				taproot::verify_schnorr(&secp, &key.0, &input.sighash, sig),
				Error::<T>::BadSignature
			);
			if input.signatures.len() < vault.threshold as usize {
				// Kept in key order, the order the witness needs.
				let at = input.signatures.partition_point(|(p, _)| (*p as usize) < position);
				input
					.signatures
					.try_insert(at, (position as u16, *sig))
					.map_err(|_| Error::<T>::DuplicateSignature)?;
				added += 1;
			}
		}
		ensure!(added > 0, Error::<T>::InputsComplete);
		if !round.signed_by.contains(&who) {
			// Bounded by `MaxSigners`; a round over two vaults with more distinct signers still
			// records each signature's key position per input.
			let _ = round.signed_by.try_push(who.clone());
		}
		Self::deposit_event(Event::Signed { id, signer: who, inputs: added });

		let complete = round.inputs.iter().all(|input| {
			vaults
				.iter()
				.find(|(v, _)| *v == input.vault)
				.map(|(_, v)| v.threshold)
				.or_else(|| Vaults::<T>::get(input.vault).map(|v| v.threshold))
				.is_some_and(|k| input.signatures.len() >= k as usize)
		});
		if complete {
			let signed = Self::assemble(&round)?;
			let txid = {
				let tx: Transaction =
					deserialize(&signed).map_err(|_| Error::<T>::MalformedTransaction)?;
				tx.compute_txid().to_byte_array()
			};
			let bounded: BoundedVec<u8, MaxSignedTxLen> =
				BoundedVec::try_from(signed).map_err(|_| Error::<T>::SignedTooLarge)?;
			round.status = RoundStatus::Complete;
			let purpose = Self::purpose_of(&round);
			Rounds::<T>::insert(id, round);
			T::OnSigningComplete::on_signing_complete(id, &purpose, &bounded);
			SignedTx::<T>::insert(id, bounded);
			Self::deposit_event(Event::RoundCompleted { id, txid });
		} else {
			Rounds::<T>::insert(id, round);
		}
		Ok(())
	}

	fn purpose_of(round: &Round<T>) -> Purpose {
		Purpose {
			caller: round.purpose.caller,
			reference: round.purpose.reference,
			payments: round
				.purpose
				.payments
				.iter()
				.map(|o| BtcOutput { value: o.value, script_pubkey: o.script_pubkey.to_vec() })
				.collect(),
			change: round.purpose.change,
		}
	}

	/// The transaction of `round` with each input's `multi_a` witness.
	pub fn assemble(round: &Round<T>) -> Result<Vec<u8>, Error<T>> {
		let mut tx: Transaction =
			deserialize(&round.unsigned_tx).map_err(|_| Error::<T>::MalformedTransaction)?;
		// Inputs of one vault share its leaf and control block: read and build them once.
		let mut vaults: Vec<(VaultId, Vault<T>, ScriptBuf)> = Vec::new();
		for (txin, input) in tx.input.iter_mut().zip(round.inputs.iter()) {
			let at = match vaults.iter().position(|(id, _, _)| *id == input.vault) {
				Some(at) => at,
				None => {
					let vault = Vaults::<T>::get(input.vault).ok_or(Error::<T>::UnknownVault)?;
					let leaf = Self::multi_a_leaf(&vault).ok_or(Error::<T>::UnknownVault)?;
					vaults.push((input.vault, vault, leaf));
					vaults.len() - 1
				},
			};
			let (_, vault, leaf) = &vaults[at];
			let mut by_key: Vec<Option<SchnorrSig>> = alloc::vec![None; vault.members.len()];
			for (position, sig) in input.signatures.iter() {
				if let Some(slot) = by_key.get_mut(*position as usize) {
					*slot = Some(*sig);
				}
			}
			txin.witness = taproot::multi_a_witness(&by_key, leaf.as_bytes(), &vault.control_block);
		}
		Ok(serialize(&tx))
	}

	/// The runtime API's view of a vault.
	pub fn vault_details(id: VaultId) -> Option<VaultDetails<T::AccountId>> {
		let vault = Vaults::<T>::get(id)?;
		let script = Self::vault_script(&vault)?;
		let address = T::LightClient::network().map(|network| {
			let network = match network {
				tapchain_primitives::btc::BtcNetwork::Mainnet => bitcoin::Network::Bitcoin,
				tapchain_primitives::btc::BtcNetwork::Testnet3 => bitcoin::Network::Testnet,
				tapchain_primitives::btc::BtcNetwork::Testnet4 => bitcoin::Network::Testnet,
				tapchain_primitives::btc::BtcNetwork::Signet => bitcoin::Network::Signet,
				tapchain_primitives::btc::BtcNetwork::Regtest => bitcoin::Network::Regtest,
			};
			let address = bitcoin::Address::p2tr_tweaked(script.spend_info.output_key(), network);
			alloc::string::ToString::to_string(&address).into_bytes()
		});
		let recovery_leaf = script.recovery.as_ref().map(|(_, leaf)| leaf.to_bytes());
		let recovery_control_block =
			script.recovery.as_ref().map(|(_, leaf)| script.control_block(leaf));
		Some(VaultDetails {
			id,
			members: vault.members.iter().map(|(a, k)| (a.clone(), k.0)).collect(),
			threshold: vault.threshold,
			internal_key: vault.internal_key.0,
			multi_a_leaf: script.multi_a.to_bytes(),
			multi_a_control_block: vault.control_block.to_vec(),
			recovery_leaf,
			recovery_control_block,
			merkle_root: vault.merkle_root,
			output_key: vault.output_key.0,
			script_pubkey: vault.script_pubkey().to_vec(),
			address,
			descriptor: script.descriptor().into_bytes(),
			session: vault.session,
		})
	}

	/// The runtime API's view of a round.
	pub fn round_details(id: RoundId) -> Option<RoundDetails<T::AccountId>> {
		let round = Rounds::<T>::get(id)?;
		Some(RoundDetails {
			status: round.status,
			purpose: Self::purpose_of(&round),
			unsigned_tx: round.unsigned_tx.to_vec(),
			inputs: round
				.inputs
				.iter()
				.map(|i| (i.vault, i.sighash, i.signatures.iter().map(|(p, _)| *p).collect()))
				.collect(),
			signed_by: round.signed_by.to_vec(),
			signed_tx: SignedTx::<T>::get(id).map(|t| t.to_vec()),
		})
	}

	/// The runtime API's view of the current vault.
	pub fn current_vault_details() -> Option<VaultDetails<T::AccountId>> {
		CurrentVault::<T>::get().and_then(Self::vault_details)
	}

	/// The current vault's signers and keys.
	pub fn signers() -> Vec<(T::AccountId, [u8; 32])> {
		CurrentVault::<T>::get()
			.and_then(Vaults::<T>::get)
			.map(|v| v.members.iter().map(|(a, k)| (a.clone(), k.0)).collect())
			.unwrap_or_default()
	}

	/// Forgets a round (its caller is done with it).
	pub fn do_forget_round(id: RoundId) {
		if Rounds::<T>::take(id).is_some() {
			SignedTx::<T>::remove(id);
			if let Some(txid) = RoundTxid::<T>::take(id) {
				// Another round of the same transaction keeps the mapping.
				if TxidRound::<T>::get(txid) == Some(id) {
					TxidRound::<T>::remove(txid);
				}
			}
			RoundCount::<T>::mutate(|c| *c = c.saturating_sub(1));
			Self::deposit_event(Event::RoundForgotten { id });
		}
	}
}

impl<T: Config> ThresholdSigning for Pallet<T> {
	fn current_vault() -> Option<VaultRef> {
		CurrentVault::<T>::get().and_then(<Self as ThresholdSigning>::vault)
	}

	fn vault(id: VaultId) -> Option<VaultRef> {
		let v = Vaults::<T>::get(id)?;
		let leaf_len = Self::multi_a_leaf(&v)?.len();
		Some(VaultRef {
			id,
			script_pubkey: v.script_pubkey(),
			threshold: v.threshold,
			signers: v.members.len() as u16,
			witness_size: taproot::multi_a_witness_size(
				v.members.len(),
				v.threshold as usize,
				leaf_len,
				v.control_block.len(),
			) as u32,
			recovery_delay: v.recovery.as_ref().map(|r| r.delay),
		})
	}

	fn request_signatures(
		unsigned_tx: &[u8],
		inputs: Vec<VaultInput>,
		purpose: Purpose,
	) -> Result<RoundId, DispatchError> {
		Self::open(unsigned_tx, inputs, purpose)
	}

	fn request_signatures_weight(inputs: u32, payments: u32) -> Weight {
		T::WeightInfo::open_round(inputs, payments)
	}

	fn retire_vault(id: VaultId) -> Result<(), DispatchError> {
		ensure!(CurrentVault::<T>::get() != Some(id), Error::<T>::VaultInUse);
		ensure!(Vaults::<T>::take(id).is_some(), Error::<T>::UnknownVault);
		VaultCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::VaultRetired { id });
		Ok(())
	}

	fn forget_round(id: RoundId) {
		Self::do_forget_round(id)
	}

	fn round_of_txid(txid: &[u8; 32]) -> Option<RoundId> {
		TxidRound::<T>::get(txid)
	}
}

impl<T: Config> SpendAudit<T::AccountId> for Pallet<T> {
	fn signers_of_spend(
		tx: &[u8],
		input: u32,
		prevouts: &[BtcOutput],
		vault: VaultId,
	) -> Vec<T::AccountId> {
		let Some(vault) = Vaults::<T>::get(vault) else { return Vec::new() };
		let Ok(tx) = deserialize::<Transaction>(tx) else { return Vec::new() };
		let prevouts: Vec<TxOut> = prevouts
			.iter()
			.map(|o| TxOut {
				value: Amount::from_sat(o.value),
				script_pubkey: ScriptBuf::from_bytes(o.script_pubkey.clone()),
			})
			.collect();
		let keys: Vec<[u8; 32]> = vault.keys().map(|k| k.0).collect();
		let Some(leaf) = Self::multi_a_leaf(&vault) else { return Vec::new() };
		let signed = taproot::signed_keys(
			&Secp256k1::verification_only(),
			&tx,
			input as usize,
			&prevouts,
			&vault.output_key.0,
			leaf.as_bytes(),
			&keys,
		);
		vault
			.members
			.iter()
			.zip(signed)
			.filter(|(_, signed)| *signed)
			.map(|((who, _), _)| who.clone())
			.collect()
	}

	fn signers_of_spend_weight(signers: u32) -> Weight {
		// The audit decodes the transaction, computes one sighash and verifies at most one
		// signature per key, as `submit_signatures` does per input.
		T::WeightInfo::submit_signatures(signers.max(1))
	}
}
