// rusk:internal/http_outgoing — OutgoingMessage, the base of ServerResponse and ClientRequest: the
// header map, the serialized head (`_header`), chunked framing, and the queue of raw writes
// (`outputData`) that waits for a socket. Everything works without a socket: writes stay queued
// until one is assigned (ServerResponse#assignSocket accepts any writable stream), as in Node.
// Fields keep Node's names because libraries read them (`_header`, `outputData`, `finished`...).

import { Buffer } from "node:buffer";
import { Stream } from "rusk:internal/streams_legacy";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, validateString } from "rusk:internal/errors";
import {
  ERR_HTTP_HEADERS_SENT,
  ERR_INVALID_CHAR,
  ERR_INVALID_HTTP_TOKEN,
  checkInvalidHeaderChar,
  checkIsHttpToken,
  validateHeaderName,
  validateHeaderValue,
} from "rusk:internal/http_common";

export const kOutHeaders = Symbol("kOutHeaders");
export const kUniqueHeaders = Symbol("kUniqueHeaders");
export const kHighWaterMark = Symbol("kHighWaterMark");
export const kRejectNonStandardBodyWrites = Symbol("kRejectNonStandardBodyWrites");
const kNeedDrain = Symbol("kNeedDrain");
const kCorked = Symbol("corked");
const kErrored = Symbol("errored");
const kBytesWritten = Symbol("kBytesWritten");

const CRLF = "\r\n";
const nop = () => {};

function nextTick(fn, ...args) {
  globalThis.process.nextTick(fn, ...args);
}

const ERR_STREAM_WRITE_AFTER_END = () => nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
const ERR_STREAM_NULL_VALUES = () => nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");

function contentLengthMismatch(actual, expected) {
  return nodeError(
    Error,
    "ERR_HTTP_CONTENT_LENGTH_MISMATCH",
    `Response body's content-length of ${actual} byte(s) does not match the content-length of ${expected} byte(s) set in header`,
  );
}

let warnedHeadersDeprecation = false;
function warnHeadersDeprecation(name) {
  if (warnedHeadersDeprecation) return;
  warnedHeadersDeprecation = true;
  globalThis.process.emitWarning(`OutgoingMessage.prototype.${name} is deprecated`, "DeprecationWarning", "DEP0066");
}

export function OutgoingMessage(options) {
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = "";
  this.finished = false;
  this._headerSent = false;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kBytesWritten] = 0;
  this[kNeedDrain] = false;
  this[kCorked] = 0;
  this[kOutHeaders] = null;
  this[kErrored] = null;
  this[kHighWaterMark] = options?.highWaterMark ?? 16384;
  this[kRejectNonStandardBodyWrites] = options?.rejectNonStandardBodyWrites ?? false;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

const proto = OutgoingMessage.prototype;

function getter(name, get, set) {
  Object.defineProperty(proto, name, { get, set, enumerable: false, configurable: true });
}

getter("errored", function () {
  return this[kErrored];
});
getter("closed", function () {
  return this._closed;
});
getter("writableFinished", function () {
  return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
});
getter("writableObjectMode", () => false);
getter("writableLength", function () {
  return this.outputSize + (this.socket ? this.socket.writableLength : 0);
});
getter("writableHighWaterMark", function () {
  return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark];
});
getter("writableCorked", function () {
  return this[kCorked];
});
getter(
  "_headers",
  function () {
    warnHeadersDeprecation("_headers");
    return this.getHeaders();
  },
  function (value) {
    warnHeadersDeprecation("_headers");
    if (value == null) {
      this[kOutHeaders] = null;
    } else if (typeof value === "object") {
      const headers = (this[kOutHeaders] = { __proto__: null });
      for (const name of Object.keys(value)) headers[name.toLowerCase()] = [name, value[name]];
    }
  },
);
getter(
  "_headerNames",
  function () {
    warnHeadersDeprecation("_headerNames");
    const headers = this[kOutHeaders];
    if (headers === null) return null;
    const out = { __proto__: null };
    for (const key of Object.keys(headers)) out[key] = headers[key][0];
    return out;
  },
  function (value) {
    warnHeadersDeprecation("_headerNames");
    const headers = this[kOutHeaders];
    if (typeof value !== "object" || value === null || headers === null) return;
    for (const key of Object.keys(value)) if (headers[key]) headers[key][0] = value[key];
  },
);
getter(
  "connection",
  function () {
    return this.socket;
  },
  function (value) {
    this.socket = value;
  },
);
getter("headersSent", function () {
  return !!this._header;
});
getter("writableEnded", function () {
  return this.finished;
});
getter("writableNeedDrain", function () {
  return !this.destroyed && !this.finished && this[kNeedDrain];
});

proto._renderHeaders = function _renderHeaders() {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("render");
  const headers = {};
  const stored = this[kOutHeaders];
  if (stored !== null) for (const key of Object.keys(stored)) headers[stored[key][0]] = stored[key][1];
  return headers;
};

proto.cork = function cork() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};

proto.uncork = function uncork() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

proto.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on("timeout", callback);
  if (this.socket) this.socket.setTimeout(msecs);
  else this.once("socket", (socket) => socket.setTimeout(msecs));
  return this;
};

// Without a socket the message is only marked destroyed; the socket it gets later is destroyed.
proto.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this[kErrored] = error;
  if (this.socket) this.socket.destroy(error);
  else this.once("socket", (socket) => socket.destroy(error));
  return this;
};

proto._send = function _send(data, encoding, callback) {
  // The head goes out with the first write, in the same chunk when both are text.
  if (!this._headerSent && this._header !== null) {
    if (typeof data === "string" && (encoding === "utf8" || encoding === "latin1" || !encoding)) {
      data = this._header + data;
    } else {
      const header = this._header;
      this.outputData.unshift({ data: header, encoding: "latin1", callback: null });
      this.outputSize += header.length;
      this._onPendingData(header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

proto._writeRaw = function _writeRaw(data, encoding, callback) {
  const socket = this.socket;
  if (socket?.destroyed) return false;
  if (typeof encoding === "function") {
    callback = encoding;
    encoding = null;
  }
  if (socket && socket._httpMessage === this && socket.writable) {
    if (this.outputData.length) this._flushOutput(socket);
    return socket.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

// What the head says decides the framing: these flags are read by _storeHeader and write().
function noteHeader(msg, state, field, value) {
  const key = field.toLowerCase();
  switch (key) {
    case "connection":
      state.connection = true;
      msg._removedConnection = false;
      if (/(?:^|\W)close(?:$|\W)/i.test(value)) msg._last = true;
      else msg.shouldKeepAlive = true;
      break;
    case "transfer-encoding":
      state.te = true;
      msg._removedTE = false;
      if (/(?:^|\W)chunked(?:$|\W)/i.test(value)) msg.chunkedEncoding = true;
      break;
    case "content-length":
      state.contLen = true;
      msg._contentLength = +value;
      msg._removedContLen = false;
      break;
    case "date":
    case "expect":
    case "trailer":
      state[key] = true;
      break;
    case "keep-alive":
      msg._defaultKeepAlive = false;
      break;
  }
}

function headerLine(msg, state, field, value, validate) {
  if (validate) validateHeaderValue(field, value);
  state.head += `${field}: ${value}${CRLF}`;
  noteHeader(msg, state, field, value);
}

function addHeader(msg, state, field, value, validate) {
  if (validate) validateHeaderName(field);
  if (Array.isArray(value)) {
    const unique = msg[kUniqueHeaders]?.has(field.toLowerCase());
    // Several values make several lines, except Cookie (one line, "; ") and the headers the
    // `uniqueHeaders` option names (one line, ", ").
    if (unique) value = value.join(", ");
    else if (value.length >= 2 && field.toLowerCase() === "cookie") value = value.join("; ");
    else {
      for (const v of value) headerLine(msg, state, field, v, validate);
      return;
    }
  }
  headerLine(msg, state, field, value, validate);
}

let cachedDate = "";
let cachedDateSecond = -1;
function utcDate() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== cachedDateSecond) {
    cachedDateSecond = second;
    cachedDate = new Date(now).toUTCString();
  }
  return cachedDate;
}

proto._storeHeader = function _storeHeader(firstLine, headers) {
  const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, head: firstLine };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      for (const key in headers) addHeader(this, state, headers[key][0], headers[key][1], false);
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (const entry of headers) addHeader(this, state, entry[0], entry[1], true);
      } else {
        if (headers.length % 2 !== 0) throw ERR_INVALID_ARG_VALUE("headers", headers);
        for (let i = 0; i < headers.length; i += 2) addHeader(this, state, headers[i], headers[i + 1], true);
      }
    } else {
      for (const key of Object.keys(headers)) addHeader(this, state, key, headers[key], true);
    }
  }

  let head = state.head;
  if (this.sendDate && !state.date) head += `Date: ${utcDate()}${CRLF}`;

  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if (!state.connection) {
    const keepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (keepAlive && this.maxRequestsOnConnectionReached) {
      head += `Connection: close${CRLF}`;
    } else if (keepAlive) {
      head += `Connection: keep-alive${CRLF}`;
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        const max = ~~this._maxRequestsPerSocket > 0 ? `, max=${this._maxRequestsPerSocket}` : "";
        head += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}${max}${CRLF}`;
      }
    } else {
      this._last = true;
      head += `Connection: close${CRLF}`;
    }
  }

  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === "number") {
      head += `Content-Length: ${this._contentLength}${CRLF}`;
    } else if (!this._removedTE) {
      head += `Transfer-Encoding: chunked${CRLF}`;
      this.chunkedEncoding = true;
    } else {
      // Neither length nor chunking: the body runs until the connection closes.
      this._last = true;
    }
  }

  if (this.chunkedEncoding !== true && state.trailer) {
    throw nodeError(Error, "ERR_HTTP_TRAILER_INVALID", "Trailers are invalid with this transfer encoding");
  }

  this._header = head + CRLF;
  this._headerSent = false;
  // A request expecting 100-continue sends its head at once.
  if (state.expect) this._send("");
};

proto.setHeader = function setHeader(name, value) {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("set");
  validateHeaderName(name);
  validateHeaderValue(name, value);
  (this[kOutHeaders] ??= { __proto__: null })[name.toLowerCase()] = [name, value];
  return this;
};

proto.setHeaders = function setHeaders(headers) {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("set");
  if (!headers || Array.isArray(headers) || typeof headers.keys !== "function" || typeof headers.get !== "function" || typeof headers.set !== "function") {
    throw ERR_INVALID_ARG_TYPE("headers", ["Headers", "Map"], headers);
  }
  // A Headers object yields each Set-Cookie separately; they become one array-valued header.
  const cookies = [];
  for (const [name, value] of headers) {
    if (name === "set-cookie") {
      if (Array.isArray(value)) cookies.push(...value);
      else cookies.push(value);
    } else {
      this.setHeader(name, value);
    }
  }
  if (cookies.length) this.setHeader("set-cookie", cookies);
  return this;
};

proto.appendHeader = function appendHeader(name, value) {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("append");
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  const headers = (this[kOutHeaders] ??= { __proto__: null });
  if (!headers[field]) {
    headers[field] = [name, value];
    return this;
  }
  let values = headers[field][1];
  if (!Array.isArray(values)) values = headers[field][1] = [values];
  if (Array.isArray(value)) values.push(...value);
  else values.push(value);
  return this;
};

proto.getHeader = function getHeader(name) {
  validateString(name, "name");
  return this[kOutHeaders]?.[name.toLowerCase()]?.[1];
};

proto.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
};

proto.getRawHeaderNames = function getRawHeaderNames() {
  const headers = this[kOutHeaders];
  return headers === null ? [] : Object.values(headers).map((entry) => entry[0]);
};

proto.getHeaders = function getHeaders() {
  const headers = this[kOutHeaders];
  const out = { __proto__: null };
  if (headers) for (const key of Object.keys(headers)) out[key] = headers[key][1];
  return out;
};

proto.hasHeader = function hasHeader(name) {
  validateString(name, "name");
  return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
};

proto.removeHeader = function removeHeader(name) {
  validateString(name, "name");
  if (this._header) throw ERR_HTTP_HEADERS_SENT("remove");
  const key = name.toLowerCase();
  // Removing a framing header stops the head from adding it back.
  switch (key) {
    case "connection":
      this._removedConnection = true;
      break;
    case "content-length":
      this._removedContLen = true;
      break;
    case "transfer-encoding":
      this._removedTE = true;
      break;
    case "date":
      this.sendDate = false;
      break;
  }
  if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
};

proto._implicitHeader = function _implicitHeader() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _implicitHeader() method is not implemented");
};

function byteLengthOf(chunk, encoding) {
  return typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

function emitWriteError(msg, err, callback) {
  nextTick(() => {
    callback(err);
    if (!msg.destroyed) msg.emit("error", err);
  });
}

function writeChunk(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== "function") callback = nop;
  if (chunk === null) throw ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== "string" && !(chunk instanceof Uint8Array)) throw ERR_INVALID_ARG_TYPE("chunk", ["string", "Buffer", "Uint8Array"], chunk);

  let err;
  if (msg.finished) err = ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = nodeError(Error, "ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed");
  if (err) {
    if (!msg.destroyed) emitWriteError(msg, err, callback);
    else nextTick(callback, err);
    return false;
  }

  let len;
  if (msg.strictContentLength) {
    len = byteLengthOf(chunk, encoding);
    if (typeof msg._contentLength === "number" && !msg.chunkedEncoding && msg[kBytesWritten] + len > msg._contentLength) {
      throw contentLengthMismatch(len + msg[kBytesWritten], msg._contentLength);
    }
    msg[kBytesWritten] += len;
  }

  if (!msg._header) {
    // A body given whole to end() sets Content-Length.
    if (fromEnd) msg._contentLength = len ??= byteLengthOf(chunk, encoding);
    msg._implicitHeader();
  }

  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) {
      throw nodeError(Error, "ERR_HTTP_BODY_NOT_ALLOWED", "Adding content for this request method or response status is not allowed.");
    }
    // Body writes to HEAD responses and 204/304 are dropped, as in Node.
    nextTick(callback);
    return true;
  }

  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    const socket = msg.socket;
    socket.cork();
    nextTick(() => {
      if (socket.writableCorked) socket.uncork();
    });
  }

  if (msg.chunkedEncoding && chunk.length !== 0) {
    len ??= byteLengthOf(chunk, encoding);
    msg._send(len.toString(16), "latin1", null);
    msg._send(CRLF, null, null);
    msg._send(chunk, encoding, null);
    return msg._send(CRLF, null, callback);
  }
  return msg._send(chunk, encoding, callback);
}

proto.write = function write(chunk, encoding, callback) {
  if (typeof encoding === "function") {
    callback = encoding;
    encoding = null;
  }
  const ret = writeChunk(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

proto.addTrailers = function addTrailers(headers) {
  this._trailer = "";
  const isArray = Array.isArray(headers);
  for (const key of Object.keys(headers)) {
    const field = isArray ? headers[key][0] : key;
    let value = isArray ? headers[key][1] : headers[key];
    if (typeof field !== "string" || !field || !checkIsHttpToken(field)) throw ERR_INVALID_HTTP_TOKEN("Trailer name", field);
    if (Array.isArray(value) && value.length > 1 && !this[kUniqueHeaders]?.has(field.toLowerCase())) {
      for (const v of value) {
        if (checkInvalidHeaderChar(v)) throw ERR_INVALID_CHAR("trailer content", field);
        this._trailer += `${field}: ${v}${CRLF}`;
      }
    } else {
      if (Array.isArray(value)) value = value.join("; ");
      if (checkInvalidHeaderChar(value)) throw ERR_INVALID_CHAR("trailer content", field);
      this._trailer += `${field}: ${value}${CRLF}`;
    }
  }
};

function onFinish(msg) {
  if (msg.socket?._hadError) return;
  msg.emit("finish");
}

proto.end = function end(chunk, encoding, callback) {
  if (typeof chunk === "function") {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === "function") {
    callback = encoding;
    encoding = null;
  }

  if (chunk) {
    if (this.finished) {
      emitWriteError(this, ERR_STREAM_WRITE_AFTER_END(), typeof callback === "function" ? callback : nop);
      return this;
    }
    if (this.socket) this.socket.cork();
    writeChunk(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === "function") {
      if (!this.writableFinished) this.on("finish", callback);
      else callback(nodeError(Error, "ERR_STREAM_ALREADY_FINISHED", "Cannot call end after a stream was finished"));
    }
    return this;
  } else if (!this._header) {
    if (this.socket) this.socket.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }

  if (typeof callback === "function") this.once("finish", callback);

  if (this.strictContentLength && typeof this._contentLength === "number" && !this.chunkedEncoding && this._hasBody && this[kBytesWritten] !== this._contentLength) {
    throw contentLengthMismatch(this[kBytesWritten], this._contentLength);
  }

  const finish = () => onFinish(this);
  if (this._hasBody && this.chunkedEncoding) this._send(`0${CRLF}${this._trailer}${CRLF}`, "latin1", finish);
  else if (!this._headerSent || this.writableLength || chunk) this._send("", "latin1", finish);
  else nextTick(finish);

  if (this.socket) {
    // Flush everything this message corked, however many times.
    while (this.socket.writableCorked) this.socket.uncork();
  }
  this[kCorked] = 0;

  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
  return this;
};

proto._finish = function _finish() {
  this.emit("prefinish");
};

// Writes what waited for the socket, once it is there.
proto._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit("drain");
    }
  }
};

proto._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const queued = this.outputData;
  if (queued.length === 0) return undefined;
  socket.cork();
  let ret;
  for (const entry of queued) ret = socket.write(entry.data, entry.encoding, entry.callback);
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

proto.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send("");
};

proto.pipe = function pipe() {
  this.emit("error", nodeError(Error, "ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"));
};
