// node:http2 — Node's constants table, sensitiveHeaders, the SETTINGS frame payload codec
// (getPackedSettings/getUnpackedSettings, RFC 7540 §6.5.1: a 16-bit identifier and a 32-bit
// value per setting, big-endian), the servers (an Http2Server is a net.Server, an
// Http2SecureServer a tls.Server) and the compatibility API's Http2ServerRequest and
// Http2ServerResponse over a stream. rusk has no HTTP/2 sessions (no sockets yet): connect(),
// performServerHandshake() and listening throw ERR_METHOD_NOT_IMPLEMENTED.

import { Buffer } from "node:buffer";
import { Server as NetServer } from "node:net";
import { Server as TlsServer } from "node:tls";
import { Readable } from "rusk:internal/streams_readable";
import { Stream } from "rusk:internal/streams_legacy";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateFunction,
  validateObject,
  validateString,
  validateUint32,
} from "rusk:internal/errors";
import { notImplemented } from "rusk:internal/net_common";

// ---------------------------------------------------------------------------------------------
// constants

// Header names: HTTP2_HEADER_<NAME> is the lowercase name with "-" for "_" (pseudo-headers
// first, with their ":").
const PSEUDO_HEADERS = ["STATUS", "METHOD", "AUTHORITY", "SCHEME", "PATH", "PROTOCOL"];
const HEADERS = [
  "ACCEPT_ENCODING", "ACCEPT_LANGUAGE", "ACCEPT_RANGES", "ACCEPT", "ACCESS_CONTROL_ALLOW_CREDENTIALS",
  "ACCESS_CONTROL_ALLOW_HEADERS", "ACCESS_CONTROL_ALLOW_METHODS", "ACCESS_CONTROL_ALLOW_ORIGIN", "ACCESS_CONTROL_EXPOSE_HEADERS",
  "ACCESS_CONTROL_REQUEST_HEADERS", "ACCESS_CONTROL_REQUEST_METHOD", "AGE", "AUTHORIZATION", "CACHE_CONTROL", "CONNECTION",
  "CONTENT_DISPOSITION", "CONTENT_ENCODING", "CONTENT_LENGTH", "CONTENT_TYPE", "COOKIE", "DATE", "ETAG", "FORWARDED", "HOST",
  "IF_MODIFIED_SINCE", "IF_NONE_MATCH", "IF_RANGE", "LAST_MODIFIED", "LINK", "LOCATION", "RANGE", "REFERER", "SERVER",
  "SET_COOKIE", "STRICT_TRANSPORT_SECURITY", "TRANSFER_ENCODING", "TE", "UPGRADE_INSECURE_REQUESTS", "UPGRADE", "USER_AGENT",
  "VARY", "X_CONTENT_TYPE_OPTIONS", "X_FRAME_OPTIONS", "KEEP_ALIVE", "PROXY_CONNECTION", "X_XSS_PROTECTION", "ALT_SVC",
  "CONTENT_SECURITY_POLICY", "EARLY_DATA", "EXPECT_CT", "ORIGIN", "PURPOSE", "TIMING_ALLOW_ORIGIN", "X_FORWARDED_FOR",
  "PRIORITY", "ACCEPT_CHARSET", "ACCESS_CONTROL_MAX_AGE", "ALLOW", "CONTENT_LANGUAGE", "CONTENT_LOCATION", "CONTENT_MD5",
  "CONTENT_RANGE", "DNT", "EXPECT", "EXPIRES", "FROM", "IF_MATCH", "IF_UNMODIFIED_SINCE", "MAX_FORWARDS", "PREFER",
  "PROXY_AUTHENTICATE", "PROXY_AUTHORIZATION", "REFRESH", "RETRY_AFTER", "TRAILER", "TK", "VIA", "WARNING",
  "WWW_AUTHENTICATE", "HTTP2_SETTINGS",
];
// Methods: HTTP2_METHOD_<NAME> is the name with "-" for "_".
const METHODS = [
  "ACL", "BASELINE_CONTROL", "BIND", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LABEL", "LINK",
  "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE", "MOVE", "OPTIONS", "ORDERPATCH",
  "PATCH", "POST", "PRI", "PROPFIND", "PROPPATCH", "PUT", "REBIND", "REPORT", "SEARCH", "TRACE", "UNBIND", "UNCHECKOUT",
  "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF", "VERSION_CONTROL",
];
const STATUSES = {
  CONTINUE: 100, SWITCHING_PROTOCOLS: 101, PROCESSING: 102, EARLY_HINTS: 103, OK: 200, CREATED: 201, ACCEPTED: 202,
  NON_AUTHORITATIVE_INFORMATION: 203, NO_CONTENT: 204, RESET_CONTENT: 205, PARTIAL_CONTENT: 206, MULTI_STATUS: 207,
  ALREADY_REPORTED: 208, IM_USED: 226, MULTIPLE_CHOICES: 300, MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303,
  NOT_MODIFIED: 304, USE_PROXY: 305, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308, BAD_REQUEST: 400, UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402, FORBIDDEN: 403, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405, NOT_ACCEPTABLE: 406,
  PROXY_AUTHENTICATION_REQUIRED: 407, REQUEST_TIMEOUT: 408, CONFLICT: 409, GONE: 410, LENGTH_REQUIRED: 411,
  PRECONDITION_FAILED: 412, PAYLOAD_TOO_LARGE: 413, URI_TOO_LONG: 414, UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416, EXPECTATION_FAILED: 417, TEAPOT: 418, MISDIRECTED_REQUEST: 421, UNPROCESSABLE_ENTITY: 422,
  LOCKED: 423, FAILED_DEPENDENCY: 424, TOO_EARLY: 425, UPGRADE_REQUIRED: 426, PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429, REQUEST_HEADER_FIELDS_TOO_LARGE: 431, UNAVAILABLE_FOR_LEGAL_REASONS: 451,
  INTERNAL_SERVER_ERROR: 500, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503, GATEWAY_TIMEOUT: 504,
  HTTP_VERSION_NOT_SUPPORTED: 505, VARIANT_ALSO_NEGOTIATES: 506, INSUFFICIENT_STORAGE: 507, LOOP_DETECTED: 508,
  BANDWIDTH_LIMIT_EXCEEDED: 509, NOT_EXTENDED: 510, NETWORK_AUTHENTICATION_REQUIRED: 511,
};

export const constants = {
  NGHTTP2_ERR_FRAME_SIZE_ERROR: -522,
  NGHTTP2_SESSION_SERVER: 0,
  NGHTTP2_SESSION_CLIENT: 1,
  NGHTTP2_STREAM_STATE_IDLE: 1,
  NGHTTP2_STREAM_STATE_OPEN: 2,
  NGHTTP2_STREAM_STATE_RESERVED_LOCAL: 3,
  NGHTTP2_STREAM_STATE_RESERVED_REMOTE: 4,
  NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL: 5,
  NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE: 6,
  NGHTTP2_STREAM_STATE_CLOSED: 7,
  NGHTTP2_FLAG_NONE: 0,
  NGHTTP2_FLAG_END_STREAM: 1,
  NGHTTP2_FLAG_END_HEADERS: 4,
  NGHTTP2_FLAG_ACK: 1,
  NGHTTP2_FLAG_PADDED: 8,
  NGHTTP2_FLAG_PRIORITY: 32,
  DEFAULT_SETTINGS_HEADER_TABLE_SIZE: 4096,
  DEFAULT_SETTINGS_ENABLE_PUSH: 1,
  DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS: 4294967295,
  DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE: 65535,
  DEFAULT_SETTINGS_MAX_FRAME_SIZE: 16384,
  DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE: 65535,
  DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL: 0,
  MAX_MAX_FRAME_SIZE: 16777215,
  MIN_MAX_FRAME_SIZE: 16384,
  MAX_INITIAL_WINDOW_SIZE: 2147483647,
  NGHTTP2_SETTINGS_HEADER_TABLE_SIZE: 1,
  NGHTTP2_SETTINGS_ENABLE_PUSH: 2,
  NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS: 3,
  NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE: 4,
  NGHTTP2_SETTINGS_MAX_FRAME_SIZE: 5,
  NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE: 6,
  NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL: 8,
  PADDING_STRATEGY_NONE: 0,
  PADDING_STRATEGY_ALIGNED: 1,
  PADDING_STRATEGY_MAX: 2,
  PADDING_STRATEGY_CALLBACK: 1,
  NGHTTP2_NO_ERROR: 0,
  NGHTTP2_PROTOCOL_ERROR: 1,
  NGHTTP2_INTERNAL_ERROR: 2,
  NGHTTP2_FLOW_CONTROL_ERROR: 3,
  NGHTTP2_SETTINGS_TIMEOUT: 4,
  NGHTTP2_STREAM_CLOSED: 5,
  NGHTTP2_FRAME_SIZE_ERROR: 6,
  NGHTTP2_REFUSED_STREAM: 7,
  NGHTTP2_CANCEL: 8,
  NGHTTP2_COMPRESSION_ERROR: 9,
  NGHTTP2_CONNECT_ERROR: 10,
  NGHTTP2_ENHANCE_YOUR_CALM: 11,
  NGHTTP2_INADEQUATE_SECURITY: 12,
  NGHTTP2_HTTP_1_1_REQUIRED: 13,
  NGHTTP2_DEFAULT_WEIGHT: 16,
};
for (const name of PSEUDO_HEADERS) constants[`HTTP2_HEADER_${name}`] = `:${name.toLowerCase()}`;
for (const name of HEADERS) constants[`HTTP2_HEADER_${name}`] = name.toLowerCase().replaceAll("_", "-");
for (const name of METHODS) constants[`HTTP2_METHOD_${name}`] = name.replaceAll("_", "-");
for (const [name, code] of Object.entries(STATUSES)) constants[`HTTP_STATUS_${name}`] = code;

export const sensitiveHeaders = Symbol("sensitiveHeaders");

// ---------------------------------------------------------------------------------------------
// SETTINGS

export function getDefaultSettings() {
  return {
    __proto__: null,
    headerTableSize: 4096,
    enablePush: true,
    initialWindowSize: 65535,
    maxFrameSize: 16384,
    maxConcurrentStreams: 4294967295,
    maxHeaderSize: 65535,
    maxHeaderListSize: 65535,
    enableConnectProtocol: false,
  };
}

// The settings Node names, by SETTINGS identifier, with their ranges (booleans go as 0 and 1).
const NUMERIC_SETTINGS = [
  ["headerTableSize", 1, 0, 2 ** 32 - 1],
  ["maxConcurrentStreams", 3, 0, 2 ** 32 - 1],
  ["initialWindowSize", 4, 0, 2 ** 31 - 1],
  ["maxFrameSize", 5, 16384, 2 ** 24 - 1],
  ["maxHeaderListSize", 6, 0, 2 ** 32 - 1],
  ["maxHeaderSize", 6, 0, 2 ** 32 - 1],
];
const BOOLEAN_SETTINGS = [
  ["enablePush", 2],
  ["enableConnectProtocol", 8],
];
// Wire order of the settings Node packs.
const PACK_ORDER = ["headerTableSize", "enablePush", "maxConcurrentStreams", "initialWindowSize", "maxFrameSize", "maxHeaderListSize", "enableConnectProtocol"];
const SETTING_IDS = { headerTableSize: 1, enablePush: 2, maxConcurrentStreams: 3, initialWindowSize: 4, maxFrameSize: 5, maxHeaderListSize: 6, enableConnectProtocol: 8 };
// nghttp2 takes at most this many settings it does not know.
const MAX_ADDITIONAL_SETTINGS = 10;

function ERR_HTTP2_INVALID_SETTING_VALUE(Base, name, value) {
  return nodeError(Base, "ERR_HTTP2_INVALID_SETTING_VALUE", `Invalid value for setting "${name}": ${value}`);
}

function validateSettings(settings) {
  for (const [name, , min, max] of NUMERIC_SETTINGS) {
    const value = settings[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || value < min || value > max) throw ERR_HTTP2_INVALID_SETTING_VALUE(RangeError, name, value);
  }
  for (const [name] of BOOLEAN_SETTINGS) {
    const value = settings[name];
    if (value !== undefined && typeof value !== "boolean") throw ERR_HTTP2_INVALID_SETTING_VALUE(TypeError, name, value);
  }
  if (settings.customSettings !== undefined) validateCustomSettings(settings.customSettings);
}

function validateCustomSettings(custom) {
  if (typeof custom !== "object" || custom === null) throw ERR_INVALID_ARG_TYPE("customSettings", "Number", custom);
  const entries = Object.entries(custom);
  if (entries.length > MAX_ADDITIONAL_SETTINGS) {
    throw nodeError(Error, "ERR_HTTP2_TOO_MANY_CUSTOM_SETTINGS", "Number of custom settings exceeds MAX_ADDITIONAL_SETTINGS");
  }
  for (const [key, value] of entries) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 1 || id > 0xffff) throw ERR_HTTP2_INVALID_SETTING_VALUE(RangeError, "customSettings:id", id);
    if (typeof value !== "number" || value < 0 || value > 2 ** 32 - 1) {
      throw ERR_HTTP2_INVALID_SETTING_VALUE(RangeError, "customSettings:value", value);
    }
  }
}

/** The payload of a SETTINGS frame carrying `settings`. */
export function getPackedSettings(settings = {}) {
  validateObject(settings, "settings");
  validateSettings(settings);
  settings = { ...settings };
  if (settings.maxHeaderSize !== undefined) {
    if (settings.maxHeaderListSize !== undefined) process.emitWarning("settings.maxHeaderSize overwrite settings.maxHeaderListSize");
    settings.maxHeaderListSize = settings.maxHeaderSize;
  }
  const entries = [];
  for (const name of PACK_ORDER) {
    const value = settings[name];
    if (value !== undefined) entries.push([SETTING_IDS[name], typeof value === "boolean" ? Number(value) : value]);
  }
  for (const [id, value] of Object.entries(settings.customSettings ?? {})) entries.push([Number(id), value]);
  const packed = Buffer.alloc(entries.length * 6);
  entries.forEach(([id, value], index) => {
    packed.writeUInt16BE(id, index * 6);
    packed.writeUInt32BE(Math.trunc(value) >>> 0, index * 6 + 2);
  });
  return packed;
}

/** The settings in the payload of a SETTINGS frame (later entries win); `{ validate: true }`
 * checks them as getPackedSettings() would. */
export function getUnpackedSettings(buf, options = {}) {
  if (!ArrayBuffer.isView(buf) || buf instanceof DataView) throw ERR_INVALID_ARG_TYPE("buf", ["Buffer", "TypedArray"], buf);
  if (buf.length % 6 !== 0) {
    throw nodeError(RangeError, "ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH", "Packed settings length must be a multiple of six");
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const settings = {};
  for (let offset = 0; offset + 6 <= view.byteLength; offset += 6) {
    const id = view.getUint16(offset);
    const value = view.getUint32(offset + 2);
    switch (id) {
      case 1:
        settings.headerTableSize = value;
        break;
      case 2:
        settings.enablePush = value !== 0;
        break;
      case 3:
        settings.maxConcurrentStreams = value;
        break;
      case 4:
        settings.initialWindowSize = value;
        break;
      case 5:
        settings.maxFrameSize = value;
        break;
      case 6:
        settings.maxHeaderListSize = settings.maxHeaderSize = value;
        break;
      case 8:
        settings.enableConnectProtocol = value !== 0;
        break;
      default:
        settings.customSettings ??= {};
        settings.customSettings[id] = value;
    }
  }
  if (options !== null && typeof options === "object" && options.validate) validateSettings(settings);
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Compatibility API: Http2ServerRequest and Http2ServerResponse over an Http2Stream

const kStream = Symbol("stream");
const kHeaders = Symbol("headers");
const kRawHeaders = Symbol("rawHeaders");
const kTrailers = Symbol("trailers");
const kRawTrailers = Symbol("rawTrailers");
const kAborted = Symbol("aborted");
const kState = Symbol("state");

function isPseudoHeader(name) {
  return name.startsWith(":");
}

const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;

function validateHeaderName(name) {
  if (isPseudoHeader(name)) throw nodeError(TypeError, "ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED", "Cannot set HTTP/2 pseudo-headers");
  if (!TOKEN.test(name)) throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `Header name must be a valid HTTP token ["${name}"]`);
}

function validateHeaderValue(name, value) {
  if (value === undefined || value === null) {
    throw nodeError(TypeError, "ERR_HTTP2_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
  }
}

export class Http2ServerRequest extends Readable {
  constructor(stream, headers, options, rawHeaders) {
    super({ autoDestroy: false, ...options });
    this[kState] = { closed: false, didRead: false };
    this[kHeaders] = headers;
    this[kRawHeaders] = rawHeaders;
    this[kTrailers] = {};
    this[kRawTrailers] = [];
    this[kStream] = stream;
    this[kAborted] = false;
    stream.on("trailers", (trailers, flags, raw) => {
      this[kTrailers] = trailers;
      this[kRawTrailers] = raw ?? [];
    });
    stream.on("end", () => this.push(null));
    stream.on("error", (err) => this.emit("error", err));
    stream.on("aborted", () => {
      if (this[kAborted]) return;
      this[kAborted] = true;
      this.emit("aborted");
    });
    stream.on("close", () => {
      this[kState].closed = true;
      this.emit("close");
    });
    stream.on("timeout", () => this.emit("timeout", this));
    this.on("pause", () => stream.pause());
    this.on("resume", () => stream.resume());
  }

  get aborted() {
    return this[kAborted];
  }

  get complete() {
    return this[kAborted] || this.readableEnded || this[kState].closed || Boolean(this[kStream].destroyed);
  }

  get stream() {
    return this[kStream];
  }

  get headers() {
    return this[kHeaders];
  }

  get rawHeaders() {
    return this[kRawHeaders];
  }

  get trailers() {
    return this[kTrailers];
  }

  get rawTrailers() {
    return this[kRawTrailers];
  }

  get httpVersionMajor() {
    return 2;
  }

  get httpVersionMinor() {
    return 0;
  }

  get httpVersion() {
    return "2.0";
  }

  get socket() {
    return this[kStream].session?.socket;
  }

  get connection() {
    return this.socket;
  }

  _read() {
    const state = this[kState];
    if (state.didRead) {
      process.nextTick(() => this[kStream].resume());
      return;
    }
    state.didRead = true;
    this[kStream].on("data", (chunk) => {
      if (!this.push(chunk)) this[kStream].pause();
    });
  }

  get method() {
    return this[kHeaders][constants.HTTP2_HEADER_METHOD];
  }

  set method(method) {
    validateString(method, "method");
    if (method.trim() === "") throw ERR_INVALID_ARG_VALUE("method", method);
    this[kHeaders][constants.HTTP2_HEADER_METHOD] = method;
  }

  get authority() {
    const headers = this[kHeaders];
    return headers[constants.HTTP2_HEADER_AUTHORITY] ?? headers[constants.HTTP2_HEADER_HOST];
  }

  get scheme() {
    return this[kHeaders][constants.HTTP2_HEADER_SCHEME];
  }

  get url() {
    return this[kHeaders][constants.HTTP2_HEADER_PATH];
  }

  set url(url) {
    this[kHeaders][constants.HTTP2_HEADER_PATH] = url;
  }

  setTimeout(msecs, callback) {
    if (!this[kState].closed) this[kStream].setTimeout(msecs, callback);
    return this;
  }
}

const kOutHeaders = Symbol("outHeaders");
const kOutTrailers = Symbol("outTrailers");

function ERR_HTTP2_HEADERS_SENT() {
  return nodeError(Error, "ERR_HTTP2_HEADERS_SENT", "Response has already been initiated.");
}

export class Http2ServerResponse extends Stream {
  constructor(stream, options) {
    super(options);
    this[kState] = { closed: false, ending: false, destroyed: false, headRequest: false, sendDate: true, statusCode: 200 };
    this[kOutHeaders] = { __proto__: null };
    this[kOutTrailers] = {};
    this[kStream] = stream;
    this.writable = true;
    this.req = stream.request ?? null;
    stream.on("drain", () => this.emit("drain"));
    stream.on("aborted", () => this.emit("aborted"));
    stream.on("close", () => {
      this[kState].closed = true;
      this.emit("finish");
      this.emit("close");
    });
    stream.on("wantTrailers", () => {
      const trailers = this[kOutTrailers];
      if (Object.keys(trailers).length > 0) stream.sendTrailers(trailers);
      else stream.close();
    });
    stream.on("timeout", () => this.emit("timeout", this));
  }

  get _header() {
    return this.headersSent;
  }

  get writableEnded() {
    return this[kState].ending;
  }

  get finished() {
    return this[kState].ending;
  }

  get socket() {
    return this[kStream].session?.socket;
  }

  get connection() {
    return this.socket;
  }

  get stream() {
    return this[kStream];
  }

  get headersSent() {
    return Boolean(this[kStream].headersSent);
  }

  get sendDate() {
    return this[kState].sendDate;
  }

  set sendDate(value) {
    this[kState].sendDate = Boolean(value);
  }

  get statusCode() {
    return this[kState].statusCode;
  }

  set statusCode(code) {
    code |= 0;
    if (code >= 100 && code < 200) {
      throw nodeError(RangeError, "ERR_HTTP2_INFO_STATUS_NOT_ALLOWED", "Informational status codes cannot be used");
    }
    if (code < 100 || code > 599) throw nodeError(RangeError, "ERR_HTTP2_STATUS_INVALID", `Invalid status code: ${code}`);
    this[kState].statusCode = code;
  }

  get statusMessage() {
    process.emitWarning("Status message is not supported by HTTP/2 (RFC7540 8.1.2.4)", "UnsupportedWarning");
    return "";
  }

  set statusMessage(message) {
    process.emitWarning("Status message is not supported by HTTP/2 (RFC7540 8.1.2.4)", "UnsupportedWarning");
  }

  get writableCorked() {
    return this[kStream].writableCorked;
  }

  get writableHighWaterMark() {
    return this[kStream].writableHighWaterMark;
  }

  get writableFinished() {
    return this[kStream].writableFinished;
  }

  get writableLength() {
    return this[kStream].writableLength;
  }

  setTrailer(name, value) {
    validateString(name, "name");
    name = name.trim().toLowerCase();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kOutTrailers][name] = value;
  }

  addTrailers(headers) {
    for (const [name, value] of Object.entries(headers)) this.setTrailer(name, value);
  }

  getHeader(name) {
    validateString(name, "name");
    return this[kOutHeaders][name.trim().toLowerCase()];
  }

  getHeaderNames() {
    return Object.keys(this[kOutHeaders]);
  }

  getHeaders() {
    return { __proto__: null, ...this[kOutHeaders] };
  }

  hasHeader(name) {
    validateString(name, "name");
    return name.trim().toLowerCase() in this[kOutHeaders];
  }

  removeHeader(name) {
    validateString(name, "name");
    if (this[kStream].headersSent) throw ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    if (name === "date") {
      this[kState].sendDate = false;
      return;
    }
    delete this[kOutHeaders][name];
  }

  setHeader(name, value) {
    validateString(name, "name");
    if (this[kStream].headersSent) throw ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kOutHeaders][name] = value;
    return this;
  }

  appendHeader(name, value) {
    validateString(name, "name");
    if (this[kStream].headersSent) throw ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const headers = this[kOutHeaders];
    if (name in headers) {
      const existing = Array.isArray(headers[name]) ? headers[name] : [headers[name]];
      headers[name] = existing.concat(value);
    } else {
      headers[name] = value;
    }
    return this;
  }

  flushHeaders() {
    if (!this[kState].closed && !this[kStream].headersSent) this.writeHead(this[kState].statusCode);
  }

  writeHead(statusCode, statusMessage, headers) {
    if (typeof statusMessage === "object") headers = statusMessage;
    if (this[kStream].headersSent) throw ERR_HTTP2_HEADERS_SENT();
    this.statusCode = statusCode;
    if (Array.isArray(headers)) {
      for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    }
    if (!this[kState].closed) this.#respond();
    return this;
  }

  // The stream adds the date header, when sendDate asks for it.
  #respond() {
    const state = this[kState];
    const headers = { ...this[kOutHeaders], [constants.HTTP2_HEADER_STATUS]: state.statusCode };
    this[kStream].respond(headers, { endStream: state.ending && !this[kStream].writableLength, waitForTrailers: true, sendDate: state.sendDate });
  }

  cork() {
    this[kStream].cork();
  }

  uncork() {
    this[kStream].uncork();
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === "function") {
      cb = encoding;
      encoding = "utf8";
    }
    const state = this[kState];
    if (state.ending) {
      const err = nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
      if (typeof cb === "function") process.nextTick(cb, err);
      this.destroy(err);
      return false;
    }
    if (state.closed) {
      const err = nodeError(Error, "ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed");
      if (typeof cb === "function") process.nextTick(cb, err);
      return false;
    }
    if (!this[kStream].headersSent) this.writeHead(state.statusCode);
    return this[kStream].write(chunk, encoding, cb);
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === "function") {
      cb = chunk;
      chunk = null;
    } else if (typeof encoding === "function") {
      cb = encoding;
      encoding = "utf8";
    }
    const state = this[kState];
    if (state.ending) {
      if (typeof cb === "function") process.nextTick(cb);
      return this;
    }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    state.ending = true;
    if (typeof cb === "function") {
      if (this[kStream].writableEnded) this.once("finish", cb);
      else this[kStream].once("finish", cb);
    }
    if (!this[kStream].headersSent) this.writeHead(state.statusCode);
    if (!state.closed) this[kStream].end();
    return this;
  }

  destroy(err) {
    if (this[kState].destroyed) return;
    this[kState].destroyed = true;
    this[kStream].destroy(err);
  }

  setTimeout(msecs, callback) {
    if (!this[kState].closed) this[kStream].setTimeout(msecs, callback);
    return this;
  }

  createPushResponse(headers, callback) {
    validateFunction(callback, "callback");
    if (this[kState].closed) {
      process.nextTick(callback, nodeError(Error, "ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed"));
      return;
    }
    this[kStream].pushStream(headers, {}, (err, stream) => {
      if (err) callback(err);
      else callback(null, new Http2ServerResponse(stream));
    });
  }

  writeContinue() {
    if (this[kStream].headersSent || this[kState].closed) return false;
    this[kStream].additionalHeaders({ [constants.HTTP2_HEADER_STATUS]: constants.HTTP_STATUS_CONTINUE });
    return true;
  }

  writeEarlyHints(hints) {
    validateObject(hints, "hints");
    const headers = { [constants.HTTP2_HEADER_STATUS]: constants.HTTP_STATUS_EARLY_HINTS };
    for (const [name, value] of Object.entries(hints)) headers[name.trim().toLowerCase()] = value;
    if (this[kStream].headersSent || this[kState].closed) return false;
    this[kStream].additionalHeaders(headers);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Servers

const kOptions = Symbol("options");

function initializeOptions(options) {
  options ??= {};
  validateObject(options, "options");
  options = { ...options };
  if (options.settings !== undefined) validateObject(options.settings, "options.settings");
  options.settings = { ...options.settings };
  validateSettings(options.settings);
  if (options.maxSessionInvalidFrames !== undefined) validateUint32(options.maxSessionInvalidFrames, "maxSessionInvalidFrames");
  if (options.maxSessionRejectedStreams !== undefined) validateUint32(options.maxSessionRejectedStreams, "maxSessionRejectedStreams");
  options.Http2ServerRequest ||= Http2ServerRequest;
  options.Http2ServerResponse ||= Http2ServerResponse;
  return options;
}

function splitServerArgs(options, requestListener) {
  if (typeof options === "function") return [{}, options];
  return [options, requestListener];
}

// Methods both servers share: the timeout and the settings sent to new sessions.
const serverMethods = {
  setTimeout(msecs, callback) {
    this.timeout = msecs;
    if (callback !== undefined) {
      validateFunction(callback, "callback");
      this.on("timeout", callback);
    }
    return this;
  },
  updateSettings(settings) {
    validateObject(settings, "settings");
    validateSettings(settings);
    this[kOptions].settings = { ...this[kOptions].settings, ...settings };
  },
};

class Http2Server extends NetServer {
  constructor(options, requestListener) {
    [options, requestListener] = splitServerArgs(options, requestListener);
    options = initializeOptions(options);
    super(options);
    this[kOptions] = options;
    this.timeout = 0;
    if (typeof requestListener === "function") this.on("request", requestListener);
  }
}
Object.assign(Http2Server.prototype, serverMethods);

class Http2SecureServer extends TlsServer {
  constructor(options, requestListener) {
    [options, requestListener] = splitServerArgs(options, requestListener);
    options = initializeOptions(options);
    // HTTP/2 over TLS is negotiated as "h2" (and "http/1.1" when HTTP/1 is allowed too).
    if (!options.ALPNCallback) options.ALPNProtocols = options.allowHTTP1 === true ? ["h2", "http/1.1"] : ["h2"];
    super(options);
    this[kOptions] = options;
    this.timeout = 0;
    if (typeof requestListener === "function") this.on("request", requestListener);
  }
}
Object.assign(Http2SecureServer.prototype, serverMethods);

export function createServer(options, requestListener) {
  return new Http2Server(options, requestListener);
}

export function createSecureServer(options, requestListener) {
  return new Http2SecureServer(options, requestListener);
}

export function connect(authority, options) {
  if (typeof authority === "string") authority = new URL(authority);
  validateObject(authority, "authority");
  if (typeof options === "function") options = undefined;
  if (options !== undefined) validateObject(options, "options");
  throw notImplemented("http2.connect()");
}

export function performServerHandshake() {
  throw notImplemented("http2.performServerHandshake()");
}

export default {
  connect,
  constants,
  createServer,
  createSecureServer,
  getDefaultSettings,
  getPackedSettings,
  getUnpackedSettings,
  performServerHandshake,
  sensitiveHeaders,
  Http2ServerRequest,
  Http2ServerResponse,
};
