//! Per-context data: constructors, async iterator makers and the pending-activity list.

use super::*;

pub(crate) struct PendingEntry {
    pub(crate) obj: RawValue,
    pub(crate) header: *const Header,
    pub(crate) check: unsafe fn(*const Header) -> bool,
}

#[derive(Default)]
pub(crate) struct ContextData {
    pub(crate) ctors: RefCell<Vec<(qjs::JSClassID, RawValue)>>,
    /// `asyncIterable` classes' iterator makers (see `async_iterate`), by class.
    pub(crate) async_iterators: RefCell<Vec<(qjs::JSClassID, RawValue)>>,
    /// The streams of async iterators made in this context, for [`close_streams`].
    pub(crate) streams: RefCell<super::async_iterate::OpenStreams>,
    pub(crate) pending: RefCell<Vec<PendingEntry>>,
}

pub(crate) static CONTEXT_DATA_ID: ClassId = ClassId::new();

pub(crate) unsafe extern "C" fn context_data_finalizer(rt: *mut qjs::JSRuntime, val: RawValue) {
    // SAFETY: the opaque of a context-data object is a `Box<ContextData>` or null.
    let ptr = unsafe { qjs::JS_GetOpaque(val, CONTEXT_DATA_ID.get()) } as *mut ContextData;
    if ptr.is_null() {
        return;
    }
    // SAFETY: reclaimed once, by the only finalizer call.
    let data = unsafe { Box::from_raw(ptr) };
    // The objects may be finalized in the same GC pass, so their headers are not touched.
    let values: Vec<RawValue> = data
        .ctors
        .take()
        .into_iter()
        .chain(data.async_iterators.take())
        .map(|(_, v)| v)
        .chain(data.pending.take().into_iter().map(|e| e.obj))
        .collect();
    for v in values {
        // SAFETY: each entry owned one reference.
        unsafe { qjs::JS_FreeValueRT(rt, v) };
    }
}

pub(crate) unsafe extern "C" fn context_data_mark(
    rt: *mut qjs::JSRuntime,
    val: RawValue,
    mark: qjs::JS_MarkFunc,
) {
    // SAFETY: as in the finalizer; the data lives as long as the object.
    let ptr = unsafe { qjs::JS_GetOpaque(val, CONTEXT_DATA_ID.get()) } as *const ContextData;
    // SAFETY: non-null opaque points to a live `ContextData`.
    let Some(data) = (unsafe { ptr.as_ref() }) else {
        return;
    };
    // A list being edited is skipped: its references then count as external roots, which only
    // keeps objects alive a little longer (never frees them early).
    for list in [&data.ctors, &data.async_iterators] {
        if let Ok(list) = list.try_borrow() {
            for (_, v) in list.iter() {
                // SAFETY: live value owned by the list.
                unsafe { qjs::JS_MarkValue(rt, *v, mark) };
            }
        }
    }
    if let Ok(pending) = data.pending.try_borrow() {
        for e in pending.iter() {
            // SAFETY: live value owned by the list.
            unsafe { qjs::JS_MarkValue(rt, e.obj, mark) };
        }
    }
}

/// The context data of `ctx`, created on first use. The holder object is stored as the
/// "class prototype" of the context-data class, so the context owns (and traces) it.
pub(crate) fn context_data<'a>(ctx: RawCtx) -> JsResult<&'a ContextData> {
    let def = qjs::JSClassDef {
        class_name: c"RuskBindgenContextData".as_ptr(),
        finalizer: Some(context_data_finalizer),
        gc_mark: Some(context_data_mark),
        call: None,
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `ctx` is live; the def matches `ContextData` holders.
    let id = unsafe { ensure_class(ctx, &CONTEXT_DATA_ID, &def)? };
    // SAFETY: `ctx` is live; `JS_GetClassProto` returns an owned value.
    let holder = unsafe { qjs::JS_GetClassProto(ctx, id) };
    // SAFETY: `holder` is owned; the opaque (if any) is a live `Box<ContextData>`, kept alive
    // by the context even after we release our reference.
    unsafe {
        let ptr = qjs::JS_GetOpaque(holder, id) as *const ContextData;
        qjs::JS_FreeValue(ctx, holder);
        if let Some(data) = ptr.as_ref() {
            return Ok(data);
        }
    }
    // SAFETY: `ctx` is live; the new holder is handed to the context with `JS_SetClassProto`
    // (which takes ownership), after its opaque is set.
    unsafe {
        let obj = qjs::JS_NewObjectProtoClass(ctx, qjs::JS_NULL, id);
        if qjs::JS_IsException(obj) {
            return Err(JsError::Exception);
        }
        let data = Box::into_raw(Box::<ContextData>::default());
        qjs::JS_SetOpaque(obj, data.cast::<c_void>());
        qjs::JS_SetClassProto(ctx, id, obj);
        Ok(&*data)
    }
}

/// The context data of `ctx` if it was ever created (never creates it).
pub(crate) fn existing_context_data<'a>(ctx: RawCtx) -> Option<&'a ContextData> {
    let id = CONTEXT_DATA_ID.get();
    if id == 0 {
        return None;
    }
    // SAFETY: `ctx` is live. The class id is ours when registered under our name; an object of
    // that class found in the class-proto table was created by `context_data`.
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx);
        if !qjs::JS_IsRegisteredClass(rt, id) {
            return None;
        }
        let holder = qjs::JS_GetClassProto(ctx, id);
        let ptr = qjs::JS_GetOpaque(holder, id) as *const ContextData;
        qjs::JS_FreeValue(ctx, holder);
        ptr.as_ref()
    }
}

pub(crate) unsafe fn check_pending<D: ClassDef>(header: *const Header) -> bool {
    // SAFETY: `header` is the first field of a `#[repr(C)] Instance<D>` kept alive by the
    // pending list's reference.
    let inst = unsafe { &*(header as *const Instance<D>) };
    catch_unwind(AssertUnwindSafe(|| D::has_pending_activity(&inst.value))).unwrap_or(false)
}

/// Register `obj` in the pending list of `ctx` (no-op when already registered).
///
/// # Safety
/// `ctx` live; `inst` is the instance of `obj`.
pub(crate) unsafe fn track_pending<D: ClassDef>(
    ctx: RawCtx,
    obj: RawValue,
    inst: &Instance<D>,
) -> bool {
    if inst.header.tracked.get() {
        return true;
    }
    let Ok(data) = context_data(ctx) else {
        return false;
    };
    let Ok(mut pending) = data.pending.try_borrow_mut() else {
        return false;
    };
    inst.header.tracked.set(true);
    pending.push(PendingEntry {
        // SAFETY: `ctx` live; the list owns this new reference.
        obj: unsafe { qjs::JS_DupValue(ctx, obj) },
        header: &inst.header,
        check: check_pending::<D>,
    });
    true
}

/// Register `this` again for pending activity (e.g. when activity restarts after a sweep
/// released it). Returns `false` when `this` is not an instance of `D`.
pub fn retain_while_pending<D: ClassDef>(this: &Value<'_>) -> bool {
    let ctx = this.ctx().as_raw().as_ptr();
    // SAFETY: `this` keeps the object (and its instance) alive during the call.
    match unsafe { instance::<D>(this.as_raw()) } {
        // SAFETY: `ctx` is live while `this` is.
        Some(inst) => unsafe { track_pending::<D>(ctx, this.as_raw(), inst) },
        None => false,
    }
}

/// Release the keep-alive reference of every object of `cx` whose `has_pending_activity()`
/// became false. Returns how many were released. Call once per event-loop turn and before a
/// forced GC; objects released here are collected by the normal refcount / GC rules.
pub fn sweep_pending(cx: &Ctx<'_>) -> usize {
    let ctx = cx.as_raw().as_ptr();
    let Some(data) = existing_context_data(ctx) else {
        return 0;
    };
    let Ok(mut list) = data
        .pending
        .try_borrow_mut()
        .map(|mut l| std::mem::take(&mut *l))
    else {
        return 0;
    };
    let mut released = Vec::new();
    list.retain(|e| {
        // SAFETY: the entry's reference keeps the instance alive.
        let busy = unsafe { (e.check)(e.header) };
        if !busy {
            released.push(e.obj);
            // SAFETY: header alive (reference still held).
            unsafe { (*e.header).tracked.set(false) };
        }
        busy
    });
    match data.pending.try_borrow_mut() {
        Ok(mut l) => {
            // Entries registered meanwhile stay after the survivors.
            let added = std::mem::take(&mut *l);
            *l = list;
            l.extend(added);
        }
        Err(_) => {
            // Unreachable in practice; keep the references rather than lose them.
            released.extend(list.into_iter().map(|e| e.obj));
        }
    }
    let n = released.len();
    for v in released {
        // SAFETY: each released entry owned one reference; freeing may run finalizers, which is
        // fine since no list borrow is held.
        unsafe { qjs::JS_FreeValue(ctx, v) };
    }
    n
}

/// Number of objects of `cx` currently kept alive for pending activity.
pub fn pending_count(cx: &Ctx<'_>) -> usize {
    existing_context_data(cx.as_raw().as_ptr())
        .and_then(|d| d.pending.try_borrow().ok().map(|l| l.len()))
        .unwrap_or(0)
}
