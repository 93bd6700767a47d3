//! Proof-of-stake validators: `pallet-validator-set` chooses each session's set from bonds,
//! `pallet-session` rotates the Aura and GRANDPA keys, `pallet-authorship` names block authors,
//! `pallet-session::historical` + `pallet-offences` turn GRANDPA equivocation reports into
//! slashes.

use crate::{
	AccountId, Aura, Balance, Balances, BlockNumber, Governance, Historical, Offences, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, SessionKeys, ThresholdSigner, UncheckedExtrinsic,
	ValidatorSet, BTC,
};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, Get},
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::ConvertInto, traits::OpaqueKeys};
use sp_staking::SessionIndex;

/// Least bond of a candidate: 1 BTC.
pub const MIN_BOND: Balance = BTC;
/// Largest active set; Aura's and GRANDPA's `MaxAuthorities`.
pub const MAX_VALIDATORS: u32 = 32;
/// Sessions from `unbond` to `withdraw_unbonded`: a day of the testnet's 1-hour sessions, 4
/// minutes of the dev chain's 10-block ones. Also how long offences can be reported.
pub const BONDING_DURATION: SessionIndex = 24;
/// Deposit held while an account has session keys: they cost three storage items (~200 bytes).
pub const KEY_DEPOSIT: Balance = BTC / 100_000; // 1,000 sat

parameter_types! {
	pub const MaxValidators: u32 = MAX_VALIDATORS;
}

impl pallet_validator_set::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ValidatorRegistration = pallet_session::Pallet<Runtime>;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MinBond = ConstU128<MIN_BOND>;
	type MaxCandidates = ConstU32<100>;
	type MaxInvulnerables = ConstU32<8>;
	type MaxValidators = MaxValidators;
	type MinValidators = ConstU32<2>;
	type MaxUnlockingChunks = ConstU32<16>;
	type BondingDuration = ConstU32<BONDING_DURATION>;
	type PruneSessions = pallet_validator_set::PruneHistorical<Runtime>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkKeys;
}

/// Gives benchmark accounts session keys derived from their account bytes.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkKeys;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for BenchmarkKeys {
	fn register_keys(who: &AccountId) {
		use sp_core::crypto::UncheckedFrom;
		let raw: [u8; 32] = *who.as_ref();
		let keys = SessionKeys {
			aura: sp_consensus_aura::sr25519::AuthorityId::unchecked_from(raw),
			grandpa: sp_consensus_grandpa::AuthorityId::unchecked_from(raw),
		};
		let _ = frame_system::Pallet::<Runtime>::inc_providers(who);
		<pallet_session::Pallet<Runtime> as pallet_session::SessionInterface>::set_keys(who, keys)
			.expect("keys unique to the account");
	}
}

impl pallet_authorship::Config for Runtime {
	/// Aura's author index → the session's validator account (not the Aura key: a validator's
	/// account and its session keys differ).
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ValidatorSet;
}

#[allow(deprecated)]
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	/// When a session starts, the council takes its validators as members, then the threshold
	/// signer forms the set's vault.
	type SessionManager =
		OnSessionStart<pallet_session::historical::NoteHistoricalRoot<Self, ValidatorSet>>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ConstU128<KEY_DEPOSIT>;
}

/// `pallet-session`'s session manager, with the pallets that follow the validator set told each
/// time a session starts (once `Session::validators()` is the set that takes effect): the
/// council takes it as its members, then the threshold signer forms its vault.
pub struct OnSessionStart<I>(core::marker::PhantomData<I>);

impl<I: pallet_session::SessionManager<AccountId>> pallet_session::SessionManager<AccountId>
	for OnSessionStart<I>
{
	fn new_session(index: SessionIndex) -> Option<alloc::vec::Vec<AccountId>> {
		I::new_session(index)
	}
	fn new_session_genesis(index: SessionIndex) -> Option<alloc::vec::Vec<AccountId>> {
		I::new_session_genesis(index)
	}
	fn end_session(index: SessionIndex) {
		I::end_session(index)
	}
	fn start_session(index: SessionIndex) {
		I::start_session(index);
		Governance::on_session_start(index);
		ThresholdSigner::on_session_start(index);
	}
}

#[allow(deprecated)]
impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = pallet_validator_set::FullIdentification;
	type FullIdentificationOf = pallet_validator_set::IdentificationOf<Runtime>;
}

#[allow(deprecated)]
impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = ValidatorSet;
}

/// How long (in blocks) an equivocation report stays valid: the bonding duration, so that the
/// bond is still there to slash.
pub struct ReportLongevity;
impl Get<u64> for ReportLongevity {
	fn get() -> u64 {
		let session: BlockNumber = pallet_validator_set::SessionLength::<Runtime>::get();
		u64::from(session).saturating_mul(u64::from(BONDING_DURATION))
	}
}

/// GRANDPA's equivocation reports: checked against the historical session keys, reported to
/// `Offences`, which calls `ValidatorSet` to slash.
pub type GrandpaEquivocationReports =
	pallet_grandpa::EquivocationReportSystem<Runtime, Offences, Historical, ReportLongevity>;

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Equivocation reports are submitted unsigned by the node that saw them.
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		<UncheckedExtrinsic as frame_support::traits::InherentBuilder>::new_inherent(call)
	}
}
