// node:path/win32 — the Windows flavour of node:path (the same object as `path.win32`).
import path from "path";

const { win32 } = path;
export default win32;
export const {
  resolve,
  normalize,
  isAbsolute,
  join,
  relative,
  toNamespacedPath,
  dirname,
  basename,
  extname,
  format,
  parse,
  matchesGlob,
  sep,
  delimiter,
  posix,
  _makeLong,
} = win32;
export { win32 };
