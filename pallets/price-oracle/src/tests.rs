//! Tests of the price oracle: every error with `assert_noop!`, the median, staleness per key,
//! the step bound, the grace period, and a property test against an independent model.

use crate::{
	mock::*, Error, Event, FeeRateFrom, Feeders, KeyState, Keys, OracleParams, Params, Posted,
	Price, PriceError, PriceFeed, Values,
};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_runtime::{traits::Zero, DispatchError, FixedPointNumber, Perbill};

type Oracle = crate::Pallet<Test>;

fn submit(feeder: AccountId, k: &str, value: Price) -> sp_runtime::DispatchResult {
	Oracle::submit(RuntimeOrigin::signed(feeder), key(k), value)
}

fn params(min_values: u32) -> OracleParams {
	OracleParams { min_values, ..OracleParams::default() }
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::PriceOracle(e) => Some(e),
			_ => None,
		})
		.expect("an oracle event")
}

#[test]
fn genesis_sets_feeders_keys_and_rules() {
	new_test_ext().execute_with(|| {
		assert_eq!(Feeders::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(Keys::<Test>::count(), 2);
		assert_eq!(Keys::<Test>::get(key("BTC/USD")), Some(KeyState { fresh_since: None }));
		assert_eq!(Params::<Test>::get(), OracleParams::default());
		// The whitepaper's defaults.
		let d = OracleParams::default();
		assert_eq!(
			(d.max_age, d.min_values, d.max_step, d.grace),
			(3_600_000, 1, Perbill::from_percent(10), 600_000)
		);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		assert_eq!(Oracle::price(b"DOGE/USD"), Err(PriceError::UnknownKey));
		assert_eq!(Oracle::keys().len(), 2);
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn a_submission_sets_the_price_and_says_so() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(97_000)));
		assert_eq!(
			Values::<Test>::get(key("BTC/USD"), 1),
			Some(Posted { value: usd(97_000), at: T0 })
		);
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(97_000)));
		let events: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::PriceOracle(e) => Some(e),
				_ => None,
			})
			.collect();
		assert_eq!(
			events,
			vec![
				Event::Fresh { key: key("BTC/USD"), liquidations_from: T0 + 10 * MINUTE },
				Event::Submitted {
					key: key("BTC/USD"),
					feeder: 1,
					value: usd(97_000),
					median: Some(usd(97_000))
				},
			]
		);
		let info = Oracle::price_info(b"BTC/USD").unwrap();
		assert_eq!(info.count, 1);
		assert_eq!(info.fresh_since, T0);
		assert_eq!(info.oldest_expires, T0 + 60 * MINUTE);
		// A second value from the same feeder replaces the first.
		assert_ok!(submit(1, "BTC/USD", usd(98_000)));
		assert_eq!(Oracle::price_info(b"BTC/USD").unwrap().count, 1);
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(98_000)));
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn submission_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		assert_noop!(submit(OUTSIDER, "BTC/USD", usd(100_000)), Error::<Test>::NotFeeder);
		assert_noop!(submit(1, "DOGE/USD", usd(1)), Error::<Test>::UnknownKey);
		assert_noop!(submit(1, "BTC/USD", Price::zero()), Error::<Test>::ZeroValue);
		assert_noop!(
			Oracle::submit(RuntimeOrigin::root(), key("BTC/USD"), usd(1)),
			DispatchError::BadOrigin
		);
		// 10 % of 100,000 is the bound: 110,000 and 90,000 pass, a base unit more does not.
		let over = Price::from_inner(usd(110_000).into_inner() + 1);
		assert_noop!(submit(2, "BTC/USD", over), Error::<Test>::TooFarFromMedian);
		let under = Price::from_inner(usd(90_000).into_inner() - 1);
		assert_noop!(submit(2, "BTC/USD", under), Error::<Test>::TooFarFromMedian);
		assert_ok!(submit(2, "BTC/USD", usd(90_000)));
		// The median of 100k and 90k is 95k, whose bound is 104.5k.
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(95_000)));
		let over = Price::from_inner(usd(104_500).into_inner() + 1);
		assert_noop!(submit(3, "BTC/USD", over), Error::<Test>::TooFarFromMedian);
		assert_ok!(submit(3, "BTC/USD", usd(104_500)));
		// Median of 100k, 90k, 104.5k.
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(100_000)));
	});
}

#[test]
fn the_median_needs_min_values_and_resists_one_liar() {
	ext(params(3)).execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		assert_eq!(
			last_event(),
			Event::Submitted { key: key("BTC/USD"), feeder: 1, value: usd(100_000), median: None }
		);
		assert_ok!(submit(2, "BTC/USD", usd(101_000)));
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		// Stale keys take any value: there is no median to compare with. The third one makes
		// the key fresh, with the median of three.
		assert_ok!(submit(3, "BTC/USD", usd(1)));
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(100_000)));
		// The liar moves only within the bound, and the median does not follow it.
		assert_noop!(submit(3, "BTC/USD", usd(200_000)), Error::<Test>::TooFarFromMedian);
		assert_ok!(submit(3, "BTC/USD", usd(110_000)));
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(101_000)));
	});
}

#[test]
fn an_even_count_takes_the_mean_of_the_middle_two_rounded_down() {
	ext(params(2)).execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", Price::from_inner(3)));
		assert_ok!(submit(2, "BTC/USD", Price::from_inner(4)));
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(Price::from_inner(3)));
		assert_ok!(submit(1, "WETH/USD", usd(3_000)));
		assert_ok!(submit(2, "WETH/USD", usd(3_001)));
		assert_eq!(Oracle::price(b"WETH/USD"), Ok(Price::saturating_from_rational(60_010, 20)));
	});
}

#[test]
fn values_age_out_per_key() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		advance(30 * MINUTE);
		assert_ok!(submit(1, "WETH/USD", usd(3_000)));
		// One millisecond short of an hour, BTC/USD still counts.
		advance(30 * MINUTE - 1);
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(100_000)));
		advance(1);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::Stale));
		// The other key goes on.
		assert_eq!(Oracle::price(b"WETH/USD"), Ok(usd(3_000)));
		assert_eq!(Oracle::liquidation_price(b"WETH/USD"), Ok(usd(3_000)));
		// A stale key takes a value far from its old median.
		assert_ok!(submit(1, "BTC/USD", usd(50_000)));
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(50_000)));
	});
}

#[test]
fn liquidations_wait_the_grace_period_after_an_outage() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		// The first price ever is an outage's end too.
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::InGrace));
		advance(10 * MINUTE);
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Ok(usd(100_000)));
		// Keeping it fresh does not restart the grace.
		assert_ok!(submit(1, "BTC/USD", usd(101_000)));
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Ok(usd(101_000)));
		// An outage: an hour with no value.
		advance(60 * MINUTE);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		assert_ok!(submit(1, "BTC/USD", usd(80_000)));
		let from = T0 + 70 * MINUTE + 10 * MINUTE;
		assert_eq!(
			System::events().iter().rev().nth(1).map(|r| r.event.clone()),
			Some(RuntimeEvent::PriceOracle(Event::Fresh {
				key: key("BTC/USD"),
				liquidations_from: from
			}))
		);
		// Usable at once for everything else, by liquidations 10 minutes later.
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(80_000)));
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::InGrace));
		advance(10 * MINUTE - 1);
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::InGrace));
		advance(1);
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Ok(usd(80_000)));
		assert_eq!(Oracle::price_info(b"BTC/USD").unwrap().liquidations_from, from);
	});
}

#[test]
fn feeders_are_added_and_removed_by_root_only() {
	new_test_ext().execute_with(|| {
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::signed(1), 4), DispatchError::BadOrigin);
		assert_noop!(Oracle::remove_feeder(RuntimeOrigin::signed(1), 2), DispatchError::BadOrigin);
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::root(), 2), Error::<Test>::AlreadyFeeder);
		assert_noop!(
			Oracle::remove_feeder(RuntimeOrigin::root(), OUTSIDER),
			Error::<Test>::NotFeeder
		);
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), 0));
		assert_eq!(last_event(), Event::FeederAdded { who: 0 });
		assert_eq!(Feeders::<Test>::get().into_inner(), vec![0, 1, 2, 3]);
		for who in 4..8 {
			assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), who));
		}
		assert_eq!(Feeders::<Test>::get().len() as u32, MAX_FEEDERS);
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::root(), 8), Error::<Test>::TooManyFeeders);
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn a_removed_feeder_stops_counting_at_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(2, "BTC/USD", usd(100_000)));
		assert_ok!(submit(2, "WETH/USD", usd(3_000)));
		assert_ok!(submit(1, "WETH/USD", usd(3_100)));
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 2));
		assert_eq!(last_event(), Event::FeederRemoved { who: 2, values: 2 });
		assert_eq!(Values::<Test>::get(key("BTC/USD"), 2), None);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		assert_eq!(Oracle::price(b"WETH/USD"), Ok(usd(3_100)));
		assert_noop!(submit(2, "BTC/USD", usd(100_000)), Error::<Test>::NotFeeder);
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn keys_are_added_and_removed_by_root_only() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Oracle::add_key(RuntimeOrigin::signed(1), key("USDC/USD")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Oracle::remove_key(RuntimeOrigin::signed(1), key("BTC/USD")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Oracle::add_key(RuntimeOrigin::root(), key("usdc/usd")),
			Error::<Test>::MalformedKey
		);
		assert_noop!(Oracle::add_key(RuntimeOrigin::root(), key("")), Error::<Test>::MalformedKey);
		assert_noop!(
			Oracle::add_key(RuntimeOrigin::root(), key("BTC/USD")),
			Error::<Test>::KeyExists
		);
		assert_noop!(
			Oracle::remove_key(RuntimeOrigin::root(), key("USDC/USD")),
			Error::<Test>::UnknownKey
		);
		assert_ok!(Oracle::add_key(RuntimeOrigin::root(), key("USDC/USD")));
		assert_eq!(last_event(), Event::KeyAdded { key: key("USDC/USD") });
		assert_eq!(Oracle::price(b"USDC/USD"), Err(PriceError::Stale));
		assert_ok!(Oracle::add_key(RuntimeOrigin::root(), key("FEE/SATVB")));
		assert_eq!(Keys::<Test>::count(), MAX_KEYS);
		assert_noop!(
			Oracle::add_key(RuntimeOrigin::root(), key("DAI/USD")),
			Error::<Test>::TooManyKeys
		);
		// Removing a key takes its values with it.
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		assert_ok!(submit(2, "BTC/USD", usd(100_000)));
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), key("BTC/USD")));
		assert_eq!(last_event(), Event::KeyRemoved { key: key("BTC/USD"), values: 2 });
		assert_eq!(Values::<Test>::iter_prefix(key("BTC/USD")).count(), 0);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::UnknownKey));
		assert_noop!(submit(1, "BTC/USD", usd(1)), Error::<Test>::UnknownKey);
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn invalid_params_are_refused() {
	new_test_ext().execute_with(|| {
		let ok = OracleParams::default();
		assert_noop!(Oracle::set_params(RuntimeOrigin::signed(1), ok), DispatchError::BadOrigin);
		for bad in [
			OracleParams { max_age: 0, ..ok },
			OracleParams { min_values: 0, ..ok },
			OracleParams { min_values: MAX_FEEDERS + 1, ..ok },
			OracleParams { max_step: Perbill::zero(), ..ok },
		] {
			assert_noop!(
				Oracle::set_params(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidParams
			);
		}
		let new = OracleParams { min_values: MAX_FEEDERS, grace: 0, ..ok };
		assert_ok!(Oracle::set_params(RuntimeOrigin::root(), new));
		assert_eq!(last_event(), Event::ParamsSet { params: new });
		assert_eq!(Params::<Test>::get(), new);
	});
}

#[test]
fn new_params_cannot_skip_the_grace_period() {
	ext(params(2)).execute_with(|| {
		assert_ok!(submit(1, "BTC/USD", usd(100_000)));
		advance(30 * MINUTE);
		assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
		// Dropping the minimum to 1 makes the key fresh without a submission: its grace starts
		// now, not at some earlier time.
		assert_ok!(Oracle::set_params(RuntimeOrigin::root(), params(1)));
		assert_eq!(Oracle::price(b"BTC/USD"), Ok(usd(100_000)));
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::InGrace));
		assert_eq!(
			Keys::<Test>::get(key("BTC/USD")),
			Some(KeyState { fresh_since: Some(T0 + 30 * MINUTE) })
		);
		// A key still stale under the new rules keeps no start time.
		assert_eq!(Keys::<Test>::get(key("WETH/USD")), Some(KeyState { fresh_since: None }));
		advance(10 * MINUTE);
		assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Ok(usd(100_000)));
	});
}

#[test]
fn the_fee_rate_is_rounded_up_to_whole_sat_per_vbyte() {
	new_test_ext().execute_with(|| {
		assert_ok!(Oracle::add_key(RuntimeOrigin::root(), key("FEE/SATVB")));
		assert_eq!(FeeRateFrom::<Test>::get(), None);
		assert_ok!(submit(1, "FEE/SATVB", Price::saturating_from_rational(125, 10)));
		assert_eq!(FeeRateFrom::<Test>::get(), Some(13));
		assert_ok!(submit(1, "FEE/SATVB", usd(12)));
		assert_eq!(FeeRateFrom::<Test>::get(), Some(12));
		advance(60 * MINUTE);
		assert_eq!(FeeRateFrom::<Test>::get(), None);
	});
}

#[test]
fn the_runtime_api_lists_values_in_feeder_order() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(3, "BTC/USD", usd(100_000)));
		advance(MINUTE);
		assert_ok!(submit(1, "BTC/USD", usd(101_000)));
		let values = Oracle::feeder_values(b"BTC/USD");
		assert_eq!(values.len(), 2);
		assert_eq!(
			(values[0].feeder, values[0].value, values[0].at),
			(1, usd(101_000), T0 + MINUTE)
		);
		assert_eq!((values[1].feeder, values[1].value, values[1].at), (3, usd(100_000), T0));
		assert!(Oracle::feeder_values(b"NOT/A/KEY/THAT/IS/TOO/LONG").is_empty());
		// The oldest value expires first.
		assert_eq!(Oracle::price_info(b"BTC/USD").unwrap().oldest_expires, T0 + 60 * MINUTE);
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	/// One step of a random history.
	#[derive(Clone, Debug)]
	enum Op {
		Submit { feeder: AccountId, value: u128 },
		Advance { minutes: u64 },
		SetMin { min: u32 },
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			6 => (1u64..=4, 90_000u128..=110_000).prop_map(|(feeder, value)| Op::Submit { feeder, value }),
			3 => (0u64..=40).prop_map(|minutes| Op::Advance { minutes }),
			1 => (1u32..=3).prop_map(|min| Op::SetMin { min }),
		]
	}

	/// The median as the spec states it, computed without the pallet's helper.
	fn model_median(mut v: Vec<u128>) -> u128 {
		v.sort();
		let n = v.len();
		if n % 2 == 1 {
			v[n / 2]
		} else {
			(v[n / 2 - 1] + v[n / 2]) / 2
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(200))]

		/// Against a model of the values (feeder, value, time): the price is the median of the
		/// fresh values exactly when there are enough of them; a value is refused exactly when
		/// it is further than the step bound from a fresh median; liquidations never use a
		/// price within the grace period of the moment the key last became fresh; the pallet's
		/// invariants hold.
		#[test]
		fn prices_follow_the_model(ops in proptest::collection::vec(op(), 1..60)) {
			ext(params(2)).execute_with(|| {
				// Feeder 4 is not a feeder: its submissions must always fail.
				let mut model: std::collections::BTreeMap<AccountId, (u128, u64)> = Default::default();
				let mut min = 2u32;
				let mut now = T0;
				let mut fresh_since: Option<u64> = None;
				let grace = OracleParams::default().grace;
				let max_age = OracleParams::default().max_age;
				let fresh = |model: &std::collections::BTreeMap<AccountId, (u128, u64)>, now: u64, min: u32| {
					let v: Vec<u128> = model.values().filter(|(_, at)| now - at < max_age).map(|(v, _)| *v).collect();
					(v.len() >= min as usize).then(|| model_median(v))
				};
				for op in ops {
					let before = fresh(&model, now, min);
					match op {
						Op::Submit { feeder, value } => {
							let r = submit(feeder, "BTC/USD", usd(value));
							if feeder == 4 {
								prop_assert_eq!(r, Err(Error::<Test>::NotFeeder.into()));
								continue;
							}
							let value = usd(value).into_inner();
							let allowed = match before {
								// 10 % of the median, floored, in FixedU128's inner units.
								Some(m) => value.abs_diff(m) <= m / 10,
								None => true,
							};
							prop_assert_eq!(r.is_ok(), allowed, "{:?} {:?}", value, before);
							if allowed {
								model.insert(feeder, (value, now));
								let after = fresh(&model, now, min);
								if before.is_none() && after.is_some() {
									fresh_since = Some(now);
								}
							}
						},
						Op::Advance { minutes } => {
							now += minutes * MINUTE;
							advance(minutes * MINUTE);
						},
						Op::SetMin { min: m } => {
							assert_ok!(Oracle::set_params(RuntimeOrigin::root(), params(m)));
							if before.is_none() {
								fresh_since = fresh(&model, now, m).map(|_| now);
							}
							min = m;
						},
					}
					let expected = fresh(&model, now, min);
					match expected {
						Some(m) => {
							prop_assert_eq!(Oracle::price(b"BTC/USD"), Ok(Price::from_inner(m)));
							let since = fresh_since.expect("fresh keys have a start");
							let liq = Oracle::liquidation_price(b"BTC/USD");
							if now >= since + grace {
								prop_assert_eq!(liq, Ok(Price::from_inner(m)));
							} else {
								prop_assert_eq!(liq, Err(PriceError::InGrace));
							}
						},
						None => {
							prop_assert_eq!(Oracle::price(b"BTC/USD"), Err(PriceError::Stale));
							prop_assert_eq!(Oracle::liquidation_price(b"BTC/USD"), Err(PriceError::Stale));
						},
					}
					prop_assert!(Oracle::do_try_state().is_ok());
				}
				Ok(())
			})?;
		}
	}
}
