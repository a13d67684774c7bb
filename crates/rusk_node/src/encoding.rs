//! `TextEncoder` / `TextDecoder` (WHATWG Encoding): every label `encoding_rs` knows, `fatal`,
//! `ignoreBOM`, streaming decode. Their JS glue is generated from `encoding.classes.ts`.

// `finalize(self: Box<Self>)` is the generator's contract.
#![allow(clippy::boxed_local)]

use std::cell::RefCell;

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8};
use rquickjs::{Ctx, Exception, Object, TypedArray, Value};
use rusk_bindgen::rt::{truthy, Args, JsResult};

use rusk_runtime::bytes::raw_bytes;

include!(concat!(env!("OUT_DIR"), "/encoding.classes.rs"));

/// Installs the classes on `target` (the global object).
pub fn install<'js>(ctx: &Ctx<'js>, target: &Object<'js>) -> JsResult<()> {
    text_encoder_class::install(ctx, target)?;
    text_decoder_class::install(ctx, target)?;
    Ok(())
}

pub struct TextEncoder;

impl TextEncoder {
    pub fn constructor<'js>(_cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Self> {
        Ok(TextEncoder)
    }

    pub fn get_encoding<'js>(&self, _cx: &Ctx<'js>) -> JsResult<&'static str> {
        Ok("utf-8")
    }

    pub fn encode<'js>(&self, cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Value<'js>> {
        let input = args.get(0);
        let text = if input.is_undefined() {
            String::new()
        } else {
            usv_string(cx, input)?
        };
        Ok(TypedArray::<u8>::new(cx.clone(), text.into_bytes())?.into_value())
    }

    /// Writes as much of `source` as fits, never splitting a character.
    pub fn encode_into<'js>(&self, cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Value<'js>> {
        let text = usv_string(cx, args.get(0))?;
        let dest = args.get(1);
        let not_uint8 = || {
            throw_coded_type(
                cx,
                &format!(
                    "The \"dest\" argument must be an instance of Uint8Array. {}",
                    received(&dest)
                ),
                "ERR_INVALID_ARG_TYPE",
            )
        };
        if TypedArray::<u8>::from_value(dest.clone()).is_err() {
            return Err(not_uint8());
        }
        let raw = raw_bytes(&dest).ok_or_else(not_uint8)?;
        // SAFETY: no JS runs while the slice is used (the string was converted above).
        let out = unsafe { raw.as_mut_slice() };
        let mut read = 0usize; // in UTF-16 code units, as the standard counts
        let mut written = 0usize;
        for ch in text.chars() {
            let n = ch.len_utf8();
            if written + n > out.len() {
                break;
            }
            ch.encode_utf8(&mut out[written..written + n]);
            written += n;
            read += ch.len_utf16();
        }
        let result = Object::new(cx.clone())?;
        result.set("read", read as f64)?;
        result.set("written", written as f64)?;
        Ok(result.into_value())
    }
}

/// A JS value as a Rust string, lone surrogates replaced by U+FFFD (the USVString conversion).
fn usv_string<'js>(cx: &Ctx<'js>, v: Value<'js>) -> JsResult<String> {
    let s = if let Some(s) = v.as_string() {
        s.clone()
    } else {
        rquickjs::convert::Coerced::<rquickjs::String>::from_js(cx, v)?.0
    };
    match s.to_string() {
        Ok(text) => Ok(text),
        // Lone surrogates have no UTF-8 form: replace them by U+FFFD first, as the standard's
        // USVString conversion does.
        Err(_) => {
            let string_ctor: Object = cx.globals().get("String")?;
            let proto: Object = string_ctor.get("prototype")?;
            let well_formed: rquickjs::Function = proto.get("toWellFormed")?;
            let fixed: rquickjs::String = well_formed.call((rquickjs::function::This(s),))?;
            fixed.to_string()
        }
    }
}

use rquickjs::FromJs;

pub struct TextDecoder {
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    /// The decoder of a `{stream: true}` sequence in progress.
    state: RefCell<Option<Decoder>>,
}

impl TextDecoder {
    pub fn constructor<'js>(cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Self> {
        let label = args.get(0);
        let encoding = if label.is_undefined() {
            UTF_8
        } else {
            let text = rquickjs::convert::Coerced::<String>::from_js(cx, label)?.0;
            match Encoding::for_label_no_replacement(text.trim().as_bytes()) {
                Some(e) => e,
                None => {
                    return Err(throw_coded_range(
                        cx,
                        &format!("The \"{text}\" encoding is not supported"),
                        "ERR_ENCODING_NOT_SUPPORTED",
                    ))
                }
            }
        };
        let options = args.get(1);
        let (fatal, ignore_bom) = match options.as_object() {
            Some(o) => (
                truthy(&o.get::<_, Value>("fatal")?),
                truthy(&o.get::<_, Value>("ignoreBOM")?),
            ),
            None if options.is_undefined() || options.is_null() => (false, false),
            None => {
                return Err(throw_coded_type(
                    cx,
                    &format!(
                        "The \"options\" argument must be of type object. {}",
                        received(&options)
                    ),
                    "ERR_INVALID_ARG_TYPE",
                ))
            }
        };
        Ok(TextDecoder {
            encoding,
            fatal,
            ignore_bom,
            state: RefCell::new(None),
        })
    }

    pub fn get_encoding<'js>(&self, _cx: &Ctx<'js>) -> JsResult<String> {
        Ok(self.encoding.name().to_ascii_lowercase())
    }

    pub fn get_fatal<'js>(&self, _cx: &Ctx<'js>) -> JsResult<bool> {
        Ok(self.fatal)
    }

    pub fn get_ignore_bom<'js>(&self, _cx: &Ctx<'js>) -> JsResult<bool> {
        Ok(self.ignore_bom)
    }

    fn new_decoder(&self) -> Decoder {
        if self.ignore_bom {
            self.encoding.new_decoder_without_bom_handling()
        } else {
            self.encoding.new_decoder_with_bom_removal()
        }
    }

    pub fn decode<'js>(&self, cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<String> {
        let input = args.get(0);
        let stream = match args.get(1).as_object() {
            Some(o) => truthy(&o.get::<_, Value>("stream")?),
            None => false,
        };
        let raw = if input.is_undefined() || input.is_null() {
            None
        } else {
            // Node's wording, argument name included.
            Some(raw_bytes(&input).ok_or_else(|| {
                throw_coded_type(
                    cx,
                    "The \"list\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.",
                    "ERR_INVALID_ARG_TYPE",
                )
            })?)
        };
        // SAFETY: no JS runs until decoding is done (options were read above).
        let bytes: &[u8] = match &raw {
            Some(r) => unsafe { r.as_slice() },
            None => &[],
        };
        let mut slot = self.state.borrow_mut();
        let decoder = slot.get_or_insert_with(|| self.new_decoder());
        let last = !stream;
        let mut out = String::with_capacity(
            decoder
                .max_utf8_buffer_length(bytes.len())
                .unwrap_or(bytes.len() * 3 + 16),
        );
        let failed = if self.fatal {
            let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut out, last);
            matches!(result, encoding_rs::DecoderResult::Malformed(_, _))
        } else {
            let (result, _, _) = decoder.decode_to_string(bytes, &mut out, last);
            debug_assert!(matches!(result, CoderResult::InputEmpty));
            false
        };
        if failed {
            *slot = None;
            return Err(throw_coded_type(
                cx,
                &format!(
                    "The encoded data was not valid for encoding {}",
                    self.encoding.name().to_ascii_lowercase()
                ),
                "ERR_ENCODING_INVALID_ENCODED_DATA",
            ));
        }
        if last {
            *slot = None;
        }
        Ok(out)
    }
}

/// Node's "Received ..." tail of ERR_INVALID_ARG_TYPE messages.
fn received(v: &Value<'_>) -> String {
    if v.is_undefined() {
        return "Received undefined".into();
    }
    if v.is_null() {
        return "Received null".into();
    }
    if let Some(f) = v.as_function() {
        let name: String = f.get("name").unwrap_or_default();
        return format!("Received function {name}");
    }
    if let Some(o) = v.as_object() {
        let name = o
            .get::<_, Object>("constructor")
            .and_then(|c| c.get::<_, String>("name"))
            .unwrap_or_default();
        return if name.is_empty() {
            "Received [Object: null prototype]".into()
        } else {
            format!("Received an instance of {name}")
        };
    }
    let (kind, shown) = if let Some(s) = v.as_string() {
        let text = s.to_string().unwrap_or_default();
        let shown = if text.chars().count() > 25 {
            format!("'{}...'", text.chars().take(25).collect::<String>())
        } else {
            format!("'{text}'")
        };
        ("string", shown)
    } else if let Some(n) = v.as_number() {
        (
            "number",
            rquickjs::convert::Coerced::<String>::from_js(v.ctx(), v.clone())
                .map(|c| c.0)
                .unwrap_or_else(|_| n.to_string()),
        )
    } else if let Some(b) = v.as_bool() {
        ("boolean", b.to_string())
    } else if v.is_big_int() {
        (
            "bigint",
            format!(
                "{}n",
                rquickjs::convert::Coerced::<String>::from_js(v.ctx(), v.clone())
                    .map(|c| c.0)
                    .unwrap_or_default()
            ),
        )
    } else {
        ("symbol", "Symbol()".into())
    };
    format!("Received type {kind} ({shown})")
}

fn throw_coded<'js>(cx: &Ctx<'js>, error: Exception<'js>, code: &str) -> rquickjs::Error {
    if let Err(e) = error.as_object().set("code", code) {
        return e;
    }
    cx.throw(error.into_value())
}

fn throw_coded_type(cx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    match make_error(cx, "TypeError", message) {
        Ok(e) => throw_coded(cx, e, code),
        Err(e) => e,
    }
}

fn throw_coded_range(cx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    match make_error(cx, "RangeError", message) {
        Ok(e) => throw_coded(cx, e, code),
        Err(e) => e,
    }
}

fn make_error<'js>(cx: &Ctx<'js>, class: &str, message: &str) -> rquickjs::Result<Exception<'js>> {
    let ctor: rquickjs::Constructor = cx.globals().get(class)?;
    let obj: Object = ctor.construct((message,))?;
    Exception::from_object(obj).ok_or_else(|| Exception::throw_internal(cx, "not an error"))
}
