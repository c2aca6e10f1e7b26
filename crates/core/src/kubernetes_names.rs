//! Names in Kubernetes objects, by the API server's own rules.
//!
//! Names trinocfg derives (ConfigMap, Deployment and volume names) are kept DNS-1123 labels of
//! at most 63 characters, shortened deterministically with a short stable hash so that
//! different names stay different ([`derived_label`]). Names the spec gives (the service
//! account, label keys and values, the image, logger names of `log_levels`) are validated
//! (by the spec reader, `spec::names`); a name the API would refuse is TS004 at its spec
//! key.

use crate::spec::names::printable;

/// Longest DNS-1123 label (volume names, label names and values).
pub const MAX_LABEL: usize = 63;
/// Longest DNS-1123 subdomain (object names such as ConfigMaps and Deployments).
pub const MAX_SUBDOMAIN: usize = 253;

/// Labels trinocfg sets itself; the Deployments' selectors rely on them.
pub const OWN_LABELS: &[&str] = &[
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/version",
    "app.kubernetes.io/component",
    "app.kubernetes.io/managed-by",
];

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`: lowercase letters, digits and `-`, starting and ending
/// with a letter or digit.
fn is_label_text(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The Service a URI names (`http://blue.ns.svc:8080` → `blue`): the first label of its host.
/// `None` for a URI without a plain host (a placeholder, no scheme).
pub fn service_of_uri(uri: &str) -> Option<&str> {
    let (_, rest) = uri.trim().split_once("://")?;
    let host = rest.split([':', '/', '.']).next()?;
    (!host.is_empty() && !host.contains("${")).then_some(host)
}

/// A DNS-1123 label: at most 63 lowercase letters, digits and `-`, starting and ending with a
/// letter or digit.
pub fn is_dns1123_label(s: &str) -> bool {
    s.len() <= MAX_LABEL && is_label_text(s)
}

/// A DNS-1123 subdomain as the API server checks it: at most 253 characters, parts of
/// lowercase letters, digits and `-` (each starting and ending with a letter or digit) joined
/// by `.`.
pub fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_SUBDOMAIN && s.split('.').all(is_label_text)
}

/// 64-bit FNV-1a: a stable hash, the same on every platform and in every release.
fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A name trinocfg derives (a ConfigMap, Deployment or volume name), as a DNS-1123 label of
/// at most 63 characters, which every kind of object accepts: `name` itself when it is one;
/// otherwise lowercased, characters other than `[a-z0-9-]` made `-`, cut, and followed by `-`
/// and eight hex digits of the hash of the original name, so that different names stay
/// different.
pub fn derived_label(name: &str) -> String {
    if is_dns1123_label(name) {
        return name.to_owned();
    }
    let hash = format!("{:08x}", fnv1a(name.as_bytes()) & 0xffff_ffff);
    let base: String = name
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .take(MAX_LABEL - hash.len() - 1)
        .collect();
    let base = base.trim_matches('-');
    if base.is_empty() {
        hash
    } else {
        format!("{base}-{hash}")
    }
}

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?` of at most 63 characters: a label name, or a
/// non-empty label value.
fn is_label_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_LABEL
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// Why a label key is not one the API accepts: `[prefix/]name`, the prefix a DNS-1123
/// subdomain, the name at most 63 characters of `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
pub fn label_key_problem(key: &str) -> Option<String> {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if !is_dns1123_subdomain(prefix) {
            return Some(format!(
                "its prefix `{}` is not a DNS subdomain (lowercase letters, digits, `-` and `.`, at most 253 characters)",
                printable(prefix)
            ));
        }
    }
    if !is_label_name(name) {
        return Some(format!(
            "its name `{}` is not 1–63 letters, digits, `-`, `_` and `.` starting and ending with a letter or digit",
            printable(name)
        ));
    }
    None
}

/// Why a label value is not one the API accepts: empty, or at most 63 characters of
/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
pub fn label_value_problem(value: &str) -> Option<String> {
    if value.is_empty() || is_label_name(value) {
        None
    } else if value.len() > MAX_LABEL {
        Some(format!(
            "the value is {} characters long; at most 63 are allowed",
            value.chars().count()
        ))
    } else {
        Some(format!(
            "the value `{}` is not letters, digits, `-`, `_` and `.` starting and ending with a letter or digit",
            printable(value)
        ))
    }
}

/// Why a service account name is not a DNS-1123 subdomain.
pub fn service_account_problem(name: &str) -> Option<String> {
    (!is_dns1123_subdomain(name)).then(|| {
        format!(
            "service account `{}` is not a DNS subdomain: lowercase letters, digits, `-` and `.`, each part starting and ending with a letter or digit, at most 253 characters",
            printable(name)
        )
    })
}

/// A component of an image's repository path: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-'))
    {
        return false;
    }
    // Separators: one `.`, one or two `_`, or any run of `-`; never mixed.
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if !(run.is_empty()
                || run == "."
                || run == "_"
                || run == "__"
                || run.bytes().all(|x| x == b'-'))
            {
                return false;
            }
            run.clear();
        } else {
            run.push(c);
        }
    }
    true
}

/// Why an image reference is not one a container runtime pulls:
/// `[registry[:port]/]path[:tag][@algorithm:digest]`, at most 255 characters of repository
/// name and 128 of tag, no whitespace or control characters.
pub fn image_problem(image: &str) -> Option<String> {
    if let Some(c) = image.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "the image reference holds the character U+{:04X}",
            u32::from(c)
        ));
    }
    if image.is_empty() || image.len() > 512 {
        return Some("the image reference is empty or longer than 512 characters".into());
    }
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let ok = d.split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty()
                && alg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+._-".contains(&b))
                && hex.len() >= 32
                && hex.bytes().all(|b| b.is_ascii_hexdigit())
        });
        if !ok {
            return Some(format!(
                "the digest `{}` is not `algorithm:hex` (e.g. `sha256:` and 64 hex digits)",
                printable(d)
            ));
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let b = tag.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= 128
            && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
        if !ok {
            return Some(format!(
                "the tag `{}` is not 1–128 letters, digits, `_`, `.` and `-` (not starting with `.` or `-`)",
                printable(tag)
            ));
        }
    }
    if name.len() > 255 {
        return Some("the repository name is longer than 255 characters".into());
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    // A first part with `.` or `:`, or `localhost`, is a registry host.
    if parts.len() > 1 && (parts[0].contains(['.', ':']) || parts[0] == "localhost") {
        let host = parts.remove(0);
        let (h, port) = match host.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host, None),
        };
        let host_ok = !h.is_empty()
            && h.split('.').all(|l| {
                !l.is_empty()
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            });
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !host_ok || !port_ok {
            return Some(format!(
                "the registry `{}` is not a host name with an optional port",
                printable(host)
            ));
        }
    }
    if let Some(bad) = parts.iter().find(|p| !is_path_component(p)) {
        return Some(format!(
            "the repository part `{}` is not lowercase letters and digits separated by `.`, `_`, `__` or `-`",
            printable(bad)
        ));
    }
    None
}

/// Why a `log_levels` key is not a Java logger name: dot-separated parts of letters, digits,
/// `_`, `$` and `-`.
pub fn logger_problem(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| c.is_control() || c.is_whitespace()) {
        return Some(format!(
            "logger `{}` holds the character U+{:04X}",
            printable(name),
            u32::from(c)
        ));
    }
    if name.is_empty() || name.len() > 512 {
        return Some("a logger name is 1–512 characters".into());
    }
    let ok = name.split('.').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '-'))
    });
    (!ok).then(|| {
        format!(
            "logger `{}` is not a Java logger name (package or class names: parts of letters, digits, `_`, `$` and `-` joined by `.`)",
            printable(name)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_is_the_first_label_of_the_host() {
        assert_eq!(service_of_uri("http://blue:8080"), Some("blue"));
        assert_eq!(
            service_of_uri(" https://trino.analytics.svc.cluster.local:8443/ "),
            Some("trino")
        );
        assert_eq!(service_of_uri("http://${ENV:COORDINATOR}:8080"), None);
        assert_eq!(service_of_uri("blue:8080"), None);
    }

    #[test]
    fn derived_names_fit_and_stay_unique() {
        assert_eq!(derived_label("kafka-events"), "kafka-events");
        let long = format!("kafka-{}", "e".repeat(60));
        let short = derived_label(&long);
        assert_eq!(short.len(), MAX_LABEL);
        assert!(is_dns1123_label(&short), "{short}");
        assert_eq!(short, derived_label(&long), "deterministic");
        let other = derived_label(&format!("kafka-{}f", "e".repeat(60)));
        assert_ne!(short, other);
        assert!(is_dns1123_label(&derived_label("kafka-events-")));
        assert_ne!(derived_label("kafka-events-"), "kafka-events");
        assert!(is_dns1123_label(&derived_label("---")));
        assert!(is_dns1123_label(&derived_label("A.b_C")));
        assert!(is_dns1123_label(&derived_label(&"é".repeat(70))));
        assert!(is_dns1123_subdomain(&format!("a.{}", "b".repeat(100))));
        assert!(!is_dns1123_subdomain("a..b"));
    }

    #[test]
    fn labels() {
        assert_eq!(label_key_problem("team"), None);
        assert_eq!(label_key_problem("example.com/team"), None);
        assert!(label_key_problem("Example.com/team").is_some());
        assert!(label_key_problem("a/b/c").is_some());
        assert!(label_key_problem(&"x".repeat(64)).is_some());
        assert!(label_key_problem("-team").is_some());
        assert_eq!(label_value_problem(""), None);
        assert_eq!(label_value_problem("v1.2_x-Y"), None);
        assert!(label_value_problem("a b").is_some());
        assert!(label_value_problem(&"x".repeat(64))
            .unwrap()
            .contains("64 characters"));
        assert!(label_value_problem("x\u{2028}y").is_some());
    }

    #[test]
    fn service_accounts_and_images() {
        assert_eq!(service_account_problem("trino"), None);
        assert_eq!(service_account_problem("trino.sa-1"), None);
        for bad in ["Trino", "trino\u{7}", "../../x", "", "a_b"] {
            assert!(service_account_problem(bad).is_some(), "{bad}");
        }
        for ok in [
            "trinodb/trino:482",
            "trinodb/trino",
            "registry.example.com:5000/trino/trino:482-amd64",
            "localhost/trino@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "ghcr.io/acme/trino__x:v1.0",
        ] {
            assert_eq!(image_problem(ok), None, "{ok}");
        }
        for bad in [
            "trinodb/Trino:482",
            "trinodb/trino:",
            "trinodb/trino:.x",
            "trino db",
            "trino\u{2028}",
            "trinodb/trino@md5:12",
            "../../x",
            "registry.example.com:port/trino",
        ] {
            assert!(image_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn loggers() {
        for ok in [
            "io.trino",
            "io.trino.plugin.hive.HiveMetadata$Inner",
            "com.amazonaws",
        ] {
            assert_eq!(logger_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "io..trino",
            ".io",
            "io trino",
            "io.trino\n",
            "io=trino",
            "a:b",
        ] {
            assert!(logger_problem(bad).is_some(), "{bad:?}");
        }
    }
}
