//! `Intl.DateTimeFormat` and `Date#toLocale*String`: the instant is placed in its time zone by
//! `jiff` (the system's tz database; UTC offsets and their changes), then formatted by ICU4X's
//! `icu_datetime` — from a UTS #35 skeleton built by js/internal/intl.js out of the component
//! options (ICU4X's `DateTimeFieldBag` mirrors ECMA-402's bag), or from `dateStyle`/`timeStyle`.

use icu_datetime::fieldbag::DateTimeFieldBag;
use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder, ZoneStyle};
use icu_datetime::fieldsets::enums::CompositeFieldSet;
use icu_datetime::input::{Date, Time, TimeZone, UtcOffset, ZonedDateTime};
use icu_datetime::options::{Length, TimePrecision, YearStyle};
use icu_datetime::DateTimeFormatter;
use icu_time::zone::ZoneNameTimestamp;
use rquickjs::{Ctx, Exception};

use super::parts::PartsCollector;
use super::{locale_of, Cache};

thread_local! {
    static FORMATTERS: Cache<DateTimeFormatter<CompositeFieldSet>> = Cache::default();
}

/// The field set for `dateStyle`/`timeStyle` (each "" when absent).
fn style_field_set(date_style: &str, time_style: &str) -> Option<CompositeFieldSet> {
    let mut b = FieldSetBuilder::new();
    let length = |s: &str| match s {
        "full" | "long" => Length::Long,
        "short" => Length::Short,
        _ => Length::Medium,
    };
    if !date_style.is_empty() {
        b.length = Some(length(date_style));
        b.date_fields = Some(if date_style == "full" {
            DateFields::YMDE
        } else {
            DateFields::YMD
        });
    } else {
        b.length = Some(length(time_style));
    }
    if !time_style.is_empty() {
        b.time_precision = Some(if time_style == "short" {
            TimePrecision::Minute
        } else {
            TimePrecision::Second
        });
        b.zone_style = match time_style {
            "full" => Some(ZoneStyle::SpecificLong),
            "long" => Some(ZoneStyle::SpecificShort),
            _ => None,
        };
    }
    if b.date_fields.is_some() && b.time_precision.is_none() && date_style == "short" {
        b.year_style = Some(YearStyle::Auto);
    }
    b.build_composite().ok()
}

fn formatter(
    ctx: &Ctx<'_>,
    locale: &str,
    spec: &str,
) -> rquickjs::Result<std::rc::Rc<DateTimeFormatter<CompositeFieldSet>>> {
    FORMATTERS.with(|c| {
        c.get_or_try(format!("{locale}|{spec}"), || {
            let loc = locale_of(ctx, locale)?;
            let set = match spec.strip_prefix("style:") {
                Some(styles) => {
                    let (d, t) = styles.split_once(':').unwrap_or((styles, ""));
                    style_field_set(d, t)
                }
                None => Some(DateTimeFieldBag::from_skeleton(spec).to_composite_field_set()),
            };
            let set = set.ok_or_else(|| {
                Exception::throw_type(ctx, &format!("Invalid date/time options ({spec})"))
            })?;
            DateTimeFormatter::try_new((&loc).into(), set).map_err(|e| {
                Exception::throw_range(ctx, &format!("Intl: no date/time data for {locale}: {e}"))
            })
        })
    })
}

fn zone_of(ctx: &Ctx<'_>, name: &str) -> rquickjs::Result<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name)
        .map_err(|_| Exception::throw_range(ctx, &format!("Invalid time zone specified: {name}")))
}

/// The IANA name the time zone is known by, or `undefined` for an unknown zone.
pub fn canonical_time_zone(name: String) -> Option<String> {
    let upper = name.to_ascii_uppercase();
    if matches!(upper.as_str(), "UTC" | "ETC/UTC" | "GMT" | "ETC/GMT" | "Z") {
        return Some("UTC".into());
    }
    let tz = jiff::tz::TimeZone::get(&name).ok()?;
    Some(tz.iana_name().unwrap_or(&name).to_string())
}

/// The system's time zone (`TZ`, then /etc/localtime), "UTC" when it has no name.
pub fn local_time_zone() -> String {
    let tz = jiff::tz::TimeZone::system();
    match tz.iana_name() {
        Some("Etc/UTC") | None => "UTC".to_string(),
        Some(name) => name.to_string(),
    }
}

/// The zone's offset from UTC in minutes at `epoch_ms` (positive east of Greenwich).
pub fn time_zone_offset(ctx: Ctx<'_>, zone: String, epoch_ms: f64) -> rquickjs::Result<f64> {
    let tz = zone_of(&ctx, &zone)?;
    let ts = jiff::Timestamp::from_millisecond(epoch_ms as i64)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid time value"))?;
    Ok(tz.to_offset(ts).seconds() as f64 / 60.0)
}

/// Formats `epoch_ms` in `zone` as parts (`[type, value, ...]`). `spec` is a skeleton
/// (`yMMMdjm`) or `style:<dateStyle>:<timeStyle>`.
pub fn format_date_time(
    ctx: Ctx<'_>,
    locale: String,
    spec: String,
    epoch_ms: f64,
    zone: String,
) -> rquickjs::Result<Vec<String>> {
    if !epoch_ms.is_finite() {
        return Err(Exception::throw_range(&ctx, "Invalid time value"));
    }
    let tz = zone_of(&ctx, &zone)?;
    let ms = epoch_ms.floor() as i64;
    let ts = jiff::Timestamp::from_millisecond(ms)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid time value"))?;
    let civil = tz.to_datetime(ts);
    let offset = tz.to_offset(ts).seconds();
    let invalid = || Exception::throw_range(&ctx, "Invalid time value");
    let date = Date::try_new_iso(civil.year() as i32, civil.month() as u8, civil.day() as u8)
        .map_err(|_| invalid())?;
    let time = Time::try_new(
        civil.hour() as u8,
        civil.minute() as u8,
        civil.second() as u8,
        civil.subsec_nanosecond() as u32,
    )
    .map_err(|_| invalid())?;
    let iana = if zone == "UTC" {
        "Etc/UTC"
    } else {
        zone.as_str()
    };
    let zone_info = TimeZone::from_iana_id(iana)
        .with_offset(UtcOffset::try_from_seconds(offset).ok())
        .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(ms.div_euclid(1000)));
    let input = ZonedDateTime {
        date,
        time,
        zone: zone_info,
    };
    let f = formatter(&ctx, &locale, &spec)?;
    let parts = PartsCollector::of(&f.format(&input));
    Ok(parts.flatten("datetime", |p| p.value.to_string()))
}
