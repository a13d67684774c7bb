// node:stream/consumers — read a whole stream (or any async iterable) into one value.
// Text is decoded as UTF-8 across chunk boundaries; string chunks are taken as they are.

import { Buffer } from "node:buffer";

export async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Blob(chunks);
}

export async function arrayBuffer(stream) {
  const ret = await blob(stream);
  return ret.arrayBuffer();
}

export async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}

export async function text(stream) {
  const dec = new TextDecoder();
  let str = "";
  for await (const chunk of stream) {
    if (typeof chunk === "string") str += chunk;
    else str += dec.decode(chunk, { stream: true });
  }
  str += dec.decode(undefined, { stream: false });
  return str;
}

export async function json(stream) {
  return JSON.parse(await text(stream));
}

export default { arrayBuffer, blob, buffer, text, json };
