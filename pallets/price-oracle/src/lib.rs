//! # Price oracle pallet
//!
//! Prices for the MBTC vault and the BTC bridge: BTC/USD, one `<ASSET>/USD` per collateral
//! asset, and Bitcoin's fee rate (`FEE/SATVB`, sat/vB). A governance-managed set of feeders
//! posts values; a price is their median, and only exists while enough of them are recent.
//!
//! ## Terminology
//!
//! - **Feeder**: an account in [`Feeders`], added and removed by [`Config::UpdateOrigin`]
//!   (Root: the council's 2/3, or sudo on dev chains). Each holds one value per key; a new
//!   submission replaces its previous one. `tapchain-feeder` (in `clients/`) is the daemon.
//! - **Key**: what a value prices, upper-case ASCII ([`tapchain_primitives::oracle`]). Only the
//!   keys in [`Keys`] take values, so that feeders cannot grow storage: the runtime bounds both
//!   sets ([`Config::MaxKeys`], [`Config::MaxFeeders`]).
//! - **Fresh**: a value younger than [`OracleParams::max_age`] (1 hour by default) counts. A key
//!   is fresh while at least [`OracleParams::min_values`] of its values count (1 on `dev`, 3 on
//!   the testnet template), and its price is their median; otherwise it is **stale** and has no
//!   price. Staleness is per key: a stale `WETH/USD` stops what needs it, and nothing else.
//! - **Step bound**: while a key is fresh, a value further than [`OracleParams::max_step`]
//!   (10 %) from its median is refused ([`Error::TooFarFromMedian`]): one feeder's typo or
//!   compromised key cannot move a price by much in one submission. A real move of more is
//!   followed in steps, as the median follows each one. A stale key takes any value: there is
//!   no median to compare with.
//! - **Grace**: when a stale key becomes fresh (a submission brings it to the minimum), it is
//!   usable at once for everything except liquidations, which wait [`OracleParams::grace`]
//!   (10 minutes): nobody is liquidated on the first tick after an outage, before holders could
//!   react to a price they could not see. Changing the parameters restarts the grace of every
//!   key that was stale under the old ones, so that no change can skip it.
//!
//! ## Trust
//!
//! The median resists fewer than half of the counted values lying: with 3 required, one lying
//! feeder cannot move the price outside the other two. With `min_values = 1` (dev chains) one
//! feeder is the price. Nothing a transaction does on Tapchain moves a median: prices cannot be
//! pushed within a block by a flash loan, only by feeders' signed submissions.
//!
//! ## Dispatchables
//!
//! - [`Pallet::submit`]: a feeder posts a value for a key.
//! - [`Pallet::add_feeder`], [`Pallet::remove_feeder`] (with its values), [`Pallet::add_key`],
//!   [`Pallet::remove_key`] (with its values), [`Pallet::set_params`]: `UpdateOrigin` only.
//!
//! Other pallets read prices through [`tapchain_primitives::oracle::PriceFeed`], clients
//! through the `PriceOracleApi` runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::UnixTime};
use frame_system::pallet_prelude::*;
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, FixedPointNumber, Perbill};
pub use tapchain_primitives::oracle::{
	is_valid_key, FeederValue, Price, PriceError, PriceFeed, PriceInfo, MAX_KEY_LEN,
};

/// A key as stored: at most [`MAX_KEY_LEN`] bytes.
pub type PriceKey = BoundedVec<u8, ConstU32<MAX_KEY_LEN>>;

/// The oracle's rules, set at genesis and by [`Pallet::set_params`].
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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OracleParams {
	/// A value counts while younger than this, in milliseconds. Default 1 hour.
	pub max_age: u64,
	/// Values a key needs to be fresh. Default 1 (dev); the testnet template sets 3.
	pub min_values: u32,
	/// The furthest a value may be from a fresh key's median. Default 10 %.
	pub max_step: Perbill,
	/// How long, in milliseconds, liquidations wait after a key becomes fresh. Default
	/// 10 minutes.
	pub grace: u64,
}

impl Default for OracleParams {
	fn default() -> Self {
		Self {
			max_age: 60 * 60 * 1000,
			min_values: 1,
			max_step: Perbill::from_percent(10),
			grace: 10 * 60 * 1000,
		}
	}
}

/// A feeder's value for a key, and when (ms since the Unix epoch) it was posted.
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
)]
pub struct Posted {
	/// The value.
	pub value: Price,
	/// When.
	pub at: u64,
}

/// A fresh key's values at some moment: their median, how many, and the oldest one's time.
struct Fresh {
	median: Price,
	count: u32,
	oldest: u64,
}

/// What the oracle keeps about a key besides its values.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct KeyState {
	/// When (ms) the key last became fresh; `None` if it never was since it was added or since
	/// the parameters last changed while it was stale.
	pub fresh_since: Option<u64>,
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who manages the feeders, the keys and the parameters: Root in the runtime.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The chain's clock (`pallet-timestamp`): values age by block time.
		type Time: UnixTime;

		/// Most feeders. Each key's median is taken over at most this many values.
		#[pallet::constant]
		type MaxFeeders: Get<u32>;

		/// Most keys.
		#[pallet::constant]
		type MaxKeys: Get<u32>;

		/// Weights, from `benchmarking.rs`.
		type WeightInfo: WeightInfo;
	}

	/// The feeders, sorted.
	#[pallet::storage]
	pub type Feeders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxFeeders>, ValueQuery>;

	/// The keys that take values, and when each last became fresh.
	#[pallet::storage]
	pub type Keys<T: Config> = CountedStorageMap<_, Blake2_128Concat, PriceKey, KeyState>;

	/// Each key's values, by feeder.
	#[pallet::storage]
	pub type Values<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PriceKey, Blake2_128Concat, T::AccountId, Posted>;

	/// The oracle's rules.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, OracleParams, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first feeders.
		pub feeders: Vec<T::AccountId>,
		/// The keys that take values, as ASCII strings.
		pub keys: Vec<alloc::string::String>,
		/// The rules; `None` keeps the defaults ([`OracleParams::default`]).
		pub params: Option<OracleParams>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut feeders = self.feeders.clone();
			feeders.sort();
			feeders.dedup();
			let feeders = BoundedVec::<T::AccountId, T::MaxFeeders>::try_from(feeders)
				.expect("price-oracle: more genesis feeders than MaxFeeders");
			Feeders::<T>::put(feeders);
			for key in &self.keys {
				let key = Pallet::<T>::checked_key(key.as_bytes())
					.unwrap_or_else(|_| panic!("price-oracle: genesis key {key:?} is malformed"));
				assert!(!Keys::<T>::contains_key(&key), "price-oracle: genesis key twice");
				Keys::<T>::insert(key, KeyState::default());
			}
			assert!(
				Keys::<T>::count() <= T::MaxKeys::get(),
				"price-oracle: more genesis keys than MaxKeys"
			);
			let params = self.params.unwrap_or_default();
			assert!(Pallet::<T>::params_valid(&params), "price-oracle: invalid genesis params");
			Params::<T>::put(params);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `feeder` posted `value` for `key`; the key's median is now `median` (`None`: still
		/// stale).
		Submitted { key: PriceKey, feeder: T::AccountId, value: Price, median: Option<Price> },
		/// `key` became fresh: usable at once, by liquidations from `liquidations_from` (ms).
		Fresh { key: PriceKey, liquidations_from: u64 },
		/// `who` became a feeder.
		FeederAdded { who: T::AccountId },
		/// `who` is no longer a feeder; its `values` values were removed.
		FeederRemoved { who: T::AccountId, values: u32 },
		/// `key` takes values.
		KeyAdded { key: PriceKey },
		/// `key` was removed, with its `values` values.
		KeyRemoved { key: PriceKey, values: u32 },
		/// The rules changed.
		ParamsSet { params: OracleParams },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not a feeder.
		NotFeeder,
		/// The account is a feeder already.
		AlreadyFeeder,
		/// [`Config::MaxFeeders`] feeders already.
		TooManyFeeders,
		/// No such key.
		UnknownKey,
		/// Not upper-case ASCII (`A`–`Z`, `0`–`9`, `/ - _ .`) of 1 to 16 bytes.
		MalformedKey,
		/// The key exists already.
		KeyExists,
		/// [`Config::MaxKeys`] keys already.
		TooManyKeys,
		/// A price of zero.
		ZeroValue,
		/// Further than `max_step` from the fresh key's median.
		TooFarFromMedian,
		/// `max_age` of 0, `min_values` of 0 or above `MaxFeeders`, or a `max_step` of 0.
		InvalidParams,
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
		/// Posts `value` for `key`, replacing the signer's previous value for it.
		///
		/// Refused when the signer is not a feeder, the key unknown, the value zero, or, while
		/// the key is fresh, further than `max_step` from its median. A submission that brings
		/// a stale key to `min_values` fresh values makes it fresh ([`Event::Fresh`]) and starts
		/// its grace period.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit(T::MaxFeeders::get()))]
		pub fn submit(origin: OriginFor<T>, key: PriceKey, value: Price) -> DispatchResult {
			let feeder = ensure_signed(origin)?;
			ensure!(Feeders::<T>::get().binary_search(&feeder).is_ok(), Error::<T>::NotFeeder);
			ensure!(Keys::<T>::contains_key(&key), Error::<T>::UnknownKey);
			ensure!(!value.is_zero(), Error::<T>::ZeroValue);
			let params = Params::<T>::get();
			let now = Self::now();
			let before = Self::fresh_median(&key, now, &params);
			if let Some(median) = before {
				let bound = params.max_step.mul_floor(median.into_inner());
				let distance = value.into_inner().abs_diff(median.into_inner());
				ensure!(distance <= bound, Error::<T>::TooFarFromMedian);
			}
			Values::<T>::insert(&key, &feeder, Posted { value, at: now });
			let after = Self::fresh_median(&key, now, &params);
			if before.is_none() && after.is_some() {
				Keys::<T>::insert(&key, KeyState { fresh_since: Some(now) });
				Self::deposit_event(Event::Fresh {
					key: key.clone(),
					liquidations_from: now.saturating_add(params.grace),
				});
			}
			Self::deposit_event(Event::Submitted { key, feeder, value, median: after });
			Ok(())
		}

		/// Makes `who` a feeder.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_feeder())]
		pub fn add_feeder(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
				let at = feeders.binary_search(&who).err().ok_or(Error::<T>::AlreadyFeeder)?;
				feeders.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyFeeders)?;
				Ok(())
			})?;
			Self::deposit_event(Event::FeederAdded { who });
			Ok(())
		}

		/// Removes `who` from the feeders, with all its values: a feeder that is removed stops
		/// counting at once, not when its values age out.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_feeder(T::MaxKeys::get()))]
		pub fn remove_feeder(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
				let at = feeders.binary_search(&who).map_err(|_| Error::<T>::NotFeeder)?;
				feeders.remove(at);
				Ok(())
			})?;
			let mut values = 0u32;
			for key in Keys::<T>::iter_keys() {
				if Values::<T>::take(&key, &who).is_some() {
					values = values.saturating_add(1);
				}
			}
			Self::deposit_event(Event::FeederRemoved { who, values });
			Ok(())
		}

		/// Adds a key that feeders may post values for. It starts stale.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::add_key())]
		pub fn add_key(origin: OriginFor<T>, key: PriceKey) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let key = Self::checked_key(&key)?;
			ensure!(!Keys::<T>::contains_key(&key), Error::<T>::KeyExists);
			ensure!(Keys::<T>::count() < T::MaxKeys::get(), Error::<T>::TooManyKeys);
			Keys::<T>::insert(&key, KeyState::default());
			Self::deposit_event(Event::KeyAdded { key });
			Ok(())
		}

		/// Removes a key and its values. What depends on its price finds it unknown.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_key(T::MaxFeeders::get()))]
		pub fn remove_key(origin: OriginFor<T>, key: PriceKey) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(Keys::<T>::contains_key(&key), Error::<T>::UnknownKey);
			Keys::<T>::remove(&key);
			// At most `MaxFeeders` values: every value is a feeder's, and a removed feeder's
			// values go with it.
			let values = Values::<T>::drain_prefix(&key).count() as u32;
			Self::deposit_event(Event::KeyRemoved { key, values });
			Ok(())
		}

		/// Sets the rules. Every key that is stale under the old rules has its grace restarted,
		/// so that one the new rules make fresh (a lower `min_values`, a longer `max_age`)
		/// still waits `grace` before liquidations use it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_params(T::MaxKeys::get()))]
		pub fn set_params(origin: OriginFor<T>, params: OracleParams) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(Self::params_valid(&params), Error::<T>::InvalidParams);
			let old = Params::<T>::get();
			let now = Self::now();
			let stale: Vec<PriceKey> = Keys::<T>::iter_keys()
				.filter(|key| Self::fresh_median(key, now, &old).is_none())
				.collect();
			for key in stale {
				let fresh_since = Self::fresh_median(&key, now, &params).is_some().then_some(now);
				Keys::<T>::insert(&key, KeyState { fresh_since });
			}
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The chain's time in milliseconds.
	fn now() -> u64 {
		// u64 milliseconds last 584 million years.
		u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX)
	}

	/// `key` as a stored key, if well formed.
	fn checked_key(key: &[u8]) -> Result<PriceKey, Error<T>> {
		if !is_valid_key(key) {
			return Err(Error::<T>::MalformedKey);
		}
		PriceKey::try_from(key.to_vec()).map_err(|_| Error::<T>::MalformedKey)
	}

	fn params_valid(params: &OracleParams) -> bool {
		params.max_age > 0
			&& params.min_values > 0
			&& params.min_values <= T::MaxFeeders::get()
			&& !params.max_step.is_zero()
	}

	/// Whether a value posted at `at` still counts at `now`.
	fn counts(at: u64, now: u64, params: &OracleParams) -> bool {
		now.saturating_sub(at) < params.max_age
	}

	/// `key`'s fresh values at `now`, if there are at least `min_values` of them: their median,
	/// count and oldest posting time. `None` while the key is stale.
	fn fresh(key: &PriceKey, now: u64, params: &OracleParams) -> Option<Fresh> {
		let fresh: Vec<Posted> = Values::<T>::iter_prefix_values(key)
			.filter(|p| Self::counts(p.at, now, params))
			.collect();
		if (fresh.len() as u64) < u64::from(params.min_values) {
			return None;
		}
		let oldest = fresh.iter().map(|p| p.at).min()?;
		let mut values: Vec<Price> = fresh.iter().map(|p| p.value).collect();
		let median = tapchain_primitives::oracle::median(&mut values)?;
		Some(Fresh { median, count: fresh.len() as u32, oldest })
	}

	/// `key`'s median at `now`, if fresh.
	fn fresh_median(key: &PriceKey, now: u64, params: &OracleParams) -> Option<Price> {
		Self::fresh(key, now, params).map(|f| f.median)
	}

	/// `key`'s price and freshness now (the runtime API's `price`).
	pub fn price_info(key: &[u8]) -> Result<PriceInfo, PriceError> {
		let key = PriceKey::try_from(key.to_vec()).map_err(|_| PriceError::UnknownKey)?;
		let state = Keys::<T>::get(&key).ok_or(PriceError::UnknownKey)?;
		let params = Params::<T>::get();
		let now = Self::now();
		let fresh = Self::fresh(&key, now, &params).ok_or(PriceError::Stale)?;
		// A fresh key always has `fresh_since`: only a submission or `set_params` makes a key
		// fresh, and both set it. Should it ever be missing, the grace starts now.
		let fresh_since = state.fresh_since.unwrap_or(now);
		Ok(PriceInfo {
			median: fresh.median,
			count: fresh.count,
			fresh_since,
			liquidations_from: fresh_since.saturating_add(params.grace),
			oldest_expires: fresh.oldest.saturating_add(params.max_age),
		})
	}

	/// Every feeder's value for `key` (the runtime API's `values`).
	pub fn feeder_values(key: &[u8]) -> Vec<FeederValue<T::AccountId>> {
		let Ok(key) = PriceKey::try_from(key.to_vec()) else { return Vec::new() };
		Feeders::<T>::get()
			.into_iter()
			.filter_map(|feeder| {
				Values::<T>::get(&key, &feeder).map(|p| FeederValue {
					feeder,
					value: p.value,
					at: p.at,
				})
			})
			.collect()
	}

	/// Every key (the runtime API's `keys`).
	pub fn all_keys() -> Vec<Vec<u8>> {
		Keys::<T>::iter_keys().map(|k| k.into_inner()).collect()
	}

	/// The pallet's invariants: the feeders are sorted and distinct; every value is for a key
	/// and by a feeder; no more keys than `MaxKeys`; valid parameters.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let feeders = Feeders::<T>::get();
		ensure!(feeders.windows(2).all(|w| w[0] < w[1]), "feeders not sorted and distinct");
		for (key, feeder, _) in Values::<T>::iter() {
			ensure!(Keys::<T>::contains_key(&key), "a value for an unknown key");
			ensure!(feeders.binary_search(&feeder).is_ok(), "a value by a non-feeder");
		}
		ensure!(Keys::<T>::count() <= T::MaxKeys::get(), "more keys than MaxKeys");
		ensure!(Keys::<T>::count() as usize == Keys::<T>::iter_keys().count(), "key counter off");
		ensure!(Self::params_valid(&Params::<T>::get()), "invalid params");
		Ok(())
	}
}

impl<T: Config> PriceFeed for Pallet<T> {
	fn price(key: &[u8]) -> Result<Price, PriceError> {
		Self::price_info(key).map(|info| info.median)
	}

	fn liquidation_price(key: &[u8]) -> Result<Price, PriceError> {
		let info = Self::price_info(key)?;
		if Self::now() < info.liquidations_from {
			return Err(PriceError::InGrace);
		}
		Ok(info.median)
	}

	fn keys() -> Vec<Vec<u8>> {
		Self::all_keys()
	}
}

/// Bitcoin's fee rate from the oracle (`FEE/SATVB`), rounded up to whole sat/vB; `None` while
/// the key is stale or absent. The BTC bridge's `FeeRateOracle`.
pub struct FeeRateFrom<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<Option<u64>> for FeeRateFrom<T> {
	fn get() -> Option<u64> {
		let rate =
			<Pallet<T> as PriceFeed>::price(tapchain_primitives::oracle::FEE_RATE_KEY).ok()?;
		let one = Price::DIV;
		let whole = rate.into_inner().div_ceil(one);
		u64::try_from(whole).ok()
	}
}
