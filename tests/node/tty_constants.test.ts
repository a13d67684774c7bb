import { describe, expect, test } from "bun:test";
import tty, { isatty } from "node:tty";
import constants from "node:constants";
import os from "node:os";
import fs from "node:fs";

describe("node:tty", () => {
  test("isatty is false for pipes, invalid and non-integer descriptors", () => {
    // Under `rusk test` (and cargo test) stdin is not a terminal; a file descriptor of a
    // regular file never is.
    const fd = fs.openSync(import.meta.path, "r");
    expect(isatty(fd)).toBe(false);
    fs.closeSync(fd);
    expect(tty.isatty(99999)).toBe(false);
    expect(tty.isatty(-1)).toBe(false);
    expect(tty.isatty("1" as any)).toBe(false);
    expect(tty.isatty(1.5)).toBe(false);
  });
  test("isatty agrees with process.stdout.isTTY", () => {
    expect(tty.isatty(1)).toBe(Boolean(process.stdout.isTTY));
  });
  test("ReadStream and WriteStream exist", () => {
    expect(typeof tty.ReadStream).toBe("function");
    expect(typeof tty.WriteStream).toBe("function");
  });
});

describe("node:constants", () => {
  test("is the flat union of os and fs constants, frozen", () => {
    expect(constants.O_RDONLY).toBe(fs.constants.O_RDONLY);
    expect(constants.O_CREAT).toBe(fs.constants.O_CREAT);
    expect(constants.SIGINT).toBe(os.constants.signals.SIGINT);
    expect(constants.ENOENT).toBe(os.constants.errno.ENOENT);
    expect(constants.RTLD_LAZY).toBe(os.constants.dlopen.RTLD_LAZY);
    expect(constants.PRIORITY_LOW).toBe(os.constants.priority.PRIORITY_LOW);
    expect(Object.isFrozen(constants)).toBe(true);
    expect(require("constants")).toBe(constants);
  });
});
