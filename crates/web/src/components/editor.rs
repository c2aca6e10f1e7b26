//! The editor: a textarea with a line-number gutter and a syntax-coloured copy of its text
//! laid under it (the textarea's own text is transparent), both scrolled in step with it;
//! the gutter marks the lines diagnostics point at. The coloured copy is one element per line,
//! and a keystroke replaces only the lines it changed, so that a long text costs the browser
//! no more than a short one.

use std::fmt::Write;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::highlight::{self, Lang};

/// Line height of the editor in CSS pixels (kept equal to `--editor-line` in the stylesheet),
/// used to scroll a line into view.
pub const LINE_PX: i32 = 20;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    /// The textarea, so that the page can move its cursor.
    pub textarea: NodeRef,
    #[prop_or_default]
    pub invalid: bool,
    /// How the text is coloured.
    pub lang: Lang,
    /// Lines to mark in the gutter.
    #[prop_or_default]
    pub markers: Rc<Vec<Marker>>,
    /// What the textarea is called for assistive technology.
    #[prop_or(AttrValue::Static("Cluster spec (TOML)"))]
    pub label: AttrValue,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

/// A gutter mark: the worst severity of the diagnostics at a line, and what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// 1-based.
    pub line: usize,
    pub error: bool,
    pub title: String,
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let overlay = use_node_ref();
    let coloured = props.value.len() <= highlight::MAX_BYTES;
    // The lines the overlay shows, to replace only those a change touched.
    let shown = use_mut_ref(Vec::<String>::new);
    {
        let overlay = overlay.clone();
        use_effect_with(
            (props.value.clone(), props.lang, coloured),
            move |(text, lang, coloured)| match overlay.cast::<Element>() {
                Some(pre) if *coloured => paint(&pre, &shown, highlight::lines(text, *lang)),
                _ => shown.borrow_mut().clear(),
            },
        );
    }
    let lines = props.value.bytes().filter(|&b| b == b'\n').count() + 1;
    let numbers = use_memo(lines, |&lines| {
        let mut text = String::with_capacity(lines * 4);
        for n in 1..=lines {
            let _ = writeln!(text, "{n}");
        }
        AttrValue::from(text)
    });

    // The gutter follows the textarea's scroll events (which caret moves and typing also fire);
    // reading `scrollTop` after every render instead would force a layout per keystroke.
    let sync_gutter = {
        let gutter = gutter.clone();
        let overlay = overlay.clone();
        let textarea = props.textarea.clone();
        move || {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                if let Some(g) = gutter.cast::<HtmlElement>() {
                    g.set_scroll_top(t.scroll_top());
                }
                if let Some(o) = overlay.cast::<HtmlElement>() {
                    o.set_scroll_top(t.scroll_top());
                    o.set_scroll_left(t.scroll_left());
                }
            }
        }
    };
    let onscroll = Callback::from(move |_: Event| sync_gutter());
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let textarea: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(textarea.value());
        })
    };

    html! {
        <div class={classes!("editor", props.invalid.then_some("invalid"), coloured.then_some("coloured"))}>
            <pre class="gutter" ref={gutter} aria-hidden="true" data-testid="gutter">
                { (*numbers).clone() }
                { for props.markers.iter().map(|m| html! {
                    <span
                        class={classes!("marker", if m.error { "error" } else { "warning" })}
                        data-testid="gutter-marker"
                        data-line={m.line.to_string()}
                        data-severity={if m.error { "error" } else { "warning" }}
                        title={m.title.clone()}
                        style={format!("top:{}px", 6 + (m.line.saturating_sub(1)) * LINE_PX.unsigned_abs() as usize)}
                    ></span>
                }) }
            </pre>
            <div class="code-area">
            if coloured {
                <pre class="highlight" ref={overlay} aria-hidden="true" data-testid="highlight"></pre>
            }
            <textarea
                ref={props.textarea.clone()}
                data-testid="editor"
                aria-label={props.label.clone()}
                readonly={props.readonly}
                placeholder={props.placeholder.clone()}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                value={props.value.clone()}
                {oninput}
                {onscroll}
            />
            </div>
        </div>
    }
}

/// Makes the overlay `pre` show `next`, one `<span>` per line (its HTML and a newline), changing
/// only the lines between the common first and last lines of `shown` and `next`.
fn paint(pre: &Element, shown: &RefCell<Vec<String>>, next: Vec<String>) {
    let mut shown = shown.borrow_mut();
    let lines = pre.children();
    if lines.length() as usize != shown.len() {
        // A new overlay element (it was not rendered before): paint it whole.
        pre.set_inner_html("");
        shown.clear();
    }
    let head = shown.iter().zip(&next).take_while(|(a, b)| a == b).count();
    let tail = shown
        .iter()
        .rev()
        .zip(next.iter().rev())
        .take(shown.len().min(next.len()) - head)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (shown.len() - tail, next.len() - tail);
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let set = |el: &Element, html: &str| el.set_inner_html(&format!("{html}\n"));
    // The changed lines: elements reused in place, then the extra ones added or removed.
    let reused = (old_end - head).min(new_end - head);
    for (i, html) in next.iter().enumerate().skip(head).take(reused) {
        if let Some(el) = lines.item(index(i)) {
            set(&el, html);
        }
    }
    if new_end > head + reused {
        let before = lines.item(index(head + reused));
        let Some(document) = pre.owner_document() else {
            return;
        };
        for html in &next[head + reused..new_end] {
            if let Ok(el) = document.create_element("span") {
                set(&el, html);
                let _ = pre.insert_before(&el, before.as_ref().map(AsRef::as_ref));
            }
        }
    } else {
        for _ in new_end..old_end {
            if let Some(el) = lines.item(index(head + reused)) {
                el.remove();
            }
        }
    }
    *shown = next;
}

/// Moves the cursor to the start of 1-based `line`, scrolls it into view and focuses the editor.
pub fn jump_to_line(textarea: &HtmlTextAreaElement, line: usize) {
    let text = textarea.value();
    // `selectionStart` counts UTF-16 code units.
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.encode_utf16().count())
        .sum();
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    let _ = textarea.focus();
    let _ = textarea.set_selection_range(offset, offset);
    let row = i32::try_from(line.saturating_sub(1)).unwrap_or(i32::MAX);
    let top = row.saturating_mul(LINE_PX) - textarea.client_height() / 3;
    textarea.set_scroll_top(top.max(0));
}
