//! The playground page. Generate mode: example picker and share link, the spec editor, the
//! live preview, the diagnostics and the memory picture. Check mode: the user's own
//! configuration (pasted, or a file or `.tar` dropped) and what `trinocfg check` says of it.

use trinocfg::examples::EXAMPLES;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::check::{CheckState, MAX_DROP_BYTES};
use crate::components::check::CheckResults;
use crate::components::diagnostics::Diagnostics;
use crate::components::editor::{jump_to_line, Editor};
use crate::components::memory::Memory;
use crate::components::preview::Preview;
use crate::highlight::Lang;
use crate::state::{self, Action, Tab};
use crate::{archive, browser};

/// What the page does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A spec in, every file out.
    Generate,
    /// The user's own configuration in, `trinocfg check`'s diagnostics out.
    Check,
}

#[function_component]
pub fn App() -> Html {
    let mode = use_state(|| Mode::Generate);
    let check = use_state(CheckState::default);
    // A line to move the check editor to once the file it is in is shown.
    let check_jump = use_state(|| None::<usize>);
    let state = use_reducer(state::initial);
    let textarea = use_node_ref();
    let notice = use_state(|| None::<AttrValue>);
    // Check mode's jumps happen once the file they are in is shown.
    {
        let textarea = textarea.clone();
        use_effect_with_jump(&check_jump, move |line| {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                jump_to_line(&t, line);
            }
        });
    }
    let share_link = use_state(|| None::<AttrValue>);

    // The first render, for the benchmarks, and the share links opened in this tab.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            browser::expose("firstRender", browser::now());
            let listener = Closure::<dyn Fn()>::new(move || {
                if let Some(source) = browser::spec_from_fragment() {
                    dispatch.dispatch(Action::LoadShared(source));
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }

    let on_input = {
        let dispatch = state.dispatcher();
        let share_link = share_link.clone();
        Callback::from(move |source: String| {
            browser::save_spec(&source);
            browser::clear_spec_fragment();
            share_link.set(None);
            dispatch.dispatch(Action::Edit(source));
        })
    };
    let on_pick = {
        let dispatch = state.dispatcher();
        let share_link = share_link.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(example) = EXAMPLES.iter().find(|x| x.name == select.value()) {
                browser::save_spec(example.source);
                browser::clear_spec_fragment();
                share_link.set(None);
                dispatch.dispatch(Action::PickExample(example.name));
            }
        })
    };
    let on_jump = {
        let textarea = textarea.clone();
        Callback::from(move |line: usize| {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                jump_to_line(&t, line);
            }
        })
    };
    let on_share = {
        let source = state.source.clone();
        let notice = notice.clone();
        let share_link = share_link.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(url) = browser::share_url(&source) else {
                return;
            };
            browser::replace_url(&url);
            share_link.set(Some(url.clone().into()));
            let notice = notice.clone();
            browser::copy_text(&url, move |ok| {
                notice.set(Some(
                    if ok {
                        "Link copied to the clipboard."
                    } else {
                        "Copy the link from the box below."
                    }
                    .into(),
                ));
            });
        })
    };
    let on_copy_yaml = {
        let output = state.preview.clone();
        let notice = notice.clone();
        Callback::from(move |()| {
            let Some(output) = &output else { return };
            let notice = notice.clone();
            browser::copy_text(&output.rendered.kubernetes, move |ok| {
                notice.set(Some(
                    if ok {
                        "YAML copied to the clipboard."
                    } else {
                        "The clipboard is not available here."
                    }
                    .into(),
                ));
            });
        })
    };
    let on_download_yaml = {
        let output = state.preview.clone();
        let notice = notice.clone();
        Callback::from(move |()| {
            let Some(output) = &output else { return };
            if browser::download(
                "kubernetes.yaml",
                "application/yaml",
                output.rendered.kubernetes.as_bytes(),
            )
            .is_err()
            {
                notice.set(Some("The download failed.".into()));
            }
        })
    };
    let on_download_tar = {
        let output = state.preview.clone();
        let notice = notice.clone();
        Callback::from(move |()| {
            let Some(output) = &output else { return };
            let entries = output
                .tree()
                .iter()
                .map(|(p, body)| (p.as_str(), body.as_bytes()));
            let result = archive::tar(entries)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    browser::download("trinocfg.tar", "application/x-tar", &bytes)
                        .map_err(|_| "the download failed".to_owned())
                });
            if let Err(e) = result {
                notice.set(Some(format!("No archive: {e}").into()));
            }
        })
    };
    let on_copy_json = {
        let diagnostics = state.diagnostics.clone();
        let target = state.target.clone();
        let notice = notice.clone();
        Callback::from(move |()| {
            let notice = notice.clone();
            browser::copy_text(
                &state::report_json(&diagnostics, target.as_ref()),
                move |ok| {
                    notice.set(Some(
                        if ok {
                            "Diagnostics JSON copied to the clipboard."
                        } else {
                            "The clipboard is not available here."
                        }
                        .into(),
                    ));
                },
            );
        })
    };
    let on_download_json = {
        let diagnostics = state.diagnostics.clone();
        let target = state.target.clone();
        let notice = notice.clone();
        Callback::from(move |()| {
            let json = state::report_json(&diagnostics, target.as_ref());
            if browser::download("diagnostics.json", "application/json", json.as_bytes()).is_err() {
                notice.set(Some("The download failed.".into()));
            }
        })
    };
    let on_tab = {
        let dispatch = state.dispatcher();
        Callback::from(move |tab: Tab| dispatch.dispatch(Action::SelectTab(tab)))
    };
    let on_select_file = {
        let dispatch = state.dispatcher();
        Callback::from(move |path: String| dispatch.dispatch(Action::SelectFile(path)))
    };

    let on_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(m))
    };
    let mode_switch = html! {
        <div class="tabs mode" role="tablist" aria-label="Mode">
            { for [(Mode::Generate, "Generate", "mode-generate"), (Mode::Check, "Check", "mode-check")].into_iter().map(|(m, label, id)| html! {
                <button type="button" role="tab" data-testid={id}
                    class={classes!("tab", (*mode == m).then_some("selected"))}
                    aria-selected={(*mode == m).to_string()} onclick={on_mode(m)}>{ label }</button>
            }) }
        </div>
    };
    if *mode == Mode::Check {
        let on_import = {
            let mode = mode.clone();
            let dispatch = state.dispatcher();
            let share_link = share_link.clone();
            Callback::from(move |spec: String| {
                browser::save_spec(&spec);
                browser::clear_spec_fragment();
                share_link.set(None);
                dispatch.dispatch(Action::Edit(spec));
                mode.set(Mode::Generate);
            })
        };
        return check_page(&check, &check_jump, &textarea, mode_switch, on_import);
    }
    let example = state.example();
    html! {
        <div class="app" data-testid="app" data-mode="generate">
            <header class="topbar">
                <h1>{ "trinocfg" }<span class="muted">{ " playground" }</span></h1>
                { mode_switch }
                <label class="picker">
                    <span>{ "Example" }</span>
                    <select data-testid="example-picker" onchange={on_pick}>
                        if example.is_none() {
                            <option value="" selected=true disabled=true>{ "(your spec)" }</option>
                        }
                        { for EXAMPLES.iter().map(|e| html! {
                            <option value={e.name} selected={state.example == Some(e.name)}>{ e.name }</option>
                        }) }
                    </select>
                </label>
                <span class="description" data-testid="example-description">
                    { example.map_or("edited spec; pick an example to start over", |e| e.description) }
                </span>
                <span class="spacer"></span>
                if let Some(text) = &*notice {
                    <span class="notice" role="status" data-testid="notice">{ text.clone() }</span>
                }
                <button type="button" class="primary" data-testid="share-button" onclick={on_share}>{ "Share link" }</button>
            </header>
            if let Some(url) = &*share_link {
                <div class="share">
                    <label>
                        <span>{ "Link to this spec" }</span>
                        <input type="text" readonly=true data-testid="share-link" value={url.clone()}
                            onfocus={Callback::from(|e: FocusEvent| {
                                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                    input.select();
                                }
                            })} />
                    </label>
                </div>
            }
            <main class="grid">
                <section class="pane editor-pane" aria-label="Spec">
                    <h2>{ "Cluster spec " }<span class="muted">{ "TOML" }</span></h2>
                    <Editor value={state.source.clone()} on_input={on_input} textarea={textarea} invalid={state.has_errors()} lang={Lang::Toml} />
                </section>
                <Preview
                    output={state.preview.clone()}
                    stale={state.stale}
                    tab={state.tab}
                    shown_file={state.shown_file().map(|p| AttrValue::from(p.to_owned()))}
                    revision={state.revision}
                    {on_tab}
                    {on_select_file}
                    {on_copy_yaml}
                    {on_download_yaml}
                    {on_download_tar}
                />
                <Diagnostics diagnostics={state.diagnostics.clone()} release={state.target.as_ref().map(|t| AttrValue::from(t.to_string()))} {on_jump} {on_copy_json} {on_download_json} />
                <Memory plan={state.memory.clone()} diagnostics={state.memory_diagnostics.clone()} stale={state.memory_stale} />
            </main>
        </div>
    }
}

/// The file of a drop or of the file chooser, read and checked.
fn check_file(check: &UseStateHandle<CheckState>, file: Option<web_sys::File>) {
    let Some(file) = file else { return };
    let check = check.clone();
    let name = file.name();
    browser::read_file(&file, MAX_DROP_BYTES, move |read| {
        let revision = check.revision;
        check.set(match read {
            Ok(bytes) => CheckState::dropped(&name, bytes, revision),
            Err(e) => CheckState {
                outcome: state::Shared::new(Err(format!(
                    "{e}\n  help: check a smaller file, or the etc/ directory on its own"
                ))),
                ..CheckState::text(String::new(), String::new(), revision)
            },
        });
    });
}

/// Check mode: the editor with the user's text (or a file of the dropped archive) and what the
/// check says of it.
fn check_page(
    check: &UseStateHandle<CheckState>,
    check_jump: &UseStateHandle<Option<usize>>,
    textarea: &NodeRef,
    mode_switch: Html,
    on_import: Callback<String>,
) -> Html {
    let on_import_click = {
        let check = check.clone();
        Callback::from(move |_: MouseEvent| match crate::check::import(&check) {
            Ok(spec) => on_import.emit(spec),
            Err(e) => check.set(CheckState {
                import_refusal: Some(e.into()),
                ..(*check).clone()
            }),
        })
    };
    let on_input = {
        let check = check.clone();
        Callback::from(move |text: String| {
            let name = if check.archive.is_some() || check.bytes.is_some() {
                String::new()
            } else {
                check.name.clone()
            };
            check.set(CheckState::text(text, name, check.revision));
        })
    };
    let on_name = {
        let check = check.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            check.set(CheckState::text(
                check.text.to_string(),
                input.value(),
                check.revision,
            ));
        })
    };
    let on_clear = {
        let check = check.clone();
        Callback::from(move |_: MouseEvent| {
            check.set(CheckState::text(
                String::new(),
                String::new(),
                check.revision,
            ));
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let check = check.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            check_file(&check, file);
        })
    };
    let on_choose = {
        let check = check.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            check_file(&check, input.files().and_then(|f| f.get(0)));
            input.set_value("");
        })
    };
    let on_show = {
        let check = check.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            check.set((*check).clone().show(&select.value()));
        })
    };
    let on_jump = {
        let check = check.clone();
        let check_jump = check_jump.clone();
        Callback::from(move |(file, line): (Option<String>, usize)| {
            if let Some(file) = file.filter(|f| check.archive.is_some() && *f != check.shown_file())
            {
                check.set((*check).clone().show(&file));
            }
            check_jump.set(Some(line));
        })
    };
    let files: Vec<String> = match (&check.archive, &*check.outcome) {
        (Some(_), Ok(checked)) => {
            let mut paths: Vec<String> = checked.sources.keys().cloned().collect();
            paths.sort();
            paths
        }
        _ => Vec::new(),
    };
    let shown = check.shown_file();
    let lang = Lang::of(&shown, &check.text);
    let title = match (&check.archive, &check.bytes) {
        (Some(a), _) => format!(
            "{} (read only: edit the files and drop the archive again)",
            a.name
        ),
        (None, Some(_)) => format!("{} (not text; not shown)", check.name),
        (None, None) => "Your configuration".to_owned(),
    };
    html! {
        <div class="app check-mode" data-testid="app" data-mode="check">
            <header class="topbar">
                <h1>{ "trinocfg" }<span class="muted">{ " playground" }</span></h1>
                { mode_switch }
                <span class="description" data-testid="check-privacy">
                    { "Paste or drop your own configuration: one etc/ file, a .tar of an etc/ directory or of a gen output, a Kubernetes YAML stream (helm template) or a spec. It stays in this tab: Check mode text is not saved and never put in a share link." }
                </span>
            </header>
            <main class="grid">
                <section class="pane editor-pane" aria-label="Configuration to check" {ondragover} {ondrop} data-testid="check-drop">
                    <h2>
                        <span data-testid="check-title">{ title }</span>
                        <span class="spacer"></span>
                        <button type="button" class="small" data-testid="check-clear" onclick={on_clear}>{ "Clear" }</button>
                        if check.importable() {
                            <button type="button" class="small" data-testid="check-import" onclick={on_import_click}
                                title="Write a trinocfg spec that generates these files, and open it in Generate mode">{ "Import as spec" }</button>
                        }
                        <label class="file-button">
                            { "Open a file or .tar…" }
                            <input type="file" data-testid="check-file-input" onchange={on_choose} />
                        </label>
                    </h2>
                    if let Some(refusal) = &check.import_refusal {
                        <p class="refusal" data-testid="check-import-refusal">{ refusal.clone() }</p>
                    }
                    <div class="check-options">
                        if files.is_empty() {
                            <label>
                                <span>{ "File name " }<span class="muted">{ "(optional: config.properties, jvm.config, a catalog's NAME.properties, values.yaml…)" }</span></span>
                                <input type="text" data-testid="check-name" value={check.name.clone()} oninput={on_name}
                                    placeholder="as standard input" spellcheck="false" autocomplete="off" />
                            </label>
                        } else {
                            <label>
                                <span>{ "File " }</span>
                                <select data-testid="check-file-picker" onchange={on_show}>
                                    { for files.iter().map(|p| html! {
                                        <option value={p.clone()} selected={*p == shown}>{ p.clone() }</option>
                                    }) }
                                </select>
                            </label>
                        }
                    </div>
                    <Editor value={check.text.clone()} on_input={on_input} textarea={textarea.clone()}
                        invalid={check.outcome.as_ref().map_or(true, |c| c.diagnostics.iter().any(trinocfg::Diagnostic::is_error))}
                        {lang} markers={check.markers()} label="Configuration to check"
                        readonly={check.archive.is_some()}
                        placeholder={AttrValue::from("Paste config.properties, a catalog file, helm template output or a spec here, or drop a file or a .tar of etc/ on this pane.")} />
                </section>
                <CheckResults outcome={check.outcome.clone()} revision={check.revision} {on_jump} />
            </main>
        </div>
    }
}

/// Runs `jump` with the pending line after the render that showed its file, then forgets it.
#[hook]
fn use_effect_with_jump(pending: &UseStateHandle<Option<usize>>, jump: impl Fn(usize) + 'static) {
    let handle = pending.clone();
    use_effect_with(**pending, move |line| {
        if let Some(line) = *line {
            jump(line);
            handle.set(None);
        }
    });
}
