//! Round trips of `trinocfg::properties` against independent readers.
//!
//! The independent reader is the `java-properties` crate. Its `PropertiesIter::new` decodes
//! bytes as windows-1252; since the writer emits pure ASCII that is exact for rendered text,
//! and hand-written corpus files are fed to it as Latin-1 bytes restricted to characters on
//! which windows-1252 and ISO-8859-1 agree. Where that crate departs from
//! `java.util.Properties` (listed in `java_properties_crate_divergences`), the expected values
//! come from a real JDK 17; `differential_against_real_java` (runs when `java` is on the PATH) checks
//! them and a few thousand random files against a real `java.util.Properties`.

use java_properties::{LineContent, PropertiesIter};
use trinocfg::properties::{escape_key, escape_value, parse, render, render_with_header};

type Pairs = Vec<(String, String)>;

/// Key/value pairs as the `java-properties` crate reads `text`, in order.
fn jp_pairs(text: &str) -> Result<Pairs, String> {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match u8::try_from(u32::from(c)) {
            Ok(b) if !(0x80..0xA0).contains(&b) => b,
            _ => panic!("test corpus character {c:?} is not the same in windows-1252 and Latin-1"),
        })
        .collect();
    let mut out = Vec::new();
    for line in PropertiesIter::new(&bytes[..]) {
        let line = line.map_err(|e| e.to_string())?;
        if let LineContent::KVPair(k, v) = line.consume_content() {
            out.push((k, v));
        }
    }
    Ok(out)
}

/// Key/value pairs as our reader reads `text`, failing on any error.
fn our_pairs(text: &str) -> Result<Pairs, String> {
    let file = parse(text);
    if let Some(e) = file.errors.first() {
        return Err(format!("{}:{}: {}", e.line, e.column, e.message));
    }
    Ok(file.entries.into_iter().map(|e| (e.key, e.value)).collect())
}

/// `Debug` text cut short, for assertion messages about huge strings.
fn short<T: std::fmt::Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    match text.char_indices().nth(300) {
        Some((i, _)) => format!("{}... ({} chars)", &text[..i], text.chars().count()),
        None => text,
    }
}

/// Asserts equality without printing megabytes.
#[allow(clippy::needless_pass_by_value)] // callers hand over the results they computed
fn assert_same<T: PartialEq + std::fmt::Debug>(ours: T, theirs: T, context: &str) {
    assert!(
        ours == theirs,
        "{}\n ours:   {}\n theirs: {}",
        short(&context),
        short(&ours),
        short(&theirs)
    );
}

fn pair(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

fn is_astral(s: &str) -> bool {
    s.chars().any(|c| u32::from(c) > 0xFFFF)
}

fn hostile_strings() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "   ",
        "plain",
        "a=b",
        "a:b",
        "=",
        ":",
        "==x",
        ":=x",
        "#",
        "#comment",
        "!",
        "!bang",
        "\\",
        "\\\\",
        "ends with backslash\\",
        "\\u0041",
        "\\uZZZZ",
        "\\n",
        "new\nline",
        "a=b\nc=d",
        "a=b\r\nc=d",
        "a=b\rc=d",
        "x\n#y\n!z",
        "\n",
        "\r",
        "\r\n",
        " leading space",
        "trailing space ",
        "  both  ",
        "\ttab\t",
        "form\x0cfeed",
        "vertical\x0btab",
        "nul\0byte",
        "del\x7f",
        "bell\x07",
        "${ENV:X}",
        "${ENV:TRINO_PASSWORD}",
        "jdbc:postgresql://db:5432/x?user=a&password=b#frag",
        "http://[::1]:8080/path?q=1",
        "caf\u{e9}",
        "\u{a0}nbsp\u{a0}",
        "\u{85}nel\u{2028}ls\u{2029}ps",
        "\u{20ac}uro",
        "\u{fffd}\u{feff}",
        "日本語",
        "😀",
        "emoji 😀 in text",
        "\u{10FFFF}",
        "mixed 😀\n=é\\ #!",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    v.push("x".repeat(100_000));
    v.push(format!("{}\n{}", "=".repeat(5_000), " \\".repeat(5_000)));
    v
}

/// Key/value combinations: every pair of short hostile strings, and each long one with a few.
fn hostile_pairs() -> Pairs {
    let strings = hostile_strings();
    let (long, short): (Vec<String>, Vec<String>) =
        strings.into_iter().partition(|s| s.len() > 1000);
    let mut pairs = Vec::new();
    for k in &short {
        for v in &short {
            pairs.push((k.clone(), v.clone()));
        }
    }
    for l in &long {
        for other in ["", " ", "a=b\nc=d", "\\", "😀"] {
            pairs.push((l.clone(), other.to_string()));
            pairs.push((other.to_string(), l.clone()));
        }
        pairs.push((l.clone(), l.clone()));
    }
    pairs
}

#[test]
fn writer_output_is_one_printable_ascii_line_per_entry() {
    for s in hostile_strings() {
        for escaped in [escape_key(&s), escape_value(&s)] {
            assert!(
                escaped.bytes().all(|b| (0x20..0x7f).contains(&b)),
                "{escaped:?}"
            );
        }
        let key = escape_key(&s);
        assert!(!key.starts_with(['#', '!', ' ']), "{key:?}");
        let text = render([(s.as_str(), s.as_str())]);
        assert_eq!(text.matches('\n').count(), 1);
        assert!(text.ends_with('\n'));
        let line = &text[..text.len() - 1];
        assert!(!line.ends_with([' ', '\t', '\x0c']), "{line:?}");
    }
}

#[test]
fn java_properties_reads_rendered_hostile_pairs_back() {
    for (k, v) in &hostile_pairs() {
        let text = render([(k, v)]);
        let read = jp_pairs(&text);
        if is_astral(k) || is_astral(v) {
            // java.util.Properties.store writes astral characters as UTF-16 surrogate pair
            // escapes, and so do we; the java-properties crate cannot read those (it turns
            // each \uXXXX into a char on its own) so it is no oracle here. Our own reader
            // and a real JDK (see the differential test) are.
            assert!(read.is_err(), "{}", short(&text));
        } else {
            assert_same(read, Ok(vec![pair(k, v)]), &text);
        }
    }
}

#[test]
fn our_reader_reads_rendered_hostile_pairs_back() {
    for (k, v) in &hostile_pairs() {
        let text = render([(k, v)]);
        assert_same(our_pairs(&text), Ok(vec![pair(k, v)]), &text);
    }
}

#[test]
fn whole_file_with_header_reads_back_exactly() {
    let strings = hostile_strings();
    let entries: Pairs = strings
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            [
                (s.clone(), format!("value {i}")),
                (format!("key.{i}"), s.clone()),
                (s.clone(), s.clone()),
            ]
        })
        .collect();
    let header = [
        "Generated by trinocfg",
        "injection\nx=1\n# y\r\n!z\rw=2",
        "ends with backslash \\",
        "",
        "unicode é 😀",
    ];
    let text = render_with_header(&header, entries.iter().map(|(k, v)| (k, v)));
    assert!(text
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b)));
    let comment_lines = text.lines().take_while(|l| l.starts_with('#')).count();
    assert_eq!(comment_lines, 9);

    // Ours reads everything back, in order, with the right line numbers.
    let file = parse(&text);
    assert!(file.errors.is_empty());
    assert_eq!(file.entries.len(), entries.len());
    for (i, (entry, (k, v))) in file.entries.iter().zip(&entries).enumerate() {
        assert_same((&entry.key, &entry.value), (k, v), "entry");
        assert_eq!(entry.line, comment_lines + i + 1);
        assert_eq!(entry.column, 1);
        assert_eq!(entry.value_line, entry.line);
    }

    // java-properties reads the same, once astral characters (see above) are left out: it
    // even unescapes comments, where Java ignores everything.
    let bmp: Pairs = entries
        .iter()
        .filter(|(k, v)| !is_astral(k) && !is_astral(v))
        .cloned()
        .collect();
    let header: Vec<&str> = header.into_iter().filter(|c| !is_astral(c)).collect();
    let text = render_with_header(&header, bmp.iter().map(|(k, v)| (k, v)));
    assert_same(jp_pairs(&text), Ok(bmp), "whole file");
}

/// Hand-written files on which `java.util.Properties` and the `java-properties` crate agree.
const CORPUS: &[&str] = &[
    "a=b\n",
    "a = b\n",
    "a:b\n",
    "a : b\n",
    "a b\n",
    "a\tb\n",
    "a\x0cb\n",
    "a \t\x0c= \t\x0cb\n",
    "a==b\n",
    "a=:b\n",
    "a:=b\n",
    "a = = b\n",
    "a b = c\n",
    "a\n",
    "a=\n",
    "a =\n",
    "=\n",
    "=b\n",
    ":b\n",
    " =b\n",
    "a=b   \n",
    "a=b\t\n",
    "   leading=whitespace\n",
    "\t\x0c leading=whitespace\n",
    "# comment\na=1\n",
    "! comment\na=1\n",
    "   # indented comment\na=1\n",
    "\t!indented\na=1\n",
    "#a=1\n!b=2\n",
    "# comment with backslash \\\na=1\n",
    "! comment \\\\\\\nb=2\n",
    "a=#not a comment\n",
    "a=!not a comment\n",
    "a#b=c\n",
    "\n\n\na=1\n\n\n",
    "  \n\t\n\x0c\na=1\n",
    "a=1\\\n2\n",
    "a=1\\\n    2\n",
    "a=1\\\n\t\x0c 2\\\n   3\n",
    "a=1\\\\\nb=2\n",
    "a=1\\\\\\\n2\n",
    "a=1\\\\\\\\\nb=2\n",
    "a\\\n  b=c\n",
    "a=\\\n\nb=2\n",
    "a=1\\\n   \nb=2\n",
    "a=1\\\n#2\n",
    "a=1\\\n!2\n",
    "a=1\\\n  # 2\n",
    "   \\\n  a=1\n",
    "a=1\r\nb=2\r\n",
    "a=1\rb=2\r",
    "a=1\\\r\n  2\r\nb=3\r\n",
    "a=1\\\r  2\rb=3\r",
    "a=1\n\rb=2\n",
    "a=1\r\r\nb=2",
    "a=1\nb=2",
    "a\\=b=c\n",
    "a\\:b:c\n",
    "a\\ b c\n",
    "a\\\\=b\n",
    "a\\\\ b\n",
    "\\#a=b\n",
    "\\!a=b\n",
    "\\ a=b\n",
    "a=\\ b\n",
    "a=\\\\\n",
    "a=\\t\\n\\r\\f\n",
    "a=\\b\\c\\d\\e\\=\\:\\#\\!\\\"\\'\n",
    "a=\\u0041\\u0062\\u00e9\\u00E9\\u20ac\n",
    "\\u0061\\u003d=b\n",
    "a=\\u0000\\u007f\n",
    "a=\\u0020lead\n",
    "a=\\u00\\\n  41\n",
    "a=\\u\\\n  0041\n",
    "a=caf\u{e9}\n",
    "\u{e9}t\u{e9}=\u{ff}\n",
    "a=1\na=2\na=3\n",
    "a=1\nb=2\na=3\n",
    "key with spaces = value with spaces \n",
    "http-server.http.port=8080\nnode.environment=production\ncoordinator=true\n",
    "discovery.uri=http://example.net:8080\n",
    "connection-url=jdbc:postgresql://db:5432/x?a=b&c=d\n",
    "connection-password=${ENV:PASSWORD}\n",
    "a=b\\\\\\\\\\\\\n",
    "a=1\\\n\\\n\\\n  2\n",
];

#[test]
fn reader_agrees_with_java_properties_on_corpus() {
    for text in CORPUS {
        let theirs = jp_pairs(text);
        assert!(theirs.is_ok(), "{text:?}: {theirs:?}");
        assert_eq!(our_pairs(text), theirs, "{text:?}");
    }
    // And on all of them concatenated.
    let all: String = CORPUS.concat();
    assert_eq!(our_pairs(&all), jp_pairs(&all));
}

#[test]
fn malformed_unicode_escapes_fail_in_both() {
    for text in [
        "a=\\u12\n",
        "a=\\u\n",
        "a=\\u004\n",
        "a=\\uXYZW\n",
        "a=\\u00g0\n",
        "a\\u12=b\n",
        "a=ok\nb=\\u00 1\nc=ok\n",
    ] {
        assert!(jp_pairs(text).is_err(), "{text:?}");
        let file = parse(text);
        assert_eq!(file.errors.len(), 1, "{text:?}");
        assert!(file.errors[0].message.contains("malformed \\uxxxx"));
    }
    // We report the position and go on where Java stops.
    let file = parse("a=ok\nb=x\\u00 1\nc=ok\n");
    assert_eq!(
        file.entries
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["a", "c"]
    );
    let e = &file.errors[0];
    assert_eq!((e.line, e.column, e.span.clone()), (2, 4, 8..13));
}

/// Cases where the `java-properties` crate departs from `java.util.Properties` (JDK 9+), with
/// the pairs a real JDK 17 `Properties.load` yields.
const DIVERGENCES: &[(&str, &[(&str, &str)])] = &[
    // A backslash ending the text is dropped; the crate drops the whole line.
    ("a=1\\", &[("a", "1")]),
    ("a=1\\\\\\", &[("a", "1\\")]),
    ("\\", &[("", "")]),
    // A logical line emptied by a continuation starts afresh, so '#' starts a comment (which
    // never continues); the crate joins the comment with the next line.
    ("\\\n#c\\\nb=1\n", &[("b", "1")]),
    // Only space, tab and form feed are skipped on continuation lines; the crate trims all
    // Unicode whitespace.
    ("a=1\\\n\u{a0}2\n", &[("a", "1\u{a0}2")]),
    ("a=1\\\n\x0b2\n", &[("a", "1\x0b2")]),
    // Surrogate pair escapes make one character.
    ("a=\\uD83D\\uDE00\n", &[("a", "😀")]),
    // Comments are not unescaped at all.
    ("# \\uD83D \\u12\na=1\n", &[("a", "1")]),
];

#[test]
fn java_properties_crate_divergences() {
    for (text, expected) in DIVERGENCES {
        let expected: Pairs = expected.iter().map(|(k, v)| pair(k, v)).collect();
        assert_eq!(our_pairs(text), Ok(expected), "{text:?}");
        assert_ne!(our_pairs(text), jp_pairs(text), "{text:?}");
    }
    // Java rejects a sign in \uXXXX (the crate's from_str_radix accepts "+123").
    assert_eq!(parse("a=\\u+123\n").errors.len(), 1);
    assert!(jp_pairs("a=\\u+123\n").is_ok());
}

// ---------------------------------------------------------------------------------------------
// Differential check against a real JDK (when `java` is on the PATH).
// ---------------------------------------------------------------------------------------------

const JAVA_DUMP: &str = r#"
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;

public class Dump {
    static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0) b.append(',');
            b.append(Integer.toHexString(s.charAt(i)));
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            byte[] bytes = Files.readAllBytes(Paths.get(args[0], i + ".properties"));
            String text = new String(bytes, StandardCharsets.UTF_8);
            out.append("FILE\n");
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IllegalArgumentException e) {
                out.append("ERR\n");
                continue;
            }
            for (Map.Entry<Object, Object> e : p.entrySet()) {
                out.append(hex((String) e.getKey())).append('|').append(hex((String) e.getValue())).append('\n');
            }
        }
        System.out.print(out);
    }
}
"#;

/// Java's result for each file: `None` when `load` threw, else the sorted map.
fn run_java(texts: &[String]) -> Option<Vec<Option<Pairs>>> {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("trinocfg-java-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    std::fs::write(dir.join("Dump.java"), JAVA_DUMP).ok()?;
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.properties")), t).ok()?;
    }
    let output = Command::new("java")
        .arg(dir.join("Dump.java"))
        .arg(&dir)
        .arg(texts.len().to_string())
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).ok()?;
    let decode = |h: &str| -> String {
        let units: Vec<u16> = h
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| u16::from_str_radix(s, 16).unwrap_or(0))
            .collect();
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    let mut results: Vec<Option<Pairs>> = Vec::new();
    for line in stdout.lines() {
        match line {
            "FILE" => results.push(Some(Vec::new())),
            "ERR" => *results.last_mut()? = None,
            kv => {
                let (k, v) = kv.split_once('|')?;
                results.last_mut()?.as_mut()?.push((decode(k), decode(v)));
            }
        }
    }
    for r in results.iter_mut().flatten() {
        r.sort();
    }
    Some(results)
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }
}

/// Runs when a JDK is on the PATH (`scripts/test.sh` makes sure one is); without one it says so
/// and compares nothing.
#[test]
#[allow(clippy::print_stderr)]
fn differential_against_real_java() {
    const ALPHABET: &[&str] = &[
        "a", "b", "k", "=", ":", " ", " ", "\t", "\x0c", "\\", "\\", "\\", "\n", "\n", "\r",
        "\r\n", "#", "!", "u", "\\u", "0", "4", "1", "D", "8", "e", "f", "g", "n", "t", "é", "😀",
        "\0", "\u{a0}", "\x0b",
    ];
    if std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_err()
    {
        eprintln!("no `java` on the PATH: the differential check against a real JDK did not run");
        return;
    }
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut texts: Vec<String> = CORPUS
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    texts.extend(DIVERGENCES.iter().map(|(text, _)| text.to_string()));
    texts.push("a=\\u+123\n".to_string());
    let cases: usize = std::env::var("TRINOCFG_JAVA_DIFF_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000);
    for _ in 0..cases {
        let len = rng.below(60);
        texts.push(
            (0..len)
                .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                .collect(),
        );
    }
    // Rendered hostile pairs, astral characters included.
    let strings = hostile_strings();
    let rendered_from = texts.len();
    for k in &strings {
        texts.push(render(
            strings
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{k}.{i}"), v)),
        ));
    }

    let java = run_java(&texts).expect("running java");
    assert_eq!(java.len(), texts.len());
    // The random files exercise both outcomes.
    assert!(java.iter().filter(|r| r.is_none()).count() > 100);
    assert!(java.iter().flatten().filter(|r| r.len() > 1).count() > 100);
    for (i, (text, theirs)) in texts.iter().zip(java).enumerate() {
        let file = parse(text);
        let malformed = file.errors.iter().any(|e| e.message.contains("malformed"));
        match theirs {
            None => assert!(malformed, "Java failed, we did not: {text:?}"),
            Some(theirs) => {
                assert!(
                    !malformed,
                    "we failed, Java did not: {text:?} {:?}",
                    file.errors
                );
                let mut ours: Pairs = file.to_map().into_iter().collect();
                ours.sort();
                assert_same(ours, theirs, text);
                if i >= rendered_from {
                    assert!(file.errors.is_empty());
                }
            }
        }
    }
}
