// Bun.stripANSI: which escape sequences go and what stays (outputs checked against Bun 1.4).
import { describe, expect, test } from "bun:test";

const E = "\x1b";

describe("Bun.stripANSI", () => {
  test("the function", () => {
    expect(typeof Bun.stripANSI).toBe("function");
    expect(Bun.stripANSI.length).toBe(1);
    expect(Bun.stripANSI.name).toBe("stripANSI");
  });

  test("text without escapes comes back as it is", () => {
    const text = "plain text\twith\r\ncontrols \x07 \x7f \x85 \x9c é 😀 \ud800";
    expect(Bun.stripANSI(text)).toBe(text);
    expect(Bun.stripANSI("")).toBe("");
  });

  test("SGR colours and styles", () => {
    expect(Bun.stripANSI(`${E}[31mred${E}[0m`)).toBe("red");
    expect(Bun.stripANSI(`${E}[1;31;42mx${E}[m`)).toBe("x");
    expect(Bun.stripANSI(`${E}[38;5;196mx${E}[38;2;255;0;0my`)).toBe("xy");
    expect(Bun.stripANSI(`a${E}[3:4mb`)).toBe("ab");
    expect(Bun.stripANSI(`${E}[31m`.repeat(3) + "z")).toBe("z");
    expect(Bun.stripANSI(`${E}[${"1;".repeat(100)}mx`)).toBe("x");
  });

  test("cursor movement, erasing, private modes", () => {
    expect(Bun.stripANSI(`a${E}[2Kb${E}[10;20Hc${E}[Ad${E}[1000Ce`)).toBe("abcde");
    expect(Bun.stripANSI(`a${E}[?25lb${E}[?25h${E}[?1049h`)).toBe("ab");
    expect(Bun.stripANSI(`a${E}[>4;2mb${E}[ qc${E}[1;2;3~d${E}[200~e${E}[<0;1;2Mf`)).toBe("abcdef");
  });

  test("OSC: hyperlinks and titles, ended by BEL or ST", () => {
    expect(Bun.stripANSI(`${E}]8;;https://x.com${E}\\link${E}]8;;${E}\\`)).toBe("link");
    expect(Bun.stripANSI(`${E}]8;;https://x.com\x07link${E}]8;;\x07`)).toBe("link");
    expect(Bun.stripANSI(`${E}]0;title\x07rest`)).toBe("rest");
    expect(Bun.stripANSI(`a${E}]8;;x\x9cbc`)).toBe("abc");
    // A newline does not end one; CAN cancels it.
    expect(Bun.stripANSI(`a${E}]8;;x\nyz\x07c`)).toBe("ac");
    expect(Bun.stripANSI(`a${E}]0;x\x18bc`)).toBe("abc");
  });

  test("DCS, SOS, PM, APC end at ST only", () => {
    expect(Bun.stripANSI(`a${E}P1$r${E}\\b${E}_apc${E}\\c${E}^pm${E}\\d${E}Xsos${E}\\e`)).toBe("abcde");
    expect(Bun.stripANSI(`a${E}Px\x07bc`)).toBe("a");
    expect(Bun.stripANSI(`a\x90xy\x9cb`)).toBe("ab");
  });

  test("short escapes: two characters, or three with an intermediate", () => {
    expect(Bun.stripANSI(`a${E}7b${E}8c${E}Md${E}ce${E}=f${E}>g`)).toBe("abcdefg");
    expect(Bun.stripANSI(`a${E}(Bb${E}#8c${E}%Gd${E} Fe`)).toBe("abcde");
    // An intermediate takes whatever one code unit follows it.
    expect(Bun.stripANSI(`a${E}((Bb`)).toBe("aBb");
    expect(Bun.stripANSI(`a${E}(\nBb`)).toBe("aBb");
    expect(Bun.stripANSI(`Z${E}(\ud83d\ude00b`)).toBe("Z\ude00b");
    // `ESC k` is a sequence of its own: the title after it stays.
    expect(Bun.stripANSI(`a${E}k title${E}\\b`)).toBe("a titleb");
  });

  test("C1 openers stand for ESC sequences; other C1 characters stay", () => {
    expect(Bun.stripANSI(`a\x9b31mb`)).toBe("ab");
    expect(Bun.stripANSI(`a\x9d0;t\x07b`)).toBe("ab");
    expect(Bun.stripANSI(`a\x85b\x9cc`)).toBe("a\x85b\x9cc");
  });

  test("what an ESC is followed by", () => {
    expect(Bun.stripANSI(`a${E}\nb`)).toBe("a\nb");
    expect(Bun.stripANSI(`a${E}\x07b`)).toBe("a\x07b");
    expect(Bun.stripANSI(`a${E}éb`)).toBe("aéb");
    expect(Bun.stripANSI(`a${E}\x18b${E}\x9cc`)).toBe("abc");
    expect(Bun.stripANSI(`a${E}${E}[31mb`)).toBe("ab");
    expect(Bun.stripANSI(`a${E}\x9bb`)).toBe("a");
  });

  test("inside a CSI: controls and other characters are skipped, ESC starts over, CAN cancels", () => {
    expect(Bun.stripANSI(`a${E}[31\nmb`)).toBe("ab");
    expect(Bun.stripANSI(`a${E}[31émb`)).toBe("ab");
    expect(Bun.stripANSI(`a${E}[\x7fb`)).toBe("a");
    expect(Bun.stripANSI(`Z${E}[31\x9dfoo\x07mb`)).toBe("Zoo\x07mb");
    expect(Bun.stripANSI(`a${E}[31${E}[32mb`)).toBe("ab");
    expect(Bun.stripANSI(`a${E}[31\x18mb`)).toBe("amb");
    expect(Bun.stripANSI(`a${E}[31\x9cmb`)).toBe("amb");
  });

  test("an unfinished sequence takes the rest of the string", () => {
    for (const s of [`a${E}`, `a${E}[`, `a${E}[31`, `a${E}[31;`, `a${E}]`, `a${E}]8;;x`, `a${E}(`, `a\x9b`, `a${E}[31m${E}`]) {
      expect(Bun.stripANSI(s)).toBe("a");
    }
    expect(Bun.stripANSI(`${E}]0;title no terminator`)).toBe("");
  });

  test("non-strings are converted; symbols throw", () => {
    expect(Bun.stripANSI(undefined as any)).toBe("undefined");
    expect((Bun.stripANSI as any)()).toBe("undefined");
    expect(Bun.stripANSI(5 as any)).toBe("5");
    expect(Bun.stripANSI(["a\x1b[31m"] as any)).toBe("a");
    expect(Bun.stripANSI({ toString: () => "\x1b[1mq" } as any)).toBe("q");
    expect(() => Bun.stripANSI(Symbol() as any)).toThrow("Cannot convert a symbol to a string");
  });
});
