//! The spec editor: a plain textarea with a line-number gutter scrolled in step with it.

use std::fmt::Write;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

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
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
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
        let textarea = props.textarea.clone();
        move || {
            if let (Some(g), Some(t)) = (
                gutter.cast::<HtmlElement>(),
                textarea.cast::<HtmlTextAreaElement>(),
            ) {
                g.set_scroll_top(t.scroll_top());
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
        <div class={classes!("editor", props.invalid.then_some("invalid"))}>
            <pre class="gutter" ref={gutter} aria-hidden="true" data-testid="gutter">{ (*numbers).clone() }</pre>
            <textarea
                ref={props.textarea.clone()}
                data-testid="editor"
                aria-label="Cluster spec (TOML)"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                value={props.value.clone()}
                {oninput}
                {onscroll}
            />
        </div>
    }
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
