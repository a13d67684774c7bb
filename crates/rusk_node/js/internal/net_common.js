// rusk:internal/net_common — what node:net, node:tls, node:http2 and node:dns share: the error
// for everything that needs a socket or a resolver (rusk has neither yet), and the key under
// which a socket keeps the name of the call that tried to connect it.

import { nodeError } from "rusk:internal/errors";

/** `The net.connect() method is not implemented in rusk yet` (code ERR_METHOD_NOT_IMPLEMENTED). */
export function notImplemented(method) {
  return nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${method} method is not implemented in rusk yet`);
}

// "net.connect()", "tls.connect()", ...: named in the error a failed connection reports.
export const kConnectMethod = Symbol("kConnectMethod");
