// rusk:internal/webstreams — the WHATWG Streams standard (ReadableStream with default and byte
// controllers, WritableStream, TransformStream, the queuing strategies) and TextEncoderStream /
// TextDecoderStream, in JS. The abstract operations follow the standard's algorithms step by
// step, so the order in which promises settle and callbacks run is the standard's (and Node's).
//
// Each public object keeps its state in a plain record held by a private field (`#r`), and the
// algorithms work on records: users cannot reach or forge the state, and a brand check is one
// `#r in value`. A record points back at its public object through `pub`.
//
// Errors carry Node's codes and messages (ERR_INVALID_STATE, ERR_INVALID_THIS, ...).
// Not here: transferring streams (structuredClone/postMessage), and CompressionStream /
// DecompressionStream, which need a zlib native.

import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, nodeError } from "rusk:internal/errors";
import { AbortController, AbortSignal, kResistStopPropagation } from "rusk:internal/event_target";

const customInspect = Symbol.for("nodejs.util.inspect.custom");
/** The token that lets this module construct the classes users may not construct. */
const kInternal = Symbol("kInternal");

// ---------------------------------------------------------------- errors

function invalidThis(type) {
  return nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
}
function invalidState(message) {
  return nodeError(TypeError, "ERR_INVALID_STATE", `Invalid state: ${message}`);
}
function illegalConstructor() {
  return nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
}
/** ERR_INVALID_ARG_VALUE as a RangeError, which is how Node reports out-of-range stream options. */
function invalidRange(name, value, reason) {
  return nodeError(RangeError, "ERR_INVALID_ARG_VALUE", ERR_INVALID_ARG_VALUE(name, value, reason).message);
}
function notView(name, value) {
  return ERR_INVALID_ARG_TYPE(name, ["Buffer", "TypedArray", "DataView"], value);
}

// ---------------------------------------------------------------- states

// A stream's state, compared at every chunk: small integers compare faster than strings.
const READABLE = 0;
const CLOSED = 1;
const ERRORED = 2;
const WRITABLE = 3;
const ERRORING = 4;
/** The standard's names of the states, for inspection. */
const stateNames = ["readable", "closed", "errored", "writable", "erroring"];

// ---------------------------------------------------------------- promises

// Captured so that user code replacing Promise.prototype.then cannot change the algorithms.
const promiseThen = Promise.prototype.then;
const PromiseConstructor = Promise;
const promiseResolve = Promise.resolve.bind(Promise);
const promiseReject = Promise.reject.bind(Promise);
const promiseAll = Promise.all.bind(Promise);
const noop = () => {};

/** `p.then(onFulfilled, onRejected)`; the derived promise is returned ("transforming" p). */
function then(p, onFulfilled, onRejected) {
  return promiseThen.call(p, onFulfilled, onRejected);
}
/** Reacts to p without a derived promise that could go unhandled ("upon fulfillment/rejection"). */
function react(p, onFulfilled, onRejected = noop) {
  promiseThen.call(p, onFulfilled, onRejected);
}
function markHandled(p) {
  promiseThen.call(p, undefined, noop);
}

// Promises are the main cost of a stream in an interpreter: a Deferred takes its resolving
// functions from one shared executor instead of allocating closures for each promise.
let capturedResolve;
let capturedReject;
const captureExecutor = (resolve, reject) => {
  capturedResolve = resolve;
  capturedReject = reject;
};

/** A promise with its resolving functions and whether it is still pending. */
class Deferred {
  constructor() {
    this.promise = new PromiseConstructor(captureExecutor);
    this.resolveFn = capturedResolve;
    this.rejectFn = capturedReject;
    this.pending = true;
  }
  resolve(value) {
    if (!this.pending) return;
    this.pending = false;
    this.resolveFn(value);
  }
  reject(reason) {
    if (!this.pending) return;
    this.pending = false;
    this.rejectFn(reason);
  }
}

/** A Deferred for a promise that is already settled. */
class SettledDeferred {
  constructor(promise) {
    this.promise = promise;
    this.pending = false;
  }
  resolve() {}
  reject() {}
}

/**
 * A Deferred whose promise is made only when something asks for `promise`. The writer's ready
 * promise and a TransformStream's backpressure promise are replaced at nearly every chunk, and
 * most of them settle without anyone looking: those never cost a promise. A settled one made
 * late behaves as the original would: reactions to a settled promise run one job later either
 * way. Settled only with undefined (never adopts a thenable); rejections are always marked
 * handled by the algorithms, so one made late is marked handled at once.
 *
 * The constructor sets one field (an interpreter pays for each property an object is given);
 * the others start as the prototype's (below) and are set when needed.
 */
class LazyDeferred {
  constructor(state, result) {
    /** LAZY_PENDING, LAZY_FULFILLED or LAZY_REJECTED. */
    this.state = state;
    if (result !== undefined) this.result = result;
  }
  get pending() {
    return this.state === LAZY_PENDING;
  }
  get promise() {
    let promise = this.made;
    if (promise === undefined) {
      const state = this.state;
      if (state === LAZY_PENDING) {
        promise = new PromiseConstructor(captureExecutor);
        this.resolveFn = capturedResolve;
        this.rejectFn = capturedReject;
      } else if (state === LAZY_REJECTED) {
        promise = promiseReject(this.result);
        markHandled(promise);
      } else {
        promise = promiseResolve(this.result);
      }
      this.made = promise;
    }
    return promise;
  }
  /**
   * `then(this.promise, onFulfilled, onRejected)` without a derived promise, and without making
   * this one when it is still pending: the reaction is queued when it settles, as a promise's
   * would be (and before the reactions of a promise made later, which were registered later).
   */
  listen(onFulfilled, onRejected) {
    if (this.made === undefined && this.state === LAZY_PENDING && this.onFulfilled === undefined) {
      this.onFulfilled = onFulfilled;
      this.onRejected = onRejected;
    } else if (this.made === undefined && this.state === LAZY_FULFILLED) {
      promiseThen.call(resolvedUndefined, onFulfilled, noop);
    } else {
      promiseThen.call(this.promise, onFulfilled, onRejected);
    }
  }
  resolve(value) {
    if (this.state !== LAZY_PENDING) return;
    this.state = LAZY_FULFILLED;
    const onFulfilled = this.onFulfilled;
    if (onFulfilled !== undefined) {
      this.onFulfilled = this.onRejected = undefined;
      promiseThen.call(resolvedUndefined, onFulfilled, noop);
    }
    if (this.made !== undefined) this.resolveFn(value);
    else if (value !== undefined) this.result = value;
  }
  /**
   * Makes a fulfilled one pending again, when nobody can tell it from a new one (its promise was
   * never made): the cheap way to "replace the promise with a new pending one". Returns whether
   * it could.
   */
  renew() {
    if (this.made !== undefined || this.state !== LAZY_FULFILLED) return false;
    this.state = LAZY_PENDING;
    return true;
  }
  reject(reason) {
    if (this.state !== LAZY_PENDING) return;
    this.state = LAZY_REJECTED;
    const onRejected = this.onRejected;
    if (onRejected !== undefined) {
      this.onFulfilled = this.onRejected = undefined;
      promiseThen.call(resolvedUndefined, () => onRejected(reason), noop);
    }
    if (this.made !== undefined) this.rejectFn(reason);
    else this.result = reason;
  }
  markHandled() {
    if (this.made !== undefined) markHandled(this.made);
  }
}
const LAZY_PENDING = 0;
const LAZY_FULFILLED = 1;
const LAZY_REJECTED = 2;
for (const key of ["made", "result", "resolveFn", "rejectFn", "onFulfilled", "onRejected"]) LazyDeferred.prototype[key] = undefined;
const lazyDeferred = () => new LazyDeferred(LAZY_PENDING, undefined);
const lazyResolved = () => new LazyDeferred(LAZY_FULFILLED, undefined);
const lazyRejected = (reason) => new LazyDeferred(LAZY_REJECTED, reason);

function deferred() {
  return new Deferred();
}
function resolvedDeferred(value) {
  return new SettledDeferred(promiseResolve(value));
}
function rejectedDeferred(reason) {
  const promise = promiseReject(reason);
  markHandled(promise);
  return new SettledDeferred(promise);
}

/** One fulfilled promise for every "a promise resolved with undefined" that is only reacted to. */
const resolvedUndefined = promiseResolve(undefined);
const returnResolved = () => resolvedUndefined;

/**
 * WebIDL's "a promise resolved with x": always a new promise, so a promise x is adopted through
 * a thenable job (two ticks later), unlike Promise.resolve(x), which would return x itself.
 * Only ever reacted to by the algorithms (never handed to user code), so undefined, the usual
 * result of an underlying callback, shares one promise: a reaction to any fulfilled promise
 * runs one job later.
 */
function resolvedWith(x) {
  if (x === undefined) return resolvedUndefined;
  // Only an object can be a thenable; for anything else Promise.resolve is the same.
  if (!isObject(x)) return promiseResolve(x);
  const promise = new PromiseConstructor(captureExecutor);
  capturedResolve(x);
  return promise;
}

// Calls of user callbacks whose WebIDL return type is a promise: a throw becomes a rejection.
// One function per arity, so the callback sees exactly the arguments the standard passes.
function promiseCall0(fn, thisArg) {
  try {
    return resolvedWith(fn.call(thisArg));
  } catch (e) {
    return promiseReject(e);
  }
}
function promiseCall1(fn, thisArg, arg) {
  try {
    return resolvedWith(fn.call(thisArg, arg));
  } catch (e) {
    return promiseReject(e);
  }
}
// ---------------------------------------------------------------- queues

/**
 * A FIFO with O(1) shift (arrays shift in O(n), and stream queues can grow long). `length` is a
 * data property, not a getter: it is read on every chunk.
 */
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
    this.length = 0;
  }
  push(value) {
    this.items.push(value);
    this.length++;
  }
  peek() {
    return this.items[this.head];
  }
  shift() {
    const items = this.items;
    const value = items[this.head];
    if (--this.length === 0) {
      // Emptied: reuse the array (a queue that drains at every chunk allocates nothing).
      items.length = 0;
      this.head = 0;
    } else {
      items[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > items.length) {
        this.items = items.slice(this.head);
        this.head = 0;
      }
    }
    return value;
  }
}

/**
 * The standard's queue-with-sizes (default readable controller, writable controller): values
 * and sizes in two parallel arrays, so that a chunk costs no { value, size } record.
 */
class SizedQueue {
  constructor() {
    this.values = [];
    this.sizes = [];
    this.head = 0;
    this.length = 0;
  }
}

// Queue-with-sizes, used by the default readable controller and the writable controller.
function resetQueue(container) {
  container.queue = new SizedQueue();
  container.queueTotalSize = 0;
}
/** The byte controller's queue: { buffer, byteOffset, byteLength } entries, sized by byteLength. */
function resetByteQueue(controller) {
  controller.queue = new Queue();
  controller.queueTotalSize = 0;
}
function enqueueValueWithSize(container, value, chunkSize) {
  // Node and Bun convert the size to a number (the standard would reject a non-number).
  const size = +chunkSize;
  if (!(size >= 0) || size === Infinity) throw invalidRange("size", size);
  const queue = container.queue;
  queue.values.push(value);
  queue.sizes.push(size);
  queue.length++;
  container.queueTotalSize += size;
}
function dequeueValue(container) {
  const queue = container.queue;
  const values = queue.values;
  const head = queue.head;
  const value = values[head];
  let total = container.queueTotalSize - queue.sizes[head];
  // Rounding errors can leave a tiny negative total.
  if (total < 0) total = 0;
  container.queueTotalSize = total;
  if (--queue.length === 0) {
    values.length = 0;
    queue.sizes.length = 0;
    queue.head = 0;
  } else {
    values[head] = undefined;
    queue.head = head + 1;
    if (head > 1024 && head * 2 > values.length) {
      queue.values = values.slice(head + 1);
      queue.sizes = queue.sizes.slice(head + 1);
      queue.head = 0;
    }
  }
  return value;
}

// ---------------------------------------------------------------- conversions

function isObject(value) {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}
/** A WebIDL dictionary argument: undefined and null are `{}`, other non-objects throw. */
function dictionary(value, name) {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw ERR_INVALID_ARG_TYPE(name, "Object", value);
  return value;
}
function callbackMember(dict, key, dictName) {
  const value = dict[key];
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw ERR_INVALID_ARG_TYPE(`${dictName}.${key}`, "Function", value);
  return value;
}
/** WebIDL `[EnforceRange] unsigned long long`. */
function enforceRangeUint(value, name) {
  let n = +value;
  if (!Number.isFinite(n)) throw ERR_INVALID_ARG_VALUE(name, n);
  n = Math.trunc(n);
  if (n < 0 || n > Number.MAX_SAFE_INTEGER) throw ERR_INVALID_ARG_VALUE(name, n);
  return n === 0 ? 0 : n;
}

/**
 * The strategy's members as the standard's QueuingStrategy dictionary (highWaterMark, size).
 * Like Node, errors about its members say "strategy" whichever argument it was.
 */
function queuingStrategy(strategy, argumentName = "strategy") {
  const dict = dictionary(strategy, argumentName);
  const highWaterMark = dict.highWaterMark;
  const size = dict.size;
  if (size !== undefined && typeof size !== "function") throw ERR_INVALID_ARG_TYPE("strategy.size", "Function", size);
  return { highWaterMark: highWaterMark === undefined ? undefined : +highWaterMark, size };
}
function extractHighWaterMark(strategy, defaultHWM) {
  if (strategy.highWaterMark === undefined) return defaultHWM;
  const hwm = strategy.highWaterMark;
  if (Number.isNaN(hwm) || hwm < 0) throw invalidRange("strategy.highWaterMark", hwm);
  return hwm;
}
/** The size algorithm of a strategy without size(): recognised, so that it need not be called. */
const sizeOfOne = () => 1;
function extractSizeAlgorithm(strategy) {
  const size = strategy.size;
  if (size === undefined) return sizeOfOne;
  return (chunk) => size.call(undefined, chunk);
}

// ---------------------------------------------------------------- array buffers

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const typedArrayConstructors = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};
if (typeof globalThis.Float16Array === "function") typedArrayConstructors.Float16Array = globalThis.Float16Array;

// The intrinsics, not the buffer's properties (which a user could shadow).
const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached").get;
const arrayBufferTransfer = ArrayBuffer.prototype.transfer;

function isDetached(buffer) {
  try {
    return arrayBufferDetached.call(buffer);
  } catch {
    // A SharedArrayBuffer: never detached.
    return false;
  }
}
/** Moves the bytes to a new ArrayBuffer and detaches `buffer` (a TypeError if it cannot be). */
function transferArrayBuffer(buffer) {
  return arrayBufferTransfer.call(buffer);
}
/** Copies `count` bytes between two ArrayBuffers. */
function copyBytes(dest, destOffset, src, srcOffset, count) {
  new Uint8Array(dest, destOffset, count).set(new Uint8Array(src, srcOffset, count));
}
function cloneAsUint8Array(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

// ================================================================ ReadableStream

let readableRecordOf;

function newReadableRecord() {
  return { state: READABLE, reader: undefined, storedError: undefined, controller: undefined, pub: undefined };
}

export class ReadableStream {
  #r;

  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource === kInternal) {
      // CreateReadableStream / CreateReadableByteStream: `strategy` is the prepared record.
      this.#r = strategy;
      strategy.pub = this;
      return;
    }
    if (underlyingSource === null || (underlyingSource !== undefined && !isObject(underlyingSource))) {
      throw ERR_INVALID_ARG_TYPE("source", "Object", underlyingSource);
    }
    const strategyDict = queuingStrategy(strategy);
    const source = underlyingSource ?? {};
    const sourceDict = {
      autoAllocateChunkSize: source.autoAllocateChunkSize,
      cancel: callbackMember(source, "cancel", "source"),
      pull: callbackMember(source, "pull", "source"),
      start: callbackMember(source, "start", "source"),
      type: source.type,
    };
    if (sourceDict.autoAllocateChunkSize !== undefined) {
      sourceDict.autoAllocateChunkSize = enforceRangeUint(sourceDict.autoAllocateChunkSize, "source.autoAllocateChunkSize");
    }
    if (sourceDict.type !== undefined) {
      const type = `${sourceDict.type}`;
      if (type !== "bytes") throw ERR_INVALID_ARG_VALUE("source.type", type);
      sourceDict.type = type;
    }
    const stream = newReadableRecord();
    this.#r = stream;
    stream.pub = this;
    if (sourceDict.type === "bytes") {
      if (strategyDict.size !== undefined) throw invalidRange("strategy.size", strategyDict.size);
      const highWaterMark = extractHighWaterMark(strategyDict, 0);
      setUpByteControllerFromSource(stream, source, sourceDict, highWaterMark);
    } else {
      const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
      const highWaterMark = extractHighWaterMark(strategyDict, 1);
      setUpDefaultControllerFromSource(stream, source, sourceDict, highWaterMark, sizeAlgorithm);
    }
  }

  static {
    readableRecordOf = (value) => (isObject(value) && #r in value ? value.#r : undefined);
  }

  get locked() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    return this.#r.reader !== undefined;
  }

  cancel(reason = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStream"));
    if (this.#r.reader !== undefined) return promiseReject(invalidState("ReadableStream is locked"));
    return readableStreamCancel(this.#r, reason);
  }

  getReader(options = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    if (options !== undefined && options !== null && !isObject(options)) throw ERR_INVALID_ARG_TYPE("options", "Object", options);
    const mode = options?.mode;
    if (mode === undefined) return acquireDefaultReader(this.#r).pub;
    if (`${mode}` !== "byob") throw ERR_INVALID_ARG_VALUE("options.mode", mode);
    return acquireBYOBReader(this.#r).pub;
  }

  pipeThrough(transform, options = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    if (!isObject(transform)) throw ERR_INVALID_ARG_TYPE("transform", "Object", transform);
    const readable = transform.readable;
    const readableRecord = readableRecordOf(readable);
    if (readableRecord === undefined) throw ERR_INVALID_ARG_TYPE("transform.readable", "ReadableStream", readable);
    const writable = transform.writable;
    const writableRecord = writableRecordOf(writable);
    if (writableRecord === undefined) throw ERR_INVALID_ARG_TYPE("transform.writable", "WritableStream", writable);
    const pipeOptions = pipeOptionsOf(options);
    if (this.#r.reader !== undefined) throw invalidState("The ReadableStream is locked");
    if (writableRecord.writer !== undefined) throw invalidState("The WritableStream is locked");
    const promise = readableStreamPipeTo(this.#r, writableRecord, pipeOptions);
    markHandled(promise);
    return readable;
  }

  pipeTo(destination, options = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStream"));
    const dest = writableRecordOf(destination);
    if (dest === undefined) return promiseReject(ERR_INVALID_ARG_TYPE("destination", "WritableStream", destination));
    let pipeOptions;
    try {
      pipeOptions = pipeOptionsOf(options);
    } catch (e) {
      return promiseReject(e);
    }
    if (this.#r.reader !== undefined) return promiseReject(invalidState("The ReadableStream is locked"));
    if (dest.writer !== undefined) return promiseReject(invalidState("The WritableStream is locked"));
    return readableStreamPipeTo(this.#r, dest, pipeOptions);
  }

  tee() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    const [branch1, branch2] = readableStreamTee(this.#r);
    return [branch1.pub, branch2.pub];
  }

  values(options = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    if (options !== undefined && options !== null && !isObject(options)) throw ERR_INVALID_ARG_TYPE("options", "Object", options);
    const preventCancel = !!options?.preventCancel;
    const reader = acquireDefaultReader(this.#r);
    return new ReadableStreamAsyncIterator(reader, preventCancel);
  }

  static from(asyncIterable) {
    return readableStreamFromIterable(asyncIterable).pub;
  }

  // Bun's extensions on every ReadableStream: read it to the end, as a Response body is read.
  blob() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    return then(readAllBytes(this.#r), (bytes) => new globalThis.Blob([bytes]));
  }

  bytes() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    return readAllBytes(this.#r);
  }

  json() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    return then(readAllBytes(this.#r), (bytes) => JSON.parse(decodeUtf8(bytes)));
  }

  text() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStream");
    return then(readAllBytes(this.#r), decodeUtf8);
  }

  [customInspect](depth, options, inspect) {
    const stream = this.#r;
    return inspectWith(this, { locked: stream.reader !== undefined, state: stateNames[stream.state], supportsBYOB: stream.controller?.kind === "byte" }, depth, options, inspect);
  }
}
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values,
  writable: true,
  enumerable: false,
  configurable: true,
});

/** The bytes of each chunk (UTF-8 for strings), joined; a chunk of another type rejects and cancels the stream. */
function readAllBytes(stream) {
  if (stream.reader !== undefined) return promiseReject(invalidState("ReadableStream is locked"));
  const reader = acquireDefaultReader(stream).pub;
  const chunks = [];
  let size = 0;
  const fail = (error) => {
    reader.releaseLock();
    throw error;
  };
  const finish = () => {
    reader.releaseLock();
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  };
  const step = ({ value, done }) => {
    if (done) return finish();
    let bytes;
    if (typeof value === "string") bytes = new TextEncoder().encode(value);
    else if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
    else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else {
      const error = new TypeError("Expected text, ArrayBuffer or ArrayBufferView");
      markHandled(reader.cancel(error));
      throw error;
    }
    chunks.push(bytes.slice());
    size += bytes.byteLength;
    return then(reader.read(), step);
  };
  return then(then(reader.read(), step), undefined, fail);
}

function decodeUtf8(bytes) {
  return new TextDecoder().decode(bytes);
}

function pipeOptionsOf(options) {
  const dict = dictionary(options, "options");
  const preventAbort = !!dict.preventAbort;
  const preventCancel = !!dict.preventCancel;
  const preventClose = !!dict.preventClose;
  const signal = dict.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw ERR_INVALID_ARG_TYPE("options.signal", "AbortSignal", signal);
  return { preventAbort, preventCancel, preventClose, signal };
}

// ---- ReadableStream abstract operations

function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = sizeOfOne) {
  const stream = newReadableRecord();
  new ReadableStream(kInternal, stream);
  const controller = newDefaultControllerRecord();
  setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = newReadableRecord();
  new ReadableStream(kInternal, stream);
  const controller = newByteControllerRecord();
  setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return stream;
}

function readableStreamCancel(stream, reason) {
  if (stream.state === CLOSED) return promiseResolve(undefined);
  if (stream.state === ERRORED) return promiseReject(stream.storedError);
  readableStreamClose(stream);
  const reader = stream.reader;
  if (reader !== undefined && reader.kind === "byob") {
    const requests = reader.readIntoRequests;
    reader.readIntoRequests = new Queue();
    while (requests.length > 0) requests.shift().closeSteps(undefined);
  }
  const sourceCancelPromise = stream.controller.cancelSteps(reason);
  return then(sourceCancelPromise, noop);
}

function readableStreamClose(stream) {
  stream.state = CLOSED;
  const reader = stream.reader;
  if (reader === undefined) return;
  reader.closed.resolve(undefined);
  if (reader.kind === "default") {
    const requests = reader.readRequests;
    reader.readRequests = new Queue();
    while (requests.length > 0) requests.shift().closeSteps();
  }
}

function readableStreamError(stream, e) {
  stream.state = ERRORED;
  stream.storedError = e;
  const reader = stream.reader;
  if (reader === undefined) return;
  reader.closed.reject(e);
  markHandled(reader.closed.promise);
  if (reader.kind === "default") defaultReaderErrorReadRequests(reader, e);
  else byobReaderErrorReadIntoRequests(reader, e);
}

function readableStreamFulfillReadRequest(stream, chunk, done) {
  const readRequest = stream.reader.readRequests.shift();
  if (done) readRequest.closeSteps();
  else readRequest.chunkSteps(chunk);
}

function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
  const readIntoRequest = stream.reader.readIntoRequests.shift();
  if (done) readIntoRequest.closeSteps(chunk);
  else readIntoRequest.chunkSteps(chunk);
}

function numReadRequests(stream) {
  return stream.reader.readRequests.length;
}
function numReadIntoRequests(stream) {
  return stream.reader.readIntoRequests.length;
}
function hasDefaultReader(stream) {
  return stream.reader !== undefined && stream.reader.kind === "default";
}
function hasBYOBReader(stream) {
  return stream.reader !== undefined && stream.reader.kind === "byob";
}

// ================================================================ readers

let defaultReaderRecordOf;
let byobReaderRecordOf;

function readerGenericInitialize(reader, stream) {
  reader.stream = stream;
  stream.reader = reader;
  if (stream.state === READABLE) reader.closed = deferred();
  else if (stream.state === CLOSED) reader.closed = resolvedDeferred(undefined);
  else reader.closed = rejectedDeferred(stream.storedError);
}

function readerGenericRelease(reader) {
  const stream = reader.stream;
  if (stream.state === READABLE) reader.closed.reject(invalidState("Reader released"));
  else reader.closed = rejectedDeferred(invalidState("Reader released"));
  markHandled(reader.closed.promise);
  stream.controller.releaseSteps();
  stream.reader = undefined;
  reader.stream = undefined;
}

function acquireDefaultReader(stream) {
  return defaultReaderRecordOf(new ReadableStreamDefaultReader(stream.pub));
}
function acquireBYOBReader(stream) {
  return byobReaderRecordOf(new ReadableStreamBYOBReader(stream.pub));
}

function defaultReaderRead(reader, readRequest) {
  const stream = reader.stream;
  if (stream.state === CLOSED) readRequest.closeSteps();
  else if (stream.state === ERRORED) readRequest.errorSteps(stream.storedError);
  else stream.controller.pullSteps(readRequest);
}

function defaultReaderRelease(reader) {
  readerGenericRelease(reader);
  defaultReaderErrorReadRequests(reader, invalidState("Releasing reader"));
}

function defaultReaderErrorReadRequests(reader, e) {
  const requests = reader.readRequests;
  reader.readRequests = new Queue();
  while (requests.length > 0) requests.shift().errorSteps(e);
}

function byobReaderErrorReadIntoRequests(reader, e) {
  const requests = reader.readIntoRequests;
  reader.readIntoRequests = new Queue();
  while (requests.length > 0) requests.shift().errorSteps(e);
}

function byobReaderRelease(reader) {
  readerGenericRelease(reader);
  byobReaderErrorReadIntoRequests(reader, invalidState("Releasing reader"));
}

function byobReaderRead(reader, view, min, readIntoRequest) {
  const stream = reader.stream;
  if (stream.state === ERRORED) readIntoRequest.errorSteps(stream.storedError);
  else byteControllerPullInto(stream.controller, view, min, readIntoRequest);
}

/**
 * A request settled through the resolving functions of the promise just made (`capturedResolve`,
 * `capturedReject`): a write request. Each is settled once, having left its queue first.
 */
class PromiseRequest {
  constructor() {
    this.resolveFn = capturedResolve;
    this.rejectFn = capturedReject;
  }
  resolve(value) {
    this.resolveFn(value);
  }
  reject(reason) {
    this.rejectFn(reason);
  }
}

/**
 * The read request of a read() call: settles the promise read() returned with
 * `{ value, done }`. A request is settled once (it leaves its queue first), so it keeps only the
 * resolving functions of the promise just made (`capturedResolve`, `capturedReject`).
 */
class ReadRequest {
  constructor() {
    this.resolveFn = capturedResolve;
    this.rejectFn = capturedReject;
  }
  chunkSteps(chunk) {
    this.resolveFn({ value: chunk, done: false });
  }
  closeSteps(chunk) {
    this.resolveFn({ value: chunk, done: true });
  }
  errorSteps(e) {
    this.rejectFn(e);
  }
}

function readerInspect(self, reader, requests, depth, options, inspect) {
  return inspectWith(self, { stream: reader.stream?.pub, readRequests: requests.length, close: reader.closed.promise }, depth, options, inspect);
}

/**
 * A default reader's state. It is also the read request of a read() made while no other read
 * waits (the usual case): that request's resolving functions are kept here, which spares making
 * a request per read. Further reads that wait meanwhile get their own ReadRequest.
 */
class DefaultReaderRecord {
  constructor(pub) {
    this.kind = "default";
    this.stream = undefined;
    this.closed = undefined;
    this.readRequests = new Queue();
    this.resolveFn = undefined;
    this.rejectFn = undefined;
    this.pub = pub;
  }
  chunkSteps(chunk) {
    this.resolveFn({ value: chunk, done: false });
  }
  closeSteps(chunk) {
    this.resolveFn({ value: chunk, done: true });
  }
  errorSteps(e) {
    this.rejectFn(e);
  }
}

export class ReadableStreamDefaultReader {
  #r;

  constructor(stream) {
    const record = readableRecordOf(stream);
    if (record === undefined) throw ERR_INVALID_ARG_TYPE("stream", "ReadableStream", stream);
    if (record.reader !== undefined) throw invalidState("ReadableStream is locked");
    const reader = new DefaultReaderRecord(this);
    readerGenericInitialize(reader, record);
    this.#r = reader;
  }

  static {
    defaultReaderRecordOf = (value) => (isObject(value) && #r in value ? value.#r : undefined);
  }

  get closed() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamDefaultReader"));
    return this.#r.closed.promise;
  }

  cancel(reason = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamDefaultReader"));
    if (this.#r.stream === undefined) return promiseReject(invalidState("The reader is not attached to a stream"));
    return readableStreamCancel(this.#r.stream, reason);
  }

  read() {
    let reader;
    try {
      // The brand check: reading #r throws for any other value (cheaper than `#r in this`).
      reader = this.#r;
    } catch {
      return promiseReject(invalidThis("ReadableStreamDefaultReader"));
    }
    const stream = reader.stream;
    if (stream === undefined) return promiseReject(invalidState("The reader is not attached to a stream"));
    if (stream.state === READABLE) {
      const controller = stream.controller;
      // A chunk already queued: the standard's chunk steps would settle the read before read()
      // returns, so a promise made already fulfilled is the same, without a read request.
      if (controller.kind === "default") {
        if (controller.queue.length > 0) return promiseResolve({ value: defaultControllerTakeChunk(controller), done: false });
        // The rest of the default controller's pull steps: the request waits for a chunk.
        const promise = new PromiseConstructor(captureExecutor);
        const requests = reader.readRequests;
        if (requests.length === 0) {
          // No other read waits, so the reader is not in its queue: it serves as the request.
          reader.resolveFn = capturedResolve;
          reader.rejectFn = capturedReject;
          requests.push(reader);
        } else {
          requests.push(new ReadRequest());
        }
        defaultControllerCallPullIfNeeded(controller);
        return promise;
      }
    }
    const promise = new PromiseConstructor(captureExecutor);
    defaultReaderRead(reader, new ReadRequest());
    return promise;
  }

  releaseLock() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamDefaultReader");
    if (this.#r.stream === undefined) return;
    defaultReaderRelease(this.#r);
  }

  [customInspect](depth, options, inspect) {
    return readerInspect(this, this.#r, this.#r.readRequests, depth, options, inspect);
  }
}

export class ReadableStreamBYOBReader {
  #r;

  constructor(stream) {
    const record = readableRecordOf(stream);
    if (record === undefined) throw ERR_INVALID_ARG_TYPE("stream", "ReadableStream", stream);
    if (record.reader !== undefined) throw invalidState("ReadableStream is locked");
    if (record.controller.kind !== "byte") throw ERR_INVALID_ARG_VALUE("stream", stream, "must be a byte stream");
    const reader = { kind: "byob", stream: undefined, closed: undefined, readIntoRequests: new Queue(), pub: this };
    readerGenericInitialize(reader, record);
    this.#r = reader;
  }

  static {
    byobReaderRecordOf = (value) => (isObject(value) && #r in value ? value.#r : undefined);
  }

  get closed() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamBYOBReader"));
    return this.#r.closed.promise;
  }

  cancel(reason = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamBYOBReader"));
    if (this.#r.stream === undefined) return promiseReject(invalidState("The reader is not attached to a stream"));
    return readableStreamCancel(this.#r.stream, reason);
  }

  read(view, options = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamBYOBReader"));
    if (!ArrayBuffer.isView(view)) return promiseReject(notView("view", view));
    let min = 1;
    try {
      if (options !== undefined && options !== null && !isObject(options)) throw ERR_INVALID_ARG_TYPE("options", "Object", options);
      if (options?.min !== undefined) min = enforceRangeUint(options.min, "options.min");
    } catch (e) {
      return promiseReject(e);
    }
    if (view.byteLength === 0 || view.buffer.byteLength === 0 || isDetached(view.buffer)) {
      return promiseReject(invalidState("View or Viewed ArrayBuffer is zero-length or detached"));
    }
    if (min === 0) return promiseReject(nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The property 'options.min' must be greater than 0. Received 0`));
    if (typedArrayTag.call(view) !== undefined) {
      if (min > view.length) return promiseReject(ERR_OUT_OF_RANGE("options.min", "<= view.length", min));
    } else if (min > view.byteLength) {
      return promiseReject(ERR_OUT_OF_RANGE("options.min", "<= view.byteLength", min));
    }
    if (this.#r.stream === undefined) return promiseReject(invalidState("The reader is not attached to a stream"));
    const promise = new PromiseConstructor(captureExecutor);
    byobReaderRead(this.#r, view, min, new ReadRequest());
    return promise;
  }

  releaseLock() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamBYOBReader");
    if (this.#r.stream === undefined) return;
    byobReaderRelease(this.#r);
  }

  [customInspect](depth, options, inspect) {
    return readerInspect(this, this.#r, this.#r.readIntoRequests, depth, options, inspect);
  }
}

// ================================================================ ReadableStreamDefaultController

class DefaultControllerRecord {
  constructor() {
    this.kind = "default";
    this.stream = undefined;
    this.queue = undefined;
    this.queueTotalSize = 0;
    this.started = false;
    this.closeRequested = false;
    this.pullAgain = false;
    this.pulling = false;
    this.strategySizeAlgorithm = undefined;
    this.strategyHWM = 0;
    this.pullAlgorithm = undefined;
    // Whether the pull algorithm returns a LazyDeferred rather than a promise (TransformStream).
    this.lazyPull = false;
    this.cancelAlgorithm = undefined;
    this.onPullFulfilled = undefined;
    this.onPullRejected = undefined;
    this.pub = undefined;
  }

  cancelSteps(reason) {
    resetQueue(this);
    const result = this.cancelAlgorithm(reason);
    defaultControllerClearAlgorithms(this);
    return result;
  }

  pullSteps(readRequest) {
    if (this.queue.length > 0) {
      readRequest.chunkSteps(defaultControllerTakeChunk(this));
    } else {
      this.stream.reader.readRequests.push(readRequest);
      defaultControllerCallPullIfNeeded(this);
    }
  }

  releaseSteps() {}
}

/** The first steps of a read from a non-empty queue: dequeue, then close or pull. */
function defaultControllerTakeChunk(controller) {
  const chunk = dequeueValue(controller);
  if (controller.closeRequested && controller.queue.length === 0) {
    defaultControllerClearAlgorithms(controller);
    readableStreamClose(controller.stream);
  } else {
    defaultControllerCallPullIfNeeded(controller);
  }
  return chunk;
}

function newDefaultControllerRecord() {
  const controller = new DefaultControllerRecord();
  new ReadableStreamDefaultController(kInternal, controller);
  return controller;
}

export class ReadableStreamDefaultController {
  #r;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw illegalConstructor();
    this.#r = record;
    record.pub = this;
  }

  get desiredSize() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamDefaultController");
    return defaultControllerGetDesiredSize(this.#r);
  }

  close() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamDefaultController");
    if (!defaultControllerCanCloseOrEnqueue(this.#r)) throw invalidState("Controller is already closed");
    defaultControllerClose(this.#r);
  }

  enqueue(chunk = undefined) {
    let controller;
    try {
      // The brand check: reading #r throws for any other value (cheaper than `#r in this`).
      controller = this.#r;
    } catch {
      throw invalidThis("ReadableStreamDefaultController");
    }
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== READABLE) throw invalidState("Controller is already closed");
    const reader = stream.reader;
    if (reader !== undefined && reader.readRequests.length > 0) {
      // A read waits: ReadableStreamDefaultControllerEnqueue's first case, inline.
      reader.readRequests.shift().chunkSteps(chunk);
      defaultControllerCallPullIfNeeded(controller);
    } else {
      defaultControllerEnqueue(controller, chunk);
    }
  }

  error(e = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamDefaultController");
    defaultControllerError(this.#r, e);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, {}, depth, options, inspect);
  }
}

/** The set-up steps the default and byte controllers share: pull bookkeeping, the queue,
 * the algorithms, and the start algorithm's outcome. `extra` sets the kind's own fields. */
function setUpPullingController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, callPullIfNeeded, error, extra) {
  controller.stream = stream;
  // Made once here rather than at every pull.
  controller.onPullFulfilled = () => {
    controller.pulling = false;
    if (controller.pullAgain) {
      controller.pullAgain = false;
      callPullIfNeeded(controller);
    }
  };
  controller.onPullRejected = (e) => error(controller, e);
  if (controller.kind === "byte") resetByteQueue(controller);
  else resetQueue(controller);
  extra(controller);
  controller.strategyHWM = highWaterMark;
  controller.pullAlgorithm = pullAlgorithm;
  controller.cancelAlgorithm = cancelAlgorithm;
  stream.controller = controller;
  const startResult = startAlgorithm();
  react(
    resolvedWith(startResult),
    () => {
      controller.started = true;
      callPullIfNeeded(controller);
    },
    (r) => error(controller, r),
  );
}

function setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
  setUpPullingController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, defaultControllerCallPullIfNeeded, defaultControllerError, (c) => {
    c.strategySizeAlgorithm = sizeAlgorithm;
  });
}

function setUpDefaultControllerFromSource(stream, source, dict, highWaterMark, sizeAlgorithm) {
  const controller = newDefaultControllerRecord();
  const pub = controller.pub;
  const { start, pull, cancel } = dict;
  const startAlgorithm = start === undefined ? noop : () => start.call(source, pub);
  const pullAlgorithm =
    pull === undefined
      ? returnResolved
      : () => {
          try {
            const result = pull.call(source, pub);
            return result === undefined ? resolvedUndefined : resolvedWith(result);
          } catch (e) {
            return promiseReject(e);
          }
        };
  const cancelAlgorithm = cancel === undefined ? returnResolved : (reason) => promiseCall1(cancel, source, reason);
  setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
}

// The functions below run for every chunk: their steps are the standard's, written out inline
// (each call and property read counts in an interpreter).

// A default controller's reader, when it has one, is a default reader (a BYOB reader needs a byte
// controller), so these do not check the reader's kind.

function defaultControllerCallPullIfNeeded(controller) {
  // ReadableStreamDefaultControllerShouldCallPull, inline.
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== READABLE || !controller.started) return;
  const reader = stream.reader;
  if ((reader === undefined || reader.readRequests.length === 0) && controller.strategyHWM - controller.queueTotalSize <= 0) return;
  if (controller.pulling) {
    controller.pullAgain = true;
    return;
  }
  controller.pulling = true;
  if (controller.lazyPull) controller.pullAlgorithm().listen(controller.onPullFulfilled, controller.onPullRejected);
  else promiseThen.call(controller.pullAlgorithm(), controller.onPullFulfilled, controller.onPullRejected);
}

function defaultControllerShouldCallPull(controller) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== READABLE || !controller.started) return false;
  const reader = stream.reader;
  if (reader !== undefined && reader.readRequests.length > 0) return true;
  // The desired size, the stream being readable.
  return controller.strategyHWM - controller.queueTotalSize > 0;
}

function defaultControllerClearAlgorithms(controller) {
  controller.pullAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
  controller.strategySizeAlgorithm = undefined;
}

function defaultControllerClose(controller) {
  if (!defaultControllerCanCloseOrEnqueue(controller)) return;
  controller.closeRequested = true;
  if (controller.queue.length === 0) {
    defaultControllerClearAlgorithms(controller);
    readableStreamClose(controller.stream);
  }
}

function defaultControllerEnqueue(controller, chunk) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== READABLE) return;
  const reader = stream.reader;
  if (reader !== undefined && reader.readRequests.length > 0) {
    reader.readRequests.shift().chunkSteps(chunk);
  } else {
    const sizeAlgorithm = controller.strategySizeAlgorithm;
    if (sizeAlgorithm === sizeOfOne) {
      // The default size: nothing to call or validate.
      const queue = controller.queue;
      queue.values.push(chunk);
      queue.sizes.push(1);
      queue.length++;
      controller.queueTotalSize += 1;
    } else {
      let chunkSize;
      try {
        chunkSize = sizeAlgorithm(chunk);
      } catch (e) {
        defaultControllerError(controller, e);
        throw e;
      }
      try {
        enqueueValueWithSize(controller, chunk, chunkSize);
      } catch (e) {
        defaultControllerError(controller, e);
        throw e;
      }
    }
  }
  defaultControllerCallPullIfNeeded(controller);
}

function defaultControllerError(controller, e) {
  const stream = controller.stream;
  if (stream.state !== READABLE) return;
  resetQueue(controller);
  defaultControllerClearAlgorithms(controller);
  readableStreamError(stream, e);
}

function defaultControllerGetDesiredSize(controller) {
  const state = controller.stream.state;
  if (state === ERRORED) return null;
  if (state === CLOSED) return 0;
  return controller.strategyHWM - controller.queueTotalSize;
}

function defaultControllerCanCloseOrEnqueue(controller) {
  return !controller.closeRequested && controller.stream.state === READABLE;
}

// ================================================================ ReadableByteStreamController

class ByteControllerRecord {
  constructor() {
    this.kind = "byte";
    this.stream = undefined;
    this.queue = undefined;
    this.queueTotalSize = 0;
    this.started = false;
    this.closeRequested = false;
    this.pullAgain = false;
    this.pulling = false;
    this.byobRequest = null;
    this.strategyHWM = 0;
    this.autoAllocateChunkSize = undefined;
    this.pendingPullIntos = [];
    this.pullAlgorithm = undefined;
    this.cancelAlgorithm = undefined;
    this.onPullFulfilled = undefined;
    this.onPullRejected = undefined;
    this.pub = undefined;
  }

  cancelSteps(reason) {
    byteControllerClearPendingPullIntos(this);
    resetByteQueue(this);
    const result = this.cancelAlgorithm(reason);
    byteControllerClearAlgorithms(this);
    return result;
  }

  pullSteps(readRequest) {
    const stream = this.stream;
    if (this.queueTotalSize > 0) {
      byteControllerFillReadRequestFromQueue(this, readRequest);
      return;
    }
    const autoAllocateChunkSize = this.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(autoAllocateChunkSize);
      } catch (e) {
        readRequest.errorSteps(e);
        return;
      }
      this.pendingPullIntos.push({
        buffer,
        bufferByteLength: autoAllocateChunkSize,
        byteOffset: 0,
        byteLength: autoAllocateChunkSize,
        bytesFilled: 0,
        minimumFill: 1,
        elementSize: 1,
        viewConstructor: Uint8Array,
        readerType: "default",
      });
    }
    stream.reader.readRequests.push(readRequest);
    byteControllerCallPullIfNeeded(this);
  }

  releaseSteps() {
    if (this.pendingPullIntos.length > 0) {
      const first = this.pendingPullIntos[0];
      first.readerType = "none";
      this.pendingPullIntos = [first];
    }
  }
}

function newByteControllerRecord() {
  const controller = new ByteControllerRecord();
  new ReadableByteStreamController(kInternal, controller);
  return controller;
}

export class ReadableByteStreamController {
  #r;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw illegalConstructor();
    this.#r = record;
    record.pub = this;
  }

  get byobRequest() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableByteStreamController");
    const request = byteControllerGetBYOBRequest(this.#r);
    return request === null ? null : request.pub;
  }

  get desiredSize() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableByteStreamController");
    return byteControllerGetDesiredSize(this.#r);
  }

  close() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableByteStreamController");
    const controller = this.#r;
    if (controller.closeRequested) throw invalidState("Controller is already closed");
    if (controller.stream.state !== READABLE) throw invalidState("ReadableStream is already closed");
    byteControllerClose(controller);
  }

  enqueue(chunk) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableByteStreamController");
    if (!ArrayBuffer.isView(chunk)) throw notView("buffer", chunk);
    const controller = this.#r;
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) throw invalidState("chunk ArrayBuffer is zero-length or detached");
    if (controller.closeRequested) throw invalidState("Controller is already closed");
    if (controller.stream.state !== READABLE) throw invalidState("ReadableStream is already closed");
    byteControllerEnqueue(controller, chunk);
  }

  error(e = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableByteStreamController");
    byteControllerError(this.#r, e);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, {}, depth, options, inspect);
  }
}

export class ReadableStreamBYOBRequest {
  #r;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw illegalConstructor();
    this.#r = record;
    record.pub = this;
  }

  get view() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamBYOBRequest");
    return this.#r.view;
  }

  respond(bytesWritten) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamBYOBRequest");
    const request = this.#r;
    const n = +bytesWritten;
    if (!Number.isFinite(n) || Math.trunc(n) < 0 || Math.trunc(n) > Number.MAX_SAFE_INTEGER) throw ERR_INVALID_ARG_VALUE("bytesWritten", n);
    if (request.controller === undefined) throw invalidState("This BYOB request has been invalidated");
    if (isDetached(request.view.buffer)) throw invalidState("Viewed ArrayBuffer is detached");
    byteControllerRespond(request.controller, Math.trunc(n));
  }

  respondWithNewView(view) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("ReadableStreamBYOBRequest");
    if (!ArrayBuffer.isView(view)) throw notView("view", view);
    const request = this.#r;
    if (request.controller === undefined) throw invalidState("This BYOB request has been invalidated");
    if (isDetached(view.buffer)) throw invalidState("Viewed ArrayBuffer is detached");
    byteControllerRespondWithNewView(request.controller, view);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { view: this.#r.view, controller: this.#r.controller?.pub }, depth, options, inspect);
  }
}

function setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
  setUpPullingController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, byteControllerCallPullIfNeeded, byteControllerError, (c) => {
    c.autoAllocateChunkSize = autoAllocateChunkSize;
  });
}

function setUpByteControllerFromSource(stream, source, dict, highWaterMark) {
  const controller = newByteControllerRecord();
  const { start, pull, cancel, autoAllocateChunkSize } = dict;
  const startAlgorithm = start === undefined ? noop : () => start.call(source, controller.pub);
  const pullAlgorithm = pull === undefined ? returnResolved : () => promiseCall1(pull, source, controller.pub);
  const cancelAlgorithm = cancel === undefined ? returnResolved : (reason) => promiseCall1(cancel, source, reason);
  if (autoAllocateChunkSize === 0) throw ERR_INVALID_ARG_VALUE("source.autoAllocateChunkSize", 0);
  setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
}

function byteControllerCallPullIfNeeded(controller) {
  if (!byteControllerShouldCallPull(controller)) return;
  if (controller.pulling) {
    controller.pullAgain = true;
    return;
  }
  controller.pulling = true;
  react(controller.pullAlgorithm(), controller.onPullFulfilled, controller.onPullRejected);
}

function byteControllerShouldCallPull(controller) {
  const stream = controller.stream;
  if (stream.state !== READABLE) return false;
  if (controller.closeRequested) return false;
  if (!controller.started) return false;
  if (hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
  if (hasBYOBReader(stream) && numReadIntoRequests(stream) > 0) return true;
  return byteControllerGetDesiredSize(controller) > 0;
}

function byteControllerClearAlgorithms(controller) {
  controller.pullAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
}

function byteControllerClearPendingPullIntos(controller) {
  byteControllerInvalidateBYOBRequest(controller);
  controller.pendingPullIntos = [];
}

function byteControllerClose(controller) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== READABLE) return;
  if (controller.queueTotalSize > 0) {
    controller.closeRequested = true;
    return;
  }
  if (controller.pendingPullIntos.length > 0) {
    const first = controller.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = invalidState("Partial read");
      byteControllerError(controller, e);
      throw e;
    }
  }
  byteControllerClearAlgorithms(controller);
  readableStreamClose(stream);
}

function byteControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
  let done = false;
  if (stream.state === CLOSED) done = true;
  const filledView = byteControllerConvertPullIntoDescriptor(pullIntoDescriptor);
  if (pullIntoDescriptor.readerType === "default") readableStreamFulfillReadRequest(stream, filledView, done);
  else readableStreamFulfillReadIntoRequest(stream, filledView, done);
}

function byteControllerConvertPullIntoDescriptor(d) {
  const buffer = transferArrayBuffer(d.buffer);
  return new d.viewConstructor(buffer, d.byteOffset, d.bytesFilled / d.elementSize);
}

function byteControllerEnqueue(controller, chunk) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== READABLE) return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (isDetached(buffer)) throw invalidState("chunk ArrayBuffer is zero-length or detached");
  const transferredBuffer = transferArrayBuffer(buffer);
  if (controller.pendingPullIntos.length > 0) {
    const first = controller.pendingPullIntos[0];
    if (isDetached(first.buffer)) throw invalidState("The BYOB request's buffer has been detached and so cannot be filled with an enqueued chunk");
    byteControllerInvalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === "none") byteControllerEnqueueDetachedPullIntoToQueue(controller, first);
  }
  if (hasDefaultReader(stream)) {
    byteControllerProcessReadRequestsUsingQueue(controller);
    if (numReadRequests(stream) === 0) {
      byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    } else {
      if (controller.pendingPullIntos.length > 0) byteControllerShiftPendingPullInto(controller);
      readableStreamFulfillReadRequest(stream, new Uint8Array(transferredBuffer, byteOffset, byteLength), false);
    }
  } else if (hasBYOBReader(stream)) {
    byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
    for (const d of filled) byteControllerCommitPullIntoDescriptor(stream, d);
  } else {
    byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  controller.queue.push({ buffer, byteOffset, byteLength });
  controller.queueTotalSize += byteLength;
}

function byteControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (e) {
    byteControllerError(controller, e);
    throw e;
  }
  byteControllerEnqueueChunkToQueue(controller, clone, 0, byteLength);
}

function byteControllerEnqueueDetachedPullIntoToQueue(controller, d) {
  if (d.bytesFilled > 0) byteControllerEnqueueClonedChunkToQueue(controller, d.buffer, d.byteOffset, d.bytesFilled);
  byteControllerShiftPendingPullInto(controller);
}

function byteControllerError(controller, e) {
  const stream = controller.stream;
  if (stream.state !== READABLE) return;
  byteControllerClearPendingPullIntos(controller);
  resetByteQueue(controller);
  byteControllerClearAlgorithms(controller);
  readableStreamError(stream, e);
}

function byteControllerFillHeadPullIntoDescriptor(controller, size, d) {
  d.bytesFilled += size;
}

function byteControllerFillPullIntoDescriptorFromQueue(controller, d) {
  const maxBytesToCopy = Math.min(controller.queueTotalSize, d.byteLength - d.bytesFilled);
  const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % d.elementSize);
  if (maxAlignedBytes >= d.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
    ready = true;
  }
  const queue = controller.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue.peek();
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    copyBytes(d.buffer, d.byteOffset + d.bytesFilled, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    controller.queueTotalSize -= bytesToCopy;
    byteControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, d);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function byteControllerFillReadRequestFromQueue(controller, readRequest) {
  const entry = controller.queue.shift();
  controller.queueTotalSize -= entry.byteLength;
  byteControllerHandleQueueDrain(controller);
  readRequest.chunkSteps(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function byteControllerGetBYOBRequest(controller) {
  if (controller.byobRequest === null && controller.pendingPullIntos.length > 0) {
    const first = controller.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    const request = { controller, view, pub: undefined };
    new ReadableStreamBYOBRequest(kInternal, request);
    controller.byobRequest = request;
  }
  return controller.byobRequest;
}

function byteControllerGetDesiredSize(controller) {
  const state = controller.stream.state;
  if (state === ERRORED) return null;
  if (state === CLOSED) return 0;
  return controller.strategyHWM - controller.queueTotalSize;
}

function byteControllerHandleQueueDrain(controller) {
  if (controller.queueTotalSize === 0 && controller.closeRequested) {
    byteControllerClearAlgorithms(controller);
    readableStreamClose(controller.stream);
  } else {
    byteControllerCallPullIfNeeded(controller);
  }
}

function byteControllerInvalidateBYOBRequest(controller) {
  const request = controller.byobRequest;
  if (request === null) return;
  request.controller = undefined;
  request.view = null;
  controller.byobRequest = null;
}

function byteControllerProcessPullIntoDescriptorsUsingQueue(controller) {
  const filled = [];
  while (controller.pendingPullIntos.length > 0) {
    if (controller.queueTotalSize === 0) break;
    const d = controller.pendingPullIntos[0];
    if (byteControllerFillPullIntoDescriptorFromQueue(controller, d)) {
      byteControllerShiftPendingPullInto(controller);
      filled.push(d);
    }
  }
  return filled;
}

function byteControllerProcessReadRequestsUsingQueue(controller) {
  const reader = controller.stream.reader;
  while (reader.readRequests.length > 0) {
    if (controller.queueTotalSize === 0) return;
    byteControllerFillReadRequestFromQueue(controller, reader.readRequests.shift());
  }
}

function byteControllerPullInto(controller, view, min, readIntoRequest) {
  const stream = controller.stream;
  let elementSize = 1;
  let viewConstructor = DataView;
  const typedArrayName = typedArrayTag.call(view);
  if (typedArrayName !== undefined) {
    viewConstructor = typedArrayConstructors[typedArrayName];
    elementSize = viewConstructor.BYTES_PER_ELEMENT;
  }
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (e) {
    readIntoRequest.errorSteps(e);
    return;
  }
  const d = {
    buffer,
    bufferByteLength: buffer.byteLength,
    byteOffset,
    byteLength,
    bytesFilled: 0,
    minimumFill,
    elementSize,
    viewConstructor,
    readerType: "byob",
  };
  if (controller.pendingPullIntos.length > 0) {
    controller.pendingPullIntos.push(d);
    stream.reader.readIntoRequests.push(readIntoRequest);
    return;
  }
  if (stream.state === CLOSED) {
    readIntoRequest.closeSteps(new viewConstructor(d.buffer, d.byteOffset, 0));
    return;
  }
  if (controller.queueTotalSize > 0) {
    if (byteControllerFillPullIntoDescriptorFromQueue(controller, d)) {
      const filledView = byteControllerConvertPullIntoDescriptor(d);
      byteControllerHandleQueueDrain(controller);
      readIntoRequest.chunkSteps(filledView);
      return;
    }
    if (controller.closeRequested) {
      const e = invalidState("Partial read");
      byteControllerError(controller, e);
      readIntoRequest.errorSteps(e);
      return;
    }
  }
  controller.pendingPullIntos.push(d);
  stream.reader.readIntoRequests.push(readIntoRequest);
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespond(controller, bytesWritten) {
  const first = controller.pendingPullIntos[0];
  if (controller.stream.state === CLOSED) {
    if (bytesWritten !== 0) throw ERR_INVALID_ARG_VALUE("bytesWritten", bytesWritten);
  } else {
    if (bytesWritten === 0) throw ERR_INVALID_ARG_VALUE("bytesWritten", bytesWritten);
    if (first.bytesFilled + bytesWritten > first.byteLength) throw invalidRange("bytesWritten", bytesWritten);
  }
  first.buffer = transferArrayBuffer(first.buffer);
  byteControllerRespondInternal(controller, bytesWritten);
}

function byteControllerRespondInClosedState(controller, first) {
  if (first.readerType === "none") byteControllerShiftPendingPullInto(controller);
  const stream = controller.stream;
  if (hasBYOBReader(stream)) {
    const filled = [];
    while (filled.length < numReadIntoRequests(stream)) filled.push(byteControllerShiftPendingPullInto(controller));
    for (const d of filled) byteControllerCommitPullIntoDescriptor(stream, d);
  }
}

function byteControllerRespondInReadableState(controller, bytesWritten, d) {
  byteControllerFillHeadPullIntoDescriptor(controller, bytesWritten, d);
  const stream = controller.stream;
  if (d.readerType === "none") {
    byteControllerEnqueueDetachedPullIntoToQueue(controller, d);
    for (const filled of byteControllerProcessPullIntoDescriptorsUsingQueue(controller)) byteControllerCommitPullIntoDescriptor(stream, filled);
    return;
  }
  if (d.bytesFilled < d.minimumFill) return;
  byteControllerShiftPendingPullInto(controller);
  const remainderSize = d.bytesFilled % d.elementSize;
  if (remainderSize > 0) {
    const end = d.byteOffset + d.bytesFilled;
    byteControllerEnqueueClonedChunkToQueue(controller, d.buffer, end - remainderSize, remainderSize);
  }
  d.bytesFilled -= remainderSize;
  const filledPullIntos = byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
  byteControllerCommitPullIntoDescriptor(stream, d);
  for (const filled of filledPullIntos) byteControllerCommitPullIntoDescriptor(stream, filled);
}

function byteControllerRespondInternal(controller, bytesWritten) {
  const first = controller.pendingPullIntos[0];
  byteControllerInvalidateBYOBRequest(controller);
  if (controller.stream.state === CLOSED) byteControllerRespondInClosedState(controller, first);
  else byteControllerRespondInReadableState(controller, bytesWritten, first);
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespondWithNewView(controller, view) {
  const first = controller.pendingPullIntos[0];
  if (controller.stream.state === CLOSED) {
    if (view.byteLength !== 0) throw ERR_INVALID_ARG_VALUE("view", view);
  } else if (view.byteLength === 0) {
    throw ERR_INVALID_ARG_VALUE("view", view);
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw invalidRange("view", view);
  if (first.bufferByteLength !== view.buffer.byteLength) throw invalidRange("view", view);
  if (first.bytesFilled + view.byteLength > first.byteLength) throw invalidRange("view", view);
  const viewByteLength = view.byteLength;
  first.buffer = transferArrayBuffer(view.buffer);
  byteControllerRespondInternal(controller, viewByteLength);
}

function byteControllerShiftPendingPullInto(controller) {
  return controller.pendingPullIntos.shift();
}

// ================================================================ tee

function readableStreamTee(stream) {
  if (stream.controller.kind === "byte") return readableByteStreamTee(stream);
  return readableStreamDefaultTee(stream);
}

function readableStreamDefaultTee(stream) {
  const reader = acquireDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = deferred();

  const readRequest = {
    chunkSteps(chunk) {
      // A microtask later, so that a read that errors the stream right after this chunk
      // does not see the chunk already enqueued in a branch.
      queueMicrotask(() => {
        readAgain = false;
        if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk);
        if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk);
        reading = false;
        if (readAgain) pullAlgorithm();
      });
    },
    closeSteps() {
      reading = false;
      if (!canceled1) defaultControllerClose(branch1.controller);
      if (!canceled2) defaultControllerClose(branch2.controller);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    },
    errorSteps() {
      reading = false;
    },
  };

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return resolvedUndefined;
    }
    reading = true;
    defaultReaderRead(reader, readRequest);
    return resolvedUndefined;
  }
  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }
  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm);
  branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm);
  react(reader.closed.promise, undefined, (r) => {
    defaultControllerError(branch1.controller, r);
    defaultControllerError(branch2.controller, r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [branch1, branch2];
}

function readableByteStreamTee(stream) {
  let reader = acquireDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = deferred();

  function forwardReaderError(thisReader) {
    react(thisReader.closed.promise, undefined, (r) => {
      if (thisReader !== reader) return;
      byteControllerError(branch1.controller, r);
      byteControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  }

  function pullAfterChunk() {
    reading = false;
    if (readAgainForBranch1) pull1Algorithm();
    else if (readAgainForBranch2) pull2Algorithm();
  }

  /** Errors both branches and cancels the source when a chunk cannot be cloned. */
  function failClone(e) {
    byteControllerError(branch1.controller, e);
    byteControllerError(branch2.controller, e);
    cancelPromise.resolve(readableStreamCancel(stream, e));
  }

  function pullWithDefaultReader() {
    if (reader.kind === "byob") {
      byobReaderRelease(reader);
      reader = acquireDefaultReader(stream);
      forwardReaderError(reader);
    }
    defaultReaderRead(reader, {
      chunkSteps(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (e) {
              failClone(e);
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(branch1.controller, chunk);
          if (!canceled2) byteControllerEnqueue(branch2.controller, chunk2);
          pullAfterChunk();
        });
      },
      closeSteps() {
        reading = false;
        if (!canceled1) byteControllerClose(branch1.controller);
        if (!canceled2) byteControllerClose(branch2.controller);
        if (branch1.controller.pendingPullIntos.length > 0) byteControllerRespond(branch1.controller, 0);
        if (branch2.controller.pendingPullIntos.length > 0) byteControllerRespond(branch2.controller, 0);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      errorSteps() {
        reading = false;
      },
    });
  }

  function pullWithBYOBReader(view, forBranch2) {
    if (reader.kind === "default") {
      defaultReaderRelease(reader);
      reader = acquireBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    byobReaderRead(reader, view, 1, {
      chunkSteps(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = cloneAsUint8Array(chunk);
            } catch (e) {
              failClone(e);
              return;
            }
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
            byteControllerEnqueue(otherBranch.controller, clonedChunk);
          } else if (!byobCanceled) {
            byteControllerRespondWithNewView(byobBranch.controller, chunk);
          }
          pullAfterChunk();
        });
      },
      closeSteps(chunk) {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) byteControllerClose(byobBranch.controller);
        if (!otherCanceled) byteControllerClose(otherBranch.controller);
        if (chunk !== undefined) {
          if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
          if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) byteControllerRespond(otherBranch.controller, 0);
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
      },
      errorSteps() {
        reading = false;
      },
    });
  }

  function pull1Algorithm() {
    if (reading) {
      readAgainForBranch1 = true;
      return resolvedUndefined;
    }
    reading = true;
    const byobRequest = byteControllerGetBYOBRequest(branch1.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, false);
    return resolvedUndefined;
  }
  function pull2Algorithm() {
    if (reading) {
      readAgainForBranch2 = true;
      return resolvedUndefined;
    }
    reading = true;
    const byobRequest = byteControllerGetBYOBRequest(branch2.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, true);
    return resolvedUndefined;
  }
  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }
  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
  branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// ================================================================ ReadableStream.from

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function notIterable(value) {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  return nodeError(TypeError, "ERR_ARG_NOT_ITERABLE", `${inspect ? inspect(value) : String(value)} must be iterable`);
}

/** GetIterator(obj, async): the async iterator, or one made from the sync iterator. */
function getAsyncIterator(obj) {
  const asyncMethod = obj[Symbol.asyncIterator];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    if (typeof asyncMethod !== "function") throw notIterable(obj);
    const iterator = asyncMethod.call(obj);
    if (!isObject(iterator)) throw new TypeError("The iterator returned by [Symbol.asyncIterator]() is not an object");
    return { iterator, next: iterator.next };
  }
  const syncMethod = obj[Symbol.iterator];
  if (typeof syncMethod !== "function") throw notIterable(obj);
  const syncIterator = syncMethod.call(obj);
  if (!isObject(syncIterator)) throw new TypeError("The iterator returned by [Symbol.iterator]() is not an object");
  return asyncFromSyncIterator(syncIterator, syncIterator.next);
}

/** CreateAsyncFromSyncIterator: the sync iterator's results, their values awaited. */
function asyncFromSyncIterator(syncIterator, syncNext) {
  const continueWith = (result) => {
    if (!isObject(result)) throw new TypeError("The iterator.next() method must return an object");
    const done = !!result.done;
    return then(promiseResolve(result.value), (value) => ({ value, done }));
  };
  const iterator = {
    next(value) {
      try {
        return continueWith(syncNext.call(syncIterator, value));
      } catch (e) {
        return promiseReject(e);
      }
    },
    return(value) {
      try {
        const method = syncIterator.return;
        if (method === undefined || method === null) return promiseResolve({ value, done: true });
        return continueWith(method.call(syncIterator, value));
      } catch (e) {
        return promiseReject(e);
      }
    },
  };
  return { iterator, next: iterator.next };
}

function readableStreamFromIterable(asyncIterable) {
  const record = getAsyncIterator(asyncIterable);
  const stream = createReadableStream(
    noop,
    () => {
      let nextResult;
      try {
        nextResult = record.next.call(record.iterator);
      } catch (e) {
        return promiseReject(e);
      }
      return then(resolvedWith(nextResult), (result) => {
        if (!isObject(result)) throw invalidState("The iterator.next() method must return an object");
        if (result.done) defaultControllerClose(stream.controller);
        else defaultControllerEnqueue(stream.controller, result.value);
      });
    },
    (reason) => {
      const iterator = record.iterator;
      let returnResult;
      try {
        const returnMethod = iterator.return;
        if (returnMethod === undefined || returnMethod === null) return promiseResolve(undefined);
        returnResult = returnMethod.call(iterator, reason);
      } catch (e) {
        return promiseReject(e);
      }
      return then(resolvedWith(returnResult), (result) => {
        if (!isObject(result)) throw invalidState("The promise returned by the iterator.return() method must fulfill with an object");
      });
    },
    0,
  );
  return stream;
}

// ================================================================ async iteration

/**
 * The state of an async iterator, which is also the read request of its next(): next() and
 * return() calls queue up behind one another, so one read at most is under way, and its
 * promise's resolving functions are kept here rather than in a request made per read.
 */
class IteratorRecord {
  constructor(reader, preventCancel) {
    this.reader = reader;
    this.preventCancel = preventCancel;
    this.isFinished = false;
    this.ongoingPromise = null;
    this.resolveFn = undefined;
    this.rejectFn = undefined;
    // The steps and reactions of next(), made once per iterator rather than at every call.
    this.nextSteps = () => iteratorNextSteps(this);
    this.onNextFulfilled = (result) => {
      this.ongoingPromise = null;
      if (result === undefined) {
        this.isFinished = true;
        return { value: undefined, done: true };
      }
      return result;
    };
    this.onNextRejected = (reason) => {
      this.ongoingPromise = null;
      this.isFinished = true;
      throw reason;
    };
  }
  chunkSteps(chunk) {
    this.resolveFn({ value: chunk, done: false });
  }
  closeSteps() {
    defaultReaderRelease(this.reader);
    // End of iteration.
    this.resolveFn(undefined);
  }
  errorSteps(e) {
    defaultReaderRelease(this.reader);
    this.rejectFn(e);
  }
}

/** WebIDL's async iterator for ReadableStream. */
class ReadableStreamAsyncIterator {
  #r;

  constructor(reader, preventCancel) {
    this.#r = new IteratorRecord(reader, preventCancel);
  }

  next() {
    let it;
    try {
      // The brand check: reading #r throws for any other value (cheaper than `#r in this`).
      it = this.#r;
    } catch {
      return promiseReject(invalidThis("ReadableStreamAsyncIterator"));
    }
    const ongoingPromise = it.ongoingPromise;
    it.ongoingPromise = ongoingPromise !== null ? promiseThen.call(ongoingPromise, it.nextSteps, it.nextSteps) : iteratorNextSteps(it);
    return it.ongoingPromise;
  }

  return(value = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("ReadableStreamAsyncIterator"));
    const it = this.#r;
    const returnSteps = () => {
      if (it.isFinished) return promiseResolve({ value, done: true });
      it.isFinished = true;
      const reader = it.reader;
      if (!it.preventCancel) {
        const result = readableStreamCancel(reader.stream, value);
        defaultReaderRelease(reader);
        return result;
      }
      defaultReaderRelease(reader);
      return promiseResolve(undefined);
    };
    it.ongoingPromise = it.ongoingPromise !== null ? then(it.ongoingPromise, returnSteps, returnSteps) : returnSteps();
    return then(it.ongoingPromise, () => ({ value, done: true }));
  }
}

/** The next steps: read a chunk; its result settles the promise of next() one job later. */
function iteratorNextSteps(it) {
  if (it.isFinished) return promiseResolve({ value: undefined, done: true });
  const reader = it.reader;
  const stream = reader.stream;
  let promise;
  const controller = stream.controller;
  if (stream.state === READABLE && controller.kind === "default") {
    if (controller.queue.length > 0) {
      // A chunk already queued: the read would settle before returning (as in read()).
      promise = promiseResolve({ value: defaultControllerTakeChunk(controller), done: false });
    } else {
      // The rest of the default controller's pull steps: the request waits for a chunk.
      promise = new PromiseConstructor(captureExecutor);
      it.resolveFn = capturedResolve;
      it.rejectFn = capturedReject;
      reader.readRequests.push(it);
      defaultControllerCallPullIfNeeded(controller);
    }
  } else {
    promise = new PromiseConstructor(captureExecutor);
    it.resolveFn = capturedResolve;
    it.rejectFn = capturedReject;
    defaultReaderRead(reader, it);
  }
  return promiseThen.call(promise, it.onNextFulfilled, it.onNextRejected);
}
// Shaped as WebIDL's async iterator prototype: inherits %AsyncIteratorPrototype% (so `for await`
// and iterator helpers work) and has no constructor.
Object.setPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
delete ReadableStreamAsyncIterator.prototype.constructor;
for (const key of ["next", "return"]) Object.defineProperty(ReadableStreamAsyncIterator.prototype, key, { enumerable: true });

// ================================================================ pipeTo

function readableStreamPipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
  const reader = acquireDefaultReader(source);
  const writer = acquireWriter(dest);
  let shuttingDown = false;
  const result = deferred();
  // The write request of the last chunk read; shutdown waits for it so no read chunk is lost.
  // One request serves every write once the previous one has settled; `writes` counts them.
  let currentWrite;
  let writes = 0;
  let abortAlgorithm;

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) actions.push(() => (dest.state === WRITABLE ? writableStreamAbort(dest, error) : promiseResolve(undefined)));
      if (!preventCancel) actions.push(() => (source.state === READABLE ? readableStreamCancel(source, error) : promiseResolve(undefined)));
      shutdownWithAction(() => promiseAll(actions.map((action) => action())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return result.promise;
    }
    signal.addEventListener("abort", abortAlgorithm, { once: true, [kResistStopPropagation]: true });
  }

  function waitForWritesToFinish() {
    const oldWrites = writes;
    const settled = currentWrite === undefined ? resolvedUndefined : currentWrite.settledPromise();
    return then(settled, () => (oldWrites !== writes ? waitForWritesToFinish() : undefined));
  }

  function shouldWaitForWrites() {
    return dest.state === WRITABLE && !writableStreamCloseQueuedOrInFlight(dest);
  }

  function shutdownWithAction(action, originalIsError = false, originalError = undefined) {
    if (shuttingDown) return;
    shuttingDown = true;
    const doTheRest = () => {
      react(
        action(),
        () => finalize(originalIsError, originalError),
        (newError) => finalize(true, newError),
      );
    };
    if (shouldWaitForWrites()) react(waitForWritesToFinish(), doTheRest);
    else doTheRest();
  }

  function shutdown(isError = false, error = undefined) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (shouldWaitForWrites()) react(waitForWritesToFinish(), () => finalize(isError, error));
    else finalize(isError, error);
  }

  function finalize(isError, error) {
    writerRelease(writer);
    defaultReaderRelease(reader);
    if (signal !== undefined) signal.removeEventListener("abort", abortAlgorithm);
    if (isError) result.reject(error);
    else result.resolve(undefined);
  }

  // The loop: while the destination wants data (its writer's ready promise is fulfilled), read a
  // chunk and write it. A chunk that is already queued is read and written at once; otherwise
  // the loop waits for the chunk (the read request) or for the ready promise to settle (as a
  // reaction to it). It stops at shutdown; the source closing or erroring is seen through the
  // reader's closed promise. The read request is one object for the whole pipe.
  let reading = false;
  let pumping = false;
  const pump = () => {
    pumping = true;
    while (!shuttingDown && !reading) {
      const ready = writer.ready;
      if (ready.state !== LAZY_FULFILLED) {
        // A rejected ready promise means the destination is erroring: shutdown follows.
        if (ready.state === LAZY_PENDING) ready.listen(pump, noop);
        break;
      }
      reading = true;
      // Settles the read request at once when a chunk is queued (its steps clear `reading`).
      const controller = source.controller;
      if (source.state === READABLE && controller.kind === "default" && controller.queue.length > 0) {
        pipeReadRequest.chunkSteps(defaultControllerTakeChunk(controller));
      } else {
        defaultReaderRead(reader, pipeReadRequest);
      }
    }
    pumping = false;
  };
  const pipeReadRequest = {
    chunkSteps(chunk) {
      reading = false;
      const request = currentWrite !== undefined && currentWrite.reusable() ? currentWrite : new PipeWriteRequest();
      // Pending from now: the write may even settle before writerWrite() returns.
      request.pending = true;
      // A write refused (the destination closing or erroring) is settled by the shutdown.
      const refused = writerWrite(writer, chunk, request);
      if (refused === undefined) {
        currentWrite = request;
        writes++;
      } else {
        request.pending = false;
        markHandled(refused);
      }
      // A chunk that came later, from the source's enqueue(): the loop goes on from a fresh job
      // (never inside the source's call).
      if (!pumping) pumpLater();
    },
    closeSteps: noop,
    errorSteps: noop,
  };
  const pumpLater = () => {
    if (shuttingDown) return;
    const ready = writer.ready;
    if (ready.state === LAZY_FULFILLED) promiseThen.call(resolvedUndefined, pump, noop);
    else if (ready.state === LAZY_PENDING) ready.listen(pump, noop);
  };

  // Errors must be propagated forward.
  const onSourceErrored = (storedError) => {
    if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  if (source.state === ERRORED) onSourceErrored(source.storedError);
  else react(reader.closed.promise, undefined, onSourceErrored);

  // Errors must be propagated backward.
  const onDestErrored = (storedError) => {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  if (dest.state === ERRORED) onDestErrored(dest.storedError);
  else react(writer.closed.promise, undefined, onDestErrored);

  // Closing must be propagated forward.
  const onSourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
    else shutdown();
  };
  if (source.state === CLOSED) onSourceClosed();
  else react(reader.closed.promise, onSourceClosed);

  // Closing must be propagated backward.
  if (writableStreamCloseQueuedOrInFlight(dest) || dest.state === CLOSED) {
    const destClosed = invalidState("Destination WritableStream is closed");
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }

  pumpLater();
  return result.promise;
}

/**
 * The write request of a pipe's chunk: nobody sees its promise, so there is none, unless the
 * pipe's shutdown waits for the write to settle (settledPromise()).
 */
class PipeWriteRequest {
  constructor() {
    this.pending = false;
  }
  resolve() {
    this.pending = false;
    if (this.settled !== undefined) this.settled.resolve(undefined);
  }
  reject() {
    this.resolve();
  }
  /** Settled, and nobody waits for it: it can serve the next write. */
  reusable() {
    return !this.pending && this.settled === undefined;
  }
  /** A promise fulfilled once the write has settled, either way. */
  settledPromise() {
    if (!this.pending) return resolvedUndefined;
    if (this.settled === undefined) this.settled = deferred();
    return this.settled.promise;
  }
}
PipeWriteRequest.prototype.settled = undefined;

// ================================================================ WritableStream

let writableRecordOf;

/** The marker the controller queues for close(). */
const closeSentinel = Symbol("close");

function newWritableRecord() {
  return {
    state: WRITABLE,
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    writeRequests: new Queue(),
    backpressure: false,
    pub: undefined,
  };
}

export class WritableStream {
  #r;

  constructor(underlyingSink = undefined, strategy = undefined) {
    if (underlyingSink === kInternal) {
      this.#r = strategy;
      strategy.pub = this;
      return;
    }
    if (underlyingSink === null || (underlyingSink !== undefined && !isObject(underlyingSink))) {
      throw ERR_INVALID_ARG_TYPE("sink", "Object", underlyingSink);
    }
    const strategyDict = queuingStrategy(strategy);
    const sink = underlyingSink ?? {};
    const sinkDict = {
      abort: callbackMember(sink, "abort", "sink"),
      close: callbackMember(sink, "close", "sink"),
      start: callbackMember(sink, "start", "sink"),
      type: sink.type,
      write: callbackMember(sink, "write", "sink"),
    };
    if (sinkDict.type !== undefined) throw invalidRange("type", sinkDict.type);
    const stream = newWritableRecord();
    this.#r = stream;
    stream.pub = this;
    const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
    const highWaterMark = extractHighWaterMark(strategyDict, 1);
    setUpWritableControllerFromSink(stream, sink, sinkDict, highWaterMark, sizeAlgorithm);
  }

  static {
    writableRecordOf = (value) => (isObject(value) && #r in value ? value.#r : undefined);
  }

  get locked() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStream");
    return this.#r.writer !== undefined;
  }

  abort(reason = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStream"));
    if (this.#r.writer !== undefined) return promiseReject(invalidState("WritableStream is locked"));
    return writableStreamAbort(this.#r, reason);
  }

  close() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStream"));
    if (this.#r.writer !== undefined) return promiseReject(invalidState("WritableStream is locked"));
    if (writableStreamCloseQueuedOrInFlight(this.#r)) return promiseReject(invalidState("Failure to close WritableStream"));
    return writableStreamClose(this.#r);
  }

  getWriter() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStream");
    return acquireWriter(this.#r).pub;
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { locked: this.#r.writer !== undefined, state: stateNames[this.#r.state] }, depth, options, inspect);
  }
}

// ---- WritableStream abstract operations

function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  const stream = newWritableRecord();
  new WritableStream(kInternal, stream);
  const controller = newWritableControllerRecord();
  setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

function writableStreamAbort(stream, reason) {
  if (stream.state === CLOSED || stream.state === ERRORED) return promiseResolve(undefined);
  // Aborting the signal runs user code (abort listeners), which may change the state.
  stream.controller.abortController.abort(reason);
  const state = stream.state;
  if (state === CLOSED || state === ERRORED) return promiseResolve(undefined);
  if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
  let wasAlreadyErroring = false;
  if (state === ERRORING) {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const promise = deferred();
  stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return promise.promise;
}

function writableStreamClose(stream) {
  const state = stream.state;
  if (state === CLOSED || state === ERRORED) return promiseReject(invalidState("WritableStream is closed"));
  const promise = deferred();
  stream.closeRequest = promise;
  const writer = stream.writer;
  if (writer !== undefined && stream.backpressure && state === WRITABLE) writer.ready.resolve(undefined);
  writableControllerClose(stream.controller);
  return promise.promise;
}

function writableStreamCloseQueuedOrInFlight(stream) {
  return stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
}

function writableStreamHasOperationMarkedInFlight(stream) {
  return stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
}

function writableStreamDealWithRejection(stream, error) {
  if (stream.state === WRITABLE) {
    writableStreamStartErroring(stream, error);
    return;
  }
  writableStreamFinishErroring(stream);
}

function writableStreamStartErroring(stream, reason) {
  const controller = stream.controller;
  stream.state = ERRORING;
  stream.storedError = reason;
  const writer = stream.writer;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!writableStreamHasOperationMarkedInFlight(stream) && controller.started) writableStreamFinishErroring(stream);
}

function writableStreamFinishErroring(stream) {
  stream.state = ERRORED;
  resetQueue(stream.controller);
  const storedError = stream.storedError;
  const requests = stream.writeRequests;
  stream.writeRequests = new Queue();
  while (requests.length > 0) requests.shift().reject(storedError);
  if (stream.pendingAbortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const abortRequest = stream.pendingAbortRequest;
  stream.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.promise.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const promise = stream.controller.abortSteps(abortRequest.reason);
  react(
    promise,
    () => {
      abortRequest.promise.resolve(undefined);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    },
    (reason) => {
      abortRequest.promise.reject(reason);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    },
  );
}

function writableStreamFinishInFlightWriteWithError(stream, error) {
  stream.inFlightWriteRequest.reject(error);
  stream.inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(stream, error);
}

function writableStreamFinishInFlightClose(stream) {
  stream.inFlightCloseRequest.resolve(undefined);
  stream.inFlightCloseRequest = undefined;
  if (stream.state === ERRORING) {
    stream.storedError = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.promise.resolve(undefined);
      stream.pendingAbortRequest = undefined;
    }
  }
  stream.state = CLOSED;
  const writer = stream.writer;
  if (writer !== undefined) writer.closed.resolve(undefined);
}

function writableStreamFinishInFlightCloseWithError(stream, error) {
  stream.inFlightCloseRequest.reject(error);
  stream.inFlightCloseRequest = undefined;
  if (stream.pendingAbortRequest !== undefined) {
    stream.pendingAbortRequest.promise.reject(error);
    stream.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(stream, error);
}

function writableStreamMarkCloseRequestInFlight(stream) {
  stream.inFlightCloseRequest = stream.closeRequest;
  stream.closeRequest = undefined;
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
  if (stream.closeRequest !== undefined) {
    stream.closeRequest.reject(stream.storedError);
    stream.closeRequest = undefined;
  }
  const writer = stream.writer;
  if (writer !== undefined) {
    writer.closed.reject(stream.storedError);
    markHandled(writer.closed.promise);
  }
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const writer = stream.writer;
  if (writer !== undefined && backpressure !== stream.backpressure) {
    if (backpressure) {
      if (!writer.ready.renew()) writer.ready = new LazyDeferred(LAZY_PENDING, undefined);
    }
    else writer.ready.resolve(undefined);
  }
  stream.backpressure = backpressure;
}

// ================================================================ WritableStreamDefaultWriter

let writerRecordOf;

function acquireWriter(stream) {
  return writerRecordOf(new WritableStreamDefaultWriter(stream.pub));
}

export class WritableStreamDefaultWriter {
  #r;

  constructor(stream) {
    const record = writableRecordOf(stream);
    if (record === undefined) throw ERR_INVALID_ARG_TYPE("stream", "WritableStream", stream);
    if (record.writer !== undefined) throw invalidState("WritableStream is locked");
    const writer = { stream: record, ready: undefined, closed: undefined, pub: this };
    record.writer = writer;
    const state = record.state;
    if (state === WRITABLE) {
      writer.ready = !writableStreamCloseQueuedOrInFlight(record) && record.backpressure ? lazyDeferred() : lazyResolved();
      writer.closed = deferred();
    } else if (state === ERRORING) {
      writer.ready = lazyRejected(record.storedError);
      writer.closed = deferred();
    } else if (state === CLOSED) {
      writer.ready = lazyResolved();
      writer.closed = resolvedDeferred(undefined);
    } else {
      writer.ready = lazyRejected(record.storedError);
      writer.closed = rejectedDeferred(record.storedError);
    }
    this.#r = writer;
  }

  static {
    writerRecordOf = (value) => (isObject(value) && #r in value ? value.#r : undefined);
  }

  get closed() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStreamDefaultWriter"));
    return this.#r.closed.promise;
  }

  get desiredSize() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStreamDefaultWriter");
    if (this.#r.stream === undefined) throw invalidState("Writer is not bound to a WritableStream");
    return writerGetDesiredSize(this.#r);
  }

  get ready() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStreamDefaultWriter"));
    return this.#r.ready.promise;
  }

  abort(reason = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStreamDefaultWriter"));
    if (this.#r.stream === undefined) return promiseReject(invalidState("Writer is not bound to a WritableStream"));
    return writableStreamAbort(this.#r.stream, reason);
  }

  close() {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStreamDefaultWriter"));
    const stream = this.#r.stream;
    if (stream === undefined) return promiseReject(invalidState("Writer is not bound to a WritableStream"));
    if (writableStreamCloseQueuedOrInFlight(stream)) return promiseReject(invalidState("Failure to close WritableStream"));
    return writableStreamClose(stream);
  }

  releaseLock() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStreamDefaultWriter");
    if (this.#r.stream === undefined) return;
    writerRelease(this.#r);
  }

  write(chunk = undefined) {
    if (!isObject(this) || !(#r in this)) return promiseReject(invalidThis("WritableStreamDefaultWriter"));
    if (this.#r.stream === undefined) return promiseReject(invalidState("Writer is not bound to a WritableStream"));
    return writerWrite(this.#r, chunk);
  }

  [customInspect](depth, options, inspect) {
    const writer = this.#r;
    const desiredSize = writer.stream === undefined ? undefined : writerGetDesiredSize(writer);
    return inspectWith(this, { stream: writer.stream?.pub, close: writer.closed.promise, ready: writer.ready.promise, desiredSize }, depth, options, inspect);
  }
}

function writerCloseWithErrorPropagation(writer) {
  const stream = writer.stream;
  const state = stream.state;
  if (writableStreamCloseQueuedOrInFlight(stream) || state === CLOSED) return promiseResolve(undefined);
  if (state === ERRORED) return promiseReject(stream.storedError);
  return writableStreamClose(stream);
}

function writerEnsureClosedPromiseRejected(writer, error) {
  if (writer.closed.pending) writer.closed.reject(error);
  else writer.closed = rejectedDeferred(error);
  markHandled(writer.closed.promise);
}

function writerEnsureReadyPromiseRejected(writer, error) {
  if (writer.ready.pending) writer.ready.reject(error);
  else writer.ready = lazyRejected(error);
  writer.ready.markHandled();
}

function writerGetDesiredSize(writer) {
  const stream = writer.stream;
  const state = stream.state;
  if (state === ERRORED || state === ERRORING) return null;
  if (state === CLOSED) return 0;
  return writableControllerGetDesiredSize(stream.controller);
}

function writerRelease(writer) {
  const stream = writer.stream;
  const releasedError = invalidState("Writer has been released");
  writerEnsureReadyPromiseRejected(writer, releasedError);
  writerEnsureClosedPromiseRejected(writer, releasedError);
  stream.writer = undefined;
  writer.stream = undefined;
}

/**
 * WritableStreamDefaultWriterWrite: returns the write's promise, or (given the write request, as
 * a pipe does) undefined once the chunk is queued; a refused write returns a rejected promise.
 */
function writerWrite(writer, chunk, request = undefined) {
  const stream = writer.stream;
  const controller = stream.controller;
  const sizeAlgorithm = controller.strategySizeAlgorithm;
  // The default size needs no call (and cannot throw).
  const chunkSize = sizeAlgorithm === sizeOfOne ? 1 : writableControllerGetChunkSize(controller, chunk);
  // The size algorithm is user code: it may have released this writer.
  if (stream !== writer.stream) return promiseReject(invalidState("Writer is not bound to a WritableStream"));
  const state = stream.state;
  if (state === ERRORED) return promiseReject(stream.storedError);
  if (stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined || state === CLOSED) return promiseReject(invalidState("WritableStream is closed"));
  if (state === ERRORING) return promiseReject(stream.storedError);
  // WritableStreamAddWriteRequest
  let promise;
  if (request === undefined) {
    promise = new PromiseConstructor(captureExecutor);
    request = new PromiseRequest();
  }
  const queue = controller.queue;
  if (chunkSize === 1 && queue.length === 0 && stream.inFlightWriteRequest === undefined && controller.started) {
    // An idle controller (the stream is writable, as checked above): the steps of the slow path
    // below, in their order, with the request going in flight without its queue's push and shift.
    queue.values.push(chunk);
    queue.sizes.push(1);
    queue.length = 1;
    controller.queueTotalSize += 1;
    const backpressure = controller.strategyHWM - controller.queueTotalSize <= 0;
    if (backpressure !== stream.backpressure) writableStreamUpdateBackpressure(stream, backpressure);
    stream.inFlightWriteRequest = request;
    promiseThen.call(controller.writeAlgorithm(chunk), controller.onWriteFulfilled, controller.onWriteRejected);
    return promise;
  }
  stream.writeRequests.push(request);
  writableControllerWrite(controller, chunk, chunkSize);
  return promise;
}

// ================================================================ WritableStreamDefaultController

class WritableControllerRecord {
  constructor() {
    this.stream = undefined;
    this.queue = undefined;
    this.queueTotalSize = 0;
    this.abortController = undefined;
    this.started = false;
    this.strategySizeAlgorithm = undefined;
    this.strategyHWM = 0;
    this.writeAlgorithm = undefined;
    this.closeAlgorithm = undefined;
    this.abortAlgorithm = undefined;
    this.onWriteFulfilled = undefined;
    this.onWriteRejected = undefined;
    this.pub = undefined;
  }

  abortSteps(reason) {
    const result = this.abortAlgorithm(reason);
    writableControllerClearAlgorithms(this);
    return result;
  }
}

function newWritableControllerRecord() {
  const controller = new WritableControllerRecord();
  new WritableStreamDefaultController(kInternal, controller);
  return controller;
}

export class WritableStreamDefaultController {
  #r;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw illegalConstructor();
    this.#r = record;
    record.pub = this;
  }

  get signal() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStreamDefaultController");
    return this.#r.abortController.signal;
  }

  error(e = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("WritableStreamDefaultController");
    if (this.#r.stream.state !== WRITABLE) return;
    writableControllerError(this.#r, e);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { stream: this.#r.stream.pub }, depth, options, inspect);
  }
}

function setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  controller.stream = stream;
  // The reactions to a sink write, made once here rather than at every write.
  controller.onWriteFulfilled = () => {
    // WritableStreamFinishInFlightWrite
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
    dequeueValue(controller);
    if (stream.closeRequest === undefined && stream.inFlightCloseRequest === undefined && stream.state === WRITABLE) {
      const backpressure = controller.strategyHWM - controller.queueTotalSize <= 0;
      if (backpressure !== stream.backpressure) writableStreamUpdateBackpressure(stream, backpressure);
    }
    writableControllerAdvanceQueueIfNeeded(controller);
  };
  controller.onWriteRejected = (reason) => {
    if (stream.state === WRITABLE) writableControllerClearAlgorithms(controller);
    writableStreamFinishInFlightWriteWithError(stream, reason);
  };
  stream.controller = controller;
  resetQueue(controller);
  controller.abortController = new AbortController();
  controller.strategySizeAlgorithm = sizeAlgorithm;
  controller.strategyHWM = highWaterMark;
  controller.writeAlgorithm = writeAlgorithm;
  controller.closeAlgorithm = closeAlgorithm;
  controller.abortAlgorithm = abortAlgorithm;
  writableStreamUpdateBackpressure(stream, writableControllerGetBackpressure(controller));
  const startResult = startAlgorithm();
  react(
    resolvedWith(startResult),
    () => {
      controller.started = true;
      writableControllerAdvanceQueueIfNeeded(controller);
    },
    (r) => {
      controller.started = true;
      writableStreamDealWithRejection(stream, r);
    },
  );
}

function setUpWritableControllerFromSink(stream, sink, dict, highWaterMark, sizeAlgorithm) {
  const controller = newWritableControllerRecord();
  const { start, write, close, abort } = dict;
  const pub = controller.pub;
  const startAlgorithm = start === undefined ? noop : () => start.call(sink, pub);
  const writeAlgorithm =
    write === undefined
      ? returnResolved
      : (chunk) => {
          try {
            const result = write.call(sink, chunk, pub);
            return result === undefined ? resolvedUndefined : resolvedWith(result);
          } catch (e) {
            return promiseReject(e);
          }
        };
  const closeAlgorithm = close === undefined ? returnResolved : () => promiseCall0(close, sink);
  const abortAlgorithm = abort === undefined ? returnResolved : (reason) => promiseCall1(abort, sink, reason);
  setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
}

function writableControllerAdvanceQueueIfNeeded(controller) {
  const stream = controller.stream;
  if (!controller.started || stream.inFlightWriteRequest !== undefined) return;
  if (stream.state === ERRORING) {
    writableStreamFinishErroring(stream);
    return;
  }
  const queue = controller.queue;
  if (queue.length === 0) return;
  const value = queue.values[queue.head];
  if (value === closeSentinel) writableControllerProcessClose(controller);
  else writableControllerProcessWrite(controller, value);
}

function writableControllerClearAlgorithms(controller) {
  controller.writeAlgorithm = undefined;
  controller.closeAlgorithm = undefined;
  controller.abortAlgorithm = undefined;
  controller.strategySizeAlgorithm = undefined;
}

function writableControllerClose(controller) {
  enqueueValueWithSize(controller, closeSentinel, 0);
  writableControllerAdvanceQueueIfNeeded(controller);
}

function writableControllerError(controller, error) {
  writableControllerClearAlgorithms(controller);
  writableStreamStartErroring(controller.stream, error);
}

function writableControllerErrorIfNeeded(controller, error) {
  if (controller.stream.state === WRITABLE) writableControllerError(controller, error);
}

function writableControllerGetBackpressure(controller) {
  return writableControllerGetDesiredSize(controller) <= 0;
}

function writableControllerGetChunkSize(controller, chunk) {
  // Cleared algorithms mean the stream is erroring or errored: the write will be rejected anyway.
  if (controller.strategySizeAlgorithm === undefined) return 1;
  try {
    return controller.strategySizeAlgorithm(chunk);
  } catch (e) {
    writableControllerErrorIfNeeded(controller, e);
    return 1;
  }
}

function writableControllerGetDesiredSize(controller) {
  return controller.strategyHWM - controller.queueTotalSize;
}

function writableControllerProcessClose(controller) {
  const stream = controller.stream;
  writableStreamMarkCloseRequestInFlight(stream);
  dequeueValue(controller);
  const sinkClosePromise = controller.closeAlgorithm();
  writableControllerClearAlgorithms(controller);
  react(
    sinkClosePromise,
    () => writableStreamFinishInFlightClose(stream),
    (reason) => writableStreamFinishInFlightCloseWithError(stream, reason),
  );
}

function writableControllerProcessWrite(controller, chunk) {
  const stream = controller.stream;
  // WritableStreamMarkFirstWriteRequestInFlight
  stream.inFlightWriteRequest = stream.writeRequests.shift();
  promiseThen.call(controller.writeAlgorithm(chunk), controller.onWriteFulfilled, controller.onWriteRejected);
}

function writableControllerWrite(controller, chunk, chunkSize) {
  if (chunkSize === 1) {
    // A valid size: EnqueueValueWithSize cannot throw.
    const queue = controller.queue;
    queue.values.push(chunk);
    queue.sizes.push(1);
    queue.length++;
    controller.queueTotalSize += 1;
  } else {
    try {
      enqueueValueWithSize(controller, chunk, chunkSize);
    } catch (e) {
      writableControllerErrorIfNeeded(controller, e);
      return;
    }
  }
  const stream = controller.stream;
  if (stream.closeRequest === undefined && stream.inFlightCloseRequest === undefined && stream.state === WRITABLE) {
    // WritableStreamUpdateBackpressure, which does nothing when the backpressure is unchanged.
    const backpressure = controller.strategyHWM - controller.queueTotalSize <= 0;
    if (backpressure !== stream.backpressure) writableStreamUpdateBackpressure(stream, backpressure);
  }
  writableControllerAdvanceQueueIfNeeded(controller);
}

// ================================================================ TransformStream

export class TransformStream {
  #r;

  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer === null || (transformer !== undefined && !isObject(transformer))) {
      throw ERR_INVALID_ARG_TYPE("transformer", "Object", transformer);
    }
    const writableStrategyDict = queuingStrategy(writableStrategy, "writableStrategy");
    const readableStrategyDict = queuingStrategy(readableStrategy, "readableStrategy");
    const source = transformer ?? {};
    const dict = {
      cancel: callbackMember(source, "cancel", "transformer"),
      flush: callbackMember(source, "flush", "transformer"),
      readableType: source.readableType,
      start: callbackMember(source, "start", "transformer"),
      transform: callbackMember(source, "transform", "transformer"),
      writableType: source.writableType,
    };
    if (dict.readableType !== undefined) throw invalidRange("transformer.readableType", dict.readableType);
    if (dict.writableType !== undefined) throw invalidRange("transformer.writableType", dict.writableType);
    const readableHighWaterMark = extractHighWaterMark(readableStrategyDict, 0);
    const readableSizeAlgorithm = extractSizeAlgorithm(readableStrategyDict);
    const writableHighWaterMark = extractHighWaterMark(writableStrategyDict, 1);
    const writableSizeAlgorithm = extractSizeAlgorithm(writableStrategyDict);
    const startPromise = deferred();
    const stream = { readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined, pub: this };
    this.#r = stream;
    initializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
    setUpTransformControllerFromTransformer(stream, source, dict);
    if (dict.start !== undefined) startPromise.resolve(dict.start.call(source, stream.controller.pub));
    else startPromise.resolve(undefined);
  }

  get readable() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("TransformStream");
    return this.#r.readable.pub;
  }

  get writable() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("TransformStream");
    return this.#r.writable.pub;
  }

  [customInspect](depth, options, inspect) {
    const stream = this.#r;
    return inspectWith(this, { readable: stream.readable.pub, writable: stream.writable.pub, backpressure: stream.backpressure }, depth, options, inspect);
  }
}

function initializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
  const startAlgorithm = () => startPromise;
  stream.writable = createWritableStream(
    startAlgorithm,
    (chunk) => {
      if (stream.backpressure) return transformSinkWriteAlgorithm(stream, chunk);
      // TransformStreamDefaultSinkWriteAlgorithm without backpressure: perform the transform.
      const controller = stream.controller;
      return promiseThen.call(controller.transformAlgorithm(chunk), undefined, controller.onTransformRejected);
    },
    () => transformSinkCloseAlgorithm(stream),
    (reason) => transformSinkAbortAlgorithm(stream, reason),
    writableHighWaterMark,
    writableSizeAlgorithm,
  );
  stream.readable = createReadableStream(
    startAlgorithm,
    () => transformSourcePullAlgorithm(stream),
    (reason) => transformSourceCancelAlgorithm(stream, reason),
    readableHighWaterMark,
    readableSizeAlgorithm,
  );
  stream.readable.controller.lazyPull = true;
  stream.backpressure = undefined;
  stream.backpressureChangePromise = undefined;
  transformStreamSetBackpressure(stream, true);
  stream.controller = undefined;
}

function transformStreamError(stream, e) {
  defaultControllerError(stream.readable.controller, e);
  transformStreamErrorWritableAndUnblockWrite(stream, e);
}

function transformStreamErrorWritableAndUnblockWrite(stream, e) {
  transformControllerClearAlgorithms(stream.controller);
  writableControllerErrorIfNeeded(stream.writable.controller, e);
  transformStreamUnblockWrite(stream);
}

function transformStreamSetBackpressure(stream, backpressure) {
  const changePromise = stream.backpressureChangePromise;
  if (changePromise === undefined) {
    stream.backpressureChangePromise = new LazyDeferred(LAZY_PENDING, undefined);
  } else {
    changePromise.resolve(undefined);
    if (!changePromise.renew()) stream.backpressureChangePromise = new LazyDeferred(LAZY_PENDING, undefined);
  }
  stream.backpressure = backpressure;
}

function transformStreamUnblockWrite(stream) {
  if (stream.backpressure) transformStreamSetBackpressure(stream, false);
}

// ================================================================ TransformStreamDefaultController

export class TransformStreamDefaultController {
  #r;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw illegalConstructor();
    this.#r = record;
    record.pub = this;
  }

  get desiredSize() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("TransformStreamDefaultController");
    return defaultControllerGetDesiredSize(this.#r.stream.readable.controller);
  }

  enqueue(chunk = undefined) {
    let controller;
    try {
      // The brand check: reading #r throws for any other value (cheaper than `#r in this`).
      controller = this.#r;
    } catch {
      throw invalidThis("TransformStreamDefaultController");
    }
    transformControllerEnqueue(controller, chunk);
  }

  error(reason = undefined) {
    if (!isObject(this) || !(#r in this)) throw invalidThis("TransformStreamDefaultController");
    transformStreamError(this.#r.stream, reason);
  }

  terminate() {
    if (!isObject(this) || !(#r in this)) throw invalidThis("TransformStreamDefaultController");
    transformControllerTerminate(this.#r);
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { stream: this.#r.stream.pub }, depth, options, inspect);
  }
}

function setUpTransformController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  controller.stream = stream;
  // TransformStreamDefaultControllerPerformTransform's rejection steps, made once.
  controller.onTransformRejected = (r) => {
    transformStreamError(stream, r);
    throw r;
  };
  stream.controller = controller;
  controller.transformAlgorithm = transformAlgorithm;
  controller.flushAlgorithm = flushAlgorithm;
  controller.cancelAlgorithm = cancelAlgorithm;
}

function setUpTransformControllerFromTransformer(stream, transformer, dict) {
  const controller = {
    stream: undefined,
    transformAlgorithm: undefined,
    flushAlgorithm: undefined,
    cancelAlgorithm: undefined,
    finishPromise: undefined,
    onTransformRejected: undefined,
    pub: undefined,
  };
  new TransformStreamDefaultController(kInternal, controller);
  const pub = controller.pub;
  const { transform, flush, cancel } = dict;
  const transformAlgorithm =
    transform === undefined
      ? (chunk) => {
          try {
            transformControllerEnqueue(controller, chunk);
            return resolvedUndefined;
          } catch (e) {
            return promiseReject(e);
          }
        }
      : (chunk) => {
          try {
            const result = transform.call(transformer, chunk, pub);
            return result === undefined ? resolvedUndefined : resolvedWith(result);
          } catch (e) {
            return promiseReject(e);
          }
        };
  const flushAlgorithm = flush === undefined ? returnResolved : () => promiseCall1(flush, transformer, controller.pub);
  const cancelAlgorithm = cancel === undefined ? returnResolved : (reason) => promiseCall1(cancel, transformer, reason);
  setUpTransformController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
}

function transformControllerClearAlgorithms(controller) {
  controller.transformAlgorithm = undefined;
  controller.flushAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
}

function transformControllerEnqueue(controller, chunk) {
  const stream = controller.stream;
  const readableController = stream.readable.controller;
  if (readableController.closeRequested || stream.readable.state !== READABLE) throw invalidState("Unable to enqueue");
  try {
    defaultControllerEnqueue(readableController, chunk);
  } catch (e) {
    transformStreamErrorWritableAndUnblockWrite(stream, e);
    throw stream.readable.storedError;
  }
  const backpressure = !defaultControllerShouldCallPull(readableController);
  if (backpressure !== stream.backpressure) transformStreamSetBackpressure(stream, true);
}

function transformControllerPerformTransform(controller, chunk) {
  return promiseThen.call(controller.transformAlgorithm(chunk), undefined, controller.onTransformRejected);
}

function transformControllerTerminate(controller) {
  const stream = controller.stream;
  defaultControllerClose(stream.readable.controller);
  transformStreamErrorWritableAndUnblockWrite(stream, invalidState("TransformStream has been terminated"));
}

function transformSinkWriteAlgorithm(stream, chunk) {
  const controller = stream.controller;
  if (stream.backpressure) {
    return then(stream.backpressureChangePromise.promise, () => {
      const writable = stream.writable;
      if (writable.state === ERRORING) throw writable.storedError;
      return transformControllerPerformTransform(controller, chunk);
    });
  }
  return transformControllerPerformTransform(controller, chunk);
}

function transformSinkAbortAlgorithm(stream, reason) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const readable = stream.readable;
  controller.finishPromise = deferred();
  const cancelPromise = controller.cancelAlgorithm(reason);
  transformControllerClearAlgorithms(controller);
  react(
    cancelPromise,
    () => {
      if (readable.state === ERRORED) {
        controller.finishPromise.reject(readable.storedError);
      } else {
        defaultControllerError(readable.controller, reason);
        controller.finishPromise.resolve(undefined);
      }
    },
    (r) => {
      defaultControllerError(readable.controller, r);
      controller.finishPromise.reject(r);
    },
  );
  return controller.finishPromise.promise;
}

function transformSinkCloseAlgorithm(stream) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const readable = stream.readable;
  controller.finishPromise = deferred();
  const flushPromise = controller.flushAlgorithm();
  transformControllerClearAlgorithms(controller);
  react(
    flushPromise,
    () => {
      if (readable.state === ERRORED) {
        controller.finishPromise.reject(readable.storedError);
      } else {
        defaultControllerClose(readable.controller);
        controller.finishPromise.resolve(undefined);
      }
    },
    (r) => {
      defaultControllerError(readable.controller, r);
      controller.finishPromise.reject(r);
    },
  );
  return controller.finishPromise.promise;
}

function transformSourceCancelAlgorithm(stream, reason) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const writable = stream.writable;
  controller.finishPromise = deferred();
  const cancelPromise = controller.cancelAlgorithm(reason);
  transformControllerClearAlgorithms(controller);
  react(
    cancelPromise,
    () => {
      if (writable.state === ERRORED) {
        controller.finishPromise.reject(writable.storedError);
      } else {
        writableControllerErrorIfNeeded(writable.controller, reason);
        transformStreamUnblockWrite(stream);
        controller.finishPromise.resolve(undefined);
      }
    },
    (r) => {
      writableControllerErrorIfNeeded(writable.controller, r);
      transformStreamUnblockWrite(stream);
      controller.finishPromise.reject(r);
    },
  );
  return controller.finishPromise.promise;
}

/** Returns the LazyDeferred itself (the controller listens to it: see `lazyPull`). */
function transformSourcePullAlgorithm(stream) {
  transformStreamSetBackpressure(stream, false);
  return stream.backpressureChangePromise;
}

// ================================================================ queuing strategies

function strategyInit(init) {
  if (!isObject(init)) throw ERR_INVALID_ARG_TYPE("init", "Object", init);
  const highWaterMark = init.highWaterMark;
  if (highWaterMark === undefined) throw nodeError(TypeError, "ERR_MISSING_OPTION", "init.highWaterMark is required");
  return +highWaterMark;
}

// One size function per kind, shared by every instance (as the standard requires).
const byteLengthSize = {
  size(chunk) {
    return chunk.byteLength;
  },
}.size;
const countSize = {
  size() {
    return 1;
  },
}.size;

export class ByteLengthQueuingStrategy {
  #highWaterMark;

  constructor(init) {
    this.#highWaterMark = strategyInit(init);
  }

  get highWaterMark() {
    if (!isObject(this) || !(#highWaterMark in this)) throw invalidThis("ByteLengthQueuingStrategy");
    return this.#highWaterMark;
  }

  get size() {
    if (!isObject(this) || !(#highWaterMark in this)) throw invalidThis("ByteLengthQueuingStrategy");
    return byteLengthSize;
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { highWaterMark: this.#highWaterMark }, depth, options, inspect);
  }
}

export class CountQueuingStrategy {
  #highWaterMark;

  constructor(init) {
    this.#highWaterMark = strategyInit(init);
  }

  get highWaterMark() {
    if (!isObject(this) || !(#highWaterMark in this)) throw invalidThis("CountQueuingStrategy");
    return this.#highWaterMark;
  }

  get size() {
    if (!isObject(this) || !(#highWaterMark in this)) throw invalidThis("CountQueuingStrategy");
    return countSize;
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { highWaterMark: this.#highWaterMark }, depth, options, inspect);
  }
}

// ================================================================ TextEncoderStream / TextDecoderStream

const REPLACEMENT_BYTES = [0xef, 0xbf, 0xbd];

export class TextEncoderStream {
  #transform;

  constructor() {
    const encoder = new TextEncoder();
    // A high surrogate that ended a chunk waits for the low surrogate that may start the next.
    let pendingHighSurrogate = "";
    this.#transform = new TransformStream({
      transform(chunk, controller) {
        let text = `${pendingHighSurrogate}${chunk}`;
        pendingHighSurrogate = "";
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHighSurrogate = text[text.length - 1];
          text = text.slice(0, -1);
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pendingHighSurrogate !== "") controller.enqueue(new Uint8Array(REPLACEMENT_BYTES));
      },
    });
  }

  get encoding() {
    if (!isObject(this) || !(#transform in this)) throw invalidThis("TextEncoderStream");
    return "utf-8";
  }

  get readable() {
    if (!isObject(this) || !(#transform in this)) throw invalidThis("TextEncoderStream");
    return this.#transform.readable;
  }

  get writable() {
    if (!isObject(this) || !(#transform in this)) throw invalidThis("TextEncoderStream");
    return this.#transform.writable;
  }

  [customInspect](depth, options, inspect) {
    return inspectWith(this, { encoding: "utf-8", readable: this.#transform.readable, writable: this.#transform.writable }, depth, options, inspect);
  }
}

export class TextDecoderStream {
  #decoder;
  #transform;

  constructor(label = "utf-8", options = undefined) {
    const decoder = new TextDecoder(label, options);
    this.#decoder = decoder;
    this.#transform = new TransformStream({
      transform(chunk, controller) {
        // decode() rejects a chunk that is not a BufferSource, as in Node.
        const text = decoder.decode(chunk, { stream: true });
        if (text !== "") controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text !== "") controller.enqueue(text);
      },
    });
  }

  get encoding() {
    if (!isObject(this) || !(#decoder in this)) throw invalidThis("TextDecoderStream");
    return this.#decoder.encoding;
  }

  get fatal() {
    if (!isObject(this) || !(#decoder in this)) throw invalidThis("TextDecoderStream");
    return this.#decoder.fatal;
  }

  get ignoreBOM() {
    if (!isObject(this) || !(#decoder in this)) throw invalidThis("TextDecoderStream");
    return this.#decoder.ignoreBOM;
  }

  get readable() {
    if (!isObject(this) || !(#decoder in this)) throw invalidThis("TextDecoderStream");
    return this.#transform.readable;
  }

  get writable() {
    if (!isObject(this) || !(#decoder in this)) throw invalidThis("TextDecoderStream");
    return this.#transform.writable;
  }

  [customInspect](depth, options, inspect) {
    const decoder = this.#decoder;
    return inspectWith(
      this,
      { encoding: decoder.encoding, fatal: decoder.fatal, ignoreBOM: decoder.ignoreBOM, readable: this.#transform.readable, writable: this.#transform.writable },
      depth,
      options,
      inspect,
    );
  }
}

// ================================================================ class shapes

/**
 * `Name { ...fields }` as Node's inspect shows stream objects, or `[Name]` below depth 0. Like
 * Node, a subclass instance shows its base class's name.
 */
function inspectWith(self, fields, depth, options, inspect) {
  const name = self[Symbol.toStringTag];
  if (depth < 0) return `[${name}]`;
  const nested = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
  return `${name} ${inspect(fields, nested)}`;
}

// WebIDL: members are enumerable, and each prototype names its class in Symbol.toStringTag.
for (const C of [
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamDefaultController,
  ReadableByteStreamController,
  ReadableStreamBYOBRequest,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
]) {
  const proto = C.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key !== "constructor") Object.defineProperty(proto, key, { enumerable: true });
  }
  Object.defineProperty(proto, Symbol.toStringTag, { value: C.name, writable: false, enumerable: false, configurable: true });
}

export default {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
};
