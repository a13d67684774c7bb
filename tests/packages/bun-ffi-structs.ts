// bun-ffi-structs: C struct layouts packed into ArrayBuffers for bun:ffi calls. Pointer fields hold
// real addresses (from bun:ffi's ptr()) that are read back through toArrayBuffer()/CString and
// handed to libc, so the struct layouts are checked against native code, not only against
// themselves. Addresses differ run to run: only their relations are printed.
import {
  allocStruct,
  defineEnum,
  defineStruct,
  objectPtr,
  packObjectArray,
  pointerSize,
} from "bun-ffi-structs";
import { CString, dlopen, FFIType, ptr, read, toArrayBuffer } from "bun:ffi";

const show = (label: string, value: unknown) =>
  console.log(`${label}:`, JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));

const bytes = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join(" ");

function attempt(label: string, fn: () => unknown) {
  try {
    show(label, { value: fn() });
  } catch (e) {
    show(label, { error: `${(e as Error).name}: ${(e as Error).message}` });
  }
}

show("pointerSize", pointerSize);

// 1. primitives: sizes, alignment padding, little-endian bytes, round trip
const Primitives = defineStruct([
  ["u8", "u8"],
  ["u16", "u16"],
  ["u32", "u32"],
  ["u64", "u64"],
  ["i16", "i16"],
  ["i32", "i32"],
  ["i64", "i64"],
  ["f32", "f32"],
  ["f64", "f64"],
  ["flag8", "bool_u8"],
  ["flag32", "bool_u32"],
]);
show("primitives size/align", [Primitives.size, Primitives.align]);
show(
  "primitives layout",
  Primitives.describe().map((f) => [f.name, f.offset, f.size, f.align]),
);
const primitiveValues = {
  u8: 255,
  u16: 0xbeef,
  u32: 0xdeadbeef,
  u64: 2n ** 63n + 5n,
  i16: -2,
  i32: -123456,
  i64: -(2n ** 40n),
  f32: 1.5,
  f64: Math.PI,
  flag8: true,
  flag32: false,
};
const primitivesPacked = Primitives.pack(primitiveValues);
show("primitives bytes", bytes(primitivesPacked));
show("primitives unpacked", Primitives.unpack(primitivesPacked));
show("u64 from a number", Primitives.unpack(Primitives.pack({ ...primitiveValues, u64: 7, i64: -7 })).u64);

// 2. enums (default u32 base, and a u8 base)
const Color = defineEnum({ RED: 0, GREEN: 1, BLUE: 2 });
const Mode = defineEnum({ OFF: 0, ON: 200 }, "u8");
const Pixel = defineStruct([
  ["mode", Mode],
  ["color", Color],
]);
show("enum struct size", Pixel.size);
const pixel = Pixel.pack({ mode: "ON", color: "BLUE" });
show("enum bytes", bytes(pixel));
show("enum unpacked", Pixel.unpack(pixel));
show("enum to/from", [Color.to("GREEN"), Color.from(2), Mode.to(5 as never)]);
attempt("enum bad name", () => Pixel.pack({ mode: "ON", color: "PURPLE" as never }));
attempt("enum bad value", () => Pixel.unpack(new Uint8Array([0, 0, 0, 0, 9, 0, 0, 0]).buffer));

// 3. nested structs inline, defaults, optional fields, transforms, conditions
const Vec3 = defineStruct([
  ["x", "f32"],
  ["y", "f32"],
  ["z", "f32", { default: 1 }],
]);
const Transform = defineStruct([
  ["id", "u16"],
  ["position", Vec3],
  ["scale", "f64", { default: 2.5 }],
  ["parentId", "u32", { optional: true }],
  ["angleDeg", "f32", { packTransform: (deg: number) => (deg * Math.PI) / 180, unpackTransform: (rad: number) => Math.round((rad * 180) / Math.PI) }],
  ["debugOnly", "u32", { condition: () => false }],
  ["visible", "bool_u8", { default: true }],
]);
show("nested size/align", [Transform.size, Transform.align]);
show(
  "nested layout",
  Transform.describe().map((f) => [f.name, f.offset, f.size, f.optional]),
);
const transformPacked = Transform.pack({ id: 9, position: { x: 1, y: -2 }, angleDeg: 90 });
show("nested bytes", bytes(transformPacked));
show("nested unpacked", Transform.unpack(transformPacked));
attempt("missing required field", () => Transform.pack({ id: 1, angleDeg: 0 } as never));

// 4. validation, mapValue and reduceValue
const Range = defineStruct(
  [
    ["lo", "i32", { validate: (v: number, name: string) => { if (v < 0) throw new RangeError(`${name} must be >= 0, got ${v}`); } }],
    ["hi", "i32"],
  ],
  {
    mapValue: (r: [number, number]) => ({ lo: r[0], hi: r[1] }),
    reduceValue: (r: { lo: number; hi: number }) => `${r.lo}..${r.hi}`,
  },
);
show("mapValue/reduceValue", Range.unpack(Range.pack([3, 8])));
attempt("validate rejects", () => Range.pack([-1, 8]));
show("reduceValue has no unpackInto", "unpackInto" in Range);

// 5. pointers to caller memory: the address is ptr() of the buffer, and reads go to its bytes
const Blob = defineStruct([
  ["data", "pointer"],
  ["len", "u32", { lengthOf: "values" }],
  ["values", ["u16"]],
]);
const payload = new Uint8Array([10, 20, 30, 40]);
const blob = Blob.pack({ data: payload, values: [1, 2, 65535] });
const blobOut = Blob.unpack(blob);
show("pointer field is ptr(payload)", blobOut.data === ptr(payload));
show("pointer field type", typeof blobOut.data);
show("bytes through the pointer", [...new Uint8Array(toArrayBuffer(blobOut.data as number, 0, 4))]);
show("read.u8 through the pointer", [read.u8(blobOut.data as number, 0), read.u8(blobOut.data as number, 3)]);
// writes through a view of the pointer land in the original buffer
new Uint8Array(toArrayBuffer(blobOut.data as number, 0, 4))[1] = 99;
show("write through the pointer", [...payload]);
show("array length field", blobOut.len);
show("u16 array through its pointer", blobOut.values);
show("empty buffer is a null pointer", Blob.unpack(Blob.pack({ data: new Uint8Array(0), values: [] })));
show("numeric pointer kept", Blob.unpack(Blob.pack({ data: ptr(payload), values: [] })).data === ptr(payload));

// 6. strings: cstring (NUL-terminated, read with CString) and char* with a byte length
const Named = defineStruct([
  ["name", "cstring"],
  ["label", "char*"],
  ["labelLen", "u64", { lengthOf: "label" }],
  ["nothing", "cstring", { optional: true }],
]);
const named = Named.unpack(Named.pack({ name: "héllo wörld", label: "κόσμε ✓" }));
show("cstring is a pointer", typeof named.name);
show("cstring via CString", new CString(named.name as number).toString());
show("char* decoded", named.label);
show("char* byte length", named.labelLen);
show("null cstring", named.nothing);

// 7. a nested struct behind a pointer, and arrays of enums, structs and object pointers
const Node = defineStruct([
  ["value", "i32"],
  ["weight", "f64"],
]);
const Graph = defineStruct([
  ["root", Node, { asPointer: true }],
  ["colorCount", "u32", { lengthOf: "colors" }],
  ["colors", [Color]],
  ["nodeCount", "u32", { lengthOf: "nodes" }],
  ["nodes", [Node]],
  ["handleCount", "u32", { lengthOf: "handles" }],
  ["handles", [objectPtr<{ ptr: number | null }>()]],
  ["owner", objectPtr<{ ptr: number | null }>()],
]);
const ownerMemory = new BigUint64Array([0x1122334455667788n]);
const graphBuf = Graph.pack({
  root: { value: -7, weight: 0.25 },
  colors: ["BLUE", "RED", "GREEN"],
  nodes: [
    { value: 1, weight: 1.5 },
    { value: 2, weight: 2.5 },
  ],
  handles: [{ ptr: ptr(ownerMemory) }, null, { ptr: null }],
  owner: { ptr: ptr(ownerMemory) },
});
const graphView = new DataView(graphBuf);
const fieldPtr = (name: string) => Number(graphView.getBigUint64(Graph.layoutByName.get(name)!.offset, true));
show("graph layout", Graph.describe().map((f) => [f.name, f.offset, f.size]));
show("root struct via pointer", Node.unpack(toArrayBuffer(fieldPtr("root"), 0, Node.size)));
show("node array via pointer", Node.unpackList(toArrayBuffer(fieldPtr("nodes"), 0, Node.size * 2), 2));
show("enum array bytes", bytes(toArrayBuffer(fieldPtr("colors"), 0, 12)));
const handles = new BigUint64Array(toArrayBuffer(fieldPtr("handles"), 0, 3 * 8));
show("object pointer array", [handles[0] === BigInt(ptr(ownerMemory)), handles[1], handles[2]]);
show("object pointer", fieldPtr("owner") === ptr(ownerMemory));
show("object pointer target", read.u64(fieldPtr("owner"), 0).toString(16));
attempt("unpack pointer-backed struct", () => Graph.unpack(graphBuf));
const objectArray = packObjectArray([{ ptr: ptr(ownerMemory) }, null]);
show("packObjectArray", [objectArray.byteLength, Number(objectArray.getBigUint64(0, true)) === ptr(ownerMemory), objectArray.getBigUint64(8, true)]);

// 8. allocStruct: preallocated sub-buffers a native callee would fill
const Samples = defineStruct([
  ["count", "u32", { lengthOf: "samples" }],
  ["samples", ["f32"]],
]);
const { buffer: samplesBuf, view: samplesView, subBuffers } = allocStruct(Samples, { lengths: { samples: 3 } });
new Float32Array(subBuffers!.samples).set([0.5, -1, 8]);
show("allocStruct count", samplesView.getUint32(0, true));
show("allocStruct pointer", Number(samplesView.getBigUint64(8, true)) === ptr(subBuffers!.samples));
show("allocStruct unpacked", Samples.unpack(samplesBuf));
attempt("allocStruct non-array field", () => allocStruct(Samples, { lengths: { count: 1 } }));

// 9. lists, packInto/unpackInto, packListInto, and the generated fast paths after warmup
const Cursor = defineStruct([
  ["row", "u32"],
  ["col", "u16"],
]);
const list = Cursor.packList([
  { row: 1, col: 2 },
  { row: 3, col: 4 },
]);
show("packList bytes", bytes(list));
show("unpackList", Cursor.unpackList(list, 2));
const shared = new ArrayBuffer(4 + Cursor.size * 2);
Cursor.packListInto([{ row: 7, col: 8 }, { row: 9, col: 10 }], new DataView(shared), 4);
const target = { extra: "kept" };
show("unpackInto", Cursor.unpackInto(new DataView(shared), target, 4 + Cursor.size));
show("unpackInto returns the target", Cursor.unpackInto(new DataView(shared), target, 4) === target);
attempt("unpackInto out of range", () => Cursor.unpackInto(new DataView(shared), {}, 16));
attempt("unpackInto negative offset", () => Cursor.unpackInto(new DataView(shared), {}, -1));
attempt("packListInto non-primitive", () => (Named as any).packListInto([{}], new DataView(shared), 0));
attempt("unpack too small", () => Cursor.unpack(new ArrayBuffer(4)));
let agree = true;
for (let i = 0; i < 600; i++) {
  const obj = { row: i * 7, col: i % 65536 };
  const buf = Cursor.pack(obj);
  const back = Cursor.unpack(buf);
  const into = Cursor.unpackInto(new DataView(buf), {});
  agree &&= back.row === obj.row && back.col === obj.col && into.row === obj.row && into.col === obj.col;
}
show("generated fast paths agree", agree);
show("generated pack bytes", bytes(Cursor.pack({ row: 0x01020304, col: 0x0506 })));

// 10. round trips through libc: struct tm filled by gmtime_r, read back by timegm and strftime,
// bytes copied by memcpy and a string measured by strlen, all through struct pointers
const libc = dlopen(process.platform === "darwin" ? "libc.dylib" : "libc.so.6", {
  gmtime_r: { args: [FFIType.ptr, FFIType.ptr], returns: FFIType.ptr },
  timegm: { args: [FFIType.ptr], returns: FFIType.i64 },
  strftime: { args: [FFIType.ptr, FFIType.u64, FFIType.cstring, FFIType.ptr], returns: FFIType.u64 },
  memcpy: { args: [FFIType.ptr, FFIType.ptr, FFIType.u64], returns: FFIType.ptr },
  strlen: { args: [FFIType.ptr], returns: FFIType.u64 },
});
const Tm = defineStruct([
  ["sec", "i32"],
  ["min", "i32"],
  ["hour", "i32"],
  ["mday", "i32"],
  ["mon", "i32"],
  ["year", "i32"],
  ["wday", "i32"],
  ["yday", "i32"],
  ["isdst", "i32"],
  ["gmtoff", "i64"],
  ["zone", "cstring", { optional: true }],
]);
show("struct tm size", Tm.size);
const time = new BigInt64Array([1700000000n]);
const tmBuf = allocStruct(Tm).buffer;
show("gmtime_r returns its argument", libc.symbols.gmtime_r(ptr(time), ptr(tmBuf)) === ptr(tmBuf));
const tm = Tm.unpack(tmBuf);
show("gmtime_r fields", { ...tm, zone: tm.zone ? new CString(tm.zone as number).toString() : null });
const packedTm = Tm.pack({ sec: 30, min: 15, hour: 12, mday: 29, mon: 1, year: 124, wday: 0, yday: 0, isdst: 0, gmtoff: 0, zone: "UTC" });
// timegm normalises the struct in place, pointing its zone at libc's own "GMT"
show("timegm of a packed struct tm", libc.symbols.timegm(ptr(packedTm)));
const out = new Uint8Array(64);
const written = Number(libc.symbols.strftime(ptr(out), 64, Buffer.from("%Y-%m-%d %H:%M:%S %Z\0"), ptr(packedTm)));
show("strftime of a packed struct tm", new TextDecoder().decode(out.subarray(0, written)));
const copy = new ArrayBuffer(Tm.size);
libc.symbols.memcpy(ptr(copy), ptr(packedTm), Tm.size);
const copied = Tm.unpack(copy);
show("memcpy copy unpacks", [copied.year, copied.mon, copied.mday, new CString(copied.zone as number).toString()]);
show("strlen through a cstring field", libc.symbols.strlen(Tm.unpack(packedTm).zone as number));
libc.close();

console.log("done");
