//! The library half of the `rusk` command: the set of built-in modules the binary runs with,
//! and `rusk test`'s runner, so that integration tests (and tools embedding rusk) can run test
//! files on a runtime with extra native modules.

pub use rusk_test::runner as test_runner;

use rusk_runtime::{Runtime, RuntimeBuilder};

/// The runtime with every built-in module of the rusk binary; its workers
/// (`node:worker_threads`) get the same.
pub fn builder() -> RuntimeBuilder {
    let core = Runtime::builder().worker_factory(std::sync::Arc::new(builder));
    rusk_test::register(rusk_ffi::register(rusk_node::register(core)))
}
