//! The native BTC bridge: SPV-proven deposits, batched 2/3-signed withdrawals.
//!
//! Deposits naming a 20-byte EVM address are credited to its account in revive's mapping
//! (the mapped account if it has one, else `address ++ 0xEE × 12`), so `eth_getBalance` shows
//! them. The signers of a theft are slashed through `pallet-validator-set`: their whole bond,
//! a tenth of it to the reporter, the rest burnt.

use crate::{AccountId, Balances, BtcLightClient, Runtime, ThresholdSigner, ValidatorSet};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_btc_bridge::{DepositRecipient, SlashThieves};
use sp_runtime::{Perbill, Permill};

/// The share of a thief's slashed bond that goes to whoever proved the theft.
pub const REPORTER_SHARE: Perbill = Perbill::from_percent(10);

parameter_types! {
	/// A tenth of each withdrawal fee funds the reserve that pays fee bumps and sweeps.
	pub const ReserveShare: Permill = Permill::from_percent(10);
}

impl pallet_btc_bridge::Config for Runtime {
	type Currency = Balances;
	type LightClient = BtcLightClient;
	type Signers = ThresholdSigner;
	type Recipients = BridgeRecipients;
	type Slasher = SlashTheftSigners;
	/// The price oracle's `FEE/SATVB`: batches pay the higher of it and governance's rate.
	type FeeRateOracle = super::OracleFeeRate;
	type UpdateOrigin = EnsureRoot<AccountId>;
	/// 10,000 sat: far above every dust limit (330–546 sat), and above what spending the
	/// coin costs at ordinary fee rates (a 2/3 input of 32 signers is ~800 vB).
	type MinDeposit = ConstU64<10_000>;
	type MinWithdrawal = ConstU64<10_000>;
	/// 32 payments a batch; a batch every 10 blocks (1 minute) otherwise.
	type MaxBatch = ConstU32<32>;
	type BatchInterval = ConstU32<10>;
	type MaxQueue = ConstU32<1024>;
	/// The threshold signer's bound.
	type MaxInputs = ConstU32<16>;
	type MaxUtxos = ConstU32<1024>;
	/// The threshold signer's bound.
	type MaxVaults = ConstU32<64>;
	/// An hour of Bitcoin without a confirmation before a fee bump.
	type BumpAfter = ConstU32<6>;
	/// A week of Bitcoin blocks before the recovery delay (12,960 on dev and local).
	type RefreshMargin = ConstU32<1008>;
	/// A day of Bitcoin blocks in which a replaced vault still takes deposits.
	type DepositGrace = ConstU32<144>;
	type ReserveShare = ReserveShare;
	/// Bitcoin Core's standard limit on non-witness bytes (100,000 vB).
	type MaxTxSize = ConstU32<100_000>;
	/// Bitcoin Core's standard weight limit (400,000 WU), so at most 400,000 bytes.
	type MaxSpendTxSize = ConstU32<400_000>;
	/// A `gettxoutproof` of one transaction in a block of 2^20 is under 1 KB.
	type MaxProofSize = ConstU32<{ 8 * 1024 }>;
	type WeightInfo = BridgeWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BridgeBenchmarks;
}

/// The bridge's benchmarked weights (the precompile charges them too).
pub type BridgeWeights = pallet_btc_bridge::weights::SubstrateWeight<Runtime>;

/// The accounts deposits name.
pub struct BridgeRecipients;
impl DepositRecipient<AccountId> for BridgeRecipients {
	fn from_evm(address: [u8; 20]) -> AccountId {
		use pallet_revive::AddressMapper;
		<Runtime as pallet_revive::Config>::AddressMapper::to_account_id(&sp_core::H160(address))
	}
	fn from_bytes(bytes: [u8; 32]) -> Option<AccountId> {
		Some(AccountId::new(bytes))
	}
}

/// Slashes the signers of a theft: all of their bond (they signed away coins they held in
/// trust), [`REPORTER_SHARE`] of it to the reporter.
pub struct SlashTheftSigners;
impl SlashThieves<AccountId> for SlashTheftSigners {
	fn slash(offenders: &[AccountId], reporter: &AccountId) -> Weight {
		for who in offenders {
			ValidatorSet::slash_and_reward(who, Perbill::one(), reporter, REPORTER_SHARE);
		}
		Self::slash_weight(offenders.len() as u32)
	}
	fn slash_weight(offenders: u32) -> Weight {
		use pallet_balances::WeightInfo as _;
		use pallet_validator_set::WeightInfo as _;
		// The benchmarked slash, and the reward's transfer (a transfer's cost).
		pallet_validator_set::weights::SubstrateWeight::<Runtime>::slash()
			.saturating_add(
				pallet_balances::weights::SubstrateWeight::<Runtime>::transfer_keep_alive(),
			)
			.saturating_mul(offenders as u64)
	}
}

/// Vaults, proofs and signatures for the bridge's benchmarks, from the light client's and the
/// threshold signer's own benchmark helpers.
#[cfg(feature = "runtime-benchmarks")]
pub struct BridgeBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_btc_bridge::benchmarking::BenchmarkHelper<AccountId> for BridgeBenchmarks {
	fn make_vault(signers: u32) {
		let salt = pallet_threshold_signer::NextVaultId::<Runtime>::get();
		pallet_threshold_signer::benchmarking::helpers::make_vault::<Runtime>(signers, salt);
	}
	fn prove(raw_tx: &[u8], confirmations: u32) -> alloc::vec::Vec<u8> {
		pallet_btc_light_client::benchmarking::helpers::prove::<Runtime>(raw_tx, confirmations)
	}
	fn complete_round(round: u64) {
		pallet_threshold_signer::benchmarking::helpers::complete_round::<Runtime>(round);
	}
	fn sign_outside_rounds(
		unsigned_tx: &[u8],
		prevouts: &[tapchain_primitives::signer::BtcOutput],
		vault_inputs: u32,
	) -> alloc::vec::Vec<u8> {
		pallet_threshold_signer::benchmarking::helpers::sign_outside_rounds::<Runtime>(
			unsigned_tx,
			prevouts,
			vault_inputs,
		)
	}
}

/// Refuses, in the transaction pool and again when a block is built, a deposit proof whose
/// transaction is already credited and a proof of a batch already complete.
///
/// Several relayers watch the same Bitcoin blocks and submit the same proofs. A refused proof
/// pays its fee (so that bad proofs cost their sender), which would make the slower relayer
/// pay for the faster one's success. Checked here, the duplicate is invalid (`Stale`): it never
/// enters a block and costs nothing. Empty on the wire, so clients need nothing to build it.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	Clone,
	Eq,
	PartialEq,
	Default,
	scale_info::TypeInfo,
)]
pub struct CheckBridgeProof;

impl core::fmt::Debug for CheckBridgeProof {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckBridgeProof")
	}
}

impl sp_runtime::traits::TransactionExtension<crate::RuntimeCall> for CheckBridgeProof {
	const IDENTIFIER: &'static str = "CheckBridgeProof";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &crate::RuntimeCall) -> Weight {
		use crate::RuntimeCall;
		use pallet_btc_bridge::Call;
		use tapchain_primitives::btc::BtcLightClient as _;
		let reads = <Runtime as frame_system::Config>::DbWeight::get().reads(1);
		match call {
			// Decoding and hashing the transaction: what the light client's proof check does
			// to it, as benchmarked.
			RuntimeCall::BtcBridge(Call::submit_deposit { raw_tx, .. }) => {
				BtcLightClient::verify_tx_inclusion_weight(0, raw_tx.len() as u32)
					.saturating_add(reads)
			},
			RuntimeCall::BtcBridge(Call::submit_batch_proof { .. }) => reads,
			_ => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: crate::RuntimeOrigin,
		call: &crate::RuntimeCall,
		_info: &sp_runtime::traits::DispatchInfoOf<crate::RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl sp_runtime::traits::Implication,
		_source: sp_runtime::transaction_validity::TransactionSource,
	) -> sp_runtime::traits::ValidateResult<(), crate::RuntimeCall> {
		use crate::{BtcBridge, RuntimeCall};
		use pallet_btc_bridge::Call;
		use sp_runtime::transaction_validity::{InvalidTransaction, ValidTransaction};
		let stale = match call {
			RuntimeCall::BtcBridge(Call::submit_deposit { raw_tx, .. }) => {
				!BtcBridge::deposit_is_new(raw_tx)
			},
			RuntimeCall::BtcBridge(Call::submit_batch_proof { batch, .. }) => {
				BtcBridge::batch_is_complete(*batch)
			},
			_ => false,
		};
		if stale {
			return Err(InvalidTransaction::Stale.into());
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	sp_runtime::impl_tx_ext_default!(crate::RuntimeCall; prepare);
}
