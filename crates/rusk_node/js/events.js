// node:events — EventEmitter and the helpers around it, as Node's `events` module.
// The default export is the EventEmitter constructor itself with the helpers as statics, as
// `require("events")` is in Node. EventEmitter is a plain function so that old-style code can
// call it on an object (`EventEmitter.call(this)`), and classes can extend it.
//
// Listeners live where Node keeps them, because libraries read them there: `_events` (a
// null-prototype object of event name → listener, or array of listeners when there are
// several), `_eventsCount` and `_maxListeners`.

import {
  AbortError,
  ERR_INVALID_ARG_TYPE,
  nodeError,
  validateAbortSignal,
  validateBoolean,
  validateInteger,
  validateNumber,
  validateString,
} from "rusk:internal/errors";
import {
  eventTargetDefaults,
  eventTargetListeners,
  isEventTarget,
  kMaxEventTargetListeners,
  kMaxEventTargetListenersWarned,
  kResistStopPropagation,
} from "rusk:internal/event_target";

const kCapture = Symbol("kCapture");
const kShapeMode = Symbol("shapeMode");
export const errorMonitor = Symbol("events.errorMonitor");
export const captureRejectionSymbol = Symbol.for("nodejs.rejection");
const kDispose = Symbol.dispose ?? Symbol.for("nodejs.dispose");

function inspectValue(value) {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  try {
    return inspect ? inspect(value) : String(value);
  } catch {
    return value;
  }
}

function nextTick(fn, ...args) {
  const tick = globalThis.process?.nextTick;
  if (typeof tick === "function") tick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

function checkListener(listener) {
  if (typeof listener !== "function") throw ERR_INVALID_ARG_TYPE("listener", "function", listener);
}

// ---------------------------------------------------------------- EventEmitter

export function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

function init(opts) {
  // An object whose prototype chain already carries `_events` (Node's "shape mode") keeps them.
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, "options.captureRejections");
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
EventEmitter.prototype[kCapture] = false;

function maxListenersOf(emitter) {
  return emitter._maxListeners === undefined ? EventEmitter.defaultMaxListeners : emitter._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateNumber(n, "setMaxListeners", 0);
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return maxListenersOf(this);
};

/** The error `emit("error", value)` throws when nobody listens: the value itself if an Error. */
function unhandledError(args) {
  const value = args.length > 0 ? args[0] : undefined;
  if (value instanceof Error) return value;
  const error = nodeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${inspectValue(value)})`);
  error.context = value;
  return error;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  let unhandled = type === "error";
  if (events !== undefined) {
    if (unhandled && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    unhandled = unhandled && events.error === undefined;
  } else if (!unhandled) {
    return false;
  }
  if (unhandled) throw unhandledError(args);

  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === "function") {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null) captureRejection(this, result, type, args);
  } else {
    // A copy: listeners added or removed while emitting apply from the next emit on.
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null) captureRejection(this, result, type, args);
    }
  }
  return true;
};

/** With captureRejections, a listener's rejected promise becomes an 'error' (or the rejection hook). */
function captureRejection(emitter, result, type, args) {
  if (!emitter[kCapture]) return;
  try {
    const then = result.then;
    if (typeof then === "function") {
      then.call(result, undefined, (err) => nextTick(routeRejection, emitter, err, type, args));
    }
  } catch (err) {
    emitter.emit("error", err);
  }
}

function routeRejection(emitter, err, type, args) {
  if (typeof emitter[captureRejectionSymbol] === "function") {
    emitter[captureRejectionSymbol](err, type, ...args);
    return;
  }
  const previous = emitter[kCapture];
  try {
    // An 'error' listener's own rejection must not loop back here.
    emitter[kCapture] = false;
    emitter.emit("error", err);
  } finally {
    emitter[kCapture] = previous;
  }
}

function describeEmitter(emitter) {
  const name = emitter?.constructor?.name;
  return name ? `[${name}]` : "[Object: null prototype]";
}

function warnMaxListeners(emitter, type, count, max) {
  if (typeof globalThis.process?.emitWarning !== "function") return;
  const warning = new Error(
    `Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to ${describeEmitter(emitter)}. ` +
      `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`,
  );
  warning.name = "MaxListenersExceededWarning";
  warning.emitter = emitter;
  warning.type = type;
  warning.count = count;
  globalThis.process.emitWarning(warning);
}

function addListener(emitter, type, listener, prepend) {
  checkListener(listener);
  let events = emitter._events;
  let existing;
  if (events === undefined) {
    events = emitter._events = { __proto__: null };
    emitter._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      emitter.emit("newListener", type, listener.listener ?? listener);
      // A 'newListener' listener may have replaced `_events`.
      events = emitter._events;
    }
    existing = events[type];
  }

  if (existing === undefined) {
    events[type] = listener;
    ++emitter._eventsCount;
    return emitter;
  }
  if (typeof existing === "function") {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }
  const max = maxListenersOf(emitter);
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true;
    warnMaxListeners(emitter, type, existing.length, max);
  }
  return emitter;
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

/** The wrapper `once` registers: it removes itself, then calls `listener`; `.listener` names it. */
function onceWrapper(emitter, type, listener) {
  let fired = false;
  const wrapper = function onceWrapper(...args) {
    if (fired) return undefined;
    emitter.removeListener(type, wrapper);
    fired = true;
    return listener.apply(emitter, args);
  };
  wrapper.listener = listener;
  // Node's wrapper is a bound function.
  Object.defineProperty(wrapper, "name", { value: "bound onceWrapper" });
  return wrapper;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrapper(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrapper(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      this._events = { __proto__: null };
    } else {
      delete events[type];
      if (events.removeListener) this.emit("removeListener", type, list.listener || listener);
    }
  } else if (typeof list !== "function") {
    // The most recently added match goes first.
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit("removeListener", type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  const all = arguments.length === 0;

  // Nobody listens for removals: drop the listeners without telling.
  if (events.removeListener === undefined) {
    if (all) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }

  if (all) {
    // 'removeListener' listeners go last, so that they hear every other removal.
    for (const key of Reflect.ownKeys(events)) {
      if (key !== "removeListener") this.removeAllListeners(key);
    }
    this.removeAllListeners("removeListener");
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }

  const listeners = events[type];
  if (typeof listeners === "function") {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(emitter, type, unwrap) {
  const events = emitter._events;
  if (events === undefined) return [];
  const list = events[type];
  if (list === undefined) return [];
  if (typeof list === "function") return unwrap ? [list.listener || list] : [list];
  return unwrap ? list.map((l) => l.listener || l) : list.slice();
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const list = events[type];
  if (list === undefined) return 0;
  const matches = (l) => l === listener || l.listener === listener;
  if (typeof list === "function") return listener != null ? Number(matches(list)) : 1;
  if (listener == null) return list.length;
  return list.filter(matches).length;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// ---------------------------------------------------------------- EventEmitter or EventTarget

/** Adds `listener` to an EventEmitter (on/once) or an EventTarget (addEventListener). */
function addAgnosticListener(emitter, name, listener, flags) {
  if (typeof emitter.on === "function") {
    if (flags?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === "function") {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw ERR_INVALID_ARG_TYPE("emitter", "EventEmitter", emitter);
  }
}

function removeAgnosticListener(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === "function") {
    emitter.removeListener(name, listener);
  } else if (typeof emitter.removeEventListener === "function") {
    emitter.removeEventListener(name, listener, flags);
  } else {
    throw ERR_INVALID_ARG_TYPE("emitter", "EventEmitter", emitter);
  }
}

const onceFlags = { __proto__: null, once: true, [kResistStopPropagation]: true };

/** A promise of the arguments of the next `name` event; it rejects on 'error' and on abort. */
export async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, onEvent);
      if (signal != null) removeAgnosticListener(signal, "abort", onAbort);
      reject(err);
    };
    const onEvent = (...args) => {
      if (typeof emitter.removeListener === "function") emitter.removeListener("error", onError);
      if (signal != null) removeAgnosticListener(signal, "abort", onAbort);
      resolve(args);
    };
    const onAbort = () => {
      removeAgnosticListener(emitter, name, onEvent);
      removeAgnosticListener(emitter, "error", onError);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    addAgnosticListener(emitter, name, onEvent, onceFlags);
    if (name !== "error" && typeof emitter.once === "function") emitter.once("error", onError);
    if (signal != null) addAgnosticListener(signal, "abort", onAbort, onceFlags);
  });
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

/** A FIFO whose shift() does not move the remaining items (Array#shift does). */
class Queue {
  #items = [];
  #head = 0;

  get length() {
    return this.#items.length - this.#head;
  }

  push(item) {
    this.#items.push(item);
  }

  shift() {
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Removes and returns every item. */
  drain() {
    const items = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return items;
  }
}

/**
 * An async iterator of the `event` events of `emitter` (each value the array of its
 * arguments). It throws the first 'error', ends on a `close` event or `return()`, rejects on
 * abort, and pauses/resumes the emitter around `highWaterMark`/`lowWaterMark` buffered events.
 */
export function on(emitter, event, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  const highWaterMark = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWaterMark, "options.highWaterMark", 1);
  const lowWaterMark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(lowWaterMark, "options.lowWaterMark", 1);

  const buffered = new Queue(); // event argument arrays nobody asked for yet
  const waiting = new Queue(); // {resolve, reject} of next() calls waiting for an event
  const registered = []; // [emitter, name, listener] to remove when done
  let abortDisposable = null;
  let pendingError = null;
  let finished = false;
  let paused = false;

  const listen = (target, name, listener) => {
    addAgnosticListener(target, name, listener);
    registered.push([target, name, listener]);
  };
  const done = () => ({ value: undefined, done: true });

  function onEvent(...args) {
    if (waiting.length > 0) {
      waiting.shift().resolve({ value: args, done: false });
      return;
    }
    buffered.push(args);
    if (!paused && buffered.length > highWaterMark) {
      paused = true;
      emitter.pause();
    }
  }
  function onError(err) {
    if (waiting.length > 0) waiting.shift().reject(err);
    else pendingError = err;
    finish();
  }
  function finish() {
    abortDisposable?.[kDispose]();
    for (const [target, name, listener] of registered.splice(0)) removeAgnosticListener(target, name, listener);
    finished = true;
    for (const waiter of waiting.drain()) waiter.resolve(done());
    return Promise.resolve(done());
  }

  const iterator = Object.setPrototypeOf(
    {
      next() {
        if (buffered.length > 0) {
          const value = buffered.shift();
          if (paused && buffered.length < lowWaterMark) {
            emitter.resume();
            paused = false;
          }
          return Promise.resolve({ value, done: false });
        }
        // The error ends the iteration: it is thrown once, then next() reports done.
        if (pendingError) {
          const rejected = Promise.reject(pendingError);
          pendingError = null;
          return rejected;
        }
        if (finished) return finish();
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        return finish();
      },
      throw(err) {
        if (!err || !(err instanceof Error)) throw ERR_INVALID_ARG_TYPE("EventEmitter.AsyncIterator", "Error", err);
        onError(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    },
    AsyncIteratorPrototype,
  );

  listen(emitter, event, onEvent);
  if (event !== "error" && typeof emitter.on === "function") listen(emitter, "error", onError);
  for (const name of options?.close ?? []) listen(emitter, name, finish);
  if (signal) abortDisposable = addAbortListener(signal, () => onError(new AbortError(undefined, { cause: signal.reason })));
  return iterator;
}

/** The listeners of an EventEmitter or EventTarget for `type`. */
export function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === "function") return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget)) return eventTargetListeners(emitterOrTarget, type);
  throw ERR_INVALID_ARG_TYPE("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
}

/** The listener limit of an EventEmitter or EventTarget. */
export function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget.getMaxListeners === "function") return maxListenersOf(emitterOrTarget);
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners];
  throw ERR_INVALID_ARG_TYPE("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
}

/** Sets the listener limit of the given emitters and targets, or the default without any. */
export function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...eventTargets) {
  validateNumber(n, "setMaxListeners", 0);
  if (eventTargets.length === 0) {
    EventEmitter.defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target?.setMaxListeners === "function") {
      target.setMaxListeners(n);
    } else {
      throw ERR_INVALID_ARG_TYPE("eventTargets", ["EventEmitter", "EventTarget"], target);
    }
  }
}

/** Deprecated `EventEmitter.listenerCount(emitter, type)`. */
function staticListenerCount(emitter, type) {
  if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
}

/**
 * Calls `listener` once `signal` aborts (in a microtask if it already has), even when another
 * abort listener stops propagation. Returns a Disposable that removes it.
 */
export function addAbortListener(signal, listener) {
  if (signal === undefined) throw ERR_INVALID_ARG_TYPE("signal", "AbortSignal", signal);
  validateAbortSignal(signal, "signal");
  if (typeof listener !== "function") throw ERR_INVALID_ARG_TYPE("listener", "function", listener);
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener("abort", listener, { __proto__: null, once: true, [kResistStopPropagation]: true });
    remove = () => signal.removeEventListener("abort", listener);
  }
  return {
    __proto__: null,
    [kDispose]() {
      remove?.();
    },
  };
}

// ---------------------------------------------------------------- EventEmitterAsyncResource

const ERR_INVALID_THIS = (type) => nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);

// node:async_hooks loads with the first EventEmitterAsyncResource: plain emitters never need it.
let ReferencingAsyncResource = null;

function referencingAsyncResourceClass() {
  if (ReferencingAsyncResource === null) {
    const { AsyncResource } = globalThis[Symbol.for("rusk.internals")].requireBuiltin("async_hooks");
    ReferencingAsyncResource = class EventEmitterReferencingAsyncResource extends AsyncResource {
      #eventEmitter;
      constructor(eventEmitter, type, options) {
        super(type, options);
        this.#eventEmitter = eventEmitter;
      }
      get eventEmitter() {
        if (typeof this !== "object" || this === null || !(#eventEmitter in this)) throw ERR_INVALID_THIS("EventEmitterReferencingAsyncResource");
        return this.#eventEmitter;
      }
    };
  }
  return ReferencingAsyncResource;
}

/**
 * An EventEmitter tied to an AsyncResource: listeners run in the async context the emitter was
 * made in (its async id, and the AsyncLocalStorage stores of that moment), whoever emits.
 * `options` (or a string, the name): `name` (the resource type; a subclass defaults to its own
 * name), `triggerAsyncId`, `requireManualDestroy`, `captureRejections`.
 */
export class EventEmitterAsyncResource extends EventEmitter {
  #asyncResource;
  constructor(options = undefined) {
    let name;
    if (typeof options === "string") {
      name = options;
      options = undefined;
    } else {
      if (new.target === EventEmitterAsyncResource) validateString(options?.name, "options.name");
      name = options?.name || new.target.name;
    }
    super(options);
    this.#asyncResource = new (referencingAsyncResourceClass())(this, name, options);
  }

  static #resourceOf(emitter) {
    if (typeof emitter !== "object" || emitter === null || !(#asyncResource in emitter)) throw ERR_INVALID_THIS("EventEmitterAsyncResource");
    return emitter.#asyncResource;
  }

  emit(event, ...args) {
    return EventEmitterAsyncResource.#resourceOf(this).runInAsyncScope(super.emit, this, event, ...args);
  }

  emitDestroy() {
    EventEmitterAsyncResource.#resourceOf(this).emitDestroy();
  }

  get asyncId() {
    return EventEmitterAsyncResource.#resourceOf(this).asyncId();
  }

  get triggerAsyncId() {
    return EventEmitterAsyncResource.#resourceOf(this).triggerAsyncId();
  }

  get asyncResource() {
    return EventEmitterAsyncResource.#resourceOf(this);
  }
}

const value = (v) => ({ value: v, writable: true, enumerable: true, configurable: true });
const constant = (v) => ({ value: v, writable: false, enumerable: false, configurable: false });

// The statics in Node's order.
Object.defineProperties(EventEmitter, {
  addAbortListener: value(addAbortListener),
  once: value(once),
  on: value(on),
  getEventListeners: value(getEventListeners),
  getMaxListeners: value(getMaxListeners),
  EventEmitter: value(EventEmitter),
  usingDomains: value(false),
  captureRejectionSymbol: value(captureRejectionSymbol),
  captureRejections: {
    get() {
      return EventEmitter.prototype[kCapture];
    },
    set(v) {
      validateBoolean(v, "EventEmitter.captureRejections");
      EventEmitter.prototype[kCapture] = v;
    },
    enumerable: true,
    configurable: false,
  },
  EventEmitterAsyncResource: value(EventEmitterAsyncResource),
  errorMonitor: value(errorMonitor),
  // Shared with EventTarget, whose instances start with this limit.
  defaultMaxListeners: {
    get() {
      return eventTargetDefaults.maxListeners;
    },
    set(v) {
      validateNumber(v, "defaultMaxListeners", 0);
      eventTargetDefaults.maxListeners = v;
    },
    enumerable: true,
    configurable: false,
  },
  kMaxEventTargetListeners: constant(kMaxEventTargetListeners),
  kMaxEventTargetListenersWarned: constant(kMaxEventTargetListenersWarned),
  setMaxListeners: value(setMaxListeners),
  init: value(init),
  listenerCount: value(staticListenerCount),
});

export const usingDomains = false;
export const captureRejections = false;
export const defaultMaxListeners = EventEmitter.defaultMaxListeners;
export { init, staticListenerCount as listenerCount };

export default EventEmitter;
