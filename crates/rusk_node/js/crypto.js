// node:crypto over rusk:native/crypto (RustCrypto's hash, MAC, KDF, cipher and signature
// crates; the OS's random source). Hashes, HMACs, randomness, pbkdf2/hkdf/scrypt,
// timingSafeEqual, AES (CBC/CTR/GCM) and ChaCha20-Poly1305 ciphers, keys (KeyObject: secret
// keys, EC P-256 and Ed25519 key pairs, in rusk:internal/crypto_keys), ECDSA and Ed25519
// signatures, and the Web Crypto parts listed in `webcrypto` below. Hash, Hmac, Cipher and
// Decipher are also Transform streams, Sign and Verify Writable streams (see "streams").
import * as N from "rusk:native/crypto";
import { Buffer } from "node:buffer";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_OUT_OF_RANGE,
  nodeError,
  validateFunction,
  validateNumber,
  validateObject,
  validateString,
} from "rusk:internal/errors";
import {
  CryptoKey,
  KeyHandle,
  KeyObject,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  cryptoKeyHandle,
  digestName,
  domException,
  generateKeyPair,
  generateKeyPairSync,
  makeCryptoKey,
  sign,
  streamSigningKey,
  verify,
} from "rusk:internal/crypto_keys";

const isView = (v) => ArrayBuffer.isView(v);
const BUFFERISH = ["string", "Buffer", "TypedArray", "DataView"];

/** Bytes of string/Buffer/TypedArray/DataView/ArrayBuffer `data` as a view (no copy for views). */
function toBytes(data, name, encoding, allowArrayBuffer = false) {
  if (typeof data === "string") return Buffer.from(data, encoding);
  if (isView(data)) return data;
  if (allowArrayBuffer && data instanceof ArrayBuffer) return new Uint8Array(data);
  throw ERR_INVALID_ARG_TYPE(name, allowArrayBuffer ? [...BUFFERISH, "ArrayBuffer"] : BUFFERISH, data);
}

function output(ab, encoding) {
  const buf = Buffer.from(ab);
  return encoding === undefined || encoding === "buffer" ? buf : buf.toString(encoding);
}

const finalized = () => nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");

// ---- streams ----
// Hash, Hmac, Cipher and Decipher are Transform streams, Sign and Verify Writable streams, as in
// Node. Loading node:stream costs start-up time, and most programs only call update()/digest(),
// so (like Node's LazyTransform) the stream is set up on first use: reading the stream's state
// (`_readableState`/`_writableState`, which every stream method does) runs the stream class's
// constructor on the instance. Until node:stream is loaded, the prototype chain ends in a
// stand-in for the stream class's prototype: a lookup that gets that far (a stream method or
// property) loads node:stream and links the real prototype in, and `instanceof stream.Transform`
// asks it for its prototype, which does the same.

const ownData = (value) => ({ value, writable: true, enumerable: true, configurable: true });

/** A base class that becomes node:stream's `kind` ("Transform" | "Writable") on first use. */
function lazyStreamClass(kind, states) {
  let Stream = null;
  class LazyStream {
    constructor(options) {
      // Defined, not assigned: an assignment would reach the stand-in and load node:stream.
      Object.defineProperty(this, "_options", ownData(options));
    }
  }
  const load = () => {
    if (Stream === null) {
      Stream = globalThis[Symbol.for("rusk.internals")].requireBuiltin("stream")[kind];
      Object.setPrototypeOf(LazyStream.prototype, Stream.prototype);
      Object.setPrototypeOf(LazyStream, Stream);
    }
    return Stream;
  };
  const standIn = new Proxy(Object.create(null), {
    getPrototypeOf: () => load().prototype,
    get: (_, key, receiver) => Reflect.get(load().prototype, key, receiver),
    set: (_, key, value, receiver) => Reflect.set(load().prototype, key, value, receiver),
    has: (_, key) => Reflect.has(load().prototype, key),
  });
  Object.setPrototypeOf(LazyStream.prototype, standIn);
  for (const name of states) {
    Object.defineProperty(LazyStream.prototype, name, {
      get() {
        load().call(this, this._options);
        // Strings reach _transform/_write with their encoding, as update(data, encoding) takes them.
        this._writableState.decodeStrings = false;
        return this[name];
      },
      // The stream constructor's assignments land on the instance.
      set(value) {
        Object.defineProperty(this, name, ownData(value));
      },
      enumerable: true,
      configurable: true,
    });
  }
  return LazyStream;
}

const LazyTransform = lazyStreamClass("Transform", ["_readableState", "_writableState"]);
const LazyWritable = lazyStreamClass("Writable", ["_writableState"]);

// A stream write of a string with encoding "buffer" (Writable's name for "no encoding") is UTF-8.
const chunkEncoding = (encoding) => (encoding === "buffer" ? "utf8" : encoding);

export class Hash extends LazyTransform {
  #native;
  #done = false; // digest() was called
  #digest = null; // the digest, once the native hash has made it (digest() or the stream's end)
  // `algorithm` is a native hash when copy() makes one.
  constructor(algorithm, options) {
    super(options);
    if (algorithm instanceof N.NativeHash) {
      this.#native = algorithm;
      return;
    }
    validateString(algorithm, "algorithm");
    const outputLength = options?.outputLength;
    if (outputLength !== undefined) validateNumber(outputLength, "options.outputLength", 0);
    this.#native = new N.NativeHash(algorithm, outputLength);
  }
  #finish() {
    this.#digest ??= this.#native.digest();
    return this.#digest;
  }
  // Data that arrives once the digest is made is ignored, as Node does.
  update(data, inputEncoding) {
    if (this.#done) throw finalized();
    const bytes = toBytes(data, "data", inputEncoding);
    if (this.#digest === null) this.#native.update(bytes);
    return this;
  }
  digest(outputEncoding) {
    if (this.#done) throw finalized();
    this.#done = true;
    return output(this.#finish(), outputEncoding);
  }
  copy(options) {
    if (this.#done || this.#digest !== null) throw finalized();
    if (options?.outputLength !== undefined) {
      throw nodeError(Error, "ERR_CRYPTO_INVALID_DIGEST", "Output length is only supported on a fresh hash");
    }
    return new Hash(this.#native.copy(), options);
  }
  _transform(chunk, encoding, callback) {
    if (this.#digest === null) this.#native.update(toBytes(chunk, "data", chunkEncoding(encoding)));
    callback();
  }
  // The stream's one output chunk; digest() may still be called once after it (same digest).
  _flush(callback) {
    this.push(Buffer.from(this.#finish()));
    callback();
  }
}

export class Hmac extends LazyTransform {
  #native;
  #done = false; // digest() was called
  #spent = false; // the native HMAC made its digest (digest() or the stream's end)
  constructor(algorithm, key, options) {
    super(options);
    validateString(algorithm, "hmac");
    const k = key instanceof KeyObject ? key.export() : toBytes(key, "key", options?.encoding, true);
    this.#native = new N.NativeHmac(algorithm, k);
  }
  update(data, inputEncoding) {
    if (this.#done) throw finalized();
    if (this.#spent) throw nodeError(Error, "ERR_CRYPTO_HASH_UPDATE_FAILED", "Hash update failed");
    this.#native.update(toBytes(data, "data", inputEncoding));
    return this;
  }
  // Node returns an empty result (not an error) from a second digest() of an Hmac, and from a
  // digest() after the stream ended.
  digest(outputEncoding) {
    this.#done = true;
    return output(this.#finish(), outputEncoding);
  }
  #finish() {
    if (this.#spent) return new ArrayBuffer(0);
    this.#spent = true;
    return this.#native.digest();
  }
  _transform(chunk, encoding, callback) {
    if (!this.#spent) this.#native.update(toBytes(chunk, "data", chunkEncoding(encoding)));
    callback();
  }
  _flush(callback) {
    this.push(Buffer.from(this.#finish()));
    callback();
  }
}

export function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

export function createHmac(algorithm, key, options) {
  return new Hmac(algorithm, key, options);
}

export function hash(algorithm, data, outputEncoding = "hex") {
  validateString(algorithm, "algorithm");
  if (typeof data !== "string" && !isView(data)) throw ERR_INVALID_ARG_TYPE("input", ["Buffer", "TypedArray", "DataView", "string"], data);
  return createHash(algorithm).update(data).digest(outputEncoding);
}

export function getHashes() {
  return [...N.hashes].map((n) => (n.startsWith("rsa-") ? n.toUpperCase() : n)).sort();
}

export function getCiphers() {
  return [...N.ciphers];
}

// ---- ciphers ----

function cipherKey(key, name) {
  if (key instanceof KeyObject) return key.export();
  return toBytes(key, name, undefined, true);
}

// As streams: each written chunk's update() output, then final()'s at the end (its error, such
// as a failed authentication, is the stream's 'error').
class CipherBase extends LazyTransform {
  #native;
  #decoder = null;
  #done = false;
  constructor(algorithm, key, iv, options, decrypt) {
    super(options);
    validateString(algorithm, "cipher");
    const k = cipherKey(key, "key");
    const v = iv === null ? new Uint8Array(0) : toBytes(iv, "iv", undefined, true);
    this.#native = new N.NativeCipher(algorithm, k, v, decrypt, options?.authTagLength);
  }
  update(data, inputEncoding, outputEncoding) {
    if (this.#done) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation update");
    const out = Buffer.from(this.#native.update(toBytes(data, "data", inputEncoding)));
    return this.#encode(out, outputEncoding);
  }
  final(outputEncoding) {
    if (this.#done) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation final");
    this.#done = true;
    return this.#encode(Buffer.from(this.#native.final()), outputEncoding, true);
  }
  // Multi-byte text split across update() calls is decoded whole (Node keeps a decoder too).
  #encode(buf, encoding, last = false) {
    if (encoding === undefined || encoding === "buffer") return buf;
    if (encoding === "utf8" || encoding === "utf-8" || encoding === "utf16le" || encoding === "ucs2") {
      this.#decoder ??= new (globalThis[Symbol.for("rusk.internals")].requireBuiltin("string_decoder").StringDecoder)(encoding);
      return last ? this.#decoder.end(buf) : this.#decoder.write(buf);
    }
    return buf.toString(encoding);
  }
  _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, chunkEncoding(encoding)));
    callback();
  }
  _flush(callback) {
    let last;
    try {
      last = this.final();
    } catch (err) {
      callback(err);
      return;
    }
    this.push(last);
    callback();
  }
  setAutoPadding(autoPadding = true) {
    this.#native.setAutoPadding(!!autoPadding);
    return this;
  }
  setAAD(buffer, options) {
    this.#native.setAAD(toBytes(buffer, "buffer"));
    return this;
  }
  getAuthTag() {
    return Buffer.from(this.#native.getAuthTag());
  }
  setAuthTag(tag, encoding) {
    this.#native.setAuthTag(toBytes(tag, "buffer", encoding));
    return this;
  }
}

export class Cipher extends CipherBase {
  constructor(algorithm, key, iv, options) {
    super(algorithm, key, iv, options, false);
  }
}
delete Cipher.prototype.setAuthTag;

export class Decipher extends CipherBase {
  constructor(algorithm, key, iv, options) {
    super(algorithm, key, iv, options, true);
  }
}

export function createCipheriv(algorithm, key, iv, options) {
  return new Cipher(algorithm, key, iv, options);
}

export function createDecipheriv(algorithm, key, iv, options) {
  return new Decipher(algorithm, key, iv, options);
}

export function getCurves() {
  return [];
}

// ---- signatures as streams ----
// createSign/createVerify hash what is written as it comes; sign()/verify() sign the digest
// with an EC key (Node's Sign and Verify cannot use Ed25519 keys: crypto.sign/verify can).

const notInitialised = () => nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Not initialised");

function signingHash(algorithm) {
  validateString(algorithm, "algorithm");
  const name = digestName(algorithm);
  if (name === null) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
  return new N.NativeHash(name);
}

const SIGNED_DATA = ["string", "Buffer", "TypedArray", "DataView"];

// Sign/Verify → the native hash of what was written, null once sign()/verify() used it.
const signatureHashes = new WeakMap();

function signatureUpdate(stream, data, inputEncoding) {
  const hash = signatureHashes.get(stream);
  if (!hash) throw notInitialised();
  if (typeof data === "string") data = Buffer.from(data, inputEncoding);
  else if (!isView(data)) throw ERR_INVALID_ARG_TYPE("data", SIGNED_DATA, data);
  hash.update(data);
  return stream;
}

/** The key's handle, its signature encoding and the digest; the stream is spent after this. */
function signatureFinish(stream, key, want) {
  const hash = signatureHashes.get(stream);
  if (!hash) throw notInitialised();
  const { handle, p1363 } = streamSigningKey(key, want);
  signatureHashes.set(stream, null);
  return { handle, p1363, digest: hash.digest() };
}

export class Sign extends LazyWritable {
  constructor(algorithm, options) {
    super(options);
    signatureHashes.set(this, signingHash(algorithm));
  }
  _write(chunk, encoding, callback) {
    signatureUpdate(this, chunk, chunkEncoding(encoding));
    callback();
  }
  update(data, inputEncoding) {
    return signatureUpdate(this, data, inputEncoding);
  }
  sign(privateKey, outputEncoding) {
    if (privateKey === undefined || privateKey === null) throw nodeError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
    const { handle, p1363, digest } = signatureFinish(this, privateKey, "private");
    return output(N.sign("ec", handle.pkcs8, digest, p1363), outputEncoding);
  }
}

export class Verify extends LazyWritable {
  constructor(algorithm, options) {
    super(options);
    signatureHashes.set(this, signingHash(algorithm));
  }
  _write(chunk, encoding, callback) {
    signatureUpdate(this, chunk, chunkEncoding(encoding));
    callback();
  }
  update(data, inputEncoding) {
    return signatureUpdate(this, data, inputEncoding);
  }
  verify(object, signature, signatureEncoding) {
    let sig;
    if (typeof signature === "string") sig = Buffer.from(signature, signatureEncoding);
    else if (isView(signature) || signature instanceof ArrayBuffer) sig = signature;
    else throw ERR_INVALID_ARG_TYPE("signature", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"], signature);
    const { handle, p1363, digest } = signatureFinish(this, object, "public");
    return N.verify("ec", handle.spki, digest, sig, p1363);
  }
}

export function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

export function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// ---- randomness ----

const MAX_RANDOM = 2 ** 31 - 1;

function checkSize(size, name = "size") {
  validateNumber(size, name);
  if (!Number.isInteger(size) || size < 0 || size > MAX_RANDOM) throw ERR_OUT_OF_RANGE(name, `>= 0 && <= ${MAX_RANDOM}`, size);
}

export function randomBytes(size, callback) {
  checkSize(size);
  if (callback !== undefined) validateFunction(callback, "callback");
  const buf = Buffer.allocUnsafe(size);
  N.randomFill(buf);
  if (callback === undefined) return buf;
  process.nextTick(callback, null, buf);
}

export const pseudoRandomBytes = randomBytes;

function fillRange(buf, offset, size) {
  if (!isView(buf) && !(buf instanceof ArrayBuffer)) throw ERR_INVALID_ARG_TYPE("buf", ["ArrayBuffer", "ArrayBufferView"], buf);
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const elem = isView(buf) && buf.BYTES_PER_ELEMENT ? buf.BYTES_PER_ELEMENT : 1;
  const total = bytes.length;
  offset = offset === undefined ? 0 : offset;
  validateNumber(offset, "offset");
  if (!Number.isInteger(offset) || offset < 0 || offset * elem > total) throw ERR_OUT_OF_RANGE("offset", `>= 0 && <= ${total / elem}`, offset);
  const start = offset * elem;
  let len = size === undefined ? total - start : size * elem;
  if (size !== undefined) {
    validateNumber(size, "size");
    if (!Number.isInteger(size) || size < 0 || start + len > total) throw ERR_OUT_OF_RANGE("size", `>= 0 && <= ${(total - start) / elem}`, size);
  }
  N.randomFill(bytes.subarray(start, start + len));
  return buf;
}

export function randomFillSync(buf, offset, size) {
  return fillRange(buf, offset, size);
}

export function randomFill(buf, offset, size, callback) {
  if (typeof offset === "function") [offset, size, callback] = [undefined, undefined, offset];
  else if (typeof size === "function") [size, callback] = [undefined, size];
  validateFunction(callback, "callback");
  fillRange(buf, offset, size);
  process.nextTick(callback, null, buf);
}

const RANDOM_INT_SPAN = 2 ** 48;

export function randomInt(min, max, callback) {
  if (typeof max === "function" || max === undefined) [min, max, callback] = [0, min, max];
  if (!Number.isSafeInteger(min)) throw ERR_INVALID_ARG_TYPE("min", "a safe integer", min);
  if (!Number.isSafeInteger(max)) throw ERR_INVALID_ARG_TYPE("max", "a safe integer", max);
  if (max <= min) throw ERR_OUT_OF_RANGE("max", `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (range > RANDOM_INT_SPAN) throw ERR_OUT_OF_RANGE("max - min", `<= ${RANDOM_INT_SPAN}`, range);
  if (callback !== undefined) validateFunction(callback, "callback");
  // Rejection sampling over 48 random bits: uniform, no modulo bias.
  const limit = RANDOM_INT_SPAN - (RANDOM_INT_SPAN % range);
  const six = new Uint8Array(6);
  let x;
  do {
    N.randomFill(six);
    x = six[0] * 2 ** 40 + six[1] * 2 ** 32 + six[2] * 2 ** 24 + six[3] * 2 ** 16 + six[4] * 2 ** 8 + six[5];
  } while (x >= limit);
  const n = min + (x % range);
  if (callback === undefined) return n;
  process.nextTick(callback, null, n);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function randomUUID(options) {
  if (options !== undefined) validateObject(options, "options");
  const b = new Uint8Array(16);
  N.randomFill(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = (i) => HEX[b[i]];
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

const INTEGER_ARRAYS = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array"];

export function getRandomValues(array) {
  if (!isView(array) || array instanceof DataView || !INTEGER_ARRAYS.includes(Object.prototype.toString.call(array).slice(8, -1))) {
    throw domException("The data argument must be an integer-type TypedArray", "TypeMismatchError");
  }
  if (array.byteLength > 65536) {
    throw domException("The requested length exceeds 65,536 bytes", "QuotaExceededError");
  }
  N.randomFill(array);
  return array;
}

export function timingSafeEqual(buf1, buf2) {
  if (!isView(buf1) && !(buf1 instanceof ArrayBuffer)) throw ERR_INVALID_ARG_TYPE("buf1", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], buf1);
  if (!isView(buf2) && !(buf2 instanceof ArrayBuffer)) throw ERR_INVALID_ARG_TYPE("buf2", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], buf2);
  if (buf1.byteLength !== buf2.byteLength) throw nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
  return N.timingSafeEqual(buf1, buf2);
}

// ---- key derivation (computed on the JS thread; the callback forms call back on a later tick) ----

function keyMaterial(v, name) {
  if (v instanceof KeyObject) return v.export();
  return toBytes(v, name, undefined, true);
}

function checkKeylen(keylen) {
  validateNumber(keylen, "keylen");
  if (!Number.isInteger(keylen) || keylen < 0 || keylen > MAX_RANDOM) throw ERR_OUT_OF_RANGE("keylen", `>= 0 && <= ${MAX_RANDOM}`, keylen);
}

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const pw = keyMaterial(password, "password");
  const s = keyMaterial(salt, "salt");
  validateNumber(iterations, "iterations");
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_RANDOM) throw ERR_OUT_OF_RANGE("iterations", `>= 1 && <= ${MAX_RANDOM}`, iterations);
  checkKeylen(keylen);
  validateString(digest, "digest");
  return Buffer.from(N.pbkdf2(pw, s, iterations, keylen, digest));
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === "function") [digest, callback] = [undefined, digest];
  validateFunction(callback, "callback");
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  process.nextTick(callback, null, key);
}

export function hkdfSync(digest, ikm, salt, info, keylen) {
  validateString(digest, "digest");
  const k = keyMaterial(ikm, "ikm");
  const s = keyMaterial(salt, "salt");
  const i = keyMaterial(info, "info");
  checkKeylen(keylen);
  if (i.byteLength > 1024) throw ERR_OUT_OF_RANGE("info", "must not contain more than 1024 bytes", i.byteLength);
  return N.hkdf(digest, k, s, i, keylen);
}

export function hkdf(digest, ikm, salt, info, keylen, callback) {
  validateFunction(callback, "callback");
  const key = hkdfSync(digest, ikm, salt, info, keylen);
  process.nextTick(callback, null, key);
}

const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptParams(options) {
  const o = options ?? {};
  const pick = (a, b, d) => (o[a] !== undefined ? o[a] : o[b] !== undefined ? o[b] : d);
  const N2 = pick("N", "cost", SCRYPT_DEFAULTS.N);
  const r = pick("r", "blockSize", SCRYPT_DEFAULTS.r);
  const p = pick("p", "parallelization", SCRYPT_DEFAULTS.p);
  const maxmem = o.maxmem ?? SCRYPT_DEFAULTS.maxmem;
  const bad = (why) => nodeError(RangeError, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", `Invalid scrypt params: ${why}`);
  if (!Number.isInteger(N2) || N2 < 2 || (N2 & (N2 - 1)) !== 0) throw bad("N must be a power of 2 greater than 1");
  if (!Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1) throw bad("r and p must be positive integers");
  if (128 * N2 * r > maxmem) throw bad("memory limit exceeded");
  return { N: N2, r, p };
}

export function scryptSync(password, salt, keylen, options) {
  const pw = keyMaterial(password, "password");
  const s = keyMaterial(salt, "salt");
  checkKeylen(keylen);
  const { N: cost, r, p } = scryptParams(options);
  return Buffer.from(N.scrypt(pw, s, keylen, cost, r, p));
}

export function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === "function") [options, callback] = [undefined, options];
  validateFunction(callback, "callback");
  const key = scryptSync(password, salt, keylen, options);
  process.nextTick(callback, null, key);
}

// ---- Web Crypto (the subset listed here) ----
// digest (SHA-1/256/384/512); HMAC and AES-GCM keys: generateKey, importKey/exportKey ("raw",
// "jwk"), sign/verify (HMAC), encrypt/decrypt (AES-GCM); ECDSA (P-256) and Ed25519 key pairs
// and signatures (rusk:internal/webcrypto_asymmetric). Other algorithms (RSA, ECDH, X25519,
// AES-CBC/CTR/KW, PBKDF2/HKDF derivation) reject with NotSupportedError.

const SUBTLE_DIGESTS = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const BLOCK_BITS = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };

function notSupported(what) {
  return domException(`${what} is not supported by rusk yet`, "NotSupportedError");
}

function algorithmName(alg) {
  const name = typeof alg === "string" ? alg : alg?.name;
  if (typeof name !== "string") throw new TypeError("Algorithm: Unrecognized name");
  return name.toUpperCase();
}

function hashName(hash) {
  const name = algorithmName(hash);
  if (!SUBTLE_DIGESTS[name]) throw notSupported(`Hash ${name}`);
  return name;
}

function bufferSource(data, what = "data") {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  throw new TypeError(`Failed to execute: ${what} is not of type BufferSource`);
}

// Web Crypto's names of the algorithms rusk:internal/webcrypto_asymmetric implements (loaded on
// first use).
const ASYMMETRIC = { ECDSA: "ECDSA", ED25519: "Ed25519" };
const asymmetric = () => globalThis[Symbol.for("rusk.internals")].requireBuiltin("rusk:internal/webcrypto_asymmetric");
const KEY_FORMATS = ["raw", "spki", "pkcs8", "jwk"];

function checkFormat(format, method) {
  if (!KEY_FORMATS.includes(format)) {
    throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `Failed to execute '${method}' on 'SubtleCrypto': 1st argument value '${format}' is not a valid enum value of type KeyFormat.`);
  }
}

function makeKey(bytes, algorithm, extractable, usages) {
  return makeCryptoKey(new KeyHandle("secret", { bytes }), "secret", algorithm, extractable, usages);
}

const secretBytes = (key) => cryptoKeyHandle(key).bytes;

const USAGES = { HMAC: ["sign", "verify"], "AES-GCM": ["encrypt", "decrypt", "wrapKey", "unwrapKey"] };

function checkUsages(name, usages) {
  for (const u of usages) {
    if (!USAGES[name].includes(u)) throw domException(`Unsupported key usage for a ${name} key`, "SyntaxError");
  }
}

function secretKey(name, algorithm, bytes, extractable, usages) {
  checkUsages(name, usages);
  if (name === "HMAC") {
    const hash = hashName(algorithm.hash);
    const length = algorithm.length ?? bytes.length * 8;
    if (bytes.length === 0 || length > bytes.length * 8 || length <= (bytes.length - 1) * 8) throw domException("Invalid key length", "DataError");
    return makeKey(bytes, { name: "HMAC", hash: { name: hash }, length }, extractable, usages);
  }
  if (![16, 24, 32].includes(bytes.length)) throw domException("Invalid key length", "DataError");
  return makeKey(bytes, { name: "AES-GCM", length: bytes.length * 8 }, extractable, usages);
}

function useKey(key, name, usage) {
  if (cryptoKeyHandle(key) === undefined) throw new TypeError("The \"key\" argument must be an instance of CryptoKey.");
  if (key.algorithm.name !== name) throw domException("The requested operation is not valid for the provided key", "InvalidAccessError");
  if (!key.usages.includes(usage)) throw domException("The requested operation is not valid for the provided key", "InvalidAccessError");
  return secretBytes(key);
}

function hmac(key, data) {
  const h = new N.NativeHmac(SUBTLE_DIGESTS[key.algorithm.hash.name], secretBytes(key));
  h.update(bufferSource(data));
  return h.digest();
}

function aesGcm(params, bytes, data, decrypt) {
  const iv = bufferSource(params.iv, "iv");
  const tagBytes = (params.tagLength ?? 128) / 8;
  if (tagBytes !== 16) throw notSupported(`AES-GCM tagLength ${params.tagLength}`);
  if (iv.length !== 12) throw notSupported("AES-GCM with an IV that is not 96 bits");
  const algo = `aes-${bytes.length * 8}-gcm`;
  const c = new N.NativeCipher(algo, bytes, iv, decrypt, 16);
  if (params.additionalData !== undefined) c.setAAD(bufferSource(params.additionalData, "additionalData"));
  const input = bufferSource(data);
  try {
    if (!decrypt) {
      c.update(input);
      const out = new Uint8Array(c.final());
      const tag = new Uint8Array(c.getAuthTag());
      const joined = new Uint8Array(out.length + tag.length);
      joined.set(out);
      joined.set(tag, out.length);
      return joined.buffer;
    }
    if (input.length < 16) throw new Error("too short");
    c.setAuthTag(input.subarray(input.length - 16));
    c.update(input.subarray(0, input.length - 16));
    return c.final();
  } catch {
    throw domException("The operation failed for an operation-specific reason", "OperationError");
  }
}

export class SubtleCrypto {
  async digest(algorithm, data) {
    const alg = SUBTLE_DIGESTS[algorithmName(algorithm)];
    if (!alg) throw notSupported(`Algorithm ${algorithmName(algorithm)}`);
    const h = new N.NativeHash(alg);
    h.update(bufferSource(data));
    return h.digest();
  }

  async generateKey(algorithm, extractable, keyUsages) {
    const name = algorithmName(algorithm);
    if (ASYMMETRIC[name]) return asymmetric().generateKeyPair(ASYMMETRIC[name], algorithm, extractable, keyUsages);
    if (name === "HMAC") {
      const hash = hashName(algorithm.hash);
      const bits = algorithm.length ?? BLOCK_BITS[hash];
      const bytes = new Uint8Array(Math.ceil(bits / 8));
      N.randomFill(bytes);
      return secretKey(name, { ...algorithm, length: bits }, bytes, extractable, keyUsages);
    }
    if (name === "AES-GCM") {
      if (![128, 192, 256].includes(algorithm.length)) throw domException("AES key length must be 128, 192 or 256 bits", "OperationError");
      const bytes = new Uint8Array(algorithm.length / 8);
      N.randomFill(bytes);
      return secretKey(name, algorithm, bytes, extractable, keyUsages);
    }
    throw notSupported(`Algorithm ${name}`);
  }

  async importKey(format, keyData, algorithm, extractable, keyUsages) {
    checkFormat(format, "importKey");
    const name = algorithmName(algorithm);
    if (ASYMMETRIC[name]) return asymmetric().importKey(ASYMMETRIC[name], format, keyData, algorithm, extractable, keyUsages);
    if (name !== "HMAC" && name !== "AES-GCM") throw notSupported(`Algorithm ${name}`);
    let bytes;
    if (format === "raw") bytes = bufferSource(keyData, "keyData");
    else if (format === "jwk") {
      if (keyData?.kty !== "oct" || typeof keyData.k !== "string") throw domException("Invalid JWK", "DataError");
      bytes = new Uint8Array(Buffer.from(keyData.k, "base64url"));
    } else throw notSupported(`Key format ${format}`);
    return secretKey(name, typeof algorithm === "string" ? { name } : algorithm, bytes, extractable, keyUsages);
  }

  async exportKey(format, key) {
    checkFormat(format, "exportKey");
    if (cryptoKeyHandle(key) === undefined) throw new TypeError("The \"key\" argument must be an instance of CryptoKey.");
    if (!key.extractable) throw domException("key is not extractable", "InvalidAccessError");
    if (key.type !== "secret") return asymmetric().exportKey(format, key);
    const bytes = secretBytes(key);
    if (format === "raw") return bytes.slice().buffer;
    if (format === "jwk") {
      const alg = key.algorithm.name === "HMAC" ? `HS${key.algorithm.hash.name.slice(4)}` : `A${key.algorithm.length}GCM`;
      return { key_ops: [...key.usages], ext: true, kty: "oct", k: Buffer.from(bytes).toString("base64url"), alg };
    }
    throw notSupported(`Key format ${format}`);
  }

  async sign(algorithm, key, data) {
    const name = algorithmName(algorithm);
    if (ASYMMETRIC[name]) return asymmetric().sign(ASYMMETRIC[name], algorithm, key, data);
    if (name !== "HMAC") throw notSupported(`Algorithm ${name}`);
    useKey(key, "HMAC", "sign");
    return hmac(key, data);
  }

  async verify(algorithm, key, signature, data) {
    const name = algorithmName(algorithm);
    if (ASYMMETRIC[name]) return asymmetric().verify(ASYMMETRIC[name], algorithm, key, signature, data);
    if (name !== "HMAC") throw notSupported(`Algorithm ${name}`);
    useKey(key, "HMAC", "verify");
    const expected = new Uint8Array(hmac(key, data));
    const given = bufferSource(signature, "signature");
    return given.length === expected.length && N.timingSafeEqual(given, expected);
  }

  async encrypt(algorithm, key, data) {
    const name = algorithmName(algorithm);
    if (name !== "AES-GCM") throw notSupported(`Algorithm ${name}`);
    return aesGcm(algorithm, useKey(key, "AES-GCM", "encrypt"), data, false);
  }

  async decrypt(algorithm, key, data) {
    const name = algorithmName(algorithm);
    if (name !== "AES-GCM") throw notSupported(`Algorithm ${name}`);
    return aesGcm(algorithm, useKey(key, "AES-GCM", "decrypt"), data, true);
  }
}
for (const m of ["deriveKey", "deriveBits", "wrapKey", "unwrapKey"]) {
  SubtleCrypto.prototype[m] = async function () {
    throw notSupported(`SubtleCrypto.${m}`);
  };
}

export class Crypto {
  get subtle() {
    return subtle;
  }
  getRandomValues(array) {
    return getRandomValues(array);
  }
  randomUUID() {
    return randomUUID();
  }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: "Crypto", configurable: true });
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: "SubtleCrypto", configurable: true });

export const subtle = new SubtleCrypto();
export const webcrypto = new Crypto();
export const constants = {};

export {
  CryptoKey,
  KeyObject,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPair,
  generateKeyPairSync,
  sign,
  verify,
};

export default {
  Hash,
  Hmac,
  Cipher,
  Decipher,
  Sign,
  Verify,
  createCipheriv,
  createDecipheriv,
  KeyObject,
  createHash,
  createHmac,
  createSign,
  createVerify,
  createSecretKey,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  sign,
  verify,
  hash,
  getHashes,
  getCiphers,
  getCurves,
  randomBytes,
  pseudoRandomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
  timingSafeEqual,
  pbkdf2,
  pbkdf2Sync,
  hkdf,
  hkdfSync,
  scrypt,
  scryptSync,
  subtle,
  webcrypto,
  Crypto,
  CryptoKey,
  SubtleCrypto,
  constants,
};
