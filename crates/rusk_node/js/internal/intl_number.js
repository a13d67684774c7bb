// Intl.NumberFormat and Intl.PluralRules: ECMA-402's option resolution here; rounding, digits,
// grouping, percent/currency affixes and compact notation in rusk:native/intl (ICU4X).
import {
  N, baseLocale, digitOptions, getString, joinParts, notImplemented, partObjects,
  requireNew, resolveLocale, tag, toOptions, getCanonicalLocales,
} from "rusk:internal/intl_common";

const CTOR = "Intl.NumberFormat";

function grouping(options, notation) {
  const v = options.useGrouping;
  const fallback = notation === "compact" ? "min2" : "auto";
  if (v === undefined) return fallback;
  if (v === true) return "always";
  if (v === false || v === null || v === 0 || v === "") return false;
  const s = String(v);
  if (s === "true" || s === "false") return fallback;
  if (!["min2", "auto", "always"].includes(s)) throw new RangeError(`Value ${s} out of range for ${CTOR} options property useGrouping`);
  return s;
}

/** Special values the natives don't take: NaN and the infinities (their parts). */
function specialParts(x, r) {
  if (Number.isNaN(x)) return ["nan", "NaN"];
  const negative = x < 0;
  const sign = negative ? (r.signDisplay === "never" ? [] : ["minusSign", "-"]) : r.signDisplay === "always" || r.signDisplay === "exceptZero" ? ["plusSign", "+"] : [];
  const tail = r.style === "percent" ? ["percentSign", "%"] : [];
  return [...sign, "infinity", "∞", ...tail];
}

function toNumeric(value) {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") {
    const t = value.trim();
    if (t === "") return 0;
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return t.replace(/^\+/, "");
    return Number(t);
  }
  return Number(value);
}

export class NumberFormat {
  #r;
  #boundFormat;
  constructor(locales, options) {
    const locale = resolveLocale(locales);
    options = toOptions(options);
    const style = getString(options, "style", ["decimal", "percent", "currency", "unit"], "decimal", CTOR);
    let currency = options.currency;
    if (currency !== undefined) {
      currency = String(currency);
      if (!/^[A-Za-z]{3}$/.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
      currency = currency.toUpperCase();
    }
    const currencyDisplay = getString(options, "currencyDisplay", ["code", "symbol", "narrowSymbol", "name"], "symbol", CTOR);
    const currencySign = getString(options, "currencySign", ["standard", "accounting"], "standard", CTOR);
    if (style === "currency" && currency === undefined) throw new TypeError("Currency code is required with currency style.");
    if (style === "unit") throw notImplemented("Intl.NumberFormat's style 'unit'");
    if (currencySign === "accounting") throw notImplemented("Intl.NumberFormat's currencySign 'accounting'");
    const notation = getString(options, "notation", ["standard", "scientific", "engineering", "compact"], "standard", CTOR);
    if (notation === "scientific" || notation === "engineering") throw notImplemented(`Intl.NumberFormat's notation '${notation}'`);
    let defMin = 0;
    let defMax = style === "percent" ? 0 : 3;
    if (style === "currency") defMin = defMax = N.currencyDigits(locale, currency);
    const digits = digitOptions(options, defMin, defMax, notation);
    const compactDisplay = getString(options, "compactDisplay", ["short", "long"], "short", CTOR);
    const useGrouping = grouping(options, notation);
    const signDisplay = getString(options, "signDisplay", ["auto", "never", "always", "exceptZero", "negative"], "auto", CTOR);
    const trailingZeroDisplay = getString(options, "trailingZeroDisplay", ["auto", "stripIfInteger"], "auto", CTOR);
    this.#r = {
      locale: baseLocale(locale),
      icuLocale: locale,
      numberingSystem: "latn",
      style,
      ...(style === "currency" ? { currency, currencyDisplay, currencySign } : {}),
      ...digits,
      useGrouping,
      notation,
      ...(notation === "compact" ? { compactDisplay } : {}),
      signDisplay,
      trailingZeroDisplay,
    };
  }

  #flat(value) {
    const r = this.#r;
    const x = toNumeric(value);
    if (typeof x === "number" && !Number.isFinite(x)) return specialParts(x, r);
    let opts = r;
    if (r.trailingZeroDisplay === "stripIfInteger" && r.minimumFractionDigits > 0) {
      // An integer after rounding shows no fraction: round once to learn which it is.
      const rounded = N.roundToString(x, r);
      if (!/\.\d*[1-9]/.test(rounded)) opts = { ...r, minimumFractionDigits: 0 };
    }
    return N.formatNumber(r.icuLocale, x, { ...opts, useGrouping: r.useGrouping === false ? "never" : r.useGrouping });
  }

  get format() {
    if (!(#r in this)) throw new TypeError("Method Intl.NumberFormat.prototype.format called on incompatible receiver");
    this.#boundFormat ??= (value) => joinParts(this.#flat(value));
    return this.#boundFormat;
  }

  formatToParts(value) {
    return partObjects(this.#flat(value));
  }

  formatRange() {
    throw notImplemented("Intl.NumberFormat.prototype.formatRange");
  }

  formatRangeToParts() {
    throw notImplemented("Intl.NumberFormat.prototype.formatRangeToParts");
  }

  resolvedOptions() {
    const r = this.#r;
    const out = {};
    // Node's (ECMA-402's) property order.
    for (const key of [
      "locale", "numberingSystem", "style", "currency", "currencyDisplay", "currencySign", "minimumIntegerDigits",
      "minimumFractionDigits", "maximumFractionDigits", "minimumSignificantDigits", "maximumSignificantDigits",
      "useGrouping", "notation", "compactDisplay", "signDisplay", "roundingMode",
    ]) {
      if (r[key] !== undefined) out[key] = r[key];
    }
    return { ...out, roundingIncrement: 1, trailingZeroDisplay: r.trailingZeroDisplay, roundingPriority: "auto" };
  }

  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(NumberFormat, "Intl.NumberFormat");

export class PluralRules {
  #r;
  constructor(locales, options) {
    requireNew(new.target, "Intl.PluralRules");
    const locale = resolveLocale(locales);
    options = toOptions(options);
    const type = getString(options, "type", ["cardinal", "ordinal"], "cardinal", "Intl.PluralRules");
    const digits = digitOptions(options, 0, 3);
    this.#r = { locale: baseLocale(locale), icuLocale: locale, type, ...digits };
  }

  select(n) {
    const x = Number(n);
    if (!Number.isFinite(x)) return "other";
    return N.selectPlural(this.#r.icuLocale, this.#r.type === "ordinal", x, this.#r);
  }

  selectRange() {
    throw notImplemented("Intl.PluralRules.prototype.selectRange");
  }

  resolvedOptions() {
    const { icuLocale, roundingMode, ...rest } = this.#r;
    return {
      ...rest,
      pluralCategories: N.pluralCategories(this.#r.icuLocale, this.#r.type === "ordinal"),
      roundingIncrement: 1,
      roundingMode,
      roundingPriority: "auto",
      trailingZeroDisplay: "auto",
    };
  }

  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(PluralRules, "Intl.PluralRules");
