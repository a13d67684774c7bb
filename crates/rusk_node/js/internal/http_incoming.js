// rusk:internal/http_incoming — IncomingMessage: a Readable carrying a parsed head (method, url,
// status, rawHeaders). Header objects are built lazily from rawHeaders with Node's rules for
// duplicates. The body is whatever is pushed into the stream (rusk has no HTTP parser, so only
// code that builds messages itself fills them).

import { Readable } from "rusk:internal/streams_readable";
import { eos } from "rusk:internal/streams_end_of_stream";

const kHeaders = Symbol("kHeaders");
const kHeadersDistinct = Symbol("kHeadersDistinct");
const kHeadersCount = Symbol("kHeadersCount");
const kTrailers = Symbol("kTrailers");
const kTrailersDistinct = Symbol("kTrailersDistinct");
const kTrailersCount = Symbol("kTrailersCount");

export function IncomingMessage(socket) {
  Readable.call(this, socket ? { highWaterMark: socket.readableHighWaterMark } : undefined);
  // The parser pushes the body; reading must not ask for more until someone consumes.
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this[kHeaders] = null;
  this[kHeadersDistinct] = null;
  this[kHeadersCount] = 0;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersDistinct] = null;
  this[kTrailersCount] = 0;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = "";
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

const proto = IncomingMessage.prototype;

function accessor(name, get, set) {
  Object.defineProperty(proto, name, { get, set, enumerable: false, configurable: true });
}

/** The header object in `slot`, built on first use from the first `msg[count]` entries of `raw`. */
function buildHeaders(msg, slot, raw, count, distinct) {
  if (!msg[slot]) {
    const dest = (msg[slot] = distinct ? { __proto__: null } : {});
    for (let i = 0; i < msg[count]; i += 2) {
      if (distinct) msg._addHeaderLineDistinct(raw[i], raw[i + 1], dest);
      else msg._addHeaderLine(raw[i], raw[i + 1], dest);
    }
  }
  return msg[slot];
}

accessor(
  "connection",
  function () {
    return this.socket;
  },
  function (value) {
    this.socket = value;
  },
);
accessor(
  "headers",
  function () {
    return buildHeaders(this, kHeaders, this.rawHeaders, kHeadersCount, false);
  },
  function (value) {
    this[kHeaders] = value;
  },
);
accessor(
  "headersDistinct",
  function () {
    return buildHeaders(this, kHeadersDistinct, this.rawHeaders, kHeadersCount, true);
  },
  function (value) {
    this[kHeadersDistinct] = value;
  },
);
accessor(
  "trailers",
  function () {
    return buildHeaders(this, kTrailers, this.rawTrailers, kTrailersCount, false);
  },
  function (value) {
    this[kTrailers] = value;
  },
);
accessor(
  "trailersDistinct",
  function () {
    return buildHeaders(this, kTrailersDistinct, this.rawTrailers, kTrailersCount, true);
  },
  function (value) {
    this[kTrailersDistinct] = value;
  },
);

proto.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on("timeout", callback);
  this.socket.setTimeout(msecs);
  return this;
};

proto._read = function _read() {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  // The body comes from the socket: let it flow again.
  const socket = this.socket;
  if (socket && !socket._paused && socket.readable) socket.resume();
};

// An error reaches 'error' listeners only when there are some (a body cut short is common).
function settleDestroy(msg, error, callback) {
  if (msg.listenerCount("error") === 0) callback();
  else callback(error);
}

proto._destroy = function _destroy(error, callback) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit("aborted");
  }
  const socket = this.socket;
  if (socket && !socket.destroyed && this.aborted) {
    socket.destroy(error);
    const cleanup = eos(socket, (e) => {
      if (e?.code === "ERR_STREAM_PREMATURE_CLOSE") e = null;
      cleanup();
      globalThis.process.nextTick(settleDestroy, this, e || error, callback);
    });
  } else {
    globalThis.process.nextTick(settleDestroy, this, error, callback);
  }
};

/** Takes a parsed head (or, once `complete`, the trailers): `n` entries of the flat `headers`. */
proto._addHeaderLines = function _addHeaderLines(headers, n) {
  if (!headers?.length) return;
  let dest;
  if (this.complete) {
    this.rawTrailers = headers;
    this[kTrailersCount] = n;
    dest = this[kTrailers];
  } else {
    this.rawHeaders = headers;
    this[kHeadersCount] = n;
    dest = this[kHeaders];
  }
  if (dest) for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
};

// Duplicates of these are dropped: the first value wins.
const SINGLE_VALUE = new Set([
  "content-type", "content-length", "user-agent", "referer", "host", "authorization", "proxy-authorization",
  "if-modified-since", "if-unmodified-since", "from", "location", "max-forwards", "retry-after", "etag",
  "last-modified", "server", "age", "expires",
]);

proto._addHeaderLine = function _addHeaderLine(field, value, dest) {
  field = field.toLowerCase();
  if (field === "set-cookie") {
    if (dest["set-cookie"] !== undefined) dest["set-cookie"].push(value);
    else dest["set-cookie"] = [value];
  } else if (SINGLE_VALUE.has(field)) {
    if (this.joinDuplicateHeaders && dest[field] !== undefined) dest[field] += `, ${value}`;
    else if (dest[field] === undefined) dest[field] = value;
  } else if (typeof dest[field] === "string") {
    dest[field] += (field === "cookie" ? "; " : ", ") + value;
  } else {
    dest[field] = value;
  }
};

proto._addHeaderLineDistinct = function _addHeaderLineDistinct(field, value, dest) {
  field = field.toLowerCase();
  if (!dest[field]) dest[field] = [value];
  else dest[field].push(value);
};

// Discards the body so that the connection can go on.
proto._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners("data");
    this.resume();
  }
};
