// nanoid: random ids are checked by shape only; customRandom with a fixed byte source is deterministic.
import { nanoid, customAlphabet, customRandom, urlAlphabet, random } from 'nanoid';
import { nanoid as nonSecure, customAlphabet as nonSecureAlphabet } from 'nanoid/non-secure';

const urlSafe = /^[A-Za-z0-9_-]+$/;
const id = nanoid();
console.log('default length:', id.length, 'url-safe:', urlSafe.test(id));
console.log('size 10:', nanoid(10).length);

const ids = new Set(Array.from({ length: 1000 }, () => nanoid()));
console.log('1000 ids unique:', ids.size === 1000);

const hex = customAlphabet('0123456789abcdef', 12);
const h = hex();
console.log('custom alphabet:', h.length, /^[0-9a-f]{12}$/.test(h), 'override size:', hex(4).length);

console.log('urlAlphabet:', urlAlphabet.length, [...urlAlphabet].sort().join(''));

const bytes = random(16);
console.log('random():', bytes.constructor.name, bytes.length);

// A counting byte source makes customRandom fully deterministic.
let counter = 0;
const fixedBytes = (size) => {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (counter++ * 37) & 255;
  return out;
};
const det = customRandom('abcdefghij', 10, fixedBytes);
console.log('customRandom deterministic:', det(), det(), det());

const ns = nonSecure();
console.log('non-secure:', ns.length, urlSafe.test(ns));
const nsNum = nonSecureAlphabet('1234', 8)();
console.log('non-secure custom:', nsNum.length, /^[1-4]{8}$/.test(nsNum));
