//! Asymmetric keys for `node:crypto` and Web Crypto: ECDSA on P-256 (RustCrypto's `p256`) and
//! Ed25519 (`ed25519-dalek`). Keys cross to JS as DER (PKCS#8 for private, SPKI for public)
//! plus their raw forms (the EC point or Ed25519 bytes, the private scalar or seed), from which
//! js/crypto.js makes PEM, JWK and Web Crypto's raw format. ECDSA signs a digest the JS side
//! computed with the requested hash (`sign_prehash`), so every hash Node accepts works.

use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{Signer as _, Verifier as _};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use rquickjs::{ArrayBuffer, Ctx, Exception, Object, Value};
use rusk_bindgen::rt::JsResult;
use rusk_runtime::bytes::raw_bytes;

/// The key kinds: Node's `asymmetricKeyType` ("ec" means P-256 here).
const EC: &str = "ec";
const ED25519: &str = "ed25519";

fn bytes(v: &Value<'_>) -> Vec<u8> {
    match raw_bytes(v) {
        // SAFETY: copied at once; no JS runs while the slice is borrowed.
        Some(raw) => unsafe { raw.as_slice() }.to_vec(),
        None => Vec::new(),
    }
}

fn buffer<'js>(cx: &Ctx<'js>, b: &[u8]) -> rquickjs::Result<ArrayBuffer<'js>> {
    ArrayBuffer::new_copy(cx.clone(), b)
}

fn invalid(cx: &Ctx<'_>, what: &str) -> rquickjs::Error {
    let made = (|| -> rquickjs::Result<Value<'_>> {
        let e = Exception::from_message(cx.clone(), what)?;
        e.as_object()
            .set("code", "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE")?;
        Ok(e.into_value())
    })();
    match made {
        Ok(v) => cx.throw(v),
        Err(e) => e,
    }
}

/// `{ kind, pkcs8?, spki, publicRaw, privateRaw? }` for JS.
fn describe<'js>(
    cx: &Ctx<'js>,
    kind: &str,
    pkcs8: Option<&[u8]>,
    spki: &[u8],
    public_raw: &[u8],
    private_raw: Option<&[u8]>,
) -> JsResult<Object<'js>> {
    let o = Object::new(cx.clone())?;
    o.set("kind", kind)?;
    if let Some(p) = pkcs8 {
        o.set("pkcs8", buffer(cx, p)?)?;
    }
    o.set("spki", buffer(cx, spki)?)?;
    o.set("publicRaw", buffer(cx, public_raw)?)?;
    if let Some(p) = private_raw {
        o.set("privateRaw", buffer(cx, p)?)?;
    }
    Ok(o)
}

fn describe_ec_private<'js>(cx: &Ctx<'js>, key: &p256::SecretKey) -> JsResult<Object<'js>> {
    let pkcs8 = key
        .to_pkcs8_der()
        .map_err(|_| invalid(cx, "could not encode the EC key"))?;
    let public = key.public_key();
    let spki = public
        .to_public_key_der()
        .map_err(|_| invalid(cx, "could not encode the EC key"))?;
    let point = p256::EncodedPoint::from(public);
    describe(
        cx,
        EC,
        Some(pkcs8.as_bytes()),
        spki.as_bytes(),
        point.as_bytes(),
        Some(&key.to_bytes()),
    )
}

fn describe_ec_public<'js>(cx: &Ctx<'js>, key: &p256::PublicKey) -> JsResult<Object<'js>> {
    let spki = key
        .to_public_key_der()
        .map_err(|_| invalid(cx, "could not encode the EC key"))?;
    let point = p256::EncodedPoint::from(*key);
    describe(cx, EC, None, spki.as_bytes(), point.as_bytes(), None)
}

fn describe_ed_private<'js>(
    cx: &Ctx<'js>,
    key: &ed25519_dalek::SigningKey,
) -> JsResult<Object<'js>> {
    let pkcs8 = key
        .to_pkcs8_der()
        .map_err(|_| invalid(cx, "could not encode the Ed25519 key"))?;
    let public = key.verifying_key();
    let spki = public
        .to_public_key_der()
        .map_err(|_| invalid(cx, "could not encode the Ed25519 key"))?;
    describe(
        cx,
        ED25519,
        Some(pkcs8.as_bytes()),
        spki.as_bytes(),
        public.as_bytes(),
        Some(&key.to_bytes()),
    )
}

fn describe_ed_public<'js>(
    cx: &Ctx<'js>,
    key: &ed25519_dalek::VerifyingKey,
) -> JsResult<Object<'js>> {
    let spki = key
        .to_public_key_der()
        .map_err(|_| invalid(cx, "could not encode the Ed25519 key"))?;
    describe(cx, ED25519, None, spki.as_bytes(), key.as_bytes(), None)
}

/// A new key pair of `kind` ("ec" for P-256, "ed25519").
pub fn generate_key_pair<'js>(cx: Ctx<'js>, kind: String) -> JsResult<Object<'js>> {
    let mut rng = rand_core::OsRng;
    match kind.as_str() {
        EC => describe_ec_private(&cx, &p256::SecretKey::random(&mut rng)),
        ED25519 => describe_ed_private(&cx, &ed25519_dalek::SigningKey::generate(&mut rng)),
        _ => Err(Exception::throw_type(
            &cx,
            &format!("unsupported key type: {kind}"),
        )),
    }
}

/// A private key from PKCS#8 DER (P-256 or Ed25519, told apart by the DER itself); SEC1 DER
/// ("EC PRIVATE KEY") is accepted for P-256 too.
pub fn import_private<'js>(cx: Ctx<'js>, der: Value<'js>) -> JsResult<Object<'js>> {
    let der = bytes(&der);
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(&der) {
        return describe_ec_private(&cx, &k);
    }
    if let Ok(k) = p256::SecretKey::from_sec1_der(&der) {
        return describe_ec_private(&cx, &k);
    }
    if let Ok(k) = ed25519_dalek::SigningKey::from_pkcs8_der(&der) {
        return describe_ed_private(&cx, &k);
    }
    Err(invalid(
        &cx,
        "unsupported private key: rusk reads P-256 (prime256v1) EC and Ed25519 keys",
    ))
}

/// A public key from SPKI DER.
pub fn import_public<'js>(cx: Ctx<'js>, der: Value<'js>) -> JsResult<Object<'js>> {
    let der = bytes(&der);
    if let Ok(k) = p256::PublicKey::from_public_key_der(&der) {
        return describe_ec_public(&cx, &k);
    }
    if let Ok(k) = ed25519_dalek::VerifyingKey::from_public_key_der(&der) {
        return describe_ed_public(&cx, &k);
    }
    Err(invalid(
        &cx,
        "unsupported public key: rusk reads P-256 (prime256v1) EC and Ed25519 keys",
    ))
}

/// A key from its raw form: for "ec", a private scalar (32 bytes) or a SEC1 point; for
/// "ed25519", a 32-byte seed or public key.
pub fn import_raw<'js>(
    cx: Ctx<'js>,
    kind: String,
    raw: Value<'js>,
    private: bool,
) -> JsResult<Object<'js>> {
    let raw = bytes(&raw);
    let bad = |cx: &Ctx<'_>| invalid(cx, &format!("invalid {kind} key data"));
    match (kind.as_str(), private) {
        (EC, true) => {
            let k = p256::SecretKey::from_slice(&raw).map_err(|_| bad(&cx))?;
            describe_ec_private(&cx, &k)
        }
        (EC, false) => {
            let k = p256::PublicKey::from_sec1_bytes(&raw).map_err(|_| bad(&cx))?;
            describe_ec_public(&cx, &k)
        }
        (ED25519, true) => {
            let seed: [u8; 32] = raw.as_slice().try_into().map_err(|_| bad(&cx))?;
            describe_ed_private(&cx, &ed25519_dalek::SigningKey::from_bytes(&seed))
        }
        (ED25519, false) => {
            let b: [u8; 32] = raw.as_slice().try_into().map_err(|_| bad(&cx))?;
            let k = ed25519_dalek::VerifyingKey::from_bytes(&b).map_err(|_| bad(&cx))?;
            describe_ed_public(&cx, &k)
        }
        _ => Err(Exception::throw_type(
            &cx,
            &format!("unsupported key type: {kind}"),
        )),
    }
}

/// Signs: for "ec", `data` is the digest (prehash) and `p1363` picks r‖s over DER; for
/// "ed25519", `data` is the message.
pub fn sign<'js>(
    cx: Ctx<'js>,
    kind: String,
    pkcs8: Value<'js>,
    data: Value<'js>,
    p1363: bool,
) -> JsResult<ArrayBuffer<'js>> {
    let der = bytes(&pkcs8);
    let data = bytes(&data);
    match kind.as_str() {
        EC => {
            let key =
                p256::SecretKey::from_pkcs8_der(&der).map_err(|_| invalid(&cx, "bad EC key"))?;
            let signer = p256::ecdsa::SigningKey::from(key);
            let sig: p256::ecdsa::Signature = signer
                .sign_prehash(&data)
                .map_err(|_| Exception::throw_message(&cx, "ECDSA signing failed"))?;
            if p1363 {
                buffer(&cx, &sig.to_bytes())
            } else {
                buffer(&cx, sig.to_der().as_bytes())
            }
        }
        ED25519 => {
            let key = ed25519_dalek::SigningKey::from_pkcs8_der(&der)
                .map_err(|_| invalid(&cx, "bad Ed25519 key"))?;
            buffer(&cx, &key.sign(&data).to_bytes())
        }
        _ => Err(Exception::throw_type(
            &cx,
            &format!("unsupported key type: {kind}"),
        )),
    }
}

/// Verifies a signature made by `sign` (same conventions); false for any malformed input.
pub fn verify<'js>(
    kind: String,
    spki: Value<'js>,
    data: Value<'js>,
    signature: Value<'js>,
    p1363: bool,
) -> bool {
    let der = bytes(&spki);
    let data = bytes(&data);
    let sig = bytes(&signature);
    match kind.as_str() {
        EC => {
            let Ok(key) = p256::PublicKey::from_public_key_der(&der) else {
                return false;
            };
            let verifier = p256::ecdsa::VerifyingKey::from(key);
            let parsed = if p1363 {
                p256::ecdsa::Signature::from_slice(&sig)
            } else {
                p256::ecdsa::Signature::from_der(&sig)
            };
            parsed.is_ok_and(|s| verifier.verify_prehash(&data, &s).is_ok())
        }
        ED25519 => {
            let Ok(key) = ed25519_dalek::VerifyingKey::from_public_key_der(&der) else {
                return false;
            };
            let Ok(s) = ed25519_dalek::Signature::from_slice(&sig) else {
                return false;
            };
            key.verify(&data, &s).is_ok()
        }
        _ => false,
    }
}
