import { describe, test, expect } from "bun:test";
import net, { BlockList, SocketAddress, isIP, isIPv4, isIPv6 } from "node:net";
import tls from "node:tls";
import http2 from "node:http2";
import dns from "node:dns";
import dnsPromises from "node:dns/promises";
import { Duplex, Readable, Stream } from "node:stream";
import { EventEmitter } from "node:events";
import { inspect, promisify } from "node:util";

// Expectations are Node 20's on Linux. rusk has no sockets, TLS engine or DNS resolver yet: where
// Node would connect, rusk's sockets fail with ERR_METHOD_NOT_IMPLEMENTED on a later tick, the way
// a refused connection fails in Node and Bun (connections below go to 127.0.0.1:1, where nothing
// listens); listen() and http2.connect() throw it. Bun differs from Node in the text of many
// messages, keeps SocketAddress's address as given rather than canonical, has a default
// autoSelectFamilyAttemptTimeout of 500 and its own cipher list and CA store; where a test meets
// one of those, it says so.

const isRusk = !!(process as any).versions?.rusk;
const isBun = !!(process as any).versions?.bun && !isRusk;

/** The error `fn` throws. */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** The arguments of the first emission of `event`. */
function once(emitter: EventEmitter, event: string): Promise<any[]> {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

describe("net: IP addresses", () => {
  test("isIP, isIPv4 and isIPv6", () => {
    const cases: [string, number][] = [
      ["1.2.3.4", 4], ["0.0.0.0", 4], ["255.255.255.255", 4], ["01.2.3.4", 0], ["256.1.1.1", 0], ["1.2.3", 0],
      ["1.2.3.4.5", 0], [" 1.2.3.4", 0], ["1.2.3.4%eth0", 0],
      ["::", 6], ["::1", 6], ["1::", 6], ["FFFF::", 6], ["1:2:3:4:5:6:7:8", 6], ["1:2:3:4:5:6:7::", 6], ["::2:3:4:5:6:7:8", 6],
      ["1:2:3:4:5:6:7:8:9", 0], ["1::2::3", 0], [":::", 0], ["1:::2", 0], ["12345::", 0], ["::g", 0], ["[::1]", 0],
      ["::ffff:1.2.3.4", 6], ["1:2:3:4:5:6:1.2.3.4", 6], ["1:2:3:4:5::1.2.3.4", 6], ["1:2:3:4:5:6::1.2.3.4", 0],
      ["1:2:3:4:5:6:7:1.2.3.4", 0], ["::ffff:01.2.3.4", 0], ["1.2.3.4::", 0],
      ["fe80::1%eth0", 6], ["fe80::1%a-b.c:d", 6], ["fe80::1%", 0], ["fe80::1%a_b", 0], ["fe80::1%a%b", 0], ["", 0],
    ];
    for (const [input, family] of cases) {
      expect([input, isIP(input)]).toEqual([input, family]);
      expect([input, isIPv4(input)]).toEqual([input, family === 4]);
      expect([input, isIPv6(input)]).toEqual([input, family === 6]);
    }
  });

  test("the argument is read as a string", () => {
    expect(isIP({ toString: () => "1.1.1.1" } as any)).toBe(4);
    expect(isIP(undefined as any)).toBe(0);
    expect(isIP(123 as any)).toBe(0);
    expect(() => isIP(Symbol() as any)).toThrow(TypeError);
  });

  test("SocketAddress: defaults, validation and JSON", () => {
    const v4 = new SocketAddress();
    expect(v4.toJSON()).toEqual({ address: "127.0.0.1", port: 0, family: "ipv4", flowlabel: 0 });
    expect(new SocketAddress({ family: "ipv6" }).address).toBe("::");
    const v6 = new SocketAddress({ address: "::1", family: "ipv6", port: 8080, flowlabel: 5 });
    expect([v6.address, v6.port, v6.family, v6.flowlabel]).toEqual(["::1", 8080, "ipv6", 5]);
    expect(JSON.parse(JSON.stringify(v6))).toEqual({ address: "::1", port: 8080, family: "ipv6", flowlabel: 5 });
    expect(SocketAddress.isSocketAddress(v6)).toBe(true);
    expect(SocketAddress.isSocketAddress({ address: "::1" })).toBe(false);
    expect(Object.keys(v6)).toEqual([]);
    expect(thrown(() => new SocketAddress({ address: "1.2.3.4", family: "ipv6" })).message).toBe("Invalid socket address");
    expect(thrown(() => new SocketAddress({ port: 70000 })).code).toBe("ERR_SOCKET_BAD_PORT");
    expect(thrown(() => new SocketAddress({ family: "x" as any })).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => new SocketAddress({ address: 1 as any })).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => new SocketAddress({ flowlabel: -1 })).code).toBe("ERR_OUT_OF_RANGE");
    expect(thrown(() => new SocketAddress(null as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(() => (SocketAddress as any)()).toThrow(TypeError);
    class Named extends SocketAddress {}
    expect(new Named({ port: 5 }).port).toBe(5);
  });

  test.skipIf(isBun)("SocketAddress keeps the canonical text of its address (Node's messages)", () => {
    const canonical = (address: string) => new SocketAddress({ address, family: "ipv6" }).address;
    expect(canonical("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonical("ABCD::")).toBe("abcd::");
    expect(canonical("1:0:0:1:0:0:0:1")).toBe("1:0:0:1::1");
    expect(canonical("1:0:0:0:1:0:0:1")).toBe("1::1:0:0:1");
    expect(canonical("1:0:1:0:1:0:1:0")).toBe("1:0:1:0:1:0:1:0");
    expect(canonical("::ffff:0102:0304")).toBe("::ffff:1.2.3.4");
    expect(canonical("::102:304")).toBe("::1.2.3.4");
    expect(canonical("::2")).toBe("::2");
    expect(canonical("fe80::1%eth0")).toBe("fe80::1");
    // Dotted quads follow isIPv4's rules: no leading zeros.
    expect(thrown(() => new SocketAddress({ address: "01.2.3.4" })).message).toBe("Invalid socket address");
    // Only IPv6 addresses carry a flow label.
    expect(new SocketAddress({ address: "1.2.3.4", flowlabel: 5 }).flowlabel).toBe(0);
    expect(thrown(() => new SocketAddress({ port: -1 })).message).toBe("options.port should be >= 0 and < 65536. Received type number (-1).");
    expect(thrown(() => new SocketAddress({ family: "x" as any })).message).toBe("The property 'options.family' is invalid. Received 'x'");
  });

  test("BlockList: rules, newest first", () => {
    const list = new BlockList();
    list.addAddress("1.2.3.4");
    list.addRange("10.0.0.1", "10.0.0.10");
    list.addSubnet("192.168.0.0", 16);
    list.addAddress("::1", "ipv6");
    list.addSubnet("8592:757c:efae:4e45::", 64, "IPv6");
    expect(list.rules).toEqual([
      "Subnet: IPv6 8592:757c:efae:4e45::/64",
      "Address: IPv6 ::1",
      "Subnet: IPv4 192.168.0.0/16",
      "Range: IPv4 10.0.0.1-10.0.0.10",
      "Address: IPv4 1.2.3.4",
    ]);
    // A copy each time.
    list.rules.push("x");
    expect(list.rules.length).toBe(5);
    const checks: [string, string | undefined, boolean][] = [
      ["1.2.3.4", undefined, true], ["1.2.3.5", undefined, false], ["10.0.0.1", undefined, true], ["10.0.0.10", undefined, true],
      ["10.0.0.11", undefined, false], ["192.168.200.1", undefined, true], ["192.169.0.1", undefined, false],
      ["::1", "ipv6", true], ["::2", "ipv6", false], ["8592:757c:efae:4e45:ffff::", "ipv6", true], ["8592:757c:efae:4e46::", "ipv6", false],
      ["1.2.3.4", "IPV4", true],
      // An address that is not of the family, or no address at all, is not blocked.
      ["::1", undefined, false], ["1.2.3.4", "ipv6", false], ["not an address", undefined, false],
    ];
    for (const [address, family, blocked] of checks) expect([address, family, list.check(address, family)]).toEqual([address, family, blocked]);
  });

  test("BlockList: IPv4-mapped IPv6 addresses meet IPv4 rules, and IPv4 addresses IPv6 address and subnet rules", () => {
    const v4 = new BlockList();
    v4.addSubnet("1.2.3.0", 24);
    expect(v4.check("::ffff:1.2.3.9", "ipv6")).toBe(true);
    expect(v4.check("::ffff:1.2.4.9", "ipv6")).toBe(false);
    expect(v4.check("::1.2.3.9", "ipv6")).toBe(false);
    const range = new BlockList();
    range.addRange("1.2.3.0", "1.2.3.9");
    expect(range.check("::ffff:1.2.3.4", "ipv6")).toBe(true);
    const v6 = new BlockList();
    v6.addAddress("::ffff:1.2.3.4", "ipv6");
    expect(v6.check("1.2.3.4")).toBe(true);
    const v6Subnet = new BlockList();
    v6Subnet.addSubnet("::ffff:0:0", 96, "ipv6");
    expect(v6Subnet.check("9.9.9.9")).toBe(true);
    // ... but not IPv6 ranges.
    const v6Range = new BlockList();
    v6Range.addRange("::", "::ffff:ffff:ffff", "ipv6");
    expect(v6Range.check("1.2.3.4")).toBe(false);
  });

  test("BlockList: SocketAddress arguments, whose family wins", () => {
    const list = new BlockList();
    const address = new SocketAddress({ address: "10.1.1.1", port: 80 });
    list.addAddress(address, "ipv6");
    list.addSubnet(new SocketAddress({ address: "::", family: "ipv6" }), 0);
    expect(list.rules).toEqual(["Subnet: IPv6 ::/0", "Address: IPv4 10.1.1.1"]);
    expect(list.check(address)).toBe(true);
    expect(list.check(new SocketAddress({ address: "10.1.1.2" }))).toBe(true);
  });

  test("BlockList: argument errors", () => {
    const list = new BlockList();
    expect(thrown(() => list.addAddress(1 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => list.addAddress("x")).message).toBe("Invalid socket address");
    expect(thrown(() => list.addAddress("1.2.3.4", "ipv7")).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => list.addRange("10.0.0.10", "10.0.0.1")).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => list.addRange("10.0.0.1", 1 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => list.addSubnet("10.0.0.0", 33)).message).toBe(
      'The value of "prefix" is out of range. It must be >= 0 && <= 32. Received 33',
    );
    expect(thrown(() => list.addSubnet("::", 129, "ipv6")).code).toBe("ERR_OUT_OF_RANGE");
    expect(thrown(() => list.addSubnet("10.0.0.0", "8" as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => list.check(undefined as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => list.check("1.2.3.4", 4 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    // Nothing was added by the failed calls.
    expect(list.rules).toEqual([]);
  });

  test.skipIf(isBun)("BlockList and SocketAddress inspect as Node shows them", () => {
    const list = new BlockList();
    list.addAddress("1.2.3.4");
    expect(inspect(list)).toBe("BlockList { rules: [ 'Address: IPv4 1.2.3.4' ] }");
    expect(inspect(new SocketAddress())).toBe("SocketAddress { address: '127.0.0.1', port: 0, family: 'ipv4', flowlabel: 0 }");
    expect(thrown(() => list.addRange("10.0.0.10", "10.0.0.1")).message).toBe(
      "The argument 'start' must come before end. Received SocketAddress { address: '10.0.0.10', port: 0, family: 'ipv4', flowlabel: 0 }",
    );
  });

  test("auto-select-family defaults", () => {
    const family = net.getDefaultAutoSelectFamily();
    const timeout = net.getDefaultAutoSelectFamilyAttemptTimeout();
    expect(family).toBe(true);
    if (!isBun) expect(timeout).toBe(250);
    try {
      net.setDefaultAutoSelectFamily(false);
      expect(net.getDefaultAutoSelectFamily()).toBe(false);
      // Never less than 10 ms.
      net.setDefaultAutoSelectFamilyAttemptTimeout(5);
      expect(net.getDefaultAutoSelectFamilyAttemptTimeout()).toBe(10);
      net.setDefaultAutoSelectFamilyAttemptTimeout(300);
      expect(net.getDefaultAutoSelectFamilyAttemptTimeout()).toBe(300);
      expect(thrown(() => net.setDefaultAutoSelectFamily(1 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
      expect(thrown(() => net.setDefaultAutoSelectFamilyAttemptTimeout(0)).message).toBe(
        'The value of "value" is out of range. It must be >= 1 && <= 2147483647. Received 0',
      );
      expect(thrown(() => net.setDefaultAutoSelectFamilyAttemptTimeout(1.5)).code).toBe("ERR_OUT_OF_RANGE");
    } finally {
      net.setDefaultAutoSelectFamily(family);
      net.setDefaultAutoSelectFamilyAttemptTimeout(timeout);
    }
  });
});

describe("net.Socket", () => {
  test("a Duplex, callable without new and subclassable", () => {
    const socket = new net.Socket();
    expect(socket).toBeInstanceOf(Duplex);
    expect((net.Socket as any)()).toBeInstanceOf(net.Socket);
    expect(net.Stream).toBe(net.Socket);
    class Tagged extends net.Socket {
      tag() {
        return "tagged";
      }
    }
    const tagged = new Tagged({ allowHalfOpen: true });
    expect(tagged.tag()).toBe("tagged");
    expect(tagged).toBeInstanceOf(net.Socket);
    expect(tagged.allowHalfOpen).toBe(true);
  });

  test("an unconnected socket's state", () => {
    const socket = new net.Socket();
    expect(socket.connecting).toBe(false);
    expect(socket.pending).toBe(true);
    expect(socket.readyState).toBe("open");
    expect([socket.bytesRead, socket.bytesWritten]).toEqual([0, 0]);
    expect([socket.remoteAddress, socket.remotePort, socket.remoteFamily, socket.localPort]).toEqual([undefined, undefined, undefined, undefined]);
    expect(socket.allowHalfOpen).toBe(false);
    expect((socket as any)._handle).toBe(null);
    expect(socket.destroyed).toBe(false);
    expect(socket.setNoDelay()).toBe(socket);
    expect(socket.setKeepAlive(true, 1000)).toBe(socket);
    expect(socket.ref()).toBe(socket);
    expect(socket.unref()).toBe(socket);
    expect(new net.Socket({ readable: false }).readyState).toBe("writeOnly");
    expect(new net.Socket({ writable: false }).readyState).toBe("readOnly");
    expect(new net.Socket({ readable: false, writable: false }).readyState).toBe("closed");
  });

  test("destroy() closes it", async () => {
    const socket = new net.Socket();
    const closed = once(socket, "close");
    socket.destroy();
    expect(socket.destroyed).toBe(true);
    expect(socket.readyState).toBe("closed");
    await closed;
  });

  test("writing to a socket that is not connected fails with ERR_SOCKET_CLOSED", async () => {
    const socket = new net.Socket();
    const events: string[] = [];
    const errored = once(socket, "error");
    socket.on("close", () => events.push("close"));
    socket.write("x", (err: any) => events.push(`callback ${err?.code}`));
    const [err] = await errored;
    expect(err).toMatchObject({ code: "ERR_SOCKET_CLOSED", message: "Socket is closed" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(["callback ERR_SOCKET_CLOSED", "close"]);
  });

  test("a readable-only socket that ends refuses further writes", async () => {
    const socket = new net.Socket({ writable: false });
    socket.readable = true;
    const chunks: string[] = [];
    socket.on("data", (chunk) => chunks.push(String(chunk)));
    const ended = once(socket, "end");
    socket.push("hi");
    socket.push(null);
    await ended;
    expect(chunks).toEqual(["hi"]);
    expect(socket.write).not.toBe(net.Socket.prototype.write);
  });

  test("setTimeout: 'timeout' after the idle time, validated", async () => {
    const socket = new net.Socket();
    const start = Date.now();
    const timedOut = new Promise((resolve) => socket.setTimeout(10, resolve as any));
    expect(socket.timeout).toBe(10);
    await timedOut;
    expect(Date.now() - start).toBeGreaterThanOrEqual(9);
    expect(thrown(() => socket.setTimeout(-1)).message).toBe(
      'The value of "msecs" is out of range. It must be a non-negative finite number. Received -1',
    );
    expect(thrown(() => socket.setTimeout(Infinity)).code).toBe("ERR_OUT_OF_RANGE");
    expect(thrown(() => socket.setTimeout("x" as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => socket.setTimeout(1, 5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    socket.setTimeout(0);
    socket.destroy();
  });

  test("connect: argument errors are thrown", () => {
    expect(thrown(() => net.connect({} as any))).toMatchObject({
      code: "ERR_MISSING_ARGS",
      message: 'The "options" or "port" or "path" argument must be specified',
    });
    expect(thrown(() => net.connect({ port: 70000 })).code).toBe("ERR_SOCKET_BAD_PORT");
    expect(thrown(() => net.connect({ port: 80, localAddress: "x" }))).toMatchObject({ code: "ERR_INVALID_IP_ADDRESS", message: "Invalid IP address: x" });
    expect(thrown(() => net.connect({ port: 80, family: 5 } as any)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => net.connect({ port: 80, host: 5 } as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => net.connect({ path: 5 } as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => net.connect({ port: 80, timeout: "x" } as any)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test.skipIf(isBun)("connect: Node's messages", () => {
    expect(thrown(() => net.connect({ port: 70000 })).message).toBe("Port should be >= 0 and < 65536. Received type number (70000).");
    expect(thrown(() => net.connect({ port: 80, family: 5 } as any)).message).toBe(
      "The property 'options.family' must be one of: 0, 4, 6. Received 5",
    );
    expect(thrown(() => net.connect({ port: 80, host: 5 } as any)).message).toBe(
      'The "hostname" argument must be of type string. Received type number (5)',
    );
  });

  test("connect: the socket is returned connecting; the failure comes on a later tick, then 'close'", async () => {
    const socket = net.connect(1, "127.0.0.1");
    expect(socket).toBeInstanceOf(net.Socket);
    expect(socket.connecting).toBe(true);
    expect(socket.readyState).toBe("opening");
    const events: string[] = [];
    socket.on("connect", () => events.push("connect"));
    const errored = once(socket, "error");
    const closed = once(socket, "close");
    events.push("sync");
    const [err] = await errored;
    events.push("error");
    const [hadError] = await closed;
    expect(events).toEqual(["sync", "error"]);
    expect(hadError).toBe(true);
    expect(socket.connecting).toBe(false);
    expect(["ECONNREFUSED", "ERR_METHOD_NOT_IMPLEMENTED"]).toContain(err.code);
    if (isRusk) expect(err.message).toBe("The net.connect() method is not implemented in rusk yet");
  });

  test("createConnection and socket.connect fail the same way", async () => {
    const viaCreate = net.createConnection({ port: 1, host: "127.0.0.1" });
    const [createError] = await once(viaCreate, "error");
    expect(["ECONNREFUSED", "ERR_METHOD_NOT_IMPLEMENTED"]).toContain(createError.code);
    const socket = new net.Socket();
    expect(socket.connect(1, "127.0.0.1")).toBe(socket);
    const [connectError] = await once(socket, "error");
    expect(["ECONNREFUSED", "ERR_METHOD_NOT_IMPLEMENTED"]).toContain(connectError.code);
    if (isRusk) {
      expect(createError.message).toBe("The net.createConnection() method is not implemented in rusk yet");
      expect(connectError.message).toBe("The socket.connect() method is not implemented in rusk yet");
    }
  });

  test("_normalizeArgs", () => {
    const cb = () => {};
    const shape = (args: any[]) => {
      const normalized = (net as any)._normalizeArgs(args);
      return [normalized[0], normalized[1], normalized.length];
    };
    expect(shape([])).toEqual([{}, null, 2]);
    expect(shape([80, "example.com", cb])).toEqual([{ port: 80, host: "example.com" }, cb, 2]);
    expect(shape(["80"])).toEqual([{ port: "80" }, null, 2]);
    expect(shape(["/tmp/socket"])).toEqual([{ path: "/tmp/socket" }, null, 2]);
    const options = { port: 1 };
    expect((net as any)._normalizeArgs([options, cb])[0]).toBe(options);
  });
});

describe("net.Server", () => {
  test("an EventEmitter with Node's defaults, callable without new and subclassable", () => {
    const listener = () => {};
    const server = net.createServer(listener);
    expect(server).toBeInstanceOf(EventEmitter);
    expect(server).toBeInstanceOf(net.Server);
    expect(server.listeners("connection")).toEqual([listener]);
    expect(server.listening).toBe(false);
    expect(server.address()).toBe(null);
    expect((server as any)._connections).toBe(0);
    expect([server.allowHalfOpen, (server as any).pauseOnConnect, (server as any).noDelay, (server as any).keepAlive]).toEqual([false, false, false, false]);
    expect((server as any).keepAliveInitialDelay).toBe(0);
    expect((net.Server as any)()).toBeInstanceOf(net.Server);
    class MyServer extends net.Server {}
    expect(new MyServer()).toBeInstanceOf(net.Server);
    const configured: any = net.createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true, keepAlive: true });
    expect([configured.allowHalfOpen, configured.pauseOnConnect, configured.noDelay, configured.keepAlive]).toEqual([true, true, true, true]);
    expect(thrown(() => net.createServer(5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test.skipIf(isBun)("keepAliveInitialDelay is kept in seconds", () => {
    expect((net.createServer({ keepAliveInitialDelay: 1500 }) as any).keepAliveInitialDelay).toBe(1);
    expect((net.createServer() as any).highWaterMark).toBe(16384);
  });

  test("close() when not listening: the callback gets ERR_SERVER_NOT_RUNNING", async () => {
    const server = net.createServer();
    const err: any = await new Promise((resolve) => server.close(resolve));
    expect(err).toMatchObject({ code: "ERR_SERVER_NOT_RUNNING", message: "Server is not running." });
  });

  test("getConnections() calls back with the count", async () => {
    const server = net.createServer();
    const result = await new Promise((resolve) => server.getConnections((err, count) => resolve([err, count])));
    expect(result).toEqual([null, 0]);
  });

  test("listen: argument errors are thrown", () => {
    expect(thrown(() => net.createServer().listen({})).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => net.createServer().listen({ port: "x" } as any)).code).toBe("ERR_SOCKET_BAD_PORT");
    expect(thrown(() => net.createServer().listen(-1)).code).toBe("ERR_SOCKET_BAD_PORT");
    expect(thrown(() => net.createServer().listen(true as any)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => net.createServer().listen({ path: 5 } as any)).code).toBe("ERR_INVALID_ARG_VALUE");
  });

  test.if(isRusk)("listen() needs sockets rusk does not have yet", () => {
    for (const args of [[0], [], ["/tmp/rusk.sock"], [{ port: 0, host: "127.0.0.1" }]]) {
      const server = net.createServer();
      expect(thrown(() => (server.listen as any)(...args))).toMatchObject({
        code: "ERR_METHOD_NOT_IMPLEMENTED",
        message: "The server.listen() method is not implemented in rusk yet",
      });
      expect(server.listening).toBe(false);
    }
  });
});

describe("tls", () => {
  test("defaults", () => {
    expect(tls.DEFAULT_MIN_VERSION).toBe("TLSv1.2");
    expect(tls.DEFAULT_MAX_VERSION).toBe("TLSv1.3");
    expect(tls.DEFAULT_ECDH_CURVE).toBe("auto");
    expect(tls.DEFAULT_CIPHERS.startsWith("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:")).toBe(true);
    expect(tls.CLIENT_RENEG_LIMIT).toBe(3);
    expect(tls.CLIENT_RENEG_WINDOW).toBe(600);
  });

  test("getCiphers: lowercase names, a new array each time", () => {
    const ciphers = tls.getCiphers();
    expect(ciphers).toContain("aes128-gcm-sha256");
    expect(ciphers).toContain("tls_aes_256_gcm_sha384");
    expect(ciphers.every((name) => name === name.toLowerCase())).toBe(true);
    ciphers.pop();
    expect(tls.getCiphers().length).toBe(ciphers.length + 1);
  });

  test("rootCertificates: a frozen list of PEM certificates", () => {
    const roots = tls.rootCertificates;
    expect(Object.isFrozen(roots)).toBe(true);
    expect(roots.length).toBeGreaterThan(50);
    for (const pem of roots) {
      expect(pem.startsWith("-----BEGIN CERTIFICATE-----\n")).toBe(true);
      expect(pem.endsWith("\n-----END CERTIFICATE-----")).toBe(true);
      expect(pem.indexOf("-----BEGIN", 1)).toBe(-1);
    }
    expect(tls.rootCertificates).toBe(roots);
  });

  test("checkServerIdentity: DNS names, wildcards and the CN", () => {
    const ok = (host: string, cert: any) => expect([host, tls.checkServerIdentity(host, cert)]).toEqual([host, undefined]);
    const bad = (host: string, cert: any) => expect([host, tls.checkServerIdentity(host, cert)?.code]).toEqual([host, "ERR_TLS_CERT_ALTNAME_INVALID"]);
    ok("a.com", { subject: { CN: "a.com" } });
    ok("a.com", { subject: { CN: ["x.com", "a.com"] } });
    ok("A.COM", { subjectaltname: "DNS:a.com" });
    ok("a.com.", { subjectaltname: "DNS:A.COM." });
    ok("x.a.com", { subjectaltname: "DNS:*.a.com, DNS:b.com" });
    ok("x.a.com", { subject: { CN: "*.a.com" } });
    ok("foo.a.com", { subjectaltname: "DNS:f*.a.com" });
    ok("foo.a.com", { subjectaltname: "DNS:*o.a.com" });
    ok("foo.a.com", { subjectaltname: "DNS:f*o.a.com" });
    // Alternative names, when present, replace the CN.
    bad("a.com", { subject: { CN: "a.com" }, subjectaltname: "DNS:b.com" });
    bad("b.com", { subject: { CN: "a.com" } });
    // One wildcard, in the leftmost label, matching one label, never for a public suffix or an A-label.
    bad("x.com", { subjectaltname: "DNS:*.com" });
    bad("a.b.a.com", { subjectaltname: "DNS:*.a.com" });
    bad("foo.a.com", { subjectaltname: "DNS:**.a.com" });
    bad("fo.a.com", { subjectaltname: "DNS:fo*o.a.com" });
    bad("xn--x.a.com", { subjectaltname: "DNS:xn--*.a.com" });
    bad("a..com", { subjectaltname: "DNS:a..com" });
    bad("ä.com", { subjectaltname: "DNS:ä.com" });
    // Entries are separated by ", "; a quoted part is a JSON string.
    bad("b.com", { subjectaltname: "DNS:a.com,DNS:b.com" });
    bad("b.com", { subjectaltname: 'DNS:"a.com, DNS:b.com"' });
    ok("a.com", { subjectaltname: 'DNS:"a\\u002ecom"' });
  });

  test("checkServerIdentity: IP addresses and the error's shape", () => {
    expect(tls.checkServerIdentity("1.2.3.4", { subjectaltname: "IP Address:1.2.3.4" })).toBe(undefined);
    expect(tls.checkServerIdentity("::1", { subjectaltname: "IP Address:0:0:0:0:0:0:0:1" })).toBe(undefined);
    const cert = { subjectaltname: "IP Address:1.2.3.4, IP Address:::1" };
    const err: any = tls.checkServerIdentity("1.2.3.5", cert);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
      reason: "IP: 1.2.3.5 is not in the cert's list: 1.2.3.4, ::1",
      host: "1.2.3.5",
      message: "Hostname/IP does not match certificate's altnames: IP: 1.2.3.5 is not in the cert's list: 1.2.3.4, ::1",
    });
    expect(err.cert).toBe(cert);
    // An IP is never matched against the CN.
    expect((tls.checkServerIdentity("1.2.3.4", { subject: { CN: "1.2.3.4" } }) as any).reason).toBe("IP: 1.2.3.4 is not in the cert's list: ");
    expect((tls.checkServerIdentity("a.com", {} as any) as any).reason).toBe("Cert does not contain a DNS name");
    expect((tls.checkServerIdentity("b.com", { subject: { CN: "a.com" } } as any) as any).reason).toBe("Host: b.com. is not cert's CN: a.com");
    expect((tls.checkServerIdentity("a.com", { subjectaltname: "DNS:b.com" } as any) as any).reason).toBe(
      "Host: a.com. is not in the cert's altnames: DNS:b.com",
    );
    expect(thrown(() => tls.checkServerIdentity("a.com", { subjectaltname: 'DNS:"a.com' } as any))).toMatchObject({
      code: "ERR_TLS_CERT_ALTNAME_FORMAT",
      message: "Invalid subject alternative name string",
    });
  });

  test("convertALPNProtocols", () => {
    const out: any = {};
    (tls as any).convertALPNProtocols(["h2", "http/1.1"], out);
    expect([...out.ALPNProtocols]).toEqual([2, 0x68, 0x32, 8, ...Buffer.from("http/1.1")]);
    const fromView: any = {};
    (tls as any).convertALPNProtocols(new Uint8Array([1, 2]), fromView);
    expect([...fromView.ALPNProtocols]).toEqual([1, 2]);
    const ignored: any = {};
    (tls as any).convertALPNProtocols("h2", ignored);
    expect(ignored).toEqual({});
    expect(thrown(() => (tls as any).convertALPNProtocols(["a".repeat(256)], {})).code).toBe("ERR_OUT_OF_RANGE");
  });

  test("createSecureContext checks its options", () => {
    expect(tls.createSecureContext({})).toBeInstanceOf(tls.SecureContext);
    expect(tls.createSecureContext()).toBeInstanceOf(tls.SecureContext);
    expect(thrown(() => tls.createSecureContext({ minVersion: "TLSv9" as any }))).toMatchObject({
      code: "ERR_TLS_INVALID_PROTOCOL_VERSION",
      message: '"TLSv9" is not a valid minimum TLS protocol version',
    });
    expect(thrown(() => tls.createSecureContext({ secureProtocol: "TLSv1_2_method", minVersion: "TLSv1.2" })).code).toBe(
      "ERR_TLS_PROTOCOL_VERSION_CONFLICT",
    );
    expect(thrown(() => tls.createSecureContext({ ca: 5 as any })).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => tls.createSecureContext({ ciphers: 5 as any })).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => tls.createSecureContext({ ticketKeys: Buffer.alloc(5) })).code).toBe("ERR_INVALID_ARG_VALUE");
    // Bun ignores options that are not an object.
    if (!isBun) expect(thrown(() => tls.createSecureContext(5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("TLSSocket extends net.Socket", () => {
    const socket = new tls.TLSSocket(undefined as any);
    expect(socket).toBeInstanceOf(net.Socket);
    expect(socket.encrypted).toBe(true);
    expect(socket.authorized).toBe(false);
    expect(socket.authorizationError).toBe(null);
    expect(socket.alpnProtocol).toBe(null);
    expect(socket.isSessionReused()).toBe(false);
    class MyTLSSocket extends tls.TLSSocket {}
    expect(new MyTLSSocket(undefined as any)).toBeInstanceOf(tls.TLSSocket);
  });

  test("connect: the failure comes on a later tick", async () => {
    const socket = tls.connect(1, "127.0.0.1");
    expect(socket).toBeInstanceOf(tls.TLSSocket);
    let sync = true;
    const errored = new Promise<any[]>((resolve) => socket.once("error", (e) => resolve([e, sync])));
    const closed = once(socket, "close");
    sync = false;
    const [err, reportedSync] = await errored;
    expect(reportedSync).toBe(false);
    expect(["ECONNREFUSED", "ERR_METHOD_NOT_IMPLEMENTED"]).toContain(err.code);
    if (isRusk) expect(err.message).toBe("The tls.connect() method is not implemented in rusk yet");
    await closed;
  });

  test.skipIf(isBun)("Server extends net.Server and keeps its TLS options", () => {
    const listener = () => {};
    const server: any = tls.createServer({ ciphers: "HIGH", requestCert: true }, listener);
    expect(server).toBeInstanceOf(net.Server);
    expect(server).toBeInstanceOf(tls.Server);
    expect(server.listeners("secureConnection")).toEqual([listener]);
    expect([server.requestCert, server.rejectUnauthorized, server.ciphers]).toEqual([true, true, "HIGH"]);
    expect(server.getTicketKeys().length).toBe(48);
    server.addContext("*.example.com", {});
    expect(server._contexts[0][0].test("a.example.com")).toBe(true);
    expect(server._contexts[0][0].test("a.b.example.com")).toBe(false);
    expect(thrown(() => tls.createServer({ ALPNProtocols: ["h2"], ALPNCallback: () => undefined } as any)).code).toBe(
      "ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS",
    );
    if (isRusk) expect(thrown(() => server.listen(0)).code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
  });
});

describe("http2", () => {
  test("constants", () => {
    const { constants } = http2;
    expect(Object.keys(constants).length).toBe(240);
    expect(constants.HTTP2_HEADER_STATUS).toBe(":status");
    expect(constants.HTTP2_HEADER_PATH).toBe(":path");
    expect(constants.HTTP2_HEADER_CONTENT_TYPE).toBe("content-type");
    expect(constants.HTTP2_HEADER_WWW_AUTHENTICATE).toBe("www-authenticate");
    expect(constants.HTTP2_HEADER_HTTP2_SETTINGS).toBe("http2-settings");
    expect(constants.HTTP2_METHOD_GET).toBe("GET");
    expect(constants.HTTP2_METHOD_VERSION_CONTROL).toBe("VERSION-CONTROL");
    expect(constants.HTTP_STATUS_TEAPOT).toBe(418);
    expect(constants.HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED).toBe(511);
    expect(constants.NGHTTP2_ERR_FRAME_SIZE_ERROR).toBe(-522);
    expect(constants.NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL).toBe(8);
    expect(constants.MAX_MAX_FRAME_SIZE).toBe(16777215);
    expect(constants.NGHTTP2_HTTP_1_1_REQUIRED).toBe(13);
    expect(typeof http2.sensitiveHeaders).toBe("symbol");
  });

  test("getDefaultSettings", () => {
    const settings = http2.getDefaultSettings();
    expect({ ...settings }).toEqual({
      headerTableSize: 4096,
      enablePush: true,
      initialWindowSize: 65535,
      maxFrameSize: 16384,
      maxConcurrentStreams: 4294967295,
      maxHeaderSize: 65535,
      maxHeaderListSize: 65535,
      enableConnectProtocol: false,
    });
    expect(http2.getDefaultSettings()).not.toBe(settings);
  });

  test("getPackedSettings: identifier and value per setting, big-endian", () => {
    expect([...http2.getPackedSettings({})]).toEqual([]);
    expect(http2.getPackedSettings({ headerTableSize: 100, enablePush: false, maxHeaderListSize: 5, maxFrameSize: 16384, initialWindowSize: 0, maxConcurrentStreams: 1, enableConnectProtocol: true }).toString("hex")).toBe(
      "000100000064" + "000200000000" + "000300000001" + "000400000000" + "000500004000" + "000600000005" + "000800000001",
    );
    expect(http2.getPackedSettings({ maxConcurrentStreams: 2 ** 32 - 1 }).toString("hex")).toBe("0003ffffffff");
    expect(http2.getPackedSettings({ customSettings: { 10: 5 } } as any).toString("hex")).toBe("000a00000005");
  });

  test("getPackedSettings: invalid values", () => {
    expect(thrown(() => http2.getPackedSettings({ headerTableSize: -1 }))).toMatchObject({
      name: "RangeError",
      code: "ERR_HTTP2_INVALID_SETTING_VALUE",
      message: 'Invalid value for setting "headerTableSize": -1',
    });
    expect(thrown(() => http2.getPackedSettings({ maxFrameSize: 100 })).message).toBe('Invalid value for setting "maxFrameSize": 100');
    expect(thrown(() => http2.getPackedSettings({ maxFrameSize: 2 ** 24 })).code).toBe("ERR_HTTP2_INVALID_SETTING_VALUE");
    expect(thrown(() => http2.getPackedSettings({ initialWindowSize: 2 ** 31 })).code).toBe("ERR_HTTP2_INVALID_SETTING_VALUE");
    expect(thrown(() => http2.getPackedSettings({ enablePush: 1 as any }))).toMatchObject({ name: "TypeError", code: "ERR_HTTP2_INVALID_SETTING_VALUE" });
    expect(thrown(() => http2.getPackedSettings(5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("getUnpackedSettings", () => {
    const packed = http2.getPackedSettings({ headerTableSize: 100, enablePush: false, maxConcurrentStreams: 1, initialWindowSize: 0, maxFrameSize: 16384, maxHeaderListSize: 5, enableConnectProtocol: true });
    expect(http2.getUnpackedSettings(packed)).toEqual({
      headerTableSize: 100,
      enablePush: false,
      maxConcurrentStreams: 1,
      initialWindowSize: 0,
      maxFrameSize: 16384,
      maxHeaderSize: 5,
      maxHeaderListSize: 5,
      enableConnectProtocol: true,
    });
    // Later entries win; unknown identifiers are custom settings; any non-zero flag is true.
    expect(http2.getUnpackedSettings(Buffer.from([0, 1, 0, 0, 0, 5, 0, 1, 0, 0, 0, 6]))).toEqual({ headerTableSize: 6 });
    expect(http2.getUnpackedSettings(Buffer.from([0, 9, 0, 0, 0, 1, 0, 2, 0, 0, 0, 5]))).toEqual({ customSettings: { 9: 1 }, enablePush: true });
    expect(http2.getUnpackedSettings(new Uint8Array([0, 1, 0, 0, 0, 5]))).toEqual({ headerTableSize: 5 });
    expect(http2.getUnpackedSettings(Buffer.alloc(0))).toEqual({});
    // Values are only checked on request.
    expect(http2.getUnpackedSettings(Buffer.from([0, 5, 0, 0, 0, 5]))).toEqual({ maxFrameSize: 5 });
    expect(thrown(() => http2.getUnpackedSettings(Buffer.from([0, 5, 0, 0, 0, 5]), { validate: true })).code).toBe(
      "ERR_HTTP2_INVALID_SETTING_VALUE",
    );
    expect(thrown(() => http2.getUnpackedSettings(Buffer.alloc(5)))).toMatchObject({
      code: "ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH",
      message: "Packed settings length must be a multiple of six",
    });
    expect(thrown(() => http2.getUnpackedSettings("x" as any)).message).toBe(
      'The "buf" argument must be an instance of Buffer or TypedArray. Received type string (\'x\')',
    );
  });

  test("the compatibility API's classes", () => {
    expect(http2.Http2ServerRequest.prototype).toBeInstanceOf(Readable);
    expect(http2.Http2ServerResponse.prototype).toBeInstanceOf(Stream);
    class MyRequest extends http2.Http2ServerRequest {}
    expect(MyRequest.prototype).toBeInstanceOf(http2.Http2ServerRequest);
  });

  test("servers are net and tls servers", () => {
    const listener = () => {};
    const server = http2.createServer(listener);
    expect(server).toBeInstanceOf(net.Server);
    expect(server.listeners("request")).toEqual([listener]);
    expect(server.listening).toBe(false);
    expect(http2.createSecureServer({})).toBeInstanceOf(tls.Server);
  });

  test.if(isRusk)("connecting and listening need sockets rusk does not have yet", () => {
    expect(thrown(() => http2.connect("http://127.0.0.1:1"))).toMatchObject({
      code: "ERR_METHOD_NOT_IMPLEMENTED",
      message: "The http2.connect() method is not implemented in rusk yet",
    });
    expect(thrown(() => http2.createServer().listen(0)).code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
    expect(thrown(() => (http2 as any).performServerHandshake(new net.Socket())).code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
  });

  test.if(isRusk)("Http2ServerResponse keeps headers and responds on its stream", () => {
    const responded: any[] = [];
    const written: any[] = [];
    const stream: any = Object.assign(new EventEmitter(), {
      headersSent: false,
      respond(headers: any, options: any) {
        this.headersSent = true;
        responded.push([headers, options]);
      },
      write(chunk: any) {
        written.push(String(chunk));
        return true;
      },
      end() {
        written.push("<end>");
      },
    });
    const response = new http2.Http2ServerResponse(stream);
    expect(response.statusCode).toBe(200);
    response.setHeader("X-Test", "1");
    response.appendHeader("x-test", "2");
    expect(response.getHeader("x-test")).toEqual(["1", "2"]);
    expect(response.getHeaderNames()).toEqual(["x-test"]);
    expect(thrown(() => response.setHeader(":path", "/")).code).toBe("ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED");
    expect(thrown(() => { response.statusCode = 101; }).code).toBe("ERR_HTTP2_INFO_STATUS_NOT_ALLOWED");
    response.sendDate = false;
    response.statusCode = 404;
    response.end("body");
    expect(responded).toEqual([[{ "x-test": ["1", "2"], ":status": 404 }, { endStream: false, waitForTrailers: true, sendDate: false }]]);
    expect(written).toEqual(["body", "<end>"]);
    expect(thrown(() => response.setHeader("a", "b")).code).toBe("ERR_HTTP2_HEADERS_SENT");
  });
});

describe("dns", () => {
  test("constants", () => {
    expect([dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL]).toEqual([32, 8, 16]);
    expect(dns.NOTFOUND).toBe("ENOTFOUND");
    expect(dns.CANCELLED).toBe("ECANCELLED");
    expect(dns.ADDRGETNETWORKPARAMS).toBe("EADDRGETNETWORKPARAMS");
    expect(dnsPromises.NOTFOUND).toBe("ENOTFOUND");
    expect(dns.promises).toBe(dnsPromises);
    expect(dns.getDefaultResultOrder()).toBe("verbatim");
  });

  test("lookup of IP literals answers with the literal, whatever the family", async () => {
    const single = await new Promise((resolve) => dns.lookup("1.2.3.4", 6, (...args) => resolve(args)));
    expect(single).toEqual([null, "1.2.3.4", 4]);
    const all = await new Promise((resolve) => dns.lookup("::1", { all: true }, (...args) => resolve(args)));
    expect(all).toEqual([null, [{ address: "::1", family: 6 }]]);
    expect(await dnsPromises.lookup("127.0.0.1", { all: true, family: 6 })).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await dnsPromises.lookup("::1")).toEqual({ address: "::1", family: 6 });
  });

  test("lookup of localhost gives loopback addresses, on a later tick", async () => {
    let sync = true;
    const result: any[] = await new Promise((resolve) => {
      dns.lookup("localhost", 4, (...args) => resolve([sync, ...args]));
      sync = false;
    });
    expect(result).toEqual([false, null, "127.0.0.1", 4]);
    const all = await dnsPromises.lookup("localhost", { all: true });
    expect(all.length).toBeGreaterThan(0);
    for (const { address, family } of all) expect(address === "::1" || (family === 4 && address.startsWith("127."))).toBe(true);
  });

  test("lookup of an empty hostname answers null", async () => {
    const result: any[] = await new Promise((resolve) => dns.lookup("", { family: 6 }, (...args) => resolve(args)));
    expect(result.slice(0, 2)).toEqual([null, null]);
    // The family asked for; Bun answers 4.
    if (!isBun) expect(result[2]).toBe(6);
  });

  test("lookup: argument errors are thrown", () => {
    const cb = () => {};
    expect(thrown(() => dns.lookup(5 as any, cb)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => dns.lookup("x", { family: 5 } as any, cb)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => dns.lookup("x", 5 as any, cb)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => dns.lookup("x", { hints: -1 }, cb)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => (dns.lookup as any)("x")).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => dns.lookup("x", { all: 1 } as any, cb)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => dnsPromises.lookup(5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test.skipIf(isBun)("lookup: Node's messages", () => {
    const cb = () => {};
    expect(thrown(() => dns.lookup("x", { family: 5 } as any, cb)).message).toBe("The property 'options.family' must be one of: 0, 4, 6. Received 5");
    expect(thrown(() => dns.lookup("x", { hints: -1 }, cb)).message).toBe("The argument 'hints' is invalid. Received 4294967295");
    expect(thrown(() => dns.lookup("x", { order: "x" } as any, cb)).message).toBe(
      "The property 'options.order' must be one of: 'verbatim', 'ipv4first', 'ipv6first'. Received 'x'",
    );
  });

  test("util.promisify(lookup) resolves to { address, family }", async () => {
    expect(await promisify(dns.lookup)("127.0.0.1")).toEqual({ address: "127.0.0.1", family: 4 });
  });

  test("lookupService", async () => {
    const result: any[] = await new Promise((resolve) => dns.lookupService("127.0.0.1", 22, (...args) => resolve(args)));
    expect(result[0]).toBe(null);
    expect(typeof result[1]).toBe("string");
    expect(result[2]).toBe("ssh");
    expect((await dnsPromises.lookupService("127.0.0.1", 443)).service).toBe("https");
    expect(thrown(() => dns.lookupService("x", 22, () => {})).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => dns.lookupService("127.0.0.1", 70000, () => {})).code).toBe("ERR_SOCKET_BAD_PORT");
    expect(thrown(() => (dns.lookupService as any)("127.0.0.1", 22)).code).toBe("ERR_MISSING_ARGS");
  });

  test("setServers and getServers", () => {
    const saved = dns.getServers();
    try {
      dns.setServers(["1.2.3.4", "[::1]:5353", "5.6.7.8:53", "::2", "[::3]", "9.9.9.9:1"]);
      expect(dns.getServers()).toEqual(["1.2.3.4", "[::1]:5353", "5.6.7.8", "::2", "::3", "9.9.9.9:1"]);
      expect(thrown(() => dns.setServers(["x"]))).toMatchObject({ code: "ERR_INVALID_IP_ADDRESS", message: "Invalid IP address: x" });
      expect(thrown(() => dns.setServers("x" as any)).code).toBe("ERR_INVALID_ARG_TYPE");
      expect(thrown(() => dns.setServers([5 as any])).code).toBe("ERR_INVALID_ARG_TYPE");
      // A failed call changes nothing.
      expect(dns.getServers()).toEqual(["1.2.3.4", "[::1]:5353", "5.6.7.8", "::2", "::3", "9.9.9.9:1"]);
    } finally {
      dns.setServers(saved);
    }
    expect(dns.getServers()).toEqual(saved);
  });

  test("Resolver: options, local address and rrtype checks", () => {
    expect(thrown(() => new dns.Resolver({ timeout: -2 })).code).toBe("ERR_OUT_OF_RANGE");
    expect(thrown(() => new dns.Resolver({ tries: 0 })).code).toBe("ERR_OUT_OF_RANGE");
    const resolver = new dns.Resolver({ timeout: 100, tries: 2 });
    expect(resolver.setLocalAddress("1.2.3.4", "::1")).toBe(undefined);
    expect(thrown(() => resolver.setLocalAddress("1.2.3.4", "1.2.3.5")).message).toBe("Cannot specify two IPv4 addresses.");
    expect(thrown(() => resolver.setLocalAddress(5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => dns.resolve("x", "X", () => {})).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => dns.resolve4(5 as any, () => {})).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => dns.resolve4("x", 5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(dnsPromises.Resolver).not.toBe(dns.Resolver);
  });

  test("Resolver: cancel() ends pending queries with ECANCELLED", async () => {
    const resolver = new dns.Resolver();
    const pending = new Promise<any>((resolve) => resolver.resolve4("localhost", resolve));
    resolver.cancel();
    const err = await pending;
    expect(err).toMatchObject({ code: "ECANCELLED", syscall: "queryA", hostname: "localhost" });
  });

  test.skipIf(isBun)("reverse: an invalid address throws EINVAL", () => {
    expect(thrown(() => dns.reverse("x", () => {}))).toMatchObject({ code: "EINVAL", syscall: "getHostByAddr", hostname: "x" });
  });

  test.if(isRusk)("names only DNS knows, resolve*() and reverse() need a resolver rusk does not have yet", async () => {
    const lookupError: any = await new Promise((resolve) => dns.lookup("example.invalid", (err) => resolve(err)));
    expect(lookupError).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", hostname: "example.invalid", syscall: "getaddrinfo" });
    const resolveError: any = await new Promise((resolve) => dns.resolve4("example.com", (err) => resolve(err)));
    expect(resolveError).toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", syscall: "queryA", hostname: "example.com" });
    expect(resolveError.message).toBe("The dns.resolve4() method is not implemented in rusk yet: it needs a DNS query, and rusk has no resolver");
    await expect(dnsPromises.resolveMx("example.com")).rejects.toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", syscall: "queryMx" });
    await expect(dnsPromises.reverse("1.2.3.4")).rejects.toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED", syscall: "getHostByAddr" });
    await expect(dnsPromises.lookup("example.invalid")).rejects.toMatchObject({ code: "ERR_METHOD_NOT_IMPLEMENTED" });
  });
});
