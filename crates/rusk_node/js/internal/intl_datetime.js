// Intl.DateTimeFormat: ECMA-402's option resolution here; the options become a UTS #35
// skeleton (or dateStyle/timeStyle) that rusk:native/intl formats with ICU4X, in the time
// zone jiff resolves from the system's tz database.
import {
  N, baseLocale, getBoolean, getCanonicalLocales, getString, joinParts, notImplemented, partObjects,
  resolveLocale, tag, toOptions,
} from "rusk:internal/intl_common";

const CTOR = "Intl.DateTimeFormat";
const STYLES = ["full", "long", "medium", "short"];
const TEXT = ["narrow", "short", "long"];
const NUM = ["numeric", "2-digit"];
// [option, allowed values, skeleton letters per value]
const COMPONENTS = [
  ["weekday", TEXT, { narrow: "EEEEE", short: "EEE", long: "EEEE" }],
  ["era", TEXT, { narrow: "GGGGG", short: "G", long: "GGGG" }],
  ["year", NUM, { numeric: "y", "2-digit": "yy" }],
  ["month", [...NUM, ...TEXT], { numeric: "M", "2-digit": "MM", narrow: "MMMMM", short: "MMM", long: "MMMM" }],
  ["day", NUM, { numeric: "d", "2-digit": "dd" }],
  ["dayPeriod", TEXT, { narrow: "BBBBB", short: "B", long: "BBBB" }],
  ["hour", NUM, null],
  ["minute", NUM, { numeric: "m", "2-digit": "mm" }],
  ["second", NUM, { numeric: "s", "2-digit": "ss" }],
  ["fractionalSecondDigits", null, null],
  ["timeZoneName", ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"], { short: "z", long: "zzzz", shortOffset: "O", longOffset: "OOOO", shortGeneric: "v", longGeneric: "vvvv" }],
];
const HOUR_LETTER = { h11: "K", h12: "h", h23: "H", h24: "k" };

let localZone;
function defaultTimeZone() {
  localZone ??= N.localTimeZone();
  return localZone;
}

function resolveTimeZone(tz) {
  if (tz === undefined) return defaultTimeZone();
  const name = N.canonicalTimeZone(String(tz));
  if (name === undefined) throw new RangeError(`Invalid time zone specified: ${tz}`);
  return name;
}

/**
 * ECMA-402 CreateDateTimeFormat. `required`: "date", "time" or "any"; `defaults`: which
 * components to add when none are given ("date", "time" or "all").
 */
export class DateTimeFormat {
  #r;
  #spec;
  #boundFormat;
  constructor(locales, options, required = "any", defaults = "date") {
    let locale = resolveLocale(locales);
    options = toOptions(options);
    const calendar = options.calendar === undefined ? undefined : String(options.calendar);
    if (calendar !== undefined && calendar !== "gregory" && calendar !== "iso8601") {
      throw notImplemented(`Intl.DateTimeFormat's calendar '${calendar}'`);
    }
    const hour12 = getBoolean(options, "hour12", undefined);
    let hourCycle = getString(options, "hourCycle", ["h11", "h12", "h23", "h24"], undefined, CTOR);
    if (hour12 !== undefined) hourCycle = undefined;
    const timeZone = resolveTimeZone(options.timeZone);
    const r = { locale: baseLocale(locale), calendar: "gregory", numberingSystem: "latn", timeZone };
    const parts = {};
    for (const [name, values] of COMPONENTS) {
      if (name === "fractionalSecondDigits") {
        const v = options[name];
        if (v !== undefined) {
          const n = Number(v);
          if (!(n >= 1 && n <= 3)) throw new RangeError(`fractionalSecondDigits value is out of range.`);
          parts[name] = Math.floor(n);
        }
        continue;
      }
      const v = getString(options, name, values, undefined, CTOR);
      if (v !== undefined) parts[name] = v;
    }
    getString(options, "formatMatcher", ["basic", "best fit"], "best fit", CTOR);
    const dateStyle = getString(options, "dateStyle", STYLES, undefined, CTOR);
    const timeStyle = getString(options, "timeStyle", STYLES, undefined, CTOR);
    const explicit = Object.keys(parts).length > 0;
    if ((dateStyle || timeStyle) && explicit) {
      throw new TypeError(`Can't set option ${Object.keys(parts)[0]} when ${dateStyle ? "dateStyle" : "timeStyle"} is used`);
    }
    if (required === "date" && timeStyle !== undefined && dateStyle === undefined) throw new TypeError("Invalid option : timeStyle");
    if (required === "time" && dateStyle !== undefined && timeStyle === undefined) throw new TypeError("Invalid option : dateStyle");
    const hasTime = timeStyle !== undefined || parts.hour || parts.minute || parts.second || parts.fractionalSecondDigits || parts.dayPeriod;
    // The locale's clock unless hour12/hourCycle say otherwise; "-u-hc-" carries it to ICU4X.
    const cycle = hour12 === true ? "h12" : hour12 === false ? "h23" : hourCycle;
    // ICU4X takes the clock from the locale's -u-hc- keyword, for skeletons and styles alike.
    if (cycle) locale = withHourCycle(locale, cycle);
    if (dateStyle || timeStyle) {
      this.#spec = `style:${dateStyle ?? ""}:${timeStyle ?? ""}`;
      if (dateStyle) r.dateStyle = dateStyle;
      if (timeStyle) r.timeStyle = timeStyle;
    } else {
      let needDefaults = true;
      if ((required === "date" || required === "any") && (parts.weekday || parts.year || parts.month || parts.day)) needDefaults = false;
      if ((required === "time" || required === "any") && (parts.dayPeriod || parts.hour || parts.minute || parts.second || parts.fractionalSecondDigits)) needDefaults = false;
      if (needDefaults && (defaults === "date" || defaults === "all")) parts.year = parts.month = parts.day = "numeric";
      if (needDefaults && (defaults === "time" || defaults === "all")) parts.hour = parts.minute = parts.second = "numeric";
      let skeleton = "";
      for (const [name, , letters] of COMPONENTS) {
        const v = parts[name];
        if (v === undefined) continue;
        if (name === "hour") skeleton += (cycle ? HOUR_LETTER[cycle] : "j").repeat(v === "2-digit" ? 2 : 1);
        else if (name === "fractionalSecondDigits") skeleton += "S".repeat(v);
        else skeleton += letters[v];
      }
      this.#spec = skeleton;
    }
    if (hasTime || parts.hour) {
      const resolvedCycle = cycle ?? localeHourCycle(locale);
      r.hourCycle = resolvedCycle;
      r.hour12 = resolvedCycle === "h11" || resolvedCycle === "h12";
    }
    // Node's (ECMA-402's) order: the clock, then the components in table order.
    for (const [name] of COMPONENTS) if (parts[name] !== undefined) r[name] = parts[name];
    if (r.dateStyle) {
      const { dateStyle: ds, timeStyle: ts } = r;
      delete r.dateStyle;
      delete r.timeStyle;
      r.dateStyle = ds;
      if (ts) r.timeStyle = ts;
    }
    this.#r = r;
    this.#r.icuLocale = locale;
  }

  #flat(date) {
    const t = date === undefined ? Date.now() : Number(date instanceof Date ? date.getTime() : date);
    if (!Number.isFinite(t)) throw new RangeError("Invalid time value");
    return N.formatDateTime(this.#r.icuLocale, this.#spec, t, this.#r.timeZone);
  }

  get format() {
    if (!(#r in this)) throw new TypeError("Method Intl.DateTimeFormat.prototype.format called on incompatible receiver");
    this.#boundFormat ??= (date) => joinParts(this.#flat(date)).replaceAll("\u202f", " ");
    return this.#boundFormat;
  }

  formatToParts(date) {
    return partObjects(this.#flat(date)).map((p) => ({ type: PART_TYPE[p.type] ?? p.type, value: p.value.replaceAll("\u202f", " ") }));
  }

  formatRange() {
    throw notImplemented("Intl.DateTimeFormat.prototype.formatRange");
  }

  formatRangeToParts() {
    throw notImplemented("Intl.DateTimeFormat.prototype.formatRangeToParts");
  }

  resolvedOptions() {
    const { icuLocale, ...rest } = this.#r;
    return rest;
  }

  static supportedLocalesOf(locales) {
    return getCanonicalLocales(locales);
  }
}
tag(DateTimeFormat, "Intl.DateTimeFormat");

// ICU4X's part names → ECMA-402's.
const PART_TYPE = { fractionalSecond: "fractionalSecond", zoneName: "timeZoneName", timeZoneName: "timeZoneName" };

function withHourCycle(locale, cycle) {
  return locale.includes("-u-") ? `${locale}-hc-${cycle}` : `${locale}-u-hc-${cycle}`;
}

// The hour cycle a locale's own time patterns use: formatting 13:00 tells 12- from 24-hour.
function localeHourCycle(locale) {
  const flat = N.formatDateTime(locale, "j", Date.UTC(2000, 0, 1, 13), "UTC");
  const hour = flat[flat.indexOf("hour") + 1] ?? "";
  return /^0?1$/.test(hour) ? "h12" : "h23";
}

/** `Date#toLocaleString` and friends: `required`/`defaults` as ECMA-402's ToDateTimeOptions. */
export function formatDate(date, locales, options, required, defaults) {
  const t = date.getTime();
  if (Number.isNaN(t)) return "Invalid Date";
  return new DateTimeFormat(locales, options, required, defaults).format(t);
}
