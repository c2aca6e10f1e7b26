//! Reading the values the checks judge: SQL identifiers and paths, JDBC URLs, Base64, header
//! lists.

/// The placeholders of `SessionInterpolatedValues` (JDBC query comments, `BigQuery` job labels).
pub(super) const SESSION_VALUES: &[&str] = &["QUERY_ID", "SOURCE", "USER", "TRACE_TOKEN"];
/// The placeholders of `OpenLineageJobInterpolatedValues`.
pub(super) const OPENLINEAGE_VALUES: &[&str] = &["QUERY_ID", "SOURCE", "CLIENT_IP", "USER"];

/// An identifier of a SQL path: its value, as Trino's parser reads it.
pub(super) fn sql_identifier(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut rest = quoted;
        loop {
            let end = rest.find('"')?;
            value.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('"') {
                Some(after) => {
                    value.push('"');
                    rest = after;
                }
                None => break,
            }
        }
        return (!value.is_empty()).then_some((value, rest));
    }
    let first = text.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    Some((text[..len].to_owned(), &text[len..]))
}

/// `SqlPath.parsePath`: `[catalog.]schema` elements separated by commas; `None` when it does
/// not parse. (Reserved words, which Trino's parser refuses unquoted, are not checked.)
pub(super) fn sql_path(path: &str) -> Option<Vec<(Option<String>, String)>> {
    let mut elements = Vec::new();
    let mut rest = path;
    loop {
        let (first, after) = sql_identifier(rest)?;
        let after = after.trim_start();
        let (element, after) = match after.strip_prefix('.') {
            Some(after) => {
                let (second, after) = sql_identifier(after)?;
                ((Some(first), second), after.trim_start())
            }
            None => ((None, first), after),
        };
        elements.push(element);
        if after.is_empty() {
            return Some(elements);
        }
        rest = after.strip_prefix(',')?;
    }
}

/// The schemes MySQL Connector/J accepts (`ConnectionUrl.Type`), compared case-insensitively.
pub(super) const MYSQL_SCHEMES: &[&str] = &[
    "jdbc:mysql:",
    "jdbc:mysql:loadbalance:",
    "jdbc:mysql:replication:",
    "mysqlx:",
    "jdbc:mysql+srv:",
    "jdbc:mysql+srv:loadbalance:",
    "jdbc:mysql+srv:replication:",
    "mysqlx+srv:",
];

/// The scheme of a URL as Connector/J's `ConnectionUrlParser` reads it: the leading run of
/// `[\w+:%]`.
pub(super) fn mysql_scheme(url: &str) -> &str {
    let len = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | ':' | '%')))
        .unwrap_or(url.len());
    &url[..len]
}

/// `Driver.acceptsURL` of MySQL Connector/J.
pub(super) fn mysql_accepts(url: &str) -> bool {
    let scheme = mysql_scheme(url);
    MYSQL_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// The path of a URL as `ConnectionUrlParser.parseConnectionString` reads it (the database,
/// empty when there is none); `None` when the URL does not parse.
pub(super) fn mysql_path(url: &str) -> Option<&str> {
    let mut rest = url[mysql_scheme(url).len()..].trim_start();
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        rest = after[end..].trim_start();
    }
    let mut path = "";
    if let Some(after) = rest.strip_prefix('/') {
        if !after.trim_start().starts_with('/') {
            let end = after.find(['?', '#']).unwrap_or(after.len());
            path = &after[..end];
            rest = &after[end..];
        }
    }
    if let Some(after) = rest.strip_prefix('?') {
        if after.trim_start().starts_with('?') {
            return None;
        }
        rest = &after[after.find('#').unwrap_or(after.len())..];
    }
    let rest = rest.trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some(path)
}

/// `Driver.acceptsURL` of the `MariaDB` driver; `jdbc:mysql:` with `permitMysqlScheme` is
/// accepted too, as newer drivers do.
pub(super) fn mariadb_accepts(url: &str) -> bool {
    url.starts_with("jdbc:mariadb:")
        || (url.starts_with("jdbc:mysql:") && url.contains("permitMysqlScheme"))
}

/// The database of a `MariaDB` URL (`Configuration.parse`), empty when there is none; `None`
/// when the URL does not parse.
pub(super) fn mariadb_database(url: &str) -> Option<&str> {
    let after = &url[url.find("//")? + 2..];
    let db = after.find('/');
    let params = after.find('?');
    Some(match (db, params) {
        (Some(d), Some(p)) if d < p => &after[d + 1..p],
        (Some(d), None) => &after[d + 1..],
        _ => "",
    })
}

/// Decoded length of a base64 value (`Base64.getDecoder`), `None` when it is not base64.
pub(super) fn base64_len(value: &str) -> Option<usize> {
    let data = value.trim_end_matches('=');
    if value.len() - data.len() > 2
        || !data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        || data.len() % 4 == 1
    {
        return None;
    }
    Some(data.len() * 3 / 4)
}

/// The scheme of a Trino `Location` (text before `://`).
pub(super) fn location_scheme(location: &str) -> Option<&str> {
    location.find("://").map(|i| &location[..i])
}

/// The keys of `prometheus.http.additional-headers`, as the connector splits them (`,` and `:`
/// not preceded by a backslash); `None` when a pair lacks its `:`.
pub(super) fn header_names(headers: &str) -> Option<Vec<String>> {
    fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut prev = None;
        for (i, c) in s.char_indices() {
            if c == sep && prev != Some('\\') {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            prev = Some(c);
        }
        parts.push(&s[start..]);
        parts
    }
    split_unescaped(headers, ',')
        .into_iter()
        .map(|kv| {
            let parts = split_unescaped(kv, ':');
            (parts.len() >= 2).then(|| parts[0].trim().to_owned())
        })
        .collect()
}
