// node:crypto: digests, HMACs and KDFs against vectors computed with Node 20; randomness,
// timingSafeEqual, Web Crypto's getRandomValues/randomUUID/subtle.digest, and Node's errors.
import { describe, expect, test } from "bun:test";
import crypto, {
  createHash,
  createHmac,
  createSecretKey,
  getHashes,
  getRandomValues,
  hkdf,
  hkdfSync,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  timingSafeEqual,
  webcrypto,
} from "node:crypto";

// Computed with Node 20 (`require("crypto")`), input "The quick brown fox" unless noted.
const V = {
  "md5": "a2004f37730b9445670a738fa0fc9ee5",
  "sha1": "c519c1a06cdbeb2bc499e22137fb48683858b345",
  "sha224": "146129bd31db775c819f4c28929cc5ac7130d4bac470e97134857c1a",
  "sha256": "5cac4f980fedc3d3f1f99b4be3472c9b30d56523e632d151237ec9309048bda9",
  "sha384": "2e45933dd1a1e6a6928a732d58abeb180c225e5e7b99c64eb6f233a7b99ee4635c17f44ca544cf620cf4289deb4c08cf",
  "sha512": "015e6d23e760f612cca616c54f110cb12dd54213f1e046c7607081372402eff4936b379296ed549236020afb37bd3e728a044a4243754f095498c98bc24f77e0",
  "sha512-224": "d3f7845efd77de7aceb0e3049be18ce8e99e5607cd79a07323a19cea",
  "sha512-256": "d99dd5e1f7302ded09f1557974a2d53b3d001a2071c9ac24150a66c7c992d8f6",
  "sha3-224": "c0144010bf2c56c005a2cb6b26cc7d2cce38a9ce8038babf0867cf6d",
  "sha3-256": "6a982a1fd2b2b33bf284768bd0e3df2a67ee3d412ae6f3df8248b268755751d4",
  "sha3-384": "c82f7d2460b9dc489e9dea134c694de251b64e4b6862f7b8742fbce9d121e8e9b8bbc44972c1543f2fc885a398c191bc",
  "sha3-512": "ca5ce3b1097b2cc9b6d63e234b9db237537b0c2bbedb746ca6df1ef7d06ec50b72745167ba4f171b77367bd66272d5d0d8af02e5df14bf0f2dbddfcb11a788e3",
  "ripemd160": "aa1dd8137a60bbfb149657beca550f4c7321060d",
  "shake128": "5881092dd818bf5cf8a3ddb793fbcba7",
  "shake256_8": "483366601360a877",
  "hmac_sha256": "8b5f48702995c1598c573db1e21866a9b825d4a794d169d7060a03605796360b",
  "hmac_sha1_b64": "XUbcNiHRRFzQxN7MCImcqdzmHXc=",
  "hmac_sha3": "1b92d4a22666154356c30c31595306c7db17a27a0fb02efae867f69018d3a876",
  "pbkdf2": "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
  "pbkdf2_sha512": "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce",
  "hkdf": "9ca0d662557439e3b83365f2da4626d35da195c6d9d1779f09838cf9e408966ece99106e2585ace6f083",
  "scrypt": "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
} as const;

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

describe("createHash", () => {
  test("every fixed-size digest matches Node's output", () => {
    for (const alg of ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "ripemd160"] as const) {
      expect([alg, createHash(alg).update("The quick brown fox").digest("hex")]).toEqual([alg, V[alg]]);
    }
  });

  test("updates in pieces, Buffers, TypedArrays and encodings give the same digest", () => {
    const whole = createHash("sha256").update("The quick brown fox").digest("hex");
    const parts = createHash("sha256").update("The ").update(Buffer.from("quick")).update(new TextEncoder().encode(" brown")).update("20666f78", "hex").digest("hex");
    expect(parts).toBe(whole);
    expect(createHash("SHA256").update("The quick brown fox").digest("base64")).toBe(Buffer.from(whole, "hex").toString("base64"));
    expect(createHash("RSA-SHA256").update("The quick brown fox").digest()).toEqual(Buffer.from(whole, "hex"));
  });

  test("shake: default and explicit output lengths", () => {
    expect(createHash("shake128").update("abc").digest("hex")).toBe(V.shake128);
    expect(createHash("shake256", { outputLength: 8 }).update("abc").digest("hex")).toBe(V.shake256_8);
  });

  test("copy() continues independently", () => {
    const h = createHash("sha1").update("The quick ");
    const c = h.copy();
    h.update("brown fox");
    c.update("brown fox");
    expect(h.digest("hex")).toBe(V.sha1);
    expect(c.digest("hex")).toBe(V.sha1);
  });

  test("errors: unknown digest, wrong types, digest twice", () => {
    expect(errorOf(() => createHash("nope"))?.message).toBe("Digest method not supported");
    expect(errorOf(() => createHash(5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "algorithm" argument must be of type string. Received type number (5)',
    });
    expect(errorOf(() => createHash("md5").update(5 as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    const h = createHash("md5");
    h.digest();
    expect(errorOf(() => h.digest())).toEqual({ name: "Error", code: "ERR_CRYPTO_HASH_FINALIZED", message: "Digest already called" });
    expect(errorOf(() => h.update("x"))?.code).toBe("ERR_CRYPTO_HASH_FINALIZED");
  });

  test("getHashes lists the supported digests", () => {
    const names = getHashes();
    for (const n of ["md5", "sha1", "sha256", "sha512", "sha3-256", "ripemd160"]) expect(names).toContain(n);
  });
});

describe("createHmac", () => {
  test("matches Node for string and Buffer keys and sha3", () => {
    expect(createHmac("sha256", "secret").update("message").digest("hex")).toBe(V.hmac_sha256);
    expect(createHmac("sha1", Buffer.from([1, 2, 3])).update("m").digest("base64")).toBe(V.hmac_sha1_b64);
    expect(createHmac("sha3-256", "k").update("m").digest("hex")).toBe(V.hmac_sha3);
    expect(createHmac("sha256", createSecretKey(Buffer.from("secret"))).update("message").digest("hex")).toBe(V.hmac_sha256);
  });

  test("an invalid digest is ERR_CRYPTO_INVALID_DIGEST", () => {
    expect(errorOf(() => createHmac("nope", "k"))).toEqual({ name: "TypeError", code: "ERR_CRYPTO_INVALID_DIGEST", message: "Invalid digest: nope" });
  });
});

describe("key derivation", () => {
  test("pbkdf2Sync and pbkdf2", async () => {
    expect(pbkdf2Sync("password", "salt", 4096, 32, "sha256").toString("hex")).toBe(V.pbkdf2);
    expect(pbkdf2Sync("password", "salt", 1, 64, "sha512").toString("hex")).toBe(V.pbkdf2_sha512);
    const key = await new Promise<Buffer>((res, rej) => pbkdf2("password", "salt", 4096, 32, "sha256", (e, k) => (e ? rej(e) : res(k))));
    expect(key.toString("hex")).toBe(V.pbkdf2);
    expect(errorOf(() => pbkdf2Sync("p", "s", 1, 8, "nope"))?.code).toBe("ERR_CRYPTO_INVALID_DIGEST");
    expect(errorOf(() => pbkdf2Sync("p", "s", 0, 8, "sha1"))?.code).toBe("ERR_OUT_OF_RANGE");
  });

  test("hkdfSync and hkdf return ArrayBuffers", async () => {
    const k = hkdfSync("sha256", "key", "salt", "info", 42);
    expect(k).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(k).toString("hex")).toBe(V.hkdf);
    const k2 = await new Promise<ArrayBuffer>((res, rej) => hkdf("sha256", "key", "salt", "info", 42, (e, k) => (e ? rej(e) : res(k))));
    expect(Buffer.from(k2).toString("hex")).toBe(V.hkdf);
  });

  test("scryptSync and scrypt, with parameter checks", async () => {
    expect(scryptSync("password", "NaCl", 64, { N: 1024, r: 8, p: 16 }).toString("hex")).toBe(V.scrypt);
    const k = await new Promise<Buffer>((res, rej) => scrypt("password", "NaCl", 64, { N: 1024, r: 8, p: 16 }, (e, k) => (e ? rej(e) : res(k))));
    expect(k.toString("hex")).toBe(V.scrypt);
    expect(errorOf(() => scryptSync("p", "s", 8, { N: 1000 }))?.code).toBe("ERR_CRYPTO_INVALID_SCRYPT_PARAMS");
  });
});

describe("randomness", () => {
  test("randomBytes, randomFillSync and randomFill fill what they are given", async () => {
    expect(randomBytes(32).length).toBe(32);
    expect(randomBytes(32).equals(randomBytes(32))).toBe(false);
    const buf = Buffer.alloc(16);
    randomFillSync(buf, 8);
    expect(buf.subarray(0, 8).every((b) => b === 0)).toBe(true);
    const u32 = new Uint32Array(4);
    await new Promise<void>((res, rej) => randomFill(u32, (e) => (e ? rej(e) : res())));
    expect(u32.some((x) => x !== 0)).toBe(true);
    expect(errorOf(() => randomBytes(-1))?.code).toBe("ERR_OUT_OF_RANGE");
  });

  test("randomInt stays in range and checks its bounds", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const n = randomInt(3, 7);
      expect(n >= 3 && n < 7).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(4);
    expect(errorOf(() => randomInt(5, 5))?.code).toBe("ERR_OUT_OF_RANGE");
  });

  test("randomUUID is a v4 UUID", () => {
    const ids = new Set(Array.from({ length: 50 }, () => randomUUID()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("getRandomValues: integer arrays up to 65536 bytes", () => {
    const a = new Uint8Array(64);
    expect(getRandomValues(a)).toBe(a);
    expect(globalThis.crypto.getRandomValues(new Uint16Array(8)).length).toBe(8);
    // Node throws past 65536 bytes, as the standard says; Bun does not.
    const bun = typeof (globalThis as any).Bun !== "undefined" && !(process.versions as any).rusk;
    if (!bun) {
      expect(errorOf(() => getRandomValues(new Uint8Array(65537)))).toMatchObject({
        name: "QuotaExceededError",
        message: "The requested length exceeds 65,536 bytes",
      });
    }
    expect(errorOf(() => getRandomValues(new Float64Array(2) as any))?.name).toBe("TypeMismatchError");
  });
});

describe("timingSafeEqual and the web crypto object", () => {
  test("timingSafeEqual compares bytes and requires equal lengths", () => {
    expect(timingSafeEqual(Buffer.from("abc"), Buffer.from("abc"))).toBe(true);
    expect(timingSafeEqual(Buffer.from("abc"), Buffer.from("abd"))).toBe(false);
    expect(errorOf(() => timingSafeEqual(Buffer.alloc(1), Buffer.alloc(2)))).toEqual({
      name: "RangeError",
      code: "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
      message: "Input buffers must have the same byte length",
    });
  });

  test("globalThis.crypto is webcrypto; subtle.digest matches createHash", async () => {
    expect(globalThis.crypto).toBe(webcrypto);
    expect(crypto.webcrypto).toBe(webcrypto);
    expect(typeof globalThis.crypto.randomUUID()).toBe("string");
    const d = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode("The quick brown fox"));
    expect(Buffer.from(d).toString("hex")).toBe(V.sha256);
    const d1 = await webcrypto.subtle.digest({ name: "SHA-1" }, Buffer.from("The quick brown fox"));
    expect(Buffer.from(d1).toString("hex")).toBe(V.sha1);
  });
});

describe("ciphers", () => {
  const key = { 16: Buffer.alloc(16, 1), 24: Buffer.alloc(24, 2), 32: Buffer.alloc(32, 3) } as const;
  const iv = Buffer.alloc(16, 4);
  const nonce = Buffer.alloc(12, 5);
  const msg = "The quick brown fox jumps over the lazy dog, twice over the lazy dog.";
  // Ciphertexts (and tags) computed with Node 20 for these keys, IVs and message.
  const ENC = {
    "aes-128-cbc": "6cd7b844b9fd5d79a3b66c6648268e2ef36f7ad13d188b6ef53ca84ef13063ff602397b6fab562c3cb3ee355928942e793d31e2349267754c4748b7bc1d2eb3ef7ec6f7f3002a12b214bb407e7e5007c",
    "aes-192-cbc": "c32257e702be4cf5505f272e124a4dca67522ad0a0afd92727756ee65d7522e975c395112623b2c180f502ba8775153476e9a2b21aab29e38cb9fb31681dc8fd424ee98ef8d56aad2e45801c6ed7d71f",
    "aes-256-cbc": "8bea7f3ee7db954771df0624aeb3d013cf5a0297f8be7b2a641f02daede94432cc06f0723aa8dde4c58a47d811eb732863b4f934fe775c7331a3d040cb850b733f1ea518dfbc1a24c4096affd1bbeeef",
    "aes-128-ctr": "0b69eb503689c57ba21b1417d29827fccbcf3bf4e879ef3472bfd9e98dd99969c5da3f048e0ac849d0e0837dcd5a89fc772dbb36c6598cd81c9454611fdad401a4a2154298",
    "aes-256-ctr": "3d404789fdc7174176e39c8cdeed3eb3935ecdf75c475da22f476d7dca90c3d1de8ba8dafa6bafafd1703bbe323e12f4f6923775c3e4689137898b66c6fa5e4cb72d2829fa"
} as Record<string, string>;
  const AEAD = {
    "aes-128-gcm": [
        "27ce608ff24f9b629db54c01ca84a450f63b3f09d156b43a855361012e04c0ee42b6cce447f3130675790e85a922d8f1223b46b45f333d87cb93c8b41e191d6312cdad9245",
        "e2076b2dac5b6eebe9e61081405f6c79"
    ],
    "aes-192-gcm": [
        "30400e30e553f5552df2c1e8e52fa6394c3429cba447c743a3b385e69b8ac673730b148222d98e1af3c911c0ab4d1de457eb09cfc92f18ca460cb08dcbfacb465f4367186a",
        "4729557ff3e204e9489deea76819654c"
    ],
    "aes-256-gcm": [
        "424aba44c3a97e22c12ea871bc902972512800111b439b6b543d367b6e59f54c5ed4a9267df5a1252f542ee450d39c0481ce91802a76b7c9bf362edf3438f806376ab5fb62",
        "d2b040364bd73bc61f587934c07d5b0c"
    ],
    "chacha20-poly1305": [
        "a8879823bbff8a8532ecea4975c84260da7023ee28966dae9d02c1dab5c1b1037b9814b45c2c8f681f933275164318abd20c32132a4e951f4f1cfd29de709726e1e566f60b",
        "7040bcf8c9466947b8b7c87906d1d367"
    ]
} as Record<string, [string, string]>;

  test("CBC and CTR: Node's ciphertext, split updates, round trip", () => {
    for (const [alg, k] of [["aes-128-cbc", 16], ["aes-192-cbc", 24], ["aes-256-cbc", 32], ["aes-128-ctr", 16], ["aes-256-ctr", 32]] as const) {
      const c = crypto.createCipheriv(alg, key[k], iv);
      const enc = Buffer.concat([c.update(msg.slice(0, 10)), c.update(msg.slice(10)), c.final()]);
      expect([alg, enc.toString("hex")]).toEqual([alg, ENC[alg]]);
      const d = crypto.createDecipheriv(alg, key[k], iv);
      expect(Buffer.concat([d.update(enc.subarray(0, 7)), d.update(enc.subarray(7)), d.final()]).toString()).toBe(msg);
    }
  });

  test("GCM and ChaCha20-Poly1305: ciphertext, tag, AAD, and a wrong tag rejected", () => {
    // Bun (BoringSSL) has no chacha20-poly1305 in createCipheriv; Node and rusk do.
    const bun = typeof (globalThis as any).Bun !== "undefined" && !(process.versions as any).rusk;
    const algs = [["aes-128-gcm", 16], ["aes-192-gcm", 24], ["aes-256-gcm", 32], ...(bun ? [] : [["chacha20-poly1305", 32]])] as const;
    for (const [alg, k] of algs) {
      const c = crypto.createCipheriv(alg, key[k], nonce, { authTagLength: 16 } as any) as any;
      c.setAAD(Buffer.from("aad"));
      const enc = Buffer.concat([c.update(msg, "utf8"), c.final()]);
      expect([alg, enc.toString("hex"), c.getAuthTag().toString("hex")]).toEqual([alg, ...AEAD[alg]]);
      const d = crypto.createDecipheriv(alg, key[k], nonce, { authTagLength: 16 } as any) as any;
      d.setAAD(Buffer.from("aad"));
      d.setAuthTag(c.getAuthTag());
      expect(d.update(enc, undefined, "utf8") + d.final("utf8")).toBe(msg);
      const bad = crypto.createDecipheriv(alg, key[k], nonce, { authTagLength: 16 } as any) as any;
      bad.setAAD(Buffer.from("aad"));
      bad.setAuthTag(Buffer.alloc(16));
      bad.update(enc);
      expect(errorOf(() => bad.final())?.message).toBe("Unsupported state or unable to authenticate data");
    }
  });

  test("setAutoPadding(false) and Node's errors", () => {
    const np = crypto.createCipheriv("aes-128-cbc", key[16], iv).setAutoPadding(false);
    expect(Buffer.concat([np.update(Buffer.alloc(32, 9)), np.final()]).toString("hex")).toBe("6b9ec2be519b7b34caf0836e1e3ac06e0b0d70cc83890ec6395cde9f596c283b");
    expect(errorOf(() => crypto.createCipheriv("aes-128-cbc", key[32], iv))).toEqual({ name: "RangeError", code: "ERR_CRYPTO_INVALID_KEYLEN", message: "Invalid key length" });
    expect(errorOf(() => crypto.createCipheriv("aes-128-cbc", key[16], Buffer.alloc(3)))?.code).toBe("ERR_CRYPTO_INVALID_IV");
    expect(errorOf(() => crypto.createCipheriv("nope", key[16], iv))).toEqual({ name: "Error", code: "ERR_CRYPTO_UNKNOWN_CIPHER", message: "Unknown cipher" });
    const d = crypto.createDecipheriv("aes-128-cbc", key[16], iv);
    d.update(Buffer.alloc(16));
    expect(errorOf(() => d.final())?.code).toBe("ERR_OSSL_BAD_DECRYPT");
    expect(crypto.getCiphers()).toContain("aes-256-gcm");
  });
});

describe("SubtleCrypto: HMAC and AES-GCM", () => {
  const s = globalThis.crypto.subtle;
  const enc = new TextEncoder();

  test("HMAC importKey/sign/verify/exportKey match Node", async () => {
    const k = await s.importKey("raw", enc.encode("secret key"), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
    const sig = await s.sign("HMAC", k, enc.encode("msg"));
    expect(Buffer.from(sig).toString("hex")).toBe(createHmac("sha256", "secret key").update("msg").digest("hex"));
    expect(await s.verify("HMAC", k, sig, enc.encode("msg"))).toBe(true);
    expect(await s.verify("HMAC", k, sig, enc.encode("msh"))).toBe(false);
    expect(k.algorithm).toEqual({ name: "HMAC", hash: { name: "SHA-256" }, length: 80 });
    expect([k.type, k.extractable, k.usages]).toEqual(["secret", true, ["sign", "verify"]]);
    expect(await s.exportKey("jwk", k)).toEqual({ key_ops: ["sign", "verify"], ext: true, kty: "oct", k: "c2VjcmV0IGtleQ", alg: "HS256" });
  });

  test("AES-GCM encrypt/decrypt with additional data; a wrong AAD fails with OperationError", async () => {
    const k = await s.importKey("raw", new Uint8Array(16).fill(7), "AES-GCM", true, ["encrypt", "decrypt"]);
    const iv = new Uint8Array(12).fill(1);
    const ct = await s.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode("ad") }, k, enc.encode("hello gcm"));
    // Computed with Node 20's WebCrypto.
    expect(Buffer.from(ct).toString("hex")).toBe("c967a084e594950a45f3add45438d766c8f7275eeec885709e");
    const pt = await s.decrypt({ name: "AES-GCM", iv, additionalData: enc.encode("ad") }, k, ct);
    expect(new TextDecoder().decode(pt)).toBe("hello gcm");
    await expect(s.decrypt({ name: "AES-GCM", iv }, k, ct)).rejects.toMatchObject({ name: "OperationError" });
  });

  test("generateKey, non-extractable keys, and a key used for the wrong algorithm", async () => {
    const hk = await s.generateKey({ name: "HMAC", hash: "SHA-512" }, true, ["sign"]);
    expect(hk.algorithm.length).toBe(1024);
    expect((await s.exportKey("raw", hk)).byteLength).toBe(128);
    const ak = await s.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    await expect(s.exportKey("raw", ak)).rejects.toMatchObject({ name: "InvalidAccessError" });
    await expect(s.sign("HMAC", ak, enc.encode("x"))).rejects.toBeInstanceOf(Error);
  });
});
