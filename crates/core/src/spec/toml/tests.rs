//! The document against `toml_edit` 0.22, the TOML reader it replaces: the same values, keys,
//! order and spans for every document both read, and the same decision, read or refused, for
//! every text — on every fixture, on hand-written corner cases and on generated documents.

use std::ops::Range;

use proptest::prelude::*;
use toml_edit::TableLike;

use super::{parse, Item, Table, Value, MAX_DEPTH};

type Span = Option<Range<usize>>;

/// A document reduced to what both readers must agree on.
#[derive(Debug, PartialEq)]
enum Plain {
    String(String),
    Integer(i64),
    /// `{:?}` of the float, with the sign of a NaN.
    Float(String),
    Boolean(bool),
    /// Its span says what it is.
    Datetime,
    Array(Vec<(Plain, Span)>),
    Tables(Vec<(Plain, Span)>),
    /// Key, key span, value, value span.
    Table(Vec<(String, Span, Plain, Span)>),
}

fn float(f: f64) -> Plain {
    Plain::Float(if f.is_nan() {
        format!("NaN{}", f.is_sign_negative())
    } else {
        format!("{f:?}")
    })
}

fn ours_table(t: &Table<'_>) -> Plain {
    Plain::Table(
        t.entries()
            .iter()
            .map(|e| {
                (
                    e.key.to_string(),
                    Some(e.key_span.clone()),
                    ours(&e.item),
                    e.item.span(),
                )
            })
            .collect(),
    )
}

fn ours(item: &Item<'_>) -> Plain {
    match &item.value {
        Value::String(s) => Plain::String(s.to_string()),
        Value::Integer(i) => Plain::Integer(*i),
        Value::Float(f) => float(*f),
        Value::Boolean(b) => Plain::Boolean(*b),
        Value::Datetime(_) => Plain::Datetime,
        Value::Array(a) => {
            let items = a.items.iter().map(|i| (ours(i), i.span())).collect();
            if a.of_tables {
                Plain::Tables(items)
            } else {
                Plain::Array(items)
            }
        }
        Value::Table(t) => ours_table(t),
    }
}

fn theirs_table(t: &dyn TableLike) -> Plain {
    Plain::Table(
        t.iter()
            .map(|(key, item)| {
                let key_span = t.get_key_value(key).and_then(|(k, _)| k.span());
                let (plain, span) = theirs(item);
                (key.to_owned(), key_span, plain, span)
            })
            .collect(),
    )
}

fn theirs(item: &toml_edit::Item) -> (Plain, Span) {
    match item {
        toml_edit::Item::Value(v) => (theirs_value(v), v.span()),
        toml_edit::Item::Table(t) => (theirs_table(t), t.span()),
        toml_edit::Item::ArrayOfTables(a) => (
            Plain::Tables(a.iter().map(|t| (theirs_table(t), t.span())).collect()),
            a.span(),
        ),
        toml_edit::Item::None => (Plain::Table(Vec::new()), None),
    }
}

fn theirs_value(v: &toml_edit::Value) -> Plain {
    match v {
        toml_edit::Value::String(s) => Plain::String(s.value().clone()),
        toml_edit::Value::Integer(i) => Plain::Integer(*i.value()),
        toml_edit::Value::Float(f) => float(*f.value()),
        toml_edit::Value::Boolean(b) => Plain::Boolean(*b.value()),
        toml_edit::Value::Datetime(_) => Plain::Datetime,
        toml_edit::Value::Array(a) => {
            Plain::Array(a.iter().map(|v| (theirs_value(v), v.span())).collect())
        }
        toml_edit::Value::InlineTable(t) => theirs_table(t),
    }
}

/// Both readers read `source` alike, or both refuse it.
fn differential(source: &str) -> Result<(), String> {
    match (toml_edit::ImDocument::parse(source), parse(source)) {
        (Ok(theirs), Ok(ours)) => {
            let (theirs, ours) = (theirs_table(theirs.as_table()), ours_table(&ours));
            if theirs == ours {
                Ok(())
            } else {
                Err(format!(
                    "the documents differ\n{source:?}\ntoml_edit: {theirs:?}\nours:      {ours:?}"
                ))
            }
        }
        (Err(_), Err(_)) => Ok(()),
        (Ok(_), Err(e)) => Err(format!(
            "{source:?}: toml_edit reads it, we refuse it: {e:?}"
        )),
        (Err(e), Ok(_)) => Err(format!(
            "{source:?}: toml_edit refuses it ({}), we read it",
            e.message().replace('\n', " / ")
        )),
    }
}

/// Every fixture, example and the starter.
fn corpus() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");
    let mut out: Vec<String> = crate::examples::EXAMPLES
        .iter()
        .map(|e| e.source.to_owned())
        .collect();
    out.push(crate::spec::starter());
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    out
}

#[test]
fn every_fixture_reads_as_toml_edit_reads_it() {
    let corpus = corpus();
    assert!(corpus.len() > 15, "{}", corpus.len());
    for source in &corpus {
        differential(source).unwrap();
    }
}

/// Documents both readers read, each with a feature of TOML 1.0.
const VALID: &[&str] = &[
    "",
    "\u{feff}a = 1",
    "# only a comment",
    "a = 1\r\nb = 2\r\n",
    "a=1\n\n\n  b   =   2   # trailing\n",
    "\"quoted key\" = 1\n'literal key' = 2\n\"\" = 3\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3",
    "a . b . c = 1",
    "\"a\".'b'.c = 1",
    "[a]\nb = 1\n[c]\nd = 2",
    "[ a . b ]\nx = 1",
    "[a.b.c]\nx = 1\n[a]\ny = 2",
    "[a.b.c]\n[a.b]\nx = 1\n[a]\ny = 2",
    "[x]\n[x.y]\n[x.z]\n[w]\n[x.y.v]",
    "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
    "[a.b.c]\n[a]\nb.d.x = 1",
    "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n[[a.c]]\n[[a.c]]",
    "[[a.b]]\n[[a.b]]\n[a]\nx = 1",
    "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits]]\nname = \"banana\"",
    "a = [1, 2, 3]\nb = []\nc = [[1, 2], ['a', \"b\"], [1.5, true]]\nd = [1, 2,]",
    "a = [\n  1, # one\n  2,\n  # nothing\n]\n",
    "a = { }\nb = { x = 1, y.z = 2, 'w' = [1, { v = 3 }] }",
    "a = { x = [\n1,\n2] }",
    "a = [{ x = 1 }, { x = 2 }]",
    "s = \"tab\\tnew\\nquote\\\" unicode\\u00e9 \\U0001F600 back\\\\\"",
    "s = 'C:\\Users\\x'",
    "s = \"\"\"\nline\n  two\"\"\"",
    "s = \"\"\"a \\\n   b\"\"\"",
    "s = '''\nraw \\n '' ' '''",
    "s = \"\"\"\"quoted\"\"\"\"",
    "i = [0, +0, -0, 42, -17, 1_000, 0xDEADbeef, 0xdead_beef, 0o755, 0b1101, 9223372036854775807, -9223372036854775808]",
    "f = [0.0, -0.0, +1.5, 3.1415, -0.01, 5e+22, 1e06, -2E-2, 6.626e-34, 224_617.445_991, inf, +inf, -inf, nan, +nan, -nan, 1e-400]",
    "b = [true, false]",
    "d = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00-07:00, 1979-05-27T00:32:00.999999-07:00, 1979-05-27 07:32:00Z, 1979-05-27t07:32:00z, 1979-05-27T07:32:00, 1979-05-27T00:32:00.999999, 1979-05-27, 07:32:00, 00:32:00.999999, 2000-02-29]",
    "d = 1979-05-27 # a date, then a comment",
    "1 = 2\n1979-05-27 = 1\ntrue = false\ninf = nan\n-a_b-c = 0",
    "a = \"\\u0000\"",
    "a = \"\"\"\"\"\"\"\nb = \"\"\"\"\"\"\"\"",
    "a = 'ü ☃'\n\"é\" = 1",
];

/// Documents both readers refuse.
const INVALID: &[&str] = &[
    "a",
    "a =",
    "= 1",
    "a = 1 b = 2",
    "a = 1\na = 2",
    "a = 1\n\"a\" = 2",
    "a.b = 1\na.b = 2",
    "a.b = 1\na.b.c = 2",
    "a = 1\na.b = 2",
    "a = {x = 1}\na.y = 2",
    "a = [1]\na.b = 2",
    "[a]\n[a]",
    "[a]\nx = 1\n[a]",
    "[a]\nb.c = 1\n[a.b]",
    "a.b = 1\n[a]",
    "a = 1\n[a]",
    "a = 1\n[a.b]",
    "a = {}\n[a.b]",
    "[a.b]\n[a]\nb.x = 1",
    "[a.b.c]\n[a]\nb.x = 1",
    "[a]\nb = 1\n[a.b]",
    "[[a]]\n[a]",
    "[a]\n[[a]]",
    "a = [1]\n[[a]]",
    "a = []\n[[a]]",
    "[a.b]\n[[a]]",
    "[[a]]\n[x]\n[[a.b]]\n[x.a]\n[a]",
    "x = {a = 1, a = 2}",
    "x = {a.b = 1, a = 2}",
    "x = {a = {b = 1}, a.c = 2}",
    "x = {a = 1, a.b = 2}",
    "x = {a = 1,}",
    "x = {a = 1\n}",
    "x = {\na = 1}",
    "x = {a = 1 # comment\n}",
    "x = {,}",
    "x = {a = 1,, b = 2}",
    "x = [1,,2]",
    "x = [,]",
    "x = [1 2]",
    "x = [1,2,",
    "x = {a = 1",
    "[a",
    "[[a]",
    "[a]]",
    "[]",
    "[a.]",
    "[.a]",
    "a..b = 1",
    ".a = 1",
    "a. = 1",
    "\"a\nb\" = 1",
    "'''a''' = 1",
    "\"\"\"a\"\"\" = 1",
    "a b = 1",
    "a = b",
    "a = tru",
    "a = True",
    "a = 01",
    "a = 00",
    "a = +01.5",
    "a = 1__0",
    "a = _1",
    "a = 1_",
    "a = 0x",
    "a = 0xG",
    "a = 0X1",
    "a = -0x1",
    "a = 0b2",
    "a = 0o8",
    "a = 99999999999999999999",
    "a = 9223372036854775808",
    "a = 0x8000000000000000",
    "a = 1.",
    "a = .5",
    "a = 1.e5",
    "a = 1e",
    "a = 1e_5",
    "a = 1.5.5",
    "a = 1e400",
    "a = infinity",
    "a = NaN",
    "a = +-1",
    "a = 1979-05-27T07:32",
    "a = 1979-05-27 07:32",
    "a = 07:32",
    "a = 1979-02-29",
    "a = 1979-13-01",
    "a = 1979-05-27T24:00:00",
    "a = 1979-05-27T07:32:00+24:00",
    "a = 1979-05-27T07:32:00.",
    "a = 1979-05-27Z",
    "a = 1979-05-27T07:32:00Zjunk",
    "a = \"\\e\"",
    "a = \"\\x41\"",
    "\"\\x41\" = 1",
    "a = \"\"\"\\e\"\"\"",
    "a = \"\\q\"",
    "a = \"\\u12\"",
    "a = \"\\uD800\"",
    "a = \"broken",
    "a = 'broken",
    "a = \"\"\"broken",
    "a = '''broken",
    "a = \"a\u{1}b\"",
    "a = 'a\u{7f}b'",
    "# comment \u{1} control",
    "a = 1 # \u{7f}",
    "a = 1\rb = 2",
    "a = \"\"\"\"\"\"\"\"\"",
    "a = 1 = 2",
    "a = [1]]",
    "a = {}}",
    "}",
    "]",
    "a = {a = 1} b = 2",
];

#[test]
fn corner_cases_read_as_toml_edit_reads_them() {
    for source in VALID {
        assert!(parse(source).is_ok(), "{source:?}: {:?}", parse(source));
        differential(source).unwrap();
    }
    for source in INVALID {
        assert!(parse(source).is_err(), "{source:?} is read");
        differential(source).unwrap();
    }
}

/// The message of the first problem, with the text it points at.
fn problem(source: &str) -> (String, String, &str) {
    let e = parse(source).expect_err(source);
    (e.message, e.help, &source[e.span])
}

#[test]
fn keys_and_tables_defined_twice_name_both_places() {
    let (message, help, at) = problem("[cluster]\nname = \"a\"\nname = \"b\"\n");
    assert_eq!(
        message,
        "duplicate key `name`: it is already defined on line 2"
    );
    assert!(help.starts_with("define each key once"), "{help}");
    assert_eq!(at, "name");
    let (message, _, at) = problem("[cluster]\nname = \"a\"\n\n[cluster]\n");
    assert_eq!(
        message,
        "table `[cluster]` is defined twice (first on line 1)"
    );
    assert_eq!(at, "[cluster]");
    let (message, _, at) = problem("a.b.c = 1\n[a . b]\n");
    assert_eq!(
        message,
        "table `[a . b]` is already defined by dotted keys on line 1"
    );
    assert_eq!(at, "[a . b]");
    let (message, help, at) = problem("[[t]]\n[t]\n");
    assert_eq!(
        message,
        "`[t]` redefines the array of tables `[[t]]` of line 1"
    );
    assert_eq!(help, "write `[[t]]` to add an element");
    assert_eq!(at, "[t]");
    let (message, _, _) = problem("t = 1\n[[t]]\n");
    assert_eq!(
        message,
        "`[[t]]` cannot add to `t`: it is an integer (line 1), not an array of tables"
    );
    let (message, help, at) = problem("s = { a = 1 }\ns.b = 2\n");
    assert_eq!(
        message,
        "`s.b` cannot add to `s`: it is an inline table (line 1), not a table"
    );
    assert_eq!(help, "write every key of an inline table inside its braces");
    assert_eq!(at, "s");
    let (message, _, at) = problem("x = 1\n[x.y]\n");
    assert_eq!(
        message,
        "`[x.y]` cannot add to `x`: it is an integer (line 1), not a table"
    );
    assert_eq!(at, "x");
    let (message, help, at) = problem("[a.b]\n[a]\nb.c = 1\n");
    assert_eq!(
        message,
        "the dotted key `b.c` adds to `b`, a table defined by a header (line 1)"
    );
    assert_eq!(help, "write the key under the header of `b` instead");
    assert_eq!(at, "b");
    let (message, _, at) = problem("x = { a = 1, 'a' = 2 }");
    assert_eq!(
        message,
        "duplicate key `'a'`: it is already defined on line 1"
    );
    assert_eq!(at, "'a'");
}

#[test]
fn toml_1_1_syntax_is_refused_with_the_toml_1_0_way() {
    let (message, help, at) = problem("x = { a = 1,\n  b = 2 }");
    assert_eq!(message, "a line break inside an inline table");
    assert!(help.contains("on one line"), "{help}");
    assert_eq!(at, "\n");
    let (message, _, at) = problem("x = { a = 1, }");
    assert_eq!(message, "trailing comma in an inline table");
    assert_eq!(at, ",");
    let (message, help, at) = problem("x = \"a\\x41\"");
    assert_eq!(
        message,
        "the escape `\\xHH` is TOML 1.1; trinocfg reads TOML 1.0"
    );
    assert!(help.contains("\\u00HH"), "{help}");
    assert_eq!(at, "\\x");
    let (message, _, _) = problem("x = \"\\e[0m\"");
    assert_eq!(
        message,
        "the escape `\\e` is TOML 1.1; trinocfg reads TOML 1.0"
    );
    // `\\e` is a backslash and an `e`.
    assert!(parse("x = \"\\\\e \\\\x\"").is_ok());
    let (message, _, at) = problem("t = 07:32");
    assert_eq!(message, "invalid date-time");
    assert_eq!(at, "07:32");
}

#[test]
fn syntax_errors_point_at_a_character() {
    // As `toml_edit` did: the end of the line of an unterminated string.
    let (message, help, _) = problem("[cluster]\nname = \"broken\n\n[coordinator]\n");
    assert_eq!(message, "invalid basic string");
    assert_eq!(help, "fix the TOML syntax at this position");
    assert_eq!(
        parse("[cluster]\nname = \"broken\n").unwrap_err().span,
        24..25
    );
    assert_eq!(parse("a = [1, 2").unwrap_err().span, 9..9);
    assert_eq!(problem("a = \"x\" b = 2").0, "unexpected key or value");
    assert_eq!(
        problem("a = 99999999999999999999").0,
        "integer out of range"
    );
    assert_eq!(problem("a = 1e400").0, "float out of range");
    // toml_edit 0.22 refused `1e400` but read `-1e400` as minus infinity.
    assert_eq!(problem("a = -1e400").0, "float out of range");
    assert!(toml_edit::ImDocument::parse("a = -1e400").is_ok());
    assert_eq!(problem("a = 0x").0, "invalid hexadecimal number");
    assert_eq!(problem("a = \"\\q\"").0, "invalid escape sequence");
    let (message, help, at) = problem("a =\nb = 1");
    assert_eq!(
        (message.as_str(), help.as_str(), at),
        ("missing value", "write a value after `=`", "\n")
    );
    assert_eq!(problem("a = { b }").0, "missing value");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_without_recursing() {
    let deep =
        |open: &str, close: &str, n: usize| format!("x = {}1{}", open.repeat(n), close.repeat(n));
    let too_deep = format!("the document nests deeper than {MAX_DEPTH} levels");
    // Arrays as deep as `toml_edit` reads them.
    differential(&deep("[", "]", MAX_DEPTH - 1)).unwrap();
    assert!(parse(&deep("[", "]", MAX_DEPTH - 1)).is_ok());
    differential(&deep("[", "]", MAX_DEPTH)).unwrap();
    assert_eq!(problem(&deep("[", "]", MAX_DEPTH)).0, too_deep);
    // The keys of inline tables count too: `x.a.a…` is as deep as the tables.
    assert!(parse(&deep("{a = ", "}", MAX_DEPTH - 2)).is_ok());
    assert_eq!(problem(&deep("{a = ", "}", MAX_DEPTH - 1)).0, too_deep);
    for open in ["[", "{a = "] {
        // Far deeper, and unclosed: refused, without overflowing the stack.
        assert!(parse(&open.repeat(200_000)).is_err());
        assert_eq!(
            problem(&format!("x = {}", open.repeat(200_000))).0,
            too_deep
        );
    }
    let keys = |n: usize| vec!["k"; n].join(".");
    differential(&format!("{} = 1", keys(MAX_DEPTH - 1))).unwrap();
    differential(&format!("{} = 1", keys(MAX_DEPTH))).unwrap();
    differential(&format!("[{}]", keys(MAX_DEPTH - 1))).unwrap();
    differential(&format!("[{}]", keys(MAX_DEPTH))).unwrap();
    // Headers, dotted keys and values count together.
    let mixed = format!("[{}]\n{} = {}", keys(30), keys(30), deep("[", "]", 30));
    assert!(parse(&mixed).is_err());
}

#[test]
fn large_tables_find_their_keys() {
    let mut source = String::new();
    for i in 0..500 {
        source.push_str(&format!("[t.k{i}]\nv = {i}\n"));
    }
    source.push_str("[t.k250]\n");
    assert_eq!(
        problem(&source).0,
        "table `[t.k250]` is defined twice (first on line 501)"
    );
    let doc = parse(&source[..source.len() - "[t.k250]\n".len()]).unwrap();
    let t = doc.get("t").unwrap().item.as_table().unwrap();
    assert_eq!(t.entries().len(), 500);
    let k = t.get("k499").unwrap().item.as_table().unwrap();
    assert_eq!(k.get("v").unwrap().item.as_integer(), Some(499));
    // A table made by a longer header moves to where its own header is.
    let mut source = String::new();
    for i in 0..20 {
        source.push_str(&format!("[t.k{i}.sub]\n"));
    }
    source.push_str("[t.k3]\nv = 1\n[t.k3.other]\n");
    differential(&source).unwrap();
    let doc = parse(&source).unwrap();
    let t = doc.get("t").unwrap().item.as_table().unwrap();
    assert_eq!(&*t.entries().last().unwrap().key, "k3");
    assert!(t
        .get("k3")
        .unwrap()
        .item
        .as_table()
        .unwrap()
        .get("other")
        .is_some());
    assert!(t.get("k19").is_some());
}

/// Keys drawn from few names, so that generated documents define keys and tables twice.
fn key() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "a", "a", "b", "b", "c", "\"a\"", "'b'", "\"c d\"", "1", "-x", "a . b", "b.c",
        ][..],
    )
    .prop_map(str::to_owned)
}

fn scalar() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "0",
            "-17",
            "+99",
            "1_000",
            "0xff",
            "0o17",
            "0b101",
            "1.5",
            "-0.0",
            "1e3",
            "6.26e-34",
            "inf",
            "-nan",
            "true",
            "false",
            "\"x\"",
            "'y'",
            "\"\"",
            "\"esc\\t\\u00e9\"",
            "\"\"\"m\nl\"\"\"",
            "'''lit\n'''",
            "1979-05-27T07:32:00Z",
            "1979-05-27",
            "07:32:00",
            "1979-05-27 07:32:00.5-07:00",
        ][..],
    )
    .prop_map(str::to_owned)
}

fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                prop::collection::vec(inner.clone(), 0..4),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(items, trailing, lines)| {
                    let sep = if lines { ",\n  " } else { ", " };
                    let comma = if trailing && !items.is_empty() {
                        ","
                    } else {
                        ""
                    };
                    format!("[{}{comma}]", items.join(sep))
                }),
            (prop::collection::vec((key(), inner), 0..4), 0..12u8).prop_map(|(pairs, form)| {
                let pairs: Vec<String> = pairs
                    .into_iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                // Now and then what TOML 1.1 allows and 1.0 does not.
                match form {
                    0 => format!("{{ {}, }}", pairs.join(", ")),
                    1 => format!("{{\n  {}\n}}", pairs.join(",\n  ")),
                    _ => format!("{{ {} }}", pairs.join(", ")),
                }
            }),
        ]
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => (key(), key(), value()).prop_map(|(a, b, v)| format!("{a}.{b} = {v}")),
        1 => prop::collection::vec(key(), 1..3).prop_map(|k| format!("[{}]", k.join("."))),
        1 => prop::collection::vec(key(), 1..3).prop_map(|k| format!("[[{}]]", k.join("."))),
        1 => Just("# comment".to_owned()),
        1 => Just(String::new()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..12).prop_map(|lines| lines.join("\n"))
}

/// Characters that change the structure of a TOML text.
const EDITS: &[char] = &[
    '[', ']', '{', '}', '=', ',', '.', '"', '\'', '#', '\n', ' ', '\\', 'x', '0', '-', ':', '_',
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Generated documents, most of them with keys or tables defined twice.
    #[test]
    fn generated_documents_read_as_toml_edit_reads_them(doc in document()) {
        prop_assert!(differential(&doc).is_ok(), "{}", differential(&doc).unwrap_err());
    }

    /// Fixtures with a character inserted, removed or replaced: syntax errors anywhere.
    #[test]
    fn edited_fixtures_read_as_toml_edit_reads_them(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        edit in 0..3u8,
        c in prop::sample::select(EDITS),
    ) {
        let corpus = corpus();
        let source = pick.get(&corpus);
        let mut chars: Vec<char> = source.chars().collect();
        if !chars.is_empty() {
            let i = at.index(chars.len());
            match edit {
                0 => chars.insert(i, c),
                1 => { chars.remove(i); }
                _ => chars[i] = c,
            }
        }
        let edited: String = chars.into_iter().collect();
        prop_assert!(differential(&edited).is_ok(), "{}", differential(&edited).unwrap_err());
    }
}
