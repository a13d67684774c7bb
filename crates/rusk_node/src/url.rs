//! `rusk:native/url`: WHATWG URL parsing and setters by the `url` crate (its `quirks` module is
//! the URL Standard's JS API). `js/url.js` builds `URL` on these.

use rquickjs::function::Opt;
use rquickjs::{Ctx, IntoJs, Object, Value};
use url::{quirks, Url};

use crate::native_module::{func, native_module};

pub const NAMES: &[&str] = &["parse", "set", "domainToASCII", "domainToUnicode"];

native_module!(NativeUrl, build, NAMES);

type R<T> = rquickjs::Result<T>;

/// `[href, protocol, username, password, host, hostname, port, pathname, search, hash, origin]`
fn components(u: &Url) -> Vec<String> {
    vec![
        quirks::href(u).to_string(),
        quirks::protocol(u).to_string(),
        quirks::username(u).to_string(),
        quirks::password(u).to_string(),
        quirks::host(u).to_string(),
        quirks::hostname(u).to_string(),
        quirks::port(u).to_string(),
        quirks::pathname(u).to_string(),
        quirks::search(u).to_string(),
        quirks::hash(u).to_string(),
        quirks::origin(u),
    ]
}

fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    match base {
        Some(b) => Url::parse(b).ok()?.join(input).ok(),
        None => Url::parse(input).ok(),
    }
}

/// Applies a WHATWG setter; `None` when the setter refuses the value (the URL stays as it was).
fn set(href: &str, component: &str, value: &str) -> Option<Vec<String>> {
    let mut u = Url::parse(href).ok()?;
    let ok = match component {
        "href" => quirks::set_href(&mut u, value).is_ok(),
        "protocol" => quirks::set_protocol(&mut u, value).is_ok(),
        "username" => quirks::set_username(&mut u, value).is_ok(),
        "password" => quirks::set_password(&mut u, value).is_ok(),
        "host" => quirks::set_host(&mut u, value).is_ok(),
        "hostname" => quirks::set_hostname(&mut u, value).is_ok(),
        "port" => quirks::set_port(&mut u, value).is_ok(),
        "pathname" => {
            quirks::set_pathname(&mut u, value);
            true
        }
        "search" => {
            quirks::set_search(&mut u, value);
            true
        }
        "hash" => {
            quirks::set_hash(&mut u, value);
            true
        }
        _ => false,
    };
    ok.then(|| components(&u))
}

/// The components as a JS array, or `null` (the contract's "no URL").
fn or_null<'js>(ctx: &Ctx<'js>, components: Option<Vec<String>>) -> R<Value<'js>> {
    match components {
        Some(c) => c.into_js(ctx),
        None => Ok(Value::new_null(ctx.clone())),
    }
}

fn build<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    func!(o, "parse", |ctx: Ctx<'js>,
                       input: String,
                       base: Opt<Option<String>>|
     -> R<Value<'js>> {
        or_null(
            &ctx,
            parse(&input, base.0.flatten().as_deref()).map(|u| components(&u)),
        )
    });
    func!(o, "set", |ctx: Ctx<'js>,
                     href: String,
                     component: String,
                     value: String|
     -> R<Value<'js>> {
        or_null(&ctx, set(&href, &component, &value))
    });
    func!(o, "domainToASCII", |domain: String| -> String {
        quirks::domain_to_ascii(&domain)
    });
    func!(o, "domainToUnicode", |domain: String| -> String {
        quirks::domain_to_unicode(&domain)
    });
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relative_to_a_base() {
        let c = components(&parse("../x?y#z", Some("http://a.test/b/c/d")).expect("valid"));
        assert_eq!(c[0], "http://a.test/b/x?y#z");
        assert_eq!(c[7], "/b/x");
        assert_eq!(c[10], "http://a.test");
        assert!(parse("not a url", None).is_none());
    }

    #[test]
    fn setters_follow_the_standard() {
        let c = set("http://a.test/", "port", "8080").expect("port accepted");
        assert_eq!(c[0], "http://a.test:8080/");
        assert!(set("http://a.test/", "host", "").is_none());
        let c = set("http://a.test/", "protocol", "https").expect("scheme change");
        assert_eq!(c[1], "https:");
    }
}
