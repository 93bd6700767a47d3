//! The price oracle through a [`Chain`]: a key's price and its feeders' values (runtime API
//! `PriceOracleApi`), the rules (`PriceOracle.Params`), and a feeder's submission.

use crate::{
	chain::{Chain, Receipt, Wait},
	error::ChainError,
	tapchain::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
};
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;
use tapchain_primitives::oracle::{FeederValue, Price, PriceError, PriceInfo};

/// The oracle's rules, as `PriceOracle.Params` holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OracleRules {
	/// A value counts while younger than this (ms).
	pub max_age: u64,
	/// Fresh values a key needs.
	pub min_values: u32,
	/// The furthest a value may be from a fresh median, in parts per billion.
	pub max_step_ppb: u32,
	/// How long liquidations wait after a key becomes fresh (ms).
	pub grace: u64,
}

/// What an accepted `PriceOracle.submit` did (its events).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceSubmitted {
	/// Where it landed and what it paid.
	pub receipt: Receipt,
	/// The key's median after it (`None`: still stale).
	pub median: Option<Price>,
	/// If it made the key fresh: from when (ms) liquidations may use the price.
	pub fresh: Option<u64>,
}

impl Chain {
	/// A key's median and freshness at the best block, or why it has none.
	pub async fn oracle_price(
		&self,
		key: &str,
	) -> Result<Result<PriceInfo, PriceError>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().price_oracle_api();
		let answer = at.runtime_apis().call(api.price(key.as_bytes().to_vec())).await?;
		Ok(answer.map(|Static(i)| i).map_err(|Static(e)| e))
	}

	/// Every feeder's value for `key`, fresh or not.
	pub async fn oracle_values(
		&self,
		key: &str,
	) -> Result<Vec<FeederValue<AccountId32>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().price_oracle_api();
		let values = at.runtime_apis().call(api.values(key.as_bytes().to_vec())).await?;
		Ok(values.into_iter().map(|Static(v)| v).collect())
	}

	/// Every key the oracle serves (ASCII).
	pub async fn oracle_keys(&self) -> Result<Vec<String>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().price_oracle_api();
		let keys = at.runtime_apis().call(api.keys()).await?;
		Ok(keys.into_iter().map(|k| String::from_utf8_lossy(&k).into_owned()).collect())
	}

	/// The feeders, sorted.
	pub async fn oracle_feeders(&self) -> Result<Vec<AccountId32>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().price_oracle_api();
		Ok(at.runtime_apis().call(api.feeders()).await?)
	}

	/// The oracle's rules.
	pub async fn oracle_rules(&self) -> Result<OracleRules, ChainError> {
		let at = self.at_best().await?;
		let p = at
			.storage()
			.fetch(tapchain::storage().price_oracle().params(), ())
			.await?
			.decode()?;
		Ok(OracleRules {
			max_age: p.max_age,
			min_values: p.min_values,
			max_step_ppb: p.max_step.0,
			grace: p.grace,
		})
	}

	/// `PriceOracle.submit(key, value)`, signed by `signer`. A refusal comes back as
	/// [`ChainError::Module`] with its fee (`NotFeeder`, `UnknownKey`, `TooFarFromMedian`, ...).
	pub async fn submit_price(
		&self,
		key: &str,
		value: Price,
		signer: &Keypair,
		wait: Wait,
	) -> Result<PriceSubmitted, ChainError> {
		let call = tapchain::tx()
			.price_oracle()
			.submit(BoundedVec(key.as_bytes().to_vec()), Static(value));
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
		let mut out = PriceSubmitted { receipt, median: None, fresh: None };
		for e in events.find::<tapchain::price_oracle::events::Submitted>() {
			let e = e.map_err(undecodable)?;
			out.median = e.median.map(|Static(m)| m);
		}
		for e in events.find::<tapchain::price_oracle::events::Fresh>() {
			out.fresh = Some(e.map_err(undecodable)?.liquidations_from);
		}
		Ok(out)
	}
}
