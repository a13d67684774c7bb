//! `rusk:native/zlib`: one streaming (de)compressor per `ZlibHandle`, for `node:zlib`.
//! Deflate, zlib and gzip through flate2 (its pure-Rust miniz_oxide backend: nothing to build
//! in C), brotli through the `brotli` crate. The handle takes input chunks with Node's flush
//! values and returns the bytes produced so far; errors carry zlib's `code`/`errno`.

use std::cell::RefCell;
use std::io::Write;

use flate2::write::{
    DeflateDecoder, DeflateEncoder, GzEncoder, MultiGzDecoder, ZlibDecoder, ZlibEncoder,
};
use flate2::Compression;
use rquickjs::{ArrayBuffer, Ctx, Object, Value};
use rusk_bindgen::rt::{Bytes, JsResult};

use crate::native_module::native_module;

include!(concat!(env!("OUT_DIR"), "/zlib.classes.rs"));

const NAMES: &[&str] = &["ZlibHandle"];

native_module!(NativeZlib, build, NAMES);

// Node's mode numbers (zlib.constants.DEFLATE ...).
const DEFLATE: i32 = 1;
const INFLATE: i32 = 2;
const GZIP: i32 = 3;
const GUNZIP: i32 = 4;
const DEFLATERAW: i32 = 5;
const INFLATERAW: i32 = 6;
const UNZIP: i32 = 7;
const BROTLI_DECODE: i32 = 8;
const BROTLI_ENCODE: i32 = 9;

// Node's flush values.
const Z_FINISH: i32 = 4;
const Z_NO_FLUSH: i32 = 0;

enum Coder {
    Deflate(ZlibEncoder<Vec<u8>>),
    Gzip(GzEncoder<Vec<u8>>),
    DeflateRaw(DeflateEncoder<Vec<u8>>),
    Inflate(ZlibDecoder<Vec<u8>>),
    Gunzip(MultiGzDecoder<Vec<u8>>),
    InflateRaw(DeflateDecoder<Vec<u8>>),
    /// `unzip`: gzip or zlib, decided by the first two bytes (kept until they arrive).
    Unzip(Vec<u8>),
    BrotliEncode(Box<brotli::CompressorWriter<Vec<u8>>>),
    BrotliDecode(Box<brotli::DecompressorWriter<Vec<u8>>>),
}

impl Coder {
    /// Output produced so far (taken).
    fn take_output(&mut self) -> Vec<u8> {
        let buf = match self {
            Coder::Deflate(c) => c.get_mut(),
            Coder::Gzip(c) => c.get_mut(),
            Coder::DeflateRaw(c) => c.get_mut(),
            Coder::Inflate(c) => c.get_mut(),
            Coder::Gunzip(c) => c.get_mut(),
            Coder::InflateRaw(c) => c.get_mut(),
            Coder::Unzip(_) => return Vec::new(),
            Coder::BrotliEncode(c) => c.get_mut(),
            Coder::BrotliDecode(c) => c.get_mut(),
        };
        std::mem::take(buf)
    }

    fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        match self {
            Coder::Deflate(c) => c.write_all(data),
            Coder::Gzip(c) => c.write_all(data),
            Coder::DeflateRaw(c) => c.write_all(data),
            Coder::Inflate(c) => c.write_all(data),
            Coder::Gunzip(c) => c.write_all(data),
            Coder::InflateRaw(c) => c.write_all(data),
            Coder::Unzip(pending) => {
                pending.extend_from_slice(data);
                if pending.len() < 2 {
                    return Ok(());
                }
                let head = std::mem::take(pending);
                *self = if head[0] == 0x1f && head[1] == 0x8b {
                    Coder::Gunzip(MultiGzDecoder::new(Vec::new()))
                } else {
                    Coder::Inflate(ZlibDecoder::new(Vec::new()))
                };
                self.write(&head)
            }
            Coder::BrotliEncode(c) => c.write_all(data),
            Coder::BrotliDecode(c) => c.write_all(data),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Coder::Deflate(c) => c.flush(),
            Coder::Gzip(c) => c.flush(),
            Coder::DeflateRaw(c) => c.flush(),
            Coder::Inflate(c) => c.flush(),
            Coder::Gunzip(c) => c.flush(),
            Coder::InflateRaw(c) => c.flush(),
            Coder::Unzip(_) => Ok(()),
            Coder::BrotliEncode(c) => c.flush(),
            Coder::BrotliDecode(c) => c.flush(),
        }
    }

    /// Ends the stream: the remaining output; decoders fail on truncated input.
    fn finish(self) -> std::io::Result<Vec<u8>> {
        let truncated =
            || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "unexpected end of file");
        match self {
            Coder::Deflate(c) => c.finish(),
            Coder::Gzip(c) => c.finish(),
            Coder::DeflateRaw(c) => c.finish(),
            Coder::Inflate(c) => c.finish(),
            Coder::Gunzip(c) => c.finish(),
            Coder::InflateRaw(c) => c.finish(),
            Coder::Unzip(pending) if pending.is_empty() => Ok(Vec::new()),
            Coder::Unzip(_) => Err(truncated()),
            Coder::BrotliEncode(mut c) => {
                c.flush()?;
                Ok(c.into_inner())
            }
            Coder::BrotliDecode(c) => c.into_inner().map_err(|_| truncated()),
        }
    }
}

/// A (de)compression stream. `None` once finished.
pub struct ZlibHandle {
    coder: RefCell<Option<Coder>>,
}

/// Throws Node's zlib error: `Error` with `code` (`Z_DATA_ERROR`, `Z_BUF_ERROR`) and `errno`.
fn zlib_error(cx: &Ctx<'_>, e: &std::io::Error) -> rquickjs::Error {
    let (code, errno, message) = if e.kind() == std::io::ErrorKind::UnexpectedEof {
        ("Z_BUF_ERROR", -5, "unexpected end of file".to_string())
    } else {
        ("Z_DATA_ERROR", -3, e.to_string())
    };
    let made = (|| -> rquickjs::Result<Value<'_>> {
        let err = rquickjs::Exception::from_message(cx.clone(), &message)?;
        err.as_object().set("code", code)?;
        err.as_object().set("errno", errno)?;
        Ok(err.into_value())
    })();
    match made {
        Ok(v) => cx.throw(v),
        Err(e) => e,
    }
}

impl ZlibHandle {
    /// `memLevel` is accepted for Node's signature; flate2 chooses its own memory use.
    pub fn constructor<'js>(
        cx: &Ctx<'js>,
        mode: i32,
        level: i32,
        window_bits: i32,
        _mem_level: i32,
    ) -> JsResult<Self> {
        let quality = level;
        let level = if level < 0 {
            Compression::default()
        } else {
            Compression::new(level.clamp(0, 9) as u32)
        };
        let coder = match mode {
            DEFLATE => Coder::Deflate(ZlibEncoder::new(Vec::new(), level)),
            GZIP => Coder::Gzip(GzEncoder::new(Vec::new(), level)),
            DEFLATERAW => Coder::DeflateRaw(DeflateEncoder::new(Vec::new(), level)),
            INFLATE => Coder::Inflate(ZlibDecoder::new(Vec::new())),
            GUNZIP => Coder::Gunzip(MultiGzDecoder::new(Vec::new())),
            INFLATERAW => Coder::InflateRaw(DeflateDecoder::new(Vec::new())),
            UNZIP => Coder::Unzip(Vec::new()),
            // For brotli, JS passes the quality as `level` (0–11) and lgwin as `windowBits`.
            BROTLI_ENCODE => Coder::BrotliEncode(Box::new(brotli::CompressorWriter::new(
                Vec::new(),
                4096,
                quality.clamp(0, 11) as u32,
                window_bits.clamp(10, 24) as u32,
            ))),
            BROTLI_DECODE => {
                Coder::BrotliDecode(Box::new(brotli::DecompressorWriter::new(Vec::new(), 4096)))
            }
            _ => {
                return Err(rquickjs::Exception::throw_range(
                    cx,
                    &format!("unknown zlib mode {mode}"),
                ))
            }
        };
        Ok(ZlibHandle {
            coder: RefCell::new(Some(coder)),
        })
    }

    /// Feeds `chunk` with Node's flush value; returns the output produced by this call.
    pub fn push<'js>(
        &self,
        cx: &Ctx<'js>,
        chunk: Option<Bytes<'js>>,
        flush: i32,
    ) -> JsResult<Value<'js>> {
        let data = chunk.map(|c| c.as_slice().to_vec()).unwrap_or_default();
        let mut slot = self.coder.borrow_mut();
        let out = {
            let Some(coder) = slot.as_mut() else {
                return Err(rquickjs::Exception::throw_message(
                    cx,
                    "zlib binding closed",
                ));
            };
            coder.write(&data).map_err(|e| zlib_error(cx, &e))?;
            if flush != Z_NO_FLUSH && flush != Z_FINISH {
                coder.flush().map_err(|e| zlib_error(cx, &e))?;
            }
            coder.take_output()
        };
        let out = if flush == Z_FINISH {
            let coder = slot.take();
            let mut out = out;
            if let Some(c) = coder {
                out.extend(c.finish().map_err(|e| zlib_error(cx, &e))?);
            }
            out
        } else {
            out
        };
        Ok(ArrayBuffer::new(cx.clone(), out)?.into_value())
    }
}

fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("ZlibHandle", zlib_handle_class::constructor(ctx)?)?;
    Ok(o)
}
