//! The browser's own services the app needs beyond drawing: the clock (through js-sys), the local
//! date, offering a file download, and the clipboard. Kept in one place so the rest of the UI asks, never reaches.

use wasm_bindgen::JsCast;

use crate::domain::text::time::{format_date, Timestamp};

/// The current time.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today's date in the browser's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format_date(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| now().date())
}

/// Puts `text` on the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    match web_sys::window().map(|w| w.navigator().clipboard()) {
        Some(cb) => wasm_bindgen_futures::JsFuture::from(cb.write_text(text))
            .await
            .is_ok(),
        None => false,
    }
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "could not build the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not offer the file")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "").ok();
    document.body().ok_or("no body")?.append_child(&a).ok();
    a.click();
    a.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
