// node:http — Node's HTTP module as far as it works without sockets: the method and status
// tables, header validation, Agent, OutgoingMessage/ServerResponse (headers, head and body
// serialization), IncomingMessage, ClientRequest and Server objects. rusk has no `net` yet:
// server.listen() throws and requests emit 'error', both with ERR_METHOD_NOT_IMPLEMENTED.

import {
  METHODS,
  STATUS_CODES,
  maxHeaderSize,
  setMaxIdleHTTPParsers,
  validateHeaderName,
  validateHeaderValue,
} from "rusk:internal/http_common";
import { Agent, globalAgent, setGlobalAgent } from "rusk:internal/http_agent";
import { OutgoingMessage } from "rusk:internal/http_outgoing";
import { IncomingMessage } from "rusk:internal/http_incoming";
import { Server, ServerResponse } from "rusk:internal/http_server";
import { ClientRequest, kCaller } from "rusk:internal/http_client";

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

export function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

export function get(url, options, cb) {
  const req = new ClientRequest(url, options, cb);
  req[kCaller] = "http.get()";
  req.end();
  return req;
}

export {
  METHODS,
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  validateHeaderName,
  validateHeaderValue,
  setMaxIdleHTTPParsers,
  maxHeaderSize,
  globalAgent,
};

const http = {
  METHODS,
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
  maxHeaderSize,
};
// Setting http.globalAgent changes the agent of requests that name none, as in Node.
Object.defineProperty(http, "globalAgent", {
  get() {
    return globalAgent;
  },
  set(agent) {
    setGlobalAgent(agent);
  },
  enumerable: true,
  configurable: true,
});

export default http;
