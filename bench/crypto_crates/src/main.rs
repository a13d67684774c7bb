// Throughput of the crates node:crypto could be built on: SHA-256 and AES-256-GCM over 64 MiB,
// HMAC-SHA256 over 1 KiB messages. See docs/benchmarks.md.
use std::time::Instant;
fn mbps(bytes: usize, secs: f64) -> f64 { bytes as f64 / secs / 1e6 }
fn main() {
    let data = vec![7u8; 64 << 20];
    let key = [1u8; 32];
    let nonce = [2u8; 12];
    // SHA-256
    { use sha2::Digest; let t = Instant::now(); let d = sha2::Sha256::digest(&data); println!("sha256 rustcrypto {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), d[0]); }
    { let t = Instant::now(); let d = ring::digest::digest(&ring::digest::SHA256, &data); println!("sha256 ring {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), d.as_ref()[0]); }
    { let t = Instant::now(); let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &data); println!("sha256 aws-lc-rs {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), d.as_ref()[0]); }
    // AES-256-GCM
    { use aes_gcm::{aead::{AeadInPlace, KeyInit}, Aes256Gcm}; let c = Aes256Gcm::new_from_slice(&key).unwrap(); let mut buf = data.clone(); let t = Instant::now(); let tag = c.encrypt_in_place_detached((&nonce).into(), b"", &mut buf).unwrap(); println!("aes256gcm rustcrypto {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), tag[0]); }
    { use ring::aead::*; let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap()); let mut buf = data.clone(); let t = Instant::now(); let tag = k.seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut buf).unwrap(); println!("aes256gcm ring {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), tag.as_ref()[0]); }
    { use aws_lc_rs::aead::*; let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap()); let mut buf = data.clone(); let t = Instant::now(); let tag = k.seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut buf).unwrap(); println!("aes256gcm aws-lc-rs {:.0} MB/s {:x}", mbps(data.len(), t.elapsed().as_secs_f64()), tag.as_ref()[0]); }
    // HMAC-SHA256 over 1 KiB messages
    let msg = [3u8; 1024]; let n = 200_000;
    { use hmac::{Hmac, Mac}; let t = Instant::now(); let mut x = 0u8; for _ in 0..n { let mut m = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap(); m.update(&msg); x ^= m.finalize().into_bytes()[0]; } println!("hmac-sha256 1KiB rustcrypto {:.0} ns/op {x}", t.elapsed().as_nanos() as f64 / n as f64); }
    { let k = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key); let t = Instant::now(); let mut x = 0u8; for _ in 0..n { x ^= ring::hmac::sign(&k, &msg).as_ref()[0]; } println!("hmac-sha256 1KiB ring {:.0} ns/op {x}", t.elapsed().as_nanos() as f64 / n as f64); }
    { let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &key); let t = Instant::now(); let mut x = 0u8; for _ in 0..n { x ^= aws_lc_rs::hmac::sign(&k, &msg).as_ref()[0]; } println!("hmac-sha256 1KiB aws-lc-rs {:.0} ns/op {x}", t.elapsed().as_nanos() as f64 / n as f64); }
}
