// rusk:internal/http_server — ServerResponse and Server. A ServerResponse works without a
// server: writeHead builds the head, writes queue in `outputData` until a socket (any writable
// stream) is given to assignSocket. A Server keeps its options and 'request' listeners, but
// listening needs `net`, which rusk does not have yet: listen() throws ERR_METHOD_NOT_IMPLEMENTED.

import EventEmitter from "node:events";
import { ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, nodeError, validateBoolean, validateInteger, validateObject } from "rusk:internal/errors";
import {
  ERR_HTTP_HEADERS_SENT,
  ERR_INVALID_CHAR,
  STATUS_CODES,
  checkInvalidHeaderChar,
  notImplemented,
  parseUniqueHeadersOption,
} from "rusk:internal/http_common";
import { IncomingMessage } from "rusk:internal/http_incoming";
import { OutgoingMessage, kOutHeaders, kUniqueHeaders } from "rusk:internal/http_outgoing";

// ---------------------------------------------------------------------------------------------
// ServerResponse

export function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === "HEAD") this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  // HTTP/1.0 peers get chunked bodies only when they ask for them, and no keep-alive.
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;

function onResponseSocketClose() {
  const res = this._httpMessage;
  if (res) {
    res.destroyed = true;
    res._closed = true;
    res.emit("close");
  }
}

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw nodeError(Error, "ERR_HTTP_SOCKET_ASSIGNED", "ServerResponse has an already assigned socket");
  socket._httpMessage = this;
  socket.on("close", onResponseSocketClose);
  this.socket = socket;
  this.emit("socket", socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket.removeListener("close", onResponseSocketClose);
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(callback) {
  this._writeRaw("HTTP/1.1 100 Continue\r\n\r\n", "ascii", callback);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(callback) {
  this._writeRaw("HTTP/1.1 102 Processing\r\n\r\n", "ascii", callback);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw ERR_HTTP_HEADERS_SENT("write");
  const requested = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw nodeError(RangeError, "ERR_HTTP_INVALID_STATUS_CODE", `Invalid status code: ${requested}`);

  if (typeof reason === "string") {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || "unknown";
    obj ??= reason;
  }
  this.statusCode = statusCode;

  let headers;
  if (this[kOutHeaders]) {
    // Headers given here win over those set before, keeping duplicates given here.
    if (Array.isArray(obj)) {
      if (obj.length % 2 !== 0) throw ERR_INVALID_ARG_VALUE("headers", obj);
      for (let i = 0; i < obj.length; i += 2) this.removeHeader(String(obj[i]));
      for (let i = 0; i < obj.length; i += 2) if (obj[i]) this.appendHeader(obj[i], obj[i + 1]);
    } else if (obj) {
      for (const key of Object.keys(obj)) if (key) this.setHeader(key, obj[key]);
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }

  if (checkInvalidHeaderChar(this.statusMessage)) throw ERR_INVALID_CHAR("statusMessage");
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`, headers);
  return this;
};

ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// ---------------------------------------------------------------------------------------------
// Server

export const kIncomingMessage = Symbol("IncomingMessage");
export const kServerResponse = Symbol("ServerResponse");

function optionalInteger(value, name, fallback) {
  if (value === undefined) return fallback;
  validateInteger(value, name, 0);
  return value;
}

function optionalBoolean(value, name) {
  if (value !== undefined) validateBoolean(value, name);
  return value;
}

/** What http.Server and https.Server take from their options (Node's checks and defaults). */
export function initServer(server, options, requestListener) {
  if (typeof options === "function") {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, "options");
  }
  server[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  server[kServerResponse] = options.ServerResponse || ServerResponse;
  server.maxHeaderSize = optionalInteger(options.maxHeaderSize, "maxHeaderSize", undefined);
  server.insecureHTTPParser = optionalBoolean(options.insecureHTTPParser, "options.insecureHTTPParser");
  server.requestTimeout = optionalInteger(options.requestTimeout, "requestTimeout", 300000);
  server.headersTimeout = optionalInteger(options.headersTimeout, "headersTimeout", 60000);
  if (server.requestTimeout > 0 && server.headersTimeout > 0 && server.headersTimeout > server.requestTimeout) {
    throw ERR_OUT_OF_RANGE("headersTimeout", "<= requestTimeout", options.headersTimeout);
  }
  server.keepAliveTimeout = optionalInteger(options.keepAliveTimeout, "keepAliveTimeout", 5000);
  server.connectionsCheckingInterval = optionalInteger(options.connectionsCheckingInterval, "connectionsCheckingInterval", 30000);
  server.requireHostHeader = optionalBoolean(options.requireHostHeader, "options.requireHostHeader") ?? true;
  server.joinDuplicateHeaders = optionalBoolean(options.joinDuplicateHeaders, "options.joinDuplicateHeaders");
  server.rejectNonStandardBodyWrites = optionalBoolean(options.rejectNonStandardBodyWrites, "options.rejectNonStandardBodyWrites") ?? false;
  EventEmitter.call(server);
  server._connections = 0;
  server.allowHalfOpen = true;
  server.noDelay = options.noDelay ?? true;
  server.keepAlive = Boolean(options.keepAlive);
  server.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  server.highWaterMark = options.highWaterMark ?? 16384;
  if (requestListener) server.on("request", requestListener);
  server.httpAllowHalfOpen = false;
  server.timeout = 0;
  server.maxHeadersCount = null;
  server.maxRequestsPerSocket = 0;
  server[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
}

export function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  initServer(this, options, requestListener);
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

/** The methods http.Server and https.Server share (https.Server is not an http.Server in Node). */
const serverMethods = {
  listen() {
    throw notImplemented("server.listen()");
  },
  address() {
    return null;
  },
  // A server that never listened has no connections: closing it reports ERR_SERVER_NOT_RUNNING
  // to the callback and emits 'close', as Node's does.
  close(callback) {
    if (typeof callback === "function") {
      this.once("close", () => callback(nodeError(Error, "ERR_SERVER_NOT_RUNNING", "Server is not running.")));
    }
    globalThis.process.nextTick(() => this.emit("close"));
    return this;
  },
  // Connections come only from listening, so there are never any to close.
  closeAllConnections() {},
  closeIdleConnections() {},
  getConnections(callback) {
    globalThis.process.nextTick(callback, null, this._connections);
    return this;
  },
  setTimeout(msecs, callback) {
    this.timeout = msecs;
    if (callback) this.on("timeout", callback);
    return this;
  },
  ref() {
    this._unref = false;
    return this;
  },
  unref() {
    this._unref = true;
    return this;
  },
};

/** Puts the shared methods (non-enumerable, as class methods) and `listening` on a prototype. */
export function installServerMethods(prototype) {
  for (const [name, fn] of Object.entries(serverMethods)) {
    Object.defineProperty(prototype, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(prototype, "listening", { get: () => false, enumerable: false, configurable: true });
}

installServerMethods(Server.prototype);
