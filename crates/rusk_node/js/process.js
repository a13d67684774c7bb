// node:process — the global `process` object (upgraded to Node's by
// rusk:internal/process_object), with its members as named exports. Importing this module makes
// process.stdin/stdout/stderr at once, since they are named exports here.
import process, { hrtime, cpuUsage, umask, kill, emitWarning, chdir } from "rusk:internal/process_object";

export default process;
export const {
  argv, argv0, execArgv, execPath, env, pid, ppid, platform, arch, version, versions, release, config, features,
  stdout, stderr, stdin, title, allowedNodeEnvironmentFlags,
} = process;
export const cwd = (...a) => process.cwd(...a);
export const exit = (...a) => process.exit(...a);
export const nextTick = (...a) => process.nextTick(...a);
export const on = (...a) => process.on(...a);
export const once = (...a) => process.once(...a);
export const off = (...a) => process.off(...a);
export const emit = (...a) => process.emit(...a);
export { hrtime, cpuUsage, umask, kill, emitWarning, chdir };
export const memoryUsage = process.memoryUsage;
export const uptime = process.uptime;
export const resourceUsage = process.resourceUsage;
export const abort = process.abort;
export const getuid = process.getuid;
export const geteuid = process.geteuid;
export const getgid = process.getgid;
export const getegid = process.getegid;
