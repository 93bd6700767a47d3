//! The price source: a JSON document fetched over HTTP(S), and where in it each key's value is
//! (`--key KEY=PATH`).
//!
//! A path is dot-separated: object fields by name, array elements by index, so
//! `bitcoin.usd` reads `{"bitcoin":{"usd":97123.45}}` and `data.0.price` reads
//! `{"data":[{"price":"97123.45"}]}`. A field whose name holds a dot can't be named.

use crate::price;
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use std::time::Duration;
use tapchain_primitives::oracle::{is_valid_key, Price};

/// One `--key KEY=PATH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
	/// The oracle key, e.g. `BTC/USD`.
	pub key: String,
	/// The path's segments.
	pub path: Vec<String>,
}

impl std::str::FromStr for Rule {
	type Err = anyhow::Error;

	fn from_str(s: &str) -> Result<Self> {
		let (key, path) = s
			.split_once('=')
			.ok_or_else(|| anyhow!("--key {s}: expected KEY=PATH, e.g. BTC/USD=bitcoin.usd"))?;
		if !is_valid_key(key.as_bytes()) {
			bail!(
				"--key {s}: {key:?} is not an oracle key (1 to 16 of A-Z 0-9 / - _ ., e.g. BTC/USD)"
			);
		}
		let path: Vec<String> = path.split('.').map(str::to_string).collect();
		if path.iter().any(String::is_empty) {
			bail!("--key {s}: the path has an empty segment");
		}
		Ok(Self { key: key.to_string(), path })
	}
}

impl Rule {
	/// The value at this rule's path in `doc`.
	pub fn extract(&self, doc: &Value) -> Result<Price> {
		let mut at = doc;
		for (i, seg) in self.path.iter().enumerate() {
			let next = match at {
				Value::Object(map) => map.get(seg),
				Value::Array(items) => seg.parse::<usize>().ok().and_then(|n| items.get(n)),
				_ => None,
			};
			at = next.ok_or_else(|| {
				anyhow!("{}: the source has nothing at {}", self.key, self.path[..=i].join("."))
			})?;
		}
		price::from_json(at).with_context(|| format!("{}: at {}", self.key, self.path.join(".")))
	}
}

/// Fetches `url` (http:// or https://) and parses it as JSON.
pub fn fetch(url: &str, timeout: Duration) -> Result<Value> {
	if !(url.starts_with("http://") || url.starts_with("https://")) {
		bail!("--source {url}: expected an http:// or https:// URL");
	}
	let agent = ureq::AgentBuilder::new().timeout(timeout).build();
	let response = match agent.get(url).set("Accept", "application/json").call() {
		Ok(r) => r,
		Err(ureq::Error::Status(code, _)) => bail!("the source {url} answered HTTP {code}"),
		Err(e) => bail!("cannot reach the source {url}: {e}"),
	};
	let body = response.into_string().with_context(|| format!("reading the source {url}"))?;
	serde_json::from_str(&body).with_context(|| format!("the source {url} did not answer JSON"))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn rule(s: &str) -> Rule {
		s.parse().unwrap()
	}

	#[test]
	fn rules_parse_and_refuse_clearly() {
		assert_eq!(
			rule("BTC/USD=bitcoin.usd"),
			Rule { key: "BTC/USD".into(), path: vec!["bitcoin".into(), "usd".into()] }
		);
		let e = |s: &str| s.parse::<Rule>().unwrap_err().to_string();
		assert!(e("BTC/USD").contains("expected KEY=PATH"));
		assert!(e("btc/usd=a").contains("is not an oracle key"));
		assert!(e("BTC/USD=a..b").contains("empty segment"));
		assert!(e("BTC/USD=").contains("empty segment"));
	}

	#[test]
	fn paths_walk_objects_and_arrays() {
		let doc = serde_json::json!({
			"bitcoin": { "usd": 97123.45 },
			"data": [{ "price": "3001.5" }, { "price": 1 }],
			"fees": { "fastestFee": 12 },
			"bad": true,
		});
		assert_eq!(price::format(rule("BTC/USD=bitcoin.usd").extract(&doc).unwrap()), "97123.45");
		assert_eq!(price::format(rule("WETH/USD=data.0.price").extract(&doc).unwrap()), "3001.5");
		assert_eq!(price::format(rule("USDC/USD=data.1.price").extract(&doc).unwrap()), "1");
		assert_eq!(price::format(rule("FEE/SATVB=fees.fastestFee").extract(&doc).unwrap()), "12");
		let e = |s: &str| format!("{:#}", rule(s).extract(&doc).unwrap_err());
		assert_eq!(e("BTC/USD=bitcoin.eur"), "BTC/USD: the source has nothing at bitcoin.eur");
		assert_eq!(e("BTC/USD=data.7.price"), "BTC/USD: the source has nothing at data.7");
		assert!(e("BTC/USD=bad").contains("true is not a number"), "{}", e("BTC/USD=bad"));
	}
}
