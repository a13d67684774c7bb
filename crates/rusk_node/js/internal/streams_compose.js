// rusk:internal/streams_compose — `stream.compose(...streams)`: one Duplex whose writable side
// is the first stream's and readable side the last one's, the streams piped together inside
// (with pipeline). Functions become streams through Duplex.from.

import { AbortError } from "rusk:internal/errors";
import { Duplex } from "rusk:internal/streams_duplex";
import { pipeline } from "rusk:internal/streams_pipeline";
import { destroyer } from "rusk:internal/streams_destroy";
import { eos } from "rusk:internal/streams_end_of_stream";
import { ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, isNodeStream, isReadable, isWritable } from "rusk:internal/streams_utils";

export function compose(...streams) {
  if (streams.length === 0) throw ERR_MISSING_ARGS("streams");
  if (streams.length === 1) return Duplex.from(streams[0]);

  const orgStreams = [...streams];
  if (typeof streams[0] === "function") streams[0] = Duplex.from(streams[0]);
  if (typeof streams[streams.length - 1] === "function") {
    const idx = streams.length - 1;
    streams[idx] = Duplex.from(streams[idx]);
  }

  for (let n = 0; n < streams.length; ++n) {
    if (!isNodeStream(streams[n])) continue;
    if (n < streams.length - 1 && !isReadable(streams[n])) {
      throw ERR_INVALID_ARG_VALUE(`streams[${n}]`, orgStreams[n], "must be readable");
    }
    if (n > 0 && !isWritable(streams[n])) {
      throw ERR_INVALID_ARG_VALUE(`streams[${n}]`, orgStreams[n], "must be writable");
    }
  }

  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);

  const writable = !!isWritable(head);
  const readable = !!isReadable(tail);

  d = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });

  if (writable) {
    d._write = function (chunk, encoding, callback) {
      if (head.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      head.end();
      onfinish = callback;
    };
    head.on("drain", () => {
      if (ondrain) {
        const cb = ondrain;
        ondrain = null;
        cb();
      }
    });
    // The composed stream finishes when the data went all the way through.
    eos(tail, () => {
      if (onfinish) {
        const cb = onfinish;
        onfinish = null;
        cb();
      }
    });
  }

  if (readable) {
    tail.on("readable", () => {
      if (onreadable) {
        const cb = onreadable;
        onreadable = null;
        cb();
      }
    });
    tail.on("end", () => {
      d.push(null);
    });
    d._read = function () {
      while (true) {
        const buf = tail.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) return;
      }
    };
  }

  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (isNodeStream(tail)) destroyer(tail, err);
    if (onclose === null) callback(err);
    else onclose = callback;
  };

  return d;
}
