// Intl.Segmenter: graphemes, words (with isWordLike, and
// dictionary-based scripts), sentences, containing(), options and errors — outputs checked
// against Node 20.
import { describe, expect, test } from "bun:test";

const segs = (granularity: "grapheme" | "word" | "sentence", text: string, locale = "en") =>
  [...new Intl.Segmenter(locale, { granularity }).segment(text)];

describe("Intl.Segmenter", () => {
  test("graphemes: combining marks, ZWJ emoji sequences, flags; UTF-16 indices", () => {
    expect(segs("grapheme", "e\u0301👨‍👩‍👧🇫🇷a").map((s) => [s.segment, s.index])).toEqual([
      ["e\u0301", 0],
      ["👨‍👩‍👧", 2],
      ["🇫🇷", 10],
      ["a", 14],
    ]);
  });

  test("words with isWordLike", () => {
    expect(segs("word", "Hello, world! 42 times.").map((s) => [s.segment, s.index, s.isWordLike])).toEqual([
      ["Hello", 0, true],
      [",", 5, false],
      [" ", 6, false],
      ["world", 7, true],
      ["!", 12, false],
      [" ", 13, false],
      ["42", 14, true],
      [" ", 16, false],
      ["times", 17, true],
      [".", 22, false],
    ]);
  });

  test("words in a script written without spaces (Thai)", () => {
    expect(segs("word", "ทุกสองสัปดาห์", "th").map((s) => s.segment)).toEqual(["ทุก", "สอง", "สัปดาห์"]);
  });

  test("sentences", () => {
    expect(segs("sentence", "One. Two? Three!").map((s) => s.segment)).toEqual(["One. ", "Two? ", "Three!"]);
  });

  test("containing(), resolvedOptions(), the default granularity and the string tag", () => {
    const w = new Intl.Segmenter("en", { granularity: "word" });
    expect(w.segment("ab cd").containing(3)).toEqual({ segment: "cd", index: 3, input: "ab cd", isWordLike: true });
    expect(w.segment("ab").containing(5)).toBe(undefined);
    expect(w.resolvedOptions()).toEqual({ locale: "en", granularity: "word" });
    expect(new Intl.Segmenter().resolvedOptions().granularity).toBe("grapheme");
    expect(String(new Intl.Segmenter())).toBe("[object Intl.Segmenter]");
    expect(Intl.getCanonicalLocales(["EN-us", "de"])).toEqual(["en-US", "de"]);
  });

  test("an unknown granularity is a RangeError", () => {
    expect(() => new Intl.Segmenter("en", { granularity: "line" as any })).toThrow(RangeError);
  });

  test("counting user-perceived characters (what string-width does)", () => {
    const count = (s: string) => [...new Intl.Segmenter().segment(s)].length;
    expect(count("naïve café")).toBe(10);
    expect(count("👍🏽👍🏽")).toBe(2);
  });
});
