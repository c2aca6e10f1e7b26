//! The page's two modes and the tabs that switch between them. Each mode is its own module
//! (see the crate's documentation); a switch is announced with [`browser::MODE_EVENT`], which
//! both listen to, and index.html loads a mode's module when it is first asked for.

use yew::prelude::*;

use crate::browser;

/// What the page does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A spec in, every file out.
    Generate,
    /// The user's own configuration in, `trinocfg check`'s diagnostics out.
    Check,
}

impl Mode {
    /// The detail of [`browser::MODE_EVENT`] that asks for this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Generate => "generate",
            Mode::Check => "check",
        }
    }

    /// The mode a [`browser::MODE_EVENT`] detail asks for.
    pub fn parse(detail: &str) -> Option<Mode> {
        [Mode::Generate, Mode::Check]
            .into_iter()
            .find(|m| m.as_str() == detail)
    }
}

/// The mode the page shows now (Generate mode outside a browser).
pub fn current() -> Mode {
    browser::page_mode()
        .as_deref()
        .and_then(Mode::parse)
        .unwrap_or(Mode::Generate)
}

/// Asks the page for `mode`: both modes' modules hear it.
pub fn announce(mode: Mode) {
    browser::announce(browser::MODE_EVENT, mode.as_str());
}

/// Calls `on_mode` with every mode the page is asked for, while the component lives.
#[hook]
pub fn use_mode_events(on_mode: impl Fn(Mode) + 'static) {
    use_effect_with((), move |()| {
        let listener = browser::listen(browser::MODE_EVENT, move |detail| {
            if let Some(mode) = detail.as_deref().and_then(Mode::parse) {
                on_mode(mode);
            }
        });
        move || drop(listener)
    });
}

/// The Generate / Check tabs of the top bar, `current` selected; a click announces the mode.
pub fn switch(current: Mode) -> Html {
    html! {
        <div class="tabs mode" role="tablist" aria-label="Mode">
            { for [(Mode::Generate, "Generate", "mode-generate"), (Mode::Check, "Check", "mode-check")].into_iter().map(|(m, label, id)| html! {
                <button type="button" role="tab" data-testid={id}
                    class={classes!("tab", (current == m).then_some("selected"))}
                    aria-selected={(current == m).to_string()}
                    onclick={Callback::from(move |_: MouseEvent| announce(m))}>{ label }</button>
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn modes_travel_as_their_names() {
        for m in [Mode::Generate, Mode::Check] {
            assert_eq!(Mode::parse(m.as_str()), Some(m));
        }
        assert_eq!(Mode::parse("other"), None);
    }
}
