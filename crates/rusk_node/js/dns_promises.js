// node:dns/promises — node:dns with promises: lookup() and lookupService() answer from IP
// literals, /etc/hosts and /etc/services; resolve*() and reverse() reject with
// ERR_METHOD_NOT_IMPLEMENTED (rusk has no DNS resolver). Bad arguments throw synchronously.

import { ERR_INVALID_ARG_VALUE, validateString } from "rusk:internal/errors";
import {
  QUERIES,
  RRTYPES,
  ResolverBase,
  errorCodes,
  getDefaultResultOrder,
  lookupAddresses,
  lookupServiceName,
  normalizeLookupArgs,
  setDefaultResultOrder,
  validateLookupServiceArgs,
  validateReverseAddress,
} from "rusk:internal/net_dns";

export { getDefaultResultOrder, setDefaultResultOrder };
export * from "rusk:internal/dns_codes";

/** Resolves to { address, family }, or to [{ address, family }] with `all`. */
export function lookup(hostname, options) {
  const request = normalizeLookupArgs(hostname, options);
  const result = lookupAddresses(request, "dns.promises.lookup()");
  if (result instanceof Error) return Promise.reject(result);
  if (request.all) return Promise.resolve(result);
  if (result.length === 0) return Promise.resolve({ address: null, family: request.family === 6 ? 6 : 4 });
  return Promise.resolve(result[0]);
}

/** Resolves to { hostname, service }. */
export function lookupService(address, port) {
  const missing = arguments.length !== 2 && 'The "address" and "port" arguments must be specified';
  port = validateLookupServiceArgs(missing, address, port);
  const result = lookupServiceName(address, port, "dns.promises.lookupService()");
  return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
}

export class Resolver extends ResolverBase {}

// Errors name the call: dns.promises.resolve4() for the module's functions, resolver.resolve4()
// otherwise.
function callerName(resolver) {
  return resolver === defaultResolver ? "dns.promises" : "resolver";
}

// resolveAny() ... resolveSoa(), then reverse() and resolve(), in Node's order.
const methods = {};
for (const [method, [, syscall]] of Object.entries(QUERIES)) {
  methods[method] = {
    [method](name) {
      validateString(name, "name");
      return new Promise((resolve, reject) => this._query(`${callerName(this)}.${method}()`, syscall, name, reject));
    },
  }[method];
}
methods.reverse = function reverse(ip) {
  validateReverseAddress(ip);
  return new Promise((resolve, reject) => this._query(`${callerName(this)}.reverse()`, "getHostByAddr", ip, reject));
};
methods.resolve = function resolve(hostname, rrtype = "A") {
  validateString(rrtype, "rrtype");
  const method = RRTYPES[rrtype];
  if (method === undefined) throw ERR_INVALID_ARG_VALUE("rrtype", rrtype);
  return this[method](hostname);
};
for (const [name, value] of Object.entries(methods)) {
  Object.defineProperty(Resolver.prototype, name, { value, writable: true, configurable: true });
}

const defaultResolver = new Resolver();

export const getServers = defaultResolver.getServers.bind(defaultResolver);
export const setServers = defaultResolver.setServers.bind(defaultResolver);
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
};
