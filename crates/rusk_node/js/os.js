// node:os — what the OS reports about this machine (rusk:native/os reads it as libuv does on
// Linux), with Node's argument checks and its SystemError for failing system calls.

import native from "rusk:native/os";
import { nodeError, validateInt32 } from "rusk:internal/errors";

const proc = () => globalThis.process;

/** Node's SystemError: `A system error occurred: <syscall> returned <CODE> (<description>)`. */
class SystemError extends Error {}

/** Runs a native call, turning its errno-shaped error into Node's ERR_SYSTEM_ERROR. */
function systemCall(call, ...args) {
  try {
    return call(...args);
  } catch (cause) {
    if (typeof cause?.syscall !== "string" || typeof cause.code !== "string") throw cause;
    // The native message reads "CODE: description, syscall".
    const text = String(cause.message);
    const description = text.slice(cause.code.length + 2, text.length - cause.syscall.length - 2);
    const error = nodeError(SystemError, "ERR_SYSTEM_ERROR", `A system error occurred: ${cause.syscall} returned ${cause.code} (${description})`);
    error.info = { errno: cause.errno, code: cause.code, message: description, syscall: cause.syscall };
    error.errno = cause.errno;
    error.syscall = cause.syscall;
    throw error;
  }
}

function arch() {
  return proc().arch;
}

function platform() {
  return proc().platform;
}

function cpus() {
  return native.cpus();
}

/** The CPUs this process may run on (Node counts the scheduler affinity; rusk counts the CPUs). */
function availableParallelism() {
  return Math.max(1, native.cpus().length);
}

function endianness() {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? "LE" : "BE";
}

function freemem() {
  return native.freemem();
}

function totalmem() {
  return native.totalmem();
}

function uptime() {
  return native.uptime();
}

function loadavg() {
  return native.loadavg();
}

function hostname() {
  return systemCall(native.hostname);
}

function networkInterfaces() {
  return systemCall(native.networkInterfaces);
}

/** $HOME when set, even empty (as libuv reads it), else the user's entry in the password database. */
function homedir() {
  const home = proc().env.HOME;
  if (home !== undefined) return home;
  return systemCall(native.userInfo).homedir;
}

/** $TMPDIR, $TMP or $TEMP (else /tmp), without a trailing slash. */
function tmpdir() {
  const env = proc().env;
  const dir = env.TMPDIR || env.TMP || env.TEMP || "/tmp";
  return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
}

const uname = () => systemCall(native.uname);

function type() {
  return uname().sysname;
}

function release() {
  return uname().release;
}

function version() {
  return uname().version;
}

function machine() {
  return uname().machine;
}

/** The user's uid, gid, name, home and shell; `{ encoding: "buffer" }` gives the texts as Buffers. */
function userInfo(options) {
  const info = systemCall(native.userInfo);
  const encoding = options !== null && typeof options === "object" ? options.encoding : undefined;
  const text = (s) => {
    if (encoding === "buffer") return globalThis.Buffer.from(s, "utf8");
    if (typeof encoding === "string" && encoding !== "utf8" && globalThis.Buffer.isEncoding(encoding)) return globalThis.Buffer.from(s, "utf8").toString(encoding);
    return s;
  };
  return { __proto__: null, uid: info.uid, gid: info.gid, username: text(info.username), homedir: text(info.homedir), shell: text(info.shell) };
}

function getPriority(pid) {
  if (pid === undefined) return systemCall(native.getPriority, 0);
  validateInt32(pid, "pid");
  return systemCall(native.getPriority, pid);
}

function setPriority(pid, priority) {
  let target = pid;
  let value = priority;
  if (value === undefined) {
    value = pid;
    target = 0;
  }
  validateInt32(target, "pid");
  validateInt32(value, "priority", -20, 19);
  systemCall(native.setPriority, target, value);
}

/** A null-prototype object whose properties are read-only, as Node's constants are. */
function constantTable(entries) {
  const table = { __proto__: null };
  for (const [name, value] of entries) Object.defineProperty(table, name, { value, writable: false, enumerable: true, configurable: false });
  return table;
}

// Node lists errno names in ASCII order.
const errnoNames = Object.keys(native.errno).sort();

const constants = constantTable([["UV_UDP_REUSEADDR", 4]]);
Object.assign(constants, {
  // glibc's dlopen flags (Linux, where rusk_node's natives run).
  dlopen: constantTable([
    ["RTLD_LAZY", 1],
    ["RTLD_NOW", 2],
    ["RTLD_GLOBAL", 256],
    ["RTLD_LOCAL", 0],
    ["RTLD_DEEPBIND", 8],
  ]),
  errno: constantTable(errnoNames.map((name) => [name, native.errno[name]])),
  signals: constantTable(Object.entries(native.signals)),
  priority: constantTable([
    ["PRIORITY_LOW", 19],
    ["PRIORITY_BELOW_NORMAL", 10],
    ["PRIORITY_NORMAL", 0],
    ["PRIORITY_ABOVE_NORMAL", -7],
    ["PRIORITY_HIGH", -14],
    ["PRIORITY_HIGHEST", -20],
  ]),
});

const EOL = "\n";
const devNull = "/dev/null";

// Node lets these read as their value in string/number contexts (`${os.hostname}`).
for (const fn of [arch, availableParallelism, endianness, freemem, homedir, hostname, platform, release, tmpdir, totalmem, type, uptime, version, machine]) {
  fn[Symbol.toPrimitive] = () => fn();
}

const os = {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
};
Object.defineProperty(os, "constants", { value: constants, writable: false, enumerable: true, configurable: false });
Object.defineProperty(os, "EOL", { value: EOL, writable: false, enumerable: true, configurable: true });
Object.defineProperty(os, "devNull", { value: devNull, writable: false, enumerable: true, configurable: true });

export default os;
export {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
  constants,
  EOL,
  devNull,
};
