// rusk:internal/event_target — EventTarget, Event, CustomEvent, AbortController and AbortSignal
// with the WHATWG semantics as Node 20 implements them. Events have no propagation path here
// (there is no DOM tree): a dispatched event is always AT_TARGET and capture only tells two
// registrations of the same listener apart. Like Node, a listener that throws does not stop the
// dispatch: its error is rethrown on the next tick as an uncaught exception.
//
// Where Node 20 has bugs, this follows WHATWG instead: `currentTarget`, `eventPhase` and
// `composedPath()` stay set for every listener of a dispatch (Node 20 clears them after the
// first, which also lets a later listener re-dispatch the event), `removeEventListener(t, l,
// true)` removes the capture registration (Node 20 ignores a boolean there), and `null` options
// are `{}` for duplicate detection (Node 20 adds the listener twice).
//
// Also exported for node:events: the symbols it shares with EventTarget and helpers to read a
// target's listeners.

import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, validateAbortSignal, validateUint32 } from "rusk:internal/errors";

export const kResistStopPropagation = Symbol("kResistStopPropagation");
export const kMaxEventTargetListeners = Symbol("events.maxEventTargetListeners");
export const kMaxEventTargetListenersWarned = Symbol("events.maxEventTargetListenersWarned");
/** Node's defaultMaxListeners: node:events changes it, new EventTargets start with it. */
export const eventTargetDefaults = { maxListeners: 10 };

const kTrusted = Symbol("kTrusted");
const kListenerCountChanged = Symbol("kListenerCountChanged");
const kCreateSignal = Symbol("kCreateSignal");
const customInspect = Symbol.for("nodejs.util.inspect.custom");

function invalidThis(type) {
  return nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
}

function missingArgs(...names) {
  const list = names.map((n) => `"${n}"`);
  const what = list.length === 1 ? `The ${list[0]} argument` : `The ${list.join(" and ")} arguments`;
  return nodeError(TypeError, "ERR_MISSING_ARGS", `${what} must be specified`);
}

/** WebIDL DOMString conversion as Node words its failure (symbols cannot become strings). */
function toDOMString(value) {
  if (typeof value === "symbol") throw ERR_INVALID_ARG_VALUE("value", value);
  return `${value}`;
}

/** Rethrows `error` on the next tick, where it is reported as an uncaught exception. */
function reportUncaught(error) {
  const tick = globalThis.process?.nextTick;
  const rethrow = () => {
    throw error;
  };
  if (typeof tick === "function") tick(rethrow);
  else setTimeout(rethrow, 0);
}

function now() {
  return globalThis.performance?.now() ?? Date.now();
}

/** `Name { ...fields }` as Node's inspect shows these objects, or just the name below depth 0. */
function inspectWith(self, fields, depth, options, inspect, shortForm) {
  const name = self.constructor.name;
  if (depth < 0) return shortForm;
  const nested = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
  return `${name} ${inspect(fields, nested)}`;
}

// ---------------------------------------------------------------- Event

let eventInternals;

function checkEvent(value) {
  if (!eventInternals.isEvent(value)) throw invalidThis("Event");
}

// Event's boolean state, packed in one field (private fields are not free in QuickJS).
const BUBBLES = 1;
const CANCELABLE = 2;
const COMPOSED = 4;
const TRUSTED = 8;
const DEFAULT_PREVENTED = 16;
const PROPAGATION_STOPPED = 32;
const IMMEDIATE_STOPPED = 64;
const DISPATCHING = 128;

export class Event {
  #type;
  #flags;
  #timeStamp = now();
  #target = null;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs("type");
    if (options !== null && options !== undefined && typeof options !== "object" && typeof options !== "function") {
      throw ERR_INVALID_ARG_TYPE("options", "object", options);
    }
    this.#type = `${type}`;
    this.#flags =
      (options?.bubbles ? BUBBLES : 0) |
      (options?.cancelable ? CANCELABLE : 0) |
      (options?.composed ? COMPOSED : 0) |
      (options?.[kTrusted] === true ? TRUSTED : 0);
  }

  static {
    eventInternals = {
      isEvent: (value) => value !== null && typeof value === "object" && #type in value,
      dispatching: (event) => (event.#flags & DISPATCHING) !== 0,
      immediateStopped: (event) => (event.#flags & IMMEDIATE_STOPPED) !== 0,
      begin(event, target) {
        event.#target = target;
        event.#flags |= DISPATCHING;
      },
      end(event) {
        event.#flags &= ~DISPATCHING;
      },
    };
  }

  initEvent(type, bubbles = false, cancelable = false) {
    if (arguments.length === 0) throw missingArgs("type");
    checkEvent(this);
    if ((this.#flags & DISPATCHING) !== 0) return;
    this.#type = `${type}`;
    this.#flags = (this.#flags & ~(BUBBLES | CANCELABLE)) | (bubbles ? BUBBLES : 0) | (cancelable ? CANCELABLE : 0);
  }

  stopImmediatePropagation() {
    checkEvent(this);
    this.#flags |= PROPAGATION_STOPPED | IMMEDIATE_STOPPED;
  }

  // Node 20 lets passive listeners cancel too; only `cancelable` decides.
  preventDefault() {
    checkEvent(this);
    if ((this.#flags & CANCELABLE) !== 0) this.#flags |= DEFAULT_PREVENTED;
  }

  get target() {
    checkEvent(this);
    return this.#target;
  }

  // The target while it is being dispatched (there is no propagation path).
  get currentTarget() {
    checkEvent(this);
    return (this.#flags & DISPATCHING) !== 0 ? this.#target : null;
  }

  get srcElement() {
    checkEvent(this);
    return this.#target;
  }

  get type() {
    checkEvent(this);
    return this.#type;
  }

  get cancelable() {
    checkEvent(this);
    return (this.#flags & CANCELABLE) !== 0;
  }

  get defaultPrevented() {
    checkEvent(this);
    return (this.#flags & CANCELABLE) !== 0 && (this.#flags & DEFAULT_PREVENTED) !== 0;
  }

  get timeStamp() {
    checkEvent(this);
    return this.#timeStamp;
  }

  composedPath() {
    checkEvent(this);
    return (this.#flags & DISPATCHING) !== 0 ? [this.#target] : [];
  }

  // Read-only in Node 20 (no setter).
  get returnValue() {
    checkEvent(this);
    return !this.defaultPrevented;
  }

  get bubbles() {
    checkEvent(this);
    return (this.#flags & BUBBLES) !== 0;
  }

  get composed() {
    checkEvent(this);
    return (this.#flags & COMPOSED) !== 0;
  }

  get eventPhase() {
    checkEvent(this);
    return (this.#flags & DISPATCHING) !== 0 ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    checkEvent(this);
    return (this.#flags & PROPAGATION_STOPPED) !== 0;
  }

  set cancelBubble(value) {
    checkEvent(this);
    if (value) this.#flags |= PROPAGATION_STOPPED;
  }

  stopPropagation() {
    checkEvent(this);
    this.#flags |= PROPAGATION_STOPPED;
  }

  get isTrusted() {
    checkEvent(this);
    return (this.#flags & TRUSTED) !== 0;
  }

  [customInspect](depth, options, inspect) {
    checkEvent(this);
    const fields = { type: this.#type, defaultPrevented: (this.#flags & DEFAULT_PREVENTED) !== 0, cancelable: (this.#flags & CANCELABLE) !== 0, timeStamp: this.#timeStamp };
    return inspectWith(this, fields, depth, options, inspect, this.constructor.name);
  }
}

const PHASES = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
for (const [name, value] of Object.entries(PHASES)) {
  Object.defineProperty(Event, name, { value, writable: false, enumerable: true, configurable: false });
}

/** Makes `names` of `proto` enumerable, as WebIDL attributes and operations are. */
function enumerable(proto, names, tag) {
  for (const name of names) Object.defineProperty(proto, name, { enumerable: true });
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}

enumerable(
  Event.prototype,
  ["initEvent", "stopImmediatePropagation", "preventDefault", "target", "currentTarget", "srcElement", "type", "cancelable", "defaultPrevented", "timeStamp", "composedPath", "returnValue", "bubbles", "composed", "eventPhase", "cancelBubble", "stopPropagation"],
  "Event",
);
// [LegacyUnforgeable]: isTrusted cannot be redefined.
Object.defineProperty(Event.prototype, "isTrusted", { enumerable: true, configurable: false });

export class CustomEvent extends Event {
  #detail;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs("type");
    super(type, options);
    this.#detail = options?.detail ?? null;
  }

  get detail() {
    if (!(this !== null && typeof this === "object" && #detail in this)) throw invalidThis("CustomEvent");
    return this.#detail;
  }
}
enumerable(CustomEvent.prototype, ["detail"], "CustomEvent");

// ---------------------------------------------------------------- EventTarget

/** A registered listener: a node of its type's doubly-linked list. */
class Listener {
  constructor(callback, flags) {
    this.callback = callback; // a function or an object with handleEvent
    this.capture = flags.capture;
    this.once = flags.once;
    this.resistStopPropagation = flags.resistStopPropagation;
    this.removed = false;
    this.previous = null;
    this.next = null;
  }
}

/** The listeners of one type: a list whose nodes keep `next` once removed, for dispatch. */
class ListenerList {
  constructor() {
    this.first = null;
    this.last = null;
    this.size = 0;
  }

  find(callback, capture) {
    for (let l = this.first; l !== null; l = l.next) {
      if (l.callback === callback && l.capture === capture) return l;
    }
    return null;
  }

  append(listener) {
    listener.previous = this.last;
    if (this.last === null) this.first = listener;
    else this.last.next = listener;
    this.last = listener;
    this.size++;
  }

  // `listener.next` stays, so that a dispatch standing on it goes on to the rest.
  remove(listener) {
    if (listener.previous === null) this.first = listener.next;
    else listener.previous.next = listener.next;
    if (listener.next === null) this.last = listener.previous;
    else listener.next.previous = listener.previous;
    listener.removed = true;
    this.size--;
  }
}

/**
 * The options of addEventListener that matter. `passive` is accepted and has no effect: in
 * Node 20 a passive listener can still cancel the event.
 */
function listenerFlags(options) {
  if (typeof options === "boolean") return { capture: options, once: false, signal: undefined, resistStopPropagation: false };
  if (options === null || options === undefined) return { capture: false, once: false, signal: undefined, resistStopPropagation: false };
  if (typeof options !== "object" && typeof options !== "function") throw ERR_INVALID_ARG_TYPE("options", "object", options);
  return {
    capture: Boolean(options.capture),
    once: Boolean(options.once),
    signal: options.signal,
    resistStopPropagation: Boolean(options[kResistStopPropagation]),
  };
}

/** Whether `listener` is one (a function or an object); null and undefined are ignored. */
function isListener(listener) {
  if (typeof listener === "function" || (listener !== null && typeof listener === "object")) return true;
  if (listener === null || listener === undefined) return false;
  throw ERR_INVALID_ARG_TYPE("listener", "EventListener", listener);
}

function warnIgnoredListener(listener) {
  const warning = new Error(`addEventListener called with ${listener} which has no effect.`);
  warning.name = "AddEventListenerArgumentTypeWarning";
  globalThis.process?.emitWarning?.(warning);
}

function describeTarget(target) {
  return target instanceof AbortSignal ? "[AbortSignal]" : target.constructor.name;
}

function warnMaxListeners(target, type, size) {
  const max = target[kMaxEventTargetListeners];
  if (!(max > 0) || size <= max || target[kMaxEventTargetListenersWarned]) return;
  target[kMaxEventTargetListenersWarned] = true;
  if (typeof globalThis.process?.emitWarning !== "function") return;
  const warning = new Error(
    `Possible EventTarget memory leak detected. ${size} ${type} listeners added to ${describeTarget(target)}. ` +
      `MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`,
  );
  warning.name = "MaxListenersExceededWarning";
  warning.target = target;
  warning.type = type;
  warning.count = size;
  globalThis.process.emitWarning(warning);
}

/** Calls one listener; what it throws or rejects with is reported, not propagated. */
function invoke(listener, target, event) {
  const callback = listener.callback;
  let result;
  try {
    if (typeof callback === "function") {
      result = callback.call(target, event);
    } else {
      const handleEvent = callback.handleEvent;
      if (!handleEvent) return;
      try {
        result = Reflect.apply(handleEvent, callback, [event]);
      } catch (error) {
        // Node calls handleEvent through an async function: its errors come a microtask later.
        queueMicrotask(() => reportUncaught(error));
        return;
      }
    }
  } catch (error) {
    reportUncaught(error);
    return;
  }
  if (result !== undefined && result !== null && typeof result.then === "function") {
    result.then(undefined, reportUncaught);
  }
}

let targetInternals;

export class EventTarget {
  #lists = new Map(); // type → ListenerList
  #handlers = null; // type → the wrapper behind an `on<type>` attribute

  constructor() {
    this[kMaxEventTargetListeners] = eventTargetDefaults.maxListeners;
    this[kMaxEventTargetListenersWarned] = false;
  }

  static {
    targetInternals = {
      isEventTarget: (value) => value !== null && typeof value === "object" && #lists in value,
      listeners(target, type) {
        const out = [];
        for (let l = target.#lists.get(type)?.first ?? null; l !== null; l = l.next) out.push(l.callback);
        return out;
      },
      getHandler: (target, type) => target.#handlers?.get(type),
      setHandler(target, type, wrapper) {
        target.#handlers ??= new Map();
        target.#handlers.set(type, wrapper);
      },
    };
  }

  /** Subclasses hear when the number of `type` listeners changes (AbortSignal.any uses it). */
  [kListenerCountChanged](type, size) {}

  addEventListener(type, listener, options = undefined) {
    if (!targetInternals.isEventTarget(this)) throw invalidThis("EventTarget");
    if (arguments.length < 2) throw missingArgs("type", "listener");
    const flags = listenerFlags(options);
    validateAbortSignal(flags.signal, "options.signal");
    if (!isListener(listener)) {
      warnIgnoredListener(listener);
      return;
    }
    type = toDOMString(type);
    if (flags.signal?.aborted) return;

    let list = this.#lists.get(type);
    if (list === undefined) this.#lists.set(type, (list = new ListenerList()));
    if (list.find(listener, flags.capture) === null) {
      list.append(new Listener(listener, flags));
      warnMaxListeners(this, type, list.size);
      this[kListenerCountChanged](type, list.size);
    }
    // As WHATWG says, the abort removes whatever listener matches then, even a duplicate's
    // original or one added again after a removal. The signal holds the target weakly.
    if (flags.signal) {
      const targetRef = new WeakRef(this);
      const onAbort = () => targetRef.deref()?.removeEventListener(type, listener, options);
      flags.signal.addEventListener("abort", onAbort, { __proto__: null, once: true, [kResistStopPropagation]: true });
    }
  }

  removeEventListener(type, listener, options = undefined) {
    if (!targetInternals.isEventTarget(this)) throw invalidThis("EventTarget");
    if (arguments.length < 2) throw missingArgs("type", "listener");
    if (!isListener(listener)) return;
    type = toDOMString(type);
    const capture = typeof options === "boolean" ? options : Boolean(options?.capture);
    const list = this.#lists.get(type);
    const record = list?.find(listener, capture);
    if (!record) return;
    this.#unlink(type, list, record);
  }

  #unlink(type, list, record) {
    list.remove(record);
    this[kListenerCountChanged](type, list.size);
  }

  dispatchEvent(event) {
    if (!targetInternals.isEventTarget(this)) throw invalidThis("EventTarget");
    if (arguments.length < 1) throw missingArgs("event");
    if (!eventInternals.isEvent(event)) throw ERR_INVALID_ARG_TYPE("event", "Event", event);
    if (eventInternals.dispatching(event)) {
      throw nodeError(Error, "ERR_EVENT_RECURSION", `The event "${event.type}" is already being dispatched`);
    }
    eventInternals.begin(event, this);
    try {
      const type = event.type;
      const list = this.#lists.get(type);
      // As in Node, `next` is read before each call: a listener added during the dispatch
      // runs in it when it lands after the current one.
      for (let listener = list?.first ?? null; listener !== null; ) {
        const next = listener.next;
        const skip = listener.removed || (eventInternals.immediateStopped(event) && !listener.resistStopPropagation);
        if (!skip) {
          if (listener.once) this.#unlink(type, list, listener);
          invoke(listener, this, event);
        }
        listener = next;
      }
    } finally {
      eventInternals.end(event);
    }
    return !event.defaultPrevented;
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, {}, depth, options, inspect, this.constructor.name);
  }
}
enumerable(EventTarget.prototype, ["addEventListener", "removeEventListener", "dispatchEvent"], "EventTarget");

export function isEventTarget(value) {
  return targetInternals.isEventTarget(value);
}

/** The listeners (functions or handleEvent objects) of `target` for `type`, in order. */
export function eventTargetListeners(target, type) {
  return targetInternals.listeners(target, type);
}

/**
 * Defines the `on<type>` attribute on `proto`: setting it registers one listener the first
 * time, which then calls whatever the attribute holds, so it keeps its place among listeners.
 */
function defineEventHandler(proto, type) {
  Object.defineProperty(proto, `on${type}`, {
    get() {
      return targetInternals.getHandler(this, type)?.handler ?? null;
    },
    set(value) {
      let wrapper = targetInternals.getHandler(this, type);
      if (wrapper === undefined) {
        wrapper = function eventHandler(...args) {
          if (typeof wrapper.handler === "function") return Reflect.apply(wrapper.handler, this, args);
          return undefined;
        };
        targetInternals.setHandler(this, type, wrapper);
        this.addEventListener(type, wrapper);
      }
      wrapper.handler = value;
    },
    enumerable: true,
    configurable: true,
  });
}

// ---------------------------------------------------------------- AbortSignal

let signalInternals;

function checkSignal(value) {
  if (!signalInternals.isSignal(value)) throw invalidThis("AbortSignal");
}

function defaultAbortReason() {
  return new globalThis.DOMException("This operation was aborted", "AbortError");
}

export class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #dependents = null; // WeakRefs to the signals AbortSignal.any made from this one
  #sources = null; // for a signal made by AbortSignal.any: its non-composite sources

  constructor(key = undefined) {
    if (key !== kCreateSignal) throw nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    super();
  }

  static {
    signalInternals = {
      isSignal: (value) => value !== null && typeof value === "object" && #aborted in value,
      abort: (signal, reason) => signal.#abort(reason),
    };
  }

  get aborted() {
    checkSignal(this);
    return this.#aborted;
  }

  get reason() {
    checkSignal(this);
    return this.#reason;
  }

  throwIfAborted() {
    checkSignal(this);
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = defaultAbortReason()) {
    const signal = new AbortSignal(kCreateSignal);
    signal.#aborted = true;
    signal.#reason = reason;
    return signal;
  }

  static timeout(delay) {
    validateUint32(delay, "delay", false);
    const signal = new AbortSignal(kCreateSignal);
    const timer = setTimeout(() => {
      signal.#abort(new globalThis.DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }, delay);
    // A pending timeout must not keep the program alive.
    timer?.unref?.();
    return signal;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw ERR_INVALID_ARG_TYPE("signals", "Array", signals);
    signals.forEach((signal, i) => {
      if (!signalInternals.isSignal(signal)) throw ERR_INVALID_ARG_TYPE(`signals[${i}]`, "AbortSignal", signal);
    });
    const result = new AbortSignal(kCreateSignal);
    result.#follow(signals);
    return result;
  }

  /** Makes this signal abort with the first of `signals` to abort. */
  #follow(signals) {
    this.#sources = new Set();
    const self = new WeakRef(this);
    for (const signal of signals) {
      if (signal.#aborted) {
        this.#abort(signal.#reason);
        return;
      }
      // A composite source stands for its own sources.
      const roots = signal.#sources === null ? [signal] : [...signal.#sources];
      for (const root of roots) {
        this.#sources.add(root);
        (root.#dependents ??= new Set()).add(self);
      }
    }
  }

  #abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    retainedSignals.delete(this);
    this.dispatchEvent(new Event("abort", { [kTrusted]: true }));
    for (const ref of this.#dependents ?? []) ref.deref()?.#abort(reason);
    this.#dependents = null;
  }

  // A signal made by AbortSignal.any is reachable from its sources only weakly; while it has
  // abort listeners it must stay alive to call them.
  [kListenerCountChanged](type, size) {
    if (type !== "abort" || this.#sources === null || this.#aborted) return;
    if (size > 0) retainedSignals.add(this);
    else retainedSignals.delete(this);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { aborted: this.#aborted }, depth, options, inspect, this);
  }
}

const retainedSignals = new Set();

defineEventHandler(AbortSignal.prototype, "abort");
enumerable(AbortSignal.prototype, ["aborted"], "AbortSignal");

// ---------------------------------------------------------------- AbortController

export class AbortController {
  #signal = new AbortSignal(kCreateSignal);

  get signal() {
    return this.#signal;
  }

  abort(reason = defaultAbortReason()) {
    signalInternals.abort(this.#signal, reason);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { signal: this.#signal }, depth, options, inspect, this);
  }
}
enumerable(AbortController.prototype, ["signal", "abort"], "AbortController");

export default { EventTarget, Event, CustomEvent, AbortController, AbortSignal };
