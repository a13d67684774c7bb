//! `rusk:native/crypto`: hashes, HMACs, key derivation and randomness for `node:crypto`, on
//! RustCrypto's crates (pure Rust: no C toolchain or assembler beyond the Rust build; they
//! cover every digest Node lists that users reach for — md5, sha1, the sha2 and sha3 families,
//! shake, ripemd160 — which `ring` does not). `NativeHash`/`NativeHmac` are rusk_bindgen
//! classes (`crypto.classes.ts`); js/crypto.js gives them Node's API.

use std::cell::RefCell;

use rquickjs::{ArrayBuffer, Ctx, Exception, Object, Value};
use rusk_bindgen::rt::{Bytes, JsResult};
use rusk_runtime::bytes::raw_bytes;
use sha2::digest::{DynDigest, ExtendableOutput, Update, XofReader};

use crate::native_module::{func, native_module};

include!(concat!(env!("OUT_DIR"), "/crypto.classes.rs"));

const NAMES: &[&str] = &[
    "NativeHash",
    "NativeHmac",
    "randomFill",
    "pbkdf2",
    "hkdf",
    "scrypt",
    "timingSafeEqual",
    "hashes",
    "NativeCipher",
    "ciphers",
    "generateKeyPair",
    "importPrivate",
    "importPublic",
    "importRaw",
    "sign",
    "verify",
];

native_module!(NativeCrypto, build, NAMES);

/// The digests, by every name Node accepts for them (lower case).
const DIGESTS: &[(&str, Digest)] = &[
    ("md5", Digest::Md5),
    ("rsa-md5", Digest::Md5),
    ("sha1", Digest::Sha1),
    ("sha-1", Digest::Sha1),
    ("rsa-sha1", Digest::Sha1),
    ("sha224", Digest::Sha224),
    ("sha-224", Digest::Sha224),
    ("rsa-sha224", Digest::Sha224),
    ("sha256", Digest::Sha256),
    ("sha-256", Digest::Sha256),
    ("rsa-sha256", Digest::Sha256),
    ("sha384", Digest::Sha384),
    ("sha-384", Digest::Sha384),
    ("rsa-sha384", Digest::Sha384),
    ("sha512", Digest::Sha512),
    ("sha-512", Digest::Sha512),
    ("rsa-sha512", Digest::Sha512),
    ("sha512-224", Digest::Sha512_224),
    ("sha-512/224", Digest::Sha512_224),
    ("rsa-sha512/224", Digest::Sha512_224),
    ("sha512-256", Digest::Sha512_256),
    ("sha-512/256", Digest::Sha512_256),
    ("rsa-sha512/256", Digest::Sha512_256),
    ("sha3-224", Digest::Sha3_224),
    ("sha3-256", Digest::Sha3_256),
    ("sha3-384", Digest::Sha3_384),
    ("sha3-512", Digest::Sha3_512),
    ("ripemd160", Digest::Ripemd160),
    ("ripemd", Digest::Ripemd160),
    ("rmd160", Digest::Ripemd160),
    ("ripemd-160", Digest::Ripemd160),
    ("shake128", Digest::Shake128),
    ("shake256", Digest::Shake256),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Digest {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Ripemd160,
    Shake128,
    Shake256,
}

fn digest_named(name: &str) -> Option<Digest> {
    let lower = name.to_ascii_lowercase();
    DIGESTS.iter().find(|(n, _)| *n == lower).map(|(_, d)| *d)
}

/// Runs `$body` with `$D` bound to the hash type of `$digest` (fixed-output digests only;
/// `$none` for the shake XOFs).
macro_rules! with_digest {
    ($digest:expr, $D:ident => $body:expr, $none:expr) => {
        match $digest {
            Digest::Md5 => {
                type $D = md5::Md5;
                $body
            }
            Digest::Sha1 => {
                type $D = sha1::Sha1;
                $body
            }
            Digest::Sha224 => {
                type $D = sha2::Sha224;
                $body
            }
            Digest::Sha256 => {
                type $D = sha2::Sha256;
                $body
            }
            Digest::Sha384 => {
                type $D = sha2::Sha384;
                $body
            }
            Digest::Sha512 => {
                type $D = sha2::Sha512;
                $body
            }
            Digest::Sha512_224 => {
                type $D = sha2::Sha512_224;
                $body
            }
            Digest::Sha512_256 => {
                type $D = sha2::Sha512_256;
                $body
            }
            Digest::Sha3_224 => {
                type $D = sha3::Sha3_224;
                $body
            }
            Digest::Sha3_256 => {
                type $D = sha3::Sha3_256;
                $body
            }
            Digest::Sha3_384 => {
                type $D = sha3::Sha3_384;
                $body
            }
            Digest::Sha3_512 => {
                type $D = sha3::Sha3_512;
                $body
            }
            Digest::Ripemd160 => {
                type $D = ripemd::Ripemd160;
                $body
            }
            Digest::Shake128 | Digest::Shake256 => $none,
        }
    };
}

fn invalid_digest(cx: &Ctx<'_>, name: &str) -> rquickjs::Error {
    coded(
        cx,
        "TypeError",
        &format!("Invalid digest: {name}"),
        "ERR_CRYPTO_INVALID_DIGEST",
    )
}

/// Throws `new <ctor>(message)` with Node's `code`.
fn coded(cx: &Ctx<'_>, ctor: &str, message: &str, code: &str) -> rquickjs::Error {
    let made = (|| -> rquickjs::Result<Value<'_>> {
        let c: rquickjs::function::Constructor = cx.globals().get(ctor)?;
        let e: Object = c.construct((message,))?;
        e.set("code", code)?;
        Ok(e.into_value())
    })();
    match made {
        Ok(e) => cx.throw(e),
        Err(e) => e,
    }
}

/// The bytes of a TypedArray/DataView/ArrayBuffer argument, copied (JS converts strings
/// first).
fn bytes_arg(cx: &Ctx<'_>, v: &Value<'_>, what: &str) -> JsResult<Vec<u8>> {
    let raw = raw_bytes(v)
        .ok_or_else(|| Exception::throw_type(cx, &format!("{what} must be a buffer")))?;
    // SAFETY: copied at once; no JS runs while the slice is borrowed.
    Ok(unsafe { raw.as_slice() }.to_vec())
}

enum HashState {
    Fixed(Box<dyn DynDigest>),
    Shake128(sha3::Shake128, usize),
    Shake256(sha3::Shake256, usize),
}

impl Clone for HashState {
    fn clone(&self) -> Self {
        match self {
            HashState::Fixed(d) => HashState::Fixed(d.box_clone()),
            HashState::Shake128(s, n) => HashState::Shake128(s.clone(), *n),
            HashState::Shake256(s, n) => HashState::Shake256(s.clone(), *n),
        }
    }
}

/// A running hash (`createHash`). `None` once digested.
pub struct NativeHash {
    state: RefCell<Option<HashState>>,
}

impl NativeHash {
    pub fn constructor<'js>(cx: &Ctx<'js>, name: String, output: Option<u32>) -> JsResult<Self> {
        let output = output.map(|n| n as usize);
        // Node's message for createHash (createHmac and the KDFs say "Invalid digest").
        let digest = digest_named(&name)
            .ok_or_else(|| Exception::throw_message(cx, "Digest method not supported"))?;
        let state = match digest {
            Digest::Shake128 => HashState::Shake128(Default::default(), output.unwrap_or(16)),
            Digest::Shake256 => HashState::Shake256(Default::default(), output.unwrap_or(32)),
            d => {
                let fixed: Box<dyn DynDigest> =
                    with_digest!(d, D => Box::new(D::default()), unreachable!("xof handled above"));
                if let Some(n) = output {
                    if n != fixed.output_size() {
                        return Err(coded(
                            cx,
                            "Error",
                            "Output length is only supported for XOF hash functions",
                            "ERR_CRYPTO_INVALID_DIGEST",
                        ));
                    }
                }
                HashState::Fixed(fixed)
            }
        };
        Ok(NativeHash {
            state: RefCell::new(Some(state)),
        })
    }

    pub fn update<'js>(&self, cx: &Ctx<'js>, data: Bytes<'js>) -> JsResult<()> {
        let data = data.as_slice();
        match self.state.borrow_mut().as_mut() {
            Some(HashState::Fixed(d)) => d.update(data),
            Some(HashState::Shake128(s, _)) => s.update(data),
            Some(HashState::Shake256(s, _)) => s.update(data),
            None => {
                return Err(coded(
                    cx,
                    "Error",
                    "Digest already called",
                    "ERR_CRYPTO_HASH_FINALIZED",
                ))
            }
        }
        Ok(())
    }

    pub fn digest<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        let out = match self.state.borrow_mut().take() {
            Some(HashState::Fixed(d)) => d.finalize().to_vec(),
            Some(HashState::Shake128(s, n)) => xof(s.finalize_xof(), n),
            Some(HashState::Shake256(s, n)) => xof(s.finalize_xof(), n),
            None => {
                return Err(coded(
                    cx,
                    "Error",
                    "Digest already called",
                    "ERR_CRYPTO_HASH_FINALIZED",
                ))
            }
        };
        Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
    }

    pub fn copy<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        let state = self.state.borrow().clone().ok_or_else(|| {
            coded(
                cx,
                "Error",
                "Digest already called",
                "ERR_CRYPTO_HASH_FINALIZED",
            )
        })?;
        native_hash_class::to_js(
            cx,
            NativeHash {
                state: RefCell::new(Some(state)),
            },
        )
    }
}

fn xof(mut reader: impl XofReader, n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    reader.read(&mut out);
    out
}

/// HMAC over every fixed-output digest.
macro_rules! mac_enum {
    ($($v:ident => $d:ty),* $(,)?) => {
        enum Mac { $($v(hmac::Hmac<$d>)),* }

        impl Mac {
            fn new(digest: Digest, key: &[u8]) -> Option<Mac> {
                use hmac::Mac as _;
                Some(match digest {
                    $(Digest::$v => Mac::$v(hmac::Hmac::<$d>::new_from_slice(key).ok()?),)*
                    Digest::Shake128 | Digest::Shake256 => return None,
                })
            }

            fn update(&mut self, data: &[u8]) {
                match self { $(Mac::$v(m) => hmac::Mac::update(m, data),)* }
            }

            fn finish(self) -> Vec<u8> {
                use hmac::Mac as _;
                match self { $(Mac::$v(m) => m.finalize().into_bytes().to_vec(),)* }
            }
        }
    };
}

mac_enum! {
    Md5 => md5::Md5,
    Sha1 => sha1::Sha1,
    Sha224 => sha2::Sha224,
    Sha256 => sha2::Sha256,
    Sha384 => sha2::Sha384,
    Sha512 => sha2::Sha512,
    Sha512_224 => sha2::Sha512_224,
    Sha512_256 => sha2::Sha512_256,
    Sha3_224 => sha3::Sha3_224,
    Sha3_256 => sha3::Sha3_256,
    Sha3_384 => sha3::Sha3_384,
    Sha3_512 => sha3::Sha3_512,
    Ripemd160 => ripemd::Ripemd160,
}

/// A running HMAC (`createHmac`). `None` once digested.
pub struct NativeHmac {
    mac: RefCell<Option<Mac>>,
}

impl NativeHmac {
    pub fn constructor<'js>(cx: &Ctx<'js>, name: String, key: Bytes<'js>) -> JsResult<Self> {
        let digest = digest_named(&name).ok_or_else(|| invalid_digest(cx, &name))?;
        let mac = Mac::new(digest, key.as_slice()).ok_or_else(|| invalid_digest(cx, &name))?;
        Ok(NativeHmac {
            mac: RefCell::new(Some(mac)),
        })
    }

    pub fn update<'js>(&self, cx: &Ctx<'js>, data: Bytes<'js>) -> JsResult<()> {
        match self.mac.borrow_mut().as_mut() {
            Some(m) => m.update(data.as_slice()),
            None => {
                return Err(coded(
                    cx,
                    "Error",
                    "Digest already called",
                    "ERR_CRYPTO_HASH_FINALIZED",
                ))
            }
        }
        Ok(())
    }

    pub fn digest<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        let mac = self.mac.borrow_mut().take().ok_or_else(|| {
            coded(
                cx,
                "Error",
                "Digest already called",
                "ERR_CRYPTO_HASH_FINALIZED",
            )
        })?;
        Ok(ArrayBuffer::new(cx.clone(), mac.finish())?.into_value())
    }
}

/// Fills a view's bytes from the OS's random source.
fn random_fill<'js>(cx: Ctx<'js>, view: Value<'js>) -> JsResult<()> {
    let raw = raw_bytes(&view).ok_or_else(|| {
        Exception::throw_type(&cx, "buffer must be a TypedArray, DataView or ArrayBuffer")
    })?;
    // SAFETY: no JS runs while the slice is written.
    let out = unsafe { raw.as_mut_slice() };
    getrandom::getrandom(out)
        .map_err(|e| Exception::throw_message(&cx, &format!("random source failed: {e}")))
}

fn pbkdf2<'js>(
    cx: Ctx<'js>,
    password: Value<'js>,
    salt: Value<'js>,
    iterations: u32,
    keylen: usize,
    digest: String,
) -> JsResult<Value<'js>> {
    let password = bytes_arg(&cx, &password, "password")?;
    let salt = bytes_arg(&cx, &salt, "salt")?;
    let d = digest_named(&digest).ok_or_else(|| invalid_digest(&cx, &digest))?;
    let mut out = vec![0u8; keylen];
    with_digest!(
        d,
        D => pbkdf2::pbkdf2_hmac::<D>(&password, &salt, iterations, &mut out),
        return Err(invalid_digest(&cx, &digest))
    );
    Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
}

fn hkdf<'js>(
    cx: Ctx<'js>,
    digest: String,
    ikm: Value<'js>,
    salt: Value<'js>,
    info: Value<'js>,
    keylen: usize,
) -> JsResult<Value<'js>> {
    let ikm = bytes_arg(&cx, &ikm, "ikm")?;
    let salt = bytes_arg(&cx, &salt, "salt")?;
    let info = bytes_arg(&cx, &info, "info")?;
    let d = digest_named(&digest).ok_or_else(|| invalid_digest(&cx, &digest))?;
    let mut out = vec![0u8; keylen];
    let ok = with_digest!(
        d,
        D => hkdf::Hkdf::<D>::new(Some(&salt), &ikm).expand(&info, &mut out).is_ok(),
        return Err(invalid_digest(&cx, &digest))
    );
    if !ok {
        return Err(coded(
            &cx,
            "RangeError",
            "Invalid key length",
            "ERR_CRYPTO_INVALID_KEYLEN",
        ));
    }
    Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
}

/// `scrypt(password, salt, keylen, N, r, p)`; JS has checked N (a power of two > 1) and maxmem.
fn scrypt<'js>(
    cx: Ctx<'js>,
    password: Value<'js>,
    salt: Value<'js>,
    keylen: usize,
    n: f64,
    r: u32,
    p: u32,
) -> JsResult<Value<'js>> {
    let password = bytes_arg(&cx, &password, "password")?;
    let salt = bytes_arg(&cx, &salt, "salt")?;
    let log_n = (n as u64).trailing_zeros() as u8;
    let bad = || {
        coded(
            &cx,
            "RangeError",
            "Invalid scrypt params",
            "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
        )
    };
    // scrypt's Params refuse an output length below 10 only for its own encoding; derive
    // into a buffer of at least that and keep the requested prefix.
    let params = scrypt::Params::new(log_n, r, p, keylen.max(10)).map_err(|_| bad())?;
    let mut out = vec![0u8; keylen];
    scrypt::scrypt(&password, &salt, &params, &mut out).map_err(|_| bad())?;
    Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
}

/// Constant-time comparison of two equally long views (JS checks the lengths).
fn timing_safe_equal<'js>(cx: Ctx<'js>, a: Value<'js>, b: Value<'js>) -> JsResult<bool> {
    use subtle::ConstantTimeEq;
    let a = bytes_arg(&cx, &a, "buf1")?;
    let b = bytes_arg(&cx, &b, "buf2")?;
    Ok(a.ct_eq(&b).into())
}

fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("NativeHash", native_hash_class::constructor(ctx)?)?;
    o.set("NativeHmac", native_hmac_class::constructor(ctx)?)?;
    o.set("NativeCipher", native_cipher_class::constructor(ctx)?)?;
    o.set("ciphers", CIPHERS.to_vec())?;
    func!(o, "randomFill", random_fill);
    func!(o, "pbkdf2", pbkdf2);
    func!(o, "hkdf", hkdf);
    func!(o, "scrypt", scrypt);
    func!(o, "timingSafeEqual", timing_safe_equal);
    func!(o, "generateKeyPair", crate::crypto_keys::generate_key_pair);
    func!(o, "importPrivate", crate::crypto_keys::import_private);
    func!(o, "importPublic", crate::crypto_keys::import_public);
    func!(o, "importRaw", crate::crypto_keys::import_raw);
    func!(o, "sign", crate::crypto_keys::sign);
    func!(o, "verify", crate::crypto_keys::verify);
    let names: Vec<&str> = DIGESTS.iter().map(|(n, _)| *n).collect();
    o.set("hashes", names)?;
    Ok(o)
}

// ---- ciphers ----

/// A block cipher in CBC mode, either direction, one block at a time.
enum CbcCore {
    Enc128(cbc::Encryptor<aes::Aes128>),
    Enc192(cbc::Encryptor<aes::Aes192>),
    Enc256(cbc::Encryptor<aes::Aes256>),
    Dec128(cbc::Decryptor<aes::Aes128>),
    Dec192(cbc::Decryptor<aes::Aes192>),
    Dec256(cbc::Decryptor<aes::Aes256>),
}

impl CbcCore {
    fn block(&mut self, b: &mut [u8]) {
        use aes::cipher::{BlockDecryptMut, BlockEncryptMut};
        let block = aes::Block::from_mut_slice(b);
        match self {
            CbcCore::Enc128(c) => c.encrypt_block_mut(block),
            CbcCore::Enc192(c) => c.encrypt_block_mut(block),
            CbcCore::Enc256(c) => c.encrypt_block_mut(block),
            CbcCore::Dec128(c) => c.decrypt_block_mut(block),
            CbcCore::Dec192(c) => c.decrypt_block_mut(block),
            CbcCore::Dec256(c) => c.decrypt_block_mut(block),
        }
    }
}

enum CtrCore {
    K128(ctr::Ctr128BE<aes::Aes128>),
    K192(ctr::Ctr128BE<aes::Aes192>),
    K256(ctr::Ctr128BE<aes::Aes256>),
}

/// The authenticated ciphers: the whole message is buffered and sealed/opened at `final`
/// (their crates are one-shot), so `update` returns nothing for them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aead {
    Gcm128,
    Gcm192,
    Gcm256,
    ChaCha20Poly1305,
}

enum Mode {
    Cbc {
        core: CbcCore,
        pending: Vec<u8>,
        padding: bool,
    },
    Ctr(CtrCore),
    Aead {
        kind: Aead,
        key: Vec<u8>,
        nonce: Vec<u8>,
        aad: Vec<u8>,
        data: Vec<u8>,
        tag: Option<Vec<u8>>,
    },
}

/// `createCipheriv`/`createDecipheriv`: AES-128/192/256 in CBC, CTR and GCM modes, and
/// ChaCha20-Poly1305. `None` once `final` ran.
pub struct NativeCipher {
    mode: RefCell<Option<Mode>>,
    decrypt: bool,
    tag_len: usize,
    auth_tag: RefCell<Option<Vec<u8>>>,
}

fn invalid_key(cx: &Ctx<'_>) -> rquickjs::Error {
    coded(
        cx,
        "RangeError",
        "Invalid key length",
        "ERR_CRYPTO_INVALID_KEYLEN",
    )
}

fn invalid_iv(cx: &Ctx<'_>) -> rquickjs::Error {
    coded(
        cx,
        "TypeError",
        "Invalid initialization vector",
        "ERR_CRYPTO_INVALID_IV",
    )
}

fn bad_decrypt(cx: &Ctx<'_>) -> rquickjs::Error {
    // OpenSSL's text, as Node shows it.
    coded(
        cx,
        "Error",
        "error:1C800064:Provider routines::bad decrypt",
        "ERR_OSSL_BAD_DECRYPT",
    )
}

fn auth_failed(cx: &Ctx<'_>) -> rquickjs::Error {
    rquickjs::Exception::throw_message(cx, "Unsupported state or unable to authenticate data")
}

impl NativeCipher {
    pub fn constructor<'js>(
        cx: &Ctx<'js>,
        name: String,
        key: Bytes<'js>,
        iv: Bytes<'js>,
        decrypt: bool,
        tag_len: Option<u32>,
    ) -> JsResult<Self> {
        use aes::cipher::KeyIvInit;
        let (key, iv) = (key.as_slice().to_vec(), iv.as_slice().to_vec());
        let tag_len = tag_len.map(f64::from);
        let lower = name.to_ascii_lowercase();
        let need_key = |n: usize| {
            if key.len() == n {
                Ok(())
            } else {
                Err(invalid_key(cx))
            }
        };
        let cbc = |bits: usize| -> JsResult<Mode> {
            need_key(bits / 8)?;
            if iv.len() != 16 {
                return Err(invalid_iv(cx));
            }
            let core = match (bits, decrypt) {
                (128, false) => CbcCore::Enc128(
                    cbc::Encryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
                (192, false) => CbcCore::Enc192(
                    cbc::Encryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
                (256, false) => CbcCore::Enc256(
                    cbc::Encryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
                (128, true) => CbcCore::Dec128(
                    cbc::Decryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
                (192, true) => CbcCore::Dec192(
                    cbc::Decryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
                _ => CbcCore::Dec256(
                    cbc::Decryptor::new_from_slices(&key, &iv).map_err(|_| invalid_key(cx))?,
                ),
            };
            Ok(Mode::Cbc {
                core,
                pending: Vec::new(),
                padding: true,
            })
        };
        let ctr = |bits: usize| -> JsResult<Mode> {
            need_key(bits / 8)?;
            if iv.len() != 16 {
                return Err(invalid_iv(cx));
            }
            let e = |_| invalid_key(cx);
            Ok(Mode::Ctr(match bits {
                128 => CtrCore::K128(ctr::Ctr128BE::new_from_slices(&key, &iv).map_err(e)?),
                192 => CtrCore::K192(ctr::Ctr128BE::new_from_slices(&key, &iv).map_err(e)?),
                _ => CtrCore::K256(ctr::Ctr128BE::new_from_slices(&key, &iv).map_err(e)?),
            }))
        };
        let aead = |kind: Aead, key_len: usize| -> JsResult<Mode> {
            need_key(key_len)?;
            if iv.len() != 12 {
                return Err(invalid_iv(cx));
            }
            Ok(Mode::Aead {
                kind,
                key: key.clone(),
                nonce: iv.clone(),
                aad: Vec::new(),
                data: Vec::new(),
                tag: None,
            })
        };
        let mode = match lower.as_str() {
            "aes-128-cbc" | "aes128" => cbc(128)?,
            "aes-192-cbc" | "aes192" => cbc(192)?,
            "aes-256-cbc" | "aes256" => cbc(256)?,
            "aes-128-ctr" => ctr(128)?,
            "aes-192-ctr" => ctr(192)?,
            "aes-256-ctr" => ctr(256)?,
            "aes-128-gcm" | "id-aes128-gcm" => aead(Aead::Gcm128, 16)?,
            "aes-192-gcm" | "id-aes192-gcm" => aead(Aead::Gcm192, 24)?,
            "aes-256-gcm" | "id-aes256-gcm" => aead(Aead::Gcm256, 32)?,
            "chacha20-poly1305" => aead(Aead::ChaCha20Poly1305, 32)?,
            _ => {
                return Err(coded(
                    cx,
                    "Error",
                    "Unknown cipher",
                    "ERR_CRYPTO_UNKNOWN_CIPHER",
                ))
            }
        };
        let tag_len = tag_len.map(|t| t as usize).unwrap_or(16);
        if tag_len != 16 && matches!(mode, Mode::Aead { .. }) {
            return Err(coded(
                cx,
                "TypeError",
                &format!("Invalid authentication tag length: {tag_len}"),
                "ERR_CRYPTO_INVALID_AUTH_TAG",
            ));
        }
        Ok(NativeCipher {
            mode: RefCell::new(Some(mode)),
            decrypt,
            tag_len,
            auth_tag: RefCell::new(None),
        })
    }

    pub fn update<'js>(&self, cx: &Ctx<'js>, data: Bytes<'js>) -> JsResult<Value<'js>> {
        use aes::cipher::StreamCipher;
        let mut data = data.as_slice().to_vec();
        let mut slot = self.mode.borrow_mut();
        let Some(mode) = slot.as_mut() else {
            return Err(coded(
                cx,
                "Error",
                "Unsupported state",
                "ERR_CRYPTO_INVALID_STATE",
            ));
        };
        let out = match mode {
            Mode::Cbc {
                core,
                pending,
                padding,
            } => {
                pending.extend_from_slice(&data);
                // A decrypting cipher with padding keeps its last full block for `final`.
                let keep =
                    if self.decrypt && *padding && pending.len() % 16 == 0 && !pending.is_empty() {
                        16
                    } else {
                        pending.len() % 16
                    };
                let n = pending.len() - keep;
                let mut out: Vec<u8> = pending.drain(..n).collect();
                for b in out.chunks_mut(16) {
                    core.block(b);
                }
                out
            }
            Mode::Ctr(core) => {
                match core {
                    CtrCore::K128(c) => c.apply_keystream(&mut data),
                    CtrCore::K192(c) => c.apply_keystream(&mut data),
                    CtrCore::K256(c) => c.apply_keystream(&mut data),
                }
                data
            }
            Mode::Aead { data: buffered, .. } => {
                buffered.extend_from_slice(&data);
                Vec::new()
            }
        };
        Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
    }

    pub fn finish<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        let mode =
            self.mode.borrow_mut().take().ok_or_else(|| {
                coded(cx, "Error", "Unsupported state", "ERR_CRYPTO_INVALID_STATE")
            })?;
        let out = match mode {
            Mode::Cbc {
                mut core,
                mut pending,
                padding,
            } => {
                if !self.decrypt {
                    if padding {
                        let pad = 16 - pending.len() % 16;
                        pending.extend(std::iter::repeat_n(pad as u8, pad));
                    } else if pending.len() % 16 != 0 {
                        return Err(coded(
                            cx,
                            "Error",
                            "wrong final block length",
                            "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
                        ));
                    }
                    for b in pending.chunks_mut(16) {
                        core.block(b);
                    }
                    pending
                } else {
                    if pending.len() % 16 != 0 {
                        return Err(coded(
                            cx,
                            "Error",
                            "wrong final block length",
                            "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
                        ));
                    }
                    for b in pending.chunks_mut(16) {
                        core.block(b);
                    }
                    if padding {
                        let pad = *pending.last().ok_or_else(|| bad_decrypt(cx))? as usize;
                        if pad == 0
                            || pad > 16
                            || pad > pending.len()
                            || !pending[pending.len() - pad..]
                                .iter()
                                .all(|&b| b as usize == pad)
                        {
                            return Err(bad_decrypt(cx));
                        }
                        pending.truncate(pending.len() - pad);
                    }
                    pending
                }
            }
            Mode::Ctr(_) => Vec::new(),
            Mode::Aead {
                kind,
                key,
                nonce,
                aad,
                data,
                tag,
            } => self.seal_or_open(cx, kind, &key, &nonce, &aad, data, tag)?,
        };
        Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
    }

    #[allow(clippy::too_many_arguments)]
    fn seal_or_open(
        &self,
        cx: &Ctx<'_>,
        kind: Aead,
        key: &[u8],
        nonce: &[u8],
        aad: &[u8],
        mut data: Vec<u8>,
        tag: Option<Vec<u8>>,
    ) -> JsResult<Vec<u8>> {
        use aes_gcm::aead::{AeadInPlace, KeyInit};
        macro_rules! run {
            ($c:ty) => {{
                let cipher = <$c>::new_from_slice(key).map_err(|_| invalid_key(cx))?;
                let nonce = aes_gcm::Nonce::from_slice(nonce);
                if self.decrypt {
                    let tag = tag.ok_or_else(|| auth_failed(cx))?;
                    if tag.len() != 16 {
                        return Err(auth_failed(cx));
                    }
                    cipher
                        .decrypt_in_place_detached(
                            nonce,
                            aad,
                            &mut data,
                            aes_gcm::Tag::from_slice(&tag),
                        )
                        .map_err(|_| auth_failed(cx))?;
                } else {
                    let t = cipher
                        .encrypt_in_place_detached(nonce, aad, &mut data)
                        .map_err(|_| auth_failed(cx))?;
                    *self.auth_tag.borrow_mut() = Some(t[..self.tag_len].to_vec());
                }
                Ok(data)
            }};
        }
        match kind {
            Aead::Gcm128 => run!(aes_gcm::Aes128Gcm),
            Aead::Gcm192 => run!(aes_gcm::AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>),
            Aead::Gcm256 => run!(aes_gcm::Aes256Gcm),
            Aead::ChaCha20Poly1305 => run!(chacha20poly1305::ChaCha20Poly1305),
        }
    }

    pub fn set_auto_padding<'js>(&self, _cx: &Ctx<'js>, on: bool) -> JsResult<()> {
        if let Some(Mode::Cbc { padding, .. }) = self.mode.borrow_mut().as_mut() {
            *padding = on;
        }
        Ok(())
    }

    pub fn set_aad<'js>(&self, cx: &Ctx<'js>, data: Bytes<'js>) -> JsResult<()> {
        match self.mode.borrow_mut().as_mut() {
            Some(Mode::Aead { aad, .. }) => {
                aad.extend_from_slice(data.as_slice());
                Ok(())
            }
            _ => Err(coded(
                cx,
                "Error",
                "Unsupported state or unable to authenticate data",
                "ERR_CRYPTO_INVALID_STATE",
            )),
        }
    }

    pub fn get_auth_tag<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        match self.auth_tag.borrow().as_ref() {
            Some(t) if !self.decrypt => Ok(ArrayBuffer::new_copy(cx.clone(), t)?.into_value()),
            _ => Err(coded(
                cx,
                "Error",
                "Invalid state for operation getAuthTag",
                "ERR_CRYPTO_INVALID_STATE",
            )),
        }
    }

    pub fn set_auth_tag<'js>(&self, cx: &Ctx<'js>, tag: Bytes<'js>) -> JsResult<()> {
        let t = tag.as_slice().to_vec();
        match self.mode.borrow_mut().as_mut() {
            Some(Mode::Aead { tag, .. }) if self.decrypt => {
                *tag = Some(t);
                Ok(())
            }
            _ => Err(coded(
                cx,
                "Error",
                "Invalid state for operation setAuthTag",
                "ERR_CRYPTO_INVALID_STATE",
            )),
        }
    }
}

/// The cipher names `getCiphers()` lists.
pub const CIPHERS: &[&str] = &[
    "aes-128-cbc",
    "aes-128-ctr",
    "aes-128-gcm",
    "aes-192-cbc",
    "aes-192-ctr",
    "aes-192-gcm",
    "aes-256-cbc",
    "aes-256-ctr",
    "aes-256-gcm",
    "chacha20-poly1305",
];
