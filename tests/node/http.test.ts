import { describe, test, expect } from "bun:test";
import http, { METHODS, STATUS_CODES, Agent, IncomingMessage, OutgoingMessage, ServerResponse } from "node:http";
import https from "node:https";
import { Readable, Writable } from "node:stream";

// Expectations are Node 20's. rusk has no sockets yet: where Node would connect, rusk's requests
// fail with ERR_METHOD_NOT_IMPLEMENTED, the way a refused connection fails in Node and Bun (the
// requests below go to 127.0.0.1:1, where nothing listens). Bun differs from Node in the module's
// key order, a default writableHighWaterMark of 65536, writableFinished of a response that has no
// socket, and https.Server inheriting from http.Server; nothing below depends on those.

const isRusk = !!(process as any).versions?.rusk;
const isBun = !!(process as any).versions?.bun && !isRusk;
const NOWHERE = "http://127.0.0.1:1";

/** The error `fn` throws. */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** A request to an address where nothing listens, whose error is recorded rather than thrown. */
function quietRequest(...args: any[]): http.ClientRequest {
  const req = (http.request as any)(...args);
  req.on("error", () => {});
  return req;
}

/** An incoming HTTP/1.1 GET, as a server's parser would make it. */
function incomingGet(method = "GET", minor = 1): IncomingMessage {
  const req = new IncomingMessage(null as any);
  req.method = method;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = minor;
  req.headers = {};
  return req;
}

/** A writable "socket" collecting what is written to it. */
function collector(): Writable & { text(): string } {
  const chunks: string[] = [];
  const socket = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & { text(): string };
  socket.text = () => chunks.join("");
  return socket;
}

describe("module shape", () => {
  test("members", () => {
    for (const name of [
      "METHODS", "STATUS_CODES", "Agent", "ClientRequest", "IncomingMessage", "OutgoingMessage", "Server", "ServerResponse",
      "createServer", "validateHeaderName", "validateHeaderValue", "get", "request", "setMaxIdleHTTPParsers", "maxHeaderSize", "globalAgent",
    ]) {
      expect(http).toHaveProperty(name);
    }
    expect(Object.keys(https).sort()).toEqual(["Agent", "Server", "createServer", "get", "globalAgent", "request"]);
    expect(http.maxHeaderSize).toBe(16384);
    expect(http.METHODS).toBe(METHODS);
  });

  test("METHODS is Node 20's sorted list", () => {
    expect(METHODS).toEqual([
      "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY",
      "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY",
      "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE",
    ]);
    expect([...METHODS].sort()).toEqual(METHODS);
  });

  test("STATUS_CODES is Node 20's table", () => {
    expect(Object.keys(STATUS_CODES)).toHaveLength(63);
    expect(STATUS_CODES[200]).toBe("OK");
    expect(STATUS_CODES[103]).toBe("Early Hints");
    expect(STATUS_CODES[418]).toBe("I'm a Teapot");
    expect(STATUS_CODES[425]).toBe("Too Early");
    expect(STATUS_CODES[509]).toBe("Bandwidth Limit Exceeded");
    expect(STATUS_CODES[306]).toBeUndefined();
    expect(Object.keys(STATUS_CODES).slice(0, 5)).toEqual(["100", "101", "102", "103", "200"]);
  });
});

describe("header validation", () => {
  test("validateHeaderName accepts tokens and rejects the rest", () => {
    expect(http.validateHeaderName("x-ok_#$!~")).toBeUndefined();
    for (const [name, shown] of [["a b", "a b"], ["", ""], [5, "5"], [undefined, "undefined"], ["a:b", "a:b"]]) {
      const error = thrown(() => http.validateHeaderName(name as any));
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ code: "ERR_INVALID_HTTP_TOKEN", message: `Header name must be a valid HTTP token ["${shown}"]` });
    }
    expect(thrown(() => (http.validateHeaderName as any)("a b", "Label")).message).toBe('Label must be a valid HTTP token ["a b"]');
  });

  test("validateHeaderValue: undefined, then forbidden characters", () => {
    expect(thrown(() => http.validateHeaderValue("x", undefined))).toMatchObject({
      name: "TypeError",
      code: "ERR_HTTP_INVALID_HEADER_VALUE",
      message: 'Invalid value "undefined" for header "x"',
    });
    for (const value of ["a\nb", "a\rb", "a\0b", "a\x7fb", "a\u0100b", ["a", "b\r"]]) {
      expect(thrown(() => http.validateHeaderValue("x", value))).toMatchObject({
        name: "TypeError",
        code: "ERR_INVALID_CHAR",
        message: 'Invalid character in header content ["x"]',
      });
    }
    // Tabs, obs-text (0x80-0xff), numbers and null are allowed.
    for (const value of ["a\tb", "caf\u00e9\u00ff", 5, null, ["a", "b"]]) expect(http.validateHeaderValue("x", value)).toBeUndefined();
  });

  test("setMaxIdleHTTPParsers takes an integer >= 1", () => {
    expect(http.setMaxIdleHTTPParsers(5)).toBeUndefined();
    expect(thrown(() => http.setMaxIdleHTTPParsers("x" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    expect(thrown(() => http.setMaxIdleHTTPParsers(0))).toMatchObject({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
      message: 'The value of "max" is out of range. It must be >= 1 && <= 9007199254740991. Received 0',
    });
    expect(thrown(() => http.setMaxIdleHTTPParsers(1.5)).code).toBe("ERR_OUT_OF_RANGE");
  });
});

describe("Agent", () => {
  test("defaults", () => {
    const agent = new Agent();
    expect(agent).toBeInstanceOf((http as any).Agent);
    expect(typeof agent.on).toBe("function");
    expect(agent.defaultPort).toBe(80);
    expect(agent.protocol).toBe("http:");
    expect({ ...agent.options }).toEqual({ noDelay: true, path: null });
    expect(Object.getPrototypeOf(agent.options)).toBeNull();
    expect(agent.keepAlive).toBe(false);
    expect(agent.keepAliveMsecs).toBe(1000);
    expect(agent.maxSockets).toBe(Infinity);
    expect(agent.maxFreeSockets).toBe(256);
    expect(agent.maxTotalSockets).toBe(Infinity);
    expect(agent.scheduling).toBe("lifo");
    expect(agent.totalSocketCount).toBe(0);
    expect({ ...agent.sockets, ...agent.freeSockets, ...agent.requests }).toEqual({});
    expect((Agent as any).defaultMaxSockets).toBe(Infinity);
  });

  test("options are kept and applied", () => {
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 50, maxSockets: 5, maxFreeSockets: 2, maxTotalSockets: 9, scheduling: "fifo", timeout: 100, foo: 1 } as any);
    expect([agent.keepAlive, agent.keepAliveMsecs, agent.maxSockets, agent.maxFreeSockets, agent.maxTotalSockets, agent.scheduling]).toEqual([true, 50, 5, 2, 9, "fifo"]);
    expect((agent.options as any).foo).toBe(1);
    expect((agent.options as any).timeout).toBe(100);
    // 0 means the default.
    expect(new Agent({ maxSockets: 0, maxFreeSockets: 0 }).maxSockets).toBe(Infinity);
  });

  test("invalid options", () => {
    expect(thrown(() => new Agent({ scheduling: "x" as any }))).toMatchObject({
      code: "ERR_INVALID_ARG_VALUE",
      message: "The argument 'scheduling' must be one of: 'fifo', 'lifo'. Received 'x'",
    });
    expect(thrown(() => new Agent({ maxTotalSockets: 0 }))).toMatchObject({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
      message: 'The value of "maxTotalSockets" is out of range. It must be >= 1. Received 0',
    });
    expect(thrown(() => new Agent({ maxTotalSockets: "x" as any })).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("getName is the pool key", () => {
    const agent = new Agent();
    expect(agent.getName({})).toBe("localhost::");
    expect(agent.getName({ host: "x", port: 80, localAddress: "l", family: 6 })).toBe("x:80:l:6");
    expect(agent.getName({ host: "x", family: 5 } as any)).toBe("x::");
    expect(agent.getName({ socketPath: "/s" })).toBe("localhost:::/s");
  });

  test("can be called without new and subclassed both ways", () => {
    const plain = (Agent as any)({ keepAlive: true });
    expect(plain).toBeInstanceOf(Agent);
    expect(plain.keepAlive).toBe(true);

    class Pooled extends Agent {
      constructor() {
        super({ maxSockets: 3 });
      }
    }
    const pooled = new Pooled();
    expect(pooled).toBeInstanceOf(Agent);
    expect(pooled.maxSockets).toBe(3);

    function Legacy(this: any) {
      Agent.call(this, { maxFreeSockets: 7 });
    }
    Object.setPrototypeOf(Legacy.prototype, Agent.prototype);
    const legacy = new (Legacy as any)();
    expect(legacy.maxFreeSockets).toBe(7);
    expect(legacy.getName({ host: "h" })).toBe("h::");
  });

  test("globalAgent keeps sockets alive", () => {
    expect(http.globalAgent).toBeInstanceOf(Agent);
    expect(http.globalAgent.keepAlive).toBe(true);
    expect({ ...http.globalAgent.options }).toEqual({ keepAlive: true, scheduling: "lifo", timeout: 5000, noDelay: true, path: null });
  });

  test("https.Agent: port 443, https:, TLS options in the key, session cache", () => {
    const agent = new https.Agent();
    expect(agent).toBeInstanceOf(Agent);
    expect([agent.defaultPort, (agent as any).protocol]).toEqual([443, "https:"]);
    expect((agent as any).maxCachedSessions).toBe(100);
    expect((new https.Agent({ maxCachedSessions: 5 }) as any).maxCachedSessions).toBe(5);
    expect((agent as any)._sessionCache).toEqual({ map: {}, list: [] });
    expect(agent.getName({ host: "x", port: 443, ca: "c", servername: "sn", rejectUnauthorized: false } as any)).toBe("x:443::c::::::false:sn::::::::::::");
    expect((https as any).Agent().defaultPort).toBe(443);
    expect(https.globalAgent).toBeInstanceOf(https.Agent);
    expect(https.globalAgent).not.toBe(http.globalAgent);
    expect(https.globalAgent.keepAlive).toBe(true);
  });
});

describe("OutgoingMessage headers", () => {
  test("set, get, list and remove, case-insensitively", () => {
    const msg = new OutgoingMessage();
    expect(msg.setHeader("Content-Type", "text/plain")).toBe(msg);
    msg.setHeader("X-Multi", ["a", "b"]);
    msg.setHeader("X-Num", 5);
    expect(msg.getHeader("content-type")).toBe("text/plain");
    expect(msg.getHeader("X-MULTI")).toEqual(["a", "b"]);
    expect(msg.getHeader("x-num")).toBe(5);
    expect(msg.getHeader("missing")).toBeUndefined();
    expect(msg.hasHeader("X-NUM")).toBe(true);
    expect(msg.getHeaderNames()).toEqual(["content-type", "x-multi", "x-num"]);
    expect(msg.getRawHeaderNames()).toEqual(["Content-Type", "X-Multi", "X-Num"]);
    const headers = msg.getHeaders();
    expect(Object.getPrototypeOf(headers)).toBeNull();
    expect({ ...headers }).toEqual({ "content-type": "text/plain", "x-multi": ["a", "b"], "x-num": 5 });

    msg.setHeader("content-type", "text/html");
    expect(msg.getRawHeaderNames()).toEqual(["content-type", "X-Multi", "X-Num"]);
    msg.removeHeader("X-NUM");
    expect(msg.hasHeader("x-num")).toBe(false);
    expect(msg.getHeaderNames()).toEqual(["content-type", "x-multi"]);
    msg.removeHeader("never-set");
    expect(new OutgoingMessage().getHeaderNames()).toEqual([]);
  });

  test("appendHeader adds values to the first one's name", () => {
    const msg = new OutgoingMessage();
    msg.setHeader("X-Multi", ["a", "b"]);
    msg.setHeader("X-Num", 5);
    expect(msg.appendHeader("x-multi", "c")).toBe(msg);
    msg.appendHeader("x-new", "1");
    msg.appendHeader("X-New", ["2", "3"]);
    msg.appendHeader("x-num", "6");
    expect({ ...msg.getHeaders() }).toEqual({ "x-multi": ["a", "b", "c"], "x-num": [5, "6"], "x-new": ["1", "2", "3"] });
    expect(msg.getRawHeaderNames()).toEqual(["X-Multi", "X-Num", "x-new"]);
  });

  test("setHeaders takes a Map", () => {
    const msg = new OutgoingMessage();
    msg.setHeaders(new Map<string, any>([["X-A", "1"], ["set-cookie", ["a=1", "b=2"]]]));
    expect({ ...msg.getHeaders() }).toEqual({ "x-a": "1", "set-cookie": ["a=1", "b=2"] });
    for (const bad of [{ a: 1 }, null, 5, [["a", "1"]]]) {
      expect(thrown(() => msg.setHeaders(bad as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    }
    expect(thrown(() => msg.setHeaders({ a: 1 } as any)).message).toBe(
      'The "headers" argument must be an instance of Headers or Map. Received an instance of Object',
    );
  });

  test("invalid names and values", () => {
    const msg = new OutgoingMessage();
    expect(thrown(() => msg.setHeader("bad name", "x"))).toMatchObject({ code: "ERR_INVALID_HTTP_TOKEN", message: 'Header name must be a valid HTTP token ["bad name"]' });
    expect(thrown(() => msg.setHeader("x-u", undefined as any))).toMatchObject({ code: "ERR_HTTP_INVALID_HEADER_VALUE", message: 'Invalid value "undefined" for header "x-u"' });
    expect(thrown(() => msg.setHeader("x-u", "a\n"))).toMatchObject({ code: "ERR_INVALID_CHAR" });
    expect(thrown(() => msg.appendHeader("bad name", "x")).code).toBe("ERR_INVALID_HTTP_TOKEN");
    expect(thrown(() => msg.appendHeader("x-a", undefined as any)).code).toBe("ERR_HTTP_INVALID_HEADER_VALUE");
    for (const call of [() => msg.getHeader(5 as any), () => msg.hasHeader(5 as any), () => msg.removeHeader(5 as any)]) {
      expect(thrown(call)).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "name" argument must be of type string. Received type number (5)' });
    }
    expect(msg.getHeaderNames()).toEqual([]);
  });

  test("headers cannot change once the head is built", () => {
    const msg = new OutgoingMessage();
    msg.setHeader("a", "1");
    (msg as any)._header = "GET / HTTP/1.1\r\n\r\n";
    expect(msg.headersSent).toBe(true);
    const sent = (action: string) => ({ code: "ERR_HTTP_HEADERS_SENT", message: `Cannot ${action} headers after they are sent to the client` });
    expect(thrown(() => msg.setHeader("a", "2"))).toMatchObject(sent("set"));
    expect(thrown(() => msg.removeHeader("a"))).toMatchObject(sent("remove"));
    expect(thrown(() => msg.appendHeader("a", "2"))).toMatchObject(sent("append"));
    expect(thrown(() => msg.setHeaders(new Map()))).toMatchObject(sent("set"));
    expect(msg.getHeader("a")).toBe("1");
  });

  test("state before anything is written", () => {
    const msg = new OutgoingMessage();
    expect(msg).toBeInstanceOf(OutgoingMessage);
    expect(typeof msg.on).toBe("function");
    expect(msg instanceof Writable).toBe(false);
    expect([msg.headersSent, msg.writableEnded, msg.finished, msg.writableLength, msg.writableCorked, msg.writableObjectMode]).toEqual([false, false, false, 0, 0, false]);
    expect([msg.socket, msg.connection, (msg as any)._header]).toEqual([null, null, null]);
    expect([msg.sendDate, msg.chunkedEncoding, msg.writable, msg.destroyed]).toEqual([false, false, true, false]);
  });

  test("a bare OutgoingMessage cannot build a head; bad chunks are refused first", () => {
    const msg = new OutgoingMessage();
    expect(thrown(() => msg.write("x"))).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", message: "The _implicitHeader() method is not implemented" });
    expect(thrown(() => msg.end("x")).code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
    expect(thrown(() => new OutgoingMessage().write(5 as any))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received type number (5)',
    });
    expect(thrown(() => new OutgoingMessage().pipe(new Writable()))).toMatchObject({ code: "ERR_STREAM_CANNOT_PIPE" });
  });

  test("addTrailers checks names and values", () => {
    const msg = new OutgoingMessage();
    msg.addTrailers({ "X-T": "1", "X-L": ["a", "b"] });
    expect((msg as any)._trailer).toBe("X-T: 1\r\nX-L: a\r\nX-L: b\r\n");
    expect(thrown(() => msg.addTrailers({ "x t": "1" }))).toMatchObject({ code: "ERR_INVALID_HTTP_TOKEN", message: 'Trailer name must be a valid HTTP token ["x t"]' });
    expect(thrown(() => msg.addTrailers({ xt: "1\n" }))).toMatchObject({ code: "ERR_INVALID_CHAR", message: 'Invalid character in trailer content ["xt"]' });
  });
});

describe("IncomingMessage", () => {
  test("is a Readable with an empty head", () => {
    const msg = new IncomingMessage(null as any);
    expect(msg).toBeInstanceOf(Readable);
    expect([msg.socket, msg.url, msg.method, msg.statusCode, msg.statusMessage, msg.complete, msg.aborted]).toEqual([null, "", null, null, null, false, false]);
    expect([msg.rawHeaders, msg.rawTrailers, msg.headers, msg.trailers]).toEqual([[], [], {}, {}]);
    expect(msg.httpVersion).toBeNull();
  });

  test("headers from raw lines follow Node's duplicate rules", () => {
    const msg = new IncomingMessage(null as any);
    const raw = ["Host", "a", "host", "a2", "Set-Cookie", "x=1", "set-cookie", "y=2", "X-Dup", "1", "x-dup", "2", "Content-Type", "t1", "content-type", "t2", "Cookie", "c=1", "cookie", "d=2"];
    (msg as any)._addHeaderLines(raw, raw.length);
    expect(msg.rawHeaders).toBe(raw);
    expect(msg.headers).toEqual({ host: "a", "set-cookie": ["x=1", "y=2"], "x-dup": "1, 2", "content-type": "t1", cookie: "c=1; d=2" });
    expect({ ...msg.headersDistinct }).toEqual({
      host: ["a", "a2"], "set-cookie": ["x=1", "y=2"], "x-dup": ["1", "2"], "content-type": ["t1", "t2"], cookie: ["c=1", "d=2"],
    });
    // Lines that arrive after the body are trailers.
    msg.complete = true;
    (msg as any)._addHeaderLines(["Trail", "1", "trail", "2"], 4);
    expect(msg.trailers).toEqual({ trail: "1, 2" });
    expect(msg.rawTrailers).toEqual(["Trail", "1", "trail", "2"]);
    expect(msg.headers.trail).toBeUndefined();
  });

  test("headers can be assigned", () => {
    const msg = new IncomingMessage(null as any);
    msg.headers = { a: "1" };
    expect(msg.headers).toEqual({ a: "1" });
  });

  test("the body is what is pushed", async () => {
    const msg = new IncomingMessage(null as any);
    msg.push("ab");
    msg.push("c");
    msg.push(null);
    const chunks: string[] = [];
    for await (const chunk of msg) chunks.push(String(chunk));
    expect(chunks.join("")).toBe("abc");
    expect(msg.readableEnded).toBe(true);
  });
});

describe("ServerResponse", () => {
  test("defaults", () => {
    const req = incomingGet();
    const res = new ServerResponse(req);
    expect(res).toBeInstanceOf(OutgoingMessage);
    expect([res.statusCode, res.statusMessage, res.sendDate, res.req, res.headersSent]).toEqual([200, undefined, true, req, false]);
  });

  test("writeHead builds the head from stored and given headers", () => {
    const res = new ServerResponse(incomingGet());
    res.sendDate = false;
    res.setHeader("X-Pre", "p");
    expect(res.writeHead(201, { "X-A": "1" })).toBe(res);
    expect(res.headersSent).toBe(true);
    expect(res.statusMessage).toBe("Created");
    expect(res.getHeader("x-a")).toBe("1");
    expect((res as any)._header).toBe("HTTP/1.1 201 Created\r\nX-Pre: p\r\nX-A: 1\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n");
    expect(thrown(() => res.setHeader("a", "b")).code).toBe("ERR_HTTP_HEADERS_SENT");
    expect(thrown(() => res.writeHead(200)).code).toBe("ERR_HTTP_HEADERS_SENT");
  });

  test("writeHead: reason, Date, HEAD and HTTP/1.0", () => {
    const res = new ServerResponse(incomingGet());
    res.writeHead(404, "Nope", { "Content-Length": 0 });
    expect((res as any)._header).toMatch(/^HTTP\/1\.1 404 Nope\r\nContent-Length: 0\r\nDate: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: keep-alive\r\n\r\n$/);

    const head = new ServerResponse(incomingGet("HEAD", 0));
    head.sendDate = false;
    head.end();
    expect((head as any)._header).toBe("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
  });

  test("writeHead rejects bad status codes and messages", () => {
    const res = new ServerResponse(incomingGet());
    expect(thrown(() => res.writeHead(99))).toMatchObject({ name: "RangeError", code: "ERR_HTTP_INVALID_STATUS_CODE", message: "Invalid status code: 99" });
    expect(thrown(() => res.writeHead(1000)).message).toBe("Invalid status code: 1000");
    expect(thrown(() => res.writeHead(200, "bad\nmsg"))).toMatchObject({ code: "ERR_INVALID_CHAR", message: "Invalid character in statusMessage" });
    expect(new ServerResponse(incomingGet()).headersSent).toBe(false);
  });

  test("end(body) sets Content-Length; the message waits for a socket", () => {
    const res = new ServerResponse(incomingGet());
    res.sendDate = false;
    res.end("abc");
    expect(res.writableEnded).toBe(true);
    expect(res.outputData.map((entry: any) => String(entry.data)).join("")).toBe("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc");
    expect(res.outputSize).toBe(65);
  });

  test("a socket given later gets the queued bytes; then prefinish, finish, end's callback", async () => {
    const res = new ServerResponse(incomingGet());
    res.sendDate = false;
    res.setHeader("Content-Type", "text/plain");
    const events: string[] = [];
    res.on("prefinish", () => events.push("prefinish"));
    res.on("finish", () => events.push("finish"));
    const ended = new Promise<void>((resolve) => res.end("world", () => resolve()));
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual([]);

    const socket = collector();
    res.assignSocket(socket as any);
    expect(res.socket).toBe(socket);
    await ended;
    expect(events).toEqual(["prefinish", "finish"]);
    expect(socket.text()).toBe("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nworld");
  });

  test("chunked body through an assigned socket", async () => {
    const res = new ServerResponse(incomingGet());
    res.sendDate = false;
    const socket = collector();
    res.assignSocket(socket as any);
    res.write("hello ");
    res.write(new Uint8Array([0x21]));
    await new Promise<void>((resolve) => res.end(resolve));
    expect(socket.text()).toBe("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n1\r\n!\r\n0\r\n\r\n");
    expect(thrown(() => new ServerResponse(incomingGet()).assignSocket(socket as any))).toMatchObject({
      code: "ERR_HTTP_SOCKET_ASSIGNED",
      message: "ServerResponse has an already assigned socket",
    });
  });

  test("writing after end reports write after end", async () => {
    const res = new ServerResponse(incomingGet());
    res.end();
    const error = await new Promise<any>((resolve) => {
      res.on("error", () => {});
      res.write("x", resolve);
    });
    expect(error).toMatchObject({ code: "ERR_STREAM_WRITE_AFTER_END", message: "write after end" });
  });

  test("subclasses, old and new style", () => {
    class Custom extends ServerResponse {}
    const custom = new Custom(incomingGet());
    expect(custom.statusCode).toBe(200);
    function Legacy(this: any, req: IncomingMessage) {
      ServerResponse.call(this, req);
    }
    Object.setPrototypeOf(Legacy.prototype, ServerResponse.prototype);
    const legacy = new (Legacy as any)(incomingGet("HEAD"));
    legacy.setHeader("a", "1");
    expect(legacy.getHeader("a")).toBe("1");
    expect(legacy.sendDate).toBe(true);
  });
});

describe("ClientRequest", () => {
  test("options become method, path, host and headers", () => {
    const req = quietRequest(`http://user:pw@127.0.0.1:1/a?b=1`, { method: "post", headers: { "X-A": "1" } });
    expect([req.method, req.path, req.host, req.protocol]).toEqual(["POST", "/a?b=1", "127.0.0.1", "http:"]);
    expect({ ...req.getHeaders() }).toEqual({ "x-a": "1", host: "127.0.0.1:1", authorization: "Basic dXNlcjpwdw==" });
    expect(req.getRawHeaderNames()).toEqual(["X-A", "Host", "Authorization"]);
    expect(req.agent).toBe(http.globalAgent);
    expect([req.aborted, req.destroyed, req.reusedSocket, (req as any)._header]).toEqual([false, false, false, null]);
    req.write("abc");
    expect((req as any)._header).toBe(
      "POST /a?b=1 HTTP/1.1\r\nX-A: 1\r\nHost: 127.0.0.1:1\r\nAuthorization: Basic dXNlcjpwdw==\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
  });

  test("the Host header", () => {
    expect(quietRequest({ hostname: "a", host: "b", port: 8080 }).getHeader("host")).toBe("a:8080");
    expect(quietRequest({ host: "127.0.0.1", port: 80 }).getHeader("host")).toBe("127.0.0.1");
    expect(quietRequest({ host: "a", setHost: false }).getHeader("host")).toBeUndefined();
    expect(quietRequest(new URL("http://[::1]:99/p")).getHeader("host")).toBe("[::1]:99");
    expect(quietRequest({ auth: "u:p" }).getHeader("authorization")).toBe("Basic dTpw");
    const secure = https.request("https://h.example:8443/x");
    secure.on("error", () => {});
    expect(secure.getHeader("host")).toBe("h.example:8443");
    expect(secure.agent).toBe(https.globalAgent);
  });

  test("invalid options throw at once", () => {
    const cases: [any[], object][] = [
      [[{ method: "BAD METHOD" }], { code: "ERR_INVALID_HTTP_TOKEN", message: 'Method must be a valid HTTP token ["BAD METHOD"]' }],
      [[{ method: 5 }], { code: "ERR_INVALID_ARG_TYPE", message: 'The "options.method" property must be of type string. Received type number (5)' }],
      [[{ path: "/a b" }], { code: "ERR_UNESCAPED_CHARACTERS", message: "Request path contains unescaped characters" }],
      [[{ protocol: "https:" }], { code: "ERR_INVALID_PROTOCOL", message: 'Protocol "https:" not supported. Expected "http:"' }],
      [["https://x"], { code: "ERR_INVALID_PROTOCOL" }],
      [[{ host: 5 }], { code: "ERR_INVALID_ARG_TYPE", message: 'The "options.host" property must be of type string or one of undefined or null. Received type number (5)' }],
      [[{ timeout: "x" }], { code: "ERR_INVALID_ARG_TYPE", message: 'The "timeout" argument must be of type number. Received type string (\'x\')' }],
      [[{ headers: { "a b": "1" } }], { code: "ERR_INVALID_HTTP_TOKEN" }],
      [[{ headers: { ab: "1\n" } }], { code: "ERR_INVALID_CHAR", message: 'Invalid character in header content ["ab"]' }],
      [[{ agent: 5 }], { code: "ERR_INVALID_ARG_TYPE", message: 'The "options.agent" property must be one of Agent-like Object, undefined, or false. Received type number (5)' }],
      [["not a url"], { code: "ERR_INVALID_URL" }],
    ];
    for (const [args, expected] of cases) {
      const error = thrown(() => (http.request as any)(...args));
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject(expected);
    }
    expect(thrown(() => https.request("http://x"))).toMatchObject({ code: "ERR_INVALID_PROTOCOL", message: 'Protocol "http:" not supported. Expected "https:"' });
  });

  test("without a connection: 'error' on a later tick, then 'close'", async () => {
    const events: string[] = [];
    const req = http.request(`${NOWHERE}/`);
    const closed = new Promise<void>((resolve) => req.on("close", () => resolve()));
    let error: any;
    req.on("error", (e) => {
      error = e;
      events.push("error");
    });
    req.on("close", () => events.push("close"));
    req.end();
    events.push("sync");
    await closed;
    expect(events).toEqual(["sync", "error", "close"]);
    expect(["ERR_METHOD_NOT_IMPLEMENTED", "ECONNREFUSED"]).toContain(error.code);
    if (isRusk) expect(error.message).toBe("The http.request() method is not implemented in rusk yet");
    expect(req.destroyed).toBe(true);
  });

  test("http.get ends the request and names itself", async () => {
    const req = http.get(`${NOWHERE}/z`);
    expect(req.writableEnded).toBe(true);
    expect((req as any)._header).toBe("GET /z HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: keep-alive\r\n\r\n");
    const error: any = await new Promise((resolve) => req.on("error", resolve));
    if (isRusk) expect(error).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", message: "The http.get() method is not implemented in rusk yet" });
    else expect(error.code).toBe("ECONNREFUSED");
  });

  test("destroy() before connecting: socket hang up", async () => {
    const req = http.request(`${NOWHERE}/`);
    const error: any = await new Promise((resolve) => {
      req.on("error", resolve);
      req.destroy();
    });
    expect(error).toMatchObject({ code: "ECONNRESET", message: "socket hang up" });
  });

  test("abort(): 'close' and 'abort', no error", async () => {
    const req = http.request(`${NOWHERE}/`);
    const events: string[] = [];
    req.on("error", () => events.push("error"));
    req.on("abort", () => events.push("abort"));
    req.on("close", () => events.push("close"));
    req.abort();
    expect(req.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(events.sort()).toEqual(["abort", "close"]);
  });

  test("an aborted signal destroys the request with an AbortError", async () => {
    const controller = new AbortController();
    const req = http.request(`${NOWHERE}/`, { signal: controller.signal });
    controller.abort();
    const error: any = await new Promise((resolve) => req.on("error", resolve));
    expect(error).toMatchObject({ name: "AbortError", code: "ABORT_ERR" });
  });
});

describe("Server", () => {
  test("createServer keeps its listener and options", () => {
    const listener = () => {};
    const server = http.createServer({ keepAliveTimeout: 1 }, listener);
    expect(server).toBeInstanceOf(http.Server);
    expect(server.listeners("request")).toEqual([listener]);
    expect([server.listening, server.address(), server.timeout, server.keepAliveTimeout, server.requestTimeout, server.headersTimeout, server.maxHeadersCount]).toEqual([
      false, null, 0, 1, 300000, 60000, null,
    ]);
    expect((http.Server as any)()).toBeInstanceOf(http.Server);
    expect(server.setTimeout(5)).toBe(server);
    expect(server.timeout).toBe(5);
  });

  test("invalid options", () => {
    expect(thrown(() => http.createServer({ requestTimeout: "x" } as any))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "requestTimeout" argument must be of type number. Received type string (\'x\')',
    });
    expect(thrown(() => http.createServer(5 as any))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "options" argument must be of type object. Received type number (5)',
    });
  });

  test("closing a server that never listened reports ERR_SERVER_NOT_RUNNING, then 'close'", async () => {
    const server = http.createServer();
    const events: string[] = [];
    let error: any;
    server.close((e) => {
      events.push("callback");
      error = e;
    });
    server.on("close", () => events.push("close"));
    await new Promise((r) => setTimeout(r, 1));
    expect(error).toMatchObject({ code: "ERR_SERVER_NOT_RUNNING", message: "Server is not running." });
    // Bun calls back without emitting 'close'.
    expect(events).toEqual(isBun ? ["callback"] : ["callback", "close"]);
  });

  test.if(isRusk)("listen() needs sockets rusk does not have yet", () => {
    for (const server of [http.createServer(), https.createServer({})]) {
      expect(thrown(() => server.listen(0))).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", message: "The server.listen() method is not implemented in rusk yet" });
    }
    expect(thrown(() => new Agent().createConnection({}))).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED" });
  });

  test("https.createServer", () => {
    const listener = () => {};
    const server = https.createServer({}, listener);
    expect(server).toBeInstanceOf(https.Server);
    expect(server.listeners("request")).toEqual([listener]);
    expect(server.listening).toBe(false);
  });
});
