// node:path — POSIX and Windows path manipulation with Node's exact results, quirks included
// (Node's `dirname("a//b")` is "a/", `win32.relative("\\ab", "\\abc")` is "c", ...).
// The default export is the POSIX flavour, which carries `.posix` and `.win32`.

import { ERR_INVALID_ARG_TYPE, validateString } from "rusk:internal/errors";

const SLASH = 47;
const BACKSLASH = 92;
const COLON = 58;
const DOT = 46;

const isPosixSep = (code) => code === SLASH;
const isWinSep = (code) => code === SLASH || code === BACKSLASH;
const isDriveLetter = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const hasDrive = (path) => path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === COLON;

function cwd() {
  return globalThis.process.cwd();
}

/**
 * The segments of `path` from `start`, with "." dropped and ".." applied, joined by `sep`
 * (no leading or trailing separator). A ".." that would climb above the start is kept when
 * `allowAboveRoot` (relative paths) and dropped otherwise (absolute paths). Windows paths
 * split on both separators. (Native split and join: a character loop costs more in QuickJS.)
 */
function normalizeSegments(path, start, allowAboveRoot, sep) {
  let body = start > 0 ? path.slice(start) : path;
  if (sep === "\\") body = body.replaceAll("/", "\\");
  const kept = [];
  for (const part of body.split(sep)) {
    if (part === "" || part === ".") continue;
    if (part !== "..") kept.push(part);
    else if (kept.length > 0 && kept[kept.length - 1] !== "..") kept.pop();
    else if (allowAboveRoot) kept.push("..");
  }
  return kept.join(sep);
}

/**
 * Bounds of the last segment of `path` at or after `from`, ignoring trailing separators:
 * `[segStart, segEnd]`; `segEnd === from` when there is no segment. `segStart > from` means a
 * separator stands at `segStart - 1`.
 */
function lastSegment(path, from, isSep) {
  let segEnd = path.length;
  while (segEnd > from && isSep(path.charCodeAt(segEnd - 1))) segEnd--;
  let segStart = segEnd;
  while (segStart > from && !isSep(path.charCodeAt(segStart - 1))) segStart--;
  return [segStart, segEnd];
}

/** Index of the dot that starts the extension of `path[segStart, segEnd)`, or -1 (".x", "..", no dot). */
function extensionStart(path, segStart, segEnd) {
  const dot = path.lastIndexOf(".", segEnd - 1);
  if (dot <= segStart) return -1;
  if (segEnd - segStart === 2 && path.charCodeAt(segStart) === DOT) return -1; // ".."
  return dot;
}

/**
 * `basename` with a suffix, as Node matches it: the suffix is stripped when the last segment
 * ends with it and is longer; when the segment is a tail of the suffix (never mismatched), Node
 * returns everything from the segment's start, trailing separators included.
 */
function basenameWithSuffix(path, from, suffix, isSep) {
  const [segStart, segEnd] = lastSegment(path, from, isSep);
  const segment = path.slice(segStart, segEnd);
  if (segment.length > suffix.length) {
    return segment.endsWith(suffix) ? segment.slice(0, segment.length - suffix.length) : segment;
  }
  if (segment === suffix) return segment;
  return suffix.endsWith(segment) ? path.slice(segStart) : segment;
}

function basenameOf(path, from, suffix, isSep) {
  if (suffix !== undefined) validateString(suffix, "suffix");
  validateString(path, "path");
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return "";
    return basenameWithSuffix(path, from, suffix, isSep);
  }
  const [segStart, segEnd] = lastSegment(path, from, isSep);
  return path.slice(segStart, segEnd);
}

function extnameOf(path, from, isSep) {
  const [segStart, segEnd] = lastSegment(path, from, isSep);
  const dot = extensionStart(path, segStart, segEnd);
  return dot < 0 ? "" : path.slice(dot, segEnd);
}

/** Fills `parsed.base/name/ext` from the last segment of `path` at or after `from`. */
function parseBase(parsed, path, segStart, segEnd) {
  if (segEnd === segStart) return;
  parsed.base = path.slice(segStart, segEnd);
  const dot = extensionStart(path, segStart, segEnd);
  if (dot < 0) {
    parsed.name = parsed.base;
  } else {
    parsed.name = path.slice(segStart, dot);
    parsed.ext = path.slice(dot, segEnd);
  }
}

function formatWith(sep, pathObject) {
  if (pathObject === null || typeof pathObject !== "object" || Array.isArray(pathObject)) {
    throw ERR_INVALID_ARG_TYPE("pathObject", "object", pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  const ext = pathObject.ext ? `${pathObject.ext[0] === "." ? "" : "."}${pathObject.ext}` : "";
  const base = pathObject.base || `${pathObject.name || ""}${ext}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

// ---------------------------------------------------------------- POSIX

function posixResolve(...paths) {
  let resolved = "";
  let absolute = false;
  for (let i = paths.length - 1; i >= -1 && !absolute; i--) {
    const path = i >= 0 ? paths[i] : cwd();
    validateString(path, `paths[${i}]`);
    if (path.length === 0) continue;
    resolved = resolved.length > 0 ? `${path}/${resolved}` : path;
    absolute = path.charCodeAt(0) === SLASH;
  }
  const body = normalizeSegments(resolved, 0, !absolute, "/");
  if (absolute) return `/${body}`;
  return body.length > 0 ? body : ".";
}

function posixNormalize(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const absolute = path.charCodeAt(0) === SLASH;
  const trailingSep = path.charCodeAt(path.length - 1) === SLASH;
  let body = normalizeSegments(path, 0, !absolute, "/");
  if (body.length === 0) {
    if (absolute) return "/";
    return trailingSep ? "./" : ".";
  }
  if (trailingSep) body += "/";
  return absolute ? `/${body}` : body;
}

function posixIsAbsolute(path) {
  validateString(path, "path");
  return path.length > 0 && path.charCodeAt(0) === SLASH;
}

function posixJoin(...paths) {
  let joined;
  for (const path of paths) {
    validateString(path, "path");
    if (path.length > 0) joined = joined === undefined ? path : `${joined}/${path}`;
  }
  return joined === undefined ? "." : posixNormalize(joined);
}

function posixRelative(from, to) {
  validateString(from, "from");
  validateString(to, "to");
  if (from === to) return "";
  // Resolved POSIX paths are "/" or "/a/b": comparing their segments is exact.
  const fromParts = posixResolve(from).split("/").filter(Boolean);
  const toParts = posixResolve(to).split("/").filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  const ups = new Array(fromParts.length - common).fill("..");
  return ups.concat(toParts.slice(common)).join("/");
}

function posixToNamespacedPath(path) {
  return path;
}

function posixDirname(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const hasRoot = path.charCodeAt(0) === SLASH;
  // Separators at index 0 belong to the root; the dirname ends at the separator before the last segment.
  const [segStart] = lastSegment(path, 1, isPosixSep);
  if (segStart <= 1) return hasRoot ? "/" : ".";
  const end = segStart - 1;
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

function posixBasename(path, suffix) {
  return basenameOf(path, 0, suffix, isPosixSep);
}

function posixExtname(path) {
  validateString(path, "path");
  return extnameOf(path, 0, isPosixSep);
}

function posixParse(path) {
  validateString(path, "path");
  const parsed = { root: "", dir: "", base: "", ext: "", name: "" };
  if (path.length === 0) return parsed;
  const absolute = path.charCodeAt(0) === SLASH;
  const from = absolute ? 1 : 0;
  if (absolute) parsed.root = "/";
  const [segStart, segEnd] = lastSegment(path, from, isPosixSep);
  parseBase(parsed, path, segStart, segEnd);
  if (absolute && segStart === 1 && parsed.base === "..") {
    // Node reads "/.." as the name "." with the extension ".".
    parsed.name = parsed.ext = ".";
  }
  if (segStart > from) parsed.dir = path.slice(0, segStart - 1);
  else if (absolute) parsed.dir = "/";
  return parsed;
}

function posixFormat(pathObject) {
  return formatWith("/", pathObject);
}

// ---------------------------------------------------------------- Windows

function scanWhile(path, i, wantSep) {
  while (i < path.length && isWinSep(path.charCodeAt(i)) === wantSep) i++;
  return i;
}

/**
 * The parts of a UNC root `\\server\share` at the start of `path` (which begins with two
 * separators): `{ server, shareStart, shareEnd }`, or null when the server or share is missing.
 */
function uncRoot(path) {
  const serverEnd = scanWhile(path, 2, false);
  if (serverEnd === 2 || serverEnd === path.length) return null;
  const shareStart = scanWhile(path, serverEnd, true);
  if (shareStart === path.length) return null;
  const shareEnd = scanWhile(path, shareStart, false);
  return { server: path.slice(2, serverEnd), shareStart, shareEnd };
}

// Device names Windows reserves in every directory; "CON:x" names the device, not a file.
const RESERVED_NAMES = new Set(["CON", "PRN", "AUX", "NUL"]);
for (const prefix of ["COM", "LPT"]) {
  for (const digit of "123456789\u00b9\u00b2\u00b3") RESERVED_NAMES.add(prefix + digit);
}

/**
 * The reserved device prefix of `path` as Node 20 detects it, or null: the name before the
 * first colon ("CON:x" → "CON:") or, when there is no colon, every character but the last
 * ("COM1a" and "nul/" → "", the prefix being empty but the path still marked).
 */
function reservedDevicePrefix(path) {
  const colon = path.indexOf(":");
  const name = colon >= 0 ? path.slice(0, colon) : path.slice(0, -1);
  if (!RESERVED_NAMES.has(name.toUpperCase())) return null;
  return colon >= 0 ? path.slice(0, colon + 1) : "";
}

/**
 * The root of a Windows path as `resolve` and `normalize` see it: `device` ("C:",
 * "\\server\share", or the namespaces "\\." and "\\?"), `rootEnd` where the rest begins, and
 * whether the path is `absolute`.
 */
function winRoot(path) {
  const c0 = path.charCodeAt(0);
  if (isWinSep(c0)) {
    if (path.length > 1 && isWinSep(path.charCodeAt(1))) {
      const unc = uncRoot(path);
      if (unc !== null) {
        if (unc.server === "." || unc.server === "?") return { device: `\\\\${unc.server}`, rootEnd: 4, absolute: true };
        return { device: `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`, rootEnd: unc.shareEnd, absolute: true };
      }
    }
    return { device: "", rootEnd: 1, absolute: true };
  }
  if (hasDrive(path)) {
    const absolute = path.length > 2 && isWinSep(path.charCodeAt(2));
    return { device: path.slice(0, 2), rootEnd: absolute ? 3 : 2, absolute };
  }
  return { device: "", rootEnd: 0, absolute: false };
}

/**
 * Where the root of `path` ends as `dirname` and `parse` see it (0: no root): a UNC root
 * includes the separator after the share.
 */
function winRootEnd(path) {
  const c0 = path.charCodeAt(0);
  if (isWinSep(c0)) {
    if (path.length > 1 && isWinSep(path.charCodeAt(1))) {
      const unc = uncRoot(path);
      if (unc !== null) return unc.shareEnd === path.length ? path.length : unc.shareEnd + 1;
    }
    return 1;
  }
  if (hasDrive(path)) return path.length > 2 && isWinSep(path.charCodeAt(2)) ? 3 : 2;
  return 0;
}

/** The cwd `resolve` uses for a path on `device` ("=C:" in the environment, as Windows keeps it). */
function cwdForDevice(device) {
  const path = globalThis.process.env[`=${device}`] || cwd();
  if (path === undefined || (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === BACKSLASH)) {
    return `${device}\\`;
  }
  return path;
}

function winResolve(...paths) {
  let device = "";
  let tail = "";
  let absolute = false;
  for (let i = paths.length - 1; i >= -1; i--) {
    let path;
    if (i >= 0) path = paths[i];
    else if (device.length === 0) path = cwd();
    else path = cwdForDevice(device);
    validateString(path, `paths[${i}]`);
    if (path.length === 0) continue;
    const root = winRoot(path);
    if (root.device.length > 0) {
      // A path on another drive or share than the one found so far does not apply.
      if (device.length === 0) device = root.device;
      else if (root.device.toLowerCase() !== device.toLowerCase()) continue;
    }
    if (absolute) {
      if (device.length > 0) break;
    } else {
      tail = `${path.slice(root.rootEnd)}\\${tail}`;
      absolute = root.absolute;
      if (absolute && device.length > 0) break;
    }
  }
  tail = normalizeSegments(tail, 0, !absolute, "\\");
  if (absolute) return `${device}\\${tail}`;
  return `${device}${tail}` || ".";
}

/**
 * Whether a relative `path` without a drive could read as absolute once normalized: its tail
 * starts with "X:", or one of its colons ends a segment ("a/b:" , "x:/y").
 */
function colonMakesAmbiguous(path, tail) {
  if (hasDrive(tail)) return true;
  for (let colon = path.indexOf(":"); colon !== -1; colon = path.indexOf(":", colon + 1)) {
    if (colon === path.length - 1 || isWinSep(path.charCodeAt(colon + 1))) return true;
  }
  return false;
}

function winNormalize(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  if (path.length === 1) return isWinSep(path.charCodeAt(0)) ? "\\" : path;
  // A path naming a reserved device is kept relative ("CON:x" → ".\\CON:x") so that it
  // cannot turn into a device path.
  const reserved = reservedDevicePrefix(path);
  const root = reserved !== null ? { device: reserved, rootEnd: reserved.length, absolute: false } : winRoot(path);
  let tail = normalizeSegments(path, root.rootEnd, !root.absolute, "\\");
  if (tail.length === 0 && !root.absolute) tail = ".";
  if (tail.length > 0 && isWinSep(path.charCodeAt(path.length - 1))) tail += "\\";
  if (reserved !== null) return `.\\${root.device}${tail}`;
  if (!root.absolute && root.device.length === 0 && path.includes(":") && colonMakesAmbiguous(path, tail)) {
    return `.\\${tail}`;
  }
  if (root.absolute) return `${root.device}\\${tail}`;
  return `${root.device}${tail}`;
}

function winIsAbsolute(path) {
  validateString(path, "path");
  if (path.length === 0) return false;
  if (isWinSep(path.charCodeAt(0))) return true;
  return hasDrive(path) && path.length > 2 && isWinSep(path.charCodeAt(2));
}

function winJoin(...paths) {
  let joined;
  let first;
  for (const path of paths) {
    validateString(path, "path");
    if (path.length === 0) continue;
    if (joined === undefined) joined = first = path;
    else joined = `${joined}\\${path}`;
  }
  if (joined === undefined) return ".";
  // A UNC root survives only when the first part starts it ("\\server"); any other run of
  // leading separators (from "/" + "/x", "//" + "x", "///x") collapses to one.
  const keepsUnc = first.length > 2 && isWinSep(first.charCodeAt(0)) && isWinSep(first.charCodeAt(1)) && !isWinSep(first.charCodeAt(2));
  if (!keepsUnc) {
    const leading = scanWhile(joined, 0, true);
    if (leading >= 2) joined = `\\${joined.slice(leading)}`;
  }
  return winNormalize(joined);
}

/** Length of `s` without its trailing backslashes, keeping at least one character after `start`. */
function trimmedEnd(s, start) {
  let end = s.length;
  while (end - 1 > start && s.charCodeAt(end - 1) === BACKSLASH) end--;
  return end;
}

function winRelative(from, to) {
  validateString(from, "from");
  validateString(to, "to");
  if (from === to) return "";
  const fromOrig = winResolve(from);
  const toOrig = winResolve(to);
  if (fromOrig === toOrig) return "";
  // Windows paths compare without case; the result keeps `to`'s case.
  const fromLower = fromOrig.toLowerCase();
  const toLower = toOrig.toLowerCase();
  if (fromLower === toLower) return "";

  const fromStart = scanWhile(fromLower, 0, true);
  const fromEnd = trimmedEnd(fromLower, fromStart);
  const fromLen = fromEnd - fromStart;
  let toStart = scanWhile(toLower, 0, true);
  const toEnd = trimmedEnd(toLower, toStart);
  const toLen = toEnd - toStart;

  const length = Math.min(fromLen, toLen);
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const code = fromLower.charCodeAt(fromStart + i);
    if (code !== toLower.charCodeAt(toStart + i)) break;
    if (code === BACKSLASH) lastCommonSep = i;
  }
  if (i !== length) {
    // Nothing in common before the first separator (another drive or share): `to` as it is.
    if (lastCommonSep === -1) return toOrig;
  } else {
    // One is a prefix of the other. A 2-character common part is taken as a drive ("c:").
    if (toLen > length) {
      if (toLower.charCodeAt(toStart + i) === BACKSLASH) return toOrig.slice(toStart + i + 1);
      if (length === 2) return toOrig.slice(toStart + i);
    }
    if (fromLen > length) {
      if (fromLower.charCodeAt(fromStart + i) === BACKSLASH) lastCommonSep = i;
      else if (length === 2) lastCommonSep = 3;
    }
    if (lastCommonSep === -1) lastCommonSep = 0;
  }

  let ups = "";
  for (let j = fromStart + lastCommonSep + 1; j <= fromEnd; j++) {
    if (j === fromEnd || fromLower.charCodeAt(j) === BACKSLASH) ups += ups.length === 0 ? ".." : "\\..";
  }
  toStart += lastCommonSep;
  if (ups.length > 0) return `${ups}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === BACKSLASH) toStart++;
  return toOrig.slice(toStart, toEnd);
}

function winToNamespacedPath(path) {
  if (typeof path !== "string" || path.length === 0) return path;
  const resolved = winResolve(path);
  if (resolved.length <= 2) return path;
  if (resolved.charCodeAt(0) === BACKSLASH) {
    if (resolved.charCodeAt(1) === BACKSLASH) {
      const c2 = resolved.charCodeAt(2);
      if (c2 !== 63 /* ? */ && c2 !== DOT) return `\\\\?\\UNC\\${resolved.slice(2)}`;
    }
  } else if (hasDrive(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

function winDirname(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const rootEnd = winRootEnd(path);
  if (rootEnd === path.length && rootEnd > 2 && isWinSep(path.charCodeAt(1))) return path; // a UNC root
  const [segStart] = lastSegment(path, rootEnd, isWinSep);
  if (segStart > rootEnd) return path.slice(0, segStart - 1);
  return rootEnd === 0 ? "." : path.slice(0, rootEnd);
}

function winBasename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, "suffix");
  validateString(path, "path");
  return basenameOf(path, hasDrive(path) ? 2 : 0, suffix, isWinSep);
}

function winExtname(path) {
  validateString(path, "path");
  return extnameOf(path, hasDrive(path) ? 2 : 0, isWinSep);
}

function winParse(path) {
  validateString(path, "path");
  const parsed = { root: "", dir: "", base: "", ext: "", name: "" };
  if (path.length === 0) return parsed;
  const rootEnd = winRootEnd(path);
  parsed.root = path.slice(0, rootEnd);
  const [segStart, segEnd] = lastSegment(path, rootEnd, isWinSep);
  parseBase(parsed, path, segStart, segEnd);
  parsed.dir = segStart > rootEnd ? path.slice(0, segStart - 1) : parsed.root;
  return parsed;
}

function winFormat(pathObject) {
  return formatWith("\\", pathObject);
}

// ---------------------------------------------------------------- matchesGlob
// Node matches with minimatch (no escapes: "\" is a separator in patterns, braces, extglobs,
// POSIX classes, "**" that skips no dot-segments, case-insensitive only on Windows and macOS
// hosts). This is a matcher of the same rules, written for these cases.

let globWarned = false;

function warnGlobExperimental() {
  if (globWarned) return;
  globWarned = true;
  globalThis.process?.emitWarning?.("glob is an experimental feature and might change at any time", "ExperimentalWarning");
}

/** Expands the first `{a,b}` or `{1..3}` group of `pattern`, recursively. */
function expandBraces(pattern) {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "{") {
      if (depth++ === 0) open = i;
    } else if (c === "}" && depth > 0 && --depth === 0) {
      const alternatives = braceAlternatives(pattern.slice(open + 1, i));
      if (alternatives === null) continue;
      const head = pattern.slice(0, open);
      const rest = expandBraces(pattern.slice(i + 1));
      return alternatives.flatMap((alt) => expandBraces(head + alt).flatMap((h) => rest.map((r) => h + r)));
    }
  }
  return [pattern];
}

/** A brace sequence `{1..9}`, `{01..10..2}`, `{a..e}` as its values, or null. */
function braceSequence(body) {
  const m = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body);
  if (m === null) return null;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return null;
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const width = numeric && /^-?0\d/.test(m[1] + m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  const values = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    if (!numeric) values.push(String.fromCharCode(v));
    else values.push(v < 0 ? `-${String(-v).padStart(width - 1, "0")}` : String(v).padStart(width, "0"));
  }
  return values;
}

/** The alternatives of a brace group's body, or null when it is not a group ("{a}" is literal). */
function braceAlternatives(body) {
  const sequence = braceSequence(body);
  if (sequence !== null) return sequence;
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length === 0) return null;
  parts.push(body.slice(start));
  return parts;
}

const POSIX_CLASSES = {
  alnum: "\\p{L}\\p{Nl}\\p{Nd}",
  alpha: "\\p{L}\\p{Nl}",
  ascii: "\\x00-\\x7f",
  blank: "\\p{Zs}\\t",
  cntrl: "\\p{Cc}",
  digit: "\\p{Nd}",
  lower: "\\p{Ll}",
  punct: "\\p{P}",
  space: "\\p{Z}\\t\\r\\n\\v\\f",
  upper: "\\p{Lu}",
  word: "\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}",
  xdigit: "A-Fa-f0-9",
};
// These two are the complements of the listed characters.
const NEGATED_POSIX_CLASSES = { graph: "\\p{Z}\\p{C}", print: "\\p{C}" };

const escapeRegExp = (s) => s.replace(/[[\]{}()*+?.\\^$|/]/g, "\\$&");
const escapeInClass = (c) => (/[-[\]\\^]/.test(c) ? `\\${c}` : c);

/** A `[...]` class at `pattern[i]` as a RegExp source and the index after it, or null. */
function parseCharClass(pattern, i) {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === "!" || pattern[j] === "^") {
    negate = true;
    j++;
  }
  let ranges = "";
  let complements = "";
  for (const first = j; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === "]" && j > first) return { source: classSource(ranges, complements, negate), next: j + 1 };
    if (c === "[" && pattern[j + 1] === ":") {
      const close = pattern.indexOf(":]", j + 2);
      const name = close < 0 ? "" : pattern.slice(j + 2, close);
      if (Object.hasOwn(POSIX_CLASSES, name) || Object.hasOwn(NEGATED_POSIX_CLASSES, name)) {
        if (Object.hasOwn(POSIX_CLASSES, name)) ranges += POSIX_CLASSES[name];
        else complements += NEGATED_POSIX_CLASSES[name];
        j = close + 1;
        continue;
      }
    }
    const end = pattern[j + 2];
    if (pattern[j + 1] === "-" && end !== undefined && end !== "]") {
      // A reversed range ("[b-a]") matches nothing.
      if (c <= end) ranges += `${escapeInClass(c)}-${escapeInClass(end)}`;
      j += 2;
    } else {
      ranges += escapeInClass(c);
    }
  }
  return null;
}

function classSource(ranges, complements, negate) {
  if (complements === "") return ranges === "" ? (negate ? "[^/]" : "(?!)") : `[${negate ? "^" : ""}${ranges}]`;
  if (ranges === "") return negate ? `[${complements}]` : `[^${complements}]`;
  return negate ? `(?:(?![${ranges}])[${complements}])` : `(?:[${ranges}]|[^${complements}])`;
}

const EXTGLOB_OPENERS = "?*+@!";

/** Index of the `)` closing the extglob group opened at `pattern[open]`, or -1. */
function closingParen(pattern, open) {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits an extglob body on its top-level `|`. */
function splitAlternatives(body) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** RegExp source matching one path segment against one pattern segment (no separators). */
function segmentSource(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const close = EXTGLOB_OPENERS.includes(c) && pattern[i + 1] === "(" ? closingParen(pattern, i + 1) : -1;
    if (close > 0) {
      const group = `(?:${splitAlternatives(pattern.slice(i + 2, close)).map(segmentSource).join("|")})`;
      // !(x) is anything but x, given what follows it.
      if (c === "!") out += `(?:(?!${group}${segmentSource(pattern.slice(close + 1))}$)[^/]*?)`;
      else out += c === "@" ? group : `${group}${c}`;
      i = close;
    } else if (c === "*") {
      while (pattern[i + 1] === "*") i++;
      out += "[^/]*?";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const cls = parseCharClass(pattern, i);
      if (cls === null) out += "\\[";
      else {
        out += cls.source;
        i = cls.next - 1;
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

const GLOBSTAR = "**";

/** A matcher for one pattern segment: GLOBSTAR, `{ literal }` or `{ test, dotAllowed }`. */
function compileSegment(segment, nocase) {
  if (segment === "**") return GLOBSTAR;
  if (!/[*?[]|[?*+@!]\(/.test(segment)) return { literal: segment };
  // A leading "." in a path segment must be matched by a literal "." in the pattern.
  const dotAllowed = segment.startsWith(".");
  if (/^\*+$/.test(segment)) return { test: (s) => s.length > 0, dotAllowed };
  const regexp = new RegExp(`^${segmentSource(segment)}$`, nocase ? "iu" : "u");
  return { test: (s) => regexp.test(s), dotAllowed };
}

function segmentMatches(matcher, segment) {
  if (matcher.literal !== undefined) return segment === matcher.literal;
  if (segment === "." || segment === "..") return false;
  if (segment.startsWith(".") && !matcher.dotAllowed) return false;
  return matcher.test(segment);
}

/** Segments of a path or pattern; on Windows a leading "//server" keeps its empty segment. */
function globSplit(s, windows) {
  const parts = s.split(/\/+/);
  return windows && /^\/\/[^/]/.test(s) ? ["", ...parts] : parts;
}

/**
 * Drops empty and "." segments inside a path, and "x/.." pairs (x not "..", "." or "**"),
 * as minimatch's optimisation does to both paths and patterns ("a/.." leaves one empty segment).
 */
function simplifySegments(parts, isPattern = false) {
  const out = parts.slice();
  for (let i = 1; i < out.length - 1; i++) {
    if (i === 1 && out[i] === "" && out[0] === "") continue;
    if (out[i] === "." || out[i] === "") out.splice(i--, 1);
  }
  if (out[0] === "." && out.length === 2 && (out[1] === "." || out[1] === "")) out.pop();
  for (let dd = out.indexOf("..", 1); dd !== -1; dd = out.indexOf("..", dd + 1)) {
    const before = out[dd - 1];
    if (before && before !== "." && before !== ".." && before !== GLOBSTAR) {
      // Pattern "x/../**" still needs a leading ".": it becomes "./**", not "**".
      const keepDot = isPattern && dd === 1 && out[dd + 1] === GLOBSTAR;
      out.splice(dd - 1, 2, ...(keepDot ? ["."] : []));
      dd -= 2;
    }
  }
  return out.length === 0 ? [""] : out;
}

function withoutRepeatedGlobstars(parts) {
  return parts.filter((part, i) => part !== GLOBSTAR || parts[i - 1] !== GLOBSTAR);
}

const isPlainSegment = (p) => Boolean(p) && p !== "." && p !== "..";

/** Pattern segments as alternatives: "**" + "/../a/b" may climb first or not at all. */
function globstarParentAlternatives(parts) {
  for (let gs = parts.indexOf(GLOBSTAR); gs !== -1; gs = parts.indexOf(GLOBSTAR, gs + 1)) {
    if (parts[gs + 1] !== ".." || !isPlainSegment(parts[gs + 2]) || !isPlainSegment(parts[gs + 3])) continue;
    const climbing = [...parts.slice(0, gs), ...parts.slice(gs + 1)];
    const staying = withoutRepeatedGlobstars([...parts.slice(0, gs + 1), ...parts.slice(gs + 2)]);
    return [...globstarParentAlternatives(climbing), ...globstarParentAlternatives(staying)];
  }
  return [parts];
}

/** Matches path segments `parts[pi..]` against compiled pattern segments `matchers[mi..]`. */
function matchParts(matchers, mi, parts, pi) {
  const hidden = (p) => p === "." || p === ".." || p.startsWith(".");
  for (; mi < matchers.length && pi < parts.length; mi++, pi++) {
    const matcher = matchers[mi];
    if (matcher !== GLOBSTAR) {
      if (!segmentMatches(matcher, parts[pi])) return false;
      continue;
    }
    // A trailing ** takes the remaining segments; "**" never crosses a hidden segment.
    if (mi === matchers.length - 1) return !parts.slice(pi).some(hidden);
    for (let skip = pi; skip < parts.length; skip++) {
      if (matchParts(matchers, mi + 1, parts, skip)) return true;
      if (hidden(parts[skip])) return false;
    }
    return false;
  }
  if (mi === matchers.length) return pi === parts.length || (pi === parts.length - 1 && parts[pi] === "");
  return false;
}

function matchesGlobWith(windows, path, pattern) {
  warnGlobExperimental();
  validateString(path, "path");
  validateString(pattern, "pattern");
  const platform = globalThis.process?.platform;
  const nocase = platform === "win32" || platform === "darwin";
  if (pattern === "") return path === "";
  const parts = simplifySegments(globSplit(windows ? path.replace(/\\/g, "/") : path, windows));
  const alternatives = expandBraces(pattern.replace(/\\/g, "/")).flatMap((p) => globstarParentAlternatives(withoutRepeatedGlobstars(globSplit(p, windows))));
  return alternatives.some((segments) => {
    const matchers = simplifySegments(segments, true).map((s) => compileSegment(s, nocase));
    return matchParts(matchers, 0, parts, 0);
  });
}

// ---------------------------------------------------------------- the two flavours

export const posix = {
  resolve: posixResolve,
  normalize: posixNormalize,
  isAbsolute: posixIsAbsolute,
  join: posixJoin,
  relative: posixRelative,
  toNamespacedPath: posixToNamespacedPath,
  dirname: posixDirname,
  basename: posixBasename,
  extname: posixExtname,
  format: posixFormat,
  parse: posixParse,
  matchesGlob: (path, pattern) => matchesGlobWith(false, path, pattern),
  sep: "/",
  delimiter: ":",
  win32: null,
  posix: null,
  _makeLong: posixToNamespacedPath,
};

export const win32 = {
  resolve: winResolve,
  normalize: winNormalize,
  isAbsolute: winIsAbsolute,
  join: winJoin,
  relative: winRelative,
  toNamespacedPath: winToNamespacedPath,
  dirname: winDirname,
  basename: winBasename,
  extname: winExtname,
  format: winFormat,
  parse: winParse,
  matchesGlob: (path, pattern) => matchesGlobWith(true, path, pattern),
  sep: "\\",
  delimiter: ";",
  win32: null,
  posix: null,
  _makeLong: winToNamespacedPath,
};

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

export default posix;
export const {
  resolve,
  normalize,
  isAbsolute,
  join,
  relative,
  toNamespacedPath,
  dirname,
  basename,
  extname,
  format,
  parse,
  matchesGlob,
  sep,
  delimiter,
  _makeLong,
} = posix;
