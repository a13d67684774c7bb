// rusk:internal/streams_add_abort_signal — `stream.addAbortSignal(signal, stream)`: aborting the
// signal destroys the stream with an AbortError (whose `cause` is the signal's reason).

import { addAbortListener } from "node:events";
import { AbortError, ERR_INVALID_ARG_TYPE, validateAbortSignal } from "rusk:internal/errors";
import { eos } from "rusk:internal/streams_end_of_stream";
import { isNodeStream, isWebStream, kControllerErrorFunction, kDispose } from "rusk:internal/streams_utils";

export function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, "signal");
  if (!isNodeStream(stream) && !isWebStream(stream)) {
    throw ERR_INVALID_ARG_TYPE("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

export function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== "object" || !("aborted" in signal)) return stream;
  const onAbort = isNodeStream(stream)
    ? () => stream.destroy(new AbortError(undefined, { cause: signal.reason }))
    : () => stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason }));
  if (signal.aborted) {
    onAbort();
  } else {
    const disposable = addAbortListener(signal, onAbort);
    eos(stream, () => disposable[kDispose]());
  }
  return stream;
}
