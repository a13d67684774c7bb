// rusk:internal/streams_duplex_pair — `stream.duplexPair(options)`: two Duplexes wired to each
// other, what one writes the other reads (like the two ends of a socket).

import { Duplex } from "rusk:internal/streams_duplex";
import { nextTick } from "rusk:internal/streams_utils";

const kCallback = Symbol("kCallback");
const kOtherSide = Symbol("kOtherSide");

let DuplexSide;

function duplexSideClass() {
  DuplexSide ??= class DuplexSide extends Duplex {
    constructor(options) {
      super(options);
      this[kCallback] = null;
      this[kOtherSide] = null;
    }

    _read() {
      // The other side's write completes once this side is read from.
      const callback = this[kCallback];
      if (callback) {
        this[kCallback] = null;
        callback();
      }
    }

    _write(chunk, encoding, callback) {
      if (chunk.length === 0) {
        nextTick(callback);
      } else {
        this[kOtherSide].push(chunk);
        this[kOtherSide][kCallback] = callback;
      }
    }

    _final(callback) {
      this[kOtherSide].on("end", callback);
      this[kOtherSide].push(null);
    }
  };
  return DuplexSide;
}

export function duplexPair(options) {
  const Side = duplexSideClass();
  const side0 = new Side(options);
  const side1 = new Side(options);
  side0[kOtherSide] = side1;
  side1[kOtherSide] = side0;
  return [side0, side1];
}
