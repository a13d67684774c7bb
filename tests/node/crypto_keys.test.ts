// node:crypto's asymmetric keys and signatures (EC P-256 and Ed25519): KeyObject import/export
// (PEM, DER, JWK), generateKeyPair, sign/verify, createSign/createVerify, and Web Crypto's
// ECDSA and Ed25519. Known answers were made with Node 20; the rusk-made signatures below
// were checked with Node 20's crypto.verify.
import { describe, expect, test } from "bun:test";
import crypto from "node:crypto";
import stream from "node:stream";
import util from "node:util";

const isRusk = !!(process as any).versions?.rusk;

const MSG = Buffer.from("rusk known-answer message");

// A P-256 key made by Node 20, in each encoding Node writes.
const EC_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAlCUwbbEivVlb+nV
9ucUjz4KOoD+qAC3v7XxUzKI67ahRANCAAQP57XTUFuoKul3GIVcM40Fik+eaSV+
WcCWkmKsV9qFwT26X5Z4wPfqeXMwPQEmiPJ9Hd/YUwZeMWH1B0vMczPu
-----END PRIVATE KEY-----
`;
const EC_SEC1 = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIAJQlMG2xIr1ZW/p1fbnFI8+CjqA/qgAt7+18VMyiOu2oAoGCCqGSM49
AwEHoUQDQgAED+e101BbqCrpdxiFXDONBYpPnmklflnAlpJirFfahcE9ul+WeMD3
6nlzMD0BJojyfR3f2FMGXjFh9QdLzHMz7g==
-----END EC PRIVATE KEY-----
`;
const EC_SPKI = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAED+e101BbqCrpdxiFXDONBYpPnmkl
flnAlpJirFfahcE9ul+WeMD36nlzMD0BJojyfR3f2FMGXjFh9QdLzHMz7g==
-----END PUBLIC KEY-----
`;
const EC_JWK = {
  kty: "EC",
  x: "D-e101BbqCrpdxiFXDONBYpPnmklflnAlpJirFfahcE",
  y: "PbpflnjA9-p5czA9ASaI8n0d39hTBl4xYfUHS8xzM-4",
  crv: "P-256",
  d: "AlCUwbbEivVlb-nV9ucUjz4KOoD-qAC3v7XxUzKI67Y",
};
const EC_RAW_PUBLIC = "040fe7b5d3505ba82ae97718855c338d058a4f9e69257e59c0969262ac57da85c13dba5f9678c0f7ea7973303d012688f27d1ddfd853065e3161f5074bcc7333ee";
// Signatures of MSG with that key.
const NODE_DER_SHA256 = "3046022100b5367cb7098521dd8d7f0e7bf2aa34191ac0ff6c88e16021c71c918bd345003a022100b2bf167b6efff0f7401de7ef88bc9ac339b5acc49d6f5d73a3b7386bc574b6f7";
const NODE_P1363_SHA384 = "ae8093d864c26aa2acf7ac961deb2b1838180ecf21c25f9d56ab34212bfc46bfef50d1f03ed7a2095bb3f90a3bbe6c0e54bb26d396441d5399c88509d1e70928";
const NODE_WEBCRYPTO_SHA256 = "73ab22d5be9fb6bf3ee52ed822efe6425886f79c2555f3a3c271629a7ffd43f216af20b3b2d544d7450968772ea47cba0524a41631db9faeecb11adcfaf7c607";
const RUSK_DER_SHA256 = "3044022039eb8ef7c2b7706dd100195ace0d6ec96e17e00b5d03955b18d23e1d40eaa760022012e5b602a4b19cc42a9b023903bfa06e0f177006228fd5198253ae07035f6bc0";
const RUSK_P1363_SHA512 = "0cee33a9b241268b8998f91bcf457e0fb48ae7f1c2d819046cd1658cc1df99b5e679a001883018413066554b53da77a499a1ad802975da006255e38f70fff52a";

// The Ed25519 key whose seed is 00 01 02 ... 1f; Ed25519 signatures are deterministic.
const ED_PKCS8 = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f
-----END PRIVATE KEY-----
`;
const ED_SPKI = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=
-----END PUBLIC KEY-----
`;
const ED_JWK = { crv: "Ed25519", d: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", x: "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg", kty: "OKP" };
const ED_SIG = "6efc9ae15aa6357e57107cd5fe55e535ca13bafee9fb89a8fd60d27f306cfa0e5a0e68cefe04173464fa1902d9dd92a7019819ef0eeecac6ec0515e44c14be00";
const ED_SIG_EMPTY = "9ca53579530654d5c3df77089ef45eda613e2fedf670e96bedac4639504e5845ef4b95d5793077233dd16817b2532e9c5525872a73a4ad74b759369a9e05c102";

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(b as any).toString("hex");

describe("KeyObject: EC P-256 keys", () => {
  const key = crypto.createPrivateKey(EC_PKCS8);

  test("a PKCS#8 PEM key and what it says of itself", () => {
    expect([key.type, key.asymmetricKeyType]).toEqual(["private", "ec"]);
    expect(key.asymmetricKeyDetails).toEqual({ namedCurve: "prime256v1" });
    expect(key.symmetricKeySize).toBeUndefined();
    expect(key instanceof crypto.KeyObject).toBe(true);
    expect(String(key)).toBe("[object KeyObject]");
    expect(util.types.isKeyObject(key)).toBe(true);
    expect(util.types.isKeyObject(crypto.createSecretKey(Buffer.alloc(4)))).toBe(true);
  });

  test("exports PEM (64 columns), DER and JWK exactly as Node", () => {
    expect(key.export({ format: "pem", type: "pkcs8" })).toBe(EC_PKCS8);
    expect(key.export({ format: "pem", type: "sec1" })).toBe(EC_SEC1);
    const der = key.export({ format: "der", type: "pkcs8" }) as Buffer;
    expect(Buffer.isBuffer(der)).toBe(true);
    expect(der.toString("base64")).toBe(EC_PKCS8.split("\n").slice(1, -2).join(""));
    expect(key.export({ format: "jwk" })).toEqual(EC_JWK);
    expect(Object.keys(key.export({ format: "jwk" }))).toEqual(["kty", "x", "y", "crv", "d"]);
    const pub = crypto.createPublicKey(key);
    expect([pub.type, pub.asymmetricKeyType]).toEqual(["public", "ec"]);
    expect(pub.export({ format: "pem", type: "spki" })).toBe(EC_SPKI);
    const { d, ...publicJwk } = EC_JWK;
    expect(pub.export({ format: "jwk" })).toEqual(publicJwk);
  });

  test("imports SEC1, DER, JWK and public forms; equals compares keys", () => {
    const fromSec1 = crypto.createPrivateKey(EC_SEC1);
    expect(fromSec1.equals(key)).toBe(true);
    const der = key.export({ format: "der", type: "pkcs8" });
    expect(crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" }).equals(key)).toBe(true);
    expect(crypto.createPrivateKey({ key: der.toString("base64"), format: "der", type: "pkcs8", encoding: "base64" }).equals(key)).toBe(true);
    expect(crypto.createPrivateKey({ key: EC_JWK, format: "jwk" }).equals(key)).toBe(true);
    expect(crypto.createPrivateKey(Buffer.from(EC_PKCS8)).equals(key)).toBe(true);
    // Text around the PEM block is skipped.
    expect(crypto.createPrivateKey(`key follows\n${EC_PKCS8}trailer`).equals(key)).toBe(true);

    const pub = crypto.createPublicKey(EC_SPKI);
    expect(pub.equals(crypto.createPublicKey(key))).toBe(true);
    expect(crypto.createPublicKey(EC_PKCS8).equals(pub)).toBe(true);
    expect(crypto.createPublicKey({ key: pub.export({ format: "der", type: "spki" }), format: "der", type: "spki" }).equals(pub)).toBe(true);
    const { d, ...publicJwk } = EC_JWK;
    expect(crypto.createPublicKey({ key: publicJwk, format: "jwk" }).equals(pub)).toBe(true);
    expect(crypto.createPublicKey({ key: EC_JWK, format: "jwk" }).equals(pub)).toBe(true);
    expect(key.equals(pub)).toBe(false);
    expect(key.equals(crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey)).toBe(false);
  });

  test("export() option errors", () => {
    expect(errorOf(() => (key as any).export())).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received undefined' });
    expect(errorOf(() => key.export({} as any))).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE", message: "The property 'options.format' is invalid. Received undefined" });
    expect(errorOf(() => key.export({ format: "pem" } as any))?.message).toBe("The property 'options.type' is invalid. Received undefined");
    expect(errorOf(() => key.export({ format: "der", type: "spki" } as any))?.message).toBe("The property 'options.type' is invalid. Received 'spki'");
    expect(errorOf(() => key.export({ format: "pem", type: "pkcs1" }))).toEqual({ name: "Error", code: "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", message: "The selected key encoding pkcs1 can only be used for RSA keys." });
    expect(errorOf(() => key.export({ format: "jwk", passphrase: "x" } as any))?.message).toBe("The selected key encoding jwk does not support encryption.");
    expect(errorOf(() => key.export({ format: "pem", type: "pkcs8", passphrase: "x" } as any))?.message).toBe("The property 'options.cipher' is invalid. Received undefined");
    const pub = crypto.createPublicKey(key);
    expect(errorOf(() => pub.export({ format: "pem", type: "pkcs8" } as any))?.message).toBe("The property 'options.type' is invalid. Received 'pkcs8'");
    expect(errorOf(() => crypto.createSecretKey(Buffer.alloc(2)).export({ format: "pem" } as any))?.message).toBe(
      "The property 'options.format' must be one of: undefined, 'buffer', 'jwk'. Received 'pem'",
    );
  });
});

describe("KeyObject: Ed25519 keys", () => {
  test("PKCS#8/SPKI PEM and JWK round trips match Node's bytes", () => {
    const key = crypto.createPrivateKey(ED_PKCS8);
    expect([key.type, key.asymmetricKeyType]).toEqual(["private", "ed25519"]);
    expect(key.asymmetricKeyDetails).toEqual({});
    expect(key.export({ format: "pem", type: "pkcs8" })).toBe(ED_PKCS8);
    expect((key.export({ format: "der", type: "pkcs8" }) as Buffer).length).toBe(48);
    expect(key.export({ format: "jwk" })).toEqual(ED_JWK);
    expect(Object.keys(key.export({ format: "jwk" }))).toEqual(["crv", "d", "x", "kty"]);
    const pub = crypto.createPublicKey(key);
    expect(pub.export({ format: "pem", type: "spki" })).toBe(ED_SPKI);
    expect(pub.export({ format: "jwk" })).toEqual({ crv: "Ed25519", x: ED_JWK.x, kty: "OKP" });
    expect(crypto.createPrivateKey({ key: ED_JWK, format: "jwk" }).equals(key)).toBe(true);
    expect(crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: ED_JWK.x }, format: "jwk" }).equals(pub)).toBe(true);
    expect(errorOf(() => key.export({ format: "pem", type: "sec1" }))).toEqual({
      name: "Error",
      code: "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
      message: "The selected key encoding sec1 can only be used for EC keys.",
    });
  });
});

describe("createPrivateKey / createPublicKey / KeyObject errors", () => {
  test("argument types", () => {
    expect(errorOf(() => crypto.createPrivateKey(123 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (123)',
    });
    expect(errorOf(() => crypto.createPrivateKey({} as any))?.message).toBe(
      'The "key.key" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received undefined',
    );
    expect(errorOf(() => crypto.createPublicKey(123 as any))?.message).toBe(
      'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received type number (123)',
    );
    expect(errorOf(() => crypto.createPrivateKey({ key: Buffer.alloc(4), format: "der" } as any))?.message).toBe("The property 'options.type' is invalid. Received undefined");
    expect(errorOf(() => crypto.createPrivateKey({ key: Buffer.alloc(4), format: "der", type: "spki" } as any))?.message).toBe("The property 'options.type' is invalid. Received 'spki'");
    expect(errorOf(() => crypto.createPrivateKey({ key: Buffer.alloc(4), format: "bogus" } as any))?.message).toBe("The property 'options.format' is invalid. Received 'bogus'");
  });

  test("JWK checks", () => {
    const jwk = (key: any) => errorOf(() => crypto.createPrivateKey({ key, format: "jwk" }));
    expect(jwk("x")?.message).toBe('The "key.key" property must be of type object. Received type string (\'x\')');
    // Newer Node (and Bun) list 'AKP' too.
    expect(jwk({ kty: "oct", k: "AAAA" })).toMatchObject({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE" });
    expect(jwk({ kty: "oct", k: "AAAA" })?.message).toMatch(/^The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'(, 'AKP')?\. Received 'oct'$/);
    expect(jwk({ kty: "EC", crv: "foo" })?.message).toBe("The property 'key.crv' must be one of: 'P-256', 'secp256k1', 'P-384', 'P-521'. Received 'foo'");
    expect(jwk({ kty: "EC", crv: "P-256", x: EC_JWK.x })?.message).toBe('The "key.y" property must be of type string. Received undefined');
    expect(jwk({ ...ED_JWK, d: undefined })?.message).toBe('The "key.d" property must be of type string. Received undefined');
    expect(jwk({ kty: "OKP", crv: "Ed25519", x: "AAAA", d: "AAAA" })).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_JWK", message: "Invalid JWK data" });
    expect(jwk({ kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA", d: "AAAA" })).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_JWK", message: "Invalid JWK EC key" });
  });

  test("undecodable or mismatched key data throws an OpenSSL-coded error", () => {
    for (const bad of [() => crypto.createPrivateKey("garbage"), () => crypto.createPrivateKey(EC_SPKI), () => crypto.createPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]) {
      const e = errorOf(bad);
      expect(e?.name).toBe("Error");
      expect(e?.code).toMatch(/^ERR_OSSL_/);
    }
  });

  test("key object types", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
    expect(errorOf(() => crypto.createPublicKey(publicKey))).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", message: "Invalid key object type public, expected private." });
    expect(errorOf(() => crypto.createPublicKey(crypto.createSecretKey(Buffer.alloc(4))))?.message).toBe("Invalid key object type secret, expected private.");
    expect(crypto.createPublicKey({ key: privateKey }).equals(publicKey)).toBe(true);
    expect(errorOf(() => crypto.createPublicKey({ key: publicKey }))?.message).toBe("Invalid key object type public, expected private.");
    expect(errorOf(() => crypto.createPrivateKey(privateKey as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => crypto.createPrivateKey({ key: privateKey } as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => privateKey.equals(1 as any))?.message).toBe('The "otherKeyObject" argument must be an instance of KeyObject. Received type number (1)');
    expect(errorOf(() => new (crypto.KeyObject as any)("foo", {}))).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE", message: "The argument 'type' is invalid. Received 'foo'" });
    expect(errorOf(() => new (crypto.KeyObject as any)("private"))?.message).toBe('The "handle" argument must be of type object. Received undefined');
    expect(errorOf(() => (crypto.KeyObject as any).from({}))?.message).toBe('The "key" argument must be an instance of CryptoKey. Received an instance of Object');
  });

  test.if(isRusk)("keys rusk does not have yet fail with ERR_METHOD_NOT_IMPLEMENTED", () => {
    const rsaPem = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    expect(errorOf(() => crypto.createPrivateKey(rsaPem))).toEqual({
      name: "Error",
      code: "ERR_METHOD_NOT_IMPLEMENTED",
      message: "rsa keys are not implemented in rusk yet (rusk has EC P-256 and Ed25519 keys)",
    });
    // SPKI DER naming curve secp384r1 (rusk reads the curve before the point).
    const p384 =
      "3076301006072a8648ce3d020106052b8104002203620004" +
      "a2".repeat(96);
    expect(errorOf(() => crypto.createPublicKey({ key: Buffer.from(p384, "hex"), format: "der", type: "spki" }))?.message).toBe(
      "EC keys on curve secp384r1 are not implemented in rusk yet (rusk has EC P-256 and Ed25519 keys)",
    );
    expect(errorOf(() => crypto.generateKeyPairSync("rsa" as any, { modulusLength: 2048 }))?.code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
    expect(errorOf(() => crypto.generateKeyPairSync("ec", { namedCurve: "secp256k1" }))?.message).toBe(
      "EC curve 'secp256k1' is not implemented in rusk yet (rusk has EC P-256 and Ed25519 keys)",
    );
    const key = crypto.createPrivateKey(EC_PKCS8);
    expect(errorOf(() => key.export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "x" }))?.code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
  });
});

describe("generateKeyPair", () => {
  test("KeyObjects, or the encodings asked for", () => {
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect([ec.publicKey.type, ec.privateKey.type, ec.privateKey.asymmetricKeyType]).toEqual(["public", "private", "ec"]);
    expect(crypto.createPublicKey(ec.privateKey).equals(ec.publicKey)).toBe(true);
    const alias = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    expect(alias.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: "prime256v1" });

    const enc = crypto.generateKeyPairSync("ec", {
      namedCurve: "P-256",
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "sec1", format: "der" },
    });
    expect(typeof enc.publicKey).toBe("string");
    expect(enc.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/);
    expect(Buffer.isBuffer(enc.privateKey)).toBe(true);
    const priv = crypto.createPrivateKey({ key: enc.privateKey, format: "der", type: "sec1" });
    expect(crypto.createPublicKey(priv).export({ format: "pem", type: "spki" })).toBe(enc.publicKey);

    const ed = crypto.generateKeyPairSync("ed25519", { publicKeyEncoding: { format: "jwk" }, privateKeyEncoding: { format: "pem", type: "pkcs8" } });
    expect(Object.keys(ed.publicKey)).toEqual(["crv", "x", "kty"]);
    expect(ed.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/]{64}\n-----END PRIVATE KEY-----\n$/);
    expect(crypto.createPublicKey(ed.privateKey).export({ format: "jwk" })).toEqual(ed.publicKey);
  });

  test("argument errors", () => {
    const g = (type: any, options?: any) => errorOf(() => crypto.generateKeyPairSync(type, options));
    expect(g(1)?.message).toBe('The "type" argument must be of type string. Received type number (1)');
    expect(g("foo")).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE", message: "The argument 'type' must be a supported key type. Received 'foo'" });
    expect(g("ED25519")?.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(g("ec")?.message).toBe('The "options" argument must be of type object. Received undefined');
    expect(g("ec", {})?.message).toBe('The "options.namedCurve" property must be of type string. Received undefined');
    expect(g("ec", { namedCurve: "foo" })).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_CURVE", message: "Invalid EC curve name" });
    expect(g("ec", { namedCurve: "p-256" })?.code).toBe("ERR_CRYPTO_INVALID_CURVE");
    expect(g("ec", { namedCurve: "P-256", paramEncoding: "foo" })?.message).toBe("The property 'options.paramEncoding' is invalid. Received 'foo'");
    expect(g("ed25519", 5)?.message).toBe('The "options" argument must be of type object. Received type number (5)');
    expect(g("ed25519", { publicKeyEncoding: "pem" })?.message).toBe("The property 'options.publicKeyEncoding' is invalid. Received 'pem'");
    expect(g("ed25519", { publicKeyEncoding: { type: "spki" } })?.message).toBe("The property 'options.publicKeyEncoding.format' is invalid. Received undefined");
    expect(g("ed25519", { publicKeyEncoding: { format: "pem" } })?.message).toBe("The property 'options.publicKeyEncoding.type' is invalid. Received undefined");
    expect(g("ed25519", { privateKeyEncoding: { format: "pem", type: "spki" } })?.message).toBe("The property 'options.privateKeyEncoding.type' is invalid. Received 'spki'");
    expect(g("ed25519", { privateKeyEncoding: { format: "pem", type: "pkcs8", cipher: "aes-128-cbc" } })?.message).toBe(
      "The property 'options.privateKeyEncoding.passphrase' is invalid. Received undefined",
    );
    expect(g("ed25519", { privateKeyEncoding: { format: "pem", type: "sec1" } })?.message).toBe("The selected key encoding sec1 can only be used for EC keys.");
    expect(g("ed25519", { publicKeyEncoding: { format: "pem", type: "pkcs1" } })?.message).toBe("The selected key encoding pkcs1 can only be used for RSA keys.");
  });

  test("the callback form calls back later; util.promisify resolves to { publicKey, privateKey }", async () => {
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      crypto.generateKeyPair("ec", { namedCurve: "P-256" }, (err, publicKey, privateKey) => {
        order.push(`cb ${err} ${publicKey.type} ${privateKey.type}`);
        resolve();
      });
    });
    order.push("sync");
    await done;
    expect(order).toEqual(["sync", "cb null public private"]);

    const noOptions = await new Promise<any[]>((resolve) => (crypto.generateKeyPair as any)("ed25519", (...args: any[]) => resolve(args)));
    expect(noOptions.length).toBe(3);
    expect(noOptions[2].asymmetricKeyType).toBe("ed25519");

    const pair = await util.promisify(crypto.generateKeyPair)("ed25519", {
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    expect(Object.keys(pair)).toEqual(["publicKey", "privateKey"]);
    expect(pair.publicKey.startsWith("-----BEGIN PUBLIC KEY-----\n")).toBe(true);

    expect(errorOf(() => crypto.generateKeyPair("foo" as any, {}, () => {}))?.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(errorOf(() => (crypto.generateKeyPair as any)("ed25519", {}))?.message).toBe('The "callback" argument must be of type function. Received undefined');
  });
});

describe("crypto.sign / crypto.verify", () => {
  test("Node's ECDSA signatures verify (DER and IEEE P1363, each hash)", () => {
    const der = Buffer.from(NODE_DER_SHA256, "hex");
    expect(crypto.verify("sha256", MSG, EC_SPKI, der)).toBe(true);
    expect(crypto.verify("SHA256", MSG, crypto.createPublicKey(EC_SPKI), der)).toBe(true);
    expect(crypto.verify("RSA-SHA256", MSG, EC_PKCS8, der)).toBe(true);
    expect(crypto.verify(null, MSG, EC_SPKI, der)).toBe(true);
    expect(crypto.verify("sha256", new Uint8Array(MSG), { key: EC_JWK, format: "jwk" } as any, new Uint8Array(der))).toBe(true);
    expect(crypto.verify("sha384", MSG, EC_SPKI, der)).toBe(false);
    expect(crypto.verify("sha256", Buffer.from("other"), EC_SPKI, der)).toBe(false);
    expect(crypto.verify("sha256", MSG, { key: EC_SPKI, dsaEncoding: "ieee-p1363" }, der)).toBe(false);

    const p1363 = Buffer.from(NODE_P1363_SHA384, "hex");
    expect(crypto.verify("sha384", MSG, { key: EC_SPKI, dsaEncoding: "ieee-p1363" }, p1363)).toBe(true);
    expect(crypto.verify("sha384", MSG, EC_SPKI, p1363)).toBe(false);
    expect(crypto.verify("sha384", MSG, EC_SPKI, Buffer.alloc(3))).toBe(false);
  });

  test("rusk's ECDSA signatures (checked with Node 20) verify", () => {
    expect(crypto.verify("sha256", MSG, EC_SPKI, Buffer.from(RUSK_DER_SHA256, "hex"))).toBe(true);
    expect(crypto.createVerify("sha256").update(MSG).verify(EC_SPKI, RUSK_DER_SHA256, "hex")).toBe(true);
    expect(crypto.verify("sha512", MSG, { key: EC_SPKI, dsaEncoding: "ieee-p1363" }, Buffer.from(RUSK_P1363_SHA512, "hex"))).toBe(true);
  });

  test("ECDSA sign: the default digest is SHA-256; DER or P1363 signatures", () => {
    const key = crypto.createPrivateKey(EC_PKCS8);
    const der = crypto.sign(null, MSG, key);
    // SEQUENCE { INTEGER r, INTEGER s }
    expect([der[0], der[1], der[2]]).toEqual([0x30, der.length - 2, 0x02]);
    expect(der.length).toBeLessThanOrEqual(72);
    expect(crypto.verify("sha256", MSG, EC_SPKI, der)).toBe(true);
    for (const alg of ["sha1", "sha256", "sha384", "sha512"]) {
      const sig = crypto.sign(alg, "text is UTF-8", { key: EC_PKCS8, dsaEncoding: "ieee-p1363" });
      expect(sig.length).toBe(64);
      expect(crypto.verify(alg, Buffer.from("text is UTF-8"), { key, dsaEncoding: "ieee-p1363" }, sig)).toBe(true);
    }
    expect(crypto.verify("sha256", MSG, key, crypto.sign("sha256", new DataView(MSG.buffer, MSG.byteOffset, MSG.length), key))).toBe(true);
  });

  test("Ed25519 signatures are Node's, byte for byte", () => {
    const key = crypto.createPrivateKey(ED_PKCS8);
    expect(crypto.sign(null, MSG, key).toString("hex")).toBe(ED_SIG);
    expect(crypto.sign(undefined, MSG, ED_PKCS8).toString("hex")).toBe(ED_SIG);
    expect(crypto.sign(null, Buffer.alloc(0), { key: ED_JWK, format: "jwk" } as any).toString("hex")).toBe(ED_SIG_EMPTY);
    expect(crypto.verify(null, MSG, ED_SPKI, Buffer.from(ED_SIG, "hex"))).toBe(true);
    expect(crypto.verify(null, MSG, key, Buffer.from(ED_SIG, "hex"))).toBe(true);
    const tampered = Buffer.from(ED_SIG, "hex");
    tampered[5] ^= 1;
    expect(crypto.verify(null, MSG, ED_SPKI, tampered)).toBe(false);
    expect(crypto.verify(null, MSG, ED_SPKI, Buffer.alloc(3))).toBe(false);
    // A digest with an Ed25519 key is an OpenSSL error (its code differs between Node and Bun).
    expect(errorOf(() => crypto.sign("sha256", MSG, key))?.code).toMatch(/^ERR_OSSL_/);
  });

  test("callbacks are called later", async () => {
    const order: string[] = [];
    const sig = await new Promise<Buffer>((resolve, reject) => {
      crypto.sign(null, MSG, ED_PKCS8, (err, s) => (err ? reject(err) : (order.push("signed"), resolve(s))));
      order.push("sync");
    });
    expect(order).toEqual(["sync", "signed"]);
    expect(sig.toString("hex")).toBe(ED_SIG);
    const ok = await new Promise((resolve) => crypto.verify(null, MSG, ED_SPKI, sig, (err, result) => resolve([err, result])));
    expect(ok).toEqual([null, true]);
  });

  test("errors", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(errorOf(() => crypto.sign("foo", MSG, privateKey))).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_DIGEST", message: "Invalid digest: foo" });
    expect(errorOf(() => crypto.sign(1 as any, MSG, privateKey))?.message).toBe('The "algorithm" argument must be of type string. Received type number (1)');
    expect(errorOf(() => crypto.sign("sha256", 1 as any, privateKey))?.message).toBe(
      'The "data" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (1)',
    );
    expect(errorOf(() => crypto.sign("sha256", MSG, 1 as any))?.message).toBe(
      'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received type number (1)',
    );
    expect(errorOf(() => crypto.sign("sha256", MSG, undefined as any))).toEqual({ name: "Error", code: "ERR_CRYPTO_SIGN_KEY_REQUIRED", message: "No key provided to sign" });
    expect(errorOf(() => crypto.sign("sha256", MSG, publicKey))).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", message: "Invalid key object type public, expected private." });
    expect(errorOf(() => crypto.sign("sha256", MSG, { key: publicKey }))?.code).toBe("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE");
    expect(errorOf(() => crypto.sign("sha256", MSG, crypto.createSecretKey(Buffer.alloc(3))))?.message).toBe("Invalid key object type secret, expected private.");
    expect(errorOf(() => crypto.verify("sha256", MSG, crypto.createSecretKey(Buffer.alloc(3)), Buffer.alloc(1)))?.message).toBe(
      "Invalid key object type secret, expected private or public.",
    );
    expect(errorOf(() => crypto.sign("sha256", MSG, { key: privateKey, dsaEncoding: "foo" } as any))?.message).toBe("The property 'options.dsaEncoding' is invalid. Received 'foo'");
    expect(errorOf(() => crypto.verify("sha256", MSG, publicKey, "abc" as any))?.message).toBe(
      'The "signature" argument must be an instance of Buffer, TypedArray, or DataView. Received type string (\'abc\')',
    );
    expect(errorOf(() => (crypto.sign as any)(null, MSG, privateKey, 5))?.message).toBe('The "callback" argument must be of type function. Received type number (5)');
    expect(errorOf(() => crypto.sign("sha256", MSG, { key: 5 } as any))?.message).toBe(
      'The "key.key" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received type number (5)',
    );
  });
});

describe("createSign / createVerify", () => {
  test("Writable streams that hash what is written", async () => {
    const s = crypto.createSign("sha256");
    expect(s instanceof stream.Writable).toBe(true);
    expect(s instanceof stream.Transform).toBe(false);
    s.write("rusk known-");
    await new Promise<void>((resolve) => s.end("answer message", resolve));
    const sig = s.sign(EC_PKCS8);
    expect(crypto.verify("sha256", MSG, EC_SPKI, sig)).toBe(true);

    const v = crypto.createVerify("sha256");
    await new Promise((resolve) => stream.Readable.from([MSG.subarray(0, 4), MSG.subarray(4)]).pipe(v).on("finish", resolve));
    expect(v.verify(EC_SPKI, Buffer.from(NODE_DER_SHA256, "hex"))).toBe(true);
  });

  test("update chains; output and signature encodings; dsaEncoding", () => {
    const s = crypto.createSign("SHA384");
    expect(s.update("rusk known-").update(Buffer.from("answer message"))).toBe(s);
    const b64 = s.sign(EC_PKCS8, "base64");
    expect(typeof b64).toBe("string");
    expect(crypto.createVerify("sha384").update(MSG).verify(EC_SPKI, b64, "base64")).toBe(true);
    expect(crypto.createVerify("sha384").update(MSG).verify(EC_SPKI, b64)).toBe(false);
    const p1363 = crypto.createSign("sha256").update("ff", "hex").sign({ key: EC_PKCS8, dsaEncoding: "ieee-p1363" }, "hex");
    expect(p1363.length).toBe(128);
    expect(crypto.createVerify("sha256").update(Buffer.from([0xff])).verify({ key: EC_SPKI, dsaEncoding: "ieee-p1363" }, p1363, "hex")).toBe(true);
    expect(crypto.createVerify("sha256").update(MSG).verify(EC_PKCS8, Buffer.from(NODE_DER_SHA256, "hex"))).toBe(true);
  });

  test("errors", () => {
    expect(errorOf(() => crypto.createSign("foo"))?.code).toBe("ERR_CRYPTO_INVALID_DIGEST");
    expect(errorOf(() => (crypto.createSign as any)())?.message).toBe('The "algorithm" argument must be of type string. Received undefined');
    expect(errorOf(() => (crypto.createSign("sha256") as any).sign())).toEqual({ name: "Error", code: "ERR_CRYPTO_SIGN_KEY_REQUIRED", message: "No key provided to sign" });
    expect(errorOf(() => crypto.createSign("sha256").update(1 as any))?.message).toBe(
      'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (1)',
    );
    expect(errorOf(() => crypto.createVerify("sha256").verify(EC_SPKI, 5 as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    const pub = crypto.createPublicKey(EC_SPKI);
    expect(errorOf(() => crypto.createSign("sha256").sign(pub))?.message).toBe("Invalid key object type public, expected private.");
    // Sign/Verify take no Ed25519 key (crypto.sign does).
    expect(errorOf(() => crypto.createSign("sha256").update("x").sign(ED_PKCS8))?.name).toBe("Error");
    // A Sign is spent once it has signed.
    const s = crypto.createSign("sha256");
    s.update("x").sign(EC_PKCS8);
    expect(errorOf(() => s.sign(EC_PKCS8))).not.toBeNull();
    expect(errorOf(() => s.update("x"))).not.toBeNull();
  });
});

describe("Web Crypto: ECDSA and Ed25519", () => {
  const subtle = globalThis.crypto.subtle;
  const ECDSA = { name: "ECDSA", namedCurve: "P-256" };

  test("generateKey splits the usages; public keys are extractable", async () => {
    const kp = (await subtle.generateKey(ECDSA, false, ["sign", "verify"])) as CryptoKeyPair;
    expect(kp.privateKey instanceof CryptoKey).toBe(true);
    expect([kp.privateKey.type, kp.privateKey.extractable, kp.privateKey.usages]).toEqual(["private", false, ["sign"]]);
    expect([kp.publicKey.type, kp.publicKey.extractable, kp.publicKey.usages]).toEqual(["public", true, ["verify"]]);
    expect(kp.privateKey.algorithm).toEqual({ name: "ECDSA", namedCurve: "P-256" });
    const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, kp.privateKey, MSG);
    expect(sig.byteLength).toBe(64);
    expect(await subtle.verify({ name: "ECDSA", hash: { name: "SHA-256" } }, kp.publicKey, sig, MSG)).toBe(true);
    expect(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, kp.publicKey, sig, MSG)).toBe(false);
    const raw = new Uint8Array(await subtle.exportKey("raw", kp.publicKey));
    expect([raw.length, raw[0]]).toEqual([65, 4]);
    expect((await subtle.exportKey("spki", kp.publicKey)).byteLength).toBe(91);

    const ed = (await subtle.generateKey({ name: "Ed25519" }, true, ["sign"])) as CryptoKeyPair;
    expect(ed.privateKey.algorithm).toEqual({ name: "Ed25519" });
    expect([ed.privateKey.usages, ed.publicKey.usages]).toEqual([["sign"], []]);
    expect((await subtle.exportKey("pkcs8", ed.privateKey)).byteLength).toBe(48);
    const lower = (await subtle.generateKey("ed25519" as any, true, ["sign", "verify"])) as CryptoKeyPair;
    expect(lower.publicKey.algorithm.name).toBe("Ed25519");
  });

  test("Node's keys and signatures: import, verify, export", async () => {
    const der = (pem: string) => Buffer.from(pem.split("\n").slice(1, -2).join(""), "base64");
    const pub = await subtle.importKey("raw", Buffer.from(EC_RAW_PUBLIC, "hex"), ECDSA, true, ["verify"]);
    expect(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, Buffer.from(NODE_WEBCRYPTO_SHA256, "hex"), MSG)).toBe(true);
    // Node's P1363 SHA-384 signature from crypto.sign is what Web Crypto makes too.
    expect(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, pub, Buffer.from(NODE_P1363_SHA384, "hex"), MSG)).toBe(true);
    expect(hex(await subtle.exportKey("spki", pub))).toBe(der(EC_SPKI).toString("hex"));
    const { d, ...publicJwk } = EC_JWK;
    expect(await subtle.exportKey("jwk", pub)).toEqual({ key_ops: ["verify"], ext: true, ...publicJwk });

    const priv = await subtle.importKey("pkcs8", der(EC_PKCS8), ECDSA, true, ["sign"]);
    expect(hex(await subtle.exportKey("pkcs8", priv))).toBe(der(EC_PKCS8).toString("hex"));
    expect(await subtle.exportKey("jwk", priv)).toEqual({ key_ops: ["sign"], ext: true, ...EC_JWK });
    const fromJwk = await subtle.importKey("jwk", { ...EC_JWK, alg: "ES256" }, ECDSA, false, ["sign"]);
    const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-512" }, fromJwk, MSG);
    expect(crypto.verify("sha512", MSG, { key: EC_SPKI, dsaEncoding: "ieee-p1363" }, Buffer.from(sig))).toBe(true);

    const edPriv = await subtle.importKey("jwk", ED_JWK, "Ed25519", true, ["sign"]);
    expect(hex(await subtle.sign("Ed25519", edPriv, MSG))).toBe(ED_SIG);
    expect(await subtle.exportKey("jwk", edPriv)).toEqual({ key_ops: ["sign"], ext: true, ...ED_JWK, alg: "Ed25519" });
    expect(hex(await subtle.exportKey("pkcs8", edPriv))).toBe(der(ED_PKCS8).toString("hex"));
    const edPub = await subtle.importKey("spki", der(ED_SPKI), { name: "Ed25519" }, true, ["verify"]);
    expect(await subtle.verify({ name: "Ed25519" }, edPub, Buffer.from(ED_SIG, "hex"), MSG)).toBe(true);
    expect(await subtle.verify("Ed25519", edPub, new Uint8Array(64), MSG)).toBe(false);
    expect(hex(await subtle.exportKey("raw", edPub))).toBe(Buffer.from(ED_JWK.x, "base64url").toString("hex"));
  });

  test("CryptoKeys and KeyObjects interoperate", async () => {
    const kp = (await subtle.generateKey(ECDSA, true, ["sign", "verify"])) as CryptoKeyPair;
    const ko = crypto.KeyObject.from(kp.privateKey);
    expect([ko.type, ko.asymmetricKeyType]).toEqual(["private", "ec"]);
    expect(crypto.createPublicKey(kp.privateKey).equals(crypto.KeyObject.from(kp.publicKey))).toBe(true);
    const sig = crypto.sign("sha256", MSG, { key: kp.privateKey as any, dsaEncoding: "ieee-p1363" });
    expect(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, sig, MSG)).toBe(true);
    const hk = await subtle.importKey("raw", Buffer.from("secret"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
    expect(crypto.KeyObject.from(hk).export().toString()).toBe("secret");
  });

  test("errors: DOMException names as in Node", async () => {
    const kp = (await subtle.generateKey(ECDSA, false, ["sign", "verify"])) as CryptoKeyPair;
    const ed = (await subtle.generateKey("Ed25519", true, ["sign", "verify"])) as CryptoKeyPair;
    const nameOf = (p: Promise<unknown>) => p.then(() => "resolved", (e) => e.name);
    expect(await nameOf(subtle.generateKey(ECDSA, true, ["encrypt"]))).toBe("SyntaxError");
    expect(await nameOf(subtle.generateKey(ECDSA, true, ["verify"]))).toBe("SyntaxError");
    expect(await nameOf(subtle.generateKey({ name: "Ed25519" }, true, []))).toBe("SyntaxError");
    expect(await nameOf(subtle.generateKey({ name: "ECDSA" } as any, true, ["sign"]))).toBe("TypeError");
    expect(await nameOf(subtle.generateKey({ name: "ECDSA", namedCurve: "P-999" }, true, ["sign"]))).toBe("NotSupportedError");
    expect(await nameOf(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, MSG))).toBe("InvalidAccessError");
    expect(await nameOf(subtle.verify({ name: "ECDSA", hash: "SHA-256" }, kp.privateKey, new Uint8Array(64), MSG))).toBe("InvalidAccessError");
    expect(await nameOf(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, ed.privateKey, MSG))).toBe("InvalidAccessError");
    expect(await nameOf(subtle.sign({ name: "ECDSA" } as any, kp.privateKey, MSG))).toBe("TypeError");
    expect(await nameOf(subtle.sign({ name: "ECDSA", hash: "MD5" }, kp.privateKey, MSG))).toBe("NotSupportedError");
    expect(await nameOf(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, {} as any, MSG))).toBe("TypeError");
    expect(await nameOf(subtle.sign("Ed25519", ed.privateKey, "abc" as any))).toBe("TypeError");
    // Node 20 names this one InvalidAccessException, Bun InvalidAccessError.
    expect(await nameOf(subtle.exportKey("pkcs8", kp.privateKey))).toMatch(/^InvalidAccess/);
    expect(await nameOf(subtle.exportKey("pkcs8", kp.publicKey))).toBe("InvalidAccessError");
    expect(await nameOf(subtle.exportKey("raw", ed.privateKey))).toBe("InvalidAccessError");
    expect(await nameOf(subtle.exportKey("foo" as any, ed.publicKey))).toBe("TypeError");

    const raw = Buffer.from(EC_RAW_PUBLIC, "hex");
    expect(await nameOf(subtle.importKey("raw", raw, ECDSA, true, ["sign"]))).toBe("SyntaxError");
    expect(await nameOf(subtle.importKey("raw", new Uint8Array(3), ECDSA, true, ["verify"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("spki", raw, ECDSA, true, ["verify"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("raw", raw, { name: "ECDSA" } as any, true, ["verify"]))).toBe("TypeError");
    expect(await nameOf(subtle.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("raw", {} as any, "Ed25519", true, ["verify"]))).toBe("TypeError");
    const edPkcs8 = await subtle.exportKey("pkcs8", ed.privateKey);
    expect(await nameOf(subtle.importKey("pkcs8", edPkcs8, ECDSA, true, ["sign"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("pkcs8", edPkcs8, "Ed25519", true, []))).toBe("SyntaxError");
    expect(await nameOf(subtle.importKey("jwk", { ...EC_JWK, crv: "P-384" }, ECDSA, true, ["sign"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("jwk", { ...EC_JWK, ext: false }, ECDSA, true, ["sign"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("jwk", { ...EC_JWK, use: "enc" }, ECDSA, true, ["sign"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("jwk", { ...EC_JWK, alg: "ES384" }, ECDSA, true, ["sign"]))).toBe("DataError");
    expect(await nameOf(subtle.importKey("jwk", EC_JWK, ECDSA, true, ["verify"]))).toBe("SyntaxError");
    expect(await nameOf(subtle.importKey("jwk", { ...ED_JWK, crv: "Ed448" }, "Ed25519", true, ["sign"]))).toBe("DataError");
  });
});
