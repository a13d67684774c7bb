// rusk:internal/http_common — what node:http's parts share: the method list and status table,
// the token and header-character rules with Node's errors, and the "not implemented" error for
// everything that needs a socket (rusk has no `net` yet).

import { ERR_INVALID_ARG_TYPE, nodeError, received, validateInteger } from "rusk:internal/errors";

// Node 20's METHODS (llhttp's list, sorted).
export const METHODS = [
  "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY",
  "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY",
  "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE",
];

export const STATUS_CODES = {
  100: "Continue",
  101: "Switching Protocols",
  102: "Processing",
  103: "Early Hints",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  207: "Multi-Status",
  208: "Already Reported",
  226: "IM Used",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  305: "Use Proxy",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a Teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  509: "Bandwidth Limit Exceeded",
  510: "Not Extended",
  511: "Network Authentication Required",
};

// Node's default for --max-http-header-size.
export const maxHeaderSize = 16384;

// RFC 9110 token characters.
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
// Field content: tab, visible ASCII and obs-text (0x80-0xff); no CR, LF, NUL or DEL.
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

export function checkIsHttpToken(value) {
  return TOKEN.test(value);
}

/** Whether a header value (converted to a string as RegExp#test does) has a forbidden character. */
export function checkInvalidHeaderChar(value) {
  return INVALID_HEADER_CHAR.test(value);
}

export function ERR_INVALID_HTTP_TOKEN(label, name) {
  return nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `${label} must be a valid HTTP token ["${name}"]`);
}
export function ERR_INVALID_CHAR(what, field) {
  return nodeError(TypeError, "ERR_INVALID_CHAR", `Invalid character in ${what}${field === undefined ? "" : ` ["${field}"]`}`);
}
export function ERR_HTTP_HEADERS_SENT(action) {
  return nodeError(Error, "ERR_HTTP_HEADERS_SENT", `Cannot ${action} headers after they are sent to the client`);
}
export function ERR_HTTP_INVALID_HEADER_VALUE(value, name) {
  return nodeError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
}

/** ERR_INVALID_ARG_TYPE for Node's lists that mix a type with words ("one of undefined or null"). */
export function ERR_INVALID_ARG_TYPE_MIXED(name, expected, value) {
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" ${name.includes(".") ? "property" : "argument"} must be ${expected}. ${received(value)}`);
}

export function validateHeaderName(name, label) {
  if (typeof name !== "string" || !name || !checkIsHttpToken(name)) throw ERR_INVALID_HTTP_TOKEN(label || "Header name", name);
}

export function validateHeaderValue(name, value) {
  if (value === undefined) throw ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw ERR_INVALID_CHAR("header content", name);
}

/** Node's timer-duration check for `timeout` options and `setTimeout(msecs)`. */
export function getTimerDuration(msecs, name) {
  if (typeof msecs !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be a non-negative finite number. Received ${msecs}`);
  }
  return msecs;
}

/** The `uniqueHeaders` option as a set of lower-case names (null when not given). */
export function parseUniqueHeadersOption(headers) {
  if (headers == null) return null;
  if (!Array.isArray(headers)) throw ERR_INVALID_ARG_TYPE("options.uniqueHeaders", "Array", headers);
  return new Set(headers.map((h) => String(h).toLowerCase()));
}

/** The error for what needs a socket: "The http.request() method is not implemented in rusk yet". */
export function notImplemented(method) {
  return nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${method} method is not implemented in rusk yet`);
}

/** Validates the limit as Node does. rusk keeps no pool of idle HTTP parsers (nothing parses HTTP
 * without sockets), so there is nothing for the limit to bound. */
export function setMaxIdleHTTPParsers(max) {
  validateInteger(max, "max", 1);
}
