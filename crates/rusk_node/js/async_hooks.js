// node:async_hooks — AsyncLocalStorage, AsyncResource, the async ids and createHook, on the
// context of rusk:internal/async_context.
//
// rusk sees the resources it schedules itself, not the engine's: hooks fire (init, before,
// after, destroy) for AsyncResource instances and for the callbacks of setTimeout/setInterval
// ("Timeout"), setImmediate ("Immediate"), process.nextTick ("TickObject") and queueMicrotask
// ("Microtask"); never for promises ("PROMISE"), and `promiseResolve` is never called.

import { nodeError, validateFunction, validateString } from "rusk:internal/errors";
import { format } from "rusk:internal/inspect";
import {
  addHook,
  childContext,
  currentContext,
  emitInit,
  enter,
  hooks,
  install,
  queueDestroy,
  removeHook,
  runAsResource,
  runIn,
  withFrame,
} from "rusk:internal/async_context";

const ERR_INVALID_ASYNC_ID = (name, value) => nodeError(RangeError, "ERR_INVALID_ASYNC_ID", format("Invalid %s value: %s", name, value));

const executionAsyncId = () => currentContext().asyncId;
const triggerAsyncId = () => currentContext().triggerAsyncId;
const executionAsyncResource = () => currentContext().resource;

let warnedAsyncResourceProperty = false;

// A resource that nobody destroyed by hand is destroyed when it is collected.
const destroyOnCollect = new FinalizationRegistry(({ asyncId, state }) => {
  if (!state.destroyed) queueDestroy(asyncId);
});

class AsyncResource {
  #context;
  #destroyState; // { destroyed }, while a collection would destroy it

  constructor(type, options = {}) {
    install();
    validateString(type, "type");
    let trigger = options;
    let requireManualDestroy = false;
    if (typeof options !== "number") {
      trigger = options.triggerAsyncId === undefined ? executionAsyncId() : options.triggerAsyncId;
      requireManualDestroy = Boolean(options.requireManualDestroy);
    }
    if (!Number.isSafeInteger(trigger) || trigger < -1) throw ERR_INVALID_ASYNC_ID("triggerAsyncId", trigger);
    this.#context = childContext(this, trigger);
    if (hooks.init.length !== 0) {
      if (type.length === 0) throw nodeError(TypeError, "ERR_ASYNC_TYPE", `Invalid name for async "type": ${type}`);
      emitInit(this.#context.asyncId, type, trigger, this);
    }
    if (!requireManualDestroy && hooks.destroy.length !== 0) {
      this.#destroyState = { destroyed: false };
      destroyOnCollect.register(this, { asyncId: this.#context.asyncId, state: this.#destroyState });
    }
  }

  /** Calls `fn` with `thisArg` and `args` in this resource's context (and its before/after hooks). */
  runInAsyncScope(fn, thisArg, ...args) {
    return runAsResource(this.#context, fn, thisArg, args);
  }

  /** Runs the destroy hooks for this resource (later, with Node's other destroys). */
  emitDestroy() {
    if (this.#destroyState !== undefined) this.#destroyState.destroyed = true;
    queueDestroy(this.#context.asyncId);
    return this;
  }

  asyncId() {
    return this.#context.asyncId;
  }

  triggerAsyncId() {
    return this.#context.triggerAsyncId;
  }

  /** `fn` made to run in this resource's context; `this` is `thisArg` when given, else the caller's. */
  bind(fn, thisArg) {
    validateFunction(fn, "fn");
    let resource = this;
    const bound =
      thisArg === undefined
        ? function bound(...args) {
            return resource.runInAsyncScope(fn, this, ...args);
          }
        : function bound(...args) {
            return resource.runInAsyncScope(fn, thisArg, ...args);
          };
    Object.defineProperties(bound, {
      // Node's names for the two forms.
      name: { value: thisArg === undefined ? "bound" : "bound runInAsyncScope", configurable: true },
      length: { value: fn.length, configurable: true },
      asyncResource: {
        configurable: true,
        enumerable: true,
        get() {
          if (!warnedAsyncResourceProperty) {
            warnedAsyncResourceProperty = true;
            globalThis.process.emitWarning("The asyncResource property on bound functions is deprecated", "DeprecationWarning", "DEP0172");
          }
          return resource;
        },
        set(value) {
          resource = value;
        },
      },
    });
    return bound;
  }

  /** `fn` bound to a new AsyncResource of `type` (default: `fn`'s name). */
  static bind(fn, type, thisArg) {
    validateFunction(fn, "fn");
    return new AsyncResource(type || fn.name || "bound-anonymous-fn").bind(fn, thisArg);
  }
}

class AsyncLocalStorage {
  // As in Node 20: disable() hides the stores until the next run()/enterWith(), which shows
  // again the stores that contexts still hold.
  #enabled = false;

  constructor() {
    install();
  }

  /** `fn` made to run with the stores of every AsyncLocalStorage as they are now. */
  static bind(fn) {
    validateFunction(fn, "fn");
    return AsyncResource.bind(fn);
  }

  /** A function `(fn, ...args)` that calls `fn` with the stores as they are now. */
  static snapshot() {
    return new AsyncResource("AsyncLocalStorageSnapshot").bind((fn, ...args) => fn(...args));
  }

  disable() {
    this.#enabled = false;
  }

  getStore() {
    return this.#enabled ? currentContext().frame.get(this) : undefined;
  }

  /** Calls `callback(...args)` with `store` as this storage's store (it and what it schedules). */
  run(store, callback, ...args) {
    this.#enabled = true;
    const frame = new Map(currentContext().frame).set(this, store);
    return runIn(withFrame(frame), callback, null, args);
  }

  /** Calls `callback(...args)` without a store of this storage. */
  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, null, args);
    const frame = new Map(currentContext().frame);
    frame.delete(this);
    return runIn(withFrame(frame), callback, null, args);
  }

  /** Makes `store` this storage's store for the rest of the running callback and what it schedules. */
  enterWith(store) {
    this.#enabled = true;
    enter(withFrame(new Map(currentContext().frame).set(this, store)));
  }
}

class AsyncHook {
  #callbacks;

  constructor({ init, before, after, destroy, promiseResolve }) {
    for (const [name, fn] of Object.entries({ init, before, after, destroy, promiseResolve })) {
      if (fn !== undefined && typeof fn !== "function") throw nodeError(TypeError, "ERR_ASYNC_CALLBACK", `hook.${name} must be a function`);
    }
    this.#callbacks = { init, before, after, destroy };
  }

  enable() {
    install();
    removeHook(this);
    addHook(this, this.#callbacks);
    return this;
  }

  disable() {
    removeHook(this);
    return this;
  }
}

/** An AsyncHook whose `callbacks` (init, before, after, destroy, promiseResolve) run once enabled. */
function createHook(callbacks) {
  return new AsyncHook(callbacks);
}

// Node's provider types of native resources (numbered as in Node 20).
const asyncWrapProviders = Object.freeze(
  Object.assign(
    Object.create(null),
    Object.fromEntries(
      [
        "NONE", "DIRHANDLE", "DNSCHANNEL", "ELDHISTOGRAM", "FILEHANDLE", "FILEHANDLECLOSEREQ", "BLOBREADER", "FSEVENTWRAP",
        "FSREQCALLBACK", "FSREQPROMISE", "GETADDRINFOREQWRAP", "GETNAMEINFOREQWRAP", "HEAPSNAPSHOT", "HTTP2SESSION",
        "HTTP2STREAM", "HTTP2PING", "HTTP2SETTINGS", "HTTPINCOMINGMESSAGE", "HTTPCLIENTREQUEST", "JSSTREAM", "JSUDPWRAP",
        "MESSAGEPORT", "PIPECONNECTWRAP", "PIPESERVERWRAP", "PIPEWRAP", "PROCESSWRAP", "PROMISE", "QUERYWRAP",
        "QUIC_LOGSTREAM", "QUIC_PACKET", "SHUTDOWNWRAP", "SIGNALWRAP", "STATWATCHER", "STREAMPIPE", "TCPCONNECTWRAP",
        "TCPSERVERWRAP", "TCPWRAP", "TTYWRAP", "UDPSENDWRAP", "UDPWRAP", "SIGINTWATCHDOG", "WORKER", "WORKERHEAPSNAPSHOT",
        "WRITEWRAP", "ZLIB", "CHECKPRIMEREQUEST", "PBKDF2REQUEST", "KEYPAIRGENREQUEST", "KEYGENREQUEST", "KEYEXPORTREQUEST",
        "CIPHERREQUEST", "DERIVEBITSREQUEST", "HASHREQUEST", "RANDOMBYTESREQUEST", "RANDOMPRIMEREQUEST", "SCRYPTREQUEST",
        "SIGNREQUEST", "TLSWRAP", "VERIFYREQUEST",
      ].map((name, i) => [name, i]),
    ),
  ),
);

const asyncHooks = {
  AsyncLocalStorage,
  createHook,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};

export default asyncHooks;
export { AsyncLocalStorage, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders, AsyncResource };
