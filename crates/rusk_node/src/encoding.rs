//! `TextEncoder` / `TextDecoder` (WHATWG Encoding): every label `encoding_rs` knows, `fatal`,
//! `ignoreBOM`, streaming decode. Their JS glue is generated from `encoding.classes.ts`.

// `finalize(self: Box<Self>)` is the generator's contract.
#![allow(clippy::boxed_local)]

use std::cell::RefCell;

use encoding_rs::{CoderResult, Decoder, Encoding};
use rquickjs::{Ctx, Object, TypedArray, Value};
use rusk_bindgen::rt::convert::coded;
use rusk_bindgen::rt::{Bytes, JsResult};

include!(concat!(env!("OUT_DIR"), "/encoding.classes.rs"));

/// Installs the classes on `target` (the global object).
pub fn install<'js>(ctx: &Ctx<'js>, target: &Object<'js>) -> JsResult<()> {
    text_encoder_class::install(ctx, target)?;
    text_decoder_class::install(ctx, target)?;
    Ok(())
}

pub struct TextEncoder;

impl TextEncoder {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(TextEncoder)
    }

    pub fn get_encoding<'js>(&self, _cx: &Ctx<'js>) -> JsResult<&'static str> {
        Ok("utf-8")
    }

    /// `input` arrives as a USVString (lone surrogates already U+FFFD), so its UTF-8 is the
    /// encoding.
    pub fn encode<'js>(&self, cx: &Ctx<'js>, input: String) -> JsResult<Value<'js>> {
        Ok(TypedArray::<u8>::new(cx.clone(), input.into_bytes())?.into_value())
    }

    /// Writes as much of `src` as fits, never splitting a character.
    pub fn encode_into<'js>(
        &self,
        cx: &Ctx<'js>,
        src: String,
        mut dest: Bytes<'js>,
    ) -> JsResult<Value<'js>> {
        let out = dest.as_mut_slice();
        let mut read = 0usize; // in UTF-16 code units, as the standard counts
        let mut written = 0usize;
        for ch in src.chars() {
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

pub struct TextDecoder {
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    /// The decoder of a `{stream: true}` sequence in progress.
    state: RefCell<Option<Decoder>>,
}

impl TextDecoder {
    pub fn constructor<'js>(
        cx: &Ctx<'js>,
        label: String,
        options: TextDecoderOptions,
    ) -> JsResult<Self> {
        let Some(encoding) = Encoding::for_label_no_replacement(label.trim().as_bytes()) else {
            return Err(coded(
                cx,
                true,
                "ERR_ENCODING_NOT_SUPPORTED",
                &format!("The \"{label}\" encoding is not supported"),
            ));
        };
        Ok(TextDecoder {
            encoding,
            fatal: options.fatal,
            ignore_bom: options.ignore_bom,
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

    pub fn decode<'js>(
        &self,
        cx: &Ctx<'js>,
        input: Option<Bytes<'js>>,
        options: TextDecodeOptions,
    ) -> JsResult<String> {
        // Taken after both arguments were converted (the options' getters may have run JS).
        let bytes: &[u8] = input.as_ref().map_or(&[], |b| b.as_slice());
        let mut slot = self.state.borrow_mut();
        let decoder = slot.get_or_insert_with(|| self.new_decoder());
        let last = !options.stream;
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
            return Err(coded(
                cx,
                false,
                "ERR_ENCODING_INVALID_ENCODED_DATA",
                &format!(
                    "The encoded data was not valid for encoding {}",
                    self.encoding.name().to_ascii_lowercase()
                ),
            ));
        }
        if last {
            *slot = None;
        }
        Ok(out)
    }
}
