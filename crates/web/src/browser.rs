//! Thin wrappers over the browser APIs the playground uses: storage, the URL fragment,
//! the clipboard, downloads and timing. Every function fails quietly when an API is missing
//! (private windows without storage, insecure contexts without a clipboard).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url, Window};

const STORAGE_KEY: &str = "trinocfg.spec";
const FRAGMENT_KEY: &str = "spec=";

/// The browser window; `None` outside a browser (the native unit tests).
fn window() -> Option<Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The spec saved by the last session in this browser.
pub fn load_saved_spec() -> Option<String> {
    window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
}

pub fn save_spec(source: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STORAGE_KEY, source);
    }
}

/// The spec carried by the URL fragment (`#spec=<base64url>`), when there is one and it decodes.
pub fn spec_from_fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let encoded = hash
        .strip_prefix('#')?
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))?;
    String::from_utf8(crate::base64url::decode(encoded)?).ok()
}

/// The mode the page shows (`"generate"` or `"check"`): body's `data-mode`, which index.html
/// sets when the page opens (Check mode for a link with `#check`) and at every switch.
pub fn page_mode() -> Option<String> {
    window()?.document()?.body()?.get_attribute("data-mode")
}

/// The spec Check mode's Import sent, when Generate mode has not taken it yet: index.html keeps
/// it in body's `data-import`, so that it also reaches a Generate mode whose module the page
/// loads only after the import. Taking it removes it.
pub fn take_import() -> Option<String> {
    let body = window()?.document()?.body()?;
    let spec = body.get_attribute("data-import")?;
    let _ = body.remove_attribute("data-import");
    Some(spec)
}

/// A link to this page that opens `source`.
pub fn share_url(source: &str) -> Option<String> {
    let location = window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    Some(format!(
        "{base}#{FRAGMENT_KEY}{}",
        crate::base64url::encode(source.as_bytes())
    ))
}

/// Replaces the current history entry's URL (no navigation, no `hashchange`).
pub fn replace_url(url: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Drops a `#spec=` fragment once the text has moved on from it, so that a reload shows the
/// edited text (from storage) rather than the shared one.
pub fn clear_spec_fragment() {
    let Some(location) = window().map(|w| w.location()) else {
        return;
    };
    if location
        .hash()
        .is_ok_and(|h| h.starts_with(&format!("#{FRAGMENT_KEY}")))
    {
        if let (Ok(path), Ok(search)) = (location.pathname(), location.search()) {
            replace_url(&format!("{path}{search}"));
        }
    }
}

/// Writes `text` to the clipboard; `on_done(true)` once written, `on_done(false)` otherwise.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(window) = window() else {
        return on_done(false);
    };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return on_done(false);
    }
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(on_done)));
    let (ok, err) = (done.clone(), done);
    let resolve = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = ok.borrow_mut().take() {
            f(true);
        }
    });
    let reject = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = err.borrow_mut().take() {
            f(false);
        }
    });
    let promise = JsValue::from(clipboard.write_text(text));
    let then = js_sys::Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &resolve, &reject);
    }
}

/// Reads a file the user dropped or chose: `on_done` gets its bytes, or why they could not be
/// read (over `limit` bytes, or the read failed).
pub fn read_file(
    file: &web_sys::File,
    limit: usize,
    on_done: impl FnOnce(Result<Vec<u8>, String>) + 'static,
) {
    use wasm_bindgen::closure::Closure;
    if file.size() > limit as f64 {
        return on_done(Err(format!(
            "{} is {} bytes; the playground reads files up to {limit} bytes",
            file.name(),
            file.size()
        )));
    }
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(on_done)));
    let (ok, err) = (done.clone(), done);
    let resolve = Closure::once_into_js(move |buffer: JsValue| {
        if let Some(f) = ok.borrow_mut().take() {
            f(Ok(js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    });
    let name = file.name();
    let reject = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = err.borrow_mut().take() {
            f(Err(format!("{name} could not be read")));
        }
    });
    let promise = JsValue::from(file.array_buffer());
    let then = js_sys::Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &resolve, &reject);
    }
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let window = window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoke once the browser has had time to start the download.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// `performance.now()`, or 0 when there is no performance clock.
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Exposes a number on `window.__trinocfg` for the benchmarks and tests.
pub fn expose(key: &str, value: f64) {
    let Some(window) = window() else { return };
    let holder = js_sys::Reflect::get(&window, &"__trinocfg".into())
        .ok()
        .filter(JsValue::is_object)
        .unwrap_or_else(|| {
            let object: JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&window, &"__trinocfg".into(), &object);
            object
        });
    let _ = js_sys::Reflect::set(&holder, &key.into(), &value.into());
}

/// The event that says which mode the page shows: its detail is `"generate"` or `"check"`.
/// Both modes' modules listen to it, and index.html, which loads a mode's module the first time
/// it is asked for and keeps the mode shown in body's `data-mode`.
pub const MODE_EVENT: &str = "trinocfg-mode";
/// The event that carries a spec from Check mode's Import to Generate mode: its detail is the
/// spec's text.
pub const IMPORT_EVENT: &str = "trinocfg-import";

/// Dispatches `event` on the window with a string `detail`.
pub fn announce(event: &str, detail: &str) {
    let Some(window) = window() else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(event, &init) {
        let _ = window.dispatch_event(&e);
    }
}

/// A listener of window events; removed when dropped.
pub struct Listener {
    event: &'static str,
    closure: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `on_event` with the detail (a string, else `None`) of every `event` dispatched on the
/// window, while the returned listener lives.
pub fn listen(event: &'static str, on_event: impl Fn(Option<String>) + 'static) -> Listener {
    let closure =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            let detail = e
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|c| c.detail().as_string());
            on_event(detail);
        });
    if let Some(w) = window() {
        let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    Listener { event, closure }
}
