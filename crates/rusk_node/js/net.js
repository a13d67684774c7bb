// node:net — IP address checks (isIP, BlockList, SocketAddress), the auto-select-family
// defaults, and the Socket (a Duplex) and Server (an EventEmitter) classes with Node's state and
// argument checks. rusk has no sockets yet: connecting reports ERR_METHOD_NOT_IMPLEMENTED as an
// 'error' on a later tick (where a failed connection reports it), and listen() throws it.

import EventEmitter from "node:events";
import { Buffer } from "node:buffer";
import { Duplex } from "rusk:internal/streams_duplex";
import { getDefaultHighWaterMark } from "rusk:internal/streams_utils";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE,
  nodeError,
  validateBoolean,
  validateFunction,
  validateInt32,
  validateNumber,
  validateOneOf,
  validateAbortSignal,
  validateString,
} from "rusk:internal/errors";
import { isIP, isIPv4, isIPv6 } from "rusk:internal/net_address";
import { BlockList, SocketAddress, validatePort } from "rusk:internal/net_socketaddress";
import { kConnectMethod, notImplemented } from "rusk:internal/net_common";

export { isIP, isIPv4, isIPv6, BlockList, SocketAddress };

function ERR_SOCKET_CLOSED() {
  return nodeError(Error, "ERR_SOCKET_CLOSED", "Socket is closed");
}

function ERR_INVALID_IP_ADDRESS(address) {
  return nodeError(TypeError, "ERR_INVALID_IP_ADDRESS", `Invalid IP address: ${address}`);
}

function ERR_MISSING_CONNECT_ARGS() {
  return nodeError(TypeError, "ERR_MISSING_ARGS", 'The "options" or "port" or "path" argument must be specified');
}

// ---------------------------------------------------------------------------------------------
// Auto-select family (happy eyeballs) defaults

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

export function getDefaultAutoSelectFamily() {
  return autoSelectFamilyDefault;
}

export function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, "value");
  autoSelectFamilyDefault = value;
}

export function getDefaultAutoSelectFamilyAttemptTimeout() {
  return autoSelectFamilyAttemptTimeoutDefault;
}

export function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInt32(value, "value", 1);
  // Node never waits less than 10 ms before trying the next address.
  autoSelectFamilyAttemptTimeoutDefault = Math.max(value, 10);
}

// ---------------------------------------------------------------------------------------------
// Arguments of connect() and listen()

const normalizedArgsSymbol = Symbol("normalizedArgs");

/** [options, callback|null] from connect()'s or listen()'s arguments: (options[, cb]),
 * (port[, host][, cb]) or (path[, cb]); a string that is not a number ≥ 0 is a path. */
export function _normalizeArgs(args) {
  let result;
  if (args.length === 0) {
    result = [{}, null];
  } else {
    const first = args[0];
    let options = {};
    if (typeof first === "object" && first !== null) options = first;
    else if (typeof first === "string" && !(Number(first) >= 0)) options.path = first;
    else {
      options.port = first;
      if (args.length > 1 && typeof args[1] === "string") options.host = args[1];
    }
    const last = args[args.length - 1];
    result = [options, typeof last === "function" ? last : null];
  }
  result[normalizedArgsSymbol] = true;
  return result;
}

const DNS_FAMILIES = { IPv4: 4, IPv6: 6 };

/** connect()'s checks of a TCP destination, in Node's order. */
function validateTcpConnectOptions(options) {
  const { localAddress, localPort } = options;
  if (localAddress && !isIP(localAddress)) throw ERR_INVALID_IP_ADDRESS(localAddress);
  if (localPort) validateNumber(localPort, "options.localPort");
  if (options.port !== undefined) {
    if (typeof options.port !== "number" && typeof options.port !== "string") {
      throw ERR_INVALID_ARG_TYPE("options.port", ["number", "string"], options.port);
    }
    validatePort(options.port);
  }
  if (options.autoSelectFamily != null) validateBoolean(options.autoSelectFamily, "options.autoSelectFamily");
  if (options.autoSelectFamilyAttemptTimeout != null) {
    validateInt32(options.autoSelectFamilyAttemptTimeout, "options.autoSelectFamilyAttemptTimeout", 1);
  }
  const host = options.host || "localhost";
  if (isIP(host)) return;
  // What dns.lookup() would check before resolving the host.
  if (options.lookup != null) validateFunction(options.lookup, "options.lookup");
  validateString(host, "hostname");
  const family = DNS_FAMILIES[options.family] ?? options.family;
  if (family != null) validateOneOf(family, "options.family", [0, 4, 6]);
}

/** A timer's duration: a finite number ≥ 0. */
function validateTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) throw ERR_OUT_OF_RANGE(name, "a non-negative finite number", msecs);
}

// ---------------------------------------------------------------------------------------------
// Socket

const kTimeout = Symbol("timeout");
const kSetNoDelay = Symbol("kSetNoDelay");
const kSetKeepAlive = Symbol("kSetKeepAlive");
const kSetKeepAliveInitialDelay = Symbol("kSetKeepAliveInitialDelay");
const kBytesRead = Symbol("kBytesRead");
const kBytesWritten = Symbol("kBytesWritten");
const kRef = Symbol("kRef");
const kConnectAttempted = Symbol("kConnectAttempted");

export function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === "number") options = { fd: options };
  else options = { ...options };
  if (options.fd !== undefined) {
    validateInt32(options.fd, "fd", 0);
    throw notImplemented("net.Socket() over a file descriptor");
  }
  if (options.handle) throw notImplemented("net.Socket() over a handle");

  this.connecting = false;
  this._hadError = false;
  this._parent = null;
  this._host = null;
  this._closeAfterHandlingError = false;
  // The stream layer keeps both sides open; the socket decides about half-open itself.
  Duplex.call(this, { ...options, allowHalfOpen: true, emitClose: false, autoDestroy: true, decodeStrings: false });
  this.allowHalfOpen = Boolean(options.allowHalfOpen);
  this._handle = null;
  this._sockname = null;
  this._pendingData = null;
  this._pendingEncoding = "";
  this.server = null;
  this._server = null;
  this[kTimeout] = null;
  this[kSetNoDelay] = Boolean(options.noDelay);
  this[kSetKeepAlive] = Boolean(options.keepAlive);
  this[kSetKeepAliveInitialDelay] = ~~(options.keepAliveInitialDelay / 1000);
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
  this[kRef] = true;
  this.on("end", onReadableStreamEnd);
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

// When the other side ends and half-open is off, later writes fail as Node's do.
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) this.write = writeAfterFIN;
}

function writeAfterFIN(chunk, encoding, cb) {
  if (typeof encoding === "function") cb = encoding;
  const err = Object.assign(new Error("This socket has been ended by the other party"), { code: "EPIPE" });
  if (typeof cb === "function") process.nextTick(cb, err);
  this.destroy(err);
  return false;
}

Object.defineProperties(Socket.prototype, {
  pending: {
    get() {
      return !this._handle || this.connecting;
    },
    configurable: true,
  },
  readyState: {
    get() {
      if (this.connecting) return "opening";
      if (this.readable && this.writable) return "open";
      if (this.readable) return "readOnly";
      if (this.writable) return "writeOnly";
      return "closed";
    },
    configurable: true,
  },
  bufferSize: {
    get() {
      return this._handle ? this.writableLength : undefined;
    },
    configurable: true,
  },
  bytesRead: {
    get() {
      return this[kBytesRead];
    },
    configurable: true,
  },
  bytesWritten: {
    // Bytes sent, plus those still waiting to be.
    get() {
      const pending = this._pendingData;
      const waiting = [...(this.writableBuffer ?? [])];
      if (Array.isArray(pending)) waiting.push(...pending);
      else if (pending) waiting.push({ chunk: pending, encoding: this._pendingEncoding });
      let bytes = this[kBytesWritten];
      for (const { chunk, encoding } of waiting) bytes += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.length;
      return bytes;
    },
    configurable: true,
  },
  remoteAddress: {
    get() {
      return this._getpeername().address;
    },
    configurable: true,
  },
  remoteFamily: {
    get() {
      return this._getpeername().family;
    },
    configurable: true,
  },
  remotePort: {
    get() {
      return this._getpeername().port;
    },
    configurable: true,
  },
  localAddress: {
    get() {
      return this._getsockname().address;
    },
    configurable: true,
  },
  localPort: {
    get() {
      return this._getsockname().port;
    },
    configurable: true,
  },
  localFamily: {
    get() {
      return this._getsockname().family;
    },
    configurable: true,
  },
});

// Without a connected handle the peer and local names are unknown: empty objects, as in Node.
Socket.prototype._getpeername = function _getpeername() {
  return this._peername || {};
};

Socket.prototype._getsockname = function _getsockname() {
  return this._sockname || {};
};

Socket.prototype.address = function address() {
  return this._getsockname();
};

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  validateTimerDuration(msecs, "msecs");
  this.timeout = msecs;
  clearTimeout(this[kTimeout]);
  this[kTimeout] = null;
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, "callback");
      this.removeListener("timeout", callback);
    }
    return this;
  }
  // An idle timer does not keep the process alive.
  this[kTimeout] = globalThis.setTimeout(() => this._onTimeout(), msecs);
  this[kTimeout].unref?.();
  if (callback !== undefined) {
    validateFunction(callback, "callback");
    this.once("timeout", callback);
  }
  return this;
};

Socket.prototype._onTimeout = function _onTimeout() {
  this[kTimeout] = null;
  this.emit("timeout");
};

// Activity restarts the idle timer.
Socket.prototype._unrefTimer = function _unrefTimer() {
  this[kTimeout]?.refresh?.();
};

// No handle to set the options on yet: they are kept for the connection.
Socket.prototype.setNoDelay = function setNoDelay(enable = true) {
  this[kSetNoDelay] = Boolean(enable);
  return this;
};

Socket.prototype.setKeepAlive = function setKeepAlive(enable, initialDelayMsecs) {
  this[kSetKeepAlive] = Boolean(enable);
  this[kSetKeepAliveInitialDelay] = ~~(initialDelayMsecs / 1000);
  return this;
};

Socket.prototype.ref = function ref() {
  this[kRef] = true;
  return this;
};

Socket.prototype.unref = function unref() {
  this[kRef] = false;
  return this;
};

// Reading and writing wait for a connection (which, in rusk, never comes; connecting fails).
Socket.prototype._read = function _read(size) {
  this.once("connect", () => this._read(size));
};

Socket.prototype._writeGeneric = function _writeGeneric(writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    this.once("connect", () => this._writeGeneric(writev, data, encoding, cb));
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = "";
  cb(ERR_SOCKET_CLOSED());
};

Socket.prototype._write = function _write(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._writev = function _writev(chunks, cb) {
  this._writeGeneric(true, chunks, "", cb);
};

Socket.prototype._final = function _final(cb) {
  if (this.pending) {
    this.once("connect", () => this._final(cb));
    return;
  }
  cb();
};

Socket.prototype._destroy = function _destroy(err, cb) {
  this.connecting = false;
  clearTimeout(this[kTimeout]);
  this[kTimeout] = null;
  cb(err);
  // A socket that tried to connect says whether it closed on an error, as a handle's close does.
  const closeArgs = this[kConnectAttempted] ? [Boolean(err)] : [];
  process.nextTick(() => this.emit("close", ...closeArgs));
  if (this._server) {
    this._server._connections--;
    this._server._emitCloseIfDrained?.();
  }
};

Socket.prototype.destroySoon = function destroySoon() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once("finish", this.destroy);
};

Socket.prototype.resetAndDestroy = function resetAndDestroy() {
  // Without a TCP handle there is nothing to reset.
  this.destroy(ERR_SOCKET_CLOSED());
  return this;
};

Socket.prototype.connect = function connect(...args) {
  const normalized = Array.isArray(args[0]) && args[0][normalizedArgsSymbol] ? args[0] : _normalizeArgs(args);
  const [options, cb] = normalized;
  if (options.port === undefined && options.path == null) throw ERR_MISSING_CONNECT_ARGS();
  if (options.path) validateString(options.path, "options.path");
  else {
    validateTcpConnectOptions(options);
    this._host = options.host || "localhost";
  }
  if (cb !== null) this.once("connect", cb);
  if (this.destroyed) {
    this._peername = null;
    this._sockname = null;
    this._undestroy();
  }
  if (options.timeout) this.setTimeout(options.timeout);
  this.connecting = true;
  this[kConnectAttempted] = true;
  const err = notImplemented(this[kConnectMethod] ?? "socket.connect()");
  process.nextTick(() => {
    if (!this.destroyed) this.destroy(err);
  });
  return this;
};

// ---------------------------------------------------------------------------------------------
// Server

export function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === "function") {
    connectionListener = options;
    options = {};
  } else if (options == null || typeof options === "object") {
    options = { ...options };
  } else {
    throw ERR_INVALID_ARG_TYPE("options", "Object", options);
  }
  if (typeof connectionListener === "function") this.on("connection", connectionListener);
  let { keepAliveInitialDelay, highWaterMark } = options;
  if (keepAliveInitialDelay !== undefined) {
    validateNumber(keepAliveInitialDelay, "options.keepAliveInitialDelay");
    if (keepAliveInitialDelay < 0) keepAliveInitialDelay = 0;
  }
  if (highWaterMark !== undefined) {
    validateNumber(highWaterMark, "options.highWaterMark");
    if (highWaterMark < 0) highWaterMark = getDefaultHighWaterMark();
  }
  this._connections = 0;
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this._listeningId = 1;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(keepAliveInitialDelay / 1000);
  this.highWaterMark = highWaterMark ?? getDefaultHighWaterMark();
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, "listening", {
  get() {
    return Boolean(this._handle);
  },
  configurable: true,
  enumerable: true,
});

/** listen()'s checks, in Node's order, then ERR_METHOD_NOT_IMPLEMENTED: rusk cannot listen. */
Server.prototype.listen = function listen(...args) {
  const [options] = _normalizeArgs(args);
  if (options.signal !== undefined) validateAbortSignal(options.signal, "options.signal");
  if (options.handle || options._handle || (typeof options.fd === "number" && options.fd >= 0)) {
    throw notImplemented("server.listen()");
  }
  // listen(), listen(cb), listen(null) and { port: undefined } pick a free port.
  const portOmitted = args.length === 0 || typeof args[0] === "function" || options.port === null || ("port" in options && options.port === undefined);
  const port = portOmitted ? 0 : options.port;
  if (typeof port === "number" || typeof port === "string") {
    validatePort(port, "options.port");
    if (options.host != null) validateString(options.host, "hostname");
  } else if ("port" in options) {
    throw ERR_INVALID_ARG_VALUE("options", options);
  } else if (options.path != null && (typeof options.path !== "string" || options.path === "")) {
    throw ERR_INVALID_ARG_VALUE("options", options);
  } else if (options.path == null) {
    throw ERR_INVALID_ARG_VALUE("options", options, 'must have the property "port" or "path"');
  }
  throw notImplemented("server.listen()");
};

Server.prototype._listen2 = function _listen2() {
  throw notImplemented("server.listen()");
};

Server.prototype.address = function address() {
  return null;
};

Server.prototype._emitCloseIfDrained = function _emitCloseIfDrained() {
  if (this._handle || this._connections) return;
  process.nextTick(() => this.emit("close"));
};

Server.prototype.close = function close(cb) {
  if (typeof cb === "function") {
    if (this._handle) this.once("close", cb);
    else this.once("close", () => cb(nodeError(Error, "ERR_SERVER_NOT_RUNNING", "Server is not running.")));
  }
  this._handle = null;
  this._emitCloseIfDrained();
  return this;
};

Server.prototype.getConnections = function getConnections(cb) {
  process.nextTick(cb, null, this._connections);
  return this;
};

Server.prototype.ref = function ref() {
  this._unref = false;
  return this;
};

Server.prototype.unref = function unref() {
  this._unref = true;
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function asyncDispose() {
  if (!this._handle) return;
  await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

// A rejected 'connection' handler destroys that socket; any other goes to 'error'.
Server.prototype[EventEmitter.captureRejectionSymbol] = function captureRejection(err, event, socket) {
  if (event === "connection") socket.destroy(err);
  else this.emit("error", err);
};

// ---------------------------------------------------------------------------------------------
// Functions

/** A Socket that connects to (port[, host]), (path) or (options): see Socket.prototype.connect. */
export function connect(...args) {
  return connectAs("net.connect()", args);
}

export function createConnection(...args) {
  return connectAs("net.createConnection()", args);
}

function connectAs(method, args) {
  const normalized = _normalizeArgs(args);
  const [options] = normalized;
  const socket = new Socket(options);
  socket[kConnectMethod] = method;
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

export function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

export function _createServerHandle() {
  throw notImplemented("net._createServerHandle()");
}

let warnedSimultaneousAccepts = false;
/** Windows-only in Node; elsewhere it only warns that it is deprecated. */
export function _setSimultaneousAccepts() {
  if (warnedSimultaneousAccepts) return;
  warnedSimultaneousAccepts = true;
  process.emitWarning("net._setSimultaneousAccepts() is deprecated and will be removed.", "DeprecationWarning", "DEP0121");
}

export const Stream = Socket;

export default {
  _createServerHandle,
  _normalizeArgs,
  _setSimultaneousAccepts,
  BlockList,
  SocketAddress,
  connect,
  createConnection,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream,
  getDefaultAutoSelectFamily,
  setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout,
};
