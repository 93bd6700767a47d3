//! The MBTC vault through a [`Chain`]: channels and bridge-outs (runtime API `MbtcVaultApi`),
//! an account's MBTC, and what a keeper submits: liquidations and claims.

use crate::{
	chain::{Chain, Receipt, Wait},
	error::ChainError,
	tapchain,
};
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;
use tapchain_primitives::vault::{ChannelStatus, RequestStatus};

/// MBTC's asset id.
pub const MBTC_ASSET_ID: u32 = 1;

/// What an accepted liquidation or claim did (its event).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultAction {
	/// Where it landed and what it paid.
	pub receipt: Receipt,
	/// MBTC burned (a partial liquidation).
	pub burned: u128,
	/// Collateral received: (asset, amount).
	pub paid: Vec<(u32, u128)>,
	/// The channel's ratio after it (a partial liquidation), or at it (a full one), in basis
	/// points.
	pub ratio: Option<u32>,
}

impl Chain {
	/// Every channel with its ratio, capacity and liquidation state at the best block.
	pub async fn vault_channels(&self) -> Result<Vec<ChannelStatus<AccountId32>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().mbtc_vault_api();
		let channels = at.runtime_apis().call(api.channels()).await?;
		Ok(channels.into_iter().map(|Static(c)| c).collect())
	}

	/// Every bridge-out waiting for BTC at the best block.
	pub async fn vault_requests(&self) -> Result<Vec<RequestStatus<AccountId32>>, ChainError> {
		let at = self.at_best().await?;
		let api = tapchain::runtime_apis().mbtc_vault_api();
		let requests = at.runtime_apis().call(api.requests()).await?;
		Ok(requests.into_iter().map(|Static(r)| r).collect())
	}

	/// `who`'s MBTC, in sats.
	pub async fn mbtc_balance(&self, who: &AccountId32) -> Result<u128, ChainError> {
		let at = self.at_best().await?;
		let account = at
			.storage()
			.try_fetch(tapchain::storage().assets().account(), (MBTC_ASSET_ID, who.clone()))
			.await?;
		Ok(match account {
			Some(a) => a.decode()?.balance,
			None => 0,
		})
	}

	/// `MbtcVault.liquidate(channel, max_amount)`, signed by `signer`.
	pub async fn liquidate(
		&self,
		channel: u32,
		max_amount: u128,
		signer: &Keypair,
		wait: Wait,
	) -> Result<VaultAction, ChainError> {
		let call = tapchain::tx().mbtc_vault().liquidate(channel, max_amount);
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
		let mut out = VaultAction { receipt, burned: 0, paid: Vec::new(), ratio: None };
		for e in events.find::<tapchain::mbtc_vault::events::Liquidated>() {
			let e = e.map_err(undecodable)?;
			out.burned = e.burned;
			out.paid = e.paid.0;
			out.ratio = Some(e.ratio);
		}
		Ok(out)
	}

	/// `MbtcVault.liquidate_all(channel)`, signed by `signer`.
	pub async fn liquidate_all(
		&self,
		channel: u32,
		signer: &Keypair,
		wait: Wait,
	) -> Result<VaultAction, ChainError> {
		let call = tapchain::tx().mbtc_vault().liquidate_all(channel);
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
		let mut out = VaultAction { receipt, burned: 0, paid: Vec::new(), ratio: None };
		for e in events.find::<tapchain::mbtc_vault::events::FullyLiquidated>() {
			out.ratio = Some(e.map_err(undecodable)?.ratio);
		}
		Ok(out)
	}

	/// `MbtcVault.claim_bridge_out(id)`, signed by `signer` (the user is paid).
	pub async fn claim_bridge_out(
		&self,
		id: u64,
		signer: &Keypair,
		wait: Wait,
	) -> Result<VaultAction, ChainError> {
		let call = tapchain::tx().mbtc_vault().claim_bridge_out(id);
		let (events, receipt) = self.submit(&call, signer, wait).await?;
		let undecodable = |e: subxt::error::EventsError| ChainError::Incompatible(e.to_string());
		let mut out = VaultAction { receipt, burned: 0, paid: Vec::new(), ratio: None };
		for e in events.find::<tapchain::mbtc_vault::events::BridgeOutClaimed>() {
			out.paid = e.map_err(undecodable)?.paid.0;
		}
		Ok(out)
	}
}
