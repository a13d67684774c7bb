// rusk:internal/http_agent — http.Agent: the options and socket-pool bookkeeping of Node's agent
// (libraries subclass it and read its fields). Making a connection needs `net`, which rusk does
// not have yet: the methods that would open a socket throw ERR_METHOD_NOT_IMPLEMENTED.

import EventEmitter from "node:events";
import { validateNumber, validateOneOf } from "rusk:internal/errors";
import { notImplemented } from "rusk:internal/http_common";

export function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);
  this.defaultPort = 80;
  this.protocol = "http:";
  this.options = { __proto__: null, ...options };
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  // Sockets of an agent are TCP; the path option is per request.
  this.options.path = null;
  this.requests = { __proto__: null };
  this.sockets = { __proto__: null };
  this.freeSockets = { __proto__: null };
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || "lifo";
  this.maxTotalSockets = this.options.maxTotalSockets;
  this.totalSocketCount = 0;
  validateOneOf(this.scheduling, "scheduling", ["fifo", "lifo"]);
  if (this.maxTotalSockets !== undefined) validateNumber(this.maxTotalSockets, "maxTotalSockets", 1);
  else this.maxTotalSockets = Infinity;
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Agent, EventEmitter);

Agent.defaultMaxSockets = Infinity;

Agent.prototype.createConnection = function createConnection() {
  throw notImplemented("net.createConnection()");
};

/** The pool key of a request: host, port, local address, family and socket path. */
Agent.prototype.getName = function getName(options = {}) {
  let name = `${options.host || "localhost"}:`;
  if (options.port) name += options.port;
  name += ":";
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += `:${options.family}`;
  if (options.socketPath) name += `:${options.socketPath}`;
  return name;
};

Agent.prototype.addRequest = function addRequest() {
  throw notImplemented("agent.addRequest()");
};

Agent.prototype.createSocket = function createSocket() {
  throw notImplemented("agent.createSocket()");
};

Agent.prototype.destroy = function destroy() {
  for (const pool of [this.freeSockets, this.sockets]) {
    for (const name of Object.keys(pool)) for (const socket of pool[name]) socket.destroy();
  }
};

// The agent of requests that name none; `http.globalAgent = x` replaces it.
export let globalAgent = new Agent({ keepAlive: true, scheduling: "lifo", timeout: 5000 });
export function setGlobalAgent(agent) {
  globalAgent = agent;
}
