// rusk:internal/errors — Node's error codes and messages, shared by every built-in module.
// An error made here is a plain TypeError/RangeError/Error with a `code` property, whose
// toString() and stack header read `TypeError [ERR_X]: message`, as Node's do.

const MAX_SHOWN = 25;

const kinds = new Map();

function makeClass(Base, code) {
  const key = `${Base.name}:${code}`;
  let C = kinds.get(key);
  if (C) return C;
  C = class extends Base {
    constructor(message) {
      super(message);
      Object.defineProperty(this, "code", { value: code, writable: true, enumerable: true, configurable: true });
      // The stack's first line names the code, as in Node.
      if (typeof this.stack === "string") {
        const nl = this.stack.indexOf("\n");
        const rest = nl < 0 ? "" : this.stack.slice(nl);
        Object.defineProperty(this, "stack", { value: `${Base.name} [${code}]: ${message}${rest}`, writable: true, configurable: true, enumerable: false });
      }
    }
    get name() {
      return Base.name;
    }
    set name(v) {
      Object.defineProperty(this, "name", { value: v, writable: true, configurable: true, enumerable: true });
    }
    toString() {
      return `${Base.name} [${code}]: ${this.message}`;
    }
  };
  Object.defineProperty(C, "name", { value: Base.name });
  kinds.set(key, C);
  return C;
}

/** A new error of class `Base` with Node's `code` and message. */
export function nodeError(Base, code, message) {
  const C = makeClass(Base, code);
  return new C(message);
}

function shortInspect(value) {
  let s;
  if (typeof value === "string") s = `'${value}'`;
  else if (typeof value === "bigint") s = `${value}n`;
  else if (typeof value === "symbol") s = value.toString();
  else s = String(value);
  if (typeof value === "string" && s.length > MAX_SHOWN + 2) s = `${s.slice(0, MAX_SHOWN)}...`;
  return s;
}

/** Node's "Received ..." tail: `Received type number (5)`, `Received an instance of Map`. */
export function received(value) {
  if (value === null) return "Received null";
  if (value === undefined) return "Received undefined";
  if (typeof value === "function") return `Received function ${value.name}`;
  if (typeof value === "object") {
    const ctor = value.constructor;
    if (ctor && typeof ctor.name === "string" && ctor.name) return `Received an instance of ${ctor.name}`;
    const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
    return `Received ${inspect ? inspect(value, { depth: -1 }) : "[Object: null prototype]"}`;
  }
  return `Received type ${typeof value} (${shortInspect(value)})`;
}

const CLASS_NAMES = /^[A-Z][a-zA-Z0-9]*$/;

function describeExpected(expected) {
  const list = Array.isArray(expected) ? expected : [expected];
  const types = [];
  const instances = [];
  const other = [];
  for (const e of list) {
    // Node names the Object and Function "classes" as types: "must be of type object".
    if (e === "Object" || e === "Function") types.push(e.toLowerCase());
    else if (["string", "number", "bigint", "boolean", "symbol", "function", "object", "undefined"].includes(e)) types.push(e);
    else if (CLASS_NAMES.test(e)) instances.push(e);
    else other.push(e);
  }
  const parts = [];
  const join = (xs, word) => (xs.length > 2 ? `${xs.slice(0, -1).join(", ")}, ${word} ${xs[xs.length - 1]}` : xs.join(` ${word} `));
  if (types.length) parts.push(`${types.length > 1 ? "one of type" : "of type"} ${join(types, "or")}`);
  if (instances.length) parts.push(`an instance of ${join(instances, "or")}`);
  if (other.length) parts.push(join(other, "or"));
  return join(parts, "or");
}

/** `The "name" argument must be of type string. Received type number (5)` */
export function ERR_INVALID_ARG_TYPE(name, expected, actual) {
  const what = name.endsWith(" argument") ? name : `"${name}" ${name.includes(".") ? "property" : "argument"}`;
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The ${what} must be ${describeExpected(expected)}. ${received(actual)}`);
}

/** `The argument 'name' is invalid. Received ...` (reason optional, Node's default "is invalid"). */
export function ERR_INVALID_ARG_VALUE(name, value, reason = "is invalid") {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  let shown = inspect ? inspect(value) : String(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes(".") ? "property" : "argument";
  return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

function addSeparators(s) {
  let out = "";
  let i = s.length;
  const start = s[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${s.slice(i - 3, i)}${out}`;
  return `${s.slice(0, i)}${out}`;
}

/** `The value of "name" is out of range. It must be <range>. Received <value>` */
export function ERR_OUT_OF_RANGE(name, range, value) {
  let shown;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = addSeparators(String(value));
  else if (typeof value === "bigint") {
    shown = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) shown = addSeparators(shown);
    shown += "n";
  } else shown = typeof value === "string" ? `'${value}'` : String(value);
  return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

/** Any other coded error: `codedError(TypeError, "ERR_X", "message")`. */
export const codedError = nodeError;

// ---- validators (Node's lib/internal/validators.js semantics) ----

export function validateString(value, name) {
  if (typeof value !== "string") throw ERR_INVALID_ARG_TYPE(name, "string", value);
}
export function validateFunction(value, name) {
  if (typeof value !== "function") throw ERR_INVALID_ARG_TYPE(name, "Function", value);
}
export function validateBoolean(value, name) {
  if (typeof value !== "boolean") throw ERR_INVALID_ARG_TYPE(name, "boolean", value);
}
export function validateObject(value, name, { allowArray = false, allowFunction = false, nullable = false } = {}) {
  if ((!nullable && value === null) || (!allowArray && Array.isArray(value)) || (typeof value !== "object" && (!allowFunction || typeof value !== "function"))) {
    throw ERR_INVALID_ARG_TYPE(name, "Object", value);
  }
}
export function validateNumber(value, name, min = undefined, max) {
  if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    throw ERR_OUT_OF_RANGE(name, `${min != null ? `>= ${min}` : ""}${min != null && max != null ? " && " : ""}${max != null ? `<= ${max}` : ""}`, value);
  }
}
export function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", value);
  if (!Number.isInteger(value)) throw ERR_OUT_OF_RANGE(name, "an integer", value);
  if (value < min || value > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
export function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", value);
  if (!Number.isInteger(value)) throw ERR_OUT_OF_RANGE(name, "an integer", value);
  if (value < min || value > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
export function validateUint32(value, name, positive = false) {
  if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", value);
  if (!Number.isInteger(value)) throw ERR_OUT_OF_RANGE(name, "an integer", value);
  const min = positive ? 1 : 0;
  if (value < min || value > 4294967295) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= 4294967295`, value);
}
export function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ");
    throw ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${allowed}`);
  }
}
export function validateArray(value, name, minLength = 0) {
  if (!Array.isArray(value)) throw ERR_INVALID_ARG_TYPE(name, "Array", value);
  if (value.length < minLength) throw ERR_INVALID_ARG_VALUE(name, value, `must be longer than ${minLength}`);
}
export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
    throw ERR_INVALID_ARG_TYPE(name, "AbortSignal", signal);
  }
}

/** An `AbortError` as Node makes it (`name: "AbortError"`, `code: "ABORT_ERR"`). */
export class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}
