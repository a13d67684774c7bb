// WHATWG streams throughput: the same workloads under rusk, Node and Bun.
//   rusk run bench/streams/webstreams.mjs
//   node bench/streams/webstreams.mjs
//   bun bench/streams/webstreams.mjs
// Optional: BENCH_N (chunks per workload, default 100,000; the byte workloads use N/4 chunks
// of 1 KiB). Prints one line per workload: `name  ms  µs/chunk`. Each workload runs once
// with a tenth of N first, so that JIT engines are measured warm.
const N = Number(globalThis.process?.env?.BENCH_N || 100_000);

/** A pull source of the numbers 0..n-1 (one enqueue per pull, as most sources do). */
function countingSource(n) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < n) controller.enqueue(i++);
      else controller.close();
    },
  });
}

/** A byte source of n chunks of 1 KiB. */
function byteSource(n) {
  let i = 0;
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      if (i++ < n) {
        controller.enqueue(new Uint8Array(1024));
      } else {
        controller.close();
        // A BYOB read waiting at the end is answered with zero bytes (done).
        controller.byobRequest?.respond(0);
      }
    },
  });
}

const workloads = {
  // Source → TransformStream → WritableStream, all through the pipe machinery.
  async pipeThrough(n) {
    let sum = 0;
    await countingSource(n)
      .pipeThrough(
        new TransformStream({
          transform(chunk, controller) {
            controller.enqueue(chunk * 2);
          },
        }),
      )
      .pipeTo(
        new WritableStream({
          write(chunk) {
            sum += chunk;
          },
        }),
      );
    return sum;
  },
  async readerRead(n) {
    const reader = countingSource(n).getReader();
    let sum = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      sum += value;
    }
    return sum;
  },
  async forAwait(n) {
    let sum = 0;
    for await (const value of countingSource(n)) sum += value;
    return sum;
  },
  async bytesDefaultReader(n) {
    const reader = byteSource(n / 4).getReader();
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.byteLength;
    }
    return total;
  },
  async bytesBYOBReader(n) {
    const reader = byteSource(n / 4).getReader({ mode: "byob" });
    let buffer = new ArrayBuffer(1024);
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done) break;
      total += value.byteLength;
      buffer = value.buffer;
    }
    return total;
  },
};

// rusk has a Bun global too: ask for rusk first.
const versions = globalThis.process?.versions ?? {};
const runtime = versions.rusk ? `rusk ${versions.rusk}` : versions.bun ? `bun ${versions.bun}` : `node ${versions.node}`;
console.log(`# ${runtime}, N = ${N}`);
const only = globalThis.process?.argv?.[2];
for (const [name, body] of Object.entries(workloads)) {
  if (only && name !== only) continue;
  const chunks = name.startsWith("bytes") ? N / 4 : N;
  await body(Math.max(4, Math.floor(N / 10)));
  const t0 = performance.now();
  await body(N);
  const ms = performance.now() - t0;
  console.log(`${name.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms ${((ms * 1000) / chunks).toFixed(2).padStart(8)} µs/chunk`);
}
