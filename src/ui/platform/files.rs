//! Files the user hands the app: a picker that is also a drop zone (one component for opening a
//! checklist, importing answers and auditing exports), and reading what was picked.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The files of a (live) `FileList`, taken before the input is cleared.
pub fn take_files(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
        .unwrap_or_default()
}

/// A file's name and exact bytes.
pub async fn read_bytes(file: web_sys::File) -> Result<(String, Vec<u8>), String> {
    let name = file.name();
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{name}: could not be read"))?;
    Ok((name, js_sys::Uint8Array::new(&buf).to_vec()))
}

/// A file's name and its text (UTF-8, as the browser decodes it).
pub async fn read_text(file: web_sys::File) -> (String, Result<String, String>) {
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{name}: could not be read"));
    (name, text)
}

/// A file input inside a drop zone: files picked or dropped go to `on_files`, and the input is
/// cleared so the same file can be picked again.
#[component]
pub fn DropZone<F>(
    /// The input's id (its label points to it).
    id: &'static str,
    /// The label.
    label: &'static str,
    /// File types offered by the picker.
    accept: &'static str,
    /// `data-testid` of the input.
    testid: &'static str,
    /// Several files at once.
    #[prop(optional)]
    multiple: bool,
    /// What to do with the files.
    on_files: F,
) -> impl IntoView
where
    F: Fn(Vec<web_sys::File>) + Clone + 'static,
{
    let dragging = RwSignal::new(false);
    let on_pick = {
        let on_files = on_files.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            let files = take_files(input.files());
            input.set_value("");
            on_files(files);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        on_files(take_files(ev.data_transfer().and_then(|d| d.files())));
    };
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for=id>{label}</label>
            <input id=id type="file" multiple=multiple accept=accept data-testid=testid on:change=on_pick/>
        </div>
    }
}
