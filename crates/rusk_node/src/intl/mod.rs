//! `rusk:native/intl`: the natives under rusk's `Intl` (QuickJS has none; js/internal/intl.js
//! builds the ECMA-402 API and resolves options). ICU4X crates with their compiled-in data do
//! the locale work: segmentation here, numbers and plurals in `number`, dates in `datetime`
//! (time zones through `jiff`), collation, lists and relative times in `text`.

mod datetime;
mod number;
mod parts;
mod text;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use icu_locale::Locale;

use icu_segmenter::options::{SentenceBreakInvariantOptions, WordBreakInvariantOptions};
use icu_segmenter::{GraphemeClusterSegmenter, SentenceSegmenter, WordSegmenter};
use rquickjs::{Ctx, Object};

use crate::native_module::{func, native_module};

const NAMES: &[&str] = &[
    "segment",
    "canonicalizeLocale",
    "formatNumber",
    "roundToString",
    "currencyDigits",
    "selectPlural",
    "pluralCategories",
    "collatorCompare",
    "formatList",
    "formatRelative",
    "formatDateTime",
    "canonicalTimeZone",
    "localTimeZone",
    "timeZoneOffset",
];

/// Formatters built once per locale and option set (ICU4X's constructors load and decode data).
pub struct Cache<T> {
    map: RefCell<HashMap<String, Rc<T>>>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            map: RefCell::new(HashMap::new()),
        }
    }
}

impl<T> Cache<T> {
    pub fn get_or_try(
        &self,
        key: String,
        make: impl FnOnce() -> rquickjs::Result<T>,
    ) -> rquickjs::Result<Rc<T>> {
        if let Some(v) = self.map.borrow().get(&key) {
            return Ok(v.clone());
        }
        let v = Rc::new(make()?);
        let mut map = self.map.borrow_mut();
        // Bounded: a program cycling through many option sets rebuilds rather than grows.
        if map.len() >= 64 {
            map.clear();
        }
        map.insert(key, v.clone());
        Ok(v)
    }
}

/// Parses a BCP 47 tag; a RangeError as ECMA-402's for a malformed one.
pub fn locale_of(ctx: &Ctx<'_>, tag: &str) -> rquickjs::Result<Locale> {
    Locale::try_from_str(tag)
        .map_err(|_| rquickjs::Exception::throw_range(ctx, "Incorrect locale information provided"))
}

/// The canonical form of a BCP 47 tag (`EN-us` → `en-US`), or `undefined` if malformed.
fn canonicalize_locale(tag: String) -> Option<String> {
    Locale::try_from_str(&tag).ok().map(|l| l.to_string())
}

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
    func!(o, "canonicalizeLocale", canonicalize_locale);
    func!(o, "formatNumber", number::format_number);
    func!(o, "roundToString", number::round_to_string);
    func!(o, "currencyDigits", number::currency_digits);
    func!(o, "selectPlural", number::select_plural);
    func!(o, "pluralCategories", number::plural_categories);
    func!(o, "collatorCompare", text::collator_compare);
    func!(o, "formatList", text::format_list);
    func!(o, "formatRelative", text::format_relative);
    func!(o, "formatDateTime", datetime::format_date_time);
    func!(o, "canonicalTimeZone", datetime::canonical_time_zone);
    func!(o, "localTimeZone", datetime::local_time_zone);
    func!(o, "timeZoneOffset", datetime::time_zone_offset);
    Ok(o)
}
