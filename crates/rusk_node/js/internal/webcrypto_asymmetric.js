// rusk:internal/webcrypto_asymmetric — Web Crypto's signature algorithms: ECDSA on P-256 and
// Ed25519 (generateKey, importKey, exportKey, sign, verify), for node:crypto's SubtleCrypto.
// Keys are KeyHandles of rusk:internal/crypto_keys; ECDSA signatures are IEEE P1363 (r‖s) as
// the spec says. Errors are the DOMExceptions (and TypeErrors) Node 20 rejects with.
import { Buffer } from "node:buffer";
import { nodeError } from "rusk:internal/errors";
import {
  cryptoKeyHandle,
  describeDer,
  domException,
  generateHandle,
  handleFromNativeDer,
  handleFromRaw,
  jwkOf,
  makeCryptoKey,
  pkcs8Der,
  signWith,
  spkiDer,
  verifyWith,
} from "rusk:internal/crypto_keys";

const HASHES = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
// The curves Web Crypto names; rusk has P-256 only.
const NAMED_CURVES = ["P-256", "P-384", "P-521"];
// What each key type may be used for.
const USAGES = { private: ["sign"], public: ["verify"] };
const KIND = { ECDSA: "ec", Ed25519: "ed25519" };
const ORDINALS = ["1st", "2nd", "3rd", "4th"];

const dataError = (message = "Invalid keyData") => domException(message, "DataError");
const syntaxError = (message) => domException(message, "SyntaxError");
const notSupported = (message) => domException(message, "NotSupportedError");
const accessError = (message) => domException(message, "InvalidAccessError");
const missingOption = (dictionary, member) =>
  nodeError(TypeError, "ERR_MISSING_OPTION", `Failed to normalize algorithm: passed algorithm can not be converted to '${dictionary}' because '${member}' is required in '${dictionary}'.`);

/** A copy of a BufferSource argument (the `index`th of `method`), as Node's webidl checks it. */
function bufferSource(value, method, index) {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `Failed to execute '${method}' on 'SubtleCrypto': ${ORDINALS[index]} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
}

function namedCurve(algorithm, dictionary) {
  const curve = algorithm?.namedCurve;
  if (curve === undefined) throw missingOption(dictionary, "namedCurve");
  if (!NAMED_CURVES.includes(curve)) throw notSupported("Unrecognized namedCurve");
  if (curve !== "P-256") throw notSupported(`ECDSA namedCurve ${curve} is not supported by rusk yet`);
  return curve;
}

const keyAlgorithm = (name) => (name === "ECDSA" ? { name, namedCurve: "P-256" } : { name });

// Node words this "an ECDSA key" when generating and "a ECDSA key" when importing.
function checkUsages(name, usages, allowed, article) {
  for (const u of usages) {
    if (!allowed.includes(u)) throw syntaxError(`Unsupported key usage for ${article} ${name} key`);
  }
}

export function generateKeyPair(name, algorithm, extractable, usages) {
  if (name === "ECDSA") namedCurve(algorithm, "EcKeyGenParams");
  checkUsages(name, usages, ["sign", "verify"], "an");
  const privateUsages = usages.filter((u) => u === "sign");
  if (privateUsages.length === 0) throw syntaxError("Usages cannot be empty when creating a key.");
  const handle = generateHandle(KIND[name]);
  return {
    publicKey: makeCryptoKey(handle.publicHandle(), "public", keyAlgorithm(name), true, usages.filter((u) => u === "verify")),
    privateKey: makeCryptoKey(handle, "private", keyAlgorithm(name), extractable, privateUsages),
  };
}

/** A handle from DER that must hold a `name` key of the given form ("spki" | "pkcs8"). */
function handleFromDer(name, der, form) {
  const info = describeDer(der);
  if (info === null || info.form !== form) throw dataError();
  if (info.algorithm !== KIND[name]) throw dataError("Invalid key type");
  if (info.algorithm === "ec" && info.curve !== "prime256v1") throw dataError("Named curve mismatch");
  try {
    return handleFromNativeDer(der, form === "spki");
  } catch {
    throw dataError();
  }
}

function rawHandle(kind, bytes, isPrivate) {
  try {
    return handleFromRaw(kind, bytes, isPrivate);
  } catch {
    throw dataError();
  }
}

const jwkBytes = (v) => (typeof v === "string" ? new Uint8Array(Buffer.from(v, "base64url")) : null);
const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function handleFromJwk(name, jwk, extractable, usages) {
  const isPrivate = jwk.d !== undefined;
  if (jwk.kty !== (name === "ECDSA" ? "EC" : "OKP")) throw dataError('Invalid JWK "kty" Parameter');
  checkUsages(name, usages, USAGES[isPrivate ? "private" : "public"], "a");
  if (jwk.use !== undefined && jwk.use !== "sig") throw dataError('Invalid JWK "use" Parameter');
  if (jwk.key_ops !== undefined && (!Array.isArray(jwk.key_ops) || usages.some((u) => !jwk.key_ops.includes(u)))) throw dataError("Key operations and usage mismatch");
  if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
  if (name === "ECDSA") {
    if (jwk.crv !== "P-256") throw dataError('JWK "crv" does not match the requested algorithm');
    if (jwk.alg !== undefined && jwk.alg !== "ES256") throw dataError('JWK "alg" does not match the requested algorithm');
    const x = jwkBytes(jwk.x);
    const y = jwkBytes(jwk.y);
    if (x?.length !== 32 || y?.length !== 32) throw dataError();
    const point = Buffer.concat([new Uint8Array([4]), x, y]);
    if (!isPrivate) return rawHandle("ec", point, false);
    const d = jwkBytes(jwk.d);
    if (d?.length !== 32) throw dataError();
    const h = rawHandle("ec", d, true);
    if (!sameBytes(h.publicRaw, point)) throw dataError();
    return h;
  }
  if (jwk.crv !== "Ed25519") throw dataError('JWK "crv" Parameter and algorithm name mismatch');
  if (jwk.alg !== undefined && jwk.alg !== "EdDSA" && jwk.alg !== "Ed25519") throw dataError('JWK "alg" does not match the requested algorithm');
  const x = jwkBytes(jwk.x);
  if (x?.length !== 32) throw dataError();
  if (!isPrivate) return rawHandle("ed25519", x, false);
  const d = jwkBytes(jwk.d);
  if (d?.length !== 32) throw dataError();
  const h = rawHandle("ed25519", d, true);
  if (!sameBytes(h.publicRaw, x)) throw dataError();
  return h;
}

export function importKey(name, format, keyData, algorithm, extractable, usages) {
  if (name === "ECDSA") namedCurve(algorithm, "EcKeyImportParams");
  let handle;
  if (format === "jwk") {
    if (keyData === null || typeof keyData !== "object" || ArrayBuffer.isView(keyData) || keyData instanceof ArrayBuffer) throw dataError();
    handle = handleFromJwk(name, keyData, extractable, usages);
  } else {
    const bytes = bufferSource(keyData, "importKey", 1);
    const isPrivate = format === "pkcs8";
    checkUsages(name, usages, USAGES[isPrivate ? "private" : "public"], "a");
    if (format === "raw") {
      if (name === "Ed25519" && bytes.length !== 32) throw dataError("Ed25519 raw keys must be exactly 32-bytes");
      handle = rawHandle(KIND[name], bytes, false);
    } else {
      handle = handleFromDer(name, bytes, format);
    }
  }
  if (handle.isPrivate && usages.length === 0) throw syntaxError("Usages cannot be empty when importing a private key.");
  const type = handle.isPrivate ? "private" : "public";
  return makeCryptoKey(handle, type, keyAlgorithm(name), extractable, usages);
}

export function exportKey(format, key) {
  const handle = cryptoKeyHandle(key);
  const name = key.algorithm.name;
  const fits = format === "jwk" || (format === "pkcs8" ? key.type === "private" : key.type === "public");
  if (!fits) throw accessError(`Unable to export a ${format} ${name} ${key.type} key`);
  if (format === "jwk") {
    const jwk = { key_ops: [...key.usages], ext: key.extractable, ...jwkOf(handle, key.type === "private") };
    if (name === "Ed25519") jwk.alg = "Ed25519";
    return jwk;
  }
  const bytes = format === "raw" ? handle.publicRaw : format === "spki" ? spkiDer(handle) : pkcs8Der(handle);
  return new Uint8Array(bytes).buffer;
}

function hashOf(algorithm) {
  const hash = algorithm?.hash;
  if (hash === undefined) throw missingOption("EcdsaParams", "hash");
  const hashName = typeof hash === "string" ? hash : hash?.name;
  const digest = typeof hashName === "string" ? HASHES[hashName.toUpperCase()] : undefined;
  if (digest === undefined) throw notSupported("Unrecognized algorithm name");
  return digest;
}

function useKey(method, name, key, usage) {
  const handle = cryptoKeyHandle(key);
  if (handle === undefined) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `Failed to execute '${method}' on 'SubtleCrypto': 2nd argument is not of type CryptoKey.`);
  if (key.algorithm.name !== name || !key.usages.includes(usage)) throw accessError(`Unable to use this key to ${usage}`);
  return handle;
}

export function sign(name, algorithm, key, data) {
  const digest = name === "ECDSA" ? hashOf(algorithm) : null;
  const handle = useKey("sign", name, key, "sign");
  return signWith(handle, digest, bufferSource(data, "sign", 2), true);
}

export function verify(name, algorithm, key, signature, data) {
  const digest = name === "ECDSA" ? hashOf(algorithm) : null;
  const handle = useKey("verify", name, key, "verify");
  const sig = bufferSource(signature, "verify", 2);
  return verifyWith(handle, digest, bufferSource(data, "verify", 3), sig, true);
}
