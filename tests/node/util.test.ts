// node:util beyond inspect/format (see inspect.test.ts): expectations are Node 20's behaviour.
import { describe, test, expect } from "bun:test";
import util, {
  promisify,
  callbackify,
  inherits,
  deprecate,
  types,
  isDeepStrictEqual,
  parseArgs,
  parseEnv,
  styleText,
  stripVTControlCharacters,
  debuglog,
  toUSVString,
  getSystemErrorName,
  getSystemErrorMap,
  MIMEType,
  aborted,
} from "node:util";

function caught(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("promisify", () => {
  test("resolves with the callback's value and rejects with its error", async () => {
    const double = promisify((n: number, cb: (e: Error | null, v?: number) => void) => cb(null, n * 2));
    expect(await double(21)).toBe(42);
    const failing = promisify((cb: (e: Error) => void) => cb(new Error("bad")));
    await expect(failing()).rejects.toThrow("bad");
  });
  test("keeps `this`, copies properties and is idempotent", async () => {
    const obj = {
      factor: 3,
      times(n: number, cb: (e: null, v: number) => void) {
        cb(null, n * this.factor);
      },
    };
    const times = promisify(obj.times);
    expect(await times.call(obj, 2)).toBe(6);
    function named(_a: unknown, _cb: unknown) {}
    (named as any).extra = 1;
    const p = promisify(named);
    expect(p.name).toBe("named");
    expect((p as any).extra).toBe(1);
    expect(promisify(p)).toBe(p);
  });
  test("uses util.promisify.custom", () => {
    const custom = () => Promise.resolve("custom");
    const fn: any = () => {};
    fn[promisify.custom] = custom;
    expect(promisify.custom).toBe(Symbol.for("nodejs.util.promisify.custom"));
    expect(promisify(fn)).toBe(custom);
  });
  // Bun names the property "custom" in its message; Node says "util.promisify.custom".
  test("argument errors", () => {
    const err = caught(() => promisify(5 as any));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "original" argument must be of type function. Received type number (5)');
    const bad: any = () => {};
    bad[promisify.custom] = 5;
    expect(caught(() => promisify(bad)).message).toBe('The "util.promisify.custom" property must be of type function. Received type number (5)');
  });
});

describe("callbackify", () => {
  test("calls back with the result on a later tick", async () => {
    const cb = callbackify(async (a: number) => a + 1);
    const result = await new Promise((resolve) => cb(1, (err: unknown, v: unknown) => resolve([err, v])));
    expect(result).toEqual([null, 2]);
  });
  // Bun's message reads "with a falsy value"; Node's "with falsy value".
  test("a falsy rejection is wrapped", async () => {
    const cb = callbackify(() => Promise.reject(null));
    const err: any = await new Promise((resolve) => cb((e: unknown) => resolve(e)));
    expect(err.code).toBe("ERR_FALSY_VALUE_REJECTION");
    expect(err.message).toBe("Promise was rejected with falsy value");
    expect(err.reason).toBe(null);
  });
  test("name, length and argument errors", () => {
    const cb = callbackify(async function fetchIt(_a: unknown, _b: unknown) {});
    expect(cb.name).toBe("fetchItCallbackified");
    expect(cb.length).toBe(3);
    expect(caught(() => callbackify(null as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(caught(() => (cb as any)(1, 2, 3)).message).toBe("The last argument must be of type function. Received type number (3)");
  });
});

describe("inherits and deprecate", () => {
  test("inherits links prototypes and sets super_", () => {
    function Base(this: any) {}
    Base.prototype.hello = () => "hi";
    function Child(this: any) {}
    inherits(Child, Base);
    expect((Child as any).super_).toBe(Base);
    expect(new (Child as any)().hello()).toBe("hi");
    expect(caught(() => inherits(Child, null as any)).message).toBe('The "superCtor" argument must be of type function. Received null');
    expect(caught(() => inherits(Child, Object.create(null))).message).toBe('The "superCtor.prototype" property must be of type object. Received undefined');
  });
  test("deprecate warns once per code and forwards calls", () => {
    const warnings: unknown[][] = [];
    const original = process.emitWarning;
    (process as any).emitWarning = (...args: unknown[]) => warnings.push(args);
    try {
      const a = deprecate((x: number) => x + 1, "a is old", "DEP_TEST_1");
      const b = deprecate(() => 2, "b is old", "DEP_TEST_1");
      expect(a(1)).toBe(2);
      expect(a(2)).toBe(3);
      expect(b()).toBe(2);
      expect(warnings.length).toBe(1);
      expect(warnings[0].slice(0, 3)).toEqual(["a is old", "DeprecationWarning", "DEP_TEST_1"]);
      class Old {
        v = 1;
      }
      const Wrapped = deprecate(Old, "class is old");
      const instance = new (Wrapped as any)();
      expect(instance).toBeInstanceOf(Old);
      expect(warnings.length).toBe(2);
    } finally {
      process.emitWarning = original;
    }
    expect(caught(() => deprecate(() => {}, "m", 5 as any)).message).toBe('The "code" argument must be of type string. Received type number (5)');
  });
});

describe("types", () => {
  test("built-in objects", () => {
    expect(types.isDate(new Date())).toBe(true);
    expect(types.isDate(Object.create(Date.prototype))).toBe(false);
    expect(types.isRegExp(/x/)).toBe(true);
    expect(types.isMap(new Map())).toBe(true);
    expect(types.isSet(new Map())).toBe(false);
    expect(types.isWeakMap(new WeakMap())).toBe(true);
    expect(types.isMapIterator(new Map().keys())).toBe(true);
    expect(types.isSetIterator(new Set().values())).toBe(true);
    expect(types.isPromise(Promise.resolve())).toBe(true);
    expect(types.isPromise({ then() {} })).toBe(false);
    expect(types.isNativeError(new TypeError())).toBe(true);
    expect(types.isNativeError({ name: "Error", message: "" })).toBe(false);
    expect(types.isArgumentsObject((function () { return arguments; })())).toBe(true);
    expect(types.isGeneratorObject((function* () {})())).toBe(true);
  });
  test("functions, buffers and boxed primitives", () => {
    expect(types.isAsyncFunction(async () => {})).toBe(true);
    expect(types.isAsyncFunction(() => {})).toBe(false);
    expect(types.isGeneratorFunction(function* () {})).toBe(true);
    expect(types.isUint8Array(new Uint8Array(1))).toBe(true);
    expect(types.isUint8Array(new Int8Array(1))).toBe(false);
    expect(types.isTypedArray(new DataView(new ArrayBuffer(1)))).toBe(false);
    expect(types.isArrayBufferView(new DataView(new ArrayBuffer(1)))).toBe(true);
    expect(types.isAnyArrayBuffer(new ArrayBuffer(1))).toBe(true);
    expect(types.isBoxedPrimitive(new String(""))).toBe(true);
    expect(types.isBoxedPrimitive("")).toBe(false);
    expect(types.isNumberObject(new Number(1))).toBe(true);
    expect(types.isSymbolObject(Object(Symbol()))).toBe(true);
    expect(types.isModuleNamespaceObject(util)).toBe(false);
  });
});

describe("isDeepStrictEqual", () => {
  test("primitives use Object.is", () => {
    expect(isDeepStrictEqual(NaN, NaN)).toBe(true);
    expect(isDeepStrictEqual(0, -0)).toBe(false);
    expect(isDeepStrictEqual(1, "1")).toBe(false);
  });
  test("objects, arrays and prototypes", () => {
    expect(isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(isDeepStrictEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isDeepStrictEqual([1, , 3], [1, undefined, 3])).toBe(false);
    expect(isDeepStrictEqual(Object.create(null), {})).toBe(false);
    const s = Symbol("s");
    expect(isDeepStrictEqual({ [s]: 1 }, { [s]: 1 })).toBe(true);
    expect(isDeepStrictEqual({ [s]: 1 }, { [s]: 2 })).toBe(false);
  });
  test("collections, dates, typed arrays, errors, boxed values", () => {
    expect(isDeepStrictEqual(new Map([[{ k: 1 }, "v"]]), new Map([[{ k: 1 }, "v"]]))).toBe(true);
    expect(isDeepStrictEqual(new Set([1, 2]), new Set([2, 1]))).toBe(true);
    expect(isDeepStrictEqual(new Set([{ a: 1 }]), new Set([{ a: 2 }]))).toBe(false);
    expect(isDeepStrictEqual(new Date(1), new Date(1))).toBe(true);
    expect(isDeepStrictEqual(new Date(1), new Date(2))).toBe(false);
    expect(isDeepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(isDeepStrictEqual(new Uint8Array([1]), new Int8Array([1]))).toBe(false);
    expect(isDeepStrictEqual(new Float64Array([0]), new Float64Array([-0]))).toBe(false);
    expect(isDeepStrictEqual(new Error("a"), new Error("a"))).toBe(true);
    expect(isDeepStrictEqual(new Error("a"), new TypeError("a"))).toBe(false);
    expect(isDeepStrictEqual(new Number(0), new Number(-0))).toBe(false);
    expect(isDeepStrictEqual(/a/g, /a/i)).toBe(false);
  });
  test("cycles", () => {
    const a: any = { v: 1 };
    a.self = a;
    const b: any = { v: 1 };
    b.self = b;
    expect(isDeepStrictEqual(a, b)).toBe(true);
    const c: any = { v: 1, self: { v: 2 } };
    expect(isDeepStrictEqual(a, c)).toBe(false);
  });
});

describe("parseArgs", () => {
  const options = {
    verbose: { type: "boolean", short: "v", multiple: true },
    out: { type: "string", short: "o", default: "a.out" },
    color: { type: "boolean" },
  } as const;
  test("options, shorts, groups, defaults and positionals", () => {
    const { values, positionals } = parseArgs({ args: ["-vv", "--out=x", "file", "--color"], options, allowPositionals: true });
    expect({ ...values }).toEqual({ verbose: [true, true], out: "x", color: true });
    expect(positionals).toEqual(["file"]);
    expect(Object.getPrototypeOf(values)).toBe(null);
    expect({ ...parseArgs({ args: [], options }).values }).toEqual({ out: "a.out" });
  });
  test("tokens and the option terminator", () => {
    const { tokens } = parseArgs({ args: ["-o", "f", "--", "-v"], options, allowPositionals: true, tokens: true });
    expect(tokens).toEqual([
      { kind: "option", name: "out", rawName: "-o", index: 0, value: "f", inlineValue: false },
      { kind: "option-terminator", index: 2 },
      { kind: "positional", index: 3, value: "-v" },
    ]);
  });
  test("negated booleans with allowNegative", () => {
    expect({ ...parseArgs({ args: ["--no-color"], options, allowNegative: true }).values }).toEqual({ color: false, out: "a.out" });
    expect(caught(() => parseArgs({ args: ["--no-color"], options })).code).toBe("ERR_PARSE_ARGS_UNKNOWN_OPTION");
  });
  test("strict mode errors", () => {
    let err = caught(() => parseArgs({ args: ["--nope"], options }));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_PARSE_ARGS_UNKNOWN_OPTION");
    expect(err.message).toBe("Unknown option '--nope'");
    err = caught(() => parseArgs({ args: ["--nope"], options, allowPositionals: true }));
    expect(err.message).toBe(`Unknown option '--nope'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--nope"`);
    err = caught(() => parseArgs({ args: ["pos"], options }));
    expect(err.code).toBe("ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL");
    expect(err.message).toBe("Unexpected argument 'pos'. This command does not take positional arguments");
    err = caught(() => parseArgs({ args: ["--out"], options }));
    expect(err.code).toBe("ERR_PARSE_ARGS_INVALID_OPTION_VALUE");
    expect(err.message).toBe("Option '-o, --out <value>' argument missing");
    expect(caught(() => parseArgs({ args: ["--color=yes"], options })).message).toBe("Option '--color' does not take an argument");
    expect(caught(() => parseArgs({ args: ["-o", "-v"], options })).message).toBe(
      "Option '-o' argument is ambiguous.\nDid you forget to specify the option argument for '-o'?\nTo specify an option argument starting with a dash use '--out=-XYZ' or '-o-XYZ'.",
    );
  });
  test("non-strict mode keeps unknown options", () => {
    const { values, positionals } = parseArgs({ args: ["--x", "-y", "z"], strict: false });
    expect({ ...values }).toEqual({ x: true, y: true });
    expect(positionals).toEqual(["z"]);
  });
  // Bun words these messages differently ("property ..., got number"); Node's are expected.
  test("configuration errors", () => {
    expect(caught(() => parseArgs({ args: 5 as any })).message).toBe('The "args" argument must be an instance of Array. Received type number (5)');
    expect(caught(() => parseArgs({ args: [], options: { x: { type: "number" as any } } })).message).toBe(
      "The \"options.x.type\" property must be ('string|boolean'). Received type string ('number')",
    );
    const short = caught(() => parseArgs({ args: [], options: { x: { type: "string", short: "xy" } } }));
    expect(short.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(short.message).toBe("The property 'options.x.short' must be a single character. Received 'xy'");
    expect(caught(() => parseArgs({ args: [], options: { x: { type: "string", multiple: true, default: ["a", 1 as any] } } })).message).toBe(
      'The "options.x.default[1]" property must be of type string. Received type number (1)',
    );
  });
});

describe("parseEnv", () => {
  test("dotenv syntax", () => {
    const env = parseEnv('A=1\nexport B = "two"\n# comment\nC=\'x # y\'\nD=plain # note\nE="l1\\nl2"\nF=');
    expect(env).toEqual({ A: "1", B: "two", C: "x # y", D: "plain", E: "l1\nl2", F: "" });
    expect(caught(() => parseEnv(5 as any)).message).toBe('The "content" argument must be of type string. Received type number (5)');
  });
});

describe("styleText and control characters", () => {
  test("styles nest their codes", () => {
    expect(styleText(["red", "bold"], "x", { validateStream: false })).toBe("\u001b[31m\u001b[1mx\u001b[22m\u001b[39m");
    expect(styleText("italic", "y", { validateStream: false })).toBe("\u001b[3my\u001b[23m");
  });
  test("validates formats, text and stream", () => {
    const err = caught(() => styleText("nope" as any, "x"));
    expect(err.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(err.message.startsWith("The argument 'format' must be one of: 'reset', 'bold', 'dim',")).toBe(true);
    expect(caught(() => styleText("red", 5 as any)).message).toBe('The "text" argument must be of type string. Received type number (5)');
    expect(caught(() => styleText("red", "x", { stream: {} as any })).code).toBe("ERR_INVALID_ARG_TYPE");
  });
  test("stripVTControlCharacters", () => {
    expect(stripVTControlCharacters("\u001b[31mred\u001b[39m \u001b]8;;http://x\u0007link")).toBe("red link");
    expect(stripVTControlCharacters(inspect5())).toBe("5");
  });
});

function inspect5() {
  return util.inspect(5, { colors: true });
}

describe("misc", () => {
  // Bun's loggers have no `enabled` property; Node's do.
  test("debuglog is disabled unless NODE_DEBUG names it", () => {
    const log = debuglog("rusk_test_section_not_enabled");
    expect(log.enabled).toBe(false);
    expect(typeof log).toBe("function");
  });
  test("toUSVString replaces lone surrogates", () => {
    expect(toUSVString("a\ud800b")).toBe("a\ufffdb");
    expect(toUSVString("\ud83d\ude00")).toBe("\ud83d\ude00");
  });
  test("system error names", () => {
    expect(getSystemErrorName(-2)).toBe("ENOENT");
    expect(getSystemErrorName(-3008)).toBe("EAI_NONAME");
    expect(getSystemErrorName(-99999)).toBe("Unknown system error -99999");
    expect(getSystemErrorMap().get(-13)).toEqual(["EACCES", "permission denied"]);
    const err = caught(() => getSystemErrorName(2));
    expect(err).toBeInstanceOf(RangeError);
    expect(err.code).toBe("ERR_OUT_OF_RANGE");
    expect(err.message).toBe('The value of "err" is out of range. It must be a negative integer. Received 2');
  });
  test("MIMEType parses and serialises", () => {
    const m = new MIMEType(' Text/HTML ; Charset="utf-8" ; q=x');
    expect(m.essence).toBe("text/html");
    expect(m.params.get("charset")).toBe("utf-8");
    m.params.set("name", "two words");
    expect(String(m)).toBe('text/html;charset=utf-8;q=x;name="two words"');
    const err = caught(() => new MIMEType("te xt/html"));
    expect(err.code).toBe("ERR_INVALID_MIME_SYNTAX");
    expect(err.message).toBe('The MIME syntax for a type in "te xt/html" is invalid at 2');
  });
  // Bun says "must be of type AbortSignal"; Node "must be an instance of AbortSignal".
  test("aborted resolves when the signal aborts", async () => {
    const controller = new AbortController();
    const done = aborted(controller.signal, {});
    controller.abort();
    const event: any = await done;
    expect(event.type).toBe("abort");
    await expect(aborted(AbortSignal.abort(), {})).resolves.toBeUndefined();
    await expect(aborted(5 as any, {})).rejects.toThrow('The "signal" argument must be an instance of AbortSignal. Received type number (5)');
  });
  test("legacy predicates and the default export", () => {
    expect(util.isArray([])).toBe(true);
    expect(util.isPrimitive(null)).toBe(true);
    expect(util.isPrimitive({})).toBe(false);
    expect(util.isError(Object.create(Error.prototype))).toBe(true);
    expect(util._extend({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(util.types).toBe(types);
    expect(util.TextEncoder).toBe(globalThis.TextEncoder);
  });
});
