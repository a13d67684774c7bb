// `using` / `await using` (TypeScript 5.2+): lowered by the TS transform and run by the
// bootstrap's disposal helper.
import { expect, test } from "bun:test";

function resource(log: string[], name: string, fail = false) {
  return {
    name,
    [Symbol.dispose]() {
      log.push(`dispose ${name}`);
      if (fail) throw new Error(`dispose ${name} failed`);
    },
  };
}

test("disposes in reverse order at block exit", () => {
  const log: string[] = [];
  {
    using a = resource(log, "a");
    using b = resource(log, "b");
    log.push(`body ${a.name}${b.name}`);
  }
  expect(log).toEqual(["body ab", "dispose b", "dispose a"]);
});

test("disposes when the block throws, and the error propagates", () => {
  const log: string[] = [];
  expect(() => {
    using a = resource(log, "a");
    throw new Error("body failed");
  }).toThrow("body failed");
  expect(log).toEqual(["dispose a"]);
});

test("a failing disposer after a failing body gives a SuppressedError", () => {
  const log: string[] = [];
  let caught: any;
  try {
    using a = resource(log, "a", true);
    throw new Error("body failed");
  } catch (e) {
    caught = e;
  }
  expect(caught.name).toBe("SuppressedError");
  expect(caught.error.message).toBe("dispose a failed");
  expect(caught.suppressed.message).toBe("body failed");
});

test("null is allowed; a non-disposable value is a TypeError", () => {
  expect(() => {
    using n = null;
  }).not.toThrow();
  expect(() => {
    using x = {} as any;
  }).toThrow(TypeError);
});

test("await using awaits asyncDispose", async () => {
  const log: string[] = [];
  {
    await using r = {
      async [Symbol.asyncDispose]() {
        await new Promise((res) => setTimeout(res, 1));
        log.push("async disposed");
      },
    };
    log.push("body");
  }
  expect(log).toEqual(["body", "async disposed"]);
});
