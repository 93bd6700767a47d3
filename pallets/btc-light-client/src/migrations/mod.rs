//! Storage migrations of the light client.

pub mod v2;
