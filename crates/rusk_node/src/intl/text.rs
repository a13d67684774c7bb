//! `Intl.Collator` (ICU4X's `icu_collator`), `Intl.ListFormat` (`icu_list`) and
//! `Intl.RelativeTimeFormat` (`icu_experimental::relativetime`).

use std::rc::Rc;

use icu_collator::options::{AlternateHandling, CaseLevel, CollatorOptions, Strength};
use icu_collator::preferences::{CollationCaseFirst, CollationNumericOrdering};
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_experimental::relativetime::options::Numeric;
use icu_experimental::relativetime::{RelativeTimeFormatter, RelativeTimeFormatterOptions};
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::ListFormatter;
use rquickjs::{Ctx, Exception, Value};

use super::number::decimal_of;
use super::parts::PartsCollector;
use super::{locale_of, Cache};

thread_local! {
    static COLLATORS: Cache<CollatorBorrowed<'static>> = Cache::default();
    static LISTS: Cache<ListFormatter> = Cache::default();
    static RELATIVE: Cache<RelativeTimeFormatter> = Cache::default();
}

fn data_error(ctx: &Ctx<'_>, what: &str, e: impl std::fmt::Display) -> rquickjs::Error {
    Exception::throw_range(ctx, &format!("Intl: no {what} data: {e}"))
}

/// Compares `a` and `b` (-1, 0, 1). `opts`: `sensitivity` (base, accent, case, variant),
/// `numeric`, `caseFirst` (upper, lower, false; absent: the locale's), `ignorePunctuation`.
pub fn collator_compare<'js>(
    ctx: Ctx<'js>,
    locale: String,
    opts: rquickjs::Object<'js>,
    a: rquickjs::String<'js>,
    b: rquickjs::String<'js>,
) -> rquickjs::Result<i32> {
    let sensitivity: String = opts
        .get::<_, Option<String>>("sensitivity")?
        .unwrap_or_default();
    let numeric: bool = opts.get::<_, Option<bool>>("numeric")?.unwrap_or(false);
    let case_first: String = opts
        .get::<_, Option<String>>("caseFirst")?
        .unwrap_or_default();
    let ignore_punctuation: bool = opts
        .get::<_, Option<bool>>("ignorePunctuation")?
        .unwrap_or(false);
    let key = format!("{locale}|{sensitivity}|{numeric}|{case_first}|{ignore_punctuation}");
    let collator = COLLATORS.with(|c| {
        c.get_or_try(key, || {
            let loc = locale_of(&ctx, &locale)?;
            let mut prefs = CollatorPreferences::from(&loc);
            prefs.numeric_ordering = Some(if numeric {
                CollationNumericOrdering::True
            } else {
                CollationNumericOrdering::False
            });
            prefs.case_first = match case_first.as_str() {
                "upper" => Some(CollationCaseFirst::Upper),
                "lower" => Some(CollationCaseFirst::Lower),
                "false" => Some(CollationCaseFirst::False),
                _ => prefs.case_first,
            };
            let mut opts = CollatorOptions::default();
            // ECMA-402's sensitivities as UCA strength plus the case level.
            let (strength, case_level) = match sensitivity.as_str() {
                "base" => (Strength::Primary, CaseLevel::Off),
                "accent" => (Strength::Secondary, CaseLevel::Off),
                "case" => (Strength::Primary, CaseLevel::On),
                _ => (Strength::Tertiary, CaseLevel::Off),
            };
            opts.strength = Some(strength);
            opts.case_level = Some(case_level);
            if ignore_punctuation {
                opts.alternate_handling = Some(AlternateHandling::Shifted);
            }
            Collator::try_new(prefs, opts).map_err(|e| data_error(&ctx, "collation", e))
        })
    })?;
    let a: Vec<u16> = a.to_string()?.encode_utf16().collect();
    let b: Vec<u16> = b.to_string()?.encode_utf16().collect();
    Ok(collator.compare_utf16(&a, &b) as i32)
}

/// `Intl.ListFormat#formatToParts`: `type` conjunction/disjunction/unit, `style`
/// long/short/narrow.
pub fn format_list(
    ctx: Ctx<'_>,
    locale: String,
    kind: String,
    style: String,
    items: Vec<String>,
) -> rquickjs::Result<Vec<String>> {
    let key = format!("{locale}|{kind}|{style}");
    let f = LISTS.with(|c| {
        c.get_or_try(key, || {
            let loc = locale_of(&ctx, &locale)?;
            let length = match style.as_str() {
                "short" => ListLength::Short,
                "narrow" => ListLength::Narrow,
                _ => ListLength::Wide,
            };
            let opts = ListFormatterOptions::default().with_length(length);
            let r = match kind.as_str() {
                "disjunction" => ListFormatter::try_new_or((&loc).into(), opts),
                "unit" => ListFormatter::try_new_unit((&loc).into(), opts),
                _ => ListFormatter::try_new_and((&loc).into(), opts),
            };
            r.map_err(|e| data_error(&ctx, "list", e))
        })
    })?;
    let parts = PartsCollector::of(&f.format(items.iter().map(|s| s.as_str())));
    Ok(parts.flatten("list", |p| {
        if p.value == "element" {
            "element".to_string()
        } else {
            "literal".to_string()
        }
    }))
}

/// `Intl.RelativeTimeFormat#formatToParts`: `unit` in the singular, `style` long/short/narrow,
/// `numeric` always/auto.
pub fn format_relative<'js>(
    ctx: Ctx<'js>,
    locale: String,
    unit: String,
    style: String,
    numeric: String,
    value: Value<'js>,
) -> rquickjs::Result<Vec<String>> {
    let key = format!("{locale}|{unit}|{style}|{numeric}");
    let f: Rc<RelativeTimeFormatter> = RELATIVE.with(|c| {
        c.get_or_try(key, || {
            let loc = locale_of(&ctx, &locale)?;
            let prefs = (&loc).into();
            let mut opts = RelativeTimeFormatterOptions::default();
            opts.numeric = Some(if numeric == "auto" {
                Numeric::Auto
            } else {
                Numeric::Always
            });
            type Make = fn(
                icu_experimental::relativetime::RelativeTimeFormatterPreferences,
                RelativeTimeFormatterOptions,
            ) -> Result<RelativeTimeFormatter, icu_provider::DataError>;
            let make: Make = match (unit.as_str(), style.as_str()) {
                ("second", "short") => RelativeTimeFormatter::try_new_short_second,
                ("second", "narrow") => RelativeTimeFormatter::try_new_narrow_second,
                ("second", _) => RelativeTimeFormatter::try_new_long_second,
                ("minute", "short") => RelativeTimeFormatter::try_new_short_minute,
                ("minute", "narrow") => RelativeTimeFormatter::try_new_narrow_minute,
                ("minute", _) => RelativeTimeFormatter::try_new_long_minute,
                ("hour", "short") => RelativeTimeFormatter::try_new_short_hour,
                ("hour", "narrow") => RelativeTimeFormatter::try_new_narrow_hour,
                ("hour", _) => RelativeTimeFormatter::try_new_long_hour,
                ("day", "short") => RelativeTimeFormatter::try_new_short_day,
                ("day", "narrow") => RelativeTimeFormatter::try_new_narrow_day,
                ("day", _) => RelativeTimeFormatter::try_new_long_day,
                ("week", "short") => RelativeTimeFormatter::try_new_short_week,
                ("week", "narrow") => RelativeTimeFormatter::try_new_narrow_week,
                ("week", _) => RelativeTimeFormatter::try_new_long_week,
                ("month", "short") => RelativeTimeFormatter::try_new_short_month,
                ("month", "narrow") => RelativeTimeFormatter::try_new_narrow_month,
                ("month", _) => RelativeTimeFormatter::try_new_long_month,
                ("quarter", "short") => RelativeTimeFormatter::try_new_short_quarter,
                ("quarter", "narrow") => RelativeTimeFormatter::try_new_narrow_quarter,
                ("quarter", _) => RelativeTimeFormatter::try_new_long_quarter,
                ("year", "short") => RelativeTimeFormatter::try_new_short_year,
                ("year", "narrow") => RelativeTimeFormatter::try_new_narrow_year,
                ("year", _) => RelativeTimeFormatter::try_new_long_year,
                _ => {
                    return Err(Exception::throw_range(
                        &ctx,
                        &format!("Invalid unit argument for format() '{unit}'"),
                    ))
                }
            };
            make(prefs, opts).map_err(|e| data_error(&ctx, "relative time", e))
        })
    })?;
    let d = decimal_of(&ctx, &value)?;
    let parts = PartsCollector::of(&f.format(d));
    Ok(parts.flatten("decimal", |p| p.value.to_string()))
}
