//! Class ids, instances and their traced slots; the `ClassDef` contract and inheritance.

use super::*;

/// First id handed out to rusk_bindgen classes. Ids are process-wide while QuickJS allocates
/// them per runtime; starting well above the ids a runtime allocates for itself and its other
/// users (builtins, rquickjs, modules) keeps ours out of their way.
pub(crate) const FIRST_CLASS_ID: qjs::JSClassID = 256;

/// Next free process-wide id (guarded: all our allocations happen under this lock).
pub(crate) static NEXT_CLASS_ID: Mutex<qjs::JSClassID> = Mutex::new(FIRST_CLASS_ID);

/// A process-wide QuickJS class id, allocated on first use.
pub struct ClassId(AtomicU32);

impl ClassId {
    /// An id not yet allocated.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        ClassId(AtomicU32::new(0))
    }

    /// The id, or 0 when the class was never registered.
    #[inline(always)]
    pub fn get(&self) -> qjs::JSClassID {
        self.0.load(Ordering::Relaxed)
    }

    fn get_or_alloc(&self, rt: *mut qjs::JSRuntime) -> qjs::JSClassID {
        let id = self.get();
        if id != 0 {
            return id;
        }
        let mut next = NEXT_CLASS_ID.lock().unwrap_or_else(|e| e.into_inner());
        let id = self.get();
        if id != 0 {
            return id;
        }
        let mut fresh: qjs::JSClassID = 0;
        // SAFETY: `rt` is a live runtime (callers hold its lock); `fresh` is a valid out pointer.
        unsafe { qjs::JS_NewClassID(rt, &mut fresh) };
        let id = fresh.max(*next);
        *next = id + 1;
        self.0.store(id, Ordering::Relaxed);
        id
    }
}

/// Advance the id allocator of `rt` past every id rusk_bindgen handed out, so later
/// `JS_NewClassID` calls in this runtime (ours or anyone's) cannot return one of them.
pub(crate) fn reserve_ids(rt: *mut qjs::JSRuntime) {
    let next = *NEXT_CLASS_ID.lock().unwrap_or_else(|e| e.into_inner());
    for _ in 0..(1u32 << 16) {
        let mut probe: qjs::JSClassID = 0;
        // SAFETY: `rt` is live; `probe` is a valid out pointer.
        if unsafe { qjs::JS_NewClassID(rt, &mut probe) } + 1 >= next {
            break;
        }
    }
}

/// Register a class with the runtime of `ctx` unless it already is; returns its id.
///
/// The id is process-wide (allocated from [`FIRST_CLASS_ID`] up). Before the first
/// registration in a runtime, that runtime's own id allocator is advanced past every id handed
/// out so far, so later `JS_NewClassID` calls there cannot reuse one of ours. Residual risk: a
/// runtime in which other code allocated more than `FIRST_CLASS_ID` ids before rusk_bindgen
/// touched it.
///
/// # Safety
/// `ctx` must be a live context whose runtime lock is held; `def` must describe a class whose
/// finalizer / mark function match the instances created under `id`.
pub(crate) unsafe fn ensure_class(
    ctx: RawCtx,
    id: &ClassId,
    def: &qjs::JSClassDef,
) -> JsResult<qjs::JSClassID> {
    // SAFETY: `ctx` is live (caller contract).
    let rt = unsafe { qjs::JS_GetRuntime(ctx) };
    let class_id = id.get_or_alloc(rt);
    // SAFETY: `rt` is live.
    if unsafe { qjs::JS_IsRegisteredClass(rt, class_id) } {
        // Registered in this runtime: by us, since `reserve_ids` keeps every runtime's own
        // allocator away from our ids. (The name cannot be checked: `JS_GetClassName` of
        // this QuickJS-ng version returns the wrong atom.)
        return Ok(class_id);
    }
    reserve_ids(rt);
    // SAFETY: `rt` is live; `def` is valid for the call (QuickJS copies it).
    if unsafe { qjs::JS_NewClass(rt, class_id, def) } != 0 {
        // SAFETY: `ctx` is live.
        return Err(unsafe {
            let cx = Ctx::from_raw(NonNull::new_unchecked(ctx));
            Exception::throw_internal(&cx, "rusk_bindgen: JS_NewClass failed")
        });
    }
    Ok(class_id)
}

/// Registers a hand-written class (one the generator does not describe, such as rusk:ffi's
/// callable functions) with the runtime of `ctx`, under the same process-wide id scheme as
/// the generated classes; returns its id in this runtime.
///
/// # Safety
/// As [`ensure_class`]: `ctx` is live with its runtime lock held; `def`'s finalizer and call
/// handler match the objects made with the returned id.
pub unsafe fn register_class(
    ctx: RawCtx,
    id: &ClassId,
    def: &qjs::JSClassDef,
) -> JsResult<qjs::JSClassID> {
    // SAFETY: forwarded caller contract.
    unsafe { ensure_class(ctx, id, def) }
}

/// One traced `JSValue` slot of an instance (empty = `JS_UNINITIALIZED`).
pub struct Slot(pub(crate) Cell<RawValue>);

impl Slot {
    /// An empty slot.
    pub const fn empty() -> Self {
        Slot(Cell::new(qjs::JS_UNINITIALIZED))
    }

    #[inline(always)]
    pub(crate) fn raw(&self) -> Option<RawValue> {
        let v = self.0.get();
        // SAFETY: reading the tag of a plain value is always valid.
        if unsafe { qjs::JS_IsUninitialized(v) } {
            None
        } else {
            Some(v)
        }
    }
}

/// Fixed-size slot storage: implemented for `[Slot; N]`.
pub trait SlotArray: 'static {
    /// All slots empty.
    fn new_empty() -> Self;
    /// The slots as a slice.
    fn slots(&self) -> &[Slot];
}

impl<const N: usize> SlotArray for [Slot; N] {
    fn new_empty() -> Self {
        std::array::from_fn(|_| Slot::empty())
    }
    #[inline(always)]
    fn slots(&self) -> &[Slot] {
        self
    }
}

/// Description of a generated class; implemented by the generated code only.
///
/// # Safety
/// `class_id()` must return a [`ClassId`] used by this implementation alone, so that an object
/// of that class always carries an `Instance<Self>`. `receiver` must return the slots and value
/// of an instance of this class, or of a class whose slots begin with this class's slots and
/// whose Rust value gives this class's value (a subclass declared with `extends`).
pub unsafe trait ClassDef: Sized + 'static {
    /// The Rust type behind the class.
    type Value: 'static;
    /// `[Slot; N]` with one slot per cached getter and `values` entry.
    type Slots: SlotArray;
    /// JS class name.
    const NAME: &'static CStr;
    /// Constructor `length`.
    const CTOR_LENGTH: c_int;
    /// Whether instances are registered for [`sweep_pending`].
    const HAS_PENDING_ACTIVITY: bool = false;
    /// The class id.
    fn class_id() -> &'static ClassId;
    /// The constructor thunk (`JS_CFUNC_constructor_or_func`).
    fn constructor_thunk() -> MethodFn;
    /// Define methods / accessors on a fresh prototype.
    fn setup_prototype<'js>(ctx: &Ctx<'js>, proto: &Object<'js>) -> JsResult<()>;
    /// Define static members on a fresh constructor.
    fn setup_constructor<'js>(ctx: &Ctx<'js>, ctor: &Object<'js>) -> JsResult<()>;
    /// Consume a value whose instance died.
    fn finalize(value: Self::Value) {
        drop(value)
    }
    /// Whether the instance must be kept alive.
    fn has_pending_activity(_value: &Self::Value) -> bool {
        false
    }
    /// Whether instances report the native memory they hold (`estimatedSize`).
    const HAS_ESTIMATED_SIZE: bool = false;
    /// The native bytes an instance holds, counted when it is made (see [`external`]).
    fn estimated_size(_value: &Self::Value) -> usize {
        0
    }
    /// Whether the class has a JS constructor (`false` with `noConstructor: true`: only the
    /// prototype exists, and instances come from Rust through [`to_js`]).
    const HAS_CONSTRUCTOR: bool = true;
    /// What the class extends (`extends`): its parent's prototype and constructor in `ctx`.
    /// `None`: `Object.prototype` and `Function.prototype`, as for any class.
    fn base<'js>(_ctx: &Ctx<'js>) -> JsResult<Option<Base<'js>>> {
        Ok(None)
    }
    /// The slots and the Rust value behind `obj` when its members accept it as their `this`:
    /// an instance of this class, or (overridden by the generated code of a class that others
    /// extend) of one of its subclasses.
    ///
    /// # Safety
    /// `obj` must be a valid value; the references must not outlive the object.
    #[inline(always)]
    unsafe fn receiver<'a>(obj: RawValue) -> Option<(&'a [Slot], &'a Self::Value)> {
        // SAFETY: forwarded contract.
        unsafe { own_receiver::<Self>(obj) }
    }
    /// Whether instances get own properties when they are made (`own`).
    const HAS_OWN_PROPERTIES: bool = false;
    /// Define the instance's own properties (`own`) on `obj`, a new instance holding `value`.
    fn define_own_properties<'js>(
        _ctx: &Ctx<'js>,
        _obj: &Object<'js>,
        _value: &Self::Value,
    ) -> JsResult<()> {
        Ok(())
    }
    /// How `structuredClone` copies an instance (`structuredClone`), registered in
    /// [`clone`]'s registry when the class is first registered in a runtime.
    fn cloneable() -> Option<&'static clone::Cloneable> {
        None
    }
}

/// What a class extends: the prototype its prototype inherits from, and the constructor its
/// constructor inherits from (`None` when the parent has no constructor: `noConstructor`).
pub struct Base<'js> {
    /// The parent's prototype (e.g. `Error.prototype`).
    pub prototype: Object<'js>,
    /// The parent's constructor (e.g. `Error`).
    pub constructor: Option<Object<'js>>,
}

/// `extends: "Error"`: the engine's own `Error.prototype` and `Error` (not `globalThis.Error`,
/// which code may have replaced).
pub fn error_base<'js>(ctx: &Ctx<'js>) -> JsResult<Base<'js>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `raw_ctx` is live; the error object is released once its prototype (returned as
    // a new reference by QuickJS-ng's `JS_GetPrototype`) is read.
    let proto = unsafe {
        let error = qjs::JS_NewError(raw_ctx);
        if qjs::JS_IsException(error) {
            return Err(JsError::Exception);
        }
        let proto = qjs::JS_GetPrototype(raw_ctx, error);
        qjs::JS_FreeValue(raw_ctx, error);
        proto
    };
    let prototype = owned_object(ctx, proto)?;
    let constructor: Object = prototype.get("constructor")?;
    Ok(Base {
        prototype,
        constructor: Some(constructor),
    })
}

/// `extends: "<class>"`: the prototype and constructor (if any) of the generated class `P`.
pub fn class_base<'js, P: ClassDef>(ctx: &Ctx<'js>) -> JsResult<Base<'js>> {
    if P::HAS_CONSTRUCTOR {
        let (prototype, constructor) = class_objects::<P>(ctx)?;
        Ok(Base {
            prototype,
            constructor: Some(constructor),
        })
    } else {
        Ok(Base {
            prototype: prototype::<P>(ctx)?,
            constructor: None,
        })
    }
}

/// The slots and value of `obj` when it is an instance of exactly `D`'s class (the default
/// [`ClassDef::receiver`]).
///
/// # Safety
/// `obj` must be a valid value; the references must not outlive the object.
#[inline(always)]
pub unsafe fn own_receiver<'a, D: ClassDef>(obj: RawValue) -> Option<(&'a [Slot], &'a D::Value)> {
    // SAFETY: forwarded contract.
    unsafe { instance::<D>(obj) }.map(|i| (i.slots.slots(), &i.value))
}

/// A subclass's receiver seen as its parent's: the same slots (a subclass's slots begin with
/// its parent's) and the parent part of the value, which `as_parent` (the subclass type's
/// `AsRef<Parent>`) gives. A panic there makes the receiver unusable (`None`) rather than
/// unwinding into the engine.
#[inline]
pub fn upcast<'a, C: 'a, P: 'a>(
    receiver: Option<(&'a [Slot], &'a C)>,
    as_parent: fn(&C) -> &P,
) -> Option<(&'a [Slot], &'a P)> {
    let (slots, child) = receiver?;
    let parent = catch_unwind(AssertUnwindSafe(|| as_parent(child))).ok()?;
    Some((slots, parent))
}

#[repr(C)]
pub(crate) struct Header {
    /// Registered in the pending list of its context.
    pub(crate) tracked: Cell<bool>,
    /// Native bytes counted for this instance (`estimatedSize`), given back when it dies.
    pub(crate) external: Cell<usize>,
}

/// The heap block behind an instance's opaque pointer.
#[repr(C)]
pub struct Instance<D: ClassDef> {
    pub(crate) header: Header,
    pub(crate) slots: D::Slots,
    pub(crate) value: D::Value,
}

/// The instance behind `obj`, or `None` when `obj` is not an object of class `D`.
///
/// # Safety
/// `obj` must be a valid value; the returned reference must not outlive the object.
#[inline(always)]
pub unsafe fn instance<'a, D: ClassDef>(obj: RawValue) -> Option<&'a Instance<D>> {
    // SAFETY: `JS_GetOpaque` checks the tag and the class id, and objects of `D`'s class always
    // carry an `Instance<D>` (ClassDef safety contract) or null.
    unsafe { (qjs::JS_GetOpaque(obj, D::class_id().get()) as *const Instance<D>).as_ref() }
}

impl<D: ClassDef> Instance<D> {
    /// The Rust value.
    #[inline(always)]
    pub fn value(&self) -> &D::Value {
        &self.value
    }
}

pub(crate) unsafe extern "C" fn finalizer<D: ClassDef>(rt: *mut qjs::JSRuntime, val: RawValue) {
    // SAFETY: called by QuickJS for an object of `D`'s class; the opaque is an
    // `Instance<D>` created by `Box::into_raw` in `new_instance`, or null.
    let ptr = unsafe { qjs::JS_GetOpaque(val, D::class_id().get()) } as *mut Instance<D>;
    if ptr.is_null() {
        return;
    }
    // SAFETY: the finalizer runs once per object, so the box is reclaimed exactly once.
    let inst = unsafe { Box::from_raw(ptr) };
    let Instance {
        header,
        slots,
        value,
    } = *inst;
    external::release(rt, header.external.get());
    for slot in slots.slots() {
        if let Some(v) = slot.raw() {
            // SAFETY: the slot owned one reference to `v`.
            unsafe { qjs::JS_FreeValueRT(rt, v) };
        }
    }
    if catch_unwind(AssertUnwindSafe(move || D::finalize(value))).is_err() {
        eprintln!(
            "rusk_bindgen: panic in finalizer of {} (ignored)",
            D::NAME.to_string_lossy()
        );
    }
}

pub(crate) unsafe extern "C" fn gc_mark<D: ClassDef>(
    rt: *mut qjs::JSRuntime,
    val: RawValue,
    mark: qjs::JS_MarkFunc,
) {
    // SAFETY: called by QuickJS for a live object of `D`'s class.
    if let Some(inst) = unsafe { instance::<D>(val) } {
        for slot in inst.slots.slots() {
            if let Some(v) = slot.raw() {
                // SAFETY: `v` is a live value owned by the slot; `mark` comes from QuickJS.
                unsafe { qjs::JS_MarkValue(rt, v, mark) };
            }
        }
    }
}

pub(crate) fn register<D: ClassDef>(ctx: RawCtx) -> JsResult<qjs::JSClassID> {
    if let Some(cloneable) = D::cloneable() {
        // A tag taken by another class was a definition error within one file; across files
        // the first class keeps it (`clone::register` reports the clash to whoever asks).
        let _ = clone::register(cloneable);
    }
    let def = qjs::JSClassDef {
        class_name: D::NAME.as_ptr(),
        finalizer: Some(finalizer::<D>),
        gc_mark: Some(gc_mark::<D>),
        call: None,
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `ctx` is the live context of the caller; the def's functions match `Instance<D>`.
    unsafe { ensure_class(ctx, D::class_id(), &def) }
}

/// Wrap `value` in a new instance with prototype `proto`; returns an owned raw value or
/// `JS_EXCEPTION` (the value is then finalized).
///
/// # Safety
/// `ctx` must be live, `D` registered in its runtime, `proto` a valid value.
pub(crate) unsafe fn new_instance<D: ClassDef>(
    ctx: RawCtx,
    proto: RawValue,
    value: D::Value,
) -> RawValue {
    // SAFETY: `ctx` live, class registered (caller contract).
    let obj = unsafe { qjs::JS_NewObjectProtoClass(ctx, proto, D::class_id().get()) };
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsException(obj) } {
        D::finalize(value);
        return obj;
    }
    let external = if D::HAS_ESTIMATED_SIZE {
        catch_unwind(AssertUnwindSafe(|| D::estimated_size(&value))).unwrap_or(0)
    } else {
        0
    };
    let inst = Box::new(Instance::<D> {
        header: Header {
            tracked: Cell::new(false),
            // Counted below, once the instance is complete: an instance that fails before
            // gives nothing back when it is finalized.
            external: Cell::new(0),
        },
        slots: D::Slots::new_empty(),
        value,
    });
    let ptr = Box::into_raw(inst);
    // SAFETY: `obj` is a fresh object of a user class, so `JS_SetOpaque` succeeds; from now
    // on the finalizer owns the box.
    unsafe { qjs::JS_SetOpaque(obj, ptr.cast::<c_void>()) };
    if D::HAS_OWN_PROPERTIES {
        // SAFETY: `ptr` was just stored in `obj`, which is alive and owned here.
        if let Err(exception) = unsafe { define_own_properties::<D>(ctx, obj, &(*ptr).value) } {
            // SAFETY: `obj` is owned; freeing it finalizes the value.
            unsafe { qjs::JS_FreeValue(ctx, obj) };
            return exception;
        }
    }
    // SAFETY: `ptr` is alive while `obj` is.
    unsafe { (*ptr).header.external.set(external) };
    if D::HAS_PENDING_ACTIVITY {
        // SAFETY: `ptr` was just stored in `obj`, which is alive.
        unsafe { track_pending::<D>(ctx, obj, &*ptr) };
    }
    if external > 0 {
        // SAFETY: `ctx` is live; the new object is referenced by `obj`, so a collection run
        // here cannot free it.
        unsafe { external::hold(ctx, external) };
    }
    obj
}
