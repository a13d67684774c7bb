// node:worker_threads over rusk:native/worker: a Worker is another rusk runtime on its own
// thread. Values cross as bytes of node:v8's structured clone (each side serializes and
// deserializes on its own thread; nothing is shared). MessageChannel ports work within a
// thread; ports cannot be transferred to a worker yet, and transfer lists copy rather than move.
import EventEmitter from "node:events";
import { serialize, deserialize } from "node:v8";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as N from "rusk:native/worker";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, validateObject } from "rusk:internal/errors";

const self = N.self();
const init = self ? deserialize(Buffer.from(self.init)) : undefined;

export const isMainThread = self === undefined;
export const threadId = self ? self.id : 0;
export const workerData = init ? init.workerData : null;
export const resourceLimits = {};
export const SHARE_ENV = Symbol.for("nodejs.worker_threads.SHARE_ENV");

const environmentData = new Map(init?.environmentData ?? []);
export function getEnvironmentData(key) {
  return environmentData.get(key);
}
export function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function notImplemented(name) {
  const err = new Error(`The ${name} is not implemented in rusk yet`);
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  return err;
}

function checkTransferList(transferList) {
  const list = Array.isArray(transferList) ? transferList : transferList?.transfer;
  for (const item of list ?? []) {
    if (item instanceof MessagePort) throw notImplemented("transfer of a MessagePort");
  }
}

function encode(value) {
  return serialize(value);
}

function decode(bytes) {
  return deserialize(Buffer.from(bytes));
}

/** A message event for addEventListener users (`event.data`), as Node's MessagePort gives. */
class MessageEventLike {
  constructor(type, data) {
    this.type = type;
    this.data = data;
  }
}

/** Node's MessagePort: an EventEmitter that also speaks addEventListener/onmessage. */
export class MessagePort extends EventEmitter {
  #wrapped = new Map();
  addEventListener(type, listener) {
    const wrapped = (data) => (typeof listener === "function" ? listener.call(this, new MessageEventLike(type, data)) : listener.handleEvent(new MessageEventLike(type, data)));
    this.#wrapped.set(listener, wrapped);
    this.on(type, wrapped);
  }
  removeEventListener(type, listener) {
    const wrapped = this.#wrapped.get(listener);
    if (wrapped) this.off(type, wrapped);
    this.#wrapped.delete(listener);
  }
  set onmessage(fn) {
    this.removeAllListeners("message");
    if (typeof fn === "function") this.addEventListener("message", fn);
  }
  start() {}
}

/** One end of a MessageChannel (same thread): messages arrive on a later macrotask. */
class ChannelPort extends MessagePort {
  other = null;
  closed = false;
  #refd = true;
  postMessage(value, transferList) {
    checkTransferList(transferList);
    if (this.closed || !this.other) return;
    const data = decode(encode(value));
    const target = this.other;
    setImmediate(() => {
      if (!target.closed) target.emit("message", data);
    });
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    const other = this.other;
    setImmediate(() => this.emit("close"));
    if (other && !other.closed) other.close();
  }
  ref() {
    this.#refd = true;
    return this;
  }
  unref() {
    this.#refd = false;
    return this;
  }
  hasRef() {
    return this.#refd && !this.closed;
  }
}

export class MessageChannel {
  constructor() {
    this.port1 = new ChannelPort();
    this.port2 = new ChannelPort();
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

export function receiveMessageOnPort() {
  throw notImplemented("worker_threads.receiveMessageOnPort()");
}

export function markAsUntransferable() {}
export function isMarkedAsUntransferable() {
  return false;
}
export function moveMessagePortToContext() {
  throw notImplemented("worker_threads.moveMessagePortToContext()");
}

/** The worker's side of its link to the parent. */
class ParentPort extends MessagePort {
  #refd = true;
  #closed = false;
  // As a Node port does, it holds messages until something listens for them.
  #queued = [];
  constructor() {
    super();
    N.setParentHandler((kind, bytes) => {
      if (kind !== "message" || this.#closed) return;
      if (this.listenerCount("message") > 0) this.emit("message", decode(bytes));
      else this.#queued.push(bytes);
    });
    // Like Node: the worker stays alive while its parentPort has "message" listeners.
    this.on("newListener", (type) => {
      if (type !== "message") return;
      queueMicrotask(() => {
        this.#syncRef();
        while (this.#queued.length > 0 && this.listenerCount("message") > 0) this.emit("message", decode(this.#queued.shift()));
      });
    });
    this.on("removeListener", (type) => {
      if (type === "message") this.#syncRef();
    });
  }
  #syncRef() {
    N.setParentRef(this.#refd && !this.#closed && this.listenerCount("message") > 0);
  }
  postMessage(value, transferList) {
    checkTransferList(transferList);
    if (this.#closed) return;
    N.postToParent("message", encode(value));
  }
  close() {
    this.#closed = true;
    this.#syncRef();
    queueMicrotask(() => this.emit("close"));
  }
  ref() {
    this.#refd = true;
    this.#syncRef();
    return this;
  }
  unref() {
    this.#refd = false;
    this.#syncRef();
    return this;
  }
}

export const parentPort = self ? new ParentPort() : null;

if (self) {
  // An error nobody in the worker handles goes to the parent's Worker as "error" (then the
  // worker exits with 1), as in Node.
  process.on("uncaughtException", function forwardToParent(err) {
    if (process.listenerCount("uncaughtException") > 1) return;
    let bytes;
    try {
      bytes = encode(err);
    } catch {
      bytes = encode(new Error(String(err)));
    }
    N.postToParent("error", bytes);
    process.exit(1);
  });
  if (init?.env) {
    for (const key of Object.keys(process.env)) if (!(key in init.env)) delete process.env[key];
    Object.assign(process.env, init.env);
  }
}

function entryOf(filename, options) {
  if (options.eval) {
    if (typeof filename !== "string") throw ERR_INVALID_ARG_TYPE("filename", "string", filename);
    return ["eval", filename];
  }
  if (filename instanceof URL || (typeof filename === "string" && filename.startsWith("file:"))) {
    return ["file", fileURLToPath(filename)];
  }
  if (typeof filename !== "string") throw ERR_INVALID_ARG_TYPE("filename", ["string", "URL"], filename);
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) {
    const err = new TypeError(`The worker script or module filename must be an absolute path or a relative path starting with './' or '../'. Received "${filename}"`);
    err.code = "ERR_WORKER_PATH";
    throw err;
  }
  return ["file", path.resolve(filename)];
}

export class Worker extends EventEmitter {
  #id;
  #exitCode;
  #exited;
  #resolveExit;
  constructor(filename, options = {}) {
    super();
    validateObject(options, "options");
    const [kind, entry] = entryOf(filename, options);
    if (options.env !== undefined && options.env !== SHARE_ENV && (options.env === null || typeof options.env !== "object")) {
      throw ERR_INVALID_ARG_VALUE("options.env", options.env, "must be an object or SHARE_ENV");
    }
    if (options.stdin || options.stdout || options.stderr) throw notImplemented("Worker stdin/stdout/stderr options");
    if (options.transferList) checkTransferList(options.transferList);
    const argv = [process.execPath, kind === "file" ? entry : "[worker eval]", ...(options.argv ?? []).map(String)];
    const env = options.env === SHARE_ENV ? undefined : { ...(options.env ?? process.env) };
    const initBytes = encode({ workerData: options.workerData, env, environmentData: [...environmentData] });
    this.#exited = new Promise((resolve) => (this.#resolveExit = resolve));
    this.#id = N.spawn(kind, entry, argv, initBytes, (type, payload) => this.#onEvent(type, payload));
    this.threadId = this.#id;
    this.resourceLimits = { ...(options.resourceLimits ?? {}) };
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
  }

  #onEvent(type, payload) {
    switch (type) {
      case "online":
        this.emit("online");
        break;
      case "message":
        this.emit("message", decode(payload));
        break;
      case "error":
        this.emit("error", decode(payload));
        break;
      case "failed": {
        const err = new Error(payload);
        err.code = "ERR_WORKER_INIT_FAILED";
        this.emit("error", err);
        break;
      }
      case "exit":
        this.#exitCode = payload;
        this.threadId = -1;
        this.#resolveExit(payload);
        this.emit("exit", payload);
        break;
    }
  }

  postMessage(value, transferList) {
    checkTransferList(transferList);
    if (this.#exitCode !== undefined) return;
    N.postToWorker(this.#id, encode(value));
  }

  terminate(callback) {
    // Node: once the worker has exited, terminate() resolves with undefined.
    const done = this.#exitCode === undefined ? this.#exited : Promise.resolve(undefined);
    if (this.#exitCode === undefined) N.terminate(this.#id);
    if (typeof callback === "function") done.then((code) => callback(null, code));
    return done;
  }

  ref() {
    if (this.#exitCode === undefined) N.setRef(this.#id, true);
  }

  unref() {
    if (this.#exitCode === undefined) N.setRef(this.#id, false);
  }

  getHeapSnapshot() {
    return Promise.reject(notImplemented("worker.getHeapSnapshot()"));
  }
}

export class BroadcastChannel {
  constructor() {
    throw notImplemented("BroadcastChannel");
  }
}

const workerThreads = {
  isMainThread,
  threadId,
  workerData,
  parentPort,
  resourceLimits,
  SHARE_ENV,
  Worker,
  MessageChannel,
  MessagePort,
  BroadcastChannel,
  getEnvironmentData,
  setEnvironmentData,
  receiveMessageOnPort,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
};
export default workerThreads;
