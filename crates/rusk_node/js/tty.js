// node:tty — isatty(fd), and the ReadStream/WriteStream classes. rusk's process.stdout and
// process.stderr already carry isTTY/columns/rows; the stream classes come with node:stream.
import native from "rusk:native/process";
import { nodeError } from "rusk:internal/errors";

/** Whether `fd` is an open terminal; false for anything that is not a valid descriptor. */
export function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && native.isatty(fd);
}

const notYet = (what) =>
  nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${what}() constructor is not implemented in rusk yet (it comes with node:stream)`);

export class ReadStream {
  constructor() {
    throw notYet("tty.ReadStream");
  }
}

export class WriteStream {
  constructor() {
    throw notYet("tty.WriteStream");
  }
}

export default { isatty, ReadStream, WriteStream };
