//! Reading input: every encoding form reports the same diagnostics as UTF-8, one size limit
//! and one exit code (2) for files and standard input, and input that is not what a command
//! reads is refused, saying what it looks like.

use std::fs;
use std::path::Path;

use trinocfg::text::MAX_INPUT_BYTES;

mod common;
use common::{root, run_in, temp_dir};

#[derive(Clone, Copy, Debug)]
enum Form {
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

/// `text` in `form`, with a byte-order mark when `mark`.
fn encode(text: &str, form: Form, mark: bool) -> Vec<u8> {
    let text = if mark {
        format!("\u{feff}{text}")
    } else {
        text.to_owned()
    };
    match form {
        Form::Utf8Bom => text.into_bytes(),
        Form::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Form::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Form::Utf32Le => text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect(),
        Form::Utf32Be => text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect(),
    }
}

const FORMS: [(Form, bool); 7] = [
    (Form::Utf8Bom, true),
    (Form::Utf16Le, true),
    (Form::Utf16Le, false),
    (Form::Utf16Be, true),
    (Form::Utf16Be, false),
    (Form::Utf32Le, true),
    (Form::Utf32Be, false),
];

#[test]
fn a_yaml_stream_in_any_encoding_reports_the_same_errors() {
    let dir = temp_dir("encodings");
    let yaml = fs::read_to_string(
        root().join("fixtures/check/kubernetes/tf001-task-without-exchange.yaml"),
    )
    .unwrap();
    fs::write(dir.join("k.yaml"), &yaml).unwrap();
    let utf8 = run_in(&dir, &["check", "k.yaml", "--format", "json"], b"");
    assert_eq!(utf8.code, 1, "{}", utf8.stderr);
    let report: serde_json::Value = serde_json::from_str(&utf8.stdout).unwrap();
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        2,
        "two TF001 errors"
    );
    assert_eq!(report["summary"]["errors"], 2);
    let human = run_in(&dir, &["check", "k.yaml"], b"");
    assert!(human.stderr.ends_with("k.yaml: 2 errors, 0 warnings\n"));
    for (form, mark) in FORMS {
        let bytes = encode(&yaml, form, mark);
        fs::write(dir.join("k.yaml"), &bytes).unwrap();
        let r = run_in(&dir, &["check", "k.yaml", "--format", "json"], b"");
        assert_eq!(r.code, 1, "{form:?} mark={mark}: {}", r.stderr);
        assert_eq!(r.stdout, utf8.stdout, "{form:?} mark={mark}");
        let r = run_in(&dir, &["check", "k.yaml"], b"");
        assert_eq!(r.stderr, human.stderr, "{form:?} mark={mark}");
        // The same through standard input.
        let r = run_in(&dir, &["check", "-"], &bytes);
        assert_eq!(r.code, 1, "{form:?} mark={mark}: {}", r.stderr);
        assert!(
            r.stderr.ends_with("<stdin>: 2 errors, 0 warnings\n"),
            "{form:?} mark={mark}: {}",
            r.stderr
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_byte_order_mark_before_valid_yaml_is_clean() {
    let dir = temp_dir("bom");
    let source = trinocfg::examples::find("fte-s3-eks").unwrap().source;
    let yaml = trinocfg::generate(source).output.unwrap().kubernetes;
    fs::write(dir.join("k.yaml"), encode(&yaml, Form::Utf8Bom, true)).unwrap();
    let r = run_in(&dir, &["check", "k.yaml"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "release: Trino 482 (the image of Deployment trino-prod-coordinator, trinodb/trino:482)\n\nk.yaml: 0 errors, 0 warnings\n"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_spec_in_any_encoding_generates_the_same_files() {
    let dir = temp_dir("spec-encodings");
    let source = trinocfg::examples::find("kafka-orders").unwrap().source;
    let expected = trinocfg::generate(source).output.unwrap().kubernetes;
    for (form, mark) in FORMS {
        let bytes = encode(source, form, mark);
        fs::write(dir.join("spec.toml"), &bytes).unwrap();
        let r = run_in(&dir, &["gen", "spec.toml", "--format", "configmaps"], b"");
        assert_eq!(r.code, 0, "{form:?} mark={mark}: {}", r.stderr);
        assert_eq!(r.stdout, expected, "{form:?} mark={mark}");
        let r = run_in(&dir, &["gen", "-", "--format", "configmaps"], &bytes);
        assert_eq!(r.stdout, expected, "{form:?} mark={mark}: {}", r.stderr);
        let r = run_in(&dir, &["check", "spec.toml"], b"");
        assert_eq!(r.code, 0, "{form:?} mark={mark}: {}", r.stderr);
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn invalid_utf8_is_refused_with_its_offset_and_the_fix() {
    let dir = temp_dir("latin1");
    fs::write(
        dir.join("spec.toml"),
        b"[cluster]\nname = \"caf\xe9\"\n".as_slice(),
    )
    .unwrap();
    let r = run_in(&dir, &["gen", "spec.toml"], b"");
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("invalid-utf8", r.transcript());
    let r = run_in(&dir, &["check", "spec.toml"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("byte 0xE9 at offset 21 (line 2)"),
        "{}",
        r.stderr
    );
    let r = run_in(&dir, &["check", "-"], b"[cluster]\nname = \"caf\xe9\"\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: <stdin> is not UTF-8 text: byte 0xE9 at offset 21"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A fixed sequence of bytes that looks random (xorshift).
fn noise(len: usize) -> Vec<u8> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
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
fn binary_input_is_refused_as_binary() {
    let dir = temp_dir("binary");
    let bytes = noise(4096);
    fs::write(dir.join("random.bin"), &bytes).unwrap();
    fs::write(dir.join("random.toml"), &bytes).unwrap();
    let r = run_in(&dir, &["check", "random.bin"], b"");
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("binary", r.transcript());
    for args in [
        &["check", "random.toml"][..],
        &["gen", "random.bin"],
        &["explain", "random.bin"],
    ] {
        let r = run_in(&dir, args, b"");
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("looks like binary data"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("invalid key"), "{}", r.stderr);
    }
    let r = run_in(&dir, &["check", "-"], &bytes);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: <stdin> looks like binary data"),
        "{}",
        r.stderr
    );
    let gz = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    let r = run_in(&dir, &["gen", "-"], &gz);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: <stdin> looks like gzip-compressed data, not text (it starts with that signature)\n  help: decompress it first\n"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn one_size_limit_and_exit_2_for_files_and_standard_input() {
    let dir = temp_dir("limit");
    // A valid spec made larger than the limit by a comment.
    let source = trinocfg::examples::find("minimal").unwrap().source;
    let mut big = source.to_owned();
    big.push_str("# ");
    big.push_str(&"x".repeat(MAX_INPUT_BYTES));
    big.push('\n');
    fs::write(dir.join("big.toml"), &big).unwrap();
    let mut stream = String::from("apiVersion: v1\nkind: ConfigMap\n");
    stream.push_str(&"# filler\n".repeat(MAX_INPUT_BYTES / 9 + 1));
    fs::write(dir.join("big.yaml"), &stream).unwrap();
    let message = |origin: &str| {
        format!(
            "error: {origin} is larger than 4 MiB, the limit for every input\n  help: split it into smaller files, or remove generated bulk from it\n"
        )
    };
    for (args, origin) in [
        (&["check", "big.toml"][..], "big.toml"),
        (&["gen", "big.toml"], "big.toml"),
        (&["explain", "big.toml"], "big.toml"),
        (&["check", "big.yaml"], "big.yaml"),
    ] {
        let r = run_in(&dir, args, b"");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr, message(origin), "{args:?}");
    }
    for (args, input) in [
        (&["check", "-"][..], big.as_bytes()),
        (&["gen", "-"], big.as_bytes()),
        (&["check", "-"], stream.as_bytes()),
    ] {
        let r = run_in(&dir, args, input);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr, message("<stdin>"), "{args:?}");
    }
    // Just under the limit is read.
    let mut fits = source.to_owned();
    let room = MAX_INPUT_BYTES - fits.len() - 3;
    fits.push_str("# ");
    fits.push_str(&"x".repeat(room));
    fits.push('\n');
    assert_eq!(fits.len(), MAX_INPUT_BYTES);
    let r = run_in(&dir, &["check", "-"], fits.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn fifty_megabytes_on_standard_input_are_refused_without_reading_them() {
    let dir = temp_dir("stdin-50mb");
    let input = vec![b'#'; 50 * 1024 * 1024];
    for command in ["check", "gen"] {
        let r = run_in(&dir, &[command, "-"], &input);
        assert_eq!(r.code, 2, "{command}: {}", r.stderr);
        assert!(r.stderr.contains("larger than 4 MiB"), "{}", r.stderr);
        // The process stopped reading just past the limit (plus what the pipe buffers).
        assert!(
            r.stdin_taken < MAX_INPUT_BYTES + 4 * 1024 * 1024,
            "{command}: took {} bytes",
            r.stdin_taken
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Input `check` would pass without having checked anything: refused (exit 2), saying what it
/// looks like and what to do, without quoting it.
#[test]
fn check_refuses_input_of_no_kind_it_reads() {
    let dir = temp_dir("kinds");
    let cases: &[(&str, &str)] = &[
        ("empty.yaml", ""),
        ("blank.properties", "  \n\t\n"),
        ("comments.toml", "# nothing yet\n\n"),
        (
            "compose.yaml",
            "services:\n  trino:\n    image: trinodb/trino:482\n    ports:\n      - \"8080:8080\"\n    volumes:\n      - ./etc:/etc/trino\n",
        ),
        ("foo.yaml", "foo: bar\n"),
        (
            "nginx.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n          env:\n            - name: API_TOKEN\n              value: hunter2secret\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
        ),
        (
            "services.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: trino\nspec:\n  ports:\n    - port: 8080\n",
        ),
        (
            "app.properties",
            "spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=hunter2secret\n",
        ),
        ("settings.json", "{\"theme\": \"dark\", \"token\": \"hunter2secret\"}\n"),
        ("notes.txt", "remember to raise the heap\n"),
    ];
    let mut transcript = String::new();
    for (name, content) in cases {
        fs::write(dir.join(name), content).unwrap();
        let r = run_in(&dir, &["check", name], b"");
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(!r.stderr.contains("0 errors"), "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("hunter2secret"), "{name}: {}", r.stderr);
        transcript.push_str(&format!("$ trinocfg check {name}\n{}\n", r.transcript()));
        // Standard input says the same of the same content.
        let r = run_in(&dir, &["check", "-"], content.as_bytes());
        assert_eq!(r.code, 2, "stdin {name}: {}", r.stderr);
        assert!(
            !r.stderr.contains("hunter2secret"),
            "stdin {name}: {}",
            r.stderr
        );
    }
    insta::assert_snapshot!("check-refusals", transcript);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn gen_refuses_kubernetes_yaml_and_says_check_reads_it() {
    let dir = temp_dir("gen-yaml");
    let yaml = trinocfg::generate(trinocfg::examples::find("minimal").unwrap().source)
        .output
        .unwrap()
        .kubernetes;
    fs::write(dir.join("k.yaml"), &yaml).unwrap();
    let r = run_in(&dir, &["gen", "k.yaml"], b"");
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains("expected `.`, `=`"), "{}", r.stderr);
    insta::assert_snapshot!("gen-kubernetes-yaml", r.transcript());
    let r = run_in(
        &dir,
        &["gen", "-", "--format", "configmaps"],
        yaml.as_bytes(),
    );
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "error: <stdin> looks like Kubernetes YAML (`apiVersion` or `kind` on line 2), not a trinocfg spec\n  help: `trinocfg check -` reads Kubernetes YAML; `gen` takes a TOML cluster spec (`trinocfg init` writes a starter one, `trinocfg import -` one from this YAML)\n"
    );
    let r = run_in(&dir, &["explain", "k.yaml"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`explain` takes a TOML cluster spec"),
        "{}",
        r.stderr
    );
    fs::write(
        dir.join("config.properties"),
        "coordinator=true\ndiscovery.uri=http://c:8080\n",
    )
    .unwrap();
    let r = run_in(&dir, &["gen", "config.properties"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: config.properties looks like a Java properties file"),
        "{}",
        r.stderr
    );
    // A file named `.toml` is a spec whatever it looks like: its TOML errors are shown.
    fs::write(dir.join("k.toml"), &yaml).unwrap();
    let r = run_in(&dir, &["gen", "k.toml"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("[TS001]"), "{}", r.stderr);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn etc_files_are_read_as_trino_reads_them() {
    let dir = temp_dir("etc");
    let rendered = trinocfg::generate(trinocfg::examples::find("minimal").unwrap().source)
        .output
        .unwrap();
    let etc = dir.join("etc");
    for (path, contents) in rendered.tree() {
        if let Some(rel) = path.strip_prefix("coordinator/etc/") {
            let target = etc.join(rel);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, contents).unwrap();
        }
    }
    let r = run_in(&dir, &["check", "etc"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // ISO-8859-1 is how Trino reads properties: accepted.
    let node = etc.join("node.properties");
    let original = fs::read(&node).unwrap();
    let mut latin1 = original.clone();
    latin1.extend_from_slice(b"# caf\xe9\n");
    fs::write(&node, &latin1).unwrap();
    let r = run_in(&dir, &["check", "etc"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A byte-order mark would become part of Trino's first key; UTF-16 puts NULs in every key.
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&original);
    fs::write(&node, &bom).unwrap();
    let r = run_in(&dir, &["check", "etc"], b"");
    assert_eq!(r.code, 2);
    let shown = Path::new("etc").join("node.properties");
    assert_eq!(
        r.stderr,
        format!(
            "error: {} starts with a UTF-8 byte-order mark, which Trino reads as part of the first key or option\n  help: save it without the byte-order mark\n",
            shown.display()
        )
    );
    fs::write(
        &node,
        encode(std::str::from_utf8(&original).unwrap(), Form::Utf16Le, true),
    )
    .unwrap();
    let r = run_in(&dir, &["check", "etc"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("is UTF-16LE text; Trino reads this file byte by byte"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A Trino Gateway configuration is read: its literal database password is reported, never
/// shown; standard input is read alone (no file beside it).
#[test]
fn check_reads_a_gateway_configuration() {
    let dir = temp_dir("gateway");
    let content = "serverConfig:\n  node.environment: test\ndataStore:\n  jdbcUrl: jdbc:postgresql://db:5432/gateway\n  user: gateway\n  password: hunter2secret\nclusterStatsConfiguration:\n  monitorType: INFO_API\nmodules:\n  - io.trino.gateway.ha.module.QueryCountBasedRouterProvider\n";
    fs::write(dir.join("gateway.yaml"), content).unwrap();
    for args in [&["check", "gateway.yaml"][..], &["check", "-"][..]] {
        let r = run_in(&dir, args, content.as_bytes());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("warning[TK002]"), "{}", r.stderr);
        assert!(r.stderr.contains("error[TG008]"), "{}", r.stderr);
        assert!(!r.stderr.contains("hunter2secret"), "{}", r.stderr);
    }
}
