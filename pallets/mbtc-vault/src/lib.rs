//! # MBTC vault
//!
//! Merlin's bridge: anyone may run a **channel**, which holds users' BTC on Bitcoin and posts
//! over-collateral on Tapchain. The vault mints **MBTC** (an asset of 8 decimals, 1 unit = 1
//! sat) when a user proves a payment to a channel, burns it when the user bridges out, and
//! punishes the channel from its collateral when it does not pay, or when the collateral no
//! longer covers what it issued.
//!
//! ## Terms
//!
//! - **Collateral**: amounts of registered assets ([`CollateralAssets`], each with the oracle
//!   key of its dollar price) that the vault holds for a channel.
//! - **Issued** (`D` in value): the MBTC a channel has minted and not yet paid back in BTC. It
//!   includes **pending** bridge-outs, whose MBTC is burned but whose BTC is not yet paid.
//! - **Ratio** = collateral value / issued value, in dollars from the oracle ([`math`]).
//!   Collateral is valued rounded down and debt rounded up.
//! - **Capacity** = collateral value / 1.5 − issued value: what it may still issue.
//! - **The public liquidation channel**: the set of fully liquidated channels. Each keeps its
//!   own collateral and obligation, so that what is left once its holders are paid goes back
//!   to its operator and nobody's collateral pays for another channel's debt.
//!
//! Every number is a [`VaultParams`] field with the whitepaper's value as default.
//!
//! ## Flows
//!
//! **Channels.** [`Pallet::register_channel`] takes collateral (at least
//! [`VaultParams::min_collateral`] dollars) and the channel's Bitcoin address, of any standard
//! type, once per address. [`Pallet::add_collateral`] at any time;
//! [`Pallet::withdraw_collateral`] only while the ratio stays at or above 150 %;
//! [`Pallet::close_channel`] returns everything once nothing is owed.
//!
//! **Bridge-in** (BTC → MBTC, [`Pallet::bridge_in`]). The user pays the channel's address in a
//! transaction of at most 3 inputs and 2 outputs, one input a taproot script-path spend whose
//! leaf carries the envelope ([`btc`]). Anyone submits it with its `gettxoutproof` and, for
//! each input, the previous transaction with its own proof (Merlin's 1+n Merkle checks), all
//! at or above the service start height with the configured confirmations. The envelope is
//! trusted only when its leaf and the control block recompute the output key of the proven
//! output it spends (BIP-341, [`btc::leaf_commits`]). That check, with the proof of the
//! previous transaction, shows that whoever created the spent output committed to this
//! envelope, and the txid proof shows the payment happened. It does **not** show that this
//! leaf is the one the spend executed, since the witness is outside the txid: a submitter could
//! show another committed leaf of the same output. Only the output's owner can have committed
//! leaves, so only the payer decides the envelopes anyone can show. MBTC equal to the sats
//! paid to the channel is minted to the named account, within the channel's capacity at the
//! oracle price, and the txid is spent for every bridge ([`TxidRegistry`]).
//!
//! **Bridge-out** (MBTC → BTC). The user burns MBTC, names a Bitcoin address and a channel,
//! and pays it 1.5 % in MBTC ([`Pallet::bridge_out`]). The channel must pay the rest before a
//! deadline (144 Bitcoin blocks), in a transaction with the OP_RETURN
//! [`btc::request_script`], proven by SPV ([`Pallet::prove_bridge_out`]). Once the deadline and
//! the confirmations the proof would need have passed without one, anyone claims for the user
//! collateral worth 110 % of the amount at the oracle price ([`Pallet::claim_bridge_out`]), the
//! channel's obligation drops, and it may not issue for [`VaultParams::ban`] blocks. The user
//! never waits on the channel beyond the deadline.
//!
//! **Liquidation.** Below 120 % (at the oracle's liquidation price, which waits out the grace
//! period after an outage), anyone burns x MBTC and receives collateral worth 1.05·x, pro rata
//! across the channel's assets ([`Pallet::liquidate`]). x is capped at what brings the ratio
//! back to 120 %: `x_max = (1.2·D − C) / (1.2 − 1.05)`, rounded up so it lands on 120 % or just
//! above. Below 110 % anyone moves the whole channel to the public liquidation channel
//! ([`Pallet::liquidate_all`]); MBTC holders then redeem from it, pro rata, for collateral at
//! the oracle price ([`Pallet::redeem`]), and what is left once the obligation is met goes back
//! to the operator. No liquidation leaves an obligation below [`VaultParams::min_amount`]: a
//! smaller remainder is taken whole.
//!
//! ## Invariants
//!
//! - MBTC's total issuance plus every pending bridge-out equals the channels' issued total,
//!   and issuance only grows through a proven payment whose txid is then spent.
//! - The vault account holds exactly the collateral its channels record.
//! - A channel issues only while its ratio stays at or above 150 %.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod btc;
pub mod math;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

use alloc::vec::Vec;
use bitcoin::{consensus::deserialize, hashes::Hash, Transaction};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{self, metadata::Inspect as _, Inspect as _, Mutate as _},
		tokens::{Fortitude, Precision, Preservation},
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
pub use math::Usd;
pub use pallet::*;
use sp_core::H256;
use sp_runtime::{traits::AccountIdConversion, Rounding};
use tapchain_primitives::{
	bridge::{DepositRecipient, TxidRegistry},
	btc::{script_of_address, AddressError, BtcLightClient, SpvError},
	oracle::{Price, PriceError, PriceFeed, BTC_USD_KEY},
	vault::{ChannelStatus, RequestStatus},
};
pub use types::*;
pub use weights::WeightInfo;

/// Decimals of MBTC: 1 unit = 1 sat.
pub const MBTC_DECIMALS: u8 = 8;

/// A Bitcoin transaction and its `gettxoutproof`, as [`Pallet::bridge_in`] takes the previous
/// transaction of each input.
pub type ProvenTx<T> =
	(BoundedVec<u8, <T as Config>::MaxTxSize>, BoundedVec<u8, <T as Config>::MaxProofSize>);

/// The asset id type of the vault's assets.
pub type AssetIdOf<T> = <T as Config>::AssetId;

/// A channel of this runtime.
pub type ChannelOf<T> =
	Channel<<T as frame_system::Config>::AccountId, AssetIdOf<T>, <T as Config>::MaxAssets>;

/// Collateral amounts by asset, as events report them.
pub type Amounts<T> = BoundedVec<(AssetIdOf<T>, u128), <T as Config>::MaxAssets>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Identifies an asset.
		type AssetId: Member
			+ Parameter
			+ Copy
			+ Ord
			+ MaxEncodedLen
			+ sp_runtime::traits::MaybeSerializeDeserialize;

		/// The assets: MBTC and the collateral. Balances are in base units.
		type Assets: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetId, Balance = u128>
			+ fungibles::Mutate<Self::AccountId>
			+ fungibles::metadata::Inspect<Self::AccountId>;

		/// MBTC's asset id. Only this pallet mints and burns it.
		type MbtcId: Get<AssetIdOf<Self>>;

		/// Dollar prices: `BTC/USD` and each collateral asset's key.
		type Prices: PriceFeed;

		/// Proves Bitcoin transactions.
		type LightClient: BtcLightClient;

		/// The txids credited by any bridge.
		type Txids: TxidRegistry;

		/// The account an envelope names.
		type Recipients: DepositRecipient<Self::AccountId>;

		/// Sets the parameters and the collateral assets: Root in the runtime.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account that holds the collateral.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most collateral assets (in all, and so per channel).
		#[pallet::constant]
		type MaxAssets: Get<u32>;

		/// Most channels open at once.
		#[pallet::constant]
		type MaxChannels: Get<u32>;

		/// Largest raw Bitcoin transaction taken.
		#[pallet::constant]
		type MaxTxSize: Get<u32>;

		/// Largest `gettxoutproof` taken.
		#[pallet::constant]
		type MaxProofSize: Get<u32>;

		/// Weights from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up prices, assets and proofs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId, AssetIdOf<Self>>;
	}

	/// The rules.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, VaultParams, ValueQuery>;

	/// The assets taken as collateral, with the oracle key of their dollar price.
	#[pallet::storage]
	pub type CollateralAssets<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, AssetIdOf<T>, PriceKey>;

	/// The channels, open or in the public liquidation channel.
	#[pallet::storage]
	pub type Channels<T: Config> = CountedStorageMap<_, Twox64Concat, ChannelId, ChannelOf<T>>;

	/// The channel paid at each Bitcoin script: one channel per address.
	#[pallet::storage]
	pub type ChannelOfScript<T: Config> = StorageMap<_, Blake2_128Concat, BtcScript, ChannelId>;

	/// The next channel id.
	#[pallet::storage]
	pub type NextChannel<T: Config> = StorageValue<_, ChannelId, ValueQuery>;

	/// Bridge-outs waiting for their BTC.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, BridgeOut<T::AccountId>>;

	/// The next request id.
	#[pallet::storage]
	pub type NextRequest<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The rules.
		pub params: VaultParams,
		/// The collateral assets and their oracle keys.
		pub collateral: Vec<(AssetIdOf<T>, Vec<u8>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.params.is_valid(), "the vault's genesis parameters are incoherent");
			Params::<T>::put(self.params);
			assert!(
				self.collateral.len() as u32 <= T::MaxAssets::get(),
				"more collateral assets than MaxAssets"
			);
			for (asset, key) in &self.collateral {
				assert!(*asset != T::MbtcId::get(), "MBTC cannot be collateral");
				assert!(
					tapchain_primitives::oracle::is_valid_key(key),
					"a collateral asset's oracle key is malformed"
				);
				let key = PriceKey::try_from(key.clone()).expect("checked above");
				CollateralAssets::<T>::insert(asset, key);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A channel opened.
		ChannelRegistered { channel: ChannelId, operator: T::AccountId, btc_script: BtcScript },
		/// Collateral was added.
		CollateralAdded { channel: ChannelId, asset: AssetIdOf<T>, amount: u128 },
		/// Collateral was withdrawn.
		CollateralWithdrawn { channel: ChannelId, asset: AssetIdOf<T>, amount: u128 },
		/// A channel closed; its operator got back `returned`.
		ChannelClosed { channel: ChannelId, returned: Amounts<T> },
		/// A proven payment to a channel minted MBTC.
		BridgedIn { txid: H256, channel: ChannelId, account: T::AccountId, amount: u128 },
		/// A user burned `amount` MBTC and paid `fee` to the channel, which owes `amount` sats
		/// by Bitcoin height `deadline`.
		BridgeOutRequested {
			id: RequestId,
			who: T::AccountId,
			channel: ChannelId,
			amount: u128,
			fee: u128,
			deadline: u32,
		},
		/// The channel paid a bridge-out on Bitcoin.
		BridgeOutPaid { id: RequestId, channel: ChannelId, txid: H256 },
		/// A bridge-out not paid in time was paid from the channel's collateral.
		BridgeOutClaimed {
			id: RequestId,
			who: T::AccountId,
			channel: ChannelId,
			paid: Amounts<T>,
			banned_until: u32,
		},
		/// A partial liquidation: `burned` MBTC for `paid` collateral.
		Liquidated {
			channel: ChannelId,
			liquidator: T::AccountId,
			burned: u128,
			paid: Amounts<T>,
			ratio: u32,
		},
		/// A channel moved to the public liquidation channel at `ratio` (basis points).
		FullyLiquidated { channel: ChannelId, by: T::AccountId, issued: u128, ratio: u32 },
		/// A holder redeemed `burned` MBTC from a liquidated channel for `paid` collateral.
		Redeemed { channel: ChannelId, who: T::AccountId, burned: u128, paid: Amounts<T> },
		/// The rules changed.
		ParamsSet { params: VaultParams },
		/// An asset is taken as collateral, priced by `key`.
		CollateralAssetSet { asset: AssetIdOf<T>, key: PriceKey },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such channel.
		UnknownChannel,
		/// The caller does not run the channel.
		NotOperator,
		/// The asset is not taken as collateral (or is MBTC).
		UnknownAsset,
		/// An asset is listed twice.
		DuplicateAsset,
		/// No collateral, or a zero amount.
		ZeroAmount,
		/// More collateral assets than allowed.
		TooManyAssets,
		/// Too many channels are open.
		TooManyChannels,
		/// Not a Bitcoin address.
		InvalidAddress,
		/// A Bitcoin address of another network.
		WrongNetwork,
		/// An address type that is not standard to pay.
		UnsupportedAddress,
		/// Another channel already uses this address.
		AddressInUse,
		/// The light client has no Bitcoin chain yet.
		NoBitcoin,
		/// The caller has less than the amount.
		InsufficientBalance,
		/// The channel holds less of this asset than asked.
		InsufficientCollateral,
		/// Less collateral than the minimum would be left.
		BelowMinimum,
		/// The ratio would fall below the issue ratio.
		BelowIssueRatio,
		/// The channel still owes MBTC or bridge-outs.
		HasObligation,
		/// The channel was fully liquidated.
		ChannelLiquidated,
		/// The channel is not fully liquidated.
		NotLiquidated,
		/// The channel missed a deadline and may not issue yet.
		ChannelBanned,
		/// The oracle has no such price key.
		PriceUnknown,
		/// A price the operation needs is stale.
		PriceStale,
		/// A price is fresh again after an outage but inside the grace period.
		PriceInGrace,
		/// Not a Bitcoin transaction, or trailing bytes.
		MalformedTransaction,
		/// More than 3 inputs.
		TooManyInputs,
		/// More than 2 outputs.
		TooManyOutputs,
		/// The txid was already credited by a bridge.
		AlreadyBridged,
		/// The transaction's proof is refused.
		InvalidProof,
		/// The transaction (or a previous one) lacks confirmations.
		Unconfirmed,
		/// A transaction below the service start height.
		BelowServiceStart,
		/// Fewer previous transactions than inputs.
		MissingInputProof,
		/// A previous transaction is not the one an input spends, or its proof is refused.
		InvalidInputProof,
		/// No input carries an envelope.
		NoEnvelope,
		/// An envelope of another protocol.
		UnknownProtocol,
		/// A `tapchain` envelope of an unknown version.
		UnknownVersion,
		/// A `tapchain/v/1.0` envelope that is not a bridge-in.
		UnknownOperation,
		/// The query is malformed.
		MalformedQuery,
		/// The query lacks a key.
		IncompleteQuery,
		/// The envelope's leaf is not committed to by the output it spends (BIP-341).
		BadCommitment,
		/// The envelope names an account that does not exist.
		InvalidRecipient,
		/// Nothing is paid to the channel's address.
		NoPayment,
		/// The channel's capacity is less than the payment; resubmit once it has more.
		OverCapacity,
		/// More than the channel's obligation not yet being bridged out.
		ExceedsObligation,
		/// No such bridge-out.
		UnknownRequest,
		/// The payment does not carry the request's OP_RETURN.
		MissingRequestId,
		/// The payment is less than what is owed.
		Underpaid,
		/// The payment was mined after the deadline.
		PaidTooLate,
		/// The deadline (and the proof's confirmations after it) has not passed.
		TooEarly,
		/// The ratio is at or above the liquidation ratio.
		AboveLiquidationRatio,
		/// The ratio is at or above the full-liquidation ratio.
		AboveFullLiquidationRatio,
		/// The ratio is below the full-liquidation ratio: liquidate it all.
		BelowFullLiquidationRatio,
		/// The liquidation would leave an obligation below the minimum; allow the whole.
		LeavesDust,
		/// A value does not fit in 128 bits.
		Overflow,
		/// Incoherent parameters.
		InvalidParams,
		/// Not a well-formed oracle key.
		MalformedKey,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens a channel paid at `btc_address` (its own Bitcoin address, any standard type),
		/// backed by `collateral`, worth at least [`VaultParams::min_collateral`] dollars.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_channel(collateral.len() as u32))]
		pub fn register_channel(
			origin: OriginFor<T>,
			collateral: BoundedVec<(AssetIdOf<T>, u128), T::MaxAssets>,
			btc_address: BoundedVec<u8, MaxAddressLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!collateral.is_empty(), Error::<T>::ZeroAmount);
			let mut sorted = collateral.into_inner();
			sorted.sort_by(|a, b| a.0.cmp(&b.0));
			for pair in sorted.windows(2) {
				ensure!(pair[0].0 != pair[1].0, Error::<T>::DuplicateAsset);
			}
			for (asset, amount) in &sorted {
				ensure!(CollateralAssets::<T>::contains_key(asset), Error::<T>::UnknownAsset);
				ensure!(*amount > 0, Error::<T>::ZeroAmount);
				ensure!(Self::spendable(*asset, &who) >= *amount, Error::<T>::InsufficientBalance);
			}
			let btc_script = Self::script(&btc_address)?;
			ensure!(!ChannelOfScript::<T>::contains_key(&btc_script), Error::<T>::AddressInUse);
			ensure!(Channels::<T>::count() < T::MaxChannels::get(), Error::<T>::TooManyChannels);
			let collateral = BoundedVec::try_from(sorted).map_err(|_| Error::<T>::TooManyAssets)?;
			let value = Self::collateral_value(&collateral, false)?;
			ensure!(value >= Params::<T>::get().min_collateral_value(), Error::<T>::BelowMinimum);

			let id = NextChannel::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::TooManyChannels)?;
			let vault = Self::account_id();
			for (asset, amount) in &collateral {
				T::Assets::transfer(*asset, &who, &vault, *amount, Preservation::Expendable)?;
			}
			NextChannel::<T>::put(next);
			ChannelOfScript::<T>::insert(&btc_script, id);
			Channels::<T>::insert(
				id,
				Channel {
					operator: who.clone(),
					btc_script: btc_script.clone(),
					collateral,
					issued: 0,
					pending: 0,
					banned_until: 0,
					state: ChannelState::Active,
				},
			);
			Self::deposit_event(Event::ChannelRegistered {
				channel: id,
				operator: who,
				btc_script,
			});
			Ok(())
		}

		/// Adds collateral to an open channel. Only its operator may, since what it holds goes
		/// back to the operator.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_collateral())]
		pub fn add_collateral(
			origin: OriginFor<T>,
			channel: ChannelId,
			asset: AssetIdOf<T>,
			amount: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut c = Self::operated(channel, &who)?;
			ensure!(CollateralAssets::<T>::contains_key(asset), Error::<T>::UnknownAsset);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(Self::spendable(asset, &who) >= amount, Error::<T>::InsufficientBalance);
			Self::credit_collateral(&mut c.collateral, asset, amount)?;
			T::Assets::transfer(
				asset,
				&who,
				&Self::account_id(),
				amount,
				Preservation::Expendable,
			)?;
			Channels::<T>::insert(channel, c);
			Self::deposit_event(Event::CollateralAdded { channel, asset, amount });
			Ok(())
		}

		/// Withdraws collateral, if the ratio stays at or above the issue ratio and the
		/// minimum collateral remains.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_collateral())]
		pub fn withdraw_collateral(
			origin: OriginFor<T>,
			channel: ChannelId,
			asset: AssetIdOf<T>,
			amount: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut c = Self::operated(channel, &who)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let held = c.collateral.iter().find(|(a, _)| *a == asset).map(|(_, n)| *n);
			ensure!(held.unwrap_or(0) >= amount, Error::<T>::InsufficientCollateral);
			Self::debit_collateral(&mut c.collateral, asset, amount);
			let params = Params::<T>::get();
			let value = Self::collateral_value(&c.collateral, false)?;
			ensure!(value >= params.min_collateral_value(), Error::<T>::BelowMinimum);
			let debt = Self::debt_value(c.issued, false)?;
			ensure!(math::at_least(value, debt, params.issue_ratio), Error::<T>::BelowIssueRatio);
			T::Assets::transfer(
				asset,
				&Self::account_id(),
				&who,
				amount,
				Preservation::Expendable,
			)?;
			Channels::<T>::insert(channel, c);
			Self::deposit_event(Event::CollateralWithdrawn { channel, asset, amount });
			Ok(())
		}

		/// Closes a channel that owes nothing and returns all its collateral.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_channel())]
		pub fn close_channel(origin: OriginFor<T>, channel: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let c = Self::operated(channel, &who)?;
			ensure!(c.issued == 0, Error::<T>::HasObligation);
			Self::close(channel, c)
		}

		/// Mints MBTC for a proven payment to a channel: `raw_tx` with its `gettxoutproof`,
		/// and for each of its inputs, in order, the previous transaction with its own proof.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::bridge_in_weight(raw_tx.len(), proof.len(), inputs))]
		pub fn bridge_in(
			origin: OriginFor<T>,
			raw_tx: BoundedVec<u8, T::MaxTxSize>,
			proof: BoundedVec<u8, T::MaxProofSize>,
			inputs: BoundedVec<ProvenTx<T>, ConstU32<{ btc::MAX_INPUTS as u32 }>>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let params = Params::<T>::get();
			let tx = Self::decode_tx(&raw_tx)?;
			ensure!(tx.input.len() <= btc::MAX_INPUTS, Error::<T>::TooManyInputs);
			ensure!(tx.output.len() <= btc::MAX_OUTPUTS, Error::<T>::TooManyOutputs);
			let txid = H256(tx.compute_txid().to_byte_array());
			ensure!(!T::Txids::is_credited(&txid), Error::<T>::AlreadyBridged);
			let inclusion =
				T::LightClient::verify_tx_inclusion(&raw_tx, &proof, params.confirmations)
					.map_err(|e| Self::spv_error(e, Error::<T>::InvalidProof))?;
			ensure!(inclusion.height >= params.service_start, Error::<T>::BelowServiceStart);

			// Merlin's 1+n checks: every input's previous transaction, proven.
			ensure!(inputs.len() >= tx.input.len(), Error::<T>::MissingInputProof);
			ensure!(inputs.len() == tx.input.len(), Error::<T>::InvalidInputProof);
			let mut prevouts = Vec::with_capacity(inputs.len());
			for (txin, (prev_raw, prev_proof)) in tx.input.iter().zip(inputs.iter()) {
				let prev: Transaction =
					deserialize(prev_raw).map_err(|_| Error::<T>::InvalidInputProof)?;
				ensure!(
					prev.compute_txid() == txin.previous_output.txid,
					Error::<T>::InvalidInputProof
				);
				let at =
					T::LightClient::verify_tx_inclusion(prev_raw, prev_proof, params.confirmations)
						.map_err(|e| Self::spv_error(e, Error::<T>::InvalidInputProof))?;
				ensure!(at.height >= params.service_start, Error::<T>::BelowServiceStart);
				let out = prev
					.output
					.get(txin.previous_output.vout as usize)
					.ok_or(Error::<T>::InvalidInputProof)?;
				prevouts.push(out.script_pubkey.to_bytes());
			}

			let found = btc::find_bridge_in(&tx).map_err(Self::envelope_error)?;
			let prevout = prevouts.get(found.input).ok_or(Error::<T>::InvalidInputProof)?;
			ensure!(
				btc::leaf_commits(prevout, &found.leaf, &found.control_block),
				Error::<T>::BadCommitment
			);

			let id = found.query.channel;
			let mut c = Channels::<T>::get(id).ok_or(Error::<T>::UnknownChannel)?;
			ensure!(c.state == ChannelState::Active, Error::<T>::ChannelLiquidated);
			let (best, _) = T::LightClient::best_block().ok_or(Error::<T>::NoBitcoin)?;
			ensure!(best >= c.banned_until, Error::<T>::ChannelBanned);
			let amount = btc::paid_to(&tx, &c.btc_script).ok_or(Error::<T>::Overflow)? as u128;
			ensure!(amount > 0, Error::<T>::NoPayment);
			let account = found
				.query
				.recipient
				.account::<T::AccountId, T::Recipients>()
				.ok_or(Error::<T>::InvalidRecipient)?;
			let issued = c.issued.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			let value = Self::collateral_value(&c.collateral, false)?;
			let debt = Self::debt_value(issued, false)?;
			ensure!(math::at_least(value, debt, params.issue_ratio), Error::<T>::OverCapacity);

			ensure!(T::Txids::credit(&txid), Error::<T>::AlreadyBridged);
			T::Assets::mint_into(T::MbtcId::get(), &account, amount)?;
			c.issued = issued;
			Channels::<T>::insert(id, c);
			Self::deposit_event(Event::BridgedIn { txid, channel: id, account, amount });
			Ok(())
		}

		/// Burns `amount` MBTC (the fee, [`VaultParams::bridge_out_fee`], goes to the
		/// channel's operator instead) and asks `channel` to pay the rest to `btc_address`
		/// within [`VaultParams::deadline`] Bitcoin blocks.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::bridge_out())]
		pub fn bridge_out(
			origin: OriginFor<T>,
			channel: ChannelId,
			amount: u128,
			btc_address: BoundedVec<u8, MaxAddressLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let params = Params::<T>::get();
			let mut c = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
			ensure!(c.state == ChannelState::Active, Error::<T>::ChannelLiquidated);
			ensure!(amount >= params.min_amount as u128, Error::<T>::BelowMinimum);
			let btc_script = Self::script(&btc_address)?;
			let fee = math::share(amount, params.bridge_out_fee as u128, math::ONE as u128);
			let owed = amount - fee;
			let free = c.issued.saturating_sub(c.pending);
			ensure!(owed <= free, Error::<T>::ExceedsObligation);
			let mbtc = T::MbtcId::get();
			ensure!(Self::spendable(mbtc, &who) >= amount, Error::<T>::InsufficientBalance);
			let (best, _) = T::LightClient::best_block().ok_or(Error::<T>::NoBitcoin)?;
			let deadline = best.checked_add(params.deadline).ok_or(Error::<T>::Overflow)?;
			let id = NextRequest::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;

			Self::burn(&who, owed)?;
			if fee > 0 {
				T::Assets::transfer(mbtc, &who, &c.operator, fee, Preservation::Expendable)?;
			}
			c.pending = c.pending.checked_add(owed).ok_or(Error::<T>::Overflow)?;
			Channels::<T>::insert(channel, c);
			NextRequest::<T>::put(next);
			Requests::<T>::insert(
				id,
				BridgeOut { who: who.clone(), channel, amount: owed, fee, btc_script, deadline },
			);
			Self::deposit_event(Event::BridgeOutRequested {
				id,
				who,
				channel,
				amount: owed,
				fee,
				deadline,
			});
			Ok(())
		}

		/// Completes bridge-out `id` with the channel's proven payment: at least the amount to
		/// the user's script, the request's OP_RETURN, mined by the deadline.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::prove_bridge_out()
			.saturating_add(T::LightClient::verify_tx_inclusion_weight(proof.len() as u32, raw_tx.len() as u32)))]
		pub fn prove_bridge_out(
			origin: OriginFor<T>,
			id: RequestId,
			raw_tx: BoundedVec<u8, T::MaxTxSize>,
			proof: BoundedVec<u8, T::MaxProofSize>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let params = Params::<T>::get();
			let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
			let tx = Self::decode_tx(&raw_tx)?;
			let txid = H256(tx.compute_txid().to_byte_array());
			ensure!(!T::Txids::is_credited(&txid), Error::<T>::AlreadyBridged);
			let inclusion =
				T::LightClient::verify_tx_inclusion(&raw_tx, &proof, params.confirmations)
					.map_err(|e| Self::spv_error(e, Error::<T>::InvalidProof))?;
			ensure!(inclusion.height <= request.deadline, Error::<T>::PaidTooLate);
			ensure!(btc::names_request(&tx, id), Error::<T>::MissingRequestId);
			let paid = btc::paid_to(&tx, &request.btc_script).ok_or(Error::<T>::Overflow)?;
			ensure!(paid as u128 >= request.amount, Error::<T>::Underpaid);
			let mut c = Channels::<T>::get(request.channel).ok_or(Error::<T>::UnknownChannel)?;

			ensure!(T::Txids::credit(&txid), Error::<T>::AlreadyBridged);
			c.issued = c.issued.saturating_sub(request.amount);
			c.pending = c.pending.saturating_sub(request.amount);
			Requests::<T>::remove(id);
			Self::deposit_event(Event::BridgeOutPaid { id, channel: request.channel, txid });
			Self::store_or_settle(request.channel, c)
		}

		/// Pays bridge-out `id` from the channel's collateral: worth [`VaultParams::claim_ratio`]
		/// of the amount at the oracle price, pro rata across its assets, once the deadline and
		/// the confirmations a proof would need have passed; and bans the channel from issuing.
		/// From a liquidated channel it pays at once, pro rata like [`Pallet::redeem`]. Anyone
		/// may call it; the user is paid.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim_bridge_out())]
		pub fn claim_bridge_out(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			let params = Params::<T>::get();
			let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
			let mut c = Channels::<T>::get(request.channel).ok_or(Error::<T>::UnknownChannel)?;
			let (best, _) = T::LightClient::best_block().ok_or(Error::<T>::NoBitcoin)?;
			let paid = match c.state {
				ChannelState::Active => {
					let open_until =
						request.deadline.saturating_add(params.confirmations).saturating_sub(1);
					ensure!(best > open_until, Error::<T>::TooEarly);
					let btc = Self::price(BTC_USD_KEY, false)?;
					let owed = math::value_of(request.amount, MBTC_DECIMALS, btc, Rounding::Down)
						.ok_or(Error::<T>::Overflow)?;
					let claim = math::scale(owed, params.claim_ratio, Rounding::Down)
						.ok_or(Error::<T>::Overflow)?;
					let value = Self::collateral_value(&c.collateral, false)?;
					Self::take_share(&mut c.collateral, claim.0, value.0)
				},
				ChannelState::Liquidated => Self::redemption(&mut c, request.amount)?,
			};
			Self::pay_out(&request.who, &paid)?;
			c.issued = c.issued.saturating_sub(request.amount);
			c.pending = c.pending.saturating_sub(request.amount);
			let mut banned_until = c.banned_until;
			if c.state == ChannelState::Active {
				banned_until = best.saturating_add(params.ban).max(c.banned_until);
				c.banned_until = banned_until;
			}
			Requests::<T>::remove(id);
			Self::deposit_event(Event::BridgeOutClaimed {
				id,
				who: request.who,
				channel: request.channel,
				paid,
				banned_until,
			});
			Self::store_or_settle(request.channel, c)
		}

		/// Liquidates part of a channel below the liquidation ratio: burns up to `max_amount`
		/// MBTC, at most what brings it back to the liquidation ratio, for collateral worth
		/// [`VaultParams::liquidation_bonus`] of it, pro rata across its assets.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::liquidate())]
		pub fn liquidate(
			origin: OriginFor<T>,
			channel: ChannelId,
			max_amount: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let params = Params::<T>::get();
			let mut c = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
			ensure!(c.state == ChannelState::Active, Error::<T>::ChannelLiquidated);
			ensure!(max_amount > 0, Error::<T>::ZeroAmount);
			let (amount, btc, value) = Self::partial_liquidation(&c, max_amount, &params)?;
			let mbtc = T::MbtcId::get();
			ensure!(Self::spendable(mbtc, &who) >= amount, Error::<T>::InsufficientBalance);
			let repaid = math::value_of(amount, MBTC_DECIMALS, btc, Rounding::Down)
				.ok_or(Error::<T>::Overflow)?;
			let reward = math::scale(repaid, params.liquidation_bonus, Rounding::Down)
				.ok_or(Error::<T>::Overflow)?;
			let paid = Self::take_share(&mut c.collateral, reward.0, value.0);

			Self::burn(&who, amount)?;
			Self::pay_out(&who, &paid)?;
			c.issued -= amount;
			let ratio = math::ratio(
				Self::collateral_value(&c.collateral, true)?,
				Self::debt_value(c.issued, true)?,
			);
			Channels::<T>::insert(channel, c);
			Self::deposit_event(Event::Liquidated {
				channel,
				liquidator: who,
				burned: amount,
				paid,
				ratio,
			});
			Ok(())
		}

		/// Moves a channel below the full-liquidation ratio, with all its collateral and its
		/// whole obligation, to the public liquidation channel.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::liquidate_all())]
		pub fn liquidate_all(origin: OriginFor<T>, channel: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let params = Params::<T>::get();
			let mut c = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
			ensure!(c.state == ChannelState::Active, Error::<T>::ChannelLiquidated);
			let value = Self::collateral_value(&c.collateral, true)?;
			let debt = Self::debt_value(c.issued, true)?;
			ensure!(
				!math::at_least(value, debt, params.full_liquidation_ratio),
				Error::<T>::AboveFullLiquidationRatio
			);
			c.state = ChannelState::Liquidated;
			let issued = c.issued;
			Channels::<T>::insert(channel, c);
			Self::deposit_event(Event::FullyLiquidated {
				channel,
				by: who,
				issued,
				ratio: math::ratio(value, debt),
			});
			Ok(())
		}

		/// Redeems `amount` MBTC from a liquidated channel for its collateral at the oracle
		/// price, pro rata: worth the MBTC if the channel has enough, else the MBTC's share of
		/// all of it. The last redemption returns what is left to the operator.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::redeem())]
		pub fn redeem(origin: OriginFor<T>, channel: ChannelId, amount: u128) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut c = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
			ensure!(c.state == ChannelState::Liquidated, Error::<T>::NotLiquidated);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(amount <= c.issued.saturating_sub(c.pending), Error::<T>::ExceedsObligation);
			let mbtc = T::MbtcId::get();
			ensure!(Self::spendable(mbtc, &who) >= amount, Error::<T>::InsufficientBalance);
			let paid = Self::redemption(&mut c, amount)?;
			Self::burn(&who, amount)?;
			Self::pay_out(&who, &paid)?;
			c.issued -= amount;
			Self::deposit_event(Event::Redeemed { channel, who, burned: amount, paid });
			Self::store_or_settle(channel, c)
		}

		/// Sets the rules.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: VaultParams) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(params.is_valid(), Error::<T>::InvalidParams);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}

		/// Takes `asset` as collateral, priced by the oracle's `key` (or changes its key).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_collateral_asset())]
		pub fn set_collateral_asset(
			origin: OriginFor<T>,
			asset: AssetIdOf<T>,
			key: PriceKey,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(
				asset != T::MbtcId::get() && T::Assets::asset_exists(asset),
				Error::<T>::UnknownAsset
			);
			ensure!(tapchain_primitives::oracle::is_valid_key(&key), Error::<T>::MalformedKey);
			ensure!(
				CollateralAssets::<T>::contains_key(asset)
					|| CollateralAssets::<T>::count() < T::MaxAssets::get(),
				Error::<T>::TooManyAssets
			);
			CollateralAssets::<T>::insert(asset, key.clone());
			Self::deposit_event(Event::CollateralAssetSet { asset, key });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account that holds every channel's collateral.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The weight of a bridge-in: the benchmarked part for its input count, plus the light
	/// client's verification of each proof at its length.
	pub fn bridge_in_weight(tx_len: usize, proof_len: usize, inputs: &[ProvenTx<T>]) -> Weight {
		inputs.iter().fold(
			T::WeightInfo::bridge_in(inputs.len() as u32).saturating_add(
				T::LightClient::verify_tx_inclusion_weight(proof_len as u32, tx_len as u32),
			),
			|w, (tx, proof)| {
				w.saturating_add(T::LightClient::verify_tx_inclusion_weight(
					proof.len() as u32,
					tx.len() as u32,
				))
			},
		)
	}

	/// What a partial liquidation of `c` for at most `max_amount` burns, with the BTC price and
	/// the collateral value (at the liquidation prices) it is computed at: the least of
	/// `max_amount`, the cap that brings the ratio back to the liquidation ratio, and what is
	/// not pending; the whole rest if less than [`VaultParams::min_amount`] would remain.
	fn partial_liquidation(
		c: &ChannelOf<T>,
		max_amount: u128,
		params: &VaultParams,
	) -> Result<(u128, Price, Usd), Error<T>> {
		let btc = Self::price(BTC_USD_KEY, true)?;
		let value = Self::collateral_value(&c.collateral, true)?;
		let debt = Self::debt_value(c.issued, true)?;
		ensure!(
			!math::at_least(value, debt, params.liquidation_ratio),
			Error::<T>::AboveLiquidationRatio
		);
		ensure!(
			math::at_least(value, debt, params.full_liquidation_ratio),
			Error::<T>::BelowFullLiquidationRatio
		);
		let cap =
			math::liquidation_cap(value, debt, params.liquidation_ratio, params.liquidation_bonus)
				.ok_or(Error::<T>::Overflow)?;
		let cap =
			math::amount_of(cap, MBTC_DECIMALS, btc, Rounding::Up).ok_or(Error::<T>::Overflow)?;
		let free = c.issued.saturating_sub(c.pending);
		let mut amount = max_amount.min(cap).min(free);
		let rest = free - amount;
		if rest > 0 && rest < params.min_amount as u128 {
			ensure!(max_amount >= free, Error::<T>::LeavesDust);
			amount = free;
		}
		ensure!(amount > 0, Error::<T>::ExceedsObligation);
		Ok((amount, btc, value))
	}

	/// Every channel, with its ratio, capacity and liquidation state now (`MbtcVaultApi`).
	pub fn channel_statuses() -> Vec<ChannelStatus<T::AccountId>>
	where
		AssetIdOf<T>: Into<u32>,
	{
		let params = Params::<T>::get();
		Channels::<T>::iter()
			.map(|(id, c)| {
				let active = c.state == ChannelState::Active;
				let ratio = Self::collateral_value(&c.collateral, true)
					.and_then(|v| Ok((v, Self::debt_value(c.issued, true)?)))
					.ok();
				let capacity = Self::collateral_value(&c.collateral, false)
					.and_then(|v| {
						let limit = math::unscale(v, params.issue_ratio, Rounding::Down)
							.ok_or(Error::<T>::Overflow)?;
						let btc = Self::price(BTC_USD_KEY, false)?;
						math::amount_of(limit, MBTC_DECIMALS, btc, Rounding::Down)
							.ok_or(Error::<T>::Overflow)
					})
					.ok()
					.map(|limit| limit.saturating_sub(c.issued));
				let liquidatable = if active {
					Self::partial_liquidation(&c, u128::MAX, &params).map(|(x, ..)| x).unwrap_or(0)
				} else {
					0
				};
				let fully_liquidatable = active
					&& ratio
						.is_some_and(|(v, d)| !math::at_least(v, d, params.full_liquidation_ratio));
				ChannelStatus {
					id,
					operator: c.operator,
					btc_script: c.btc_script.into_inner(),
					collateral: c.collateral.into_iter().map(|(a, n)| (a.into(), n)).collect(),
					issued: c.issued,
					pending: c.pending,
					banned_until: c.banned_until,
					liquidated: !active,
					ratio: ratio.map(|(v, d)| math::ratio(v, d)),
					capacity,
					liquidatable,
					fully_liquidatable,
				}
			})
			.collect()
	}

	/// Every pending bridge-out (`MbtcVaultApi`).
	pub fn request_statuses() -> Vec<RequestStatus<T::AccountId>> {
		let confirmations = Params::<T>::get().confirmations;
		Requests::<T>::iter()
			.map(|(id, r)| {
				let liquidated = Channels::<T>::get(r.channel)
					.is_some_and(|c| c.state == ChannelState::Liquidated);
				RequestStatus {
					id,
					who: r.who,
					channel: r.channel,
					amount: r.amount,
					btc_script: r.btc_script.into_inner(),
					deadline: r.deadline,
					claimable_from: if liquidated {
						0
					} else {
						r.deadline.saturating_add(confirmations)
					},
				}
			})
			.collect()
	}

	fn spendable(asset: AssetIdOf<T>, who: &T::AccountId) -> u128 {
		T::Assets::reducible_balance(asset, who, Preservation::Expendable, Fortitude::Polite)
	}

	fn decode_tx(raw: &[u8]) -> Result<Transaction, Error<T>> {
		deserialize(raw).map_err(|_| Error::<T>::MalformedTransaction)
	}

	fn script(address: &[u8]) -> Result<BtcScript, Error<T>> {
		let network = T::LightClient::network().ok_or(Error::<T>::NoBitcoin)?;
		let script = script_of_address(address, network).map_err(|e| match e {
			AddressError::Invalid => Error::<T>::InvalidAddress,
			AddressError::WrongNetwork => Error::<T>::WrongNetwork,
			AddressError::Unsupported => Error::<T>::UnsupportedAddress,
		})?;
		BtcScript::try_from(script.into_bytes()).map_err(|_| Error::<T>::UnsupportedAddress)
	}

	fn spv_error(e: SpvError, otherwise: Error<T>) -> Error<T> {
		match e {
			SpvError::InsufficientConfirmations => Error::<T>::Unconfirmed,
			_ => otherwise,
		}
	}

	fn envelope_error(e: btc::EnvelopeError) -> Error<T> {
		use btc::EnvelopeError as E;
		match e {
			E::NoEnvelope => Error::<T>::NoEnvelope,
			E::UnknownProtocol => Error::<T>::UnknownProtocol,
			E::UnknownVersion => Error::<T>::UnknownVersion,
			E::UnknownOperation => Error::<T>::UnknownOperation,
			E::MalformedQuery => Error::<T>::MalformedQuery,
			E::IncompleteQuery => Error::<T>::IncompleteQuery,
		}
	}

	/// The open channel `id`, if `who` runs it.
	fn operated(id: ChannelId, who: &T::AccountId) -> Result<ChannelOf<T>, Error<T>> {
		let c = Channels::<T>::get(id).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(&c.operator == who, Error::<T>::NotOperator);
		ensure!(c.state == ChannelState::Active, Error::<T>::ChannelLiquidated);
		Ok(c)
	}

	/// The oracle's price of `key`: its liquidation price (which waits out the grace period)
	/// for liquidations.
	fn price(key: &[u8], liquidation: bool) -> Result<Price, Error<T>> {
		let price =
			if liquidation { T::Prices::liquidation_price(key) } else { T::Prices::price(key) };
		price.map_err(|e| match e {
			PriceError::UnknownKey => Error::<T>::PriceUnknown,
			PriceError::Stale => Error::<T>::PriceStale,
			PriceError::InGrace => Error::<T>::PriceInGrace,
		})
	}

	/// The dollar value of `collateral`, each asset rounded down.
	pub fn collateral_value(
		collateral: &[(AssetIdOf<T>, u128)],
		liquidation: bool,
	) -> Result<Usd, Error<T>> {
		collateral.iter().try_fold(Usd::ZERO, |sum, (asset, amount)| {
			let key = CollateralAssets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
			let price = Self::price(&key, liquidation)?;
			let decimals = T::Assets::decimals(*asset);
			let value = math::value_of(*amount, decimals, price, Rounding::Down)
				.ok_or(Error::<T>::Overflow)?;
			sum.checked_add(value).ok_or(Error::<T>::Overflow)
		})
	}

	/// The dollar value of `sats` of MBTC, rounded up. No price is needed for none.
	pub fn debt_value(sats: u128, liquidation: bool) -> Result<Usd, Error<T>> {
		if sats == 0 {
			return Ok(Usd::ZERO);
		}
		let btc = Self::price(BTC_USD_KEY, liquidation)?;
		math::value_of(sats, MBTC_DECIMALS, btc, Rounding::Up).ok_or(Error::<T>::Overflow)
	}

	fn credit_collateral(
		collateral: &mut BoundedVec<(AssetIdOf<T>, u128), T::MaxAssets>,
		asset: AssetIdOf<T>,
		amount: u128,
	) -> Result<(), Error<T>> {
		match collateral.binary_search_by(|(a, _)| a.cmp(&asset)) {
			Ok(i) => {
				collateral[i].1 = collateral[i].1.checked_add(amount).ok_or(Error::<T>::Overflow)?
			},
			Err(i) => collateral
				.try_insert(i, (asset, amount))
				.map_err(|_| Error::<T>::TooManyAssets)?,
		}
		Ok(())
	}

	/// Removes `amount` of `asset` (the caller checked it is held), dropping an emptied entry.
	fn debit_collateral(
		collateral: &mut BoundedVec<(AssetIdOf<T>, u128), T::MaxAssets>,
		asset: AssetIdOf<T>,
		amount: u128,
	) {
		for (a, n) in collateral.iter_mut() {
			if *a == asset {
				*n = n.saturating_sub(amount);
			}
		}
		collateral.retain(|(_, n)| *n > 0);
	}

	/// Takes `part / whole` of every asset of `collateral` (rounded down, at most all of it)
	/// and returns what was taken.
	fn take_share(
		collateral: &mut BoundedVec<(AssetIdOf<T>, u128), T::MaxAssets>,
		part: u128,
		whole: u128,
	) -> Amounts<T> {
		let mut taken = Amounts::<T>::default();
		for (asset, amount) in collateral.iter_mut() {
			let n = if part >= whole { *amount } else { math::share(*amount, part, whole) };
			if n > 0 {
				*amount -= n;
				// As many entries as `collateral`, which has the same bound.
				let _ = taken.try_push((*asset, n));
			}
		}
		collateral.retain(|(_, n)| *n > 0);
		taken
	}

	/// What redeeming `amount` sats of a liquidated channel's obligation pays, taken from its
	/// collateral: the MBTC's value at the oracle price if the collateral covers the whole
	/// obligation at that price, else the MBTC's share of the whole collateral.
	fn redemption(c: &mut ChannelOf<T>, amount: u128) -> Result<Amounts<T>, Error<T>> {
		let value = Self::collateral_value(&c.collateral, false)?;
		let debt = Self::debt_value(c.issued, false)?;
		Ok(if math::at_least(value, debt, math::ONE) {
			let btc = Self::price(BTC_USD_KEY, false)?;
			let worth = math::value_of(amount, MBTC_DECIMALS, btc, Rounding::Down)
				.ok_or(Error::<T>::Overflow)?;
			Self::take_share(&mut c.collateral, worth.0, value.0)
		} else {
			Self::take_share(&mut c.collateral, amount, c.issued)
		})
	}

	/// Burns exactly `amount` of `who`'s MBTC.
	fn burn(who: &T::AccountId, amount: u128) -> DispatchResult {
		T::Assets::burn_from(
			T::MbtcId::get(),
			who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Ok(())
	}

	fn pay_out(to: &T::AccountId, paid: &[(AssetIdOf<T>, u128)]) -> DispatchResult {
		let vault = Self::account_id();
		for (asset, amount) in paid {
			T::Assets::transfer(*asset, &vault, to, *amount, Preservation::Expendable)?;
		}
		Ok(())
	}

	/// Stores `c`, or, if it was liquidated and owes nothing more, returns what is left to
	/// its operator and removes it.
	fn store_or_settle(id: ChannelId, c: ChannelOf<T>) -> DispatchResult {
		if c.state == ChannelState::Liquidated && c.issued == 0 {
			return Self::close(id, c);
		}
		Channels::<T>::insert(id, c);
		Ok(())
	}

	fn close(id: ChannelId, c: ChannelOf<T>) -> DispatchResult {
		Self::pay_out(&c.operator, &c.collateral)?;
		ChannelOfScript::<T>::remove(&c.btc_script);
		Channels::<T>::remove(id);
		let returned = Amounts::<T>::truncate_from(c.collateral.into_inner());
		Self::deposit_event(Event::ChannelClosed { channel: id, returned });
		Ok(())
	}

	/// The vault's invariants: the account holds exactly what the channels record; MBTC's
	/// issuance plus pending bridge-outs is what the channels issued; each channel's entries
	/// are sorted, non-zero and pending ≤ issued; the address index matches.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let mut held: BTreeMap<AssetIdOf<T>, u128> = BTreeMap::new();
		let mut issued = 0u128;
		let mut pending_channels = 0u128;
		for (id, c) in Channels::<T>::iter() {
			ensure!(c.pending <= c.issued, "a channel's pending exceeds its issued");
			ensure!(
				c.collateral.windows(2).all(|w| w[0].0 < w[1].0),
				"a channel's collateral is not sorted"
			);
			ensure!(c.collateral.iter().all(|(_, n)| *n > 0), "a zero collateral entry");
			ensure!(
				ChannelOfScript::<T>::get(&c.btc_script) == Some(id),
				"the address index disagrees"
			);
			for (asset, n) in c.collateral.iter() {
				let e = held.entry(*asset).or_default();
				*e = e.checked_add(*n).ok_or("collateral overflows")?;
			}
			issued = issued.checked_add(c.issued).ok_or("issued overflows")?;
			pending_channels = pending_channels.saturating_add(c.pending);
		}
		ensure!(
			ChannelOfScript::<T>::iter().count() as u32 == Channels::<T>::count(),
			"stale address index entries"
		);
		let vault = Self::account_id();
		for asset in CollateralAssets::<T>::iter_keys() {
			ensure!(
				T::Assets::balance(asset, &vault) == held.get(&asset).copied().unwrap_or(0),
				"the vault account does not hold exactly the recorded collateral"
			);
		}
		let pending: u128 = Requests::<T>::iter_values().map(|r| r.amount).sum();
		ensure!(pending == pending_channels, "requests disagree with the channels' pending");
		ensure!(
			T::Assets::total_issuance(T::MbtcId::get()).saturating_add(pending) == issued,
			"MBTC issuance plus pending bridge-outs is not what the channels issued"
		);
		Ok(())
	}
}
