//! Benchmarks of `pallet-price-oracle`, each at its worst case: full feeder and key sets, every
//! value read twice by a submission that makes its key fresh.

use super::*;
use alloc::format;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A well-formed key, distinct for each `i`.
fn bench_key(i: u32) -> PriceKey {
	PriceKey::try_from(format!("K{i}").into_bytes()).expect("short")
}

/// `n` feeders, sorted, as the pallet keeps them.
fn feeders<T: Config>(n: u32) -> Vec<T::AccountId> {
	let mut all: Vec<T::AccountId> = (0..n).map(|i| account("feeder", i, 0)).collect();
	all.sort();
	Feeders::<T>::put(BoundedVec::truncate_from(all.clone()));
	all
}

/// `n` keys (and no others).
fn keys<T: Config>(n: u32) -> Vec<PriceKey> {
	let _ = Keys::<T>::clear(u32::MAX, None);
	(0..n)
		.map(|i| {
			let key = bench_key(i);
			Keys::<T>::insert(&key, KeyState::default());
			key
		})
		.collect()
}

fn post<T: Config>(key: &PriceKey, feeder: &T::AccountId) {
	let value = Price::saturating_from_integer(100_000u32);
	Values::<T>::insert(key, feeder, Posted { value, at: Pallet::<T>::now() });
}

fn origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `f` feeders; the other `f - 1` posted, so this submission is the `f`-th value that makes
	/// the key fresh: both medians read every value, and the key's state is written.
	#[benchmark]
	fn submit(f: Linear<1, { T::MaxFeeders::get() }>) {
		let all = feeders::<T>(f);
		let key = keys::<T>(1).remove(0);
		Params::<T>::put(OracleParams { min_values: f, ..OracleParams::default() });
		let caller = all[0].clone();
		for other in &all[1..] {
			post::<T>(&key, other);
		}
		let value = Price::saturating_from_integer(100_000u32);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), key.clone(), value);

		assert_eq!(Pallet::<T>::price_info(&key).map(|i| i.median), Ok(value));
	}

	/// Into a list of `MaxFeeders - 1`.
	#[benchmark]
	fn add_feeder() -> Result<(), BenchmarkError> {
		feeders::<T>(T::MaxFeeders::get() - 1);
		let who: T::AccountId = account("new", 0, 0);
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Feeders::<T>::get().contains(&who));
		Ok(())
	}

	/// From a full list, with a value for each of `k` keys.
	#[benchmark]
	fn remove_feeder(k: Linear<1, { T::MaxKeys::get() }>) -> Result<(), BenchmarkError> {
		let all = feeders::<T>(T::MaxFeeders::get());
		let who = all[0].clone();
		for key in keys::<T>(k) {
			post::<T>(&key, &who);
		}
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Feeders::<T>::get().contains(&who));
		assert_eq!(Values::<T>::iter().count(), 0);
		Ok(())
	}

	/// Next to `MaxKeys - 1` others.
	#[benchmark]
	fn add_key() -> Result<(), BenchmarkError> {
		keys::<T>(T::MaxKeys::get() - 1);
		let key = PriceKey::try_from(b"ABCDEFGHIJKLMNOP".to_vec()).expect("16 bytes");
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key.clone());

		assert!(Keys::<T>::contains_key(&key));
		Ok(())
	}

	/// With `f` values.
	#[benchmark]
	fn remove_key(f: Linear<1, { T::MaxFeeders::get() }>) -> Result<(), BenchmarkError> {
		let all = feeders::<T>(f);
		let key = keys::<T>(1).remove(0);
		for who in &all {
			post::<T>(&key, who);
		}
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key.clone());

		assert!(!Keys::<T>::contains_key(&key));
		assert_eq!(Values::<T>::iter_prefix(&key).count(), 0);
		Ok(())
	}

	/// `k` keys, each stale under the old rules (one value short of `MaxFeeders`) and fresh
	/// under the new ones (a minimum of 1): every value is read twice and every key written.
	#[benchmark]
	fn set_params(k: Linear<1, { T::MaxKeys::get() }>) -> Result<(), BenchmarkError> {
		let max = T::MaxFeeders::get();
		let all = feeders::<T>(max);
		Params::<T>::put(OracleParams { min_values: max, ..OracleParams::default() });
		let keys = keys::<T>(k);
		for key in &keys {
			for who in &all[1..] {
				post::<T>(key, who);
			}
		}
		let new = OracleParams { min_values: 1, ..OracleParams::default() };
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new);

		assert_eq!(Params::<T>::get(), new);
		assert!(Keys::<T>::iter_values().all(|s| s.fresh_since.is_some()));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
