//! The trinocfg playground: a single-page app that runs the same `trinocfg::generate` as the
//! CLI on every keystroke and shows the generated Kubernetes YAML and files.
//!
//! The page is two WebAssembly modules built from this library. The first
//! (`src/bin/trinocfg-web.rs`) is Generate mode: the spec editor, the preview, the diagnostics
//! and the memory picture. The second (`src/bin/trinocfg-check.rs`) is Check mode, with the
//! readers of the user's own configuration (Kubernetes streams, chart values, archives) and
//! `trinocfg import`. index.html loads the module of the mode a visit opens in (Check mode for a
//! link with `#check`) and the other the first time the page is switched to it, so that a visit
//! that stays in one mode never downloads the other. The two talk through window events
//! ([`browser::MODE_EVENT`], [`browser::IMPORT_EVENT`]) and body's `data-mode`.
//!
//! The built index.html also holds Generate mode's first render of the first example
//! (`scripts/build-web.sh` takes it from the built page in Chromium), which a visit that will
//! start on that example shows, inert, until [`mount`] puts the module's own render in its
//! place.

pub mod app;
pub mod archive;
pub mod base64url;
pub mod browser;
pub mod check;
pub mod check_app;
pub mod components;
pub mod highlight;
pub mod mode;
pub mod state;

/// Renders the component `C` into the element with id `id`, else into the body. What the
/// element held is removed: its placeholder text, or the prerendered first render that
/// index.html shows, inert and `aria-busy`, until the module runs.
pub fn mount<C>(id: &str)
where
    C: yew::BaseComponent,
    C::Properties: Default,
{
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    match root {
        Some(root) => {
            root.set_inner_html("");
            let _ = root.remove_attribute("inert");
            let _ = root.remove_attribute("aria-busy");
            yew::Renderer::<C>::with_root(root).render();
        }
        None => {
            yew::Renderer::<C>::new().render();
        }
    }
}
