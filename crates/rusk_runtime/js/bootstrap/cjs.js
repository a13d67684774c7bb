// A part of rusk's bootstrap (js/bootstrap.js), read and run on first use: CommonJS
// (`require`, loading `.cjs` files, `createRequire`) and the slow paths of module mocks.
// Called with (native, internals, shared) like the bootstrap; returns its exports.
(function cjs(native, internals, shared) {
  "use strict";
  const { dirname, process, cjsCache, builtinForRequire, moduleMocks } = shared;
  const loadFile = (path) => {
    const cached = cjsCache.get(path);
    if (cached) return cached.exports;
    const [kind, code] = native.readSource(path);
    if (kind === "json") {
      const m = { id: path, filename: path, loaded: true, exports: JSON.parse(code) };
      cjsCache.set(path, m);
      return m.exports;
    }
    if (kind === "esm") return native.importSync(path);
    const m = { id: path, filename: path, path: dirname(path), loaded: false, exports: {}, children: [], paths: [] };
    m.require = makeRequire(path);
    cjsCache.set(path, m);
    try {
      const fn = native.compileCjs(code, path);
      fn.call(m.exports, m.exports, m.require, m, path, dirname(path));
    } catch (e) {
      cjsCache.delete(path);
      throw e;
    }
    m.loaded = true;
    return m.exports;
  };
  const makeRequire = (fromFile) => {
    const dir = fromFile.startsWith("/") ? dirname(fromFile) : process.cwd();
    const require = (spec) => {
      if (typeof spec !== "string") throw new TypeError('The "id" argument must be of type string');
      const [kind, name] = native.resolve(spec, dir, true);
      if (moduleMocks.size !== 0 && moduleMocks.has(name)) return mockExportsOf(name);
      return kind === "builtin" ? builtinForRequire(name) : loadFile(name);
    };
    require.resolve = (spec, options) => {
      if (typeof spec !== "string") throw new TypeError(`The "request" argument must be of type string. Received ${typeof spec}`);
      const paths = options && Array.isArray(options.paths) ? options.paths : [dir];
      let firstError;
      for (const base of paths) {
        try {
          const [kind, name] = native.resolve(spec, String(base), true);
          // Built-ins resolve to themselves, as the caller spelled them (Node's behaviour).
          return kind === "builtin" ? spec : name;
        } catch (e) {
          firstError ??= e;
          if (e && e.code === "ERR_UNKNOWN_BUILTIN_MODULE") throw e;
        }
      }
      throw firstError;
    };
    require.resolve.paths = (spec) => {
      if (/^(node:|\.{0,2}\/)/.test(spec)) return null;
      const out = [];
      for (let d = dir; ; d = dirname(d)) {
        if (!d.endsWith("/node_modules")) out.push(`${d === "/" ? "" : d}/node_modules`);
        if (d === "/") break;
      }
      return out;
    };
    require.cache = new Proxy({}, {
      get: (_, k) => cjsCache.get(k),
      has: (_, k) => cjsCache.has(k),
      deleteProperty: (_, k) => cjsCache.delete(k),
      ownKeys: () => [...cjsCache.keys()],
      getOwnPropertyDescriptor: (_, k) => (cjsCache.has(k) ? { value: cjsCache.get(k), enumerable: true, configurable: true } : undefined),
    });
    return require;
  };

  // Module mocks (bun:test's mock.module; the map is the bootstrap's `moduleMocks`).
  const mockModules = new Map(); // resolved name -> { exports, name }
  let mockCount = 0;
  // An entry may be lazy: an object with a `[Symbol.for("rusk.lazyModuleMock")]()` method that
  // makes the exports on first use (bun:test runs a module factory when the module is first
  // loaded). While it runs, and if it throws, the module is an empty object.
  const LAZY = Symbol.for("rusk.lazyModuleMock");
  const mockExportsOf = (name) => {
    const entry = moduleMocks.get(name);
    if (entry === null || typeof entry !== "object" || typeof entry[LAZY] !== "function") return entry;
    moduleMocks.set(name, {});
    const exports = entry[LAZY]();
    moduleMocks.set(name, exports);
    return exports;
  };
  const mockedModuleName = (name) => {
    const exports = mockExportsOf(name);
    let entry = mockModules.get(name);
    if (!entry || entry.exports !== exports) {
      entry = { exports, name: `rusk:mock/${++mockCount}/${name}` };
      mockModules.set(name, entry);
    }
    return entry.name;
  };
  const mockModuleSource = (moduleName) => {
    const entry = [...mockModules.values()].find((e) => e.name === moduleName);
    if (!entry) throw new Error(`no module mock named ${moduleName}`);
    const exports = entry.exports;
    const lines = [
      `const m = globalThis[Symbol.for("rusk.internals")].mockExports(${JSON.stringify(moduleName)});`,
      // Without a `default` member the default export is undefined, as in Bun.
      `export default (m !== null && typeof m === "object") ? m.default : undefined;`,
    ];
    if (exports !== null && (typeof exports === "object" || typeof exports === "function")) {
      Object.keys(exports).forEach((key, i) => {
        if (key === "default") return;
        lines.push(`const e${i} = m[${JSON.stringify(key)}];`, `export { e${i} as ${JSON.stringify(key)} };`);
      });
    }
    return lines.join("\n");
  };
  const mockExports = (moduleName) => [...mockModules.values()].find((e) => e.name === moduleName)?.exports;
  const resolveFrom = (specifier, file) => {
    const dir = typeof file === "string" && file.startsWith("/") ? dirname(file) : process.cwd();
    return native.resolve(String(specifier), dir, false)[1];
  };
  // `require` in ES modules too (as in Bun): resolved against the calling module's file.
  // native.callerFile() names the module of the JS function that called the current one, so
  // each of these calls it directly (they are called straight from user code).
  const requireFrom = (file) => makeRequire(file || `${process.cwd()}/[eval]`);
  const globalRequire = function require(spec) {
    return requireFrom(native.callerFile())(spec);
  };
  globalRequire.resolve = function resolve(spec, options) {
    return requireFrom(native.callerFile()).resolve(spec, options);
  };
  globalRequire.cache = makeRequire("/").cache;
  const createRequire = (from) => {
    let p = from instanceof URL ? from.href : String(from);
    if (p.startsWith("file://")) p = decodeURIComponent(p.slice(7));
    return makeRequire(p);
  };
  return { loadFile, globalRequire, createRequire, resolveFrom, mockedModuleName, mockModuleSource, mockExports };
});
