// A part of rusk's bootstrap (js/bootstrap.js), read and run on first use: the global `Bun`
// (the core's members; the Node layer adds more through internals.bunExtensions).
// Called with (native, internals, shared) like the bootstrap; returns its exports.
(function bun(native, internals, shared) {
  "use strict";
  const { process } = shared;
  const toPath = (p) => {
    if (p instanceof URL) p = p.href;
    p = String(p);
    return p.startsWith("file://") ? decodeURIComponent(p.slice(7)) : p;
  };
  class BunFile {
    #path;
    constructor(path) {
      this.#path = toPath(path);
    }
    get name() {
      return this.#path;
    }
    get size() {
      const n = native.fileSize(this.#path);
      return n < 0 ? 0 : n;
    }
    get type() {
      const p = this.#path;
      if (p.endsWith(".json")) return "application/json;charset=utf-8";
      if (p.endsWith(".txt")) return "text/plain;charset=utf-8";
      if (p.endsWith(".js") || p.endsWith(".mjs")) return "text/javascript;charset=utf-8";
      return "application/octet-stream";
    }
    async exists() {
      return native.fileSize(this.#path) >= 0;
    }
    async arrayBuffer() {
      return native.readFile(this.#path);
    }
    async bytes() {
      return new Uint8Array(native.readFile(this.#path));
    }
    async text() {
      return new TextDecoder().decode(native.readFile(this.#path));
    }
    async json() {
      return JSON.parse(await this.text());
    }
  }
  const Bun = {
    version: "1.2.0",
    revision: `rusk-${native.version}`,
    get argv() {
      return process.argv;
    },
    get env() {
      return process.env;
    },
    main: undefined,
    fileURLToPath(url) {
      const s = url instanceof URL ? url.href : String(url);
      if (!s.startsWith("file://")) throw new TypeError(`The URL must be of scheme file: ${s}`);
      return decodeURIComponent(s.slice(7));
    },
    pathToFileURL(path) {
      let p = String(path);
      if (!p.startsWith("/")) p = `${process.cwd()}/${p}`;
      return new URL(`file://${encodeURI(p)}`);
    },
    sleep(ms) {
      const delay = ms instanceof Date ? ms.getTime() - Date.now() : Number(ms);
      return new Promise((resolve) => setTimeout(resolve, delay));
    },
    sleepSync(ms) {
      native.sleepSync(Number(ms));
    },
    gc(_force) {
      native.gc();
    },
    which(cmd, opts) {
      const path = (opts && opts.PATH) || process.env.PATH || "";
      return native.which(String(cmd), path) ?? null;
    },
    file(path) {
      return new BunFile(path);
    },
    async write(dest, data) {
      const path = dest instanceof BunFile ? dest.name : toPath(dest);
      if (data instanceof BunFile) data = native.readFile(data.name);
      // Blobs, Responses and anything else with arrayBuffer(): their bytes.
      else if (data && typeof data.arrayBuffer === "function" && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) data = await data.arrayBuffer();
      return native.writeFile(path, data);
    },
    spawnSync(cmdOrOpts, maybeOpts) {
      const opts = Array.isArray(cmdOrOpts) ? maybeOpts || {} : cmdOrOpts || {};
      const cmd = Array.isArray(cmdOrOpts) ? cmdOrOpts : opts.cmd;
      if (!Array.isArray(cmd) || cmd.length === 0) throw new TypeError('spawnSync: "cmd" must be a non-empty array of strings');
      const r = native.spawnSync(cmd.map(String), opts.cwd, opts.stdin);
      const stdout = typeof Buffer === "function" ? Buffer.from(r.stdout) : new Uint8Array(r.stdout);
      const stderr = typeof Buffer === "function" ? Buffer.from(r.stderr) : new Uint8Array(r.stderr);
      return { exitCode: r.exitCode, success: r.success, stdout, stderr, signalCode: null, pid: 0 };
    },
    nanoseconds() {
      return Math.floor(performance.now() * 1e6);
    },
    inspect(value, options) {
      return internals.inspect ? internals.inspect(value, options) : String(value);
    },
  };
  return { Bun };
});
