// node:stream/promises — `pipeline` and `finished` returning promises. pipeline's last
// argument may be an options object (`{ signal, end }`).

import { pipelineImpl } from "rusk:internal/streams_pipeline";
import { finishedPromise } from "rusk:internal/streams_end_of_stream";
import { isIterable, isNodeStream, isWebStream } from "rusk:internal/streams_utils";

export function pipeline(...streams) {
  return new Promise((resolve, reject) => {
    let signal;
    let end;
    const lastArg = streams[streams.length - 1];
    if (lastArg && typeof lastArg === "object" && !isNodeStream(lastArg) && !isIterable(lastArg) && !isWebStream(lastArg)) {
      const options = streams.pop();
      signal = options.signal;
      end = options.end;
    }
    pipelineImpl(
      streams,
      (err, value) => {
        if (err) reject(err);
        else resolve(value);
      },
      { signal, end },
    );
  });
}

export const finished = finishedPromise;

export default { pipeline, finished };
