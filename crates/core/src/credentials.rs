//! Finding literal credentials in configuration values: passwords in a URL's user-info
//! (`jdbc:mysql://admin:PW@mysql:3306`), password, secret and token parameters of a URL
//! (`?user=a&password=PW`, `;password=PW`), the whole value of a credential property, and
//! the value of a JVM `-D` flag whose name says password, secret, key or token.
//!
//! A `${PROVIDER:key}` placeholder is never a literal, and a URL without user-info or secret
//! parameters is not a credential, whatever its key is called (`...oauth2.token-url`).
//!
//! Everything here is pure text analysis; `crate::rules::secrets` reports what it finds.

use std::ops::Range;

/// What kind of literal credential was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The whole value of a property or flag whose name says it is a credential.
    Whole,
    /// The password of a URL's user-info (`scheme://user:PASSWORD@host`).
    UserInfo,
    /// The value of a URL parameter whose name says it is a credential; holds the name.
    Parameter(String),
}

/// A literal credential: its kind and the byte range of the secret in the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub kind: Kind,
    /// Where the secret is, in bytes of the value searched.
    pub range: Range<usize>,
}

/// Words that, inside a name, say that its value is secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "credential",
    "apikey",
    "signature",
];

/// Last words of a name that say its value is about a secret but not the secret itself
/// (`keystore.password-path`, `token-url`, `passwordCharacterEncoding`).
const NOT_SECRET_LAST_WORDS: &[&str] = &[
    "file",
    "path",
    "dir",
    "directory",
    "type",
    "url",
    "uri",
    "endpoint",
    "location",
    "provider",
    "enabled",
    "required",
    "size",
    "length",
    "ttl",
    "timeout",
    "expiry",
    "expiration",
    "duration",
    "period",
    "interval",
    "name",
    "user",
    "username",
    "id",
    "alias",
    "algorithm",
    "class",
    "encoding",
    "format",
    "mode",
    "policy",
    "header",
    "prefix",
    "suffix",
    "callback",
    "store",
    "count",
    "version",
    "cache",
];

/// The words of a name: split at `.`, `-`, `_`, spaces and lower-to-upper case changes,
/// lowercased (`javax.net.ssl.keyStorePassword` → `javax net ssl key store password`).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a setting, flag or URL parameter called `name` holds a secret: its name says
/// password, secret, token or credential, or ends in `key` (`AccountKey`, `api_key`,
/// `secretAccessKey`), and does not end in a word such as `path`, `file`, `url` or `type`.
pub fn is_secret_name(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    if NOT_SECRET_LAST_WORDS
        .iter()
        .any(|w| last == w || (last.len() > w.len() + 3 && last.ends_with(w)))
    {
        return false;
    }
    last == "key"
        || last == "sig"
        || words
            .iter()
            .any(|w| SECRET_WORDS.iter().any(|s| w.contains(s)))
}

/// Whether `text` holds a placeholder (`${ENV:NAME}`), which is never a literal.
fn has_placeholder(text: &str) -> bool {
    text.contains("${")
}

/// Whether a value is (or holds) a URL: `scheme://...` or a `jdbc:` URL.
pub fn is_url(value: &str) -> bool {
    let v = value.trim_start();
    v.contains("://") || v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("jdbc:"))
}

/// Literal credentials inside the URLs of `value`: user-info passwords, secret parameters
/// (`?password=`, `&token=`, `;password=`) and the Oracle `user/password@host` form.
pub fn in_urls(value: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let bytes = value.as_bytes();
    // User-info of every `scheme://` authority.
    let mut from = 0;
    while let Some(i) = value[from..].find("://") {
        let start = from + i + 3;
        let end = value[start..]
            .find(|c: char| matches!(c, '/' | '?' | '#' | ';' | ',') || c.is_whitespace())
            .map_or(value.len(), |j| start + j);
        let authority = &value[start..end];
        if let Some(at) = authority.rfind('@') {
            let user_info = &authority[..at];
            if let Some(colon) = user_info.find(':') {
                let password = start + colon + 1..start + at;
                if !password.is_empty() && !has_placeholder(&value[password.clone()]) {
                    out.push(Found {
                        kind: Kind::UserInfo,
                        range: password,
                    });
                }
            }
        }
        from = start;
    }
    // `jdbc:oracle:thin:user/password@host:1521/service`.
    let lower = value.to_ascii_lowercase();
    if let Some(i) = lower.find("jdbc:oracle:thin:") {
        let rest_start = i + "jdbc:oracle:thin:".len();
        let rest = &value[rest_start..];
        if !rest.starts_with('@') && !rest.starts_with("//") {
            if let (Some(slash), Some(at)) = (rest.find('/'), rest.find('@')) {
                if slash < at && slash + 1 < at {
                    let password = rest_start + slash + 1..rest_start + at;
                    if !has_placeholder(&value[password.clone()]) {
                        out.push(Found {
                            kind: Kind::UserInfo,
                            range: password,
                        });
                    }
                }
            }
        }
    }
    // Parameters: `?name=value`, `&name=value`, `;name=value`.
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'?' | b'&' | b';') {
            continue;
        }
        let name_start = i + 1;
        let Some(eq) = value[name_start..].find(['=', '&', ';', '?', '#']) else {
            continue;
        };
        let eq = name_start + eq;
        if bytes[eq] != b'=' {
            continue;
        }
        let name = value[name_start..eq].trim();
        if name.is_empty() || !is_secret_name(name) {
            continue;
        }
        let value_start = eq + 1;
        let value_end = value[value_start..]
            .find(|c: char| matches!(c, '&' | ';' | '#') || c.is_whitespace())
            .map_or(value.len(), |j| value_start + j);
        let secret = &value[value_start..value_end];
        if !secret.is_empty() && !has_placeholder(secret) {
            out.push(Found {
                kind: Kind::Parameter(name.to_owned()),
                range: value_start..value_end,
            });
        }
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out.dedup_by(|a, b| a.range == b.range);
    out
}

/// The literal credentials of a property: `sensitive` says the key names a credential.
///
/// A URL is judged by its user-info and parameters, whatever the key; any other value of a
/// credential key is a credential as a whole unless it holds a placeholder.
pub fn in_property(value: &str, sensitive: bool) -> Vec<Found> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    if is_url(trimmed) {
        return in_urls(value);
    }
    let mut found = in_urls(value);
    if sensitive && !has_placeholder(trimmed) && found.is_empty() {
        let start = value.len() - value.trim_start().len();
        found.push(Found {
            kind: Kind::Whole,
            range: start..start + trimmed.len(),
        });
    }
    found
}

/// The name of a `-Dname=value` JVM option and the byte offset of its value.
pub fn system_property(option: &str) -> Option<(&str, usize)> {
    let rest = option.strip_prefix("-D")?;
    let eq = rest.find('=')?;
    Some((&rest[..eq], 2 + eq + 1))
}

/// The literal credentials of a JVM option: the value of a `-D` flag whose name says
/// password, secret, key or token, and credentials inside URLs of any `-D` value. An option
/// holding line breaks (which the launcher would split into several options, and which the
/// rules refuse) is judged line by line, as the launcher would read it.
pub fn in_jvm_option(option: &str) -> Vec<Found> {
    // The line breaks of Python's `str.splitlines`, which the launcher uses.
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\u{b}'
                | '\u{c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut out = Vec::new();
    let mut start = 0;
    for piece in option.split(is_break) {
        let lead = piece.len() - piece.trim_start().len();
        let line = piece.trim();
        let offset = start + lead;
        start += piece.len()
            + option[start + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let Some((name, value_at)) = system_property(line) else {
            continue;
        };
        let value = &line[value_at..];
        out.extend(
            in_property(value, is_secret_name(name))
                .into_iter()
                .map(|f| Found {
                    kind: f.kind,
                    range: f.range.start + offset + value_at..f.range.end + offset + value_at,
                }),
        );
    }
    out
}

/// `text` with every found secret replaced by `****`, safe to show in a message.
pub fn mask(text: &str, found: &[Found]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        let (start, end) = (f.range.start.max(at), f.range.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str("****");
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(value: &str, found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| value[f.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn user_info_passwords() {
        for (url, secret) in [
            ("jdbc:mysql://admin:PW@mysql:3306", "PW"),
            ("https://AKIA:PW@minio:9000", "PW"),
            ("thrift://u:PW@hms:9083", "PW"),
            ("mongodb+srv://u:p%40ss@cluster/db", "p%40ss"),
            ("jdbc:oracle:thin:scott/tiger@db:1521/orcl", "tiger"),
        ] {
            let found = in_property(url, false);
            assert_eq!(secrets(url, &found), [secret], "{url}");
            assert_eq!(found[0].kind, Kind::UserInfo);
        }
    }

    #[test]
    fn secret_parameters() {
        for (url, secret, name) in [
            (
                "jdbc:mysql://mysql:3306/db?user=a&password=PW",
                "PW",
                "password",
            ),
            ("jdbc:postgresql://pg:5432/db?password=PW", "PW", "password"),
            (
                "jdbc:sqlserver://db:1433;databaseName=x;password=PW;encrypt=true",
                "PW",
                "password",
            ),
            ("https://api/x?api_key=K1&a=b", "K1", "api_key"),
            ("https://acct.blob/x?sv=1&sig=S1G", "S1G", "sig"),
        ] {
            let found = in_property(url, false);
            assert_eq!(secrets(url, &found), [secret], "{url}");
            assert_eq!(found[0].kind, Kind::Parameter(name.to_owned()));
        }
    }

    #[test]
    fn urls_without_credentials_are_not_credentials() {
        for url in [
            "https://idp.example.com/oauth2/token",
            "mongodb://mongodb:27017/",
            "jdbc:mysql://mysql:3306/db?user=a&useSSL=true",
            "jdbc:postgresql://pg/db?sslkey=/etc/key.pem&passwordCharacterEncoding=UTF-8",
            "jdbc:mysql://admin@mysql:3306",
            "jdbc:mysql://admin:${ENV:DB_PASSWORD}@mysql:3306",
            "jdbc:mysql://mysql/db?password=${ENV:DB_PASSWORD}",
            "jdbc:oracle:thin:@//db:1521/orcl",
        ] {
            assert!(in_property(url, true).is_empty(), "{url}");
        }
    }

    #[test]
    fn whole_values_of_credential_keys() {
        assert_eq!(
            in_property("  hunter2", true),
            [Found {
                kind: Kind::Whole,
                range: 2..9
            }]
        );
        assert!(in_property("hunter2", false).is_empty());
        assert!(in_property("${ENV:X}", true).is_empty());
        assert!(in_property("", true).is_empty());
    }

    #[test]
    fn secret_names() {
        for name in [
            "javax.net.ssl.keyStorePassword",
            "password",
            "aws.secretAccessKey",
            "api.key",
            "AccountKey",
            "sslpassword",
            "oauth2.token",
            "credentials",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "javax.net.ssl.keyStore",
            "javax.net.ssl.keyStoreType",
            "password-file",
            "oauth2.token-url",
            "passwordCharacterEncoding",
            "sslpasswordcallback",
            "user",
            "aws.accessKeyId",
            "jdk.attach.allowAttachSelf",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn jvm_flags() {
        for (flag, secret) in [
            ("-Dx=1\n-Dtoken=PW", "PW"),
            ("-Dx=1\u{2028} -Dpassword=PW ", "PW"),
            ("-Djavax.net.ssl.keyStorePassword=PW", "PW"),
            ("-Dpassword=PW", "PW"),
            ("-Daws.secretAccessKey=PW", "PW"),
            ("-Dhttp.proxy=http://u:PW@proxy:3128", "PW"),
        ] {
            assert_eq!(secrets(flag, &in_jvm_option(flag)), [secret], "{flag}");
        }
        for flag in [
            "-Djavax.net.ssl.keyStore=/etc/ks.jks",
            "-Dpassword=${ENV:X}",
            "-Xmx8G",
            "-XX:+UseG1GC",
            "-Dpassword=",
        ] {
            assert!(in_jvm_option(flag).is_empty(), "{flag}");
        }
    }

    #[test]
    fn masking_keeps_the_rest() {
        let url = "jdbc:mysql://admin:PW@mysql:3306/db?password=X";
        assert_eq!(
            mask(url, &in_property(url, false)),
            "jdbc:mysql://admin:****@mysql:3306/db?password=****"
        );
    }
}
