//! v1 → v2: [`HeightIndex`] entries gain their header's cumulative work, so that eviction at a
//! full height reads only the index (a v1 entry was a bare hash).

use crate::{
	pallet::{Config, Headers, HeadersPerHeight, HeightIndex, Pallet},
	types::IndexEntry,
};
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use sp_core::H256;

/// Rewrites every height's index; an entry whose header is missing is dropped (it could only
/// be evicted or pruned, never used).
pub struct InnerMigrateV1ToV2<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes) = (0u64, 0u64);
		HeightIndex::<T>::translate::<BoundedVec<H256, HeadersPerHeight<T>>, _>(|_, hashes| {
			reads = reads.saturating_add(1).saturating_add(hashes.len() as u64);
			writes = writes.saturating_add(1);
			let entries: alloc::vec::Vec<IndexEntry> = hashes
				.into_iter()
				.filter_map(|hash| {
					Headers::<T>::get(hash).map(|e| IndexEntry { hash, chain_work: e.chain_work })
				})
				.collect();
			Some(BoundedVec::truncate_from(entries))
		});
		T::DbWeight::get().reads_writes(reads, writes)
	}
}

/// [`InnerMigrateV1ToV2`], run only when the on-chain version is 1, then set to 2.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{mining, mock::*, tests::submit, types::block_hash_to_h256};
	use frame_support::{assert_ok, traits::OnRuntimeUpgrade};

	#[test]
	fn v1_index_gains_the_work_of_each_header() {
		new_test_ext().execute_with(|| {
			let g = mining::regtest_genesis();
			assert_ok!(LightClient::initialize(
				RuntimeOrigin::root(),
				crate::BtcNetwork::Regtest,
				mining::encode_header(&g),
				0
			));
			let (hs, _) = mining::chain(&g, 3, 0);
			assert_ok!(submit(hs));
			let v2: alloc::vec::Vec<_> = (0..=3u32).map(HeightIndex::<Test>::get).collect();
			// Write the index back as v1 did: bare hashes, plus a hash whose header is gone.
			for h in 0..=3u32 {
				let mut hashes: alloc::vec::Vec<H256> =
					HeightIndex::<Test>::get(h).iter().map(|e| e.hash).collect();
				if h == 2 {
					hashes.push(H256::repeat_byte(0xab));
				}
				frame_support::storage::unhashed::put(
					&HeightIndex::<Test>::hashed_key_for(h),
					&hashes,
				);
			}
			StorageVersion::new(1).put::<LightClient>();

			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<LightClient>(), 2);
			let after: alloc::vec::Vec<_> = (0..=3u32).map(HeightIndex::<Test>::get).collect();
			assert_eq!(after, v2);
			assert_eq!(after[0][0].hash, block_hash_to_h256(g.block_hash()));
			// Run again: nothing changes (the version is already 2).
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(
				(0..=3u32).map(HeightIndex::<Test>::get).collect::<alloc::vec::Vec<_>>(),
				v2
			);
		});
	}
}
