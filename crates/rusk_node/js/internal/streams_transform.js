// rusk:internal/streams_transform — `Transform` (a Duplex whose `_transform(chunk, encoding,
// callback)` turns each written chunk into pushed output, and `_flush` adds a last one before
// the readable side ends) and `PassThrough` (output = input).
// Backpressure: while the readable side is full, the write callback is held until `_read`.

import { Duplex } from "rusk:internal/streams_duplex";
import { ERR_METHOD_NOT_IMPLEMENTED, getHighWaterMark, nextTick } from "rusk:internal/streams_utils";

const kCallback = Symbol("kCallback");

export function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);

  // A readable highWaterMark of 0 makes the writable side 0 too (unless given), or the
  // transform would take one chunk more than its reader asked for.
  const readableHighWaterMark = options ? getHighWaterMark(!!(options.objectMode || options.readableObjectMode), options, "readableHighWaterMark", true) : null;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }

  Duplex.call(this, options);

  // A push() from _transform may emit 'data' at once: it does not run inside _read.
  this._readableState.sync = false;
  this[kCallback] = null;

  if (options) {
    if (typeof options.transform === "function") this._transform = options.transform;
    if (typeof options.flush === "function") this._flush = options.flush;
  }

  // A subclass that overrides _final (older code) still gets its flush at 'prefinish'.
  this.on("prefinish", prefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function final(cb) {
  if (typeof this._flush === "function" && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er);
        else this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function prefinish() {
  if (this._final !== final) final.call(this);
}

Transform.prototype._final = final;

Transform.prototype._transform = function _transform() {
  throw ERR_METHOD_NOT_IMPLEMENTED("_transform()");
};

Transform.prototype._write = function _write(chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;

  this._transform(chunk, encoding, (err, val) => {
    if (err) {
      callback(err);
      return;
    }
    if (val != null) this.push(val);
    if (rState.ended) {
      // _transform pushed null: the callback waits a tick so the end is seen first.
      nextTick(callback);
    } else if (
      wState.ended || // backwards compatibility
      length === rState.length || // nothing was pushed: nothing to wait for
      rState.length < rState.highWaterMark
    ) {
      callback();
    } else {
      this[kCallback] = callback;
    }
  });
};

Transform.prototype._read = function _read() {
  if (this[kCallback]) {
    const callback = this[kCallback];
    this[kCallback] = null;
    callback();
  }
};

export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk);
};
