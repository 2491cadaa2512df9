//! Fetching files next to the app (the catalogue and bundled checklists), with messages that say
//! what went wrong and where. `public/boot.js` starts downloading the checklist named in the address
//! before the app has loaded (on a slow network, one round trip and the file's transfer overlap
//! the wasm download instead of following it); the app takes that response over here.

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Where `boot.js` leaves the download of the checklist named in the address, started before
/// the app was loaded: `{ url, response: Promise<Response> }`.
const PREFETCH: &str = "__readinessPrefetch";

/// The early download of `url`, if `boot.js` started one; taken once.
fn prefetched(window: &web_sys::Window, url: &str) -> Option<Promise> {
    let key = JsValue::from_str(PREFETCH);
    let found = Reflect::get(window, &key).ok().filter(JsValue::is_object)?;
    if Reflect::get(&found, &JsValue::from_str("url"))
        .ok()?
        .as_string()?
        != url
    {
        return None;
    }
    // Taken once: a later load of the same checklist (a reload of the route) asks afresh.
    let _ = Reflect::delete_property(window, &key);
    Reflect::get(&found, &JsValue::from_str("response"))
        .ok()?
        .dyn_into()
        .ok()
}

/// Fetches `url` (relative to the page, so the app works from any sub-path) as bytes. A download
/// of the same URL that `boot.js` started early is used instead of a second request.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let request = prefetched(&window, url).unwrap_or_else(|| window.fetch_with_str(url));
    let resp = JsFuture::from(request)
        .await
        .map_err(|_| format!("{url}: unreachable (offline, blocked by CORS, or a bad address)"))?;
    let resp: Response = resp
        .dyn_into()
        .map_err(|_| format!("{url}: not an HTTP response"))?;
    if !resp.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let buf = resp
        .array_buffer()
        .map_err(|_| format!("{url}: body unreadable"))?;
    let buf = JsFuture::from(buf)
        .await
        .map_err(|_| format!("{url}: body unreadable"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}
