//! Input text: every Unicode encoding form decodes to the same text, what is not text is
//! refused with the offset of the first bad byte, and every file trinocfg writes is told apart
//! by its content alone.

mod common;

use std::borrow::Cow;

use proptest::prelude::*;
use trinocfg::text::{
    decode, decode_trino_file, detect, shape, sniff, DecodeError, Encoding, InputKind, Shape,
    MAX_INPUT_BYTES,
};

const ALL: [Encoding; 5] = [
    Encoding::Utf8,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
    Encoding::Utf32Le,
    Encoding::Utf32Be,
];

/// `text` in `encoding`, with its byte-order mark when `mark`.
fn encode(text: &str, encoding: Encoding, mark: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let chars: Vec<char> = if mark && encoding != Encoding::Utf8 {
        std::iter::once('\u{feff}').chain(text.chars()).collect()
    } else {
        text.chars().collect()
    };
    match encoding {
        Encoding::Utf8 => {
            if mark {
                out.extend_from_slice(b"\xef\xbb\xbf");
            }
            out.extend_from_slice(text.as_bytes());
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let s: String = chars.into_iter().collect();
            for unit in s.encode_utf16() {
                out.extend_from_slice(&if encoding == Encoding::Utf16Le {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
        }
        Encoding::Utf32Le | Encoding::Utf32Be => {
            for c in chars {
                out.extend_from_slice(&if encoding == Encoding::Utf32Le {
                    u32::from(c).to_le_bytes()
                } else {
                    u32::from(c).to_be_bytes()
                });
            }
        }
    }
    out
}

fn kubernetes_yaml() -> String {
    trinocfg::generate(trinocfg::examples::find("kafka-orders").unwrap().source)
        .output
        .unwrap()
        .kubernetes
}

#[test]
fn every_encoding_form_decodes_to_the_same_text() {
    let yaml = kubernetes_yaml();
    let texts = [
        yaml.as_str(),
        "[cluster]\nname = \"größe — 数据\"\n# 😀 astral\n",
        "a",
    ];
    for text in texts {
        for encoding in ALL {
            for mark in [false, true] {
                let bytes = encode(text, encoding, mark);
                let decoded = decode(&bytes)
                    .unwrap_or_else(|e| panic!("{} mark={mark}: {e}", encoding.name()));
                assert_eq!(decoded.text, text, "{} mark={mark}", encoding.name());
                assert_eq!(decoded.encoding, encoding);
                assert_eq!(decoded.byte_order_mark, mark);
                assert_eq!(detect(&bytes).0, encoding);
            }
        }
    }
    // UTF-8 is not copied.
    assert!(matches!(
        decode(b"x = 1").unwrap().text,
        Cow::Borrowed("x = 1")
    ));
    assert!(matches!(
        decode(b"\xef\xbb\xbfx = 1").unwrap().text,
        Cow::Borrowed("x = 1")
    ));
}

#[test]
fn a_byte_order_mark_before_yaml_is_dropped() {
    let yaml = kubernetes_yaml();
    let bytes = encode(&yaml, Encoding::Utf8, true);
    let decoded = decode(&bytes).unwrap();
    assert_eq!(decoded.text, yaml);
    let input = trinocfg::input::kubernetes::read(&decoded.text, "k.yaml");
    let diagnostics = trinocfg::check(&input);
    assert!(
        diagnostics.iter().all(|d| d.code != "TP011"),
        "{diagnostics:?}"
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_line() {
    let err = decode(b"[cluster]\nname = \"caf\xe9\"\n").unwrap_err();
    assert_eq!(
        err,
        DecodeError::InvalidUtf8 {
            offset: 21,
            byte: 0xE9,
            line: 2
        }
    );
    assert_eq!(
        err.message("spec.toml"),
        "spec.toml is not UTF-8 text: byte 0xE9 at offset 21 (line 2) is not valid UTF-8"
    );
    assert!(err.help().contains("iconv -f WINDOWS-1252 -t UTF-8"));
    // After a byte-order mark the offset still counts from the first byte of the input.
    assert!(matches!(
        decode(b"\xef\xbb\xbfab\xff").unwrap_err(),
        DecodeError::InvalidUtf8 { offset: 5, .. }
    ));
}

/// A fixed sequence of bytes that looks random (xorshift).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_be_bytes()[4]
        })
        .collect()
}

#[test]
fn binary_data_is_refused_as_binary() {
    for seed in 1..50 {
        let bytes = noise(2000, seed);
        match decode(&bytes) {
            Err(DecodeError::Binary {
                what: "binary data",
                offset,
                byte,
            }) => assert_eq!(bytes[offset], byte),
            other => panic!("seed {seed}: {other:?}"),
        }
        assert!(matches!(
            decode_trino_file(&bytes),
            Err(DecodeError::Binary { .. } | DecodeError::NotForTrino { .. })
        ));
    }
    let err = decode(b"\x1f\x8b\x08\x00\x00\x00\x00\x00").unwrap_err();
    assert_eq!(
        err.message("x.gz"),
        "x.gz looks like gzip-compressed data, not text (it starts with that signature)"
    );
    assert_eq!(err.help(), "decompress it first");
    // Valid UTF-8 is not text when it holds a NUL byte.
    assert_eq!(
        decode(b"kind: x\n\0").unwrap_err(),
        DecodeError::Binary {
            what: "binary data",
            offset: 8,
            byte: 0
        }
    );
    assert!(decode(b"\x01\x02\x03abc").is_err());
    // One stray control character in a text is the reader's business, not binary.
    let mut text = "a: b\n".repeat(100);
    text.push('\u{7}');
    assert!(decode(text.as_bytes()).is_ok());
}

#[test]
fn damaged_utf16_and_utf32_are_refused_at_the_bad_unit() {
    // "ab", then an unpaired high surrogate.
    let bytes = b"\xff\xfea\x00b\x00\x00\xd8c\x00";
    assert_eq!(
        decode(bytes).unwrap_err(),
        DecodeError::InvalidUnicode {
            encoding: Encoding::Utf16Le,
            offset: 6
        }
    );
    // A last unit cut short.
    let bytes = b"\xfe\xff\x00a\x00";
    assert_eq!(
        decode(bytes).unwrap_err(),
        DecodeError::InvalidUnicode {
            encoding: Encoding::Utf16Be,
            offset: 4
        }
    );
    // A value above U+10FFFF.
    let bytes = b"\xff\xfe\x00\x00a\x00\x00\x00\x00\x00\x11\x00";
    let err = decode(bytes).unwrap_err();
    assert_eq!(
        err,
        DecodeError::InvalidUnicode {
            encoding: Encoding::Utf32Le,
            offset: 8
        }
    );
    assert!(err
        .message("<stdin>")
        .starts_with("<stdin> is UTF-32LE text, but the code unit at offset 8"));
}

#[test]
fn the_size_limit_holds_before_and_after_decoding() {
    let big = vec![b'a'; MAX_INPUT_BYTES + 1];
    assert_eq!(
        decode(&big).unwrap_err(),
        DecodeError::TooLarge {
            bytes: MAX_INPUT_BYTES + 1
        }
    );
    assert!(matches!(
        decode_trino_file(&big),
        Err(DecodeError::TooLarge { .. })
    ));
    assert!(decode(&big[1..]).is_ok());
    // Within the limit as UTF-16, over it as UTF-8: three bytes for every two.
    let cjk = "数".repeat(MAX_INPUT_BYTES / 2 - 1);
    let bytes = encode(&cjk, Encoding::Utf16Le, true);
    assert!(bytes.len() <= MAX_INPUT_BYTES);
    assert!(matches!(decode(&bytes), Err(DecodeError::TooLarge { .. })));
    assert_eq!(
        DecodeError::TooLarge { bytes: 0 }.message("<stdin>"),
        "<stdin> is larger than 4 MiB, the limit for every input"
    );
    assert_eq!(MAX_INPUT_BYTES, trinocfg::spec::MAX_SPEC_BYTES);
}

#[test]
fn trino_files_are_read_as_trino_reads_them() {
    assert_eq!(
        decode_trino_file(b"a=\xe9").unwrap(),
        "a=\u{e9}",
        "ISO-8859-1"
    );
    assert!(matches!(
        decode_trino_file("a=é".as_bytes()).unwrap(),
        Cow::Borrowed("a=é")
    ));
    let err = decode_trino_file(b"\xef\xbb\xbfcoordinator=true\n").unwrap_err();
    assert_eq!(
        err,
        DecodeError::NotForTrino {
            encoding: Encoding::Utf8,
            byte_order_mark: true
        }
    );
    assert_eq!(
        err.message("etc/config.properties"),
        "etc/config.properties starts with a UTF-8 byte-order mark, which Trino reads as part of the first key or option"
    );
    assert_eq!(err.help(), "save it without the byte-order mark");
    for mark in [false, true] {
        let bytes = encode("coordinator=true\n", Encoding::Utf16Le, mark);
        let err = decode_trino_file(&bytes).unwrap_err();
        assert!(
            matches!(
                err,
                DecodeError::NotForTrino {
                    encoding: Encoding::Utf16Le,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.help().contains("iconv -f UTF-16LE -t UTF-8"));
    }
}

#[test]
fn every_generated_file_is_told_apart_by_its_content() {
    for example in trinocfg::examples::EXAMPLES {
        assert_eq!(sniff(example.source), InputKind::Spec, "{}", example.name);
        let rendered = trinocfg::generate(example.source).output.unwrap();
        assert!(
            matches!(sniff(&rendered.kubernetes), InputKind::Kubernetes { .. }),
            "{}",
            example.name
        );
        for (path, contents) in rendered.tree() {
            let kind = sniff(&contents);
            let expected = if path.ends_with(".properties") {
                matches!(kind, InputKind::Properties { .. })
            } else if path.ends_with("jvm.config") {
                matches!(kind, InputKind::JvmConfig { .. })
            } else if path.rsplit('.').next() == Some("json") {
                matches!(kind, InputKind::Json { .. })
            } else if path.ends_with("/group.txt") || path.starts_with("gateway/") {
                // The group provider's file and the gateway's: not taken for any file of a
                // Trino cluster.
                !matches!(
                    kind,
                    InputKind::Kubernetes { .. }
                        | InputKind::Properties { .. }
                        | InputKind::JvmConfig { .. }
                        | InputKind::Json { .. }
                )
            } else {
                matches!(kind, InputKind::Kubernetes { .. })
            };
            assert!(expected, "{} {path}: {kind:?}", example.name);
        }
    }
}

#[test]
fn fixtures_are_told_apart_by_their_content() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut seen = 0;
    for dir in ["specs", "invalid"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let kind = sniff(&text);
            // A spec with broken syntax may look like no known kind; never like another one.
            assert!(
                matches!(kind, InputKind::Spec | InputKind::Unknown { .. }),
                "{}: {kind:?}",
                path.display()
            );
            if dir == "specs" {
                assert_eq!(kind, InputKind::Spec, "{}", path.display());
            }
            seen += 1;
        }
    }
    for entry in std::fs::read_dir(root.join("check/kubernetes")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            matches!(sniff(&text), InputKind::Kubernetes { .. }),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen > 30, "{seen}");
}

#[test]
fn what_is_neither_a_spec_nor_kubernetes_says_what_it_looks_like() {
    let cases: &[(&str, InputKind)] = &[
        ("", InputKind::Empty),
        ("\n  # only a comment\n\n", InputKind::Empty),
        ("[cluster]\nname = \"a\"\n", InputKind::Spec),
        ("# spec\ncluster.name = \"a\"\n", InputKind::Spec),
        ("\"quoted\".key = 1\n", InputKind::Spec),
        ("name = trino\n[cluster]\n", InputKind::Spec),
        (
            "---\napiVersion: v1\nkind: ConfigMap\n",
            InputKind::Kubernetes { line: 2 },
        ),
        (
            "# Source: x\nkind: List\n",
            InputKind::Kubernetes { line: 2 },
        ),
        (
            "{\"apiVersion\": \"v1\"}\n",
            InputKind::Kubernetes { line: 1 },
        ),
        (
            "{\n  \"kind\" : \"Pod\"\n}\n",
            InputKind::Kubernetes { line: 2 },
        ),
        ("- apiVersion: v1\n", InputKind::Kubernetes { line: 1 }),
        ("foo: bar\n", InputKind::Yaml { line: 1 }),
        (
            "image:\n  repository: trinodb/trino\n",
            InputKind::Yaml { line: 1 },
        ),
        (
            "services:\n  trino:\n    image: x\n",
            InputKind::Yaml { line: 1 },
        ),
        ("---\n- a\n", InputKind::Yaml { line: 1 }),
        ("{\"tableName\": \"t\"}\n", InputKind::Json { line: 1 }),
        ("[{\"a\": 1}]\n", InputKind::Json { line: 1 }),
        (
            "coordinator=true\nquery.max-memory=5GB\n",
            InputKind::Properties { line: 2 },
        ),
        ("connector.name = hive\n", InputKind::Properties { line: 1 }),
        ("-server\n-Xmx16G\n", InputKind::JvmConfig { line: 1 }),
        ("hello world\n", InputKind::Unknown { line: 1 }),
        ("\n\n-server\nhello\n", InputKind::Unknown { line: 3 }),
    ];
    for (text, expected) in cases {
        assert_eq!(sniff(text), *expected, "{text:?}");
    }
    assert_eq!(
        InputKind::Kubernetes { line: 2 }.describe(),
        "Kubernetes YAML (`apiVersion` or `kind` on line 2)"
    );
    assert!(InputKind::Properties { line: 1 }
        .describe()
        .starts_with("a Java properties file"));
}

#[test]
fn yaml_and_json_without_kubernetes_objects_are_told_by_their_top_level_keys() {
    let cases: &[(&str, Shape)] = &[
        (
            "image:\n  tag: \"482\"\nserver:\n  workers: 3\nadditionalCatalogs:\n  x: y\n",
            Shape::TrinoHelmValues(vec!["server", "additionalCatalogs"]),
        ),
        (
            "{\"coordinator\": {\"jvm\": {}}, \"worker\": {}}",
            Shape::TrinoHelmValues(vec!["coordinator", "worker"]),
        ),
        (
            "serverConfig:\n  node.environment: test\nroutingRules:\n  rulesEngineEnabled: false\n",
            Shape::TrinoGateway(vec!["serverConfig", "routingRules"]),
        ),
        (
            "version: \"3\"\nservices:\n  trino:\n    image: trinodb/trino\n",
            Shape::Compose,
        ),
        // `image` alone tells nothing; nor does a nested `server`.
        ("image: nginx\n", Shape::Unknown),
        ("app:\n  server: x\n", Shape::Unknown),
        ("services:\n  - a\n", Shape::Unknown),
        ("foo: bar\n", Shape::Unknown),
        // File-based access control rules: `catalogs` is a list of rules, not the chart's map.
        (
            "{\"catalogs\": [{\"allow\": \"all\"}], \"tables\": []}",
            Shape::Unknown,
        ),
        (
            "{\"catalogs\": {\"tpch\": \"connector.name=tpch\"}}",
            Shape::TrinoHelmValues(vec!["catalogs"]),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(shape(text), *expected, "{text:?}");
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    /// Any text, in any encoding form, with or without a byte-order mark, decodes to itself or
    /// is refused, and never panics. With a mark, or as UTF-8, or (without a mark) when most of
    /// it is ASCII, a text without NUL or control characters always decodes to itself.
    /// (`中` and `😃` are chosen so that no UTF-16 unit of theirs holds a NUL byte, as with
    /// most characters.)
    #[test]
    fn decoding_round_trips(
        text in "[ -~\\n\\t\u{e9}\u{4e2d}\u{1f603}\u{0}\u{1}]{0,200}",
        encoding in proptest::sample::select(ALL.to_vec()),
        mark in any::<bool>(),
    ) {
        let bytes = encode(&text, encoding, mark);
        let decoded = decode(&bytes);
        let clean = !text.contains(['\u{0}', '\u{1}']);
        let ascii = text.chars().filter(char::is_ascii).count();
        let must_decode = clean
            && (mark || encoding == Encoding::Utf8 || (!text.is_empty() && ascii * 2 > text.chars().count()));
        if must_decode {
            let decoded = decoded.map(|d| d.text.into_owned());
            prop_assert_eq!(decoded, Ok(text));
        } else if let (Ok(d), true) = (decoded, mark && !text.starts_with('\0')) {
            // After a mark, what is accepted is the text itself. (Without one, NUL bytes in
            // UTF-8 may be read as UTF-16: `\0a\0b` is both; and the UTF-16LE mark before a
            // NUL is the UTF-32LE mark.)
            prop_assert_eq!(d.text, text.as_str());
        }
    }

    /// Arbitrary bytes never panic the decoders or the sniffer.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(decoded) = decode(&bytes) {
            let _ = sniff(&decoded.text);
        }
        let _ = decode_trino_file(&bytes);
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = sniff(&lossy);
        let _ = shape(&lossy);
        let _ = trinocfg::input::single::classify(Some("x.properties"), &lossy);
        let _ = trinocfg::input::single::classify(None, &lossy);
    }
}
