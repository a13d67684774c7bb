// The `bun` module: the Bun global's members as an ES module.
const Bun = globalThis.Bun;
export default Bun;
export const { version, revision, fileURLToPath, pathToFileURL, sleep, sleepSync, gc, which, file, write, spawnSync, nanoseconds, inspect } = Bun;
export const argv = Bun.argv;
export const env = Bun.env;
