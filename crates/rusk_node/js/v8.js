// node:v8 for an engine that is not V8: heap statistics from the engine's own counters,
// and serialize/deserialize with the structured-clone rules (the same values are accepted and
// rejected as by V8's serializer) in rusk's own byte format — `deserialize(serialize(x))`
// round-trips in rusk, but the bytes are not V8's wire format. Heap snapshots, flags, the
// Serializer/Deserializer classes and the promise hooks are not available.
import { Buffer } from "node:buffer";
import { nodeError } from "rusk:internal/errors";

const FORMAT = 1; // first byte of rusk's serialization format
const internals = globalThis[Symbol.for("rusk.internals")];

// Values become a JSON tree of tagged nodes; objects seen twice become back-references, so
// shared and circular structures survive the round trip.
function encode(value, seen) {
  switch (typeof value) {
    case "undefined":
      return { u: 1 };
    case "number":
      if (Object.is(value, -0)) return { n: "-0" };
      return Number.isFinite(value) ? value : { n: String(value) };
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return { b: String(value) };
    case "symbol":
    case "function":
      throw cloneError(value);
  }
  if (value === null) return null;
  if (seen.has(value)) return { r: seen.get(value) };
  const id = seen.size;
  seen.set(value, id);
  if (Array.isArray(value)) return { a: value.map((v) => encode(v, seen)), id };
  if (value instanceof Date) return { d: value.getTime(), id };
  if (value instanceof RegExp) return { re: [value.source, value.flags], id };
  if (value instanceof Map) return { m: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]), id };
  if (value instanceof Set) return { s: [...value].map((v) => encode(v, seen)), id };
  // Shared memory cannot cross into rusk's byte format (nor to a worker yet): refuse it, as
  // Node's v8.serialize does, rather than copy it.
  if (value instanceof SharedArrayBuffer || (ArrayBuffer.isView(value) && value.buffer instanceof SharedArrayBuffer)) throw cloneError(value);
  if (value instanceof ArrayBuffer) return { ab: Buffer.from(value).toString("base64"), id };
  if (ArrayBuffer.isView(value)) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
    const kind = Buffer.isBuffer(value) ? "Uint8Array" : value.constructor.name;
    return { v: [kind, bytes], id };
  }
  if (value instanceof Error) return { e: [value.name, value.message, value.stack], id };
  if (value instanceof Boolean || value instanceof Number || value instanceof String) return { w: encode(value.valueOf(), seen), id };
  // Instances of native classes declared with `structuredClone`: their class's tag and bytes.
  const host = internals.serializeHostObject(value);
  if (host !== undefined) return { h: [host[0], Buffer.from(host[1]).toString("base64")], id };
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype && typeof value.constructor === "function" && value.constructor !== Object) {
    // Class instances clone as plain objects (as structuredClone does), but host objects
    // with internal slots cannot be cloned at all.
    try {
      structuredClone(value);
    } catch {
      throw cloneError(value);
    }
  }
  const o = {};
  for (const k of Object.keys(value)) o[k] = encode(value[k], seen);
  return { o, id };
}

function decode(node, refs) {
  if (node === null || typeof node !== "object") return node;
  if ("u" in node) return undefined;
  if ("n" in node) return Number(node.n);
  if ("b" in node) return BigInt(node.b);
  if ("r" in node) return refs[node.r];
  let out;
  const keep = (v) => ((refs[node.id] = v), v);
  if ("a" in node) {
    out = keep([]);
    for (const v of node.a) out.push(decode(v, refs));
    return out;
  }
  if ("d" in node) return keep(new Date(node.d));
  if ("re" in node) return keep(new RegExp(node.re[0], node.re[1]));
  if ("m" in node) {
    out = keep(new Map());
    for (const [k, v] of node.m) out.set(decode(k, refs), decode(v, refs));
    return out;
  }
  if ("s" in node) {
    out = keep(new Set());
    for (const v of node.s) out.add(decode(v, refs));
    return out;
  }
  if ("ab" in node) return keep(new Uint8Array(Buffer.from(node.ab, "base64")).buffer);
  if ("v" in node) {
    const bytes = new Uint8Array(Buffer.from(node.v[1], "base64"));
    const C = globalThis[node.v[0]] ?? Uint8Array;
    return keep(new C(bytes.buffer, 0, bytes.byteLength / (C.BYTES_PER_ELEMENT ?? 1)));
  }
  if ("e" in node) {
    const E = globalThis[node.e[0]] && globalThis[node.e[0]].prototype instanceof Error ? globalThis[node.e[0]] : Error;
    const e = keep(new E(node.e[1]));
    if (node.e[2] !== undefined) e.stack = node.e[2];
    return e;
  }
  if ("w" in node) return keep(Object(decode(node.w, refs)));
  if ("h" in node) return keep(internals.deserializeHostObject(node.h[0], new Uint8Array(Buffer.from(node.h[1], "base64"))));
  out = keep({});
  for (const k of Object.keys(node.o)) out[k] = decode(node.o[k], refs);
  return out;
}

function cloneError(value) {
  const shown = typeof value === "function" ? `${value}` : typeof value === "symbol" ? value.toString() : `#<${value?.constructor?.name ?? "Object"}>`;
  const e = typeof DOMException === "function" ? new DOMException(`${shown} could not be cloned.`, "DataCloneError") : new Error(`${shown} could not be cloned.`);
  return e;
}

export function serialize(value) {
  const json = JSON.stringify(encode(value, new Map()));
  return Buffer.concat([Buffer.from([FORMAT]), Buffer.from(json)]);
}

export function deserialize(buffer) {
  if (!ArrayBuffer.isView(buffer)) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "buffer" argument must be an instance of Buffer, TypedArray, or DataView.`);
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes[0] !== FORMAT) throw new Error("Unable to deserialize cloned data.");
  return decode(JSON.parse(bytes.subarray(1).toString()), []);
}

export function getHeapStatistics() {
  const m = process.memoryUsage();
  return {
    total_heap_size: m.heapTotal,
    total_heap_size_executable: 0,
    total_physical_size: m.rss,
    total_available_size: Math.max(0, 4 * 1024 ** 3 - m.heapUsed),
    used_heap_size: m.heapUsed,
    heap_size_limit: 4 * 1024 ** 3,
    malloced_memory: m.heapUsed,
    peak_malloced_memory: m.heapTotal,
    does_zap_garbage: 0,
    number_of_native_contexts: 1,
    number_of_detached_contexts: 0,
    total_global_handles_size: 0,
    used_global_handles_size: 0,
    external_memory: m.external,
  };
}

export function getHeapSpaceStatistics() {
  return [];
}

export function getHeapCodeStatistics() {
  return { code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 };
}

export function cachedDataVersionTag() {
  return FORMAT;
}

export function setFlagsFromString() {}

export function setHeapSnapshotNearHeapLimit() {}

export function writeHeapSnapshot() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The writeHeapSnapshot() method is not implemented in rusk");
}

export function getHeapSnapshot() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The getHeapSnapshot() method is not implemented in rusk");
}

export default {
  serialize,
  deserialize,
  getHeapStatistics,
  getHeapSpaceStatistics,
  getHeapCodeStatistics,
  cachedDataVersionTag,
  setFlagsFromString,
  setHeapSnapshotNearHeapLimit,
  writeHeapSnapshot,
  getHeapSnapshot,
};
