// The `bun` module: the Bun global's members as an ES module.
const Bun = globalThis.Bun;
export default Bun;
export const { version, revision, fileURLToPath, pathToFileURL, sleep, sleepSync, gc, which, file, write, nanoseconds, inspect } = Bun;
export const { stdin, stdout, stderr, deepEquals, deepMatch, peek, resolveSync, isMainThread, main, FFI } = Bun;
// Loaded on first use (they need node:child_process).
export const spawn = (...args) => Bun.spawn(...args);
export const spawnSync = (...args) => Bun.spawnSync(...args);
export const argv = Bun.argv;
export const env = Bun.env;
