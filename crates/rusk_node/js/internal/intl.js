// rusk's `Intl` (QuickJS has none): `Intl.Segmenter` over ICU4X (rusk:native/intl), and
// `getCanonicalLocales`/`supportedValuesOf` for it. Number, date, collation and plural
// formatting are not implemented yet: those constructors are absent, not stubbed.
import * as N from "rusk:native/intl";
import { ERR_INVALID_ARG_VALUE } from "rusk:internal/errors";

const GRANULARITIES = ["grapheme", "word", "sentence"];
const DEFAULT_LOCALE = "en-US";

function canonicalLocale(tag) {
  if (typeof tag !== "string" || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) {
    throw new RangeError(`Incorrect locale information provided`);
  }
  const [lang, ...rest] = tag.split("-");
  return [lang.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.toLowerCase()))].join("-");
}

function getCanonicalLocales(locales) {
  if (locales === undefined) return [];
  const list = typeof locales === "string" ? [locales] : [...locales];
  return [...new Set(list.map(canonicalLocale))];
}

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
    if (new.target === undefined) throw new TypeError("Constructor Intl.Segmenter requires 'new'");
    const list = getCanonicalLocales(locales);
    this.#locale = list[0] ?? DEFAULT_LOCALE;
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

export const Intl = {
  Segmenter,
  getCanonicalLocales,
  supportedValuesOf(key) {
    if (key === "collation" || key === "currency" || key === "numberingSystem" || key === "timeZone" || key === "unit" || key === "calendar") return [];
    throw ERR_INVALID_ARG_VALUE("key", key);
  },
};
Object.defineProperty(Intl, Symbol.toStringTag, { value: "Intl", configurable: true });

export default Intl;
