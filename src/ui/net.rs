//! Fetching files next to the app (the catalogue and bundled checklists), with messages that say
//! what went wrong and where.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Fetches `url` (relative to the page, so the app works from any sub-path) as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
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
