// rusk:internal/streams_duplex — `Duplex`: a Readable that is also a Writable. It inherits
// from Readable and borrows Writable's methods; `instanceof Writable` holds through
// Writable[Symbol.hasInstance]. With `allowHalfOpen: false` the writable side ends when the
// readable side does.

import { Stream } from "rusk:internal/streams_legacy";
import { Readable, ReadableState, readableAfterConstruct } from "rusk:internal/streams_readable";
import { Writable, WritableState, afterConstruct as writableAfterConstruct, writableProperties } from "rusk:internal/streams_writable";
import { construct } from "rusk:internal/streams_destroy";
import { addAbortSignal } from "rusk:internal/streams_add_abort_signal";
import { duplexify } from "rusk:internal/streams_duplexify";

export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  this._readableState = new ReadableState(options, this, true);
  this._writableState = new WritableState(options, this, true);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      const r = this._readableState;
      r.readable = false;
      r.ended = true;
      r.endEmitted = true;
    }
    if (options.writable === false) {
      const w = this._writableState;
      w.writable = false;
      w.ending = true;
      w.ended = true;
      w.finished = true;
    }
    if (typeof options.read === "function") this._read = options.read;
    if (typeof options.write === "function") this._write = options.write;
    if (typeof options.writev === "function") this._writev = options.writev;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    if (typeof options.final === "function") this._final = options.final;
    if (typeof options.construct === "function") this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  } else {
    this.allowHalfOpen = true;
  }
  Stream.call(this, options);
  construct(this, () => {
    readableAfterConstruct(this);
    writableAfterConstruct(this);
  });
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

// Writable's methods that Readable does not have (write, end, cork, ...).
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
}

for (const name of [
  "writable",
  "writableHighWaterMark",
  "writableObjectMode",
  "writableBuffer",
  "writableLength",
  "writableFinished",
  "writableCorked",
  "writableEnded",
  "writableNeedDrain",
]) {
  Object.defineProperty(Duplex.prototype, name, { enumerable: false, configurable: true, ...writableProperties[name] });
}

Object.defineProperty(Duplex.prototype, "destroyed", {
  get() {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
  enumerable: false,
  configurable: true,
});

// Writable's destroy fails buffered writes first, then does Readable's work.
Duplex.prototype.destroy = Writable.prototype.destroy;

Duplex.from = function (body) {
  return duplexify(body, "body");
};
