//! Runtime support for generated class bindings.
//!
//! Everything here is used by the code that [`Generator`](crate) emits; user implementations only
//! see [`Ctx`], [`Value`], [`JsResult`] and [`Args`].
//!
//! # Object model
//! * Every generated class has its own QuickJS class id ([`ClassId`]): a process-wide static that
//!   is allocated once with `JS_NewClassID`, registered (`JS_NewClass`) in each runtime that uses
//!   the class, with a finalizer and a GC mark function.
//! * An instance is a QuickJS object of that class whose opaque pointer is a heap
//!   [`Instance`]: the Rust value plus `N` traced slots (cached getters and `values`).
//! * The prototype and the constructor are built once per context; the prototype is registered
//!   with `JS_SetClassProto`, the constructor is kept in the per-context [`ContextData`] holder.
//!
//! # Pending activity
//! QuickJS is reference counted: an unreachable object is freed the moment its count drops to
//! zero, so "keep it alive while busy" must be a real reference. Instances of classes declared
//! with `hasPendingActivity: true` are registered, when created, in a per-context list owned by a
//! hidden holder object (itself traced by the GC). [`sweep_pending`] asks every registered object
//! `has_pending_activity()` and drops the reference of those whose activity ended, so they are
//! collected normally afterwards. The event loop must call [`sweep_pending`] once per turn and
//! before any forced GC. When the context is destroyed the holder is destroyed with it and its
//! references are released regardless of activity, so finalizers still run exactly once at
//! shutdown.
//!
//! # Files, by job
//! `args` (what a thunk receives), `convert` (typed arguments), `errors` (exceptions, panics,
//! raw-value helpers), `returns` (Rust results into JS values), `iterate` (`iterable`),
//! `async_iterate` (`asyncIterable`),
//! `class` (class ids, instances, slots, `ClassDef`, inheritance), `members` (own properties,
//! the values array, builtin members), `context` (per-context data, pending activity),
//! `define` (property keys, prototype and constructor setup), `thunks` (the bodies of the
//! generated `extern "C"` functions, `This`), `clone` (`structuredClone`'s registry),
//! `external` (native memory accounting). Everything is re-exported here: generated code
//! names it `rt::…`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_void, CStr};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

pub use rquickjs::{
    qjs, Array, Ctx, Error as JsError, Exception, Function, Object, Result as JsResult, Value,
};

pub mod convert;
pub use convert::{Bytes, FromArg, StringEnum};
pub use rquickjs::promise::Promised;

/// Raw QuickJS value, re-exported for generated code.
pub type RawValue = qjs::JSValue;
/// Raw QuickJS context pointer, re-exported for generated code.
pub type RawCtx = *mut qjs::JSContext;
/// A `JS_CFUNC_generic` / `JS_CFUNC_constructor_or_func` thunk.
pub type MethodFn = unsafe extern "C" fn(RawCtx, RawValue, c_int, *mut RawValue) -> RawValue;
/// A `JS_CFUNC_getter` thunk.
pub type GetterFn = unsafe extern "C" fn(RawCtx, RawValue) -> RawValue;
/// A `JS_CFUNC_setter` thunk.
pub type SetterFn = unsafe extern "C" fn(RawCtx, RawValue, RawValue) -> RawValue;

mod args;
mod async_iterate;
mod class;
pub mod clone;
mod context;
mod define;
mod errors;
pub mod external;
mod iterate;
mod members;
mod returns;
mod thunks;

pub use args::*;
pub use async_iterate::*;
pub use class::*;
pub use context::*;
pub use define::*;
pub use errors::*;
pub use iterate::*;
pub use members::*;
pub use returns::*;
pub use thunks::*;
