//! `rusk:native/intl`: text segmentation for `Intl.Segmenter`, on ICU4X's `icu_segmenter`
//! with its compiled-in data (Unicode's grapheme, word and sentence rules; dictionaries and
//! models for the scripts written without spaces). QuickJS has no `Intl`: js/intl.js builds
//! the parts rusk provides on natives like this one.

use icu_segmenter::options::{SentenceBreakInvariantOptions, WordBreakInvariantOptions};
use icu_segmenter::{GraphemeClusterSegmenter, SentenceSegmenter, WordSegmenter};
use rquickjs::{Ctx, Object};

use crate::native_module::{func, native_module};

const NAMES: &[&str] = &["segment"];

native_module!(NativeIntl, build, NAMES);

/// Break positions of `text` in UTF-16 code units (0 and the length included), and for
/// `granularity` 1 (words) whether each segment is word-like. Granularity: 0 grapheme,
/// 1 word, 2 sentence.
fn segment<'js>(
    ctx: Ctx<'js>,
    text: rquickjs::String<'js>,
    granularity: i32,
) -> rquickjs::Result<Object<'js>> {
    let units: Vec<u16> = text.to_string()?.encode_utf16().collect();
    let mut breaks: Vec<usize> = Vec::new();
    let mut word_like: Vec<bool> = Vec::new();
    match granularity {
        1 => {
            let mut it =
                WordSegmenter::new_auto(WordBreakInvariantOptions::default()).segment_utf16(&units);
            while let Some(b) = it.next() {
                if !breaks.is_empty() {
                    word_like.push(it.is_word_like());
                }
                breaks.push(b);
            }
        }
        2 => breaks.extend(
            SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_utf16(&units),
        ),
        _ => breaks.extend(GraphemeClusterSegmenter::new().segment_utf16(&units)),
    }
    let out = Object::new(ctx.clone())?;
    out.set("breaks", breaks)?;
    out.set("wordLike", word_like)?;
    Ok(out)
}

fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    func!(o, "segment", segment);
    Ok(o)
}
