//! Generate mode: example picker and share link, the spec editor, the live preview, the
//! diagnostics and the memory picture. While Check mode is shown (its own module, see
//! [`crate::check_app`]) this renders nothing and keeps its state.

use trinocfg::examples::EXAMPLES;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::diagnostics::Diagnostics;
use crate::components::editor::{jump_to_line, Editor};
use crate::components::memory::Memory;
use crate::components::preview::Preview;
use crate::highlight::Lang;
use crate::mode::{self, Mode};
use crate::state::{self, Action, Tab};
use crate::{archive, browser};

#[function_component]
pub fn App() -> Html {
    let mode = use_state(mode::current);
    let state = use_reducer(state::initial);
    let textarea = use_node_ref();
    let notice = use_state(|| None::<AttrValue>);
    let share_link = use_state(|| None::<AttrValue>);
    {
        let mode = mode.clone();
        mode::use_mode_events(move |m| mode.set(m));
    }
    // Check mode's Import as spec: the spec it wrote becomes the edited one.
    {
        let dispatch = state.dispatcher();
        let share_link = share_link.clone();
        use_effect_with((), move |()| {
            let listener = browser::listen(browser::IMPORT_EVENT, move |detail| {
                // The page keeps the spec until it is taken (see `browser::take_import`).
                let Some(spec) = browser::take_import().or(detail) else {
                    return;
                };
                browser::save_spec(&spec);
                browser::clear_spec_fragment();
                share_link.set(None);
                dispatch.dispatch(Action::Edit(spec));
            });
            move || drop(listener)
        });
    }

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

    if *mode == Mode::Check {
        return html! {};
    }
    let example = state.example();
    html! {
        <div class="app" data-testid="app" data-mode="generate">
            <header class="topbar">
                <h1>{ "trinocfg" }<span class="muted">{ " playground" }</span></h1>
                { mode::switch(Mode::Generate) }
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
