//! Number formatting for `Intl.NumberFormat`, `Intl.PluralRules` and `Number#toLocaleString`.
//! js/internal/intl.js resolves the options (ECMA-402's defaults and range checks); this side
//! rounds with `fixed_decimal` (the shortest decimal that round-trips the double, as ICU does,
//! so 1.005 rounds to 1.01) and lays the digits out with ICU4X's `DecimalFormatter` (the
//! locale's digits, separators and grouping). Percent and currency affixes come from
//! `icu_experimental`'s formatters; compact notation from `icu_decimal`'s.

use std::rc::Rc;
use std::str::FromStr;

use fixed_decimal::{
    Decimal, FloatPrecision, Sign, SignDisplay, SignedRoundingMode, UnsignedRoundingMode,
};
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use rquickjs::{Ctx, Exception, Object, Value};

use super::parts::PartsCollector;
use super::{locale_of, Cache};

/// The digit options js/internal/intl.js resolved (ECMA-402's SetNumberFormatDigitOptions).
pub struct DigitOptions {
    min_int: i16,
    min_frac: i16,
    max_frac: i16,
    /// 0 when significant digits are not used.
    min_sig: i16,
    max_sig: i16,
    mode: SignedRoundingMode,
}

impl DigitOptions {
    pub fn from_object(o: &Object<'_>) -> rquickjs::Result<Self> {
        let get = |k: &str| -> rquickjs::Result<i16> {
            let v: Option<f64> = o.get(k)?;
            Ok(v.unwrap_or(0.0).clamp(0.0, 100.0) as i16)
        };
        let mode: Option<String> = o.get("roundingMode")?;
        Ok(DigitOptions {
            min_int: get("minimumIntegerDigits")?.max(1),
            min_frac: get("minimumFractionDigits")?,
            max_frac: get("maximumFractionDigits")?,
            min_sig: get("minimumSignificantDigits")?,
            max_sig: get("maximumSignificantDigits")?,
            mode: rounding_mode(mode.as_deref().unwrap_or("halfExpand")),
        })
    }
}

fn rounding_mode(name: &str) -> SignedRoundingMode {
    use UnsignedRoundingMode as U;
    match name {
        "ceil" => SignedRoundingMode::Ceil,
        "floor" => SignedRoundingMode::Floor,
        "expand" => SignedRoundingMode::Unsigned(U::Expand),
        "trunc" => SignedRoundingMode::Unsigned(U::Trunc),
        "halfCeil" => SignedRoundingMode::HalfCeil,
        "halfFloor" => SignedRoundingMode::HalfFloor,
        "halfTrunc" => SignedRoundingMode::Unsigned(U::HalfTrunc),
        "halfEven" => SignedRoundingMode::Unsigned(U::HalfEven),
        _ => SignedRoundingMode::Unsigned(U::HalfExpand),
    }
}

/// The exact decimal of a JS number (shortest round-trip digits) or of a BigInt/decimal string.
pub fn decimal_of(ctx: &Ctx<'_>, value: &Value<'_>) -> rquickjs::Result<Decimal> {
    let parsed = if let Some(n) = value.as_number() {
        Decimal::try_from_f64(n, FloatPrecision::RoundTrip).ok()
    } else if let Some(s) = value.as_string() {
        Decimal::from_str(&s.to_string()?).ok()
    } else {
        None
    };
    parsed.ok_or_else(|| Exception::throw_range(ctx, "Invalid number for Intl formatting"))
}

/// Rounds and pads `d` as the digit options say.
pub fn apply_digits(d: &mut Decimal, o: &DigitOptions) {
    if o.max_sig > 0 {
        if !d.absolute.is_zero() {
            let top = d.absolute.nonzero_magnitude_start();
            d.round_with_mode(top - o.max_sig + 1, o.mode);
            let top = d.absolute.nonzero_magnitude_start();
            d.absolute.trim_end();
            d.absolute.pad_end(top - o.min_sig.max(1) + 1);
        } else {
            d.absolute.pad_end(1 - o.min_sig.max(1));
        }
    } else {
        d.round_with_mode(-o.max_frac, o.mode);
        d.absolute.trim_end();
        d.absolute.pad_end(-o.min_frac);
    }
    d.absolute.pad_start(o.min_int);
}

/// `Decimal`'s text (`-1.50`), for plural selection and tests.
pub fn round_to_string<'js>(
    ctx: Ctx<'js>,
    value: Value<'js>,
    opts: Object<'js>,
) -> rquickjs::Result<String> {
    let mut d = decimal_of(&ctx, &value)?;
    apply_digits(&mut d, &DigitOptions::from_object(&opts)?);
    Ok(d.to_string())
}

thread_local! {
    static DECIMAL: Cache<DecimalFormatter> = Cache::default();
    static COMPACT: Cache<CompactDecimalFormatter> = Cache::default();
    static AFFIXES: Cache<Affixes> = Cache::default();
    static PLURALS: Cache<PluralRules> = Cache::default();
}

fn grouping(name: &str) -> GroupingStrategy {
    match name {
        "always" => GroupingStrategy::Always,
        "min2" => GroupingStrategy::Min2,
        "never" => GroupingStrategy::Never,
        _ => GroupingStrategy::Auto,
    }
}

fn data_error(ctx: &Ctx<'_>, what: &str, e: impl std::fmt::Display) -> rquickjs::Error {
    Exception::throw_range(ctx, &format!("Intl: no {what} data: {e}"))
}

fn decimal_formatter(
    ctx: &Ctx<'_>,
    locale: &Locale,
    group: &str,
) -> rquickjs::Result<Rc<DecimalFormatter>> {
    let key = format!("{locale}|{group}");
    DECIMAL.with(|c| {
        c.get_or_try(key, || {
            let mut opts = DecimalFormatterOptions::default();
            opts.grouping_strategy = Some(grouping(group));
            DecimalFormatter::try_new(locale.into(), opts).map_err(|e| data_error(ctx, "number", e))
        })
    })
}

/// A style's text around the number: positive and negative prefix and suffix, with the
/// currency's fraction digits (for the defaults js/internal/intl.js applies).
pub struct Affixes {
    pos: (String, String),
    neg: (String, String),
    digits: i16,
}

/// Splits a formatted sample around its one run of digits (with separators inside it).
fn split_sample(s: &str) -> (String, String, i16) {
    let is_digit = |c: char| c.is_numeric();
    let first = s.find(is_digit).unwrap_or(s.len());
    let last = s
        .rfind(is_digit)
        .map(|i| i + s[i..].chars().next().map_or(1, |c| c.len_utf8()));
    let last = last.unwrap_or(first).max(first);
    let number = &s[first..last];
    // Digits after the last non-digit inside the number: the fraction digits.
    let frac = match number.rfind(|c: char| !c.is_numeric()) {
        Some(i) => number[i..].chars().skip(1).count() as i16,
        None => 0,
    };
    (s[..first].to_string(), s[last..].to_string(), frac)
}

fn affixes(
    ctx: &Ctx<'_>,
    locale: &Locale,
    style: &str,
    currency: &str,
    display: &str,
) -> rquickjs::Result<Rc<Affixes>> {
    let key = format!("{locale}|{style}|{currency}|{display}");
    AFFIXES.with(|c| {
        c.get_or_try(key, || {
            let seven = Decimal::from(7);
            let minus_seven = Decimal::from(-7);
            let (pos, neg) = if style == "percent" {
                let f = PercentFormatter::try_new(locale.into(), Default::default())
                    .map_err(|e| data_error(ctx, "percent", e))?;
                (
                    f.format(&seven).to_string(),
                    f.format(&minus_seven).to_string(),
                )
            } else {
                let code =
                    CurrencyType::try_from_str(&currency.to_ascii_lowercase()).map_err(|_| {
                        Exception::throw_range(ctx, &format!("Invalid currency code : {currency}"))
                    })?;
                let prefs = locale.into();
                let f = match display {
                    "narrowSymbol" => {
                        CurrencyFormatter::try_new_symbol_narrow(prefs, code, Default::default())
                    }
                    "code" => CurrencyFormatter::try_new_code(prefs, code, Default::default()),
                    _ => CurrencyFormatter::try_new_symbol(prefs, code, Default::default()),
                }
                .map_err(|e| data_error(ctx, "currency", e))?;
                let pos = f.format_fixed_decimal(&seven).to_string();
                let neg = f.format_fixed_decimal(&minus_seven).to_string();
                (pos, neg)
            };
            let (pp, ps, digits) = split_sample(&pos);
            let (np, ns, _) = split_sample(&neg);
            Ok(Affixes {
                pos: (pp, ps),
                neg: (np, ns),
                digits,
            })
        })
    })
}

/// The currency's default fraction digits (2 for USD, 0 for JPY).
pub fn currency_digits(ctx: Ctx<'_>, locale: String, currency: String) -> rquickjs::Result<i32> {
    let locale = locale_of(&ctx, &locale)?;
    Ok(affixes(&ctx, &locale, "currency", &currency, "code")?.digits as i32)
}

/// Classifies affix text for `formatToParts`: signs, the percent sign, the currency, literals.
fn push_affix(out: &mut Vec<String>, text: &str, style: &str) {
    let mut run = String::new();
    let mut run_kind = "";
    let flush = |out: &mut Vec<String>, run: &mut String, kind: &str| {
        if !run.is_empty() {
            out.push(kind.to_string());
            out.push(std::mem::take(run));
        }
    };
    for ch in text.chars() {
        let kind = match ch {
            '-' | '\u{2212}' => "minusSign",
            '+' => "plusSign",
            '%' | '\u{066A}' => "percentSign",
            c if c.is_whitespace() || c == '\u{200E}' || c == '\u{200F}' || c == '\u{061C}' => {
                "literal"
            }
            _ if style == "currency" => "currency",
            _ => "literal",
        };
        if kind != run_kind || kind == "minusSign" || kind == "plusSign" {
            flush(out, &mut run, run_kind);
            run_kind = kind;
        }
        run.push(ch);
    }
    flush(out, &mut run, run_kind);
}

/// Formats `value` as parts (`[type, value, ...]`). `opts`: the digit options plus `style`
/// (decimal, percent, currency), `currency`, `currencyDisplay`, `notation` (standard,
/// compact), `compactDisplay`, `useGrouping` (auto, always, min2, never), `signDisplay`.
pub fn format_number<'js>(
    ctx: Ctx<'js>,
    locale: String,
    value: Value<'js>,
    opts: Object<'js>,
) -> rquickjs::Result<Vec<String>> {
    let locale = locale_of(&ctx, &locale)?;
    let text = |k: &str, d: &str| -> rquickjs::Result<String> {
        Ok(opts
            .get::<_, Option<String>>(k)?
            .unwrap_or_else(|| d.to_string()))
    };
    let style = text("style", "decimal")?;
    let notation = text("notation", "standard")?;
    let group = text("useGrouping", "auto")?;
    let sign_display = text("signDisplay", "auto")?;
    let mut d = decimal_of(&ctx, &value)?;
    if style == "percent" {
        d.multiply_pow10(2);
    }
    let mut out = Vec::new();
    if notation == "compact" {
        let long = text("compactDisplay", "short")? == "long";
        let key = format!("{locale}|{long}");
        let f = COMPACT.with(|c| {
            c.get_or_try(key, || {
                let r = if long {
                    CompactDecimalFormatter::try_new_long((&locale).into(), Default::default())
                } else {
                    CompactDecimalFormatter::try_new_short((&locale).into(), Default::default())
                };
                r.map_err(|e| data_error(&ctx, "compact", e))
            })
        })?;
        apply_sign(&mut d, &sign_display);
        let parts = PartsCollector::of(&f.format(&d));
        for pair in parts.flatten("decimal", |p| p.value.to_string()).chunks(2) {
            let kind = if pair[0] == "literal" && pair[1].chars().any(|c| !c.is_whitespace()) {
                "compact"
            } else {
                pair[0].as_str()
            };
            out.push(kind.to_string());
            out.push(pair[1].clone());
        }
        return Ok(out);
    }
    apply_digits(&mut d, &DigitOptions::from_object(&opts)?);
    apply_sign(&mut d, &sign_display);
    let formatter = decimal_formatter(&ctx, &locale, &group)?;
    if style == "decimal" {
        let parts = PartsCollector::of(&formatter.format(&d));
        return Ok(parts.flatten("decimal", |p| p.value.to_string()));
    }
    let currency = text("currency", "")?;
    let display = text("currencyDisplay", "symbol")?;
    let aff = affixes(&ctx, &locale, &style, &currency, &display)?;
    let sign = d.sign;
    d.sign = Sign::None;
    let (prefix, suffix) = match sign {
        Sign::Negative => aff.neg.clone(),
        Sign::Positive => {
            let (p, s) = aff.neg.clone();
            (
                p.replace(['-', '\u{2212}'], "+"),
                s.replace(['-', '\u{2212}'], "+"),
            )
        }
        Sign::None => aff.pos.clone(),
    };
    push_affix(&mut out, &prefix, &style);
    out.extend(
        PartsCollector::of(&formatter.format(&d)).flatten("decimal", |p| p.value.to_string()),
    );
    push_affix(&mut out, &suffix, &style);
    Ok(out)
}

fn apply_sign(d: &mut Decimal, name: &str) {
    let display = match name {
        "never" => SignDisplay::Never,
        "always" => SignDisplay::Always,
        "exceptZero" => SignDisplay::ExceptZero,
        "negative" => SignDisplay::Negative,
        _ => SignDisplay::Auto,
    };
    d.apply_sign_display(display);
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn plural_rules(
    ctx: &Ctx<'_>,
    locale: &Locale,
    ordinal: bool,
) -> rquickjs::Result<Rc<PluralRules>> {
    let key = format!("{locale}|{ordinal}");
    PLURALS.with(|c| {
        c.get_or_try(key, || {
            let r = if ordinal {
                PluralRules::try_new_ordinal(locale.into())
            } else {
                PluralRules::try_new_cardinal(locale.into())
            };
            r.map_err(|e| data_error(ctx, "plural", e))
        })
    })
}

/// The plural category of `value` rounded as `opts` says (`Intl.PluralRules#select`).
pub fn select_plural<'js>(
    ctx: Ctx<'js>,
    locale: String,
    ordinal: bool,
    value: Value<'js>,
    opts: Object<'js>,
) -> rquickjs::Result<&'static str> {
    let locale = locale_of(&ctx, &locale)?;
    let mut d = decimal_of(&ctx, &value)?;
    apply_digits(&mut d, &DigitOptions::from_object(&opts)?);
    let rules = plural_rules(&ctx, &locale, ordinal)?;
    Ok(category_name(rules.category_for(&d)))
}

/// The categories a locale uses, in CLDR's order (`resolvedOptions().pluralCategories`).
pub fn plural_categories(
    ctx: Ctx<'_>,
    locale: String,
    ordinal: bool,
) -> rquickjs::Result<Vec<&'static str>> {
    let locale = locale_of(&ctx, &locale)?;
    let rules = plural_rules(&ctx, &locale, ordinal)?;
    Ok(rules.categories().map(category_name).collect())
}
