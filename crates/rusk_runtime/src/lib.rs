//! rusk's embeddable runtime: QuickJS-ng (through rquickjs) with an event loop, a Node/Bun
//! style module system (ES modules, CommonJS, TypeScript) and a core `process`/`console`. Node's
//! built-in modules and globals are added by the `rusk_node` crate (`rusk_node::register`).
//!
//! ```no_run
//! let rt = rusk_runtime::Runtime::builder().build().expect("runtime");
//! let code = rt.eval_module("main.ts", "console.log(await Promise.resolve(42))");
//! assert_eq!(code, 0);
//! ```

pub mod bytes;
pub mod cache;
mod errors;
mod gc_stress;
mod globals;
mod host;
mod lazy_props;
pub mod module;
mod native;
mod runtime;
mod timers;
pub mod trace;
pub mod transpile;
mod xqueue;

pub use module::builtins::CompiledModule;
pub use module::BuiltinSource;
/// The engine crate, re-exported so embedders use the same version.
pub use rquickjs;
pub use runtime::{
    loop_handle, on_teardown, on_turn_end, worker_factory, Error, GlobalInit, Runtime,
    RuntimeBuilder, TerminateHandle, TurnHook, WorkerFactory,
};
pub use xqueue::{Job, KeepAlive, LoopHandle};

/// rusk's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
