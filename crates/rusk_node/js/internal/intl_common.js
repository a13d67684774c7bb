// Shared pieces of rusk's Intl constructors: locale lists, option reading with ECMA-402's
// errors, digit options, and the parts → string/objects helpers.
import * as N from "rusk:native/intl";

export const DEFAULT_LOCALE = "en-US";

export function canonicalLocale(tag) {
  if (typeof tag !== "string" && !(typeof tag === "object" && tag !== null)) {
    throw new TypeError("Language ID should be string or object.");
  }
  const text = typeof tag === "string" ? tag : String(tag);
  const canonical = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/.test(text) ? N.canonicalizeLocale(text.replaceAll("_", "-")) : undefined;
  if (canonical === undefined || text.includes("_")) throw new RangeError(`Incorrect locale information provided`);
  return canonical;
}

export function getCanonicalLocales(locales) {
  if (locales === undefined) return [];
  const list = typeof locales === "string" || locales?.[LOCALE_BRAND] ? [locales] : Array.from(Object(locales));
  return [...new Set(list.map(canonicalLocale))];
}

/** Marks Intl.Locale instances, which count as one locale rather than a list. */
export const LOCALE_BRAND = Symbol("Intl.Locale");

/** The locale a constructor resolves to (ICU4X falls back within its data on its own). */
export function resolveLocale(locales) {
  return getCanonicalLocales(locales)[0] ?? DEFAULT_LOCALE;
}

/** `locale` without its `-u-` extension (what resolvedOptions().locale shows). */
export function baseLocale(locale) {
  const i = locale.indexOf("-u-");
  return i < 0 ? locale : locale.slice(0, i);
}

export function toOptions(options) {
  if (options === undefined) return Object.create(null);
  if (options === null) throw new TypeError("Cannot convert undefined or null to object");
  return Object(options);
}

/** ECMA-402 GetOption for strings: `values` lists the allowed ones. */
export function getString(options, name, values, fallback, ctor) {
  const v = options[name];
  if (v === undefined) return fallback;
  const s = String(v);
  if (values && !values.includes(s)) throw new RangeError(`Value ${s} out of range for ${ctor} options property ${name}`);
  return s;
}

export function getBoolean(options, name, fallback) {
  const v = options[name];
  return v === undefined ? fallback : Boolean(v);
}

export function getNumber(options, name, min, max, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new RangeError(`${name} value is out of range.`);
  return Math.floor(n);
}

/** ECMA-402 SetNumberFormatDigitOptions (roundingPriority "auto"). */
export function digitOptions(options, defMinFrac, defMaxFrac, notation = "standard") {
  const out = { minimumIntegerDigits: getNumber(options, "minimumIntegerDigits", 1, 21, 1) };
  const minSig = options.minimumSignificantDigits;
  const maxSig = options.maximumSignificantDigits;
  const minFrac = options.minimumFractionDigits;
  const maxFrac = options.maximumFractionDigits;
  out.roundingMode = getString(options, "roundingMode", ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"], "halfExpand", "Intl.NumberFormat");
  if (minSig !== undefined || maxSig !== undefined) {
    out.minimumSignificantDigits = getNumber(options, "minimumSignificantDigits", 1, 21, 1);
    out.maximumSignificantDigits = getNumber(options, "maximumSignificantDigits", out.minimumSignificantDigits, 21, 21);
  } else if (minFrac !== undefined || maxFrac !== undefined) {
    let mn = getNumber(options, "minimumFractionDigits", 0, 100, undefined);
    let mx = getNumber(options, "maximumFractionDigits", 0, 100, undefined);
    if (mn === undefined) mn = Math.min(defMinFrac, mx);
    else if (mx === undefined) mx = Math.max(defMaxFrac, mn);
    else if (mn > mx) throw new RangeError("maximumFractionDigits value is out of range.");
    out.minimumFractionDigits = mn;
    out.maximumFractionDigits = mx;
  } else if (notation === "compact") {
    out.compactRounding = true;
  } else {
    out.minimumFractionDigits = defMinFrac;
    out.maximumFractionDigits = defMaxFrac;
  }
  return out;
}

/** `[type, value, ...]` from the natives → `[{ type, value }]`. */
export function partObjects(flat) {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ type: flat[i], value: flat[i + 1] });
  return out;
}

export function joinParts(flat) {
  let s = "";
  for (let i = 1; i < flat.length; i += 2) s += flat[i];
  return s;
}

export function notImplemented(name) {
  const err = new TypeError(`${name} is not implemented in rusk yet`);
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  return err;
}

export function tag(cls, name) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
}

export function requireNew(target, name) {
  if (target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
}

export { N };
