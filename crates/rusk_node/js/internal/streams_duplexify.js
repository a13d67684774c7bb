// rusk:internal/streams_duplexify — `Duplex.from(body)`: a Duplex out of a stream, a
// `{ readable, writable }` pair, an (async) iterable, an async generator function (the
// writable side feeds its argument, what it yields is the readable side), a promise or a Blob.

import { AbortError } from "rusk:internal/errors";
import { Duplex } from "rusk:internal/streams_duplex";
import { Readable } from "rusk:internal/streams_readable";
import { destroyer } from "rusk:internal/streams_destroy";
import { eos } from "rusk:internal/streams_end_of_stream";
import { from } from "rusk:internal/streams_from";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_RETURN_VALUE,
  isDuplexNodeStream,
  isIterable,
  isNodeStream,
  isReadable,
  isReadableNodeStream,
  isWritable,
  isWritableNodeStream,
  nextTick,
} from "rusk:internal/streams_utils";

let DuplexifyClass;
/** Duplex.from's streams are of a Duplex subclass named Duplexify, as in Node. */
function duplexifyClass() {
  DuplexifyClass ??= class Duplexify extends Duplex {};
  return DuplexifyClass;
}

function isBlob(value) {
  return typeof Blob === "function" && value instanceof Blob;
}

export function duplexify(body, name) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return duplexifyPair({ readable: body });
  if (isWritableNodeStream(body)) return duplexifyPair({ writable: body });
  if (isNodeStream(body)) return duplexifyPair({ writable: false, readable: false });

  if (typeof body === "function") {
    const { value, write, final, destroy } = fromAsyncGen(body);
    if (isDuplexNodeStream(value)) return value;
    if (isIterable(value)) return from(duplexifyClass(), value, { objectMode: true, write, final, destroy });
    const then = value?.then;
    if (typeof then === "function") {
      let d;
      const promise = then.call(
        value,
        (val) => {
          if (val != null) throw ERR_INVALID_RETURN_VALUE("nully", "body", val);
        },
        (err) => {
          destroyer(d, err);
        },
      );
      d = new (duplexifyClass())({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await promise;
              nextTick(cb, null);
            } catch (err) {
              nextTick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw ERR_INVALID_RETURN_VALUE("Iterable, AsyncIterable or AsyncFunction", name, value);
  }

  if (isBlob(body)) return duplexify(body.arrayBuffer(), name);
  if (isIterable(body)) return from(duplexifyClass(), body, { objectMode: true, writable: false });

  if (typeof body?.writable === "object" || typeof body?.readable === "object") {
    const readable = body?.readable
      ? isReadableNodeStream(body.readable)
        ? body.readable
        : duplexify(body.readable)
      : undefined;
    const writable = body?.writable
      ? isWritableNodeStream(body.writable)
        ? body.writable
        : duplexify(body.writable)
      : undefined;
    return duplexifyPair({ readable, writable });
  }

  const then = body?.then;
  if (typeof then === "function") {
    let d;
    then.call(
      body,
      (val) => {
        if (val != null) d.push(val);
        d.push(null);
      },
      (err) => {
        destroyer(d, err);
      },
    );
    d = new (duplexifyClass())({ objectMode: true, writable: false, read() {} });
    return d;
  }

  throw ERR_INVALID_ARG_TYPE(
    name,
    ["Blob", "ReadableStream", "WritableStream", "Stream", "Iterable", "AsyncIterable", "Function", "{ readable, writable } pair", "Promise"],
    body,
  );
}

/** The writable side of a Duplex made from an async generator function feeds its argument. */
function fromAsyncGen(fn) {
  let { promise, resolve } = deferred();
  const ac = new AbortController();
  const signal = ac.signal;
  const value = fn(
    (async function* () {
      while (true) {
        const current = promise;
        promise = null;
        const { chunk, done, cb } = await current;
        nextTick(cb);
        if (done) return;
        if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
        ({ promise, resolve } = deferred());
        yield chunk;
      }
    })(),
    { signal },
  );
  return {
    value,
    write(chunk, encoding, cb) {
      const r = resolve;
      resolve = null;
      r({ chunk, done: false, cb });
    },
    final(cb) {
      const r = resolve;
      resolve = null;
      r({ done: true, cb });
    },
    destroy(err, cb) {
      ac.abort();
      cb(err);
    },
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A Duplex over a readable stream and a writable stream (either may be missing). */
function duplexifyPair(pair) {
  const r = pair.readable && typeof pair.readable.read !== "function" ? Readable.wrap(pair.readable) : pair.readable;
  const w = pair.writable;

  let readable = !!isReadable(r);
  let writable = !!isWritable(w);

  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
  }

  d = new (duplexifyClass())({
    readableObjectMode: !!r?.readableObjectMode,
    writableObjectMode: !!w?.writableObjectMode,
    readable,
    writable,
  });

  if (writable) {
    eos(w, (err) => {
      writable = false;
      if (err) destroyer(r, err);
      onfinished(err);
    });
    d._write = function (chunk, encoding, callback) {
      if (w.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      w.end();
      onfinish = callback;
    };
    w.on("drain", () => {
      if (ondrain) {
        const cb = ondrain;
        ondrain = null;
        cb();
      }
    });
    w.on("finish", () => {
      if (onfinish) {
        const cb = onfinish;
        onfinish = null;
        cb();
      }
    });
  }

  if (readable) {
    eos(r, (err) => {
      readable = false;
      if (err) destroyer(r, err);
      onfinished(err);
    });
    r.on("readable", () => {
      if (onreadable) {
        const cb = onreadable;
        onreadable = null;
        cb();
      }
    });
    r.on("end", () => {
      d.push(null);
    });
    d._read = function () {
      while (true) {
        const buf = r.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) return;
      }
    };
  }

  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (onclose === null) {
      callback(err);
    } else {
      onclose = callback;
      destroyer(w, err);
      destroyer(r, err);
    }
  };
  return d;
}
