// rusk:internal/async_context — the async context that node:async_hooks exposes.
//
// One variable, `current`, is the context of the code running now: `frame` (an immutable Map
// from AsyncLocalStorage to its store), `asyncId`, `triggerAsyncId` and `resource`. Callbacks
// carry the context they were scheduled in: `install()` wraps the global schedulers (timers,
// process.nextTick, queueMicrotask) and Promise.prototype.then so that each callback runs in the
// context captured when it was scheduled. It runs the first time an AsyncLocalStorage or
// AsyncResource is made or a hook enabled: programs that never use async_hooks pay nothing.
//
// The engine's own jobs are not seen, so `await` is carried by the loader instead: it turns
// every `await E` of a loaded file into `__ruskAwaitResume(__ruskAwaitCapture(), await E)`.
// install() makes those two capture the current context and put it back when the function
// continues; the continuation's job then reports (`awaitDirty`) that it left a context current,
// and the event loop calls the reset given to `setAwaitReset` when the job ends, so the next job
// starts from the root.

const EMPTY_FRAME = new Map();
const rootContext = { frame: EMPTY_FRAME, asyncId: 1, triggerAsyncId: 0, resource: {} };
let current = rootContext;
let lastAsyncId = rootContext.asyncId;

export const currentContext = () => current;

export const newAsyncId = () => ++lastAsyncId;

const internals = globalThis[Symbol.for("rusk.internals")];

/** Makes `context` current for the rest of the running callback (AsyncLocalStorage#enterWith). */
export function enter(context) {
  current = context;
  // Inside an `await` continuation, the context must not outlive its job.
  internals.awaitDirty();
}

/** A context with `frame` in place of the current one's (same ids and resource). */
export function withFrame(frame) {
  return { frame, asyncId: current.asyncId, triggerAsyncId: current.triggerAsyncId, resource: current.resource };
}

/** A new context for a resource made now: a fresh id, triggered by the current one. */
export function childContext(resource, triggerAsyncId = current.asyncId) {
  return { frame: current.frame, asyncId: newAsyncId(), triggerAsyncId, resource };
}

/** Runs `fn` in `context` (no hooks: the context of the caller is back once it returns). */
export function runIn(context, fn, thisArg, args) {
  const previous = current;
  current = context;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    current = previous;
  }
}

// ---- hooks ----
// Arrays are replaced, never changed, so an emit that is under way keeps the hooks it started
// with when one is enabled or disabled meanwhile (as in Node).

export const hooks = { init: [], before: [], after: [], destroy: [] };

/** Adds `hook`'s callbacks (`{ init, before, after, destroy }`, each optional). */
export function addHook(hook, callbacks) {
  for (const kind of Object.keys(hooks)) if (callbacks[kind] !== undefined) hooks[kind] = [...hooks[kind], [hook, callbacks[kind]]];
}

export function removeHook(hook) {
  for (const kind of Object.keys(hooks)) hooks[kind] = hooks[kind].filter(([owner]) => owner !== hook);
}

export function emitInit(asyncId, type, triggerAsyncId, resource) {
  for (const [hook, init] of hooks.init) Reflect.apply(init, hook, [asyncId, type, triggerAsyncId, resource]);
}

function emit(kind, asyncId) {
  for (const [hook, fn] of hooks[kind]) Reflect.apply(fn, hook, [asyncId]);
}

/** Runs `fn` as the resource of `context`: its before hooks, `fn`, then its after hooks. */
export function runAsResource(context, fn, thisArg, args) {
  const previous = current;
  current = context;
  try {
    if (hooks.before.length !== 0) emit("before", context.asyncId);
    return Reflect.apply(fn, thisArg, args);
  } finally {
    if (hooks.after.length !== 0) emit("after", context.asyncId);
    current = previous;
  }
}

// Destroy hooks run later, in a batch (as Node's do): with the hooks enabled by then.
let pendingDestroys = [];
let startImmediate; // the unwrapped setImmediate, set by install()

function flushDestroys() {
  const ids = pendingDestroys;
  pendingDestroys = [];
  const previous = current;
  current = rootContext;
  try {
    for (const id of ids) emit("destroy", id);
  } finally {
    current = previous;
  }
}

export function queueDestroy(asyncId) {
  if (hooks.destroy.length === 0) return;
  if (pendingDestroys.length === 0) startImmediate(flushDestroys);
  pendingDestroys.push(asyncId);
}

// ---- the wrapped globals ----

/** `wrapper` made to look like `original`: its name, length and own properties (promisify.custom...). */
function disguise(wrapper, original) {
  for (const key of Reflect.ownKeys(original)) {
    if (key !== "prototype") Object.defineProperty(wrapper, key, Object.getOwnPropertyDescriptor(original, key));
  }
  return wrapper;
}

/**
 * A callback for a scheduler: runs `callback` as the resource of `context`, which is destroyed
 * after its first run unless `repeats` (an interval lives until it is cleared).
 */
function resourceCallback(context, callback, repeats, onDone) {
  return function () {
    try {
      return runAsResource(context, callback, this, arguments);
    } finally {
      if (!repeats) {
        onDone?.();
        queueDestroy(context.asyncId);
      }
    }
  };
}

let installed = false;

/** Makes callbacks carry their context from now on (idempotent). */
export function install() {
  if (installed) return;
  installed = true;
  const g = globalThis;

  // `await`: see the top of this file. A capture made before install() is `undefined`.
  const markDirty = internals.awaitDirty;
  internals.setAwaitReset(() => {
    current = rootContext;
  });
  g.__ruskAwaitCapture = () => current;
  g.__ruskAwaitResume = (context, value) => {
    if (context !== undefined && context !== current) {
      current = context;
      markDirty();
    }
    return value;
  };
  const process = g.process;
  startImmediate = g.setImmediate;

  // The wrappers are methods (`{ wrapped() {} }.wrapped`): like the originals, not constructors.
  // The timer a handle stands for, while destroy hooks wait for it (to destroy it when cleared).
  const liveTimers = new WeakMap();
  const timerScheduler = (original, type, repeats) =>
    disguise(
      {
        wrapped(callback, ...rest) {
          if (typeof callback !== "function") return Reflect.apply(original, this, [callback, ...rest]);
          const context = childContext(undefined);
          let handle;
          const forget = () => liveTimers.delete(handle);
          handle = Reflect.apply(original, this, [resourceCallback(context, callback, repeats, forget), ...rest]);
          context.resource = handle;
          if (hooks.init.length !== 0) emitInit(context.asyncId, type, context.triggerAsyncId, handle);
          if (hooks.destroy.length !== 0 && handle !== null && typeof handle === "object") liveTimers.set(handle, context);
          return handle;
        },
      }.wrapped,
      original,
    );
  const timerCanceller = (original) =>
    disguise(
      {
        wrapped(handle) {
          const result = Reflect.apply(original, this, arguments);
          const context = handle !== null && typeof handle === "object" ? liveTimers.get(handle) : undefined;
          if (context !== undefined) {
            liveTimers.delete(handle);
            queueDestroy(context.asyncId);
          }
          return result;
        },
      }.wrapped,
      original,
    );
  // A scheduler whose resource is a plain object made here (Node's TickObject, Microtask).
  const jobScheduler = (original, type) =>
    disguise(
      {
        wrapped(callback, ...rest) {
          if (typeof callback !== "function") return Reflect.apply(original, this, [callback, ...rest]);
          const context = childContext({});
          if (hooks.init.length !== 0) emitInit(context.asyncId, type, context.triggerAsyncId, context.resource);
          return Reflect.apply(original, this, [resourceCallback(context, callback, false), ...rest]);
        },
      }.wrapped,
      original,
    );

  g.setTimeout = timerScheduler(g.setTimeout, "Timeout", false);
  g.setInterval = timerScheduler(g.setInterval, "Timeout", true);
  g.setImmediate = timerScheduler(g.setImmediate, "Immediate", false);
  g.clearTimeout = timerCanceller(g.clearTimeout);
  g.clearInterval = timerCanceller(g.clearInterval);
  g.clearImmediate = timerCanceller(g.clearImmediate);
  g.queueMicrotask = jobScheduler(g.queueMicrotask, "Microtask");
  process.nextTick = jobScheduler(process.nextTick, "TickObject");

  // then() callbacks run in the context then() was called in (catch and finally call then).
  const originalThen = Promise.prototype.then;
  const inContext = (context, reaction) =>
    typeof reaction === "function" ? (value) => runIn(context, reaction, undefined, [value]) : reaction;
  Object.defineProperty(Promise.prototype, "then", {
    ...Object.getOwnPropertyDescriptor(Promise.prototype, "then"),
    value: disguise(
      {
        then(onFulfilled, onRejected) {
          return Reflect.apply(originalThen, this, [inContext(current, onFulfilled), inContext(current, onRejected)]);
        },
      }.then,
      originalThen,
    ),
  });
}
