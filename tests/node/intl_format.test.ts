// rusk's Intl formatters (ICU4X underneath): NumberFormat, PluralRules, Collator, ListFormat,
// RelativeTimeFormat, DateTimeFormat, Locale and the built-ins' toLocale* methods. Every
// expected string was checked against Node 20 and Bun; time zones are always explicit.
import { describe, expect, test } from "bun:test";

const nf = (locale: string, options: Intl.NumberFormatOptions, value: number | bigint) => new Intl.NumberFormat(locale, options).format(value);

describe("Intl.NumberFormat", () => {
  test("decimal: grouping and fraction digits per locale", () => {
    expect(nf("en-US", {}, 1234567.891)).toBe("1,234,567.891");
    expect(nf("de-DE", {}, 1234567.891)).toBe("1.234.567,891");
    expect(nf("en-IN", {}, 12345678)).toBe("1,23,45,678");
    expect(nf("en", { useGrouping: false }, 12345678)).toBe("12345678");
  });

  test("rounding uses the shortest decimal of the double, half away from zero", () => {
    expect(nf("en", { maximumFractionDigits: 2 }, 1.005)).toBe("1.01");
    expect(nf("en", { maximumFractionDigits: 0 }, 2.5)).toBe("3");
    expect(nf("en", { maximumFractionDigits: 0 }, -2.5)).toBe("-3");
    expect(nf("en", { maximumFractionDigits: 0, roundingMode: "halfEven" }, 2.5)).toBe("2");
    expect(nf("en", { maximumSignificantDigits: 3 }, 123456)).toBe("123,000");
    expect(nf("en", { minimumFractionDigits: 2 }, 5)).toBe("5.00");
    expect(nf("en", { minimumIntegerDigits: 3 }, 5)).toBe("005");
  });

  test("signs, zero, NaN and infinities", () => {
    expect(nf("en", {}, -0)).toBe("-0");
    expect(nf("en", { signDisplay: "always" }, 5)).toBe("+5");
    expect([0, -1, 1].map((n) => nf("en", { signDisplay: "exceptZero" }, n))).toEqual(["0", "-1", "+1"]);
    expect(nf("en", { signDisplay: "never" }, -5)).toBe("5");
    expect([NaN, Infinity, -Infinity].map((n) => nf("en", {}, n))).toEqual(["NaN", "∞", "-∞"]);
  });

  test("percent and currency", () => {
    expect(nf("en", { style: "percent" }, 0.256)).toBe("26%");
    expect(nf("de", { style: "percent", maximumFractionDigits: 1 }, -0.256)).toBe("-25,6\u00a0%");
    expect(nf("en-US", { style: "currency", currency: "USD" }, -1234.5)).toBe("-$1,234.50");
    expect(nf("de-DE", { style: "currency", currency: "EUR" }, 1234.5)).toBe("1.234,50\u00a0€");
    expect(nf("ja-JP", { style: "currency", currency: "JPY" }, 1234.5)).toBe("￥1,235");
    expect(nf("en-US", { style: "currency", currency: "USD", currencyDisplay: "code" }, 12)).toBe("USD\u00a012.00");
    expect(nf("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }, 1234.5)).toBe("$1,235");
  });

  test("compact notation", () => {
    expect([1234, 12345, 1234567, 999].map((n) => nf("en", { notation: "compact" }, n))).toEqual(["1.2K", "12K", "1.2M", "999"]);
    expect(nf("en", { notation: "compact", compactDisplay: "long" }, 1234567)).toBe("1.2 million");
  });

  test("BigInt and numeric strings keep every digit", () => {
    expect(nf("en", {}, 12345678901234567890n)).toBe("12,345,678,901,234,567,890");
    expect(new Intl.NumberFormat("en").format("12345678901234567890.5" as unknown as number)).toBe("12,345,678,901,234,567,890.5");
  });

  test("formatToParts", () => {
    expect(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).formatToParts(-1234.56)).toEqual([
      { type: "minusSign", value: "-" },
      { type: "currency", value: "$" },
      { type: "integer", value: "1" },
      { type: "group", value: "," },
      { type: "integer", value: "234" },
      { type: "decimal", value: "." },
      { type: "fraction", value: "56" },
    ]);
    expect(new Intl.NumberFormat("en", { style: "percent" }).formatToParts(0.5)).toEqual([
      { type: "integer", value: "50" },
      { type: "percentSign", value: "%" },
    ]);
  });

  test("resolvedOptions and a bound format", () => {
    const f = new Intl.NumberFormat("en", { style: "currency", currency: "eur" });
    expect(f.resolvedOptions()).toMatchObject({
      locale: "en",
      style: "currency",
      currency: "EUR",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      useGrouping: "auto",
    });
    expect([1, 2].map(f.format)).toEqual(["€1.00", "€2.00"]);
  });

  test("option errors", () => {
    expect(() => new Intl.NumberFormat("en", { style: "currency" })).toThrow(TypeError);
    expect(() => new Intl.NumberFormat("en", { style: "bogus" as "decimal" })).toThrow(RangeError);
    expect(() => new Intl.NumberFormat("en", { minimumFractionDigits: 3, maximumFractionDigits: 1 })).toThrow(RangeError);
    expect(() => new Intl.NumberFormat("en", { maximumFractionDigits: 101 })).toThrow(RangeError);
    expect(() => new Intl.NumberFormat("en", { style: "currency", currency: "US" })).toThrow(RangeError);
  });

  test("Number#toLocaleString and BigInt#toLocaleString", () => {
    expect((1234.5).toLocaleString("en-US")).toBe("1,234.5");
    expect((1234.5).toLocaleString("de-DE", { minimumFractionDigits: 2 })).toBe("1.234,50");
    expect((12345n).toLocaleString("en-US")).toBe("12,345");
  });
});

describe("Intl.PluralRules", () => {
  test("cardinal and ordinal categories", () => {
    expect([0, 1, 2, 5].map((n) => new Intl.PluralRules("en").select(n))).toEqual(["other", "one", "other", "other"]);
    expect([1, 2, 3, 4, 11, 21].map((n) => new Intl.PluralRules("en", { type: "ordinal" }).select(n))).toEqual(["one", "two", "few", "other", "other", "one"]);
    expect([1, 2, 5, 21, 1.5].map((n) => new Intl.PluralRules("ru").select(n))).toEqual(["one", "few", "many", "one", "other"]);
  });

  test("visible fraction digits change the category", () => {
    expect(new Intl.PluralRules("en", { minimumFractionDigits: 1 }).select(1)).toBe("other");
  });

  test("resolvedOptions lists the locale's categories", () => {
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories.sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
    expect(() => (Intl.PluralRules as unknown as () => void)()).toThrow(TypeError);
  });
});

describe("Intl.Collator and localeCompare", () => {
  test("locale order", () => {
    expect(["b", "a", "C", "ä", "Z"].sort(new Intl.Collator("en").compare)).toEqual(["a", "ä", "b", "C", "Z"]);
    expect(["z", "ä", "a"].sort(new Intl.Collator("sv").compare)).toEqual(["a", "z", "ä"]);
  });

  test("numeric, sensitivity, caseFirst", () => {
    expect(["a10", "a2", "a1"].sort(new Intl.Collator("en", { numeric: true }).compare)).toEqual(["a1", "a2", "a10"]);
    expect(new Intl.Collator("en", { sensitivity: "base" }).compare("a", "Á")).toBe(0);
    expect(new Intl.Collator("en", { sensitivity: "accent" }).compare("a", "á")).not.toBe(0);
    expect(new Intl.Collator("en", { caseFirst: "upper" }).compare("A", "a")).toBe(-1);
    expect(new Intl.Collator("en").resolvedOptions()).toMatchObject({ usage: "sort", sensitivity: "variant", numeric: false });
  });

  test("String#localeCompare", () => {
    expect(["a", "b", "A"].map((x) => "a".localeCompare(x))).toEqual([0, -1, -1]);
    expect("résumé".localeCompare("resume", "en", { sensitivity: "base" })).toBe(0);
  });
});

describe("Intl.ListFormat", () => {
  test("conjunction, disjunction, unit; locales", () => {
    expect(new Intl.ListFormat("en").format(["a", "b", "c"])).toBe("a, b, and c");
    expect(new Intl.ListFormat("en", { type: "disjunction" }).format(["a", "b"])).toBe("a or b");
    expect(new Intl.ListFormat("de").format(["a", "b", "c"])).toBe("a, b und c");
    expect(new Intl.ListFormat("en", { style: "narrow", type: "unit" }).format(["1", "2"])).toBe("1 2");
  });

  test("formatToParts and non-string items", () => {
    expect(new Intl.ListFormat("en").formatToParts(["x", "y"])).toEqual([
      { type: "element", value: "x" },
      { type: "literal", value: " and " },
      { type: "element", value: "y" },
    ]);
    expect(() => new Intl.ListFormat("en").format([1 as unknown as string])).toThrow(TypeError);
  });
});

describe("Intl.RelativeTimeFormat", () => {
  test("numeric always/auto, styles, plural units", () => {
    expect(new Intl.RelativeTimeFormat("en").format(-1, "day")).toBe("1 day ago");
    expect(new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-1, "day")).toBe("yesterday");
    expect(new Intl.RelativeTimeFormat("en").format(3, "hours")).toBe("in 3 hours");
    expect(new Intl.RelativeTimeFormat("en", { style: "short" }).format(-2, "month")).toBe("2 mo. ago");
    expect(new Intl.RelativeTimeFormat("es").format(2, "week")).toBe("dentro de 2 semanas");
  });

  test("formatToParts carries the unit; bad units throw", () => {
    expect(new Intl.RelativeTimeFormat("en").formatToParts(100, "day")).toEqual([
      { type: "literal", value: "in " },
      { type: "integer", value: "100", unit: "day" },
      { type: "literal", value: " days" },
    ]);
    expect(() => new Intl.RelativeTimeFormat("en").format(1, "fortnight" as Intl.RelativeTimeFormatUnit)).toThrow(RangeError);
    expect(() => new Intl.RelativeTimeFormat("en").format(Infinity, "day")).toThrow(RangeError);
  });
});

describe("Intl.DateTimeFormat and Date#toLocale*String", () => {
  const d = new Date(Date.UTC(2026, 10, 23, 23, 54, 27, 123));

  test("defaults", () => {
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).format(d)).toBe("11/23/2026");
    expect(d.toLocaleString("en-US", { timeZone: "UTC" })).toBe("11/23/2026, 11:54:27 PM");
    expect(d.toLocaleDateString("en-US", { timeZone: "UTC" })).toBe("11/23/2026");
    expect(d.toLocaleTimeString("en-US", { timeZone: "UTC" })).toBe("11:54:27 PM");
    expect(new Date(NaN).toLocaleString()).toBe("Invalid Date");
  });

  test("time zones from the tz database", () => {
    expect(d.toLocaleString("de-DE", { timeZone: "Europe/Berlin" })).toBe("24.11.2026, 00:54:27");
    expect(d.toLocaleString("en-US", { timeZone: "America/New_York" })).toBe("11/23/2026, 6:54:27 PM");
    expect(d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })).toBe("2026/11/24 8:54:27");
    expect(() => new Intl.DateTimeFormat("en", { timeZone: "Mars/Base" })).toThrow(RangeError);
  });

  test("dateStyle and timeStyle", () => {
    expect(["full", "long", "medium", "short"].map((s) => d.toLocaleDateString("en-US", { dateStyle: s as "full", timeZone: "UTC" }))).toEqual([
      "Monday, November 23, 2026",
      "November 23, 2026",
      "Nov 23, 2026",
      "11/23/26",
    ]);
    expect(["medium", "short"].map((s) => d.toLocaleTimeString("en-US", { timeStyle: s as "short", timeZone: "UTC" }))).toEqual(["11:54:27 PM", "11:54 PM"]);
    expect(new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d)).toBe("Nov 23, 2026, 11:54 PM");
    expect(() => new Intl.DateTimeFormat("en", { dateStyle: "short", year: "numeric" })).toThrow(TypeError);
  });

  test("component options", () => {
    const f = (o: Intl.DateTimeFormatOptions, locale = "en-US") => new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" }).format(d);
    expect(f({ weekday: "long", year: "numeric", month: "long", day: "numeric" })).toBe("Monday, November 23, 2026");
    expect(f({ month: "short", day: "numeric" })).toBe("Nov 23");
    expect(f({ hour: "2-digit", minute: "2-digit" })).toBe("11:54 PM");
    expect(f({ hour: "numeric", minute: "numeric", hour12: false })).toBe("23:54");
    expect(f({ era: "short", year: "numeric" })).toBe("2026 AD");
    expect(f({ weekday: "long", year: "numeric", month: "long", day: "numeric" }, "fr-FR")).toBe("lundi 23 novembre 2026");
  });

  test("formatToParts", () => {
    const parts = new Intl.DateTimeFormat("en-US", {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "Asia/Tokyo",
    }).formatToParts(d);
    expect(parts.filter((p) => p.type !== "literal").map((p) => [p.type, p.value])).toEqual([
      ["month", "11"], ["day", "24"], ["year", "2026"], ["hour", "08"], ["minute", "54"], ["second", "27"],
    ]);
  });

  test("resolvedOptions", () => {
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).resolvedOptions()).toEqual({
      locale: "en-US", calendar: "gregory", numberingSystem: "latn", timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric",
    });
    expect(new Intl.DateTimeFormat("en-US", { hour: "numeric", timeZone: "UTC" }).resolvedOptions()).toMatchObject({ hourCycle: "h12", hour12: true });
    expect(typeof new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("string");
  });
});

describe("Intl.Locale and getCanonicalLocales", () => {
  test("subtags and keywords", () => {
    const l = new Intl.Locale("en-Latn-US-u-ca-gregory-hc-h12");
    expect([l.language, l.script, l.region, l.calendar, l.hourCycle, l.baseName, String(l)]).toEqual([
      "en", "Latn", "US", "gregory", "h12", "en-Latn-US", "en-Latn-US-u-ca-gregory-hc-h12",
    ]);
  });

  test("canonical forms and errors", () => {
    expect(Intl.getCanonicalLocales(["EN-us", "zh-hant-tw"])).toEqual(["en-US", "zh-Hant-TW"]);
    expect(() => Intl.getCanonicalLocales("en_US")).toThrow(RangeError);
  });
});
