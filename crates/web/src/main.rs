//! The trinocfg playground: a single-page app that runs the same `trinocfg::generate` as the
//! CLI on every keystroke and shows the generated Kubernetes YAML and files.

mod app;
mod archive;
mod base64url;
mod browser;
mod check;
mod components;
mod highlight;
mod state;

fn main() {
    // For the benchmarks: the module is compiled and instantiated, the app starts.
    browser::expose("mainStart", browser::now());
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Drop the "loading" placeholder of index.html.
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render()
        }
        None => yew::Renderer::<app::App>::new().render(),
    };
}
