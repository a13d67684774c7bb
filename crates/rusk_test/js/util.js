
// ---------------------------------------------------------------------------
// Utilities
// ---------------------------------------------------------------------------

// Matches one stack frame line, QuickJS or V8 style:
//   "    at name (/abs/file.ts:12:5)"  "    at /abs/file.ts:12:5"
export const FRAME_RE = /^\s*at (?:(.*?) \()?(.+?):(\d+)(?::(\d+))?\)?\s*$/;

export function parseFrames(stack) {
  const frames = [];
  if (typeof stack !== "string") return frames;
  for (const line of stack.split("\n")) {
    const m = FRAME_RE.exec(line);
    if (m) frames.push({ fn: m[1] || "", file: m[2], line: +m[3], col: m[4] ? +m[4] : 0 });
  }
  return frames;
}

// The file this module lives in, as the engine spells it in stack traces.
// Frames from it are skipped when looking for the user's call site.
export const SELF_FILE = (() => {
  const f = parseFrames(new Error().stack)[0];
  return f ? f.file : "";
})();

export function isOwnFrame(file) {
  return file === SELF_FILE || file === "bun:test" || file.startsWith("rusk:test") ||
    file === "native" || file === "<native>";
}

export function cleanFile(file) {
  return file.startsWith("file://") ? decodeURIComponent(file.slice(7)) : file;
}

// First user frame of a stack (or null).
export function userFrame(stack) {
  for (const f of parseFrames(stack)) {
    if (!isOwnFrame(f.file)) return { fn: f.fn, file: cleanFile(f.file), line: f.line, col: f.col };
  }
  return null;
}

// A part of the library loaded on first use, so that every test file does not pay for code
// only failures need (printing, diffs, snapshots): built-in modules load synchronously.
export function lazyModule(name) {
  let ns;
  return () => (ns ??= globalThis[Symbol.for("rusk.internals")].requireBuiltin(name));
}

export const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
export const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
export const isObjectLike = (v) => v !== null && (typeof v === "object" || typeof v === "function");
export const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

