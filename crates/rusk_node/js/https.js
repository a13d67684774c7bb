// node:https — the https Agent (port 443, 'https:', TLS fields in the pool key, the session
// cache), Server and request functions over node:http's parts. rusk has no `tls` yet: opening a
// connection or listening fails with ERR_METHOD_NOT_IMPLEMENTED, as in node:http.

import EventEmitter from "node:events";
import { URL, urlToHttpOptions } from "node:url";
import { Agent as HttpAgent } from "rusk:internal/http_agent";
import { ClientRequest, kCaller } from "rusk:internal/http_client";
import { initServer, installServerMethods } from "rusk:internal/http_server";
import { notImplemented } from "rusk:internal/http_common";

export function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = "https:";
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);

Agent.prototype.createConnection = function createConnection() {
  throw notImplemented("tls.connect()");
};

// TLS options that make a connection unfit for another request, in the pool key's order.
const TLS_NAME_FIELDS = ["ca", "cert", "clientCertEngine", "ciphers", "key", "pfx"];
const TLS_NAME_FIELDS_AFTER_SERVERNAME = [
  "minVersion", "maxVersion", "secureProtocol", "crl", "honorCipherOrder", "ecdhCurve", "dhparam",
];

Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  for (const field of TLS_NAME_FIELDS) name += `:${options[field] || ""}`;
  name += ":";
  if (options.rejectUnauthorized !== undefined) name += options.rejectUnauthorized;
  name += ":";
  if (options.servername && options.servername !== options.host) name += options.servername;
  for (const field of TLS_NAME_FIELDS_AFTER_SERVERNAME) name += `:${options[field] || ""}`;
  name += ":";
  if (options.secureOptions !== undefined) name += options.secureOptions;
  for (const field of ["sessionIdContext", "sigalgs", "privateKeyIdentifier", "privateKeyEngine"]) name += `:${options[field] || ""}`;
  return name;
};

Agent.prototype._getSession = function _getSession(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function _cacheSession(key, session) {
  if (this.maxCachedSessions === 0) return;
  const cache = this._sessionCache;
  if (cache.map[key]) {
    cache.map[key] = session;
    return;
  }
  // The oldest session makes room.
  if (cache.list.length >= this.maxCachedSessions) this._evictSession(cache.list[0]);
  cache.list.push(key);
  cache.map[key] = session;
};

Agent.prototype._evictSession = function _evictSession(key) {
  const cache = this._sessionCache;
  const index = cache.list.indexOf(key);
  if (index === -1) return;
  cache.list.splice(index, 1);
  delete cache.map[key];
};

export const globalAgent = new Agent({ keepAlive: true, scheduling: "lifo", timeout: 5000 });

export function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  initServer(this, options, requestListener);
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);
installServerMethods(Server.prototype);

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

/** new ClientRequest over https.globalAgent (so 'https:' is the expected protocol). */
function makeRequest(args) {
  let options = {};
  if (typeof args[0] === "string") options = urlToHttpOptions(new URL(args.shift()));
  else if (args[0] instanceof URL) options = urlToHttpOptions(args.shift());
  if (args[0] && typeof args[0] !== "function") Object.assign(options, args.shift());
  options._defaultAgent = globalAgent;
  return new ClientRequest(options, ...args);
}

export function request(...args) {
  return makeRequest(args);
}

export function get(...args) {
  const req = makeRequest(args);
  req[kCaller] = "https.get()";
  req.end();
  return req;
}

export default { Agent, globalAgent, Server, createServer, get, request };
