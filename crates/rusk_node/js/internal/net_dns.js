// rusk:internal/net_dns — what node:dns and node:dns/promises share. rusk has no resolver: names
// are looked up as the system's "files" source does (IP literals, /etc/hosts, /etc/services,
// localhost), and anything that needs a DNS query reports ERR_METHOD_NOT_IMPLEMENTED. Also here:
// argument checks in Node's order, the default result order, and the Resolver base (servers,
// local address, cancel()).

import * as codes from "rusk:internal/dns_codes";
import * as fsNative from "rusk:native/fs";
import osNative from "rusk:native/os";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateArray,
  validateBoolean,
  validateInt32,
  validateOneOf,
  validateString,
} from "rusk:internal/errors";
import { canonicalizeIP, formatIPv6, isIP, mapIPv4, parseIPv4 } from "rusk:internal/net_address";
import { validatePort } from "rusk:internal/net_socketaddress";

// getaddrinfo() hints, as on Linux.
export const ADDRCONFIG = 32;
export const V4MAPPED = 8;
export const ALL = 16;

export const errorCodes = { ...codes };

// ---------------------------------------------------------------------------------------------
// Result order

const RESULT_ORDERS = ["verbatim", "ipv4first", "ipv6first"];
let defaultResultOrder = "verbatim";

export function getDefaultResultOrder() {
  return defaultResultOrder;
}

export function setDefaultResultOrder(order) {
  validateOneOf(order, "dnsOrder", RESULT_ORDERS);
  defaultResultOrder = order;
}

// ---------------------------------------------------------------------------------------------
// The files the system's "files" source reads

function readText(path) {
  try {
    return new TextDecoder().decode(fsNative.readFile(path));
  } catch {
    return "";
  }
}

/** [address, names] per line of /etc/hosts (read on each lookup, as the C library does). */
function hostsEntries() {
  const entries = [];
  for (const line of readText("/etc/hosts").split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length < 2) continue;
    const family = isIP(fields[0]);
    if (family === 0) continue;
    entries.push({ address: canonicalizeIP(fields[0]), family, names: fields.slice(1).map((name) => name.toLowerCase()) });
  }
  return entries;
}

/** The TCP service name of a port in /etc/services, or the port's digits. */
function serviceName(port) {
  for (const line of readText("/etc/services").split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length >= 2 && fields[1] === `${port}/tcp`) return fields[0];
  }
  return String(port);
}

/** Whether a non-loopback address of the family is configured (AI_ADDRCONFIG's test). */
function familyConfigured(family) {
  const wanted = family === 4 ? "IPv4" : "IPv6";
  return Object.values(osNative.networkInterfaces()).some((addresses) => addresses.some((a) => a.family === wanted && !a.internal));
}

// ---------------------------------------------------------------------------------------------
// Errors

/** The error a C library call reports: `getaddrinfo ENOTFOUND example.com`. */
function systemError(syscall, code, errno, hostname) {
  const err = new Error(`${syscall} ${code} ${hostname}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  err.hostname = hostname;
  return err;
}

const UV_EAI_NONAME = -3008;

function queryNotImplemented(method, syscall, hostname) {
  const err = nodeError(
    Error,
    "ERR_METHOD_NOT_IMPLEMENTED",
    `The ${method} method is not implemented in rusk yet: it needs a DNS query, and rusk has no resolver`,
  );
  err.syscall = syscall;
  err.hostname = hostname;
  return err;
}

// ---------------------------------------------------------------------------------------------
// lookup

let warnedInvalidHostname = false;

/**
 * lookup()'s arguments checked as Node checks them: { hostname, family, hints, all, order }.
 * `options` is a family number or an options object.
 */
export function normalizeLookupArgs(hostname, options) {
  if (hostname) validateString(hostname, "hostname");
  let family = 0;
  let hints = 0;
  let all = false;
  let order = defaultResultOrder;
  if (typeof options === "number") {
    validateOneOf(options, "family", [0, 4, 6]);
    family = options;
  } else if (options !== undefined && options !== null && typeof options !== "object") {
    throw ERR_INVALID_ARG_TYPE("options", ["integer", "object"], options);
  } else if (options) {
    if (options.hints != null) {
      if (typeof options.hints !== "number") throw ERR_INVALID_ARG_TYPE("options.hints", "number", options.hints);
      hints = options.hints >>> 0;
      if (hints !== 0 && (hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) throw ERR_INVALID_ARG_VALUE("hints", hints);
    }
    if (options.family != null) {
      if (options.family === "IPv4") family = 4;
      else if (options.family === "IPv6") family = 6;
      else {
        validateOneOf(options.family, "options.family", [0, 4, 6]);
        family = options.family;
      }
    }
    if (options.all != null) {
      validateBoolean(options.all, "options.all");
      all = options.all;
    }
    if (options.verbatim != null) {
      validateBoolean(options.verbatim, "options.verbatim");
      order = options.verbatim ? "verbatim" : "ipv4first";
    }
    if (options.order != null) {
      validateOneOf(options.order, "options.order", RESULT_ORDERS);
      order = options.order;
    }
  }
  if (!hostname && !warnedInvalidHostname) {
    warnedInvalidHostname = true;
    process.emitWarning(
      `The provided hostname "${hostname}" is not a valid hostname, and is supported in the dns module solely for compatibility.`,
      "DeprecationWarning",
      "DEP0118",
    );
  }
  return { hostname, family, hints, all, order };
}

/**
 * The addresses of a host as `[{ address, family }]`, or an error: what getaddrinfo() would
 * answer from the "files" source; a host only DNS could answer for gives ERR_METHOD_NOT_IMPLEMENTED.
 */
export function lookupAddresses({ hostname, family, hints, order }, method) {
  if (!hostname) return [];
  const literal = isIP(hostname);
  if (literal) return [{ address: hostname, family: literal }];
  const name = (hostname.endsWith(".") ? hostname.slice(0, -1) : hostname).toLowerCase();
  let found = hostsEntries().filter((entry) => entry.names.includes(name));
  // Without an /etc/hosts line, "localhost" is the loopback addresses (RFC 6761).
  if (found.length === 0 && name === "localhost" && !hostname.endsWith(".")) {
    found = [
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ];
  }
  if (found.length === 0) return queryNotImplemented(method, "getaddrinfo", hostname);
  let results = [];
  const seen = new Set();
  for (const { address, family: entryFamily } of found) {
    if (seen.has(address)) continue;
    seen.add(address);
    results.push({ address, family: entryFamily });
  }
  if (hints & ADDRCONFIG) results = results.filter((r) => familyConfigured(r.family));
  if (family === 6 && hints & V4MAPPED) {
    const v6 = results.filter((r) => r.family === 6);
    if (v6.length === 0 || hints & ALL) {
      const mapped = results.filter((r) => r.family === 4).map((r) => ({ address: formatIPv6(mapIPv4(parseIPv4(r.address))), family: 6 }));
      results = hints & ALL ? [...v6, ...mapped] : mapped;
    }
  }
  if (family !== 0) results = results.filter((r) => r.family === family);
  if (results.length === 0) {
    // A name /etc/hosts knows in the other family only: the C library would go on to ask DNS,
    // which never answers for localhost.
    if (name === "localhost") return systemError("getaddrinfo", "ENOTFOUND", UV_EAI_NONAME, hostname);
    return queryNotImplemented(method, "getaddrinfo", hostname);
  }
  if (order === "ipv4first") results.sort((a, b) => a.family - b.family);
  else if (order === "ipv6first") results.sort((a, b) => b.family - a.family);
  return results;
}

// ---------------------------------------------------------------------------------------------
// lookupService

/** lookupService()'s checks; `missingArgs` is the ERR_MISSING_ARGS message when arguments lack. */
export function validateLookupServiceArgs(missingArgs, address, port) {
  if (missingArgs) throw nodeError(TypeError, "ERR_MISSING_ARGS", missingArgs);
  if (isIP(address) === 0) throw ERR_INVALID_ARG_VALUE("address", address);
  return validatePort(port);
}

/** { hostname, service } for an address /etc/hosts names, or an error. */
export function lookupServiceName(address, port, method) {
  const canonical = canonicalizeIP(address);
  const entry = hostsEntries().find((e) => e.address === canonical);
  if (!entry) return queryNotImplemented(method, "getnameinfo", address);
  return { hostname: entry.names[0], service: serviceName(port) };
}

// ---------------------------------------------------------------------------------------------
// Resolver

// The resolver methods: the record type and the C-ares query each stands for.
export const QUERIES = {
  resolveAny: ["ANY", "queryAny"],
  resolve4: ["A", "queryA"],
  resolve6: ["AAAA", "queryAaaa"],
  resolveCaa: ["CAA", "queryCaa"],
  resolveCname: ["CNAME", "queryCname"],
  resolveMx: ["MX", "queryMx"],
  resolveNs: ["NS", "queryNs"],
  resolveTxt: ["TXT", "queryTxt"],
  resolveSrv: ["SRV", "querySrv"],
  resolvePtr: ["PTR", "queryPtr"],
  resolveNaptr: ["NAPTR", "queryNaptr"],
  resolveSoa: ["SOA", "querySoa"],
};
export const RRTYPES = {
  A: "resolve4",
  AAAA: "resolve6",
  ANY: "resolveAny",
  CAA: "resolveCaa",
  CNAME: "resolveCname",
  MX: "resolveMx",
  NAPTR: "resolveNaptr",
  NS: "resolveNs",
  PTR: "resolvePtr",
  SOA: "resolveSoa",
  SRV: "resolveSrv",
  TXT: "resolveTxt",
};

const DNS_PORT = 53;

/** The name servers of /etc/resolv.conf, as [address, port] (c-ares' default when it has none). */
function systemServers() {
  const servers = [];
  for (const line of readText("/etc/resolv.conf").split("\n")) {
    const [keyword, address] = line.trim().split(/\s+/);
    if (keyword === "nameserver" && address && isIP(address)) servers.push([canonicalizeIP(address), DNS_PORT]);
  }
  return servers.length > 0 ? servers : [["127.0.0.1", DNS_PORT]];
}

/** A setServers() entry: "1.2.3.4", "1.2.3.4:53", "::1", "[::1]" or "[::1]:53". */
function parseServer(text) {
  if (isIP(text)) return [canonicalizeIP(text), DNS_PORT];
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(text);
  if (bracketed && isIP(bracketed[1])) return [canonicalizeIP(bracketed[1]), Number.parseInt(bracketed[2], 10) || DNS_PORT];
  const withPort = /^(.+?)(?::(\d+))?$/.exec(text);
  if (withPort && isIP(withPort[1])) return [canonicalizeIP(withPort[1]), Number.parseInt(withPort[2], 10) || DNS_PORT];
  throw nodeError(TypeError, "ERR_INVALID_IP_ADDRESS", `Invalid IP address: ${text}`);
}

function formatServer([address, port]) {
  if (port === DNS_PORT) return address;
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

function ERR_INVALID_LOCAL_ADDRESS(message) {
  return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", message);
}

export class ResolverBase {
  #servers = null;
  #pending = new Set();
  #localAddress = { ipv4: "0.0.0.0", ipv6: "::0" };

  constructor(options = undefined) {
    const timeout = options?.timeout ?? -1;
    const tries = options?.tries ?? 4;
    validateInt32(timeout, "options.timeout", -1);
    validateInt32(tries, "options.tries", 1);
    this._timeout = timeout;
    this._tries = tries;
  }

  cancel() {
    for (const query of this.#pending) query.cancelled = true;
  }

  getServers() {
    this.#servers ??= systemServers();
    return this.#servers.map(formatServer);
  }

  setServers(servers) {
    validateArray(servers, "servers");
    const parsed = servers.map((server, index) => {
      validateString(server, `servers[${index}]`);
      return parseServer(server);
    });
    this.#servers = parsed;
  }

  /** The addresses queries would be sent from: one IPv4 and one IPv6, in either order. */
  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, "ipv4");
    if (ipv6 !== undefined) validateString(ipv6, "ipv6");
    const local = { 4: "0.0.0.0", 6: "::0" };
    const first = isIP(ipv4);
    if (first === 0) throw ERR_INVALID_LOCAL_ADDRESS("Invalid IP address.");
    local[first] = ipv4;
    if (ipv6 !== undefined) {
      const second = isIP(ipv6);
      if (second === 0) throw ERR_INVALID_LOCAL_ADDRESS("Invalid IP address.");
      if (second === first) throw ERR_INVALID_LOCAL_ADDRESS(`Cannot specify two IPv${first} addresses.`);
      local[second] = ipv6;
    }
    this.#localAddress = { ipv4: local[4], ipv6: local[6] };
  }

  /**
   * Runs a query that needs DNS: on a later tick, `done(err)` gets ERR_METHOD_NOT_IMPLEMENTED,
   * or ECANCELLED if cancel() came first.
   */
  _query(method, syscall, hostname, done) {
    const query = { cancelled: false };
    this.#pending.add(query);
    process.nextTick(() => {
      this.#pending.delete(query);
      if (query.cancelled) done(systemError(syscall, "ECANCELLED", undefined, hostname));
      else done(queryNotImplemented(method, syscall, hostname));
    });
  }
}

/** reverse()'s check: an IP address, or the EINVAL error c-ares gives. */
export function validateReverseAddress(ip) {
  validateString(ip, "ip");
  if (isIP(ip) === 0) throw systemError("getHostByAddr", "EINVAL", -22, ip);
}
