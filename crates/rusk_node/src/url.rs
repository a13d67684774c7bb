//! `rusk:native/url`: WHATWG URL parsing and setters by Ada (through the `ada-url` crate), the
//! same parser Node uses. `js/url.js` builds `URL` on these.

use ada_url::{Idna, Url};
use rquickjs::function::Opt;
use rquickjs::{Ctx, IntoJs, Object, Value};

use crate::native_module::{func, native_module};

pub const NAMES: &[&str] = &["parse", "set", "domainToASCII", "domainToUnicode"];

native_module!(NativeUrl, build, NAMES);

type R<T> = rquickjs::Result<T>;

/// `[href, protocol, username, password, host, hostname, port, pathname, search, hash, origin]`
fn components(u: &Url) -> Vec<String> {
    vec![
        u.href().to_string(),
        u.protocol().to_string(),
        u.username().to_string(),
        u.password().to_string(),
        u.host().to_string(),
        u.hostname().to_string(),
        u.port().to_string(),
        u.pathname().to_string(),
        u.search().to_string(),
        u.hash().to_string(),
        u.origin(),
    ]
}

fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    Url::parse(input, base).ok()
}

/// Applies a WHATWG setter; `None` when the setter refuses the value (the URL stays as it was).
fn set(href: &str, component: &str, value: &str) -> Option<Vec<String>> {
    let mut u = Url::parse(href, None).ok()?;
    let ok = match component {
        "href" => u.set_href(value).is_ok(),
        "protocol" => u.set_protocol(value).is_ok(),
        "username" => u.set_username(Some(value)).is_ok(),
        "password" => u.set_password(Some(value)).is_ok(),
        "host" => u.set_host(Some(value)).is_ok(),
        "hostname" => u.set_hostname(Some(value)).is_ok(),
        "port" => u.set_port(Some(value)).is_ok(),
        "pathname" => u.set_pathname(Some(value)).is_ok(),
        "search" => {
            u.set_search(Some(value));
            true
        }
        "hash" => {
            u.set_hash(Some(value));
            true
        }
        _ => false,
    };
    ok.then(|| components(&u))
}

/// A domain as a special URL's host would hold it (ASCII, validated), or `None` when no URL
/// could have that host: Node's `domainToASCII` works this way, giving `""` for invalid input.
fn host_of(domain: &str) -> Option<String> {
    let mut u = Url::parse("ws://x", None).ok()?;
    u.set_hostname(Some(domain)).ok()?;
    Some(u.hostname().to_string())
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
        host_of(&domain).unwrap_or_default()
    });
    func!(o, "domainToUnicode", |domain: String| -> String {
        host_of(&domain)
            .map(|ascii| Idna::unicode(&ascii))
            .unwrap_or_default()
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
        // Cases where other parsers part from the standard (and from Node).
        let c = components(&parse("\\x", Some("foo://h/a/b")).expect("valid"));
        assert_eq!(c[0], "foo://h/a/\\x");
        let c = components(&parse("http://h/C:/..", None).expect("valid"));
        assert_eq!(c[0], "http://h/");
    }

    #[test]
    fn domains_are_validated_like_hosts() {
        assert_eq!(host_of("EXAMPLE.com").as_deref(), Some("example.com"));
        assert_eq!(host_of("xn--").as_deref(), None);
        assert_eq!(host_of("bücher.de").as_deref(), Some("xn--bcher-kva.de"));
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
