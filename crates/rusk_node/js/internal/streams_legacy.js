// rusk:internal/streams_legacy — `Stream`, the base of every stream class: an EventEmitter with
// the old (pre-streams2) `pipe`, still used by hand-written streams that only emit 'data' and
// 'end'. A plain function so that `Stream.call(this)` works in old-style subclasses.

import EventEmitter from "node:events";
import { prependListener } from "rusk:internal/streams_destroy";

export function Stream(opts) {
  EventEmitter.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;

  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  }
  source.on("data", ondata);

  function ondrain() {
    if (source.readable && source.resume) source.resume();
  }
  dest.on("drain", ondrain);

  // Ending the destination when the source ends, unless it is stdio or the caller says no.
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on("end", onend);
    source.on("close", onclose);
  }

  let didOnEnd = false;
  function onend() {
    if (didOnEnd) return;
    didOnEnd = true;
    dest.end();
  }
  function onclose() {
    if (didOnEnd) return;
    didOnEnd = true;
    if (typeof dest.destroy === "function") dest.destroy();
  }

  function onerror(er) {
    cleanup();
    if (EventEmitter.listenerCount(this, "error") === 0) this.emit("error", er);
  }
  prependListener(source, "error", onerror);
  prependListener(dest, "error", onerror);

  function cleanup() {
    source.removeListener("data", ondata);
    dest.removeListener("drain", ondrain);
    source.removeListener("end", onend);
    source.removeListener("close", onclose);
    source.removeListener("error", onerror);
    dest.removeListener("error", onerror);
    source.removeListener("end", cleanup);
    source.removeListener("close", cleanup);
    dest.removeListener("close", cleanup);
  }
  source.on("end", cleanup);
  source.on("close", cleanup);
  dest.on("close", cleanup);

  dest.emit("pipe", source);
  return dest;
};
