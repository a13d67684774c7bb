// node:v8 in rusk: serialize/deserialize round trips under the structured-clone rules (rusk's
// own byte format: only the round trip is compared, not the bytes), uncloneable values
// rejected, heap statistics' shape.
import { describe, expect, test } from "bun:test";
import v8 from "node:v8";

describe("serialize / deserialize", () => {
  test("round-trips the structured-clone types, shared and circular references", () => {
    const shared = { s: 1 };
    const value: any = {
      n: [1, -0, NaN, Infinity, 2.5],
      s: "text",
      b: true,
      u: undefined,
      nul: null,
      big: 12345678901234567890n,
      d: new Date(86400000),
      re: /a+b/gi,
      m: new Map<any, any>([["k", shared]]),
      set: new Set([1, "x"]),
      u8: new Uint8Array([1, 2, 3]),
      f64: new Float64Array([1.5, -2]),
      ab: new Uint8Array([9, 8]).buffer,
      err: new RangeError("bad"),
      again: shared,
    };
    value.self = value;
    const back = v8.deserialize(v8.serialize(value));
    expect(back.n.map(String)).toEqual(["1", "0", "NaN", "Infinity", "2.5"]);
    expect(Object.is(back.n[1], -0)).toBe(true);
    expect([back.s, back.b, back.u, back.nul, back.big]).toEqual(["text", true, undefined, null, 12345678901234567890n]);
    expect("u" in back).toBe(true);
    expect(back.d.getTime()).toBe(86400000);
    expect(back.re.source + back.re.flags).toBe("a+bgi");
    expect(back.m.get("k")).toEqual({ s: 1 });
    expect([...back.set]).toEqual([1, "x"]);
    expect(back.u8).toEqual(new Uint8Array([1, 2, 3]));
    expect(back.f64).toEqual(new Float64Array([1.5, -2]));
    expect(new Uint8Array(back.ab)).toEqual(new Uint8Array([9, 8]));
    expect(back.err).toBeInstanceOf(RangeError);
    expect(back.err.message).toBe("bad");
    expect(back.again).toBe(back.m.get("k"));
    expect(back.self).toBe(back);
    expect(Buffer.isBuffer(v8.serialize(1))).toBe(true);
  });

  test("functions and symbols cannot be serialized (DataCloneError)", () => {
    for (const bad of [() => 1, { f() {} }, Symbol("s")]) {
      let err: any;
      try {
        v8.serialize(bad);
      } catch (e) {
        err = e;
      }
      expect(err?.name).toBe("DataCloneError");
    }
  });
});

test("getHeapStatistics has V8's keys with numbers", () => {
  const h = v8.getHeapStatistics();
  for (const k of ["total_heap_size", "used_heap_size", "heap_size_limit", "total_available_size", "malloced_memory"]) {
    expect(typeof (h as any)[k]).toBe("number");
  }
  expect(h.used_heap_size).toBeGreaterThan(0);
});

describe("shared memory", () => {
  // Node's serializer refuses shared memory; Bun's (JSC's format) writes it.
  const isBun = typeof Bun !== "undefined" && !navigator.userAgent.startsWith("rusk");
  test.skipIf(isBun)("v8.serialize refuses a SharedArrayBuffer (and views of one) instead of copying it", () => {
    expect(() => v8.serialize({ s: new SharedArrayBuffer(8) })).toThrow("#<SharedArrayBuffer> could not be cloned.");
    expect(() => v8.serialize(new Uint8Array(new SharedArrayBuffer(8)))).toThrow("could not be cloned");
  });

  test("structuredClone keeps a SharedArrayBuffer's memory shared", () => {
    const sab = new SharedArrayBuffer(4);
    const copy = structuredClone(sab);
    new Uint8Array(sab)[0] = 7;
    expect(new Uint8Array(copy)[0]).toBe(7);
  });
});
