//! Check mode: the user's own configuration (pasted, or a file or `.tar` dropped) and what
//! `trinocfg check` says of it, with Import as spec. Its own module of the page, loaded the
//! first time Check mode is asked for (see the crate's documentation).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::check::{CheckState, MAX_DROP_BYTES};
use crate::components::check::CheckResults;
use crate::components::editor::{jump_to_line, Editor};
use crate::highlight::Lang;
use crate::mode::{self, Mode};
use crate::{browser, state};

/// Check mode's page. It is shown while the page is in Check mode (its module is loaded when
/// Check mode is first asked for) and keeps its text while Generate mode is shown.
#[function_component]
pub fn CheckApp() -> Html {
    let shown = use_state(|| mode::current() == Mode::Check);
    let check = use_state(CheckState::default);
    // A line to move the check editor to once the file it is in is shown.
    let check_jump = use_state(|| None::<usize>);
    let textarea = use_node_ref();
    {
        let textarea = textarea.clone();
        use_effect_with_jump(&check_jump, move |line| {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                jump_to_line(&t, line);
            }
        });
    }
    {
        let shown = shown.clone();
        mode::use_mode_events(move |m| shown.set(m == Mode::Check));
    }
    if !*shown {
        return html! {};
    }
    // Import as spec: Generate mode takes the spec, then the page switches to it.
    let on_import = Callback::from(|spec: String| {
        browser::announce(browser::IMPORT_EVENT, &spec);
        mode::announce(Mode::Generate);
    });
    check_page(&check, &check_jump, &textarea, on_import)
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
                { mode::switch(Mode::Check) }
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
