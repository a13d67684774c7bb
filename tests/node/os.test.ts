import { describe, test, expect } from "bun:test";
import os, { constants, EOL, devNull, hostname, tmpdir, homedir } from "node:os";

// Expectations are Node 20's on Linux. Bun 1.x differs in the module's key order, defines EOL
// as a getter, leaves the constants writable, gives userInfo() a prototype and ignores its
// { encoding: "buffer" }, and does not read $HOME in homedir().

/** The error `fn` throws (toThrow compares only messages; codes are checked with toMatchObject). */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Runs `fn` with environment variables set (undefined: removed), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return fn();
  } finally {
    apply(saved);
  }
}

const NO_SUCH_PID = 2147483646;

describe("module shape", () => {
  test("members", () => {
    expect(Object.keys(os)).toEqual([
      "arch", "availableParallelism", "cpus", "endianness", "freemem", "getPriority", "homedir", "hostname", "loadavg",
      "networkInterfaces", "platform", "release", "setPriority", "tmpdir", "totalmem", "type", "userInfo", "uptime",
      "version", "machine", "constants", "EOL", "devNull",
    ]);
    expect(EOL).toBe("\n");
    expect(devNull).toBe("/dev/null");
    expect(os.hostname).toBe(hostname);
  });

  test("EOL, devNull and constants are read-only", () => {
    expect(Object.getOwnPropertyDescriptor(os, "EOL")).toEqual({ value: "\n", writable: false, enumerable: true, configurable: true });
    expect(Object.getOwnPropertyDescriptor(os, "constants")!.writable).toBe(false);
    expect(Object.getOwnPropertyDescriptor(os, "constants")!.configurable).toBe(false);
  });

  test("functions read as their value in string contexts", () => {
    expect(`${os.hostname}`).toBe(os.hostname());
    expect(`${os.platform}`).toBe(process.platform);
    expect(`${os.endianness}`).toBe(os.endianness());
    expect(Number(os.totalmem)).toBe(os.totalmem());
  });
});

describe("constants", () => {
  test("null-prototype tables with read-only entries", () => {
    expect(Object.getPrototypeOf(constants)).toBeNull();
    expect(Object.keys(constants)).toEqual(["UV_UDP_REUSEADDR", "dlopen", "errno", "signals", "priority"]);
    for (const table of [constants.signals, constants.errno, constants.priority, constants.dlopen]) {
      expect(Object.getPrototypeOf(table)).toBeNull();
    }
    const d = Object.getOwnPropertyDescriptor(constants.signals, "SIGINT")!;
    expect([d.value, d.writable, d.configurable]).toEqual([2, false, false]);
    expect(() => {
      "use strict";
      (constants.signals as any).SIGINT = 99;
    }).toThrow(TypeError);
    expect(constants.signals.SIGINT).toBe(2);
  });

  test("Linux numbers", () => {
    expect(constants.UV_UDP_REUSEADDR).toBe(4);
    expect([constants.signals.SIGHUP, constants.signals.SIGKILL, constants.signals.SIGTERM, constants.signals.SIGCHLD]).toEqual([1, 9, 15, 17]);
    expect([constants.errno.ENOENT, constants.errno.EACCES, constants.errno.EEXIST, constants.errno.ESRCH]).toEqual([2, 13, 17, 3]);
    expect({ ...constants.priority }).toEqual({ PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 });
    expect({ ...constants.dlopen }).toEqual({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 });
    // Node lists errno names in ASCII order.
    const names = Object.keys(constants.errno);
    expect(names).toEqual([...names].sort());
  });
});

describe("machine facts", () => {
  test("arch, platform, type, release, version, machine, endianness", () => {
    expect(os.arch()).toBe(process.arch);
    expect(os.platform()).toBe(process.platform);
    expect(os.type()).toBe("Linux");
    expect(os.release()).toMatch(/^\d+\.\d+/);
    expect(typeof os.version()).toBe("string");
    expect(os.version().length).toBeGreaterThan(0);
    expect(["x86_64", "aarch64", "arm64", "riscv64", "armv7l", "ppc64le", "s390x"]).toContain(os.machine());
    const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    expect(os.endianness()).toBe(little ? "LE" : "BE");
  });

  test("memory: totalmem > freemem > 0", () => {
    expect(os.freemem()).toBeGreaterThan(0);
    expect(os.totalmem()).toBeGreaterThan(os.freemem());
    expect(Number.isInteger(os.totalmem())).toBe(true);
  });

  test("uptime and loadavg", () => {
    expect(os.uptime()).toBeGreaterThan(0);
    const load = os.loadavg();
    expect(load).toHaveLength(3);
    for (const n of load) expect(n).toBeGreaterThanOrEqual(0);
  });

  test("cpus", () => {
    const cpus = os.cpus();
    expect(cpus.length).toBeGreaterThan(0);
    expect(cpus.length).toBe(os.availableParallelism());
    for (const cpu of cpus) {
      expect(typeof cpu.model).toBe("string");
      expect(typeof cpu.speed).toBe("number");
      expect(Object.keys(cpu.times)).toEqual(["user", "nice", "sys", "idle", "irq"]);
      expect(cpu.times.idle).toBeGreaterThan(0);
    }
  });

  test("hostname", () => {
    expect(typeof os.hostname()).toBe("string");
    expect(os.hostname().length).toBeGreaterThan(0);
  });

  test("networkInterfaces: loopback is internal", () => {
    const interfaces = os.networkInterfaces();
    const all = Object.values(interfaces).flat() as os.NetworkInterfaceInfo[];
    expect(all.length).toBeGreaterThan(0);
    for (const info of all) {
      expect(["IPv4", "IPv6"]).toContain(info.family);
      expect(info.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(info.cidr).toStartWith(`${info.address}/`);
      if (info.family === "IPv6") expect(typeof (info as os.NetworkInterfaceInfoIPv6).scopeid).toBe("number");
    }
    const loopback = all.find((i) => i.address === "127.0.0.1");
    expect(loopback).toMatchObject({ netmask: "255.0.0.0", internal: true, cidr: "127.0.0.1/8", mac: "00:00:00:00:00:00" });
  });
});

describe("user and directories", () => {
  test("userInfo", () => {
    const info = os.userInfo();
    expect(Object.getPrototypeOf(info)).toBeNull();
    expect(Object.keys(info)).toEqual(["uid", "gid", "username", "homedir", "shell"]);
    expect(info.uid).toBe(process.getuid!());
    expect(info.gid).toBe(process.getgid!());
    expect(typeof info.username).toBe("string");
  });

  test("userInfo({ encoding: 'buffer' }) gives Buffers", () => {
    const info = os.userInfo({ encoding: "buffer" });
    expect(Buffer.isBuffer(info.username)).toBe(true);
    expect(info.username.toString()).toBe(os.userInfo().username);
    expect(typeof os.userInfo("buffer" as any).username).toBe("string");
  });

  test("homedir reads HOME first, even when empty", () => {
    expect(withEnv({ HOME: "/some/home" }, () => homedir())).toBe("/some/home");
    expect(withEnv({ HOME: "" }, () => homedir())).toBe("");
    expect(withEnv({ HOME: undefined }, () => homedir())).toBe(os.userInfo().homedir);
  });

  test("tmpdir reads TMPDIR, TMP, TEMP and drops a trailing slash", () => {
    const none = { TMPDIR: undefined, TMP: undefined, TEMP: undefined };
    expect(withEnv(none, () => tmpdir())).toBe("/tmp");
    expect(withEnv({ ...none, TMPDIR: "/x/" }, () => tmpdir())).toBe("/x");
    expect(withEnv({ ...none, TMPDIR: "/" }, () => tmpdir())).toBe("/");
    expect(withEnv({ ...none, TMP: "/t" }, () => tmpdir())).toBe("/t");
    expect(withEnv({ ...none, TEMP: "/e/" }, () => tmpdir())).toBe("/e");
    expect(withEnv({ ...none, TMPDIR: "", TMP: "/t2" }, () => tmpdir())).toBe("/t2");
  });
});

describe("priorities", () => {
  test("getPriority of this process", () => {
    const p = os.getPriority();
    expect(p).toBeGreaterThanOrEqual(-20);
    expect(p).toBeLessThanOrEqual(19);
    expect(os.getPriority(0)).toBe(p);
    expect(os.getPriority(process.pid)).toBe(p);
  });

  test("setPriority to the current value", () => {
    const p = os.getPriority();
    expect(os.setPriority(p)).toBeUndefined();
    expect(os.setPriority(0, p)).toBeUndefined();
    expect(os.getPriority()).toBe(p);
  });

  test("argument errors", () => {
    expect(thrown(() => os.getPriority("1" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "pid" argument must be of type number. Received type string ('1')` });
    expect(thrown(() => os.getPriority(1.5))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "pid" is out of range. It must be an integer. Received 1.5' });
    expect(thrown(() => os.getPriority(2 ** 31))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "pid" is out of range. It must be >= -2147483648 && <= 2147483647. Received 2147483648' });
    expect(thrown(() => os.setPriority(20))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "priority" is out of range. It must be >= -20 && <= 19. Received 20' });
    expect(thrown(() => os.setPriority(0, "x" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "priority" argument must be of type number. Received type string ('x')` });
    expect(thrown(() => (os.setPriority as any)())).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "priority" argument must be of type number. Received undefined' });
  });

  test("a process that does not exist is a SystemError", () => {
    const error = thrown(() => os.getPriority(NO_SUCH_PID));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SystemError");
    expect(error).toMatchObject({
      code: "ERR_SYSTEM_ERROR",
      message: "A system error occurred: uv_os_getpriority returned ESRCH (no such process)",
      errno: -3,
      syscall: "uv_os_getpriority",
      info: { errno: -3, code: "ESRCH", message: "no such process", syscall: "uv_os_getpriority" },
    });
    expect(thrown(() => os.setPriority(NO_SUCH_PID, 0))).toMatchObject({ code: "ERR_SYSTEM_ERROR", syscall: "uv_os_setpriority" });
  });
});
