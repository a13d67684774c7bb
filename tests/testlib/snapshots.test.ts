// Snapshot matchers: the serialized text, the .snap file format, the inline snapshots written
// into test files, the failure messages and the summary line, all as Bun 1.4.5 produces them.
// Serialization is checked in place by inline snapshots that already match (nothing is
// written); whatever writes files runs a fixture copied to a fresh temporary directory.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fixture, isRusk, lines, project, runTests } from "./helpers";

// Runs `fixtures/<name>` on a copy in a new temporary directory (or in `dir`, reusing the
// files an earlier run left there).
function runFixture(name: string, opts: { dir?: string; env?: Record<string, string>; args?: string[] } = {}) {
  const dir = opts.dir ?? project({ [name]: readFileSync(fixture(name), "utf8") });
  const file = join(dir, name);
  // A child run must not inherit the update mode the suite itself may run in.
  const r = runTests(file, { cwd: dir, args: opts.args, env: { RUSK_UPDATE_SNAPSHOTS: undefined, ...opts.env } });
  const snapPath = join(dir, "__snapshots__", `${name}.snap`);
  return {
    dir,
    code: r.code,
    err: r.err,
    source: () => readFileSync(file, "utf8"),
    snap: () => (existsSync(snapPath) ? readFileSync(snapPath, "utf8") : null),
  };
}

const HEADER = "// Bun Snapshot v1, https://bun.sh/docs/test/snapshots\n";

// The failure of `matcher` when one line of the snapshot changed: the diff (`diffLines`)
// between the blank, indented lines Bun frames it with, then the counts.
const oneLineChanged = (matcher: string, ...diffLines: string[]) => lines(
  `error: expect(received).${matcher}(expected)`,
  "",
  "  ",
  ...diffLines,
  "  ",
  "",
  "- Expected  - 1",
  "+ Received  + 1",
  "",
);

// What fixtures/snap_file.fixture.ts stores for SNAP_V=v (trailing spaces and odd line
// breaks around nested Maps, Sets and multi-line strings are Bun's).
const fileSnap = (v: string, withTick = true) => HEADER + lines(
  "",
  "exports[`group values 1`] = `",
  "{",
  '  "a": ',
  "Map {",
  `    "k" => "${v}",`,
  "  }",
  ",",
  '  "b": [',
  "    1,",
  '    "two",',
  "  ],",
  "}",
  "`;",
  "",
  "exports[`group values: hint 1`] = `",
  '"multi',
  `line ${v}"`,
  "`;",
  "",
  "exports[`group values 2`] = `",
  "{",
  '  "set":   ',
  "Set {",
  "    1,",
  "  }",
  ",",
  '  "str": ',
  '"x',
  'y"',
  ",",
  "}",
  "`;",
  ...(withTick ? ["", 'exports[`tick \\` \\${x} \\\\ name 1`] = `"back\\`tick \\${x} \\\\ \\x01"`;'] : []),
  "",
  `exports[\`throws 1\`] = \`"bad ${v}"\`;`,
);

// fixtures/snap_inline.fixture.ts once its snapshots are written for SNAP_V=v.
const inlineSource = (v: string) => lines(
  "// Fixture of snapshots.test.ts (run on a copy in a temporary directory): inline snapshots.",
  'import { expect, test } from "bun:test";',
  "",
  'const V = process.env.SNAP_V ?? "1";',
  "",
  'test("inline", () => {',
  "  expect({ id: 7, v: V }).toMatchInlineSnapshot({ id: expect.any(Number) }, `",
  "    {",
  '      "id": Any<Number>,',
  `      "v": "${v}",`,
  "    }",
  "  `);",
  "  expect(`a\\nb${V}`).toMatchInlineSnapshot(`",
  '    "a',
  `    b${v}"`,
  "  `);",
  `  expect(V).toMatchInlineSnapshot(  \`"${v}"\`);`,
  "  expect(() => {",
  "    throw new Error(`oops ${V}`);",
  `  }).toThrowErrorMatchingInlineSnapshot(\`"oops ${v}"\`);`,
  "\texpect([V]).toMatchInlineSnapshot(`",
  "\t  [",
  `\t    "${v}",`,
  "\t  ]",
  "\t`);",
  "});",
  "",
  'test("loop", () => {',
  "  for (const n of [1, 1]) expect(n).toMatchInlineSnapshot(`1`);",
  "});",
);

describe("serialization (Bun's snapshot pretty-format)", () => {
  test("objects: quoted keys in order, trailing commas, class names, [Circular]", () => {
    expect({ b: 1, a: "two", "key with space": null, nested: { u: undefined } }).toMatchInlineSnapshot(`
      {
        "a": "two",
        "b": 1,
        "key with space": null,
        "nested": {
          "u": undefined,
        },
      }
    `);
    class Point {
      constructor(public x: number, public y: number) {}
    }
    expect(new Point(1, 2)).toMatchInlineSnapshot(`
      Point {
        "x": 1,
        "y": 2,
      }
    `);
    expect({}).toMatchInlineSnapshot(`{}`);
    expect(Object.create(null)).toMatchInlineSnapshot(`{}`);
    expect({ [Symbol("s")]: 1, z: Symbol("d"), [Symbol()]: Symbol() }).toMatchInlineSnapshot(`
      {
        [Symbol()]: Symbol,
        [Symbol(s)]: 1,
        "z": Symbol(d),
      }
    `);
    const circular: Record<string, unknown> = { name: "c" };
    circular.self = circular;
    expect(circular).toMatchInlineSnapshot(`
      {
        "name": "c",
        "self": [Circular],
      }
    `);
    expect({ get accessor() { return 1; } }).toMatchInlineSnapshot(`
      {
        "accessor": [native code],
      }
    `);
  });

  test("arrays, Map, Set and byte arrays", () => {
    expect([1, [2, []], { a: [] }]).toMatchInlineSnapshot(`
      [
        1,
        [
          2,
          [],
        ],
        {
          "a": [],
        },
      ]
    `);
    expect(new Map<unknown, unknown>([["k", 1], [{ o: 1 }, [2]]])).toMatchInlineSnapshot(`
      Map {
        "k" => 1,
        {
          "o": 1,
        } => [
          2,
        ],
      }
    `);
    expect(new Set([1, "a"])).toMatchInlineSnapshot(`
      Set {
        1,
        "a",
      }
    `);
    expect([new Map(), new Set(), new WeakMap()]).toMatchInlineSnapshot(`
      [
        Map {},
          Set {},
        WeakMap {},
      ]
    `);
    expect(new Uint8Array([1, 2])).toMatchInlineSnapshot(`
      Uint8Array [
        1,
        2,
      ]
    `);
    expect(new Float64Array([0.5, 1e21, NaN, -Infinity])).toMatchInlineSnapshot(`
      Float64Array [
        0.5,
        1000000000000000000000,
        NaN,
        -inf,
      ]
    `);
    expect(new BigInt64Array([-1n])).toMatchInlineSnapshot(`
      BigInt64Array [
        -1,
      ]
    `);
    expect(new ArrayBuffer(2)).toMatchInlineSnapshot(`
      ArrayBuffer [
        0,
        0,
      ]
    `);
  });

  test("primitives and strings (quoted, not escaped; CRLF becomes LF)", () => {
    expect([undefined, null, true, -0, 1.5, 1e21, NaN, 10n, Symbol("sym")]).toMatchInlineSnapshot(`
      [
        undefined,
        null,
        true,
        -0,
        1.5,
        1e+21,
        NaN,
        10n,
        Symbol(sym),
      ]
    `);
    expect("plain").toMatchInlineSnapshot(`"plain"`);
    expect("").toMatchInlineSnapshot(`""`);
    expect("two\nlines").toMatchInlineSnapshot(`
      "two
      lines"
    `);
    expect("cr\r\nlf").toMatchInlineSnapshot(`
      "cr
      lf"
    `);
    expect('quote " and backslash \\ and tick ` and ${x}').toMatchInlineSnapshot(`"quote " and backslash \\ and tick \` and \${x}"`);
  });

  test("dates, errors, functions, classes, regexps, promises, boxed primitives", () => {
    expect(new Date(0)).toMatchInlineSnapshot(`1970-01-01T00:00:00.000Z`);
    // Bun strips the quotes of the date's JSON, "null" for an invalid date.
    expect(new Date(NaN)).toMatchInlineSnapshot(`ul`);
    expect([new Error("boom"), new TypeError("typed"), new Error("")]).toMatchInlineSnapshot(`
      [
        [Error: boom],
        [TypeError: typed],
        [Error],
      ]
    `);
    const arrow = () => {};
    class Point {}
    expect([function named() {}, arrow, Point, class {}, async () => {}]).toMatchInlineSnapshot(`
      [
        [Function: named],
        [Function],
        [class Point],
        [class],
        [Function: AsyncFunction],
      ]
    `);
    expect([/re+/gi, Promise.resolve(1)]).toMatchInlineSnapshot(`
      [
        /re+/gi,
        Promise {},
      ]
    `);
    expect(new Number(1)).toMatchInlineSnapshot(`Number {}`);
  });

  test("property matchers replace what they matched and print by kind", () => {
    const value = { any: 1, anything: "x", str: "abc", re: "abc", close: 1.21, obj: { q: 1 }, arr: [1] };
    expect(value).toMatchInlineSnapshot({
      any: expect.any(Number),
      anything: expect.anything(),
      str: expect.stringContaining("b"),
      re: expect.stringMatching(/b/),
      close: expect.closeTo(1.2, 1),
      obj: expect.objectContaining({ q: 1 }),
      arr: expect.arrayContaining([1]),
    }, `
      {
        "any": Any<Number>,
        "anything": Anything,
        "arr": ExpectArrayContaining {},
        "close": NumberCloseTo 1 (1 digit),
        "obj": ObjectContaining {
          "q": 1,
        },
        "re": StringMatching /b/,
        "str": StringContaining "b",
      }
    `);
    // Bun puts the matchers into the received object itself.
    expect(typeof value.any).toBe("object");
    expect(value.str).not.toBe("abc");
  });
});

describe("snapshot files", () => {
  test("new snapshots go to __snapshots__/<file>.snap, escaped, counted per test name", () => {
    const r = runFixture("snap_file.fixture.ts");
    expect(r.err).not.toContain("(fail)");
    expect(r.code).toBe(0);
    expect(r.snap()).toBe(fileSnap("1"));
  });

  test("later runs compare with the file; a mismatch fails with a line diff", () => {
    const first = runFixture("snap_file.fixture.ts");
    const r = runFixture("snap_file.fixture.ts", { dir: first.dir, env: { SNAP_V: "2" } });
    expect(r.code).toBe(1);
    expect(r.err).toContain(oneLineChanged(
      "toMatchSnapshot",
      "  {",
      '    "a": ',
      "  Map {",
      '-     "k" => "1",',
      '+     "k" => "2",',
      "    }",
      "  ,",
      '    "b": [',
      "      1,",
      '      "two",',
      "    ],",
      "  }",
    ));
    expect(r.err).toContain('error: expect(received).toThrowErrorMatchingSnapshot(expected)\n\nExpected: "bad 1"\nReceived: "bad 2"\n');
    expect(r.err).toContain("(pass) tick ` ${x} \\ name");
    expect(r.snap()).toBe(fileSnap("1"));
  });

  test("--update-snapshots rewrites the file and drops the entries no test produced", () => {
    const first = runFixture("snap_file.fixture.ts");
    const r = runFixture("snap_file.fixture.ts", { dir: first.dir, env: { SNAP_V: "2", SNAP_SKIP: "1" }, args: ["-u"] });
    expect(r.code).toBe(0);
    expect(r.snap()).toBe(fileSnap("2", false));
  });

  test("with CI set, new snapshots are refused (the file gets only its header)", () => {
    const r = runFixture("snap_file.fixture.ts", { env: { CI: "true" } });
    expect(r.code).toBe(1);
    expect(r.err).toContain(lines(
      "error: Snapshot creation is disabled in CI environments unless --update-snapshots is used",
      "To override, set the environment variable CI=false.",
      "",
      'Snapshot name: "throws 1"',
      'Received: "bad 1"',
      "      at ",
    ).slice(0, -1));
    expect(r.snap()).toBe(HEADER);
  });

  test("the summary counts added, passed and failed snapshots", () => {
    const first = runFixture("snap_file.fixture.ts");
    expect(first.err).toContain("\nsnapshots: +5 added\n 5 expect() calls\n");
    const again = runFixture("snap_file.fixture.ts", { dir: first.dir });
    expect(again.err).toContain("\n 5 snapshots, 5 expect() calls\n");
    const changed = runFixture("snap_file.fixture.ts", { dir: first.dir, env: { SNAP_V: "2" } });
    expect(changed.err).toContain("\nsnapshots: 1 passed, 2 failed\n 3 expect() calls\n");
  });
});

describe("inline snapshots", () => {
  test("the first run writes them into the test file, indented to the call", () => {
    const r = runFixture("snap_inline.fixture.ts");
    expect(r.err).not.toContain("(fail)");
    expect(r.code).toBe(0);
    expect(r.source()).toBe(inlineSource("1"));
  });

  test("later runs compare with the source; -u rewrites mismatches", () => {
    const first = runFixture("snap_inline.fixture.ts");
    const changed = runFixture("snap_inline.fixture.ts", { dir: first.dir, env: { SNAP_V: "2" } });
    expect(changed.code).toBe(1);
    expect(changed.err).toContain(oneLineChanged(
      "toMatchInlineSnapshot",
      "  {",
      '    "id": Any<Number>,',
      '-   "v": "1",',
      '+   "v": "2",',
      "  }",
    ));
    expect(changed.source()).toBe(inlineSource("1"));
    const updated = runFixture("snap_inline.fixture.ts", { dir: first.dir, env: { SNAP_V: "2" }, args: ["-u"] });
    expect(updated.code).toBe(0);
    expect(updated.source()).toBe(inlineSource("2"));
  });
});

test("misused snapshot matchers fail with Bun's messages", () => {
  const r = runFixture("snap_errors.fixture.ts");
  expect(r.code).toBe(1);
  for (const message of [
    "error: expect(received).not.toMatchSnapshot()\n\nMatcher error: Snapshot matchers cannot be used with not\n",
    "error: \n\nMatcher error: Expected first argument to be a string or object\n",
    "error: expect(received).toMatchSnapshot(properties, hint)\n\nMatcher error: Expected properties must be an object\n",
    "error: expect(received).toMatchSnapshot(properties, hint)\n\nMatcher error: received values must be an object when the matcher has properties\n",
    'error: expect(received).toMatchSnapshot(propertyMatchers)\n\nExpected propertyMatchers to match properties from received object\n\nReceived: {\n  id: "x",\n}\n',
    "error: expect(received).toThrowErrorMatchingSnapshot()\n\nMatcher error: Received function did not throw\n",
    "error: Expected value must be a function\n",
  ]) {
    expect(r.err).toContain(message);
  }
  expect(r.err).toContain(" 0 pass\n 7 fail\n");
  expect(r.snap()).toBeNull();
});

test("expect.addSnapshotSerializer: Jest's plugins in rusk (Bun 1.4.5 throws Not implemented)", () => {
  class Money {
    constructor(public cents: number) {}
  }
  const plugin = { test: (v: unknown) => v instanceof Money, serialize: (v: Money) => `Money<${v.cents}>` };
  if (!isRusk) {
    expect(() => expect.addSnapshotSerializer(plugin)).toThrow("Not implemented");
    return;
  }
  expect.addSnapshotSerializer(plugin);
  expect({ price: new Money(5) }).toMatchInlineSnapshot(`
    {
      "price": Money<5>,
    }
  `);
  expect(() => expect.addSnapshotSerializer({} as never)).toThrow(TypeError);
});
