//! Governance: Root reached by 2/3 of the validators, without sudo.
//!
//! The council is a `pallet-collective` whose members are the active validators (set by
//! `pallet-governance` each time a session starts, through [`super::OnSessionStart`]); a motion
//! carrying `governance.dispatchAsRoot(call)` runs `call` as Root once at least 2/3 of the
//! seats voted aye, the same 2/3 that signs for the bridge's BTC. Sudo stays in the runtime for
//! the dev and local chain specs only (their presets set a key; a `Live` spec with one is
//! refused by the node).

use super::RuntimeBlockWeights;
use crate::{
	AccountId, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Session,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, NeverEnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

/// The council's instance of `pallet-collective`.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root: at least 2/3 of the council's seats (3 of 4 validators, 22 of 32).
pub type TwoThirdsOfCouncil =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

/// Blocks a motion stays open: 3 days of 6-second blocks. A motion with enough ayes can be
/// closed at once; the duration only bounds how long an undecided one holds its slot.
pub const MOTION_DURATION: BlockNumber = 3 * 24 * 600;

parameter_types! {
	/// The heaviest call a motion may carry: half a block, so that `close` (which adds the
	/// collective's own cost) always fits. `system.setCode` weighs about 0.16 s of the 2 s.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU32<MOTION_DURATION>;
	/// Open motions at once; with members limited to validators, spam costs a validator fees.
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<{ super::MAX_VALIDATORS }>;
	/// A member who does not vote counts as nay when the motion's time is up (no prime).
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	/// The collective's shipped benchmark weights, priced with this runtime's `DbWeight`.
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members are the validators, set only by [`super::OnSessionStart`].
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// No deposit: only validators propose, and they pay the transaction fee.
	type Consideration = ();
}

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = TwoThirdsOfCouncil;
	type Validators = Session;
	type Council = Council;
	type MaxMembers = ConstU32<{ super::MAX_VALIDATORS }>;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}
