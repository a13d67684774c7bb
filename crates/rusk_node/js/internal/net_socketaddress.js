// rusk:internal/net_socketaddress — net.SocketAddress (an address, port, family and flow label,
// its address kept in canonical form), net.BlockList (rules by address, range and subnet, an
// IPv4-mapped IPv6 address matching IPv4 rules and an IPv4 address matching IPv6 address and
// subnet rules, as Node's do), and Node's port check, which node:net and node:dns share.

import {
  ERR_INVALID_ARG_VALUE,
  nodeError,
  received,
  validateInt32,
  validateObject,
  validateString,
  validateUint32,
} from "rusk:internal/errors";
import { compareBytes, formatIPv4, formatIPv6, mapIPv4, parseIPv4, parseIPv6, samePrefix, unmapIPv4 } from "rusk:internal/net_address";

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** Node's ERR_SOCKET_BAD_PORT: `Port should be >= 0 and < 65536. Received type number (-1).` */
export function ERR_SOCKET_BAD_PORT(name, port, allowZero = true) {
  const described = received(port).slice("Received ".length);
  return nodeError(RangeError, "ERR_SOCKET_BAD_PORT", `${name} should be >= ${allowZero ? 0 : 1} and < 65536. Received ${described}.`);
}

/** A port as a number: an integer 0–65535, or a string of one. */
export function validatePort(port, name = "Port", allowZero = true) {
  if (
    (typeof port !== "number" && typeof port !== "string") ||
    (typeof port === "string" && port.trim().length === 0) ||
    +port !== +port >>> 0 ||
    port > 0xffff ||
    (port === 0 && !allowZero)
  ) {
    throw ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
}

// The parsed bytes of a SocketAddress, for BlockList's comparisons.
let bytesOf;

function invalidAddress() {
  return nodeError(Error, "ERR_INVALID_ADDRESS", "Invalid socket address");
}

export class SocketAddress {
  #state;
  #bytes;

  static {
    bytesOf = (socketAddress) => socketAddress.#bytes;
  }

  static isSocketAddress(value) {
    return typeof value === "object" && value !== null && #state in value;
  }

  constructor(options = {}) {
    validateObject(options, "options");
    let { family = "ipv4" } = options;
    if (typeof family === "string") family = family.toLowerCase();
    const { address = family === "ipv6" ? "::" : "127.0.0.1", port = 0, flowlabel = 0 } = options;
    if (family !== "ipv4" && family !== "ipv6") throw ERR_INVALID_ARG_VALUE("options.family", options.family);
    validateString(address, "options.address");
    const portNumber = validatePort(port, "options.port");
    validateUint32(flowlabel, "options.flowlabel", false);
    const bytes = family === "ipv4" ? parseIPv4(address) : parseIPv6(address);
    if (bytes === null) throw invalidAddress();
    this.#state = {
      address: family === "ipv4" ? formatIPv4(bytes) : formatIPv6(bytes),
      port: portNumber,
      family,
      // Only IPv6 addresses carry a flow label.
      flowlabel: family === "ipv6" ? flowlabel : 0,
    };
    this.#bytes = bytes;
  }

  get address() {
    return this.#state.address;
  }

  get port() {
    return this.#state.port;
  }

  get family() {
    return this.#state.family;
  }

  get flowlabel() {
    return this.#state.flowlabel;
  }

  toJSON() {
    const { address, port, family, flowlabel } = this.#state;
    return { address, port, family, flowlabel };
  }

  [inspectCustom](depth, options, inspect) {
    if (depth < 0) return options.stylize("[SocketAddress]", "special");
    return `SocketAddress ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

// ---------------------------------------------------------------------------------------------
// BlockList

const FAMILY_LABEL = { ipv4: "IPv4", ipv6: "IPv6" };

/** An address of `family` that a rule of `ruleFamily` can be compared with, or null. */
function bytesFor(socketAddress, ruleFamily, mapIPv4Query) {
  const bytes = bytesOf(socketAddress);
  if (socketAddress.family === ruleFamily) return bytes;
  if (ruleFamily === "ipv4") return unmapIPv4(bytes);
  return mapIPv4Query ? mapIPv4(bytes) : null;
}

function toSocketAddress(value, name, family) {
  if (SocketAddress.isSocketAddress(value)) return value;
  validateString(value, name);
  validateString(family, "family");
  return new SocketAddress({ address: value, family });
}

export class BlockList {
  // Newest first, as Node lists them.
  #rules = [];

  addAddress(address, family = "ipv4") {
    const entry = toSocketAddress(address, "address", family);
    this.#rules.unshift({
      text: `Address: ${FAMILY_LABEL[entry.family]} ${entry.address}`,
      matches: (query) => {
        const bytes = bytesFor(query, entry.family, true);
        return bytes !== null && compareBytes(bytes, bytesOf(entry)) === 0;
      },
    });
  }

  addRange(start, end, family = "ipv4") {
    const first = toSocketAddress(start, "start", family);
    const last = toSocketAddress(end, "end", family);
    if (first.family === last.family && compareBytes(bytesOf(first), bytesOf(last)) > 0) {
      throw ERR_INVALID_ARG_VALUE("start", first, "must come before end");
    }
    this.#rules.unshift({
      text: `Range: ${FAMILY_LABEL[first.family]} ${first.address}-${last.address}`,
      matches: (query) => {
        // Ranges compare within one family; only a mapped IPv6 query meets an IPv4 range.
        const bytes = bytesFor(query, first.family, false);
        if (bytes === null || last.family !== first.family) return false;
        return compareBytes(bytes, bytesOf(first)) >= 0 && compareBytes(bytes, bytesOf(last)) <= 0;
      },
    });
  }

  addSubnet(network, prefix, family = "ipv4") {
    const base = toSocketAddress(network, "network", family);
    validateInt32(prefix, "prefix", 0, base.family === "ipv4" ? 32 : 128);
    this.#rules.unshift({
      text: `Subnet: ${FAMILY_LABEL[base.family]} ${base.address}/${prefix}`,
      matches: (query) => {
        const bytes = bytesFor(query, base.family, true);
        return bytes !== null && samePrefix(bytes, bytesOf(base), prefix);
      },
    });
  }

  check(address, family = "ipv4") {
    let query = address;
    if (!SocketAddress.isSocketAddress(address)) {
      validateString(address, "address");
      validateString(family, "family");
      try {
        query = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    return this.#rules.some((rule) => rule.matches(query));
  }

  get rules() {
    return this.#rules.map((rule) => rule.text);
  }

  [inspectCustom](depth, options, inspect) {
    if (depth < 0) return options.stylize("[BlockList]", "special");
    return `BlockList ${inspect({ rules: this.rules }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
