// The text a failing test prints before its "(fail)" line: the source excerpt with a
// caret, the "error:" head, the matcher's message (values, diffs), the "at" frames; and
// its colours on a terminal. Expected texts are Bun 1.4.5's; the fixtures run in a child.
import { describe, expect, test } from "bun:test";
import { fixture, lines, runTests } from "./helpers";

const DIFF = fixture("output_diff.fixture.ts");
const ERRORS = fixture("output_errors.fixture.ts");

const runs = new Map<string, string>();
// stderr of `<runner> test <file>`, run once per file and colour setting.
function stderrOf(file: string, color: boolean): string {
  const key = `${file} ${color}`;
  if (!runs.has(key)) {
    const env = color ? { NO_COLOR: undefined, FORCE_COLOR: "1" } : { FORCE_COLOR: undefined };
    runs.set(key, runTests(file, { env }).err);
  }
  return runs.get(key)!;
}

// What the run printed for one test: everything between the previous "(fail)" line (or the
// file header) and its own "(fail) <name>" line.
function blockOf(output: string, name: string): string {
  const lines = output.split("\n");
  const end = lines.findIndex((l) => l.startsWith(`(fail) ${name} `) || l === `(fail) ${name}` || l.includes(`\u2717\u001b[0m\u001b[0m\u001b[1m ${name}\u001b[0m`));
  if (end === -1) throw new Error(`no failure line for ${name}`);
  let start = end - 1;
  while (start >= 0 && !lines[start].startsWith("(fail) ") && !lines[start].includes("\u2717") && !lines[start].endsWith(".fixture.ts:")) start--;
  return lines.slice(start + 1, end).join("\n") + "\n";
}

// The block of one test of the DIFF fixture, without colours.
const diffBlock = (name: string) => blockOf(stderrOf(DIFF, false), name);

// The message part of a block: from the "error:" head up to the first "at" frame.
function messageOf(block: string): string {
  const from = block.indexOf("error: ");
  const to = block.indexOf("\n      at ");
  return block.slice(from + "error: ".length, to + 1);
}

describe("matcher messages", () => {
  const message = (name: string) => messageOf(diffBlock(name));

  test("an object diff marks changed lines and counts them", () => {
    expect(message("object")).toBe(lines(
      "expect(received).toEqual(expected)",
      "",
      "  {",
      '-   "a": 2,',
      '+   "a": 1,',
      '    "b": "x",',
      '    "c": [',
      "      1,",
      "      2,",
      "-     4,",
      "+     3,",
      "    ],",
      "  }",
      "",
      "- Expected  - 2",
      "+ Received  + 2",
      "",
    ));
  });

  test("a class instance is named, a plain object is not", () => {
    expect(message("class instance")).toBe(lines(
      "expect(received).toStrictEqual(expected)",
      "",
      "- {",
      "+ Point {",
      '    "x": 1,',
      '    "y": 2,',
      "  }",
      "",
      "- Expected  - 1",
      "+ Received  + 1",
      "",
    ));
  });

  test("maps and sets print with Bun's line breaks", () => {
    expect(message("map and set")).toBe(lines(
      "expect(received).toEqual(expected)",
      "",
      "  Map {",
      '    "k" =>   ',
      "  Set {",
      "-     2,",
      "+     1,",
      "    }",
      "  ,",
      "  }",
      "",
      "- Expected  - 1",
      "+ Received  + 1",
      "",
    ));
  });

  test("typed arrays print their type and bytes", () => {
    expect(message("typed array")).toContain(lines('    "bytes": Uint8Array [', "      1,", "      2,", "-     4,", "+     3,", "    ],"));
  });

  test("multi-line strings are diffed by line", () => {
    expect(message("multi-line string")).toBe(lines(
      "expect(received).toEqual(expected)",
      "",
      '  "one',
      "- 2",
      "+ two",
      '  three"',
      "",
      "- Expected  - 1",
      "+ Received  + 1",
      "",
    ));
  });

  test("single-line values are shown as Expected / Received", () => {
    expect(message("single line")).toBe(lines("expect(received).toEqual(expected)", "", 'Expected: "hello there"', 'Received: "hello world"', ""));
  });

  test("toMatchObject diffs the whole received object", () => {
    expect(message("subset")).toBe(lines(
      "expect(received).toMatchObject(expected)",
      "",
      "  {",
      '+   "a": 1,',
      '    "b": {',
      '-     "c": 3,',
      '+     "c": 2,',
      '+     "d": 3,',
      "    },",
      "  }",
      "",
      "- Expected  - 1",
      "+ Received  + 3",
      "",
    ));
  });

  test("toBe on equal objects says they serialize the same", () => {
    expect(message("same serialization")).toBe(lines("expect(received).toBe(expected)", "", "Expected: {", "  a: 1,", "}", "Received: serializes to the same string", ""));
  });

  test("a negated toEqual shows only the expected value", () => {
    expect(message("negated")).toBe(lines("expect(received).not.toEqual(expected)", "", "Expected: not {", '  "list": [', "    1,", "  ],", "}", ""));
  });

  test("asymmetric matchers print by name", () => {
    expect(message("asymmetric")).toContain(lines('-   "n": Any<Number>,', '-   "tags": ExpectArrayContaining {},', '+   "n": "x",'));
  });

  test("long diffs show hunks with context", () => {
    expect(message("long")).toBe(lines(
      "expect(received).toEqual(expected)",
      "",
      "@@ -197,11 +197,11 @@",
      "    195,", "    196,", "    197,", "    198,", "    199,",
      "-   200,",
      "+   -1,",
      "    201,", "    202,", "    203,", "    204,", "    205,",
      "",
      "- Expected  - 1",
      "+ Received  + 1",
      "",
    ));
  });

  test("the caret points at the matcher even when its arguments make calls", () => {
    const block = diffBlock("map and set");
    expect(block).toContain(lines(
      '18 |   expect(new Map([["k", new Set([1])]])).toEqual(new Map([["k", new Set([2])]]));',
      " ".repeat(46) + "^",
    ));
    expect(block).toContain(`      at <anonymous> (${DIFF}:18:42)\n`);
  });
});

describe("failure blocks", () => {
  const block = (name: string) => blockOf(stderrOf(ERRORS, false), name);

  test("a matcher failure: excerpt, caret, head, message, frame", () => {
    expect(block("matcher")).toBe(lines(
      "1 | // Thrown values whose failure blocks tests/testlib/failure_output.test.ts compares with Bun's.",
      '2 | import { expect, test } from "bun:test";',
      "3 | ",
      '4 | test("matcher", () => {',
      "5 |   expect(1).toBe(2);",
      "                ^",
      "error: expect(received).toBe(expected)",
      "",
      "Expected: 2",
      "Received: 1",
      "",
      `      at <anonymous> (${ERRORS}:5:13)`,
    ));
  });

  test("errors are headed by their name, plain Error as error", () => {
    expect(block("type error")).toContain("\nTypeError: bad input\n");
    expect(block("type error")).toContain(`      at <anonymous> (${ERRORS}:9:`);
    expect(block("no message")).toContain("\nError: \n");
  });

  test("thrown non-errors", () => {
    expect(block("string")).toContain("error: plain text\n");
    expect(block("object")).toMatch(/^error$/m);
  });

  test("every user frame of the stack is listed", () => {
    const text = block("helper");
    expect(text).toContain("RangeError: deep\n");
    expect(text).toContain(`      at inner (${ERRORS}:29:`);
    expect(text).toContain(`      at <anonymous> (${ERRORS}:25:3)\n`);
  });
});

describe("colours", () => {
  const ESC = "\u001b[";

  test("none without a terminal when NO_COLOR is set", () => {
    expect(stderrOf(DIFF, false)).not.toContain(ESC);
  });

  test("FORCE_COLOR colours the diff, the head, the excerpt and the frame like Bun", () => {
    const text = blockOf(stderrOf(DIFF, true), "object");
    const [R, D, B, RED, GREEN] = ["\u001b[0m", "\u001b[2m", "\u001b[1m", "\u001b[31m", "\u001b[32m"];
    // Changed characters of a changed line are separate pieces; equal lines are dim.
    expect(text).toContain(`${GREEN}- ${R}${GREEN}  "a": ${R}${GREEN}2${R}${GREEN},${R}\n`);
    expect(text).toContain(`${RED}+ ${R}${RED}  "a": ${R}${RED}1${R}${RED},${R}\n`);
    expect(text).toContain(`  ${R}${D}  "b": "x",${R}\n`);
    expect(text).toContain(`${GREEN}- Expected  - 2${R}\n${RED}+ Received  + 2${R}\n`);
    // The head: a red "error", the matcher hint with received in red and expected in green.
    expect(text).toContain(`${R}${RED}error${R}${D}:${R} ${B}${D}expect(${R}${RED}received${R}${D}).${R}toEqual${D}(${R}${GREEN}expected${R}${D})${R}`);
    // The excerpt: bold line numbers, highlighted code, a red caret.
    expect(text).toContain(`${R}${B}10 |${R}   expect({ a: ${R}\u001b[33m1${R}, b: ${R}${GREEN}"x"${R}`);
    expect(text).toContain(`${R}\u001b[3m${B}.toEqual${R}(`);
    expect(text).toContain(`${RED}${B}^${R}\n`);
    // The frame: the working directory dimmed, the rest of the path cyan.
    const cwd = process.cwd();
    const path = DIFF.startsWith(cwd + "/") ? `\u001b[36m${D}${cwd}/${R}\u001b[36m${DIFF.slice(cwd.length + 1)}${R}` : `\u001b[36m${DIFF}${R}`;
    expect(text).toContain(`${R}      ${D}at ${R}${R}${D}<anonymous>${R}${D} (${R}${R}${path}`);
  });
});
