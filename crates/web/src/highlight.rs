//! Syntax colouring of the editor: the text as HTML with `<span class="h-…">` around keys,
//! values, strings, literals, table headers and comments, laid under a transparent textarea.
//! Line by line and forgiving: it colours, it does not judge (the check does that).

use std::fmt::Write;

/// How a text is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Toml,
    Yaml,
    Properties,
    /// Comments only (jvm.config, text of no known kind).
    Plain,
}

/// Above this many bytes the text is not coloured (the overlay would cost more than it helps).
pub const MAX_BYTES: usize = 256 * 1024;

impl Lang {
    /// The colouring for a text, from its file name when there is one, else from its content.
    pub fn of(name: &str, text: &str) -> Lang {
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "toml" => return Lang::Toml,
            "yaml" | "yml" => return Lang::Yaml,
            "properties" => return Lang::Properties,
            "config" => return Lang::Plain,
            _ => {}
        }
        match trinocfg::text::sniff(text) {
            trinocfg::text::InputKind::Spec => Lang::Toml,
            trinocfg::text::InputKind::Kubernetes { .. }
            | trinocfg::text::InputKind::Yaml { .. }
            | trinocfg::text::InputKind::Json { .. } => Lang::Yaml,
            trinocfg::text::InputKind::Properties { .. } => Lang::Properties,
            _ => Lang::Plain,
        }
    }
}

/// `text` escaped for HTML.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    let _ = write!(out, "<span class=\"h-{class}\">");
    escape(out, text);
    out.push_str("</span>");
}

/// `text` as HTML, coloured as `lang`: the characters of the text, in order, only escaped and
/// wrapped in spans.
#[cfg(test)]
pub fn html(text: &str, lang: Lang) -> String {
    lines(text, lang).join("\n")
}

/// The HTML of each line of `text` (split at `\n`, so a text ending in a newline ends with an
/// empty line, as the textarea shows it), coloured as `lang`. No span crosses a line.
pub fn lines(text: &str, lang: Lang) -> Vec<String> {
    let mut out = Vec::with_capacity(text.len() / 24 + 1);
    let mut continued = false;
    for body in text.split('\n') {
        let mut line = String::with_capacity(body.len() + body.len() / 2);
        continued = match lang {
            Lang::Properties => properties_line(&mut line, body, continued),
            Lang::Toml => {
                toml_line(&mut line, body);
                false
            }
            Lang::Yaml => {
                yaml_line(&mut line, body);
                false
            }
            Lang::Plain => {
                if body.trim_start().starts_with('#') {
                    span(&mut line, "c", body);
                } else {
                    escape(&mut line, body);
                }
                false
            }
        };
        out.push(line);
    }
    out
}

/// Whether a properties line ends in an odd number of backslashes (it goes on).
fn continues(line: &str) -> bool {
    line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

fn properties_line(out: &mut String, line: &str, continued: bool) -> bool {
    let trimmed = line.trim_start();
    if continued {
        span(out, "s", line);
        return continues(line);
    }
    if trimmed.starts_with('#') || trimmed.starts_with('!') {
        span(out, "c", line);
        return false;
    }
    let indent = line.len() - trimmed.len();
    escape(out, &line[..indent]);
    // The key runs to the first unescaped `=`, `:` or blank.
    let mut escaped = false;
    let mut key_end = trimmed.len();
    for (i, c) in trimmed.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '=' | ':' | ' ' | '\t') {
            key_end = i;
            break;
        }
    }
    let (key, rest) = trimmed.split_at(key_end);
    span(out, "k", key);
    let value_at = rest
        .find(|c: char| !matches!(c, ' ' | '\t'))
        .map_or(rest.len(), |i| {
            if rest[i..].starts_with(['=', ':']) {
                i + 1
            } else {
                i
            }
        });
    span(out, "p", &rest[..value_at]);
    span(out, "s", &rest[value_at..]);
    continues(line)
}

/// A scalar value: a quoted string, a literal (number, boolean, null), or plain text.
fn value(out: &mut String, text: &str) {
    let t = text.trim();
    let class = if t.starts_with(['"', '\'']) {
        "s"
    } else if matches!(t, "true" | "false" | "null" | "~" | "yes" | "no")
        || t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
            && t.chars()
                .skip(1)
                .all(|c| c.is_ascii_alphanumeric() || "._:-+".contains(c))
    {
        "l"
    } else if t.starts_with(['{', '[', '|', '>']) {
        "p"
    } else {
        "v"
    };
    span(out, class, text);
}

/// Where a `#` comment starts: at the start or after a blank, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q && prev != '\\' => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t' || i == 0) => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

fn split_comment(line: &str) -> (&str, &str) {
    comment_start(line).map_or((line, ""), |i| line.split_at(i))
}

fn toml_line(out: &mut String, line: &str) {
    let (code, comment) = split_comment(line);
    let trimmed = code.trim_start();
    if trimmed.starts_with('[') {
        span(out, "t", code);
    } else if let Some(eq) = code.find('=').filter(|&i| !code[..i].contains(['"', '\''])) {
        span(out, "k", &code[..eq]);
        span(out, "p", "=");
        value(out, &code[eq + 1..]);
    } else {
        escape(out, code);
    }
    span(out, "c", comment);
}

fn yaml_line(out: &mut String, line: &str) {
    let (code, comment) = split_comment(line);
    let trimmed = code.trim_start();
    let indent = code.len() - trimmed.len();
    escape(out, &code[..indent]);
    let mut rest = trimmed;
    if rest == "---" || rest == "..." {
        span(out, "p", rest);
        rest = "";
    }
    while let Some(item) = rest
        .strip_prefix("- ")
        .or(if rest == "-" { Some("") } else { None })
    {
        span(out, "p", &rest[..rest.len() - item.len()]);
        rest = item;
    }
    let key_end = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len))
        .filter(|&i| !rest.starts_with(['"', '\'', '{', '[']) || rest[..i].ends_with(['"', '\'']));
    if let Some(i) = key_end {
        span(out, "k", &rest[..i]);
        span(out, "p", ":");
        rest = &rest[i + 1..];
    }
    if !rest.is_empty() {
        value(out, rest);
    }
    span(out, "c", comment);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML without its tags and with its entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_text_is_kept_character_for_character() {
        let texts = [
            "[cluster]\nname = \"a#b\" # the name\nworkers = 3\n[[x]]\n",
            "coordinator=true\nkey : value with <tags> & more\\\n  continued\n# c\n! c\n",
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  config.properties: |\n    a=b\n- - x: 1 # c\n---\n\"q\": 'v'\n",
            "", "\n\n", "é ü 日本 <>&", "-Xmx4G\n# comment\n",
        ];
        for t in texts {
            for lang in [Lang::Toml, Lang::Yaml, Lang::Properties, Lang::Plain] {
                assert_eq!(text_of(&html(t, lang)), t, "{lang:?}");
            }
        }
    }

    #[test]
    fn keys_values_and_comments_are_coloured() {
        let toml = html("[cluster]\nname = \"x\" # c\ncount = 3\n", Lang::Toml);
        assert!(
            toml.contains("<span class=\"h-t\">[cluster]</span>"),
            "{toml}"
        );
        assert!(toml.contains("<span class=\"h-k\">name </span>"), "{toml}");
        assert!(
            toml.contains("<span class=\"h-s\"> \"x\" </span><span class=\"h-c\"># c</span>"),
            "{toml}"
        );
        assert!(toml.contains("<span class=\"h-l\"> 3</span>"), "{toml}");
        let props = html("a.b=c<d\n", Lang::Properties);
        assert_eq!(props, "<span class=\"h-k\">a.b</span><span class=\"h-p\">=</span><span class=\"h-s\">c&lt;d</span>\n");
        let yaml = html("  name: trino # c\n", Lang::Yaml);
        assert!(yaml.starts_with("  <span class=\"h-k\">name</span><span class=\"h-p\">:</span><span class=\"h-v\"> trino </span>"), "{yaml}");
        assert_eq!(Lang::of("config.properties", ""), Lang::Properties);
        assert_eq!(Lang::of("", "apiVersion: v1\nkind: Pod\n"), Lang::Yaml);
        assert_eq!(Lang::of("", "[cluster]\n"), Lang::Toml);
    }
}
