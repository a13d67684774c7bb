// node:tls — the defaults and tables (DEFAULT_*, getCiphers(), rootCertificates read from the
// system's CA bundle), checkServerIdentity() with Node's RFC 6125 rules, convertALPNProtocols(),
// SecureContext/createSecureContext (options checked and kept), and the TLSSocket (a
// net.Socket) and Server (a net.Server) classes. rusk has no TLS engine: a connection reports
// ERR_METHOD_NOT_IMPLEMENTED on a later tick, and what needs a TLS session throws it.

import { Buffer } from "node:buffer";
import * as fsNative from "rusk:native/fs";
import { Server as NetServer, Socket as NetSocket, _normalizeArgs } from "node:net";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateFunction,
  validateInt32,
  validateNumber,
  validateObject,
  validateString,
  validateUint32,
} from "rusk:internal/errors";
import { canonicalizeIP, isIP } from "rusk:internal/net_address";
import { kConnectMethod, notImplemented } from "rusk:internal/net_common";

export const CLIENT_RENEG_LIMIT = 3;
export const CLIENT_RENEG_WINDOW = 600;
export const DEFAULT_CIPHERS =
  "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:" +
  "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:" +
  "ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:" +
  "DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA";
export const DEFAULT_ECDH_CURVE = "auto";
export const DEFAULT_MIN_VERSION = "TLSv1.2";
export const DEFAULT_MAX_VERSION = "TLSv1.3";

// The cipher suites Node 20's OpenSSL knows, by their lowercase OpenSSL names.
const CIPHERS = [
  "aes128-gcm-sha256", "aes128-sha", "aes128-sha256", "aes256-gcm-sha384", "aes256-sha", "aes256-sha256",
  "dhe-psk-aes128-cbc-sha", "dhe-psk-aes128-cbc-sha256", "dhe-psk-aes128-gcm-sha256", "dhe-psk-aes256-cbc-sha",
  "dhe-psk-aes256-cbc-sha384", "dhe-psk-aes256-gcm-sha384", "dhe-psk-chacha20-poly1305", "dhe-rsa-aes128-gcm-sha256",
  "dhe-rsa-aes128-sha", "dhe-rsa-aes128-sha256", "dhe-rsa-aes256-gcm-sha384", "dhe-rsa-aes256-sha", "dhe-rsa-aes256-sha256",
  "dhe-rsa-chacha20-poly1305", "ecdhe-ecdsa-aes128-gcm-sha256", "ecdhe-ecdsa-aes128-sha", "ecdhe-ecdsa-aes128-sha256",
  "ecdhe-ecdsa-aes256-gcm-sha384", "ecdhe-ecdsa-aes256-sha", "ecdhe-ecdsa-aes256-sha384", "ecdhe-ecdsa-chacha20-poly1305",
  "ecdhe-psk-aes128-cbc-sha", "ecdhe-psk-aes128-cbc-sha256", "ecdhe-psk-aes256-cbc-sha", "ecdhe-psk-aes256-cbc-sha384",
  "ecdhe-psk-chacha20-poly1305", "ecdhe-rsa-aes128-gcm-sha256", "ecdhe-rsa-aes128-sha", "ecdhe-rsa-aes128-sha256",
  "ecdhe-rsa-aes256-gcm-sha384", "ecdhe-rsa-aes256-sha", "ecdhe-rsa-aes256-sha384", "ecdhe-rsa-chacha20-poly1305",
  "psk-aes128-cbc-sha", "psk-aes128-cbc-sha256", "psk-aes128-gcm-sha256", "psk-aes256-cbc-sha", "psk-aes256-cbc-sha384",
  "psk-aes256-gcm-sha384", "psk-chacha20-poly1305", "rsa-psk-aes128-cbc-sha", "rsa-psk-aes128-cbc-sha256",
  "rsa-psk-aes128-gcm-sha256", "rsa-psk-aes256-cbc-sha", "rsa-psk-aes256-cbc-sha384", "rsa-psk-aes256-gcm-sha384",
  "rsa-psk-chacha20-poly1305", "srp-aes-128-cbc-sha", "srp-aes-256-cbc-sha", "srp-rsa-aes-128-cbc-sha",
  "srp-rsa-aes-256-cbc-sha", "tls_aes_128_ccm_8_sha256", "tls_aes_128_ccm_sha256", "tls_aes_128_gcm_sha256",
  "tls_aes_256_gcm_sha384", "tls_chacha20_poly1305_sha256",
];

export function getCiphers() {
  return CIPHERS.slice();
}

// ---------------------------------------------------------------------------------------------
// rootCertificates: Node bundles Mozilla's CA store; rusk reads the same store from the system.

const CA_BUNDLES = [
  "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Arch, Gentoo
  "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL
  "/etc/ssl/ca-bundle.pem", // openSUSE
  "/etc/ssl/cert.pem", // Alpine, macOS
];
const PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
const PEM_END = "-----END CERTIFICATE-----";

function readRootCertificates() {
  for (const path of CA_BUNDLES) {
    let bytes;
    try {
      bytes = fsNative.readFile(path);
    } catch {
      continue;
    }
    const text = new TextDecoder().decode(bytes).replaceAll("\r\n", "\n");
    const certificates = [];
    for (let start = text.indexOf(PEM_BEGIN); start !== -1; ) {
      const end = text.indexOf(PEM_END, start);
      if (end === -1) break;
      certificates.push(text.slice(start, end + PEM_END.length));
      start = text.indexOf(PEM_BEGIN, end);
    }
    if (certificates.length > 0) return Object.freeze(certificates);
  }
  return Object.freeze([]);
}

export const rootCertificates = readRootCertificates();

// ---------------------------------------------------------------------------------------------
// checkServerIdentity

/** The entries of a certificate's subjectaltname ("DNS:a, IP Address:1.2.3.4"); a quoted part is
 * a JSON string, whose ", " does not separate entries. */
function splitAltNames(altNames) {
  const entries = [];
  let entry = "";
  let i = 0;
  while (i < altNames.length) {
    const separator = altNames.indexOf(", ", i);
    const quote = altNames.indexOf('"', i);
    if (quote !== -1 && (separator === -1 || quote < separator)) {
      entry += altNames.slice(i, quote);
      const length = jsonStringLength(altNames, quote);
      if (length === -1) throw nodeError(SyntaxError, "ERR_TLS_CERT_ALTNAME_FORMAT", "Invalid subject alternative name string");
      entry += JSON.parse(altNames.slice(quote, quote + length));
      i = quote + length;
    } else if (separator !== -1) {
      entries.push(entry + altNames.slice(i, separator));
      entry = "";
      i = separator + 2;
    } else {
      entry += altNames.slice(i);
      i = altNames.length;
    }
  }
  entries.push(entry);
  return entries;
}

const JSON_ESCAPES = '"\\/bfnrt';

/** The length of the JSON string literal starting at `start` (a '"'), or -1 if there is none. */
function jsonStringLength(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return i - start + 1;
    if (c < " ") return -1;
    if (c !== "\\") continue;
    const escape = text[i + 1];
    if (escape === "u") {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
      i += 5;
    } else if (escape !== undefined && JSON_ESCAPES.includes(escape)) {
      i += 1;
    } else {
      return -1;
    }
  }
  return -1;
}

function withoutTrailingDot(host) {
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

// Only ASCII letters are folded: names are compared as A-labels.
function hostLabels(host) {
  return withoutTrailingDot(host)
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .split(".");
}

/** Whether a DNS name or CN from a certificate matches the host (RFC 6125, as Node applies it):
 * one wildcard at most, in the leftmost label only, never in an A-label ("xn--"), never for a
 * whole public suffix ("*.com"); labels with blanks, control or non-ASCII characters never match. */
function matchesPattern(hostParts, pattern) {
  if (!pattern) return false;
  const patternParts = hostLabels(pattern);
  if (patternParts.length !== hostParts.length) return false;
  if (patternParts.includes("")) return false;
  if (patternParts.some((label) => /[^\u0021-\u007f]/.test(label))) return false;
  for (let i = hostParts.length - 1; i > 0; i--) if (hostParts[i] !== patternParts[i]) return false;
  const host = hostParts[0];
  const first = patternParts[0];
  const pieces = first.split("*");
  if (pieces.length === 1 || first.includes("xn--")) return host === first;
  if (pieces.length > 2 || patternParts.length <= 2) return false;
  const [prefix, suffix] = pieces;
  return prefix.length + suffix.length <= host.length && host.startsWith(prefix) && host.endsWith(suffix);
}

/** undefined when `cert` is valid for `hostname`, else the ERR_TLS_CERT_ALTNAME_INVALID error. */
export function checkServerIdentity(hostname, cert) {
  const { subject, subjectaltname: altNames } = cert;
  const dnsNames = [];
  const ips = [];
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith("DNS:")) dnsNames.push(name.slice(4));
      else if (name.startsWith("IP Address:")) ips.push(canonicalizeIP(name.slice(11)));
    }
  }
  hostname = withoutTrailingDot(`${hostname}`);
  let reason;
  if (isIP(hostname)) {
    if (!ips.includes(canonicalizeIP(hostname))) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(", ")}`;
  } else if (dnsNames.length > 0 || subject?.CN) {
    const hostParts = hostLabels(hostname);
    const matches = (pattern) => matchesPattern(hostParts, pattern);
    // Subject alternative names, when there are any, take the place of the CN.
    if (dnsNames.length > 0) {
      if (!dnsNames.some(matches)) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      if (!(Array.isArray(cn) ? cn.some(matches) : matches(cn))) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = "Cert does not contain a DNS name";
  }
  if (reason === undefined) return undefined;
  const err = nodeError(Error, "ERR_TLS_CERT_ALTNAME_INVALID", `Hostname/IP does not match certificate's altnames: ${reason}`);
  err.reason = reason;
  err.host = hostname;
  err.cert = cert;
  return err;
}

// ---------------------------------------------------------------------------------------------
// ALPN

/** Sets `out.ALPNProtocols` to the wire form of a protocol list: each name's length, then it. */
export function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const names = protocols.map((name, index) => {
      const bytes = Buffer.from(name);
      if (bytes.length > 255) {
        throw nodeError(
          RangeError,
          "ERR_OUT_OF_RANGE",
          `The byte length of the protocol at index ${index} exceeds the maximum length. It must be <= 255. Received ${bytes.length}`,
        );
      }
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    });
    out.ALPNProtocols = Buffer.concat(names);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols.buffer, protocols.byteOffset, protocols.byteLength);
  }
}

// ---------------------------------------------------------------------------------------------
// SecureContext

const TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const PROTOCOL_METHODS = new Set(
  ["TLS", "TLSv1", "TLSv1_1", "TLSv1_2", "SSLv23"].flatMap((base) => [`${base}_method`, `${base}_client_method`, `${base}_server_method`]),
);

function validateProtocolVersion(version, which) {
  if (!TLS_VERSIONS.includes(version)) {
    const shown = typeof version === "string" ? `"${version}"` : String(version);
    throw nodeError(TypeError, "ERR_TLS_INVALID_PROTOCOL_VERSION", `${shown} is not a valid ${which} TLS protocol version`);
  }
}

function validateSecureProtocol(method) {
  if (/^SSLv[23]_/.test(method)) {
    throw nodeError(TypeError, "ERR_TLS_INVALID_PROTOCOL_METHOD", `${method.slice(0, 5)} methods disabled`);
  }
  if (!PROTOCOL_METHODS.has(method)) throw nodeError(TypeError, "ERR_TLS_INVALID_PROTOCOL_METHOD", `Unknown method: ${method}`);
}

const PEM_TYPES = ["string", "Buffer", "TypedArray", "DataView"];

function validateKeyOrCertificate(name, value) {
  if (typeof value !== "string" && !ArrayBuffer.isView(value)) throw ERR_INVALID_ARG_TYPE(`options.${name}`, PEM_TYPES, value);
}

function validatePemOption(options, name) {
  const value = options[name];
  if (value === undefined || value === null) return;
  for (const item of Array.isArray(value) ? value : [value]) {
    // Keys may come as { pem, passphrase } objects.
    validateKeyOrCertificate(name, name === "key" && item && typeof item === "object" && "pem" in item ? item.pem : item);
  }
}

const kOptions = Symbol("kOptions");

// What OpenSSL's SSL_CTX would hold: the options, checked as Node checks them and kept as given
// (keys, certificates and CAs are not parsed: rusk has no TLS engine to load them into).
class NativeSecureContext {
  constructor(options) {
    Object.defineProperty(this, kOptions, { value: options });
  }
}
Object.defineProperty(NativeSecureContext, "name", { value: "SecureContext" });

export function SecureContext(secureProtocol, secureOptions, minVersion, maxVersion) {
  if (!(this instanceof SecureContext)) return new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  if (secureProtocol) {
    if (minVersion != null) {
      throw nodeError(TypeError, "ERR_TLS_PROTOCOL_VERSION_CONFLICT", `TLS protocol version "${minVersion}" conflicts with secureProtocol "${secureProtocol}"`);
    }
    if (maxVersion != null) {
      throw nodeError(TypeError, "ERR_TLS_PROTOCOL_VERSION_CONFLICT", `TLS protocol version "${maxVersion}" conflicts with secureProtocol "${secureProtocol}"`);
    }
  }
  minVersion ??= DEFAULT_MIN_VERSION;
  maxVersion ??= DEFAULT_MAX_VERSION;
  validateProtocolVersion(minVersion, "minimum");
  validateProtocolVersion(maxVersion, "maximum");
  if (typeof secureProtocol === "string" && secureProtocol) validateSecureProtocol(secureProtocol);
  if (secureOptions) validateInt32(secureOptions, "secureOptions");
  this.context = new NativeSecureContext({ secureProtocol, secureOptions, minVersion, maxVersion });
}

/** A SecureContext holding `options`. */
export function createSecureContext(options) {
  options ??= {};
  validateObject(options, "options");
  const { honorCipherOrder, minVersion, maxVersion, secureProtocol } = options;
  let { secureOptions } = options;
  if (secureOptions !== undefined) validateNumber(secureOptions, "secureOptions");
  // SSL_OP_CIPHER_SERVER_PREFERENCE
  if (honorCipherOrder) secureOptions = (secureOptions ?? 0) | 0x400000;
  const context = new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  for (const name of ["ca", "cert", "key", "crl", "dhparam"]) validatePemOption(options, name);
  for (const name of ["ciphers", "ecdhCurve", "sigalgs", "sessionIdContext"]) {
    if (options[name] !== undefined && options[name] !== null) validateString(options[name], `options.${name}`);
  }
  if (options.ticketKeys !== undefined) {
    if (!ArrayBuffer.isView(options.ticketKeys)) throw ERR_INVALID_ARG_TYPE("options.ticketKeys", ["Buffer", "TypedArray", "DataView"], options.ticketKeys);
    if (options.ticketKeys.byteLength !== 48) {
      throw ERR_INVALID_ARG_VALUE("options.ticketKeys", options.ticketKeys.byteLength, "must be exactly 48 bytes");
    }
  }
  if (options.sessionTimeout !== undefined) validateInt32(options.sessionTimeout, "options.sessionTimeout");
  const kept = context.context[kOptions];
  Object.assign(kept, options, { minVersion: kept.minVersion, maxVersion: kept.maxVersion });
  return context;
}

// ---------------------------------------------------------------------------------------------
// TLSSocket

const kDisableRenegotiation = Symbol("disable-renegotiation");

/** A TLS socket, over `socket` (any Duplex) when one is given. Its TLS session would begin with
 * tls.connect() or a server's connection, neither of which rusk can make. */
export function TLSSocket(socket, options) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, options);
  const tlsOptions = { ...options };
  if (tlsOptions.ALPNProtocols) convertALPNProtocols(tlsOptions.ALPNProtocols, tlsOptions);
  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._securePending = false;
  this._newSessionPending = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this.encrypted = true;
  NetSocket.call(this, {
    allowHalfOpen: socket ? socket.allowHalfOpen : tlsOptions.allowHalfOpen,
    highWaterMark: tlsOptions.highWaterMark,
  });
  if (socket) this._parent = socket;
  this.ssl = null;
  // A client always asks for the server's certificate; tls.connect() decides what a bad one means.
  this._requestCert = Boolean(tlsOptions.requestCert) || !tlsOptions.isServer;
  this._rejectUnauthorized = Boolean(tlsOptions.rejectUnauthorized);
  this[kDisableRenegotiation] = false;
}
Object.setPrototypeOf(TLSSocket.prototype, NetSocket.prototype);
Object.setPrototypeOf(TLSSocket, NetSocket);

// Without a TLS session there is no certificate, cipher, protocol or session to report.
Object.assign(TLSSocket.prototype, {
  getPeerCertificate() {
    return null;
  },
  getCertificate() {
    return null;
  },
  getPeerX509Certificate() {
    return undefined;
  },
  getX509Certificate() {
    return undefined;
  },
  getCipher() {
    return null;
  },
  getProtocol() {
    return null;
  },
  getSession() {
    return undefined;
  },
  getTLSTicket() {
    return undefined;
  },
  getFinished() {
    return undefined;
  },
  getPeerFinished() {
    return undefined;
  },
  getEphemeralKeyInfo() {
    return null;
  },
  getSharedSigalgs() {
    return null;
  },
  isSessionReused() {
    return false;
  },
  disableRenegotiation() {
    this[kDisableRenegotiation] = true;
  },
  setServername(name) {
    validateString(name, "name");
    if (this._tlsOptions.isServer) throw nodeError(Error, "ERR_TLS_SNI_FROM_SERVER", "Cannot issue SNI from a TLS server-side socket");
    throw notImplemented("tlsSocket.setServername()");
  },
  setSession() {
    throw notImplemented("tlsSocket.setSession()");
  },
  setKeyCert() {
    throw notImplemented("tlsSocket.setKeyCert()");
  },
  setMaxSendFragment(size) {
    validateInt32(size, "size");
    throw notImplemented("tlsSocket.setMaxSendFragment()");
  },
  renegotiate(options, callback) {
    validateObject(options, "options");
    if (callback !== undefined) validateFunction(callback, "callback");
    if (this[kDisableRenegotiation]) {
      const err = nodeError(Error, "ERR_TLS_RENEGOTIATION_DISABLED", "TLS session renegotiation disabled for this socket");
      if (callback) process.nextTick(callback, err);
      return false;
    }
    throw notImplemented("tlsSocket.renegotiate()");
  },
  exportKeyingMaterial(length, label, context) {
    validateUint32(length, "length", true);
    validateString(label, "label");
    if (context !== undefined && !ArrayBuffer.isView(context)) throw ERR_INVALID_ARG_TYPE("context", ["Buffer", "TypedArray", "DataView"], context);
    throw notImplemented("tlsSocket.exportKeyingMaterial()");
  },
  enableTrace() {
    throw notImplemented("tlsSocket.enableTrace()");
  },
});

// ---------------------------------------------------------------------------------------------
// Server

// The TLS options a server keeps as its own properties (and passes to its secure context).
const SERVER_CONTEXT_OPTIONS = [
  "pfx", "key", "passphrase", "cert", "clientCertEngine", "ca", "minVersion", "maxVersion", "secureProtocol", "crl",
  "sigalgs", "ciphers", "ecdhCurve", "dhparam", "honorCipherOrder", "secureOptions", "sessionIdContext",
  "privateKeyIdentifier", "privateKeyEngine",
];
const kTicketKeys = Symbol("ticketKeys");

export function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === "function") {
    listener = options;
    options = {};
  } else if (options == null || typeof options === "object") {
    options = { ...options };
  } else {
    throw ERR_INVALID_ARG_TYPE("options", "Object", options);
  }
  this._contexts = [];
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  this.ALPNCallback = options.ALPNCallback;
  if (this.ALPNCallback) {
    validateFunction(this.ALPNCallback, "options.ALPNCallback");
    if (options.ALPNProtocols) {
      throw nodeError(TypeError, "ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS", "The ALPNCallback and ALPNProtocols TLS options are mutually exclusive");
    }
  }
  if (options.sessionTimeout !== undefined) validateNumber(options.sessionTimeout, "options.sessionTimeout");
  if (options.ticketKeys !== undefined && !ArrayBuffer.isView(options.ticketKeys)) {
    throw ERR_INVALID_ARG_TYPE("options.ticketKeys", ["Buffer", "TypedArray", "DataView"], options.ticketKeys);
  }
  if (options.ALPNProtocols) convertALPNProtocols(options.ALPNProtocols, this);
  this[kTicketKeys] = null;
  this.setSecureContext(options);
  if (options.handshakeTimeout !== undefined) validateNumber(options.handshakeTimeout, "options.handshakeTimeout");
  if (options.SNICallback !== undefined) validateFunction(options.SNICallback, "options.SNICallback");
  if (options.pskCallback !== undefined) validateFunction(options.pskCallback, "options.pskCallback");
  if (options.pskIdentityHint !== undefined) validateString(options.pskIdentityHint, "options.pskIdentityHint");
  NetServer.call(this, options);
  if (listener) this.on("secureConnection", listener);
}
Object.setPrototypeOf(Server.prototype, NetServer.prototype);
Object.setPrototypeOf(Server, NetServer);

Server.prototype.setSecureContext = function setSecureContext(options) {
  validateObject(options, "options");
  for (const name of SERVER_CONTEXT_OPTIONS) this[name] = options[name];
  this._sharedCreds = createSecureContext(Object.fromEntries(SERVER_CONTEXT_OPTIONS.map((name) => [name, options[name]])));
  if (options.ticketKeys) this.setTicketKeys(options.ticketKeys);
};

Server.prototype.setOptions = function setOptions(options) {
  process.emitWarning("Server.prototype.setOptions() is deprecated", "DeprecationWarning", "DEP0122");
  this.setSecureContext({ ...this._sharedCreds.context[kOptions], ...options });
};

/** The 48 bytes of session ticket keys: random ones unless setTicketKeys() set them. */
Server.prototype.getTicketKeys = function getTicketKeys() {
  this[kTicketKeys] ??= Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(48)));
  return Buffer.from(this[kTicketKeys]);
};

Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  if (!ArrayBuffer.isView(keys)) throw ERR_INVALID_ARG_TYPE("buffer", ["Buffer", "TypedArray", "DataView"], keys);
  if (keys.byteLength !== 48) throw ERR_INVALID_ARG_VALUE("keys", keys.byteLength, "must be exactly 48 bytes");
  this[kTicketKeys] = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength);
};

/** Adds a secure context for servers named `servername` ('*' stands for one DNS label). */
Server.prototype.addContext = function addContext(servername, context) {
  validateString(servername, "servername");
  const escape = (text) => text.replace(/[\\^$.|?+()[\]{}-]/g, "\\$&");
  const pattern = servername.split("*").map(escape).join("[^.]*");
  const secureContext = context instanceof SecureContext ? context : createSecureContext(context);
  this._contexts.push([new RegExp(`^${pattern}$`), secureContext.context]);
};

Server.prototype._getServerData = function _getServerData() {
  return { ticketKeys: this.getTicketKeys().toString("hex") };
};

Server.prototype._setServerData = function _setServerData(data) {
  this.setTicketKeys(Buffer.from(data.ticketKeys, "hex"));
};

export function createServer(options, listener) {
  return new Server(options, listener);
}

// ---------------------------------------------------------------------------------------------
// connect

let warnedIPServername = false;

/** A TLSSocket that would connect and handshake: (options[, cb]), (port[, host][, options][, cb]),
 * (path[, options][, cb]). Arguments are checked as Node checks them; the connection fails with
 * ERR_METHOD_NOT_IMPLEMENTED on a later tick. */
export function connect(...args) {
  const normalized = _normalizeArgs(args);
  const [, cb] = normalized;
  // (port, host, options) and (path, options): an object after the first argument adds options.
  const extra = [args[1], args[2]].find((arg) => typeof arg === "object" && arg !== null);
  if (extra) Object.assign(normalized[0], extra);
  const options = { rejectUnauthorized: true, ciphers: DEFAULT_CIPHERS, checkServerIdentity, minDHSize: 1024, ...normalized[0] };
  normalized[0] = options;
  // The callback waits for the handshake, not for the TCP connection.
  normalized[1] = null;
  validateFunction(options.checkServerIdentity, "options.checkServerIdentity");
  validateNumber(options.minDHSize, "options.minDHSize", 1);
  if (options.servername) {
    validateString(options.servername, "options.servername");
    if (isIP(options.servername) && !warnedIPServername) {
      warnedIPServername = true;
      process.emitWarning(
        "Setting the TLS ServerName to an IP address is not permitted by RFC 6066. This will be ignored in a future version.",
        "DeprecationWarning",
        "DEP0123",
      );
    }
  }
  if (!options.secureContext) createSecureContext(options);
  const socket = new TLSSocket(options.socket, options);
  socket[kConnectMethod] = "tls.connect()";
  if (cb) socket.once("secureConnect", cb);
  if (!options.socket) return socket.connect(normalized);
  // Over a given socket only the handshake is left, and it fails.
  socket.connecting = true;
  process.nextTick(() => socket.destroy(notImplemented("tls.connect()")));
  return socket;
}

/** Removed from Node's TLS layer: its pair of streams needs a TLS engine. */
export function createSecurePair() {
  process.emitWarning("tls.createSecurePair() is deprecated. Please use tls.TLSSocket instead.", "DeprecationWarning", "DEP0064");
  throw notImplemented("tls.createSecurePair()");
}

export default {
  CLIENT_RENEG_LIMIT,
  CLIENT_RENEG_WINDOW,
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE,
  DEFAULT_MIN_VERSION,
  DEFAULT_MAX_VERSION,
  getCiphers,
  rootCertificates,
  convertALPNProtocols,
  checkServerIdentity,
  createSecureContext,
  SecureContext,
  TLSSocket,
  Server,
  createServer,
  connect,
  createSecurePair,
};
