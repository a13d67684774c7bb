// cc(): C compiled at run time (bun:ffi's API). rusk uses the system C compiler with an
// on-disk cache (RUSK_CACHE_DIR points it at a fresh directory here); Bun embeds TinyCC.
import { afterAll, describe, expect, test } from "bun:test";
import { cc, JSCallback, ptr, CString } from "bun:ffi";
import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRusk } from "./lib";

const dir = mkdtempSync(join(tmpdir(), "rusk-cc-"));
const cacheDir = join(dir, "cache");
process.env.RUSK_CACHE_DIR = cacheDir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("cc()", () => {
  test("compiles a C file and calls its functions", () => {
    const source = cFile(
      "basic.c",
      `#include <math.h>
int add(int a, int b) { return a + b; }
double hyp(double a, double b) { return sqrt(a * a + b * b); }
const char *hello(void) { return "hello from C"; }
`,
    );
    const lib = cc({
      source,
      library: ["m"],
      symbols: {
        add: { args: ["i32", "i32"], returns: "i32" },
        hyp: { args: ["f64", "f64"], returns: "f64" },
        hello: { returns: "cstring" },
      },
    });
    expect(lib.symbols.add(2, 40)).toBe(42);
    expect(lib.symbols.hyp(3, 4)).toBe(5);
    expect(String(lib.symbols.hello())).toBe("hello from C");
    lib.close();
  });

  test("define and include reach the compiler", () => {
    mkdirSync(join(dir, "inc"), { recursive: true });
    writeFileSync(join(dir, "inc", "config.h"), "#define FACTOR 3\n");
    const source = cFile("defs.c", `#include "config.h"\nint scaled(int x) { return x * FACTOR + OFFSET; }\n`);
    const lib = cc({
      source,
      include: [join(dir, "inc")],
      define: { OFFSET: "100" },
      symbols: { scaled: { args: ["i32"], returns: "i32" } },
    });
    expect(lib.symbols.scaled(2)).toBe(106);
    lib.close();
  });

  test("the C code can call a JSCallback and read memory passed with ptr()", () => {
    const source = cFile(
      "calls.c",
      `#include <stdint.h>
int apply(int (*f)(int), int x) { return f(x) + f(x + 1); }
int sum_bytes(const uint8_t *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
`,
    );
    const lib = cc({
      source,
      symbols: {
        apply: { args: ["function", "i32"], returns: "i32" },
        sum_bytes: { args: ["ptr", "i32"], returns: "i32" },
      },
    });
    const square = new JSCallback((x: number) => x * x, { args: ["i32"], returns: "i32" });
    expect(lib.symbols.apply(square, 3)).toBe(9 + 16);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(lib.symbols.sum_bytes(ptr(bytes), 4)).toBe(256);
    square.close();
    lib.close();
  });

  test("a compile error throws with the compiler's diagnostics", () => {
    const source = cFile("broken.c", "int broken(void) { return undeclared_name; }\n");
    let error: any;
    try {
      cc({ source, symbols: { broken: { returns: "i32" } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(String(error.message)).toContain("undeclared_name");
    expect(String(error.message)).toContain("broken.c");
  });

  test.if(isRusk)("bad options are TypeErrors naming the option", () => {
    expect(() => (cc as any)()).toThrow(TypeError);
    expect(() => cc({ symbols: {} } as any)).toThrow(/source/);
    expect(() => cc({ source: cFile("x.c", "int x;\n"), library: [1], symbols: {} } as any)).toThrow(/"library"/);
    expect(() => cc({ source: cFile("y.c", "int y;\n"), define: { A: 1 }, symbols: {} } as any)).toThrow(/define.A/);
  });
});

describe.if(isRusk)("cc()'s cache", () => {
  test("the same source is built once; a changed header rebuilds", () => {
    mkdirSync(join(dir, "inc2"), { recursive: true });
    const header = join(dir, "inc2", "value.h");
    writeFileSync(header, "#define VALUE 1\n");
    const source = cFile("cached.c", `#include "value.h"\nint value(void) { return VALUE; }\n`);
    const open = () => cc({ source, include: [join(dir, "inc2")], symbols: { value: { returns: "i32" } } });
    const t0 = performance.now();
    const first = open();
    const firstMs = performance.now() - t0;
    expect(first.symbols.value()).toBe(1);
    const built = readdirSync(cacheDir).filter((f) => f.endsWith(".so")).length;
    const t1 = performance.now();
    const second = open();
    const secondMs = performance.now() - t1;
    expect(second.symbols.value()).toBe(1);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".so")).length).toBe(built);
    expect(secondMs).toBeLessThan(firstMs);
    // A header newer than the build: compiled again.
    const later = new Date(Date.now() + 2000);
    writeFileSync(header, "#define VALUE 2\n");
    require("node:fs").utimesSync(header, later, later);
    const third = open();
    expect(third.symbols.value()).toBe(2);
    first.close();
    second.close();
    third.close();
  });
});
