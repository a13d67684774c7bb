// rusk:internal/crypto_keys — node:crypto's keys (KeyObject and its subclasses, CryptoKey's
// storage), their encodings (PEM, DER, JWK), key-pair generation and one-shot signatures.
// rusk:native/crypto makes, parses and uses the keys: EC keys on P-256 and Ed25519 keys. The
// encodings rusk writes are built here from the raw key parts, byte for byte as Node writes
// them; other key types and curves are recognised (by their DER algorithm identifiers, PEM
// labels and JWK fields) so that using one fails with a not-implemented error naming it.
import * as N from "rusk:native/crypto";
import { Buffer } from "node:buffer";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateFunction,
  validateObject,
  validateOneOf,
  validateString,
} from "rusk:internal/errors";

const isView = (v) => ArrayBuffer.isView(v);
const isKeyData = (v) => typeof v === "string" || isView(v) || v instanceof ArrayBuffer;
const KEY_DATA_TYPES = ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"];
const KEY_TYPES = [...KEY_DATA_TYPES, "KeyObject", "CryptoKey"];

const viewBytes = (v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
const hex = (s) => Uint8Array.from(s.match(/../g), (h) => parseInt(h, 16));
const concat = (...parts) => Buffer.concat(parts.map((p) => viewBytes(p)));

/** ERR_METHOD_NOT_IMPLEMENTED: "<what> is (are) not implemented in rusk yet". */
function notImplemented(what, plural = false) {
  return nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `${what} ${plural ? "are" : "is"} not implemented in rusk yet (rusk has EC P-256 and Ed25519 keys)`);
}

// What Node (OpenSSL) throws for key data it cannot decode.
const decodeError = () => nodeError(Error, "ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported");
const incompatible = (message) => nodeError(Error, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", message);
const invalidJwk = (message) => nodeError(TypeError, "ERR_CRYPTO_INVALID_JWK", message);
const invalidKeyType = (type, expected) => nodeError(TypeError, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", `Invalid key object type ${type}, expected ${expected}.`);

export function domException(message, name) {
  return typeof DOMException === "function" ? new DOMException(message, name) : Object.assign(new Error(message), { name });
}

// ---- key handles ----
// A KeyHandle holds a key's material: `bytes` for a secret key; for an asymmetric key its
// `kind` ("ec" | "ed25519"), the raw public part (EC: the uncompressed point, Ed25519: 32
// bytes), the SPKI DER the native verifier reads and, for a private key, the raw private part
// (EC: the 32-byte scalar, Ed25519: the 32-byte seed) and the PKCS#8 DER the native signer reads.

export class KeyHandle {
  constructor(kind, parts) {
    this.kind = kind;
    Object.assign(this, parts);
    Object.freeze(this);
  }
  get isPrivate() {
    return this.privateRaw !== undefined;
  }
  /** The public half of a private key's handle (the handle itself for a public key). */
  publicHandle() {
    return this.isPrivate ? new KeyHandle(this.kind, { spki: this.spki, publicRaw: this.publicRaw }) : this;
  }
}

function handleFromNative(parts) {
  const h = { spki: new Uint8Array(parts.spki), publicRaw: new Uint8Array(parts.publicRaw) };
  if (parts.pkcs8 !== undefined) {
    h.pkcs8 = new Uint8Array(parts.pkcs8);
    h.privateRaw = new Uint8Array(parts.privateRaw);
  }
  return new KeyHandle(parts.kind, h);
}

export function generateHandle(kind) {
  return handleFromNative(N.generateKeyPair(kind));
}

/** A handle from raw key bytes (see rusk:native/crypto's importRaw); throws the native's error. */
export function handleFromRaw(kind, bytes, isPrivate) {
  return handleFromNative(N.importRaw(kind, bytes, isPrivate));
}

// ---- DER ----
// The fixed DER around P-256 and Ed25519 keys, as Node (OpenSSL) writes them: EC keys name the
// curve (prime256v1) and PKCS#8 EC keys carry the public point; Ed25519 PKCS#8 is version 1.
const EC_SPKI = hex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
const EC_PKCS8 = hex("308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420");
const EC_SEC1 = hex("30770201010420");
const EC_SEC1_CURVE = hex("a00a06082a8648ce3d030107");
const EC_PUBLIC_TAG = hex("a144034200");
const ED_SPKI = hex("302a300506032b6570032100");
const ED_PKCS8 = hex("302e020100300506032b657004220420");

function spkiDer(h) {
  return concat(h.kind === "ec" ? EC_SPKI : ED_SPKI, h.publicRaw);
}

function pkcs8Der(h) {
  if (h.kind === "ec") return concat(EC_PKCS8, h.privateRaw, EC_PUBLIC_TAG, h.publicRaw);
  return concat(ED_PKCS8, h.privateRaw);
}

function sec1Der(h) {
  return concat(EC_SEC1, h.privateRaw, EC_SEC1_CURVE, EC_PUBLIC_TAG, h.publicRaw);
}

/** One DER element at `pos`: its tag, where its contents start and end. Throws on bad input. */
function readElement(der, pos) {
  if (pos + 2 > der.length) throw new RangeError("truncated");
  const tag = der[pos];
  let len = der[pos + 1];
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || start + n > der.length) throw new RangeError("bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  const end = start + len;
  if (end > der.length) throw new RangeError("truncated");
  return { tag, start, end };
}

function children(der, el) {
  const out = [];
  for (let pos = el.start; pos < el.end; ) {
    const c = readElement(der, pos);
    out.push(c);
    pos = c.end;
  }
  return out;
}

const oidHex = (der, el) => (el.tag === 0x06 ? Buffer.from(der.subarray(el.start, el.end)).toString("hex") : null);

// Algorithm identifiers: the key types Node knows, by OID.
const KEY_ALGORITHMS = {
  "2a8648ce3d0201": "ec",
  "2b6570": "ed25519",
  "2b6571": "ed448",
  "2b656e": "x25519",
  "2b656f": "x448",
  "2a864886f70d010101": "rsa",
  "2a864886f70d01010a": "rsa-pss",
  "2a8648ce380401": "dsa",
  "2a864886f70d010301": "dh",
};
const CURVES = {
  "2a8648ce3d030107": "prime256v1",
  "2b81040022": "secp384r1",
  "2b81040023": "secp521r1",
  "2b8104000a": "secp256k1",
  "2b81040021": "secp224r1",
};

/**
 * What a DER key is: `{ form, algorithm, curve }` with form "spki", "pkcs8", "sec1",
 * "encrypted" (an encrypted PKCS#8 key) or "pkcs1" (an RSA key without algorithm identifier);
 * null when it is none of these.
 */
export function describeDer(der) {
  try {
    const top = readElement(der, 0);
    if (top.tag !== 0x30 || top.end !== der.length) return null;
    const items = children(der, top);
    const algorithmOf = (el) => {
      const [oid, params] = children(der, el);
      const algorithm = KEY_ALGORITHMS[oidHex(der, oid)] ?? "unknown";
      const curve = algorithm === "ec" && params ? CURVES[oidHex(der, params)] ?? "unknown" : undefined;
      return { algorithm, curve };
    };
    // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }
    if (items.length === 2 && items[0].tag === 0x30 && items[1].tag === 0x03) return { form: "spki", ...algorithmOf(items[0]) };
    // EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }
    if (items.length === 2 && items[0].tag === 0x30 && items[1].tag === 0x04) return { form: "encrypted", algorithm: "unknown" };
    // PrivateKeyInfo: SEQUENCE { INTEGER version, AlgorithmIdentifier, OCTET STRING, ... }
    if (items.length >= 3 && items[0].tag === 0x02 && items[1].tag === 0x30 && items[2].tag === 0x04) return { form: "pkcs8", ...algorithmOf(items[1]) };
    // ECPrivateKey (SEC1): SEQUENCE { INTEGER 1, OCTET STRING, [0] curve?, [1] point? }
    if (items.length >= 2 && items[0].tag === 0x02 && items[1].tag === 0x04) {
      const params = items.find((el) => el.tag === 0xa0);
      const curve = params ? CURVES[oidHex(der, readElement(der, params.start))] ?? "unknown" : "prime256v1";
      return { form: "sec1", algorithm: "ec", curve };
    }
    // RSAPrivateKey / RSAPublicKey (PKCS#1): INTEGERs only
    if (items.length >= 2 && items.every((el) => el.tag === 0x02)) return { form: "pkcs1", algorithm: "rsa" };
  } catch {
    return null;
  }
  return null;
}

/** Throws the not-implemented error for a key rusk recognises but cannot use. */
function checkSupported(info) {
  if (info.form === "encrypted") throw notImplemented("Encrypted private keys", true);
  if (info.algorithm === "ec" && info.curve !== "prime256v1") {
    throw notImplemented(info.curve === "unknown" ? "EC keys on curves other than P-256" : `EC keys on curve ${info.curve}`, true);
  }
  if (info.algorithm !== "ec" && info.algorithm !== "ed25519" && info.algorithm !== "unknown") throw notImplemented(`${info.algorithm} keys`, true);
}

/**
 * A handle from DER of the given `type` ("pkcs8", "sec1", "spki", "pkcs1"; undefined: any),
 * which must be a private key unless `allowPublic`, a public key unless `allowPrivate`.
 */
function handleFromDer(der, type, allowPrivate, allowPublic) {
  const info = describeDer(der);
  if (info === null) throw decodeError();
  checkSupported(info);
  if (info.algorithm === "unknown") throw decodeError();
  const isPublic = info.form === "spki";
  if ((isPublic && !allowPublic) || (!isPublic && !allowPrivate)) throw decodeError();
  // OpenSSL reads PKCS#8 when asked for SEC1, but not the other way round.
  if ((type === "pkcs8" && info.form !== "pkcs8") || (type === "spki" && !isPublic) || (type === "sec1" && isPublic) || type === "pkcs1") throw decodeError();
  try {
    return handleFromNativeDer(der, isPublic);
  } catch {
    throw decodeError();
  }
}

/** A handle from SPKI (`isPublic`) or PKCS#8/SEC1 DER; throws the native's error. */
export function handleFromNativeDer(der, isPublic) {
  return handleFromNative(isPublic ? N.importPublic(der) : N.importPrivate(der));
}

// ---- PEM ----

// PEM labels: what each holds (the DER form, or what the not-implemented error names) and
// whether it is a public key.
const PEM_LABELS = {
  "PRIVATE KEY": { form: "pkcs8", isPublic: false },
  "EC PRIVATE KEY": { form: "sec1", isPublic: false },
  "PUBLIC KEY": { form: "spki", isPublic: true },
  "ENCRYPTED PRIVATE KEY": { missing: "Encrypted private keys", isPublic: false },
  "RSA PRIVATE KEY": { missing: "rsa keys", isPublic: false },
  "DSA PRIVATE KEY": { missing: "dsa keys", isPublic: false },
  "RSA PUBLIC KEY": { missing: "rsa keys", isPublic: true },
  "CERTIFICATE": { missing: "Keys from X.509 certificates", isPublic: true },
};

function pemText(label, der) {
  const b64 = Buffer.from(der).toString("base64");
  let body = "";
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** The key of the first PEM block of a kind the caller takes; as OpenSSL, other text is skipped. */
function handleFromPem(text, allowPrivate, allowPublic) {
  const block = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)^-----END \1-----/gm;
  for (const [, label, body] of text.matchAll(block)) {
    const kind = PEM_LABELS[label];
    if (kind === undefined || !(kind.isPublic ? allowPublic : allowPrivate)) continue;
    if (kind.missing) throw notImplemented(kind.missing, true);
    // Legacy encrypted PEM carries "Proc-Type:" and "DEK-Info:" headers.
    if (body.includes(":")) throw notImplemented("Encrypted private keys", true);
    return handleFromDer(new Uint8Array(Buffer.from(body.replace(/\s+/g, ""), "base64")), kind.form, allowPrivate, allowPublic);
  }
  throw decodeError();
}

// ---- JWK ----

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

function jwkOf(h, isPrivate) {
  if (h.kind === "ec") {
    const jwk = { kty: "EC", x: b64url(h.publicRaw.subarray(1, 33)), y: b64url(h.publicRaw.subarray(33, 65)), crv: "P-256" };
    if (isPrivate) jwk.d = b64url(h.privateRaw);
    return jwk;
  }
  const jwk = { crv: "Ed25519" };
  if (isPrivate) jwk.d = b64url(h.privateRaw);
  jwk.x = b64url(h.publicRaw);
  jwk.kty = "OKP";
  return jwk;
}

const jwkBytes = (s) => new Uint8Array(Buffer.from(s, "base64"));
const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A handle from a JWK (checked as Node checks it); `isPrivate` says whether `d` is read. */
function handleFromJwk(jwk, isPrivate) {
  validateOneOf(jwk.kty, "key.kty", ["RSA", "EC", "OKP"]);
  if (jwk.kty === "RSA") {
    for (const f of isPrivate ? ["n", "e", "d", "p", "q", "dp", "dq", "qi"] : ["n", "e"]) validateString(jwk[f], `key.${f}`);
    throw notImplemented("rsa keys", true);
  }
  validateString(jwk.crv, "key.crv");
  if (jwk.kty === "OKP") {
    validateOneOf(jwk.crv, "key.crv", ["Ed25519", "Ed448", "X25519", "X448"]);
    validateString(jwk.x, "key.x");
    if (isPrivate) validateString(jwk.d, "key.d");
    if (jwk.crv !== "Ed25519") throw notImplemented(`${jwk.crv.toLowerCase()} keys`, true);
    const bytes = jwkBytes(isPrivate ? jwk.d : jwk.x);
    if (bytes.length !== 32) throw invalidJwk("Invalid JWK data");
    try {
      return handleFromRaw("ed25519", bytes, isPrivate);
    } catch {
      throw invalidJwk("Invalid JWK data");
    }
  }
  validateOneOf(jwk.crv, "key.crv", ["P-256", "secp256k1", "P-384", "P-521"]);
  validateString(jwk.x, "key.x");
  validateString(jwk.y, "key.y");
  if (isPrivate) validateString(jwk.d, "key.d");
  if (jwk.crv !== "P-256") throw notImplemented(`EC keys on curve ${jwk.crv}`, true);
  const x = jwkBytes(jwk.x);
  const y = jwkBytes(jwk.y);
  const d = isPrivate ? jwkBytes(jwk.d) : null;
  if (x.length !== 32 || y.length !== 32 || (d !== null && d.length !== 32)) throw invalidJwk("Invalid JWK EC key");
  const point = concat(new Uint8Array([4]), x, y);
  let h;
  try {
    h = d === null ? handleFromRaw("ec", point, false) : handleFromRaw("ec", d, true);
  } catch {
    throw invalidJwk("Invalid JWK EC key");
  }
  if (!sameBytes(h.publicRaw, point)) throw invalidJwk("Invalid JWK EC key");
  return h;
}

// ---- encoding options (KeyObject.export, generateKeyPair's publicKeyEncoding/privateKeyEncoding) ----

/**
 * Checks `{ format, type, cipher, passphrase }` for a key of `keyType` ("public"|"private"),
 * naming bad properties under `prefix` ("options", "options.privateKeyEncoding").
 * `ignoreJwkCipher`: generateKeyPair lets a JWK encoding carry a cipher, export() does not.
 */
function checkEncoding(enc, keyType, prefix, ignoreJwkCipher = false) {
  const { format, type, cipher, passphrase } = enc;
  if (format !== "pem" && format !== "der" && format !== "jwk") throw ERR_INVALID_ARG_VALUE(`${prefix}.format`, format);
  if (format === "jwk") {
    if (!ignoreJwkCipher && (cipher !== undefined || passphrase !== undefined)) throw incompatible("The selected key encoding jwk does not support encryption.");
    return { format };
  }
  const types = keyType === "public" ? ["spki", "pkcs1"] : ["pkcs8", "sec1", "pkcs1"];
  if (!types.includes(type)) throw ERR_INVALID_ARG_VALUE(`${prefix}.type`, type);
  if (keyType === "private") {
    if (cipher !== undefined && typeof cipher !== "string") throw ERR_INVALID_ARG_VALUE(`${prefix}.cipher`, cipher);
    if (cipher !== undefined && passphrase === undefined) throw ERR_INVALID_ARG_VALUE(`${prefix}.passphrase`, passphrase);
    if (cipher === undefined && passphrase !== undefined) throw ERR_INVALID_ARG_VALUE(`${prefix}.cipher`, cipher);
    if (passphrase !== undefined && typeof passphrase !== "string" && !isView(passphrase) && !(passphrase instanceof ArrayBuffer)) {
      throw ERR_INVALID_ARG_VALUE(`${prefix}.passphrase`, passphrase);
    }
  }
  // A public key's encoding ignores cipher and passphrase, as in Node.
  return { format, type, encrypted: keyType === "private" && cipher !== undefined };
}

function encodeKey(h, keyType, { format, type, encrypted }) {
  if (format === "jwk") return jwkOf(h, keyType === "private");
  if (type === "pkcs1") throw incompatible("The selected key encoding pkcs1 can only be used for RSA keys.");
  if (type === "sec1") {
    if (h.kind !== "ec") throw incompatible("The selected key encoding sec1 can only be used for EC keys.");
    if (encrypted && format === "der") throw incompatible("The selected key encoding sec1 does not support encryption.");
  }
  if (encrypted) throw notImplemented("Encrypting private keys (cipher, passphrase)");
  let der;
  let label;
  if (keyType === "public") [der, label] = [spkiDer(h), "PUBLIC KEY"];
  else if (type === "sec1") [der, label] = [sec1Der(h), "EC PRIVATE KEY"];
  else [der, label] = [pkcs8Der(h), "PRIVATE KEY"];
  return format === "pem" ? pemText(label, der) : der;
}

// ---- KeyObject ----

const keyState = new WeakMap(); // KeyObject → { type, handle }

export class KeyObject {
  constructor(type, handle) {
    if (type !== "secret" && type !== "public" && type !== "private") throw ERR_INVALID_ARG_VALUE("type", type);
    if (!(handle instanceof KeyHandle)) throw ERR_INVALID_ARG_TYPE("handle", "object", handle);
    keyState.set(this, { type, handle });
  }
  static from(key) {
    const handle = cryptoKeyHandle(key);
    if (handle === undefined) throw ERR_INVALID_ARG_TYPE("key", "CryptoKey", key);
    return keyObjectOf(key.type, handle);
  }
  get type() {
    return keyState.get(this)?.type;
  }
  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) throw ERR_INVALID_ARG_TYPE("otherKeyObject", "KeyObject", otherKeyObject);
    const a = keyState.get(this);
    const b = keyState.get(otherKeyObject);
    if (a.type !== b.type || a.handle.kind !== b.handle.kind) return false;
    if (a.type === "secret") return a.handle.bytes.length === b.handle.bytes.length && N.timingSafeEqual(a.handle.bytes, b.handle.bytes);
    return sameBytes(a.handle.publicRaw, b.handle.publicRaw) && (a.type === "public" || N.timingSafeEqual(a.handle.privateRaw, b.handle.privateRaw));
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: "KeyObject", configurable: true });

/** The handle of a KeyObject made here (undefined for anything else). */
function keyObjectHandle(key) {
  return keyState.get(key)?.handle;
}

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super("secret", handle);
  }
  get symmetricKeySize() {
    return keyState.get(this).handle.bytes.length;
  }
  export(options) {
    const bytes = keyState.get(this).handle.bytes;
    if (options !== undefined) {
      validateObject(options, "options");
      validateOneOf(options.format, "options.format", [undefined, "buffer", "jwk"]);
      if (options.format === "jwk") return { kty: "oct", k: b64url(bytes) };
    }
    return Buffer.from(bytes);
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return keyState.get(this).handle.kind;
  }
  get asymmetricKeyDetails() {
    return keyState.get(this).handle.kind === "ec" ? { namedCurve: "prime256v1" } : {};
  }
}

function exportAsymmetric(key, keyType, options) {
  validateObject(options, "options");
  return encodeKey(keyState.get(key).handle, keyType, checkEncoding(options, keyType, "options"));
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super("public", handle);
  }
  export(options) {
    return exportAsymmetric(this, "public", options);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super("private", handle);
  }
  export(options) {
    return exportAsymmetric(this, "private", options);
  }
}

function keyObjectOf(type, handle) {
  if (type === "secret") return new SecretKeyObject(handle);
  return type === "private" ? new PrivateKeyObject(handle) : new PublicKeyObject(handle.publicHandle());
}

export function createSecretKey(key, encoding) {
  let bytes;
  if (typeof key === "string") bytes = Buffer.from(key, encoding);
  else if (isView(key) || key instanceof ArrayBuffer) bytes = Buffer.from(viewBytes(key));
  else throw ERR_INVALID_ARG_TYPE("key", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], key);
  return new SecretKeyObject(new KeyHandle("secret", { bytes }));
}

// ---- reading key arguments ----

/**
 * The handle of a key given as data: PEM text or bytes, or `{ key, format, type, encoding,
 * passphrase }` with DER bytes or a JWK object. `want`: "private", or "public" (which also takes
 * a private key, for its public half).
 */
function handleFromKeyData(data, options, want) {
  const format = options?.format ?? "pem";
  const type = options?.type;
  if (options !== undefined) {
    if (format !== "pem" && format !== "der" && format !== "jwk") throw ERR_INVALID_ARG_VALUE("options.format", options.format);
    const types = want === "private" ? ["pkcs8", "sec1", "pkcs1"] : ["spki", "pkcs1", "pkcs8", "sec1"];
    if (format !== "jwk" && (type !== undefined || format === "der") && !types.includes(type)) throw ERR_INVALID_ARG_VALUE("options.type", type);
    const p = options.passphrase;
    if (p !== undefined && typeof p !== "string" && !isView(p) && !(p instanceof ArrayBuffer)) throw ERR_INVALID_ARG_VALUE("options.passphrase", p);
  }
  if (format === "jwk") {
    validateObject(data, "key.key");
    return handleFromJwk(data, want === "private");
  }
  const bytes = typeof data === "string" ? Buffer.from(data, options?.encoding) : viewBytes(data);
  if (format === "der") return handleFromDer(bytes, type, true, want !== "private");
  return handleFromPem(Buffer.from(bytes).toString("latin1"), true, want !== "private");
}

const isObjectArg = (v) => v !== null && typeof v === "object";
const isKeyObjectLike = (k) => k instanceof KeyObject || cryptoKeyHandle(k) !== undefined;

/**
 * The handle and options object of a sign/verify/createPublicKey key argument: a KeyObject,
 * CryptoKey, key data, or an options object holding one of them in `key`. `want` as above.
 */
function prepareKey(key, want, argName = "key") {
  const fromObject = (k, name) => {
    if (k instanceof KeyObject) return checkKeyType(k.type, keyState.get(k).handle, want);
    const h = cryptoKeyHandle(k);
    if (h !== undefined) return checkKeyType(k.type, h, want);
    if (isKeyData(k)) return null;
    throw ERR_INVALID_ARG_TYPE(name, KEY_TYPES, k);
  };
  if (isKeyData(key)) return { handle: handleFromKeyData(key, undefined, want), options: undefined };
  if (isKeyObjectLike(key)) return { handle: fromObject(key, argName), options: undefined };
  if (!isObjectArg(key)) throw ERR_INVALID_ARG_TYPE(argName, KEY_TYPES, key);
  const inner = key.key;
  if (key.format === "jwk") return { handle: handleFromKeyData(inner, key, want), options: key };
  const h = fromObject(inner, `${argName}.key`);
  return { handle: h ?? handleFromKeyData(inner, key, want), options: key };
}

function checkKeyType(type, handle, want) {
  if (want === "private" && type !== "private") throw invalidKeyType(type, "private");
  if (type === "secret") throw invalidKeyType(type, "private or public");
  return handle;
}

export function createPrivateKey(key) {
  if (isKeyData(key)) return new PrivateKeyObject(handleFromKeyData(key, undefined, "private"));
  if (!isObjectArg(key) || isKeyObjectLike(key)) throw ERR_INVALID_ARG_TYPE("key", KEY_DATA_TYPES, key);
  const inner = key.key;
  // Node names a key object given as `key.key` as the "key" argument.
  if (isKeyObjectLike(inner)) throw ERR_INVALID_ARG_TYPE("key", KEY_DATA_TYPES, inner);
  if (key.format !== "jwk" && !isKeyData(inner)) throw ERR_INVALID_ARG_TYPE("key.key", KEY_DATA_TYPES, inner);
  return new PrivateKeyObject(handleFromKeyData(inner, key, "private"));
}

export function createPublicKey(key) {
  const given = isObjectArg(key) && !isKeyObjectLike(key) && isKeyObjectLike(key.key) ? key.key : key;
  if (isKeyObjectLike(given)) {
    if (given.type !== "private") throw invalidKeyType(given.type, "private");
    return new PublicKeyObject((keyObjectHandle(given) ?? cryptoKeyHandle(given)).publicHandle());
  }
  return new PublicKeyObject(prepareKey(key, "public").handle.publicHandle());
}

// ---- key pairs ----

const KEY_PAIR_TYPES = ["rsa", "rsa-pss", "dsa", "ec", "ed25519", "ed448", "x25519", "x448", "dh"];
// The curve names Node (OpenSSL) accepts: a curve rusk lacks is "not implemented", not invalid.
const KNOWN_CURVES = new Set(
  ("P-192 P-224 P-384 P-521 Oakley-EC2N-3 Oakley-EC2N-4 SM2 brainpoolP160r1 brainpoolP160t1 brainpoolP192r1 brainpoolP192t1 " +
    "brainpoolP224r1 brainpoolP224t1 brainpoolP256r1 brainpoolP256t1 brainpoolP320r1 brainpoolP320t1 brainpoolP384r1 " +
    "brainpoolP384t1 brainpoolP512r1 brainpoolP512t1 c2pnb163v1 c2pnb163v2 c2pnb163v3 c2pnb176v1 c2pnb208w1 c2pnb272w1 " +
    "c2pnb304w1 c2pnb368w1 c2tnb191v1 c2tnb191v2 c2tnb191v3 c2tnb239v1 c2tnb239v2 c2tnb239v3 c2tnb359v1 c2tnb431r1 " +
    "prime192v1 prime192v2 prime192v3 prime239v1 prime239v2 prime239v3 secp112r1 secp112r2 secp128r1 secp128r2 secp160k1 " +
    "secp160r1 secp160r2 secp192k1 secp224k1 secp224r1 secp256k1 secp384r1 secp521r1 sect113r1 sect113r2 sect131r1 " +
    "sect131r2 sect163k1 sect163r1 sect163r2 sect193r1 sect193r2 sect233k1 sect233r1 sect239k1 sect283k1 sect283r1 " +
    "sect409k1 sect409r1 sect571k1 sect571r1").split(" "),
);

/** Validates generateKeyPair's arguments; returns the native key kind and the two encodings. */
function keyPairRequest(type, options) {
  validateString(type, "type");
  if (!KEY_PAIR_TYPES.includes(type)) throw ERR_INVALID_ARG_VALUE("type", type, "must be a supported key type");
  if (type !== "ec" && type !== "ed25519") throw notImplemented(`Key pair type '${type}'`);
  if (type === "ec" || options !== undefined) validateObject(options, "options");
  const encodings = {};
  for (const [name, keyType] of [["publicKeyEncoding", "public"], ["privateKeyEncoding", "private"]]) {
    const enc = options?.[name];
    if (enc === undefined) continue;
    if (!isObjectArg(enc)) throw ERR_INVALID_ARG_VALUE(`options.${name}`, enc);
    encodings[keyType] = checkEncoding(enc, keyType, `options.${name}`, true);
  }
  if (type === "ec") {
    const { namedCurve, paramEncoding } = options;
    validateString(namedCurve, "options.namedCurve");
    if (paramEncoding !== undefined && paramEncoding !== "named" && paramEncoding !== "explicit") throw ERR_INVALID_ARG_VALUE("options.paramEncoding", paramEncoding);
    if (namedCurve !== "P-256" && namedCurve !== "prime256v1") {
      if (!KNOWN_CURVES.has(namedCurve)) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
      throw notImplemented(`EC curve '${namedCurve}'`);
    }
    if (paramEncoding === "explicit") throw notImplemented("EC keys with explicit curve parameters", true);
  }
  return { kind: type, encodings };
}

function makeKeyPair({ kind, encodings }) {
  const h = generateHandle(kind);
  const out = (keyType) => (encodings[keyType] ? encodeKey(h, keyType, encodings[keyType]) : keyObjectOf(keyType, h));
  return { publicKey: out("public"), privateKey: out("private") };
}

export function generateKeyPairSync(type, options) {
  return makeKeyPair(keyPairRequest(type, options));
}

export function generateKeyPair(type, options, callback) {
  if (typeof options === "function") [options, callback] = [undefined, options];
  const request = keyPairRequest(type, options);
  validateFunction(callback, "callback");
  // Node makes keys on its thread pool; rusk makes them now and calls back on a later tick.
  let pair;
  let error = null;
  try {
    pair = makeKeyPair(request);
  } catch (err) {
    error = err;
  }
  process.nextTick(() => (error ? callback(error) : callback(null, pair.publicKey, pair.privateKey)));
}
// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }, as in Node.
Object.defineProperty(generateKeyPair, Symbol.for("nodejs.util.promisify.custom"), {
  value: (type, options) =>
    new Promise((resolve, reject) => generateKeyPair(type, options, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })))),
  configurable: true,
});

// ---- signatures ----

/** The normalised name of a digest Node accepts (`sha256`, `SHA256`, `RSA-SHA256`...), or null. */
export function digestName(algorithm) {
  const name = algorithm.toLowerCase();
  return N.hashes.includes(name) ? name : null;
}

function digestOf(name, data) {
  const h = new N.NativeHash(name);
  h.update(data);
  return h.digest();
}

function dsaEncodingOf(options) {
  const enc = options?.dsaEncoding;
  if (enc === undefined || enc === "der") return false;
  if (enc === "ieee-p1363") return true;
  throw ERR_INVALID_ARG_VALUE("options.dsaEncoding", enc);
}

const unsupportedDigest = () => nodeError(Error, "ERR_OSSL_INVALID_DIGEST", "error:1C80007A:Provider routines::invalid digest");

/** Signs `data` (bytes) with a private handle; an EC key signs the digest `digest` names. */
export function signWith(handle, digest, data, p1363) {
  if (handle.kind === "ed25519") return N.sign("ed25519", handle.pkcs8, data, false);
  return N.sign("ec", handle.pkcs8, digestOf(digest, data), p1363);
}

export function verifyWith(handle, digest, data, signature, p1363) {
  if (handle.kind === "ed25519") return N.verify("ed25519", handle.spki, data, signature, false);
  return N.verify("ec", handle.spki, digestOf(digest, data), signature, p1363);
}

/** The digest name for a one-shot sign/verify: EC keys default to SHA-256, Ed25519 takes none. */
function oneShotDigest(algorithm, handle) {
  if (handle.kind === "ed25519") {
    if (algorithm != null) throw unsupportedDigest();
    return null;
  }
  return algorithm == null ? "sha256" : algorithm;
}

function checkDigest(algorithm) {
  if (algorithm == null) return null;
  validateString(algorithm, "algorithm");
  const name = digestName(algorithm);
  if (name === null) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`);
  return name;
}

function dataBytes(data) {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (isView(data) || data instanceof ArrayBuffer) return viewBytes(data);
  throw ERR_INVALID_ARG_TYPE("data", KEY_DATA_TYPES, data);
}

function settle(callback, compute) {
  if (callback === undefined) return compute();
  let result;
  let error = null;
  try {
    result = compute();
  } catch (err) {
    error = err;
  }
  process.nextTick(() => (error ? callback(error) : callback(null, result)));
}

export function sign(algorithm, data, key, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data);
  if (callback !== undefined) validateFunction(callback, "callback");
  if (key === undefined || key === null) throw nodeError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
  const { handle, options } = prepareKey(key, "private");
  const p1363 = dsaEncodingOf(options);
  const name = oneShotDigest(digest, handle);
  return settle(callback, () => Buffer.from(signWith(handle, name, bytes, p1363)));
}

export function verify(algorithm, data, key, signature, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data);
  if (callback !== undefined) validateFunction(callback, "callback");
  const { handle, options } = prepareKey(key, "public");
  const p1363 = dsaEncodingOf(options);
  if (!isView(signature)) throw ERR_INVALID_ARG_TYPE("signature", ["Buffer", "TypedArray", "DataView"], signature);
  const name = oneShotDigest(digest, handle);
  return settle(callback, () => verifyWith(handle, name, bytes, viewBytes(signature), p1363));
}

/** For Sign.sign / Verify.verify: the key's handle and whether it wants IEEE P1363 signatures. */
export function streamSigningKey(key, want) {
  const { handle, options } = prepareKey(key, want);
  const p1363 = dsaEncodingOf(options);
  if (handle.kind === "ed25519") throw nodeError(Error, "ERR_CRYPTO_UNSUPPORTED_OPERATION", "Unsupported crypto operation");
  return { handle, p1363 };
}

// ---- CryptoKey ----
// Web Crypto's keys. Their material is a KeyHandle kept here, so that node:crypto's functions
// (KeyObject.from, sign, createPublicKey...) take CryptoKeys as Node's do.

const cryptoKeySlots = new WeakMap(); // CryptoKey → KeyHandle

export class CryptoKey {
  constructor() {
    throw new TypeError("Illegal constructor");
  }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", configurable: true });

export function makeCryptoKey(handle, type, algorithm, extractable, usages) {
  const key = Object.create(CryptoKey.prototype, {
    type: { value: type, enumerable: true },
    extractable: { value: !!extractable, enumerable: true },
    algorithm: { value: Object.freeze(algorithm), enumerable: true },
    usages: { value: Object.freeze([...usages]), enumerable: true },
  });
  cryptoKeySlots.set(key, handle);
  return key;
}

/** The handle of a CryptoKey made here (undefined for anything else). */
export function cryptoKeyHandle(key) {
  return isObjectArg(key) ? cryptoKeySlots.get(key) : undefined;
}

export { jwkOf, spkiDer, pkcs8Der };
