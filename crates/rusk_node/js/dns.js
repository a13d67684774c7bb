// node:dns — lookup() and lookupService() answer from IP literals, /etc/hosts and /etc/services
// (the system's "files" source); the Resolver keeps its servers (from /etc/resolv.conf) and local
// address. rusk has no DNS resolver: a name only DNS knows, and every resolve*() and reverse(),
// call back with ERR_METHOD_NOT_IMPLEMENTED.

import promises from "node:dns/promises";
import { ERR_INVALID_ARG_VALUE, validateFunction, validateString } from "rusk:internal/errors";
import { customPromisifyArgs } from "rusk:internal/inspect";
import {
  ADDRCONFIG,
  ALL,
  QUERIES,
  RRTYPES,
  ResolverBase,
  V4MAPPED,
  errorCodes,
  getDefaultResultOrder,
  lookupAddresses,
  lookupServiceName,
  normalizeLookupArgs,
  setDefaultResultOrder,
  validateLookupServiceArgs,
  validateReverseAddress,
} from "rusk:internal/net_dns";

export { ADDRCONFIG, ALL, V4MAPPED, getDefaultResultOrder, setDefaultResultOrder, promises };
export * from "rusk:internal/dns_codes";

/** lookup(hostname[, options], callback): callback(err, address, family), or (err, [{ address,
 * family }]) with `all`. */
export function lookup(hostname, options, callback) {
  if (hostname) validateString(hostname, "hostname");
  if (typeof options === "function") {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, "callback");
  const request = normalizeLookupArgs(hostname, options);
  const result = lookupAddresses(request, "dns.lookup()");
  if (result instanceof Error) process.nextTick(callback, result);
  else if (request.all) process.nextTick(callback, null, result);
  else if (result.length === 0) process.nextTick(callback, null, null, request.family === 6 ? 6 : 4);
  else process.nextTick(callback, null, result[0].address, result[0].family);
  return {};
}
Object.defineProperty(lookup, customPromisifyArgs, { value: ["address", "family"], enumerable: false });

/** lookupService(address, port, callback): callback(err, hostname, service). */
export function lookupService(address, port, callback) {
  const missing = arguments.length !== 3 && 'The "address", "port", and "callback" arguments must be specified';
  port = validateLookupServiceArgs(missing, address, port);
  validateFunction(callback, "callback");
  const result = lookupServiceName(address, port, "dns.lookupService()");
  if (result instanceof Error) process.nextTick(callback, result);
  else process.nextTick(callback, null, result.hostname, result.service);
  return {};
}
Object.defineProperty(lookupService, customPromisifyArgs, { value: ["hostname", "service"], enumerable: false });

export class Resolver extends ResolverBase {}

// Errors name the call: dns.resolve4() for the module's functions, resolver.resolve4() otherwise.
function callerName(resolver) {
  return resolver === defaultResolver ? "dns" : "resolver";
}

// resolveAny() ... resolveSoa(), then reverse() and resolve(), in Node's order.
const methods = {};
for (const [method, [, syscall]] of Object.entries(QUERIES)) {
  methods[method] = {
    [method](name, options, callback) {
      validateString(name, "name");
      if (callback === undefined) callback = options;
      validateFunction(callback, "callback");
      this._query(`${callerName(this)}.${method}()`, syscall, name, callback);
      return {};
    },
  }[method];
}
methods.reverse = function reverse(ip, callback) {
  validateReverseAddress(ip);
  validateFunction(callback, "callback");
  this._query(`${callerName(this)}.reverse()`, "getHostByAddr", ip, callback);
  return {};
};
methods.resolve = function resolve(hostname, rrtype, callback) {
  if (typeof rrtype === "function") {
    callback = rrtype;
    rrtype = "A";
  }
  validateString(rrtype, "rrtype");
  const method = RRTYPES[rrtype];
  if (method === undefined) throw ERR_INVALID_ARG_VALUE("rrtype", rrtype);
  return this[method](hostname, callback);
};
for (const [name, value] of Object.entries(methods)) {
  Object.defineProperty(Resolver.prototype, name, { value, writable: true, configurable: true });
}

const defaultResolver = new Resolver();

export const getServers = defaultResolver.getServers.bind(defaultResolver);
/** The servers of the module's resolvers: those of node:dns/promises too, as in Node. */
export function setServers(servers) {
  defaultResolver.setServers(servers);
  promises.setServers(servers);
}
export const resolve = defaultResolver.resolve.bind(defaultResolver);
export const resolve4 = defaultResolver.resolve4.bind(defaultResolver);
export const resolve6 = defaultResolver.resolve6.bind(defaultResolver);
export const resolveAny = defaultResolver.resolveAny.bind(defaultResolver);
export const resolveCaa = defaultResolver.resolveCaa.bind(defaultResolver);
export const resolveCname = defaultResolver.resolveCname.bind(defaultResolver);
export const resolveMx = defaultResolver.resolveMx.bind(defaultResolver);
export const resolveNaptr = defaultResolver.resolveNaptr.bind(defaultResolver);
export const resolveNs = defaultResolver.resolveNs.bind(defaultResolver);
export const resolvePtr = defaultResolver.resolvePtr.bind(defaultResolver);
export const resolveSoa = defaultResolver.resolveSoa.bind(defaultResolver);
export const resolveSrv = defaultResolver.resolveSrv.bind(defaultResolver);
export const resolveTxt = defaultResolver.resolveTxt.bind(defaultResolver);
export const reverse = defaultResolver.reverse.bind(defaultResolver);

export default {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers,
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  ...errorCodes,
  getServers,
  resolve,
  resolve4,
  resolve6,
  resolveAny,
  resolveCaa,
  resolveCname,
  resolveMx,
  resolveNaptr,
  resolveNs,
  resolvePtr,
  resolveSoa,
  resolveSrv,
  resolveTxt,
  reverse,
  promises,
};
