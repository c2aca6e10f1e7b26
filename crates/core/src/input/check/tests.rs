use super::*;

fn etc_tree() -> MemoryTree {
    let mut tree = MemoryTree::new();
    for (path, text) in [
        (
            "etc/config.properties",
            "coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://localhost:8080\nquery.max-memory-per-node=100GB\n",
        ),
        ("etc/jvm.config", "-server\n-Xmx4G\n"),
        ("etc/node.properties", "node.environment=test\n"),
        ("etc/catalog/tpch.properties", "connector.name=tpch\n"),
    ] {
        tree.insert(path, text.as_bytes().to_vec()).unwrap();
    }
    tree
}

#[test]
fn paths() {
    assert_eq!(join("", "a"), "a");
    assert_eq!(join("a/", "b"), "a/b");
    assert_eq!(join("a", "b"), "a/b");
    assert_eq!(parent("a/b/c"), "a/b");
    assert_eq!(parent("c"), "");
    assert_eq!(parent("/c"), "/");
    assert_eq!(parent("a/b/"), "a");
    assert_eq!(file_name("a/b/"), Some("b"));
    assert_eq!(file_name("a/.."), None);
    assert_eq!(extension("x.properties"), Some("properties"));
    assert_eq!(extension(".properties"), None);
    assert_eq!(extension("jvm"), None);
}

#[test]
fn a_memory_tree_lists_and_reads() {
    let tree = etc_tree();
    assert!(tree.is_dir(".") && tree.is_dir("etc") && tree.is_dir("./etc/catalog/"));
    assert!(!tree.is_dir("etc/config.properties") && tree.is_file("./etc/config.properties"));
    let names: Vec<(String, EntryKind)> = tree
        .list("etc")
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("catalog".to_owned(), EntryKind::Dir),
            ("config.properties".to_owned(), EntryKind::File),
            ("jvm.config".to_owned(), EntryKind::File),
            ("node.properties".to_owned(), EntryKind::File),
        ]
    );
    assert!(tree.list("etc/jvm.config").is_err());
    assert!(tree.read("etc/nothing").is_err());
    let walked: Vec<String> = walk(&tree, ".")
        .unwrap()
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(walked[0], "etc/catalog/tpch.properties");
}

#[test]
fn a_memory_tree_refuses_paths_that_climb_out_or_clash() {
    let mut tree = etc_tree();
    for bad in [
        "../x",
        "/etc/passwd",
        "a/../../x",
        "",
        ".",
        "a//b",
        "etc/config.properties",
        "etc",
        "etc/jvm.config/x",
    ] {
        assert!(tree.insert(bad, Vec::new()).is_err(), "{bad}");
    }
    assert!(tree.insert("./other/x.properties", Vec::new()).is_ok());
    assert!(tree.is_file("other/x.properties"));
}

#[test]
fn an_etc_tree_in_memory_is_checked_as_a_directory() {
    let tree = etc_tree();
    let checked = run(&tree, ".", None).unwrap();
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == "TM001" || d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    assert!(checked.sources.contains_key("./etc/config.properties"));
    assert!(checked.notes.is_empty());
}

#[test]
fn an_unnamed_text_is_told_by_its_content() {
    let tree = MemoryTree::unnamed(
        "the pasted text",
        b"coordinator=true\ndiscovery.uri=http://localhost:8080\n".to_vec(),
    );
    let checked = run(&tree, STDIN, None).unwrap();
    assert!(
        checked.notes[0].starts_with("the pasted text: checked as"),
        "{:?}",
        checked.notes
    );
    assert!(checked.sources.contains_key("the pasted text"));

    for (text, expected) in [
        ("", "the pasted text is empty"),
        ("# only a comment\n", "the pasted text is empty"),
        (
            "lorem ipsum dolor\nsit amet",
            "looks like text of no known kind",
        ),
        (
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n",
            "found no Trino configuration in 1 Kubernetes object",
        ),
    ] {
        let tree = MemoryTree::unnamed("the pasted text", text.as_bytes().to_vec());
        let refusal = run(&tree, STDIN, None).unwrap_err();
        assert!(refusal.contains(expected), "{text:?}: {refusal}");
        assert!(refusal.contains("\n  help: "), "{refusal}");
    }
    // Chart values are read as the chart renders them, not refused.
    let values = MemoryTree::unnamed(
        "the pasted text",
        b"server:\n  workers: 3\ncoordinator:\n  jvm:\n    maxHeapSize: 4G\n".to_vec(),
    );
    let checked = run(&values, STDIN, None).unwrap();
    assert!(
        checked.notes[0].contains("read as values of the Trino Helm chart"),
        "{:?}",
        checked.notes
    );
    let binary = MemoryTree::unnamed("the pasted text", vec![0, 159, 146, 150, 0, 1, 2]);
    assert!(run(&binary, STDIN, None).is_err());
}
