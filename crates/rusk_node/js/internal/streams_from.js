// rusk:internal/streams_from — `Readable.from(iterable, options)`: an objectMode Readable
// (highWaterMark 1) pulling from a sync or async iterator; promises the iterator yields are
// awaited. Destroying the stream returns (or, with an error, throws into) the iterator.

import { Buffer } from "node:buffer";
import { ERR_INVALID_ARG_TYPE, ERR_STREAM_NULL_VALUES, nextTick } from "rusk:internal/streams_utils";

export function from(Readable, iterable, opts) {
  if (typeof iterable === "string" || iterable instanceof Buffer) {
    // A string or Buffer is one chunk, not a sequence of characters/bytes.
    return new Readable({
      objectMode: true,
      ...opts,
      read() {
        this.push(iterable);
        this.push(null);
      },
    });
  }

  let iterator;
  let isAsync;
  if (iterable && typeof iterable[Symbol.asyncIterator] === "function") {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && typeof iterable[Symbol.iterator] === "function") {
    isAsync = false;
    iterator = iterable[Symbol.iterator]();
  } else {
    throw ERR_INVALID_ARG_TYPE("iterable", ["Iterable"], iterable);
  }

  const readable = new Readable({ objectMode: true, highWaterMark: 1, ...opts });
  // Whether a next() loop is running (only one at a time).
  let reading = false;

  readable._read = function () {
    if (!reading) {
      reading = true;
      next();
    }
  };

  readable._destroy = function (error, cb) {
    close(error).then(
      () => nextTick(cb, error),
      (e) => nextTick(cb, e || error),
    );
  };

  async function close(error) {
    const hadError = error !== undefined && error !== null;
    const hasThrow = typeof iterator.throw === "function";
    if (hadError && hasThrow) {
      const { value, done } = await iterator.throw(error);
      await value;
      if (done) return;
    }
    if (typeof iterator.return === "function") {
      const { value } = await iterator.return();
      await value;
    }
  }

  async function next() {
    for (;;) {
      try {
        const { value, done } = isAsync ? await iterator.next() : iterator.next();
        if (done) {
          readable.push(null);
        } else {
          // A sync iterator's promises are awaited (an async one's values are final).
          const res = !isAsync && value && typeof value.then === "function" ? await value : value;
          if (res === null) {
            reading = false;
            throw ERR_STREAM_NULL_VALUES();
          } else if (readable.push(res)) {
            continue;
          } else {
            reading = false;
          }
        }
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }

  return readable;
}
