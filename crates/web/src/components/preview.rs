//! The live preview: the Kubernetes YAML, or the generated file tree with one file shown.
//! When the current text has errors the last good output stays, marked stale.

use yew::prelude::*;

use crate::state::{Preview as Output, Shared, Tab};

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub output: Option<Shared<Output>>,
    pub stale: bool,
    pub tab: Tab,
    /// The file shown in the Files tab.
    pub shown_file: Option<AttrValue>,
    pub revision: u64,
    pub on_tab: Callback<Tab>,
    pub on_select_file: Callback<String>,
    pub on_copy_yaml: Callback<()>,
    pub on_download_yaml: Callback<()>,
    pub on_download_tar: Callback<()>,
}

#[function_component]
pub fn Preview(props: &PreviewProps) -> Html {
    let tab_button = |tab: Tab, label: &'static str, testid: &'static str| {
        let selected = props.tab == tab;
        let onclick = props.on_tab.reform(move |_: MouseEvent| tab);
        html! {
            <button
                type="button"
                role="tab"
                class={classes!("tab", selected.then_some("selected"))}
                aria-selected={selected.to_string()}
                data-testid={testid}
                {onclick}
            >{ label }</button>
        }
    };
    let has_output = props.output.is_some();
    let body = match &props.output {
        None => html! {
            <p class="empty" data-testid="no-preview">{ "No output yet: fix the errors in the spec." }</p>
        },
        Some(output) => match props.tab {
            Tab::Yaml => html! {
                <pre class="code yaml" data-testid="yaml-preview">{ chunked(&output.rendered.kubernetes) }</pre>
            },
            Tab::Files => files(output, props.shown_file.as_deref(), &props.on_select_file),
        },
    };
    html! {
        <section
            class={classes!("pane", "preview-pane", props.stale.then_some("is-stale"))}
            aria-label="Preview"
            data-testid="preview"
            data-revision={props.revision.to_string()}
            data-stale={props.stale.to_string()}
        >
            <div class="preview-bar">
                <div class="tabs" role="tablist">
                    { tab_button(Tab::Yaml, "Kubernetes YAML", "tab-yaml") }
                    { tab_button(Tab::Files, "Files", "tab-files") }
                </div>
                if props.stale {
                    <span
                        class="badge stale"
                        data-testid="stale-badge"
                        title="The spec has errors; this is the output of the last spec without errors"
                    >{ "stale" }</span>
                }
                <span class="spacer"></span>
                <div class="actions">
                    <button type="button" data-testid="copy-yaml" disabled={!has_output}
                        onclick={props.on_copy_yaml.reform(|_: MouseEvent| ())}>{ "Copy YAML" }</button>
                    <button type="button" data-testid="download-yaml" disabled={!has_output}
                        onclick={props.on_download_yaml.reform(|_: MouseEvent| ())}>{ "Download YAML" }</button>
                    <button type="button" data-testid="download-tar" disabled={!has_output}
                        title="Every file as `trinocfg gen --out` writes it, as a .tar"
                        onclick={props.on_download_tar.reform(|_: MouseEvent| ())}>{ "Download files (.tar)" }</button>
                </div>
            </div>
            <div class="preview-body">{ body }</div>
        </section>
    }
}

/// One directory of the file list: its title (`etc`, `etc/catalog`, …) and its files' paths.
struct Dir<'a> {
    name: String,
    paths: Vec<&'a str>,
}

/// The files of one role (or the Kubernetes file), by directory.
struct Group<'a> {
    role: &'a str,
    dirs: Vec<Dir<'a>>,
}

/// Paths grouped for the file list: per role, then per directory under `etc`, in tree order.
fn groups(tree: &[(String, String)]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (path, _) in tree {
        let (role, dir) = match path.split_once("/etc/") {
            Some((role, rest)) => (
                role,
                rest.rsplit_once('/')
                    .map_or_else(|| "etc".to_owned(), |(d, _)| format!("etc/{d}")),
            ),
            // A fleet's gateway files (`gateway/config.yaml`), else the Kubernetes stream.
            None => (
                path.split_once('/')
                    .map_or("kubernetes", |(first, _)| first),
                String::new(),
            ),
        };
        if groups.last().is_none_or(|g| g.role != role) {
            groups.push(Group {
                role,
                dirs: Vec::new(),
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        match group.dirs.last_mut() {
            Some(last) if last.name == dir => last.paths.push(path),
            _ => group.dirs.push(Dir {
                name: dir,
                paths: vec![path],
            }),
        }
    }
    groups
}

fn directory_title(dir: &str) -> String {
    match dir.strip_prefix("etc/kafka/") {
        Some(catalog) => format!("{dir} (Kafka topics of catalog {catalog})"),
        None => dir.to_owned(),
    }
}

fn files(output: &Output, shown: Option<&str>, on_select: &Callback<String>) -> Html {
    let contents = shown.and_then(|p| output.file(p)).unwrap_or_default();
    html! {
        <div class="files">
            <nav class="file-list" data-testid="file-list" aria-label="Generated files">
                { for groups(output.tree()).into_iter().map(|Group { role, dirs }| html! {
                    <div class="file-group" key={role} data-role={role.to_owned()}>
                        <h3>{ role }</h3>
                        { for dirs.into_iter().map(|Dir { name: dir, paths }| html! {
                            <>
                                if !dir.is_empty() {
                                    <h4>{ directory_title(&dir) }</h4>
                                }
                                <ul>
                                    { for paths.into_iter().map(|path| {
                                        let selected = shown == Some(path);
                                        let owned = path.to_owned();
                                        let onclick = on_select.reform(move |_: MouseEvent| owned.clone());
                                        let name = path.rsplit('/').next().unwrap_or(path);
                                        html! {
                                            <li key={path}>
                                                <button
                                                    type="button"
                                                    class={classes!("file", selected.then_some("selected"))}
                                                    data-testid="file-item"
                                                    data-path={path.to_owned()}
                                                    aria-current={selected.then_some("true")}
                                                    title={path.to_owned()}
                                                    {onclick}
                                                >{ name }</button>
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </>
                        }) }
                    </div>
                }) }
            </nav>
            <div class="file-view">
                <div class="file-path" data-testid="file-path">{ shown.unwrap_or_default().to_owned() }</div>
                <pre class="code" data-testid="file-contents">{ chunked(contents) }</pre>
            </div>
        </div>
    }
}

/// Lines per block of a long text (the stylesheet sizes unrendered blocks from it).
const CHUNK_LINES: usize = 40;

/// A long text as blocks of [`CHUNK_LINES`] lines whose concatenation is the text, byte for
/// byte. The browser skips the layout of blocks out of view (`content-visibility`), and an
/// edit only touches the blocks whose text changed.
fn chunked(text: &str) -> Html {
    html! {
        { for blocks(text).into_iter().enumerate().map(|(i, block)| html! {
            <span class="chunk" key={i}>{ block.to_owned() }</span>
        }) }
    }
}

fn blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .match_indices('\n')
            .nth(CHUNK_LINES - 1)
            .map_or(rest.len(), |(i, _)| i + 1);
        let (block, tail) = rest.split_at(end);
        blocks.push(block);
        rest = tail;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_concatenate_to_the_text() {
        for text in [
            "",
            "a",
            "a\n",
            "\n\n\n",
            &"line\n".repeat(81),
            &"x\n".repeat(80),
        ] {
            let parts = blocks(text);
            assert_eq!(parts.concat(), text);
            assert!(parts
                .iter()
                .all(|b| !b.is_empty() && b.matches('\n').count() <= CHUNK_LINES));
        }
        assert_eq!(blocks(&"line\n".repeat(81)).len(), 3);
        assert_eq!(blocks(&"x\n".repeat(80)).len(), 2);
    }

    #[test]
    fn files_group_by_role_and_directory() {
        let tree: Vec<(String, String)> = [
            "coordinator/etc/config.properties",
            "coordinator/etc/catalog/a.properties",
            "coordinator/etc/kafka/events/shop.orders.json",
            "worker/etc/config.properties",
            "kubernetes.yaml",
        ]
        .iter()
        .map(|p| (p.to_string(), String::new()))
        .collect();
        let groups = groups(&tree);
        let shape: Vec<(&str, Vec<(&str, usize)>)> = groups
            .iter()
            .map(|g| {
                (
                    g.role,
                    g.dirs
                        .iter()
                        .map(|d| (d.name.as_str(), d.paths.len()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (
                    "coordinator",
                    vec![("etc", 1), ("etc/catalog", 1), ("etc/kafka/events", 1)]
                ),
                ("worker", vec![("etc", 1)]),
                ("kubernetes", vec![("", 1)]),
            ]
        );
    }
}
