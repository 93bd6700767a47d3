//! The threshold signers: validators' BTC keys and the 2/3 Taproot vault.
//!
//! The signer set follows `pallet-session`: [`super::OnSessionStart`] wraps the session manager
//! so that each time a session starts (and `Session::validators()` is the set that takes
//! effect), the threshold signer forms that set's vault.

use crate::{AccountId, BtcLightClient, Runtime, Session};
use frame_support::traits::{ConstU32, Contains};
use frame_system::EnsureRoot;

/// Accounts that may register a signer key: those with session keys (validators and
/// candidates), which already hold `KEY_DEPOSIT`, so keys cannot be registered for free.
pub struct HasSessionKeys;
impl Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

impl pallet_threshold_signer::Config for Runtime {
	type Validators = Session;
	type Eligible = HasSessionKeys;
	type LightClient = BtcLightClient;
	/// The BTC bridge takes its signed batches.
	type OnSigningComplete = crate::BtcBridge;
	type UpdateOrigin = EnsureRoot<AccountId>;
	/// The validator-set cap (BIP-342 would allow 999 keys per script).
	type MaxSigners = ConstU32<{ super::MAX_VALIDATORS }>;
	type MaxRecoveryKeys = ConstU32<16>;
	/// A vault per signer-set change until the bridge sweeps the old ones.
	type MaxVaults = ConstU32<64>;
	/// A withdrawal batch spends at most 16 vault UTXOs.
	type MaxInputs = ConstU32<16>;
	type MaxTxSize = ConstU32<{ 16 * 1024 }>;
	type MaxPayments = ConstU32<64>;
	type MaxRounds = ConstU32<256>;
	type WeightInfo = pallet_threshold_signer::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SignerBenchmarks;
}

/// Validators and session keys for the threshold signer's benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct SignerBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_threshold_signer::benchmarking::BenchmarkHelper<AccountId> for SignerBenchmarks {
	fn make_eligible(who: &AccountId) {
		<super::validators::BenchmarkKeys as pallet_validator_set::BenchmarkHelper<AccountId>>::register_keys(who);
	}
	fn set_validators(who: &[AccountId]) {
		pallet_session::Validators::<Runtime>::put(who.to_vec());
	}
}
