// A part of rusk's bootstrap (js/bootstrap.js), read and run on first use: the helper of
// `using` declarations (the global `babelHelpers`).
// Called with (native, internals, shared) like the bootstrap; returns its exports.
(function using(native, internals, shared) {
  "use strict";
  // `using` / `await using` in TypeScript: QuickJS-ng cannot parse them, so oxc lowers them to
  // try/finally blocks that call the external helper `babelHelpers.usingCtx()` (its fixed name).
  // The context records disposers (`u` sync, `a` async), keeps the block's error in `e`, and
  // `d()` disposes in reverse order, chaining errors as SuppressedError.
  const makeSuppressed = (error, suppressed) => {
    if (typeof SuppressedError === "function") return new SuppressedError(error, suppressed, "An error was suppressed during disposal");
    const e = new Error("An error was suppressed during disposal");
    e.name = "SuppressedError";
    e.error = error;
    e.suppressed = suppressed;
    return e;
  };
  const usingCtx = () => {
    const NO_ERROR = {};
    const stack = [];
    const add = (value, isAsync) => {
      if (value === null || value === undefined) {
        if (isAsync) stack.push({ value, dispose: undefined, isAsync });
        return value;
      }
      if (typeof value !== "object" && typeof value !== "function") {
        throw new TypeError("using declarations can only be used with objects, functions, null, or undefined");
      }
      let dispose = isAsync ? value[Symbol.asyncDispose] : undefined;
      if (dispose === undefined) dispose = value[Symbol.dispose];
      if (typeof dispose !== "function") throw new TypeError(`${isAsync ? "await using" : "using"}: the value has no [Symbol.${isAsync ? "asyncDispose" : "dispose"}]() method`);
      stack.push({ value, dispose, isAsync });
      return value;
    };
    const ctx = {
      e: NO_ERROR,
      u: (value) => add(value, false),
      a: (value) => add(value, true),
      d() {
        let error = ctx.e;
        const fail = (e) => {
          error = error === NO_ERROR ? e : makeSuppressed(e, error);
        };
        const finish = () => {
          if (error !== NO_ERROR) throw error;
        };
        if (!stack.some((r) => r.isAsync)) {
          while (stack.length) {
            const r = stack.pop();
            try {
              r.dispose.call(r.value);
            } catch (e) {
              fail(e);
            }
          }
          return finish();
        }
        return (async () => {
          while (stack.length) {
            const r = stack.pop();
            try {
              if (r.dispose) {
                const out = r.dispose.call(r.value);
                if (r.isAsync) await out;
              } else await undefined;
            } catch (e) {
              fail(e);
            }
          }
          finish();
        })();
      },
    };
    return ctx;
  };
  return { usingCtx };
});
