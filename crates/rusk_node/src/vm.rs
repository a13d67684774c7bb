//! `rusk:native/vm`: script evaluation for `node:vm`. `Realm` owns a second QuickJS context in
//! the same runtime — its own global object and built-ins, sharing the heap, so values pass
//! between realms as they do between Node's contexts. `evaluate` runs global code in the
//! current context under a file name (for `runInThisContext` and syntax checks).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::CString;
use std::ptr::NonNull;
use std::rc::Rc;

use rquickjs::{qjs, Ctx, Exception, Object, Value};
use rusk_bindgen::rt::JsResult;

use crate::native_module::{func, native_module};

include!(concat!(env!("OUT_DIR"), "/vm.classes.rs"));

const NAMES: &[&str] = &["Realm", "evaluate", "check"];

native_module!(NativeVm, build, NAMES);

/// A QuickJS context of its own. The Realm object's finalizer must not free it: the finalizer
/// may run inside the engine's last collection, where freeing a context leaves its objects
/// behind. So a dropped Realm only marks its context; the runtime's end-of-turn hook frees
/// marked ones, and its teardown hook frees every one still held. Objects made in a realm keep
/// what they need (QuickJS functions hold their realm), so freeing it early is safe.
pub struct Realm {
    ctx: NonNull<qjs::JSContext>,
    state: Rc<Cell<RealmState>>,
}

#[derive(Clone, Copy, PartialEq)]
enum RealmState {
    Live,
    Dropped,
    Freed,
}

struct RealmEntry {
    ctx: NonNull<qjs::JSContext>,
    state: Rc<Cell<RealmState>>,
}

thread_local! {
    /// The realms of each runtime on this thread, keyed by the runtime's address.
    static REALMS: RefCell<HashMap<usize, Vec<RealmEntry>>> = RefCell::new(HashMap::new());
}

/// Frees the realms of `rt` that are marked dropped (`all`: every realm, at teardown).
fn free_realms(rt: usize, all: bool) {
    let freed: Vec<RealmEntry> = REALMS.with(|r| {
        let mut map = r.borrow_mut();
        let Some(list) = map.get_mut(&rt) else {
            return Vec::new();
        };
        let (free, keep): (Vec<_>, Vec<_>) = std::mem::take(list)
            .into_iter()
            .partition(|e| all || e.state.get() == RealmState::Dropped);
        *list = keep;
        if all {
            map.remove(&rt);
        }
        free
    });
    for entry in freed {
        if all {
            // SAFETY: the realm's context is live (the registry holds a reference) and this is
            // its runtime's thread. Its open async iterators' streams may hold the context.
            unsafe { rusk_bindgen::rt::close_streams_raw(entry.ctx.as_ptr()) };
        }
        entry.state.set(RealmState::Freed);
        // SAFETY: the registry held this context's reference; it is released once, here, on
        // the JS thread, outside any collection (end of a turn, or before the runtime's end).
        unsafe { qjs::JS_FreeContext(entry.ctx.as_ptr()) };
    }
}

impl Drop for Realm {
    fn drop(&mut self) {
        if self.state.get() == RealmState::Live {
            self.state.set(RealmState::Dropped);
        }
    }
}

/// Evaluates `code` as a global script in `target` (a context of `cx`'s runtime), or only
/// compiles it with `compile_only`. The result is returned as a value of `cx`.
fn eval_in<'js>(
    cx: &Ctx<'js>,
    target: NonNull<qjs::JSContext>,
    code: &str,
    filename: &str,
    compile_only: bool,
) -> JsResult<Value<'js>> {
    let source = CString::new(code)
        .map_err(|_| Exception::throw_type(cx, "code must not contain NUL characters"))?;
    let name = CString::new(filename)
        .map_err(|_| Exception::throw_type(cx, "filename must not contain NUL characters"))?;
    let flags = qjs::JS_EVAL_TYPE_GLOBAL
        | if compile_only {
            qjs::JS_EVAL_FLAG_COMPILE_ONLY
        } else {
            0
        };
    // SAFETY: `target` is a live context of this runtime, on this thread; the strings outlive
    // the call. QuickJS contexts of one runtime share its heap, so the result (or the pending
    // exception, which the runtime holds) is valid in `cx` too.
    let raw = unsafe {
        qjs::JS_Eval(
            target.as_ptr(),
            source.as_ptr(),
            code.len() as _,
            name.as_ptr(),
            flags as i32,
        )
    };
    // SAFETY: `raw` is an owned value of this runtime; from_raw takes that reference.
    let value = unsafe { Value::from_raw(cx.clone(), raw) };
    if value.is_exception() {
        return Err(rquickjs::Error::Exception);
    }
    if compile_only {
        // The compiled function is not run; only its syntax errors mattered.
        return Ok(Value::new_undefined(cx.clone()));
    }
    Ok(value)
}

impl Realm {
    pub fn constructor<'js>(cx: &Ctx<'js>) -> JsResult<Self> {
        // SAFETY: `cx` is live on this thread; the new context belongs to the same runtime.
        let ctx = unsafe {
            let rt = qjs::JS_GetRuntime(cx.as_raw().as_ptr());
            qjs::JS_NewContext(rt)
        };
        let ctx = NonNull::new(ctx)
            .ok_or_else(|| Exception::throw_internal(cx, "could not create a vm context"))?;
        // SAFETY: reading the runtime pointer of a live context (used as a key only).
        let rt = unsafe { qjs::JS_GetRuntime(cx.as_raw().as_ptr()) } as usize;
        let state = Rc::new(Cell::new(RealmState::Live));
        let first = REALMS.with(|r| {
            let mut map = r.borrow_mut();
            let first = !map.contains_key(&rt);
            map.entry(rt).or_default().push(RealmEntry {
                ctx,
                state: state.clone(),
            });
            first
        });
        if first {
            rusk_runtime::on_turn_end(cx, Rc::new(move |_| free_realms(rt, false)));
            rusk_runtime::on_teardown(cx, Rc::new(move |_| free_realms(rt, true)));
        }
        Ok(Realm { ctx, state })
    }

    pub fn get_global<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        // SAFETY: `self.ctx` is live while the Realm is; the global is returned owned.
        let raw = unsafe { qjs::JS_GetGlobalObject(self.ctx.as_ptr()) };
        // SAFETY: an owned value of this runtime.
        Ok(unsafe { Value::from_raw(cx.clone(), raw) })
    }

    pub fn evaluate<'js>(
        &self,
        cx: &Ctx<'js>,
        code: String,
        filename: String,
    ) -> JsResult<Value<'js>> {
        eval_in(cx, self.ctx, &code, &filename, false)
    }
}

/// Runs `code` as a global script of the calling context, named `filename` in stack traces.
fn evaluate<'js>(cx: Ctx<'js>, code: String, filename: String) -> JsResult<Value<'js>> {
    let target = cx.as_raw();
    eval_in(&cx, target, &code, &filename, false)
}

/// Compiles `code` as a global script without running it: throws its SyntaxError, if any.
fn check<'js>(cx: Ctx<'js>, code: String, filename: String) -> JsResult<()> {
    let target = cx.as_raw();
    eval_in(&cx, target, &code, &filename, true).map(|_| ())
}

fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("Realm", realm_class::constructor(ctx)?)?;
    func!(o, "evaluate", evaluate);
    func!(o, "check", check);
    Ok(o)
}
