// rusk:internal/http_client — ClientRequest: Node's option handling, checks and headers (Host,
// Authorization), with the header API of OutgoingMessage and body writes queued in outputData.
// Sending needs a socket and rusk has no `net` yet: on the next tick the request emits 'error'
// with ERR_METHOD_NOT_IMPLEMENTED, then 'close', as a request whose connection failed does.

import { Buffer } from "node:buffer";
import { URL, urlToHttpOptions } from "node:url";
import { ERR_INVALID_ARG_TYPE, nodeError, validateBoolean, validateInteger } from "rusk:internal/errors";
import { addAbortSignal } from "rusk:internal/streams_add_abort_signal";
import {
  ERR_HTTP_HEADERS_SENT,
  ERR_INVALID_ARG_TYPE_MIXED,
  ERR_INVALID_HTTP_TOKEN,
  checkIsHttpToken,
  getTimerDuration,
  notImplemented,
  parseUniqueHeadersOption,
} from "rusk:internal/http_common";
import { globalAgent } from "rusk:internal/http_agent";
import { OutgoingMessage, kOutHeaders, kUniqueHeaders } from "rusk:internal/http_outgoing";

/** Which function made the request, for the not-implemented error ("http.get()"). */
export const kCaller = Symbol("kCaller");

// A request path may hold no control characters, spaces or characters above U+00FF.
const INVALID_PATH = /[^\u0021-\u00ff]/;

function validateHost(host, name) {
  if (host != null && typeof host !== "string") {
    throw ERR_INVALID_ARG_TYPE_MIXED(`options.${name}`, "of type string or one of undefined or null", host);
  }
  return host;
}

function isURL(value) {
  return value instanceof URL || (value != null && typeof value.href === "string" && typeof value.protocol === "string" && value.auth === undefined && value.path === undefined);
}

const kError = Symbol("kError");

// Runs on the tick after construction, where Node's request gets its socket: a request destroyed
// by then reports why ('error' unless aborted), any other fails for want of a socket.
function settleWithoutSocket(req) {
  let error = req[kError];
  if (!req.destroyed) {
    req.destroyed = true;
    error = notImplemented(req[kCaller] ?? `${req.protocol === "https:" ? "https" : "http"}.request()`);
  } else if (!error && !req.aborted && !req.res) {
    error = new Error("socket hang up");
    error.code = "ECONNRESET";
  }
  if (error) req.emit("error", error);
  req._closed = true;
  req.emit("close");
}

export function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);

  if (typeof input === "string") {
    input = urlToHttpOptions(new URL(input));
  } else if (isURL(input)) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === "function") {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign(input || {}, options);
  }

  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) {
    agent = new defaultAgent.constructor();
  } else if (agent == null) {
    if (typeof options.createConnection !== "function") agent = defaultAgent;
  } else if (typeof agent.addRequest !== "function") {
    throw ERR_INVALID_ARG_TYPE_MIXED("options.agent", "one of Agent-like Object, undefined, or false", agent);
  }
  this.agent = agent;

  const protocol = options.protocol || defaultAgent.protocol;
  const expectedProtocol = this.agent?.protocol || defaultAgent.protocol;
  if (options.path && INVALID_PATH.test(String(options.path))) {
    throw nodeError(TypeError, "ERR_UNESCAPED_CHARACTERS", "Request path contains unescaped characters");
  }
  if (protocol !== expectedProtocol) {
    throw nodeError(TypeError, "ERR_INVALID_PROTOCOL", `Protocol "${protocol}" not supported. Expected "${expectedProtocol}"`);
  }

  const defaultPort = options.defaultPort || this.agent?.defaultPort;
  const port = options.port || defaultPort || 80;
  const host = validateHost(options.hostname, "hostname") || validateHost(options.host, "host") || "localhost";
  const setHost = options.setHost === undefined || Boolean(options.setHost);

  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = getTimerDuration(options.timeout, "timeout");

  const method = options.method;
  if (method != null && typeof method !== "string") throw ERR_INVALID_ARG_TYPE("options.method", "string", method);
  if (method) {
    if (!checkIsHttpToken(method)) throw ERR_INVALID_HTTP_TOKEN("Method", method);
    this.method = method.toUpperCase();
  } else {
    this.method = "GET";
  }

  if (options.maxHeaderSize !== undefined) validateInteger(options.maxHeaderSize, "maxHeaderSize", 0);
  this.maxHeaderSize = options.maxHeaderSize;
  if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, "options.insecureHTTPParser");
  this.insecureHTTPParser = options.insecureHTTPParser;
  if (options.joinDuplicateHeaders !== undefined) validateBoolean(options.joinDuplicateHeaders, "options.joinDuplicateHeaders");
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;

  this.path = options.path || "/";
  if (cb) this.once("response", cb);

  // Requests whose method has no body are not chunked unless the caller asks.
  this.useChunkedEncodingByDefault = !["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"].includes(this.method);
  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;

  // Keep-alive only when the agent would reuse the connection.
  if (this.agent && (this.agent.keepAlive || Number.isFinite(this.agent.maxSockets))) {
    this._last = false;
    this.shouldKeepAlive = true;
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
  }

  const firstLine = `${this.method} ${this.path} HTTP/1.1\r\n`;
  if (Array.isArray(options.headers)) {
    // Raw header lists go straight into the head.
    this._storeHeader(firstLine, options.headers);
  } else {
    if (options.headers) for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    if (host && !this.getHeader("host") && setHost) {
      let hostHeader = host;
      // An IPv6 address goes in brackets.
      const colon = hostHeader.indexOf(":");
      if (colon !== -1 && hostHeader.includes(":", colon + 1) && hostHeader[0] !== "[") hostHeader = `[${hostHeader}]`;
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader("Host", hostHeader);
    }
    if (options.auth && !this.getHeader("Authorization")) {
      this.setHeader("Authorization", `Basic ${Buffer.from(options.auth).toString("base64")}`);
    }
    if (this.getHeader("expect")) {
      if (this._header) throw ERR_HTTP_HEADERS_SENT("render");
      this._storeHeader(firstLine, this[kOutHeaders]);
    }
  }
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);

  if (options.signal) addAbortSignal(options.signal, this);
  globalThis.process.nextTick(settleWithoutSocket, this);
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

const proto = ClientRequest.prototype;

proto._implicitHeader = function _implicitHeader() {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("render");
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
};

proto.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  globalThis.process.nextTick(() => this.emit("abort"));
  this.destroy();
};

// The request has no socket to destroy: the error is reported by settleWithoutSocket.
proto.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = error;
  return this;
};

proto.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  this.timeout = getTimerDuration(msecs, "msecs");
  if (callback) this.once("timeout", callback);
  return this;
};

proto.clearTimeout = function clearTimeout(callback) {
  this.setTimeout(0, callback);
};

// Socket options wait for the socket, as in Node.
proto.setNoDelay = function setNoDelay(noDelay) {
  this.once("socket", (socket) => socket.setNoDelay(noDelay));
};

proto.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  this.once("socket", (socket) => socket.setKeepAlive(enable, initialDelay));
};
