// rusk's `Intl` (QuickJS has none), over ICU4X through rusk:native/intl: Segmenter, Collator,
// ListFormat, RelativeTimeFormat, Locale here; NumberFormat and PluralRules in intl_number.js;
// DateTimeFormat in intl_datetime.js. DisplayNames, DurationFormat and the options listed in
// docs/compat.md throw "not implemented in rusk yet".
import { ERR_INVALID_ARG_VALUE } from "rusk:internal/errors";
import {
  N, LOCALE_BRAND, baseLocale, canonicalLocale, getBoolean, getCanonicalLocales, getString, joinParts,
  notImplemented, partObjects, requireNew, resolveLocale, tag, toOptions,
} from "rusk:internal/intl_common";
import { NumberFormat, PluralRules } from "rusk:internal/intl_number";
import { DateTimeFormat } from "rusk:internal/intl_datetime";

const GRANULARITIES = ["grapheme", "word", "sentence"];

/** One segment record, as `%Segments%` iteration and `containing()` produce them. */
function record(input, start, end, wordLike, granularity) {
  const r = { segment: input.slice(start, end), index: start, input };
  if (granularity === "word") r.isWordLike = wordLike;
  return r;
}

class Segments {
  #input;
  #granularity;
  #breaks;
  #wordLike;
  constructor(input, granularity) {
    this.#input = input;
    this.#granularity = granularity;
    const r = N.segment(input, GRANULARITIES.indexOf(granularity));
    this.#breaks = r.breaks;
    this.#wordLike = r.wordLike;
  }
  containing(index = 0) {
    const n = Math.trunc(Number(index)) || 0;
    if (n < 0 || n >= this.#input.length) return undefined;
    const b = this.#breaks;
    for (let i = 0; i + 1 < b.length; i++) {
      if (n < b[i + 1]) return record(this.#input, b[i], b[i + 1], this.#wordLike[i], this.#granularity);
    }
    return undefined;
  }
  *[Symbol.iterator]() {
    const b = this.#breaks;
    for (let i = 0; i + 1 < b.length; i++) yield record(this.#input, b[i], b[i + 1], this.#wordLike[i], this.#granularity);
  }
}

class Segmenter {
  #locale;
  #granularity;
  constructor(locales, options) {
    requireNew(new.target, "Intl.Segmenter");
    this.#locale = baseLocale(resolveLocale(locales));
    const granularity = options?.granularity ?? "grapheme";
    if (!GRANULARITIES.includes(granularity)) {
      throw new RangeError(`Value ${granularity} out of range for Intl.Segmenter options property granularity`);
    }
    this.#granularity = granularity;
  }
  segment(string) {
    return new Segments(String(string), this.#granularity);
  }
  resolvedOptions() {
    return { locale: this.#locale, granularity: this.#granularity };
  }
  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
Object.defineProperty(Segmenter.prototype, Symbol.toStringTag, { value: "Intl.Segmenter", configurable: true });

class Collator {
  #r;
  #boundCompare;
  constructor(locales, options) {
    const locale = resolveLocale(locales);
    options = toOptions(options);
    const usage = getString(options, "usage", ["sort", "search"], "sort", "Intl.Collator");
    const numericTag = /-u-(?:.*-)?kn(?:-(true|false))?(?:-|$)/.exec(locale);
    const caseTag = /-u-(?:.*-)?kf-(upper|lower|false)(?:-|$)/.exec(locale);
    const numeric = getBoolean(options, "numeric", numericTag ? numericTag[1] !== "false" : false);
    const caseFirst = getString(options, "caseFirst", ["upper", "lower", "false"], caseTag?.[1] ?? "false", "Intl.Collator");
    const sensitivity = getString(options, "sensitivity", ["base", "accent", "case", "variant"], "variant", "Intl.Collator");
    const ignorePunctuation = getBoolean(options, "ignorePunctuation", false);
    this.#r = { locale: baseLocale(locale), usage, sensitivity, ignorePunctuation, collation: "default", numeric, caseFirst, icuLocale: baseLocale(locale) };
  }
  get compare() {
    if (!(#r in this)) throw new TypeError("Method Intl.Collator.prototype.compare called on incompatible receiver");
    const r = this.#r;
    this.#boundCompare ??= (a, b) => N.collatorCompare(r.icuLocale, r, String(a), String(b));
    return this.#boundCompare;
  }
  resolvedOptions() {
    const { icuLocale, ...rest } = this.#r;
    return rest;
  }
  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(Collator, "Intl.Collator");

class ListFormat {
  #r;
  constructor(locales, options) {
    requireNew(new.target, "Intl.ListFormat");
    const locale = resolveLocale(locales);
    options = toOptions(options);
    const type = getString(options, "type", ["conjunction", "disjunction", "unit"], "conjunction", "Intl.ListFormat");
    const style = getString(options, "style", ["long", "short", "narrow"], "long", "Intl.ListFormat");
    this.#r = { locale: baseLocale(locale), type, style };
  }
  #flat(list) {
    const items = [];
    for (const item of list ?? []) {
      if (typeof item !== "string") throw new TypeError(`Iterable yielded ${typeof item === "symbol" ? "Symbol()" : String(item)} which is not a string`);
      items.push(item);
    }
    return N.formatList(this.#r.locale, this.#r.type, this.#r.style, items);
  }
  format(list) {
    return joinParts(this.#flat(list));
  }
  formatToParts(list) {
    return partObjects(this.#flat(list));
  }
  resolvedOptions() {
    return { ...this.#r };
  }
  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(ListFormat, "Intl.ListFormat");

const RELATIVE_UNITS = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];

class RelativeTimeFormat {
  #r;
  constructor(locales, options) {
    requireNew(new.target, "Intl.RelativeTimeFormat");
    const locale = resolveLocale(locales);
    options = toOptions(options);
    getString(options, "localeMatcher", ["lookup", "best fit"], "best fit", "Intl.RelativeTimeFormat");
    const style = getString(options, "style", ["long", "short", "narrow"], "long", "Intl.RelativeTimeFormat");
    const numeric = getString(options, "numeric", ["always", "auto"], "always", "Intl.RelativeTimeFormat");
    this.#r = { locale: baseLocale(locale), style, numeric, numberingSystem: "latn" };
  }
  #flat(value, unit) {
    const u = String(unit);
    const singular = u.endsWith("s") ? u.slice(0, -1) : u;
    if (!RELATIVE_UNITS.includes(singular)) throw new RangeError(`Invalid unit argument for format() '${u}'`);
    const x = Number(value);
    if (!Number.isFinite(x)) throw new RangeError("Invalid number value");
    return [singular, N.formatRelative(this.#r.locale, singular, this.#r.style, this.#r.numeric, x)];
  }
  format(value, unit) {
    return joinParts(this.#flat(value, unit)[1]);
  }
  formatToParts(value, unit) {
    const [singular, flat] = this.#flat(value, unit);
    return partObjects(flat).map((p) => (p.type === "literal" ? p : { ...p, unit: singular }));
  }
  resolvedOptions() {
    return { ...this.#r };
  }
  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(RelativeTimeFormat, "Intl.RelativeTimeFormat");

/** Intl.Locale: the tag's subtags and -u- keywords (no likely-subtags data: no maximize()). */
class Locale {
  #tag;
  constructor(tagName, options) {
    requireNew(new.target, "Intl.Locale");
    if (typeof tagName !== "string" && !(tagName && typeof tagName === "object")) {
      throw new TypeError("First argument to Intl.Locale constructor can't be empty or missing");
    }
    let tagText = canonicalLocale(tagName?.[LOCALE_BRAND] ? tagName.toString() : tagName);
    options = toOptions(options);
    const [base, ext = ""] = tagText.split("-u-");
    let [language, ...rest] = base.split("-");
    let script = rest.find((p) => /^[A-Za-z]{4}$/.test(p));
    let region = rest.find((p) => /^([A-Za-z]{2}|\d{3})$/.test(p));
    if (options.language !== undefined) language = String(options.language);
    if (options.script !== undefined) script = String(options.script);
    if (options.region !== undefined) region = String(options.region);
    const keywords = new Map();
    const words = ext ? ext.split("-") : [];
    for (let i = 0; i < words.length; i++) {
      if (words[i].length === 2) {
        const values = [];
        while (i + 1 < words.length && words[i + 1].length > 2) values.push(words[++i]);
        keywords.set(words[i - values.length], values.join("-") || "true");
      }
    }
    const KEYS = { calendar: "ca", collation: "co", hourCycle: "hc", caseFirst: "kf", numeric: "kn", numberingSystem: "nu" };
    for (const [opt, key] of Object.entries(KEYS)) {
      if (options[opt] !== undefined) keywords.set(key, String(options[opt]));
    }
    const baseName = [language, script, region].filter(Boolean).join("-");
    const extText = [...keywords].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => (v === "true" ? k : `${k}-${v}`)).join("-");
    this.#tag = canonicalLocale(extText ? `${baseName}-u-${extText}` : baseName);
  }
  get [LOCALE_BRAND]() {
    return true;
  }
  #parts() {
    const [base, ext = ""] = this.#tag.split("-u-");
    const [language, ...rest] = base.split("-");
    const keywords = {};
    const words = ext ? ext.split("-") : [];
    for (let i = 0; i < words.length; i++) {
      const key = words[i];
      const values = [];
      while (i + 1 < words.length && words[i + 1].length > 2) values.push(words[++i]);
      keywords[key] = values.join("-") || "true";
    }
    return {
      base,
      language,
      script: rest.find((p) => /^[A-Z][a-z]{3}$/.test(p)),
      region: rest.find((p) => /^([A-Z]{2}|\d{3})$/.test(p)),
      keywords,
    };
  }
  get baseName() { return this.#parts().base; }
  get language() { return this.#parts().language; }
  get script() { return this.#parts().script; }
  get region() { return this.#parts().region; }
  get calendar() { return this.#parts().keywords.ca; }
  get collation() { return this.#parts().keywords.co; }
  get hourCycle() { return this.#parts().keywords.hc; }
  get caseFirst() { return this.#parts().keywords.kf; }
  get numeric() { return this.#parts().keywords.kn === "true"; }
  get numberingSystem() { return this.#parts().keywords.nu; }
  toString() { return this.#tag; }
  toJSON() { return this.#tag; }
  maximize() { throw notImplemented("Intl.Locale.prototype.maximize"); }
  minimize() { throw notImplemented("Intl.Locale.prototype.minimize"); }
}
tag(Locale, "Intl.Locale");

class DisplayNames {
  constructor() {
    throw notImplemented("Intl.DisplayNames");
  }
}

class DurationFormat {
  constructor() {
    throw notImplemented("Intl.DurationFormat");
  }
}

export const Intl = {
  Collator,
  DateTimeFormat,
  DisplayNames,
  DurationFormat,
  ListFormat,
  Locale,
  NumberFormat,
  PluralRules,
  RelativeTimeFormat,
  Segmenter,
  getCanonicalLocales,
  supportedValuesOf(key) {
    if (key === "calendar") return ["gregory", "iso8601"];
    if (key === "numberingSystem") return ["latn"];
    if (key === "collation" || key === "currency" || key === "timeZone" || key === "unit") {
      throw notImplemented(`Intl.supportedValuesOf('${key}')`);
    }
    throw ERR_INVALID_ARG_VALUE("key", key);
  },
};
Object.defineProperty(Intl, Symbol.toStringTag, { value: "Intl", configurable: true });
for (const key of Object.keys(Intl)) Object.defineProperty(Intl, key, { enumerable: false });

export default Intl;
