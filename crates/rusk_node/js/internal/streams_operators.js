// rusk:internal/streams_operators — Readable's iterator helpers (experimental in Node 20):
// map/filter/flatMap/drop/take/asIndexedPairs/compose return new Readables; forEach/toArray/
// some/every/find/reduce return promises. map (and those built on it) runs up to
// `concurrency` calls of `fn` at once and keeps results in order.

import { AbortError, ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, nodeError, validateAbortSignal, validateInteger, validateObject } from "rusk:internal/errors";
import { Readable } from "rusk:internal/streams_readable";
import { compose as staticCompose } from "rusk:internal/streams_compose";
import { addAbortSignalNoValidate } from "rusk:internal/streams_add_abort_signal";
import { eos } from "rusk:internal/streams_end_of_stream";
import { ERR_INVALID_ARG_VALUE, isNodeStream, isWritable } from "rusk:internal/streams_utils";

const kEmpty = Symbol("kEmpty");
const kEof = Symbol("kEof");

function validateFn(fn, name) {
  if (typeof fn !== "function") throw ERR_INVALID_ARG_TYPE(name, ["Function", "AsyncFunction"], fn);
}

function validateOptions(options) {
  if (options != null) validateObject(options, "options");
  if (options?.signal != null) validateAbortSignal(options.signal, "options.signal");
}

function map(fn, options) {
  validateFn(fn, "fn");
  validateOptions(options);

  let concurrency = 1;
  if (options?.concurrency != null) concurrency = Math.floor(options.concurrency);
  let highWaterMark = concurrency - 1;
  if (options?.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
  validateInteger(concurrency, "options.concurrency", 1);
  validateInteger(highWaterMark, "options.highWaterMark", 0);
  highWaterMark += concurrency;

  return async function* map() {
    // What `fn` gets: aborts with options.signal only.
    const signal = AbortSignal.any(options?.signal ? [options.signal] : []);
    const stream = this;
    // Promises of results, in input order (kEof last).
    const queue = [];
    const signalOpt = { signal };

    let next;
    let resume;
    let done = false;
    let cnt = 0;

    function onCatch() {
      done = true;
      afterItemProcessed();
    }
    function afterItemProcessed() {
      cnt -= 1;
      maybeResume();
    }
    function maybeResume() {
      if (resume && !done && cnt < concurrency && queue.length < highWaterMark) {
        resume();
        resume = null;
      }
    }

    async function pump() {
      try {
        for await (let val of stream) {
          if (done) return;
          if (signal.aborted) throw new AbortError();
          try {
            val = fn(val, signalOpt);
            if (val === kEmpty) continue;
            val = Promise.resolve(val);
          } catch (err) {
            val = Promise.reject(err);
          }
          cnt += 1;
          val.then(afterItemProcessed, onCatch);
          queue.push(val);
          if (next) {
            next();
            next = null;
          }
          if (!done && (queue.length >= highWaterMark || cnt >= concurrency)) {
            await new Promise((resolve) => {
              resume = resolve;
            });
          }
        }
        queue.push(kEof);
      } catch (err) {
        const val = Promise.reject(err);
        val.then(afterItemProcessed, onCatch);
        queue.push(val);
      } finally {
        done = true;
        if (next) {
          next();
          next = null;
        }
      }
    }

    pump();

    try {
      while (true) {
        while (queue.length > 0) {
          const val = await queue[0];
          if (val === kEof) return;
          if (signal.aborted) throw new AbortError();
          if (val !== kEmpty) yield val;
          queue.shift();
          maybeResume();
        }
        await new Promise((resolve) => {
          next = resolve;
        });
      }
    } finally {
      done = true;
      if (resume) {
        resume();
        resume = null;
      }
    }
  }.call(this);
}

function asIndexedPairs(options = undefined) {
  validateOptions(options);
  return async function* asIndexedPairs() {
    let index = 0;
    for await (const val of this) {
      if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
      yield [index++, val];
    }
  }.call(this);
}

async function some(fn, options = undefined) {
  for await (const unused of filter.call(this, fn, options)) {
    return true;
  }
  return false;
}

async function every(fn, options = undefined) {
  validateFn(fn, "fn");
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const result of filter.call(this, fn, options)) {
    return result;
  }
  return undefined;
}

async function forEach(fn, options) {
  validateFn(fn, "fn");
  async function forEachFn(value, opts) {
    await fn(value, opts);
    return kEmpty;
  }
  for await (const unused of map.call(this, forEachFn, options));
}

function filter(fn, options) {
  validateFn(fn, "fn");
  async function filterFn(value, opts) {
    if (await fn(value, opts)) return value;
    return kEmpty;
  }
  return map.call(this, filterFn, options);
}

function emptyReduceError() {
  return nodeError(TypeError, "ERR_MISSING_ARGS", "Reduce of an empty stream requires an initial value");
}

async function reduce(reducer, initialValue, options) {
  validateFn(reducer, "reducer");
  validateOptions(options);
  let hasInitialValue = arguments.length > 1;
  if (options?.signal?.aborted) {
    const err = new AbortError(undefined, { cause: options.signal.reason });
    this.once("error", () => {});
    await new Promise((resolve) => eos(this.destroy(err), resolve));
    throw err;
  }
  // What the reducer gets: aborts with options.signal, and once the reduction is over.
  const ac = new AbortController();
  const signal = ac.signal;
  if (options?.signal) options.signal.addEventListener("abort", () => ac.abort(), { once: true });
  let gotAnyItemFromStream = false;
  try {
    for await (const value of this) {
      gotAnyItemFromStream = true;
      if (options?.signal?.aborted) throw new AbortError();
      if (!hasInitialValue) {
        initialValue = value;
        hasInitialValue = true;
      } else {
        initialValue = await reducer(initialValue, value, { signal });
      }
    }
    if (!gotAnyItemFromStream && !hasInitialValue) throw emptyReduceError();
  } finally {
    ac.abort();
  }
  return initialValue;
}

async function toArray(options) {
  validateOptions(options);
  const result = [];
  for await (const val of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    result.push(val);
  }
  return result;
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return async function* flatMap() {
    for await (const val of values) yield* val;
  }.call(this);
}

function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw ERR_OUT_OF_RANGE("number", ">= 0", number);
  return number;
}

function drop(number, options = undefined) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* drop() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const val of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (number-- <= 0) yield val;
    }
  }.call(this);
}

function take(number, options = undefined) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* take() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const val of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (number-- > 0) yield val;
      // Stop before asking the source for one more item than needed.
      if (number <= 0) return;
    }
  }.call(this);
}

function compose(stream, options) {
  validateOptions(options);
  if (isNodeStream(stream) && !isWritable(stream)) throw ERR_INVALID_ARG_VALUE("stream", stream, "must be writable");
  const composedStream = staticCompose(this, stream);
  if (options?.signal) addAbortSignalNoValidate(options.signal, composedStream);
  return composedStream;
}

let asIndexedPairsWarned = false;
function deprecatedAsIndexedPairs(...args) {
  if (!asIndexedPairsWarned) {
    asIndexedPairsWarned = true;
    globalThis.process?.emitWarning?.("readable.asIndexedPairs will be removed in a future version.", "DeprecationWarning");
  }
  return asIndexedPairs.apply(this, args);
}

function illegalConstructor() {
  return nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
}

function install(ops, wrap) {
  for (const [key, op] of Object.entries(ops)) {
    const fn = function (...args) {
      if (new.target) throw illegalConstructor();
      return wrap(op.apply(this, args));
    };
    Object.defineProperty(fn, "name", { value: key });
    Object.defineProperty(fn, "length", { value: op.length });
    Object.defineProperty(Readable.prototype, key, { value: fn, enumerable: false, configurable: true, writable: true });
  }
}

install({ asIndexedPairs: deprecatedAsIndexedPairs, drop, filter, flatMap, map, take, compose }, (result) => Readable.from(result));
install({ every, forEach, reduce, toArray, some, find }, (result) => result);
