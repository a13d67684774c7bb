// node:fs — LLRT's implementation plus the pieces it lacks (existsSync, exists).
import * as llrt from "rusk:llrt-fs";
export * from "rusk:llrt-fs";
export function existsSync(path) {
  try {
    llrt.accessSync(path);
    return true;
  } catch {
    return false;
  }
}
export function exists(path, callback) {
  const found = existsSync(path);
  queueMicrotask(() => callback(found));
}
export default { ...llrt.default, existsSync, exists };
