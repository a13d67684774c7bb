// rusk:internal/net_address — IP address text, as node:net, node:tls and node:dns read and write
// it: Node's isIPv4/isIPv6 grammar (dotted quads without leading zeros; IPv6 with at most one
// "::", an optional trailing dotted quad and an optional "%zone"), parsing to bytes, and the
// canonical text inet_ntop gives back (RFC 5952 compression, lowercase hex, dotted quads for
// the IPv4-compatible and IPv4-mapped forms).

const ZONE_ID = /^[0-9a-zA-Z.:-]+$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** The four bytes of a dotted quad, or null. */
export function parseIPv4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!DECIMAL_OCTET.test(parts[i])) return null;
    const value = Number(parts[i]);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

/** The sixteen bytes of an IPv6 address (its zone, if any, dropped), or null. */
export function parseIPv6(text) {
  const percent = text.indexOf("%");
  if (percent !== -1) {
    if (!ZONE_ID.test(text.slice(percent + 1))) return null;
    text = text.slice(0, percent);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = halves[0] === "" && compressed ? [] : halves[0].split(":");
  const tail = compressed ? (halves[1] === "" ? [] : halves[1].split(":")) : [];
  // A dotted quad may only end the address, standing for its last two groups.
  const groups = compressed ? tail : head;
  let embedded = null;
  if (groups.length > 0 && groups[groups.length - 1].includes(".")) {
    embedded = parseIPv4(groups.pop());
    if (embedded === null) return null;
  }
  const explicit = head.length + tail.length + (embedded ? 2 : 0);
  if (compressed ? explicit > 7 : explicit !== 8) return null;
  const words = [];
  for (const group of head) {
    if (!HEX_GROUP.test(group)) return null;
    words.push(parseInt(group, 16));
  }
  if (compressed) for (let i = explicit; i < 8; i++) words.push(0);
  for (const group of compressed ? tail : []) {
    if (!HEX_GROUP.test(group)) return null;
    words.push(parseInt(group, 16));
  }
  if (embedded) words.push((embedded[0] << 8) | embedded[1], (embedded[2] << 8) | embedded[3]);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    bytes[2 * i] = words[i] >> 8;
    bytes[2 * i + 1] = words[i] & 0xff;
  }
  return bytes;
}

export function isIPv4(input) {
  return parseIPv4(`${input}`) !== null;
}

export function isIPv6(input) {
  return parseIPv6(`${input}`) !== null;
}

export function isIP(input) {
  const text = `${input}`;
  if (parseIPv4(text) !== null) return 4;
  if (parseIPv6(text) !== null) return 6;
  return 0;
}

export function formatIPv4(bytes) {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

export function formatIPv6(bytes) {
  const words = [];
  for (let i = 0; i < 8; i++) words.push((bytes[2 * i] << 8) | bytes[2 * i + 1]);
  // The longest run of two or more zero groups (the first of equals) becomes "::".
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && words[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  if (bestLength < 2) bestStart = -1;
  // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped) keep their dotted quad.
  const quad = bestStart === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff));
  const lastWord = quad ? 6 : 8;
  let text = "";
  for (let i = 0; i < lastWord; i++) {
    if (i === bestStart) {
      text += "::";
      i += bestLength - 1;
      continue;
    }
    if (text !== "" && !text.endsWith(":")) text += ":";
    text += words[i].toString(16);
  }
  if (quad) text += `${text.endsWith(":") ? "" : ":"}${formatIPv4(bytes.subarray(12))}`;
  return text;
}

/** The canonical text of an IP address (`"0:0::1"` → `"::1"`), or undefined when it is none. */
export function canonicalizeIP(text) {
  const v4 = parseIPv4(text);
  if (v4) return formatIPv4(v4);
  const v6 = parseIPv6(text);
  return v6 ? formatIPv6(v6) : undefined;
}

/** The IPv4 bytes inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), or null. */
export function unmapIPv4(bytes) {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return null;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return null;
  return bytes.slice(12);
}

/** ::ffff:a.b.c.d for the IPv4 address a.b.c.d. */
export function mapIPv4(bytes) {
  const mapped = new Uint8Array(16);
  mapped[10] = 0xff;
  mapped[11] = 0xff;
  mapped.set(bytes, 12);
  return mapped;
}

/** Orders two addresses of the same length byte by byte. */
export function compareBytes(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Whether the first `prefix` bits of two addresses of the same length agree. */
export function samePrefix(a, b, prefix) {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const bits = prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (a[whole] & mask) === (b[whole] & mask);
}
