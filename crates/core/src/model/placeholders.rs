//! `${PROVIDER:key}` secret placeholders (airlift's `SecretsResolver`).

/// One placeholder found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder<'a> {
    /// `${ENV:NAME}`.
    Env(&'a str),
    /// `${FILE:...}` or another provider that needs a secrets plugin.
    Other {
        /// The provider (`FILE`).
        provider: &'a str,
    },
    /// `${...}` that Trino passes on literally: `${NAME}`, an unclosed `${ENV:X`, `${:x}`.
    Malformed(&'a str),
}

fn is_provider(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Every `${...}` in `value`.
pub fn scan(value: &str) -> Vec<Placeholder<'_>> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push(Placeholder::Malformed(&rest[start..]));
            break;
        };
        let inner = &after[..end];
        match inner.split_once(':') {
            Some((provider, key)) if is_provider(provider) && !key.is_empty() => {
                if provider == "ENV" {
                    out.push(Placeholder::Env(key));
                } else {
                    out.push(Placeholder::Other { provider });
                }
            }
            _ => out.push(Placeholder::Malformed(&rest[start..start + 3 + end])),
        }
        rest = &after[end + 1..];
    }
    out
}

/// The variables of every `${ENV:NAME}` in `values`, once each, in order.
pub fn env_names<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for p in scan(v) {
            if let Placeholder::Env(name) = p {
                if !out.iter().any(|n| n == name) {
                    out.push(name.to_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            scan("${ENV:DB_PASSWORD}"),
            vec![Placeholder::Env("DB_PASSWORD")]
        );
        assert_eq!(
            scan("a${ENV:A}b${ENV:B}"),
            vec![Placeholder::Env("A"), Placeholder::Env("B")]
        );
        assert_eq!(
            scan("${FILE:/x}"),
            vec![Placeholder::Other { provider: "FILE" }]
        );
        assert_eq!(
            scan("${DB_PASSWORD}"),
            vec![Placeholder::Malformed("${DB_PASSWORD}")]
        );
        assert_eq!(scan("${ENV:X"), vec![Placeholder::Malformed("${ENV:X")]);
        assert!(scan("plain $ENV:X").is_empty());
    }
}
