//! # Bitcoin light client pallet
//!
//! Follows a Bitcoin chain (mainnet, testnet3, testnet4, signet or regtest) from headers that
//! relayers submit, and proves transactions in it to the bridges and the rollup pallet.
//!
//! ## Overview
//!
//! The pallet accepts exactly the headers Bitcoin Core accepts, by Core's header rules, and
//! refuses every other header with a precise error. It keeps every valid branch (up to a bound),
//! picks the one with the **most cumulative work**, and prunes what is too old to matter.
//!
//! ## Terminology
//!
//! - **Checkpoint**: the header the light client starts from, set once by genesis config or by
//!   [`Pallet::initialize`]. It is trusted, not verified against its ancestors. On every network
//!   that retargets it must start a retarget period (height a multiple of 2016), because the
//!   next retarget measures from that block.
//! - **Best chain**: the chain of stored headers, from the checkpoint, whose tip has the most
//!   cumulative work. Height alone never decides: a longer chain of easier blocks loses.
//! - **Fork**: a stored header that is not on the best chain. At most [`Config::MaxForks`]
//!   competing headers may exist at one height besides the best chain's; see "Room for forks".
//! - **Reorg**: the best chain switching to a fork with more work. Its **depth** is how many
//!   best-chain blocks were replaced.
//!
//! ```text
//!             ┌── f1 ── f2 ── f3        (fork: more work, becomes best; depth 2)
//!   ── a ── b ┤
//!             └── c ── d                (old best chain)
//! ```
//! - **Confirmations**: for a block on the best chain, `best height - block height + 1`; the tip
//!   has 1. Blocks on forks have none.
//! - **Stale/pruned**: headers more than [`Config::PruningDepth`] below the tip are deleted, in
//!   `on_idle` with the block's spare weight; a fork may not branch off deeper than
//!   [`Config::MaxReorgDepth`].
//!
//! ## Header rules (per header, in this order)
//!
//! 1. not already stored (else it is skipped; see below);
//! 2. the parent is stored ([`Error::UnknownParent`]);
//! 3. the fork point is not too deep ([`Error::ForkTooDeep`]);
//! 4. `bits` equals `GetNextWorkRequired`: the 2016-block retarget with the 4x clamp and Core's
//!    off-by-one, testnet3/testnet4's 20-minute min-difficulty rule, BIP94 on testnet4, no
//!    retarget on regtest ([`Error::BadDifficultyBits`]);
//! 5. the block hash meets that target ([`Error::BadProofOfWork`]);
//! 6. the timestamp is strictly above the median of the previous 11 ([`Error::TimestampTooOld`]),
//!    at most 2 h after this chain's own clock ([`Error::TimestampTooNew`]), and on testnet4 not
//!    a time-warp ([`Error::TimeWarp`]);
//! 7. the version is allowed after BIP34/66/65 ([`Error::BadVersion`]).
//!
//! ## Room for forks: eviction, never a freeze
//!
//! Each height holds at most `1 + MaxForks` headers ([`HeightIndex`]). A bound that simply
//! refused the next header would let anyone freeze the light client: on testnet3/testnet4 (the
//! 20-minute rule) or regtest, `MaxForks + 1` cheap siblings fill a height, and then the honest
//! header is refused and its children have no parent. So the rule is:
//!
//! - A new header at a full height **evicts** the stored header there with the **least
//!   cumulative work that is not on the best chain** (the first stored among equals); the
//!   best chain's own header is never evicted. The evicted header's descendants stay stored
//!   until pruning; they can never become best unless the evicted header is submitted again,
//!   because a reorg walks back through every ancestor ([`Error::UnknownAncestor`]).
//! - A header that evicted must be **on the best chain when its batch ends**; otherwise the
//!   batch fails with [`Error::TooManyForks`] and nothing changes. So a fork that does not win
//!   can never push out anything, and a branch that does win, submitted with the descendants
//!   that make it win, is always admitted.
//!
//! ```text
//!   height h:  [best]  [f1]  [f2]  [f3]  [f4]      full (MaxForks = 4)
//!   honest header H at h, with children that make it best:
//!   height h:  [best]  [f2]  [f3]  [f4]  [H]       f1 (least work) evicted
//! ```
//!
//! ## Dispatchables
//!
//! - [`Pallet::submit_headers`]: signed; a batch of raw headers, **all or nothing**: if any
//!   header fails, the call fails with that header's error and nothing is stored.
//!   - Headers already stored are **skipped** for the price of one read each, so racing
//!     relayers that overlap do not fail; a batch with no new header at all fails with
//!     [`Error::DuplicateHeader`].
//!   - A batch that puts headers on the best chain is free, and credits the relayer one
//!     [`RelayerCredits`] per batch header on the best chain when the batch ends. A batch that
//!     only grows a fork pays its fee.
//!   - A failing batch pays for what it did, not the worst case: the headers read and checked
//!     up to the failing one, and the reorg steps walked.
//! - [`Pallet::initialize`]: root, once, on a chain whose genesis set no checkpoint.
//!
//! ## Relayer credits
//!
//! [`RelayerCredits`] counts, per account, the headers it submitted that were on the best chain
//! when its batch ended (fork headers earn nothing; a header later reorganized away keeps its
//! credit: it was the best knowledge at the time). They are readable through the runtime API
//! (`BtcLightClientApi::relayer_credits`). Nothing pays them out yet: they are the record that
//! the bridges' relay fees will be paid against.
//!
//! ## Security for value
//!
//! The light client checks proof of work, nothing else. That is enough only where forging a
//! chain of headers costs real hash power:
//!
//! - **mainnet**: secure for value ([`BtcLightClient::secure_for_value`] is `true`);
//! - **testnet3 / testnet4**: the 20-minute rule lets anyone mine minimum-difficulty blocks
//!   with a laptop, so a forged chain is cheap;
//! - **signet**: block validity comes from the signet challenge (BIP325), a signature kept in
//!   the coinbase transaction, which a header-only client never sees; signet's difficulty is
//!   low, so headers can be forged with modest hash power;
//! - **regtest**: trivial proof of work.
//!
//! Bridges must refuse value on a network that is not secure for value unless the chain spec
//! explicitly opts in (a test network moving test coins).
//!
//! ## SPV
//!
//! [`BtcLightClient::verify_tx_inclusion`] takes Bitcoin Core's `gettxoutproof` bytes
//! (a serialized `CMerkleBlock`) and a raw transaction, and returns where the transaction is,
//! or a precise [`SpvError`]. The block must be on the best chain with enough confirmations.
//! Transactions whose non-witness size is 64 bytes are refused: such a "transaction" can be an
//! inner Merkle node (two 32-byte hashes), the known weakness of Bitcoin's Merkle tree.
//!
//! Residual risk, stated plainly: the opposite attack (a fake transaction proven *below* a real
//! 64-byte transaction mined in a block) needs a 64-byte transaction in the block and about
//! 2^40+ work to craft; 64-byte transactions are non-standard in Bitcoin Core and BIP54 makes
//! them invalid.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use tapchain_primitives::btc::{BtcLightClient, BtcNetwork, SpvError, TxInclusion};

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod migrations;
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub mod mining;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod real_data;
pub mod rules;
mod spv;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::{BlockRef, IndexEntry, RawHeader, StoredHeader};
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "btc-light-client";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::{block_hash_to_h256, decode_header, RETARGET_INTERVAL};
	use alloc::vec::Vec;
	use bitcoin::pow::Work;
	use frame_support::{
		dispatch::{DispatchErrorWithPostInfo, DispatchResultWithPostInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnixTime,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version. 2: [`HeightIndex`] holds each header's work
	/// ([`migrations::v2`]).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// This chain's clock, for the "at most 2 hours in the future" rule.
		type UnixTime: UnixTime;

		/// Most headers in one [`Pallet::submit_headers`] call.
		#[pallet::constant]
		type MaxHeadersPerBatch: Get<u32>;

		/// Most headers one height may hold besides the best chain's own. A new header at a
		/// full height evicts the least-work fork there, and must then be on the best chain
		/// when its batch ends (see "Room for forks"). Each stored header costs about 190 bytes
		/// of state.
		#[pallet::constant]
		type MaxForks: Get<u32>;

		/// Deepest reorg accepted, in blocks. A fork may only branch off a header at most this
		/// far below the tip ([`Error::ForkTooDeep`]), and a reorg deeper than this fails with
		/// [`Error::ReorgTooDeep`]. Bitcoin reorgs beyond a handful of blocks have not happened
		/// since 2013; this bound keeps the work of one call bounded.
		#[pallet::constant]
		type MaxReorgDepth: Get<u32>;

		/// Headers kept below the tip; older ones are deleted. Must be at least
		/// `MaxReorgDepth`. Proofs against pruned blocks fail with `UnknownBlock`.
		#[pallet::constant]
		type PruningDepth: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets this chain's clock in benchmarks (real headers need a clock past their time).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper {
		/// Sets the chain's clock to `unix_secs`.
		fn set_time(unix_secs: u64);
	}

	/// Bound of [`HeightIndex`]: the best chain's header plus `MaxForks`.
	pub struct HeadersPerHeight<T>(PhantomData<T>);
	impl<T: Config> Get<u32> for HeadersPerHeight<T> {
		fn get() -> u32 {
			T::MaxForks::get().saturating_add(1)
		}
	}

	/// The Bitcoin network followed; `None` until initialized.
	#[pallet::storage]
	pub type Network<T> = StorageValue<_, BtcNetwork, OptionQuery>;

	/// Every stored header (best chain and forks), by block hash in internal byte order.
	#[pallet::storage]
	pub type Headers<T> = StorageMap<_, Identity, H256, StoredHeader, OptionQuery>;

	/// All stored headers at a height, best chain's and forks', with their cumulative work, in
	/// the order they were stored. Bounds forks, picks what to evict, and drives pruning.
	#[pallet::storage]
	pub type HeightIndex<T: Config> =
		StorageMap<_, Twox64Concat, u32, BoundedVec<IndexEntry, HeadersPerHeight<T>>, ValueQuery>;

	/// The best chain: height to block hash.
	#[pallet::storage]
	pub type BestChain<T> = StorageMap<_, Twox64Concat, u32, H256, OptionQuery>;

	/// Tip of the best chain.
	#[pallet::storage]
	pub type BestBlock<T> = StorageValue<_, BlockRef, OptionQuery>;

	/// Lowest height still stored; pruning continues from here.
	#[pallet::storage]
	pub type LowestHeight<T> = StorageValue<_, u32, ValueQuery>;

	/// Per relayer, the headers it submitted that were on the best chain when its batch ended.
	/// The record future bridge relay fees are paid against; read it through the runtime API.
	#[pallet::storage]
	pub type RelayerCredits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The light client started from a checkpoint.
		Initialized { network: BtcNetwork, height: u32, hash: H256 },
		/// A header was stored. `best` says whether it is now the tip of the best chain.
		HeaderImported { hash: H256, height: u32, best: bool },
		/// A fork header was deleted to make room at a full height.
		HeaderEvicted { hash: H256, height: u32 },
		/// The best chain switched to a fork with more work.
		Reorganized { old_tip: BlockRef, new_tip: BlockRef, depth: u32 },
		/// `headers` of a batch by `relayer` were on the best chain when it ended.
		RelayerCredited { relayer: T::AccountId, headers: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The light client has no checkpoint yet.
		NotInitialized,
		/// The light client already has a checkpoint.
		AlreadyInitialized,
		/// On a network that retargets, the checkpoint must start a retarget period.
		CheckpointNotAtRetarget,
		/// The batch is empty.
		EmptyBatch,
		/// The header's parent is not stored (never seen, or pruned).
		UnknownParent,
		/// Every header of the batch is already stored: there was nothing new to import.
		DuplicateHeader,
		/// The block hash does not meet the header's target.
		BadProofOfWork,
		/// `bits` is not the target the chain requires at this height.
		BadDifficultyBits,
		/// The timestamp is at or below the median of the previous 11 blocks.
		TimestampTooOld,
		/// The timestamp is more than 2 hours ahead of this chain's clock.
		TimestampTooNew,
		/// A testnet4 period starts more than 10 minutes before its parent (BIP94).
		TimeWarp,
		/// The version is below what BIP34/66/65 require at this height.
		BadVersion,
		/// The header's parent is more than `MaxReorgDepth` below the tip.
		ForkTooDeep,
		/// The header's height was full and the header did not end its batch on the best
		/// chain, so it may not evict another fork.
		TooManyForks,
		/// Switching to this fork would replace more than `MaxReorgDepth` blocks, or the batch's
		/// reorgs together would walk more than `MaxReorgDepth + n` headers.
		ReorgTooDeep,
		/// An ancestor of a would-be best header is not stored (it was evicted): submit the
		/// branch again from its fork point.
		UnknownAncestor,
		/// The best block's own header is not stored: the state is inconsistent.
		BestHeaderMissing,
		/// The height would overflow a `u32`.
		HeightOverflow,
		/// Cumulative work would overflow 256 bits.
		WorkOverflow,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Network and checkpoint to start from; `None` leaves the light client uninitialized
		/// (for [`Pallet::initialize`]).
		pub checkpoint: Option<Checkpoint>,
		#[serde(skip)]
		pub _config: PhantomData<T>,
	}

	/// A starting point: network, 80 header bytes (hex in JSON), height.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	pub struct Checkpoint {
		/// The network.
		pub network: BtcNetwork,
		/// The raw 80-byte header, `0x`-prefixed hex in JSON.
		#[serde(with = "sp_core::bytes")]
		pub header: Vec<u8>,
		/// Its height.
		pub height: u32,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(cp) = &self.checkpoint {
				let raw: RawHeader = cp
					.header
					.as_slice()
					.try_into()
					.expect("genesis checkpoint header must be exactly 80 bytes");
				Pallet::<T>::do_initialize(cp.network, raw, cp.height)
					.expect("genesis checkpoint must be a valid header");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Prunes old headers with the block's leftover weight, so that relaying never pays for
		/// it and a sync of many batches catches up in the following quieter blocks.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let base = T::WeightInfo::prune(0).saturating_add(T::DbWeight::get().reads(1));
			let per_height = T::WeightInfo::prune(1).saturating_sub(T::WeightInfo::prune(0));
			if !remaining.all_gte(base.saturating_add(per_height)) {
				return Weight::zero();
			}
			let Some(best) = BestBlock::<T>::get() else {
				return T::DbWeight::get().reads(1);
			};
			let spare = remaining.saturating_sub(base);
			let by_time = spare.ref_time().checked_div(per_height.ref_time()).unwrap_or(u64::MAX);
			let by_proof =
				spare.proof_size().checked_div(per_height.proof_size()).unwrap_or(u64::MAX);
			let budget = u32::try_from(by_time.min(by_proof)).unwrap_or(u32::MAX);
			let pruned = Self::prune_up_to(best.height, budget);
			T::DbWeight::get().reads(1).saturating_add(T::WeightInfo::prune(pruned))
		}

		fn integrity_test() {
			assert!(T::MaxHeadersPerBatch::get() > 0, "MaxHeadersPerBatch must be positive");
			assert!(T::MaxReorgDepth::get() > 0, "MaxReorgDepth must be positive");
			assert!(T::MaxForks::get() > 0, "MaxForks must be positive (eviction needs a fork)");
			assert!(
				T::PruningDepth::get() >= T::MaxReorgDepth::get(),
				"PruningDepth must be at least MaxReorgDepth"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submit a batch of raw 80-byte Bitcoin headers, parents before children.
		///
		/// Any signed account may relay. The batch is all or nothing. Headers already stored
		/// are skipped. It is free, and credits the sender, when it puts headers on the best
		/// chain; otherwise the sender pays the fee. A failing batch pays for the work done up
		/// to the failure.
		///
		/// - `headers`: 1 to `MaxHeadersPerBatch` headers; each one's parent must be stored or
		///   earlier in the batch.
		///
		/// ## Complexity
		/// O(n) in the number of headers, plus at most one eviction per header (O(`MaxForks`)
		/// each) and the reorg walks the batch causes, at most `MaxReorgDepth + n` steps in all.
		/// Pruning is not done here but in `on_idle`.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::submit_weight(headers.len() as u32))]
		pub fn submit_headers(
			origin: OriginFor<T>,
			headers: BoundedVec<RawHeader, T::MaxHeadersPerBatch>,
		) -> DispatchResultWithPostInfo {
			let relayer = ensure_signed(origin)?;
			let n = headers.len() as u32;
			let mut batch = Batch::new(n, Self::max_reorg_steps(n));
			let fail = |batch: &Batch, error: DispatchError| DispatchErrorWithPostInfo {
				post_info: PostDispatchInfo {
					actual_weight: Some(Self::batch_weight(batch)),
					pays_fee: Pays::Yes,
				},
				error,
			};
			if headers.is_empty() {
				return Err(fail(&batch, Error::<T>::EmptyBatch.into()));
			}
			let network = Network::<T>::get()
				.ok_or_else(|| fail(&batch, Error::<T>::NotInitialized.into()))?;
			let old_best = BestBlock::<T>::get()
				.ok_or_else(|| fail(&batch, Error::<T>::NotInitialized.into()))?;
			let best_entry = Headers::<T>::get(old_best.hash)
				.ok_or_else(|| fail(&batch, Error::<T>::BestHeaderMissing.into()))?;
			let mut tip = Tip { block: old_best, work: best_entry.work() };

			for raw in headers.iter() {
				Self::import_header(network, raw, &mut tip, &mut batch)
					.map_err(|e| fail(&batch, e))?;
			}
			if batch.imported.is_empty() {
				return Err(fail(&batch, Error::<T>::DuplicateHeader.into()));
			}
			// A header that evicted another must have won: otherwise a losing fork could push
			// out headers that might still win.
			for (height, hash) in batch.evictors.iter() {
				if BestChain::<T>::get(height) != Some(*hash) {
					return Err(fail(&batch, Error::<T>::TooManyForks.into()));
				}
			}
			if tip.block != old_best {
				BestBlock::<T>::put(tip.block);
			}

			let on_best = batch
				.imported
				.iter()
				.filter(|(height, hash)| BestChain::<T>::get(height) == Some(*hash))
				.count() as u32;
			let actual = Self::batch_weight(&batch);
			if on_best > 0 {
				RelayerCredits::<T>::mutate(&relayer, |c| {
					*c = c.saturating_add(u64::from(on_best))
				});
				Self::deposit_event(Event::RelayerCredited { relayer, headers: on_best });
				Ok(PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::No })
			} else {
				Ok(PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::Yes })
			}
		}

		/// Start the light client on `network` from `header` at `height`.
		///
		/// Root only, and only once: on a chain whose genesis set no checkpoint. It cannot touch
		/// a running light client, so root can never rewrite the best chain.
		///
		/// - `header`: the raw 80-byte checkpoint header; its own proof of work is checked.
		/// - `height`: its height; a multiple of 2016 on every network but regtest.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::initialize())]
		pub fn initialize(
			origin: OriginFor<T>,
			network: BtcNetwork,
			header: RawHeader,
			height: u32,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_initialize(network, header, height)
		}
	}

	/// The best chain's tip as a batch moves it, kept in memory until the batch ends.
	pub(crate) struct Tip {
		pub block: BlockRef,
		pub work: Work,
	}

	/// What a batch did so far: what it is charged for, success or failure.
	#[derive(Default)]
	pub(crate) struct Batch {
		/// Headers skipped because they were already stored.
		pub known: u32,
		/// Headers validated (the failing one included), with the new ones' height and hash.
		pub checked: u32,
		pub imported: Vec<(u32, H256)>,
		/// Headers that evicted a fork to find room, by height and hash.
		pub evictors: Vec<(u32, H256)>,
		/// Headers reorgs walked back through, and best-chain heights they dropped.
		pub walked: u32,
		pub dropped: u32,
		/// Walk and drop steps still allowed: `MaxReorgDepth + n` for the whole batch.
		pub reorg_budget: u32,
	}

	impl Batch {
		/// An empty record for a batch of `n` headers whose reorgs may take `reorg_budget`
		/// steps.
		pub(crate) fn new(n: u32, reorg_budget: u32) -> Self {
			Batch { imported: Vec::with_capacity(n as usize), reorg_budget, ..Default::default() }
		}
	}

	impl<T: Config> Pallet<T> {
		/// Worst-case weight of a batch of `n`: every header new and evicting, and the longest
		/// reorgs it may cause. The unused part is refunded. Pruning is not here: it runs in
		/// `on_idle`.
		pub fn submit_weight(n: u32) -> Weight {
			let steps = Self::max_reorg_steps(n);
			T::WeightInfo::submit_headers(n)
				.saturating_add(T::WeightInfo::evict().saturating_mul(u64::from(n)))
				.saturating_add(T::WeightInfo::reorg(steps))
				.saturating_add(T::WeightInfo::reorg_shorten(steps))
		}

		/// What `batch` actually did, priced by the benchmarks. Each part is added only when it
		/// happened; parts after the first add their per-item slope only.
		pub(crate) fn batch_weight(batch: &Batch) -> Weight {
			let slope = |f: fn(u32) -> Weight, k: u32| f(k).saturating_sub(f(0));
			let mut w = if batch.checked > 0 {
				T::WeightInfo::submit_headers(batch.checked)
					.saturating_add(slope(T::WeightInfo::skip_known, batch.known))
			} else {
				T::WeightInfo::skip_known(batch.known)
			};
			w = w
				.saturating_add(T::WeightInfo::evict().saturating_mul(batch.evictors.len() as u64));
			if batch.walked > 0 {
				w = w.saturating_add(T::WeightInfo::reorg(batch.walked));
			}
			if batch.dropped > 0 {
				w = w.saturating_add(slope(T::WeightInfo::reorg_shorten, batch.dropped));
			}
			w
		}

		/// Most steps the reorgs of a batch of `n` may take (headers walked back through plus
		/// best-chain heights dropped): the deepest reorg plus the batch itself.
		pub(crate) fn max_reorg_steps(n: u32) -> u32 {
			T::MaxReorgDepth::get().saturating_add(n)
		}

		/// Stores the checkpoint. Only called while [`Network`] is unset, so the light client
		/// holds nothing yet: the checkpoint's height index is written fresh and cannot be full.
		pub(crate) fn do_initialize(
			network: BtcNetwork,
			raw: RawHeader,
			height: u32,
		) -> DispatchResult {
			ensure!(Network::<T>::get().is_none(), Error::<T>::AlreadyInitialized);
			if rules::retargets(network) {
				ensure!(height % RETARGET_INTERVAL == 0, Error::<T>::CheckpointNotAtRetarget);
			}
			let header = decode_header(&raw);
			let target = header.target();
			ensure!(
				target <= rules::params(network).max_attainable_target,
				Error::<T>::BadDifficultyBits
			);
			ensure!(target.is_met_by(header.block_hash()), Error::<T>::BadProofOfWork);

			let entry = rules::checkpoint_entry(raw, height, &header);
			let hash = block_hash_to_h256(header.block_hash());
			Network::<T>::put(network);
			let first = IndexEntry { hash, chain_work: entry.chain_work };
			HeightIndex::<T>::insert(height, BoundedVec::truncate_from(alloc::vec![first]));
			Headers::<T>::insert(hash, entry);
			BestChain::<T>::insert(height, hash);
			BestBlock::<T>::put(BlockRef { height, hash });
			LowestHeight::<T>::put(height);
			Self::deposit_event(Event::Initialized { network, height, hash });
			Ok(())
		}

		/// Validates one header against its stored parent and stores it; moves `tip` if it now
		/// has the most work. A header already stored is skipped. Records what it did in
		/// `batch`, also when it fails.
		pub(crate) fn import_header(
			network: BtcNetwork,
			raw: &RawHeader,
			tip: &mut Tip,
			batch: &mut Batch,
		) -> DispatchResult {
			let header = decode_header(raw);
			let hash = block_hash_to_h256(header.block_hash());
			if Headers::<T>::contains_key(hash) {
				batch.known = batch.known.saturating_add(1);
				return Ok(());
			}
			batch.checked = batch.checked.saturating_add(1);
			let parent_hash = block_hash_to_h256(header.prev_blockhash);
			let parent = Headers::<T>::get(parent_hash).ok_or(Error::<T>::UnknownParent)?;
			let height = parent.height.checked_add(1).ok_or(Error::<T>::HeightOverflow)?;

			if parent_hash != tip.block.hash {
				ensure!(
					parent.height.saturating_add(T::MaxReorgDepth::get()) >= tip.block.height,
					Error::<T>::ForkTooDeep
				);
			}

			// Proof of work against the target the chain requires (`bits` first: a header
			// with the wrong bits is wrong whatever its hash).
			let required = rules::next_work_required(network, &parent, header.time);
			ensure!(header.bits == required, Error::<T>::BadDifficultyBits);
			ensure!(header.target().is_met_by(header.block_hash()), Error::<T>::BadProofOfWork);

			// Time.
			ensure!(header.time > parent.median_time_past(), Error::<T>::TimestampTooOld);
			let now = T::UnixTime::now().as_secs();
			ensure!(
				u64::from(header.time) <= now.saturating_add(rules::MAX_FUTURE_BLOCK_TIME),
				Error::<T>::TimestampTooNew
			);
			ensure!(
				!rules::is_time_warp(network, height, parent.header().time, header.time),
				Error::<T>::TimeWarp
			);

			// Version (BIP34/66/65).
			ensure!(
				header.version.to_consensus() >= rules::min_version(network, height),
				Error::<T>::BadVersion
			);

			// Store, evicting the least-work fork if the height is full.
			let chain_work =
				checked_add_work(parent.work(), header.work()).ok_or(Error::<T>::WorkOverflow)?;
			let entry =
				rules::child_entry(network, &parent, *raw, &header, chain_work.to_be_bytes());
			let mut index = HeightIndex::<T>::get(height);
			if index.is_full() {
				Self::evict_least_work(height, &mut index)?;
				batch.evictors.push((height, hash));
			}
			index
				.try_push(IndexEntry { hash, chain_work: entry.chain_work })
				.map_err(|_| Error::<T>::TooManyForks)?;
			HeightIndex::<T>::insert(height, index);
			Headers::<T>::insert(hash, &entry);
			batch.imported.push((height, hash));

			// Fork choice: strictly more work wins; on a tie the first seen stays.
			let becomes_best = chain_work > tip.work;
			if becomes_best {
				let new_tip = BlockRef { height, hash };
				if parent_hash == tip.block.hash {
					BestChain::<T>::insert(height, hash);
				} else {
					Self::reorganize(tip.block, new_tip, &entry, batch)?;
				}
				*tip = Tip { block: new_tip, work: chain_work };
			}
			Self::deposit_event(Event::HeaderImported { hash, height, best: becomes_best });
			Ok(())
		}

		/// Deletes from `index` (the full height `height`) the stored header with the least
		/// cumulative work that is not the best chain's, the first stored among equals.
		pub(crate) fn evict_least_work(
			height: u32,
			index: &mut BoundedVec<IndexEntry, HeadersPerHeight<T>>,
		) -> DispatchResult {
			let best_here = BestChain::<T>::get(height);
			let mut victim: Option<(usize, Work)> = None;
			for (i, e) in index.iter().enumerate() {
				if Some(e.hash) == best_here {
					continue;
				}
				if victim.map_or(true, |(_, least)| e.work() < least) {
					victim = Some((i, e.work()));
				}
			}
			let (i, _) = victim.ok_or(Error::<T>::TooManyForks)?;
			let hash = index.remove(i).hash;
			Headers::<T>::remove(hash);
			Self::deposit_event(Event::HeaderEvicted { hash, height });
			Ok(())
		}

		/// Makes the chain ending at `new_tip` the best chain. Walks back from it to the first
		/// best-chain ancestor (the fork point), re-indexes the new branch and drops the old
		/// branch's heights above the new tip. Counts its steps in `batch`.
		fn reorganize(
			old_tip: BlockRef,
			new_tip: BlockRef,
			new_entry: &StoredHeader,
			batch: &mut Batch,
		) -> DispatchResult {
			let mut branch: Vec<(u32, H256)> = Vec::new();
			let mut cursor_hash = new_tip.hash;
			let mut cursor = new_entry.clone();
			loop {
				if BestChain::<T>::get(cursor.height) == Some(cursor_hash) {
					break;
				}
				branch.push((cursor.height, cursor_hash));
				batch.walked = batch.walked.saturating_add(1);
				batch.reorg_budget =
					batch.reorg_budget.checked_sub(1).ok_or(Error::<T>::ReorgTooDeep)?;
				cursor_hash = block_hash_to_h256(cursor.header().prev_blockhash);
				cursor = Headers::<T>::get(cursor_hash).ok_or(Error::<T>::UnknownAncestor)?;
			}
			let fork_point = cursor.height;
			let depth = old_tip.height.saturating_sub(fork_point);
			ensure!(depth <= T::MaxReorgDepth::get(), Error::<T>::ReorgTooDeep);

			for (h, hash) in branch.iter() {
				BestChain::<T>::insert(h, hash);
			}
			let mut h = new_tip.height.saturating_add(1);
			while h <= old_tip.height {
				batch.dropped = batch.dropped.saturating_add(1);
				batch.reorg_budget =
					batch.reorg_budget.checked_sub(1).ok_or(Error::<T>::ReorgTooDeep)?;
				BestChain::<T>::remove(h);
				h = h.saturating_add(1);
			}
			Self::deposit_event(Event::Reorganized { old_tip, new_tip, depth });
			log::info!(
				target: LOG_TARGET,
				"reorg: {} -> {} (depth {depth})",
				old_tip.height,
				new_tip.height
			);
			Ok(())
		}

		/// Deletes the headers of up to `budget` heights more than `PruningDepth` below
		/// `best_height`, oldest first. Returns how many heights it pruned.
		pub(crate) fn prune_up_to(best_height: u32, budget: u32) -> u32 {
			let keep_from = best_height.saturating_sub(T::PruningDepth::get());
			let mut lowest = LowestHeight::<T>::get();
			let mut pruned = 0u32;
			while lowest < keep_from && pruned < budget {
				for e in HeightIndex::<T>::take(lowest) {
					Headers::<T>::remove(e.hash);
				}
				BestChain::<T>::remove(lowest);
				lowest = lowest.saturating_add(1);
				pruned = pruned.saturating_add(1);
			}
			LowestHeight::<T>::put(lowest);
			pruned
		}

		/// Confirmations of a best-chain block; `None` if unknown or on a fork.
		pub fn confirmations_of(hash: &H256) -> Option<u32> {
			let entry = Headers::<T>::get(hash)?;
			if BestChain::<T>::get(entry.height) != Some(*hash) {
				return None;
			}
			let best = BestBlock::<T>::get()?;
			best.height.checked_sub(entry.height)?.checked_add(1)
		}

		/// The raw header of the best chain at `height`, if stored.
		pub fn header_at(height: u32) -> Option<RawHeader> {
			let hash = BestChain::<T>::get(height)?;
			Headers::<T>::get(hash).map(|e| e.raw)
		}

		/// Height and hash of the tip of the best chain.
		pub fn best_block() -> Option<(u32, H256)> {
			BestBlock::<T>::get().map(|b| (b.height, b.hash))
		}

		/// Headers `relayer` got onto the best chain.
		pub fn relayer_credits(relayer: &T::AccountId) -> u64 {
			RelayerCredits::<T>::get(relayer)
		}
	}

	/// Adds two amounts of work, `None` on overflow. rust-bitcoin's `Add` would panic.
	pub(crate) fn checked_add_work(a: Work, b: Work) -> Option<Work> {
		let a = a.to_be_bytes();
		let b = b.to_be_bytes();
		let mut out = [0u8; 32];
		let mut carry = 0u16;
		for i in (0..32).rev() {
			let s = u16::from(a[i]) + u16::from(b[i]) + carry;
			out[i] = (s & 0xff) as u8;
			carry = s >> 8;
		}
		if carry != 0 {
			return None;
		}
		Some(Work::from_be_bytes(out))
	}

	impl<T: Config> BtcLightClient for Pallet<T> {
		fn network() -> Option<BtcNetwork> {
			Network::<T>::get()
		}

		fn secure_for_value() -> bool {
			Network::<T>::get().is_some_and(|n| n.secure_for_value())
		}

		fn best_block() -> Option<(u32, H256)> {
			Pallet::<T>::best_block()
		}

		fn confirmations(hash: &H256) -> Option<u32> {
			Pallet::<T>::confirmations_of(hash)
		}

		fn verify_tx_inclusion(
			raw_tx: &[u8],
			merkle_block: &[u8],
			min_confirmations: u32,
		) -> Result<TxInclusion, SpvError> {
			spv::verify_tx_inclusion::<T>(raw_tx, merkle_block, min_confirmations)
		}

		/// A proof holds at most one 32-byte hash per 32 bytes, so `proof_len / 32` bounds the
		/// benchmark's hash count from above.
		fn verify_tx_inclusion_weight(proof_len: u32, tx_len: u32) -> Weight {
			T::WeightInfo::verify_tx_inclusion(proof_len / 32, tx_len)
		}
	}
}
