// node:path/posix — the POSIX flavour of node:path (the same object as `path.posix`).
import path from "path";

const { posix } = path;
export default posix;
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
  win32,
  _makeLong,
} = posix;
export { posix };
