//! Hash routes: `#/` the landing page, `#/audit` the auditor view, `#/c/<file>[/<section>]` a bundled
//! checklist, `#/l/<id>[/<section>]` one opened in this browser. Parsing, links and navigation.

/// Which checklist a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKey {
    /// A bundled checklist, by file name.
    Bundled(String),
    /// An opened checklist, by document id (`l:<hash>`).
    Local(String),
}

impl DocKey {
    /// The key its answers are saved under (`c:<file>` or `l:<hash>`).
    pub fn storage_id(&self) -> String {
        match self {
            DocKey::Bundled(f) => format!("c:{f}"),
            DocKey::Local(id) => id.clone(),
        }
    }
}

/// Which page is shown (the section of a checklist is handled separately: it only scrolls).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Page {
    Home,
    Audit,
    Doc(DocKey),
}

/// A parsed location hash.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Route {
    Home,
    Audit,
    Doc(DocKey, Option<String>),
}

pub(super) fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| s.to_string())
}

pub(super) fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

/// The route in the address. `index.html` reads the `#/c/<file>` form too, before the app has
/// loaded, to start downloading that checklist early (`net::fetch_bytes` takes it over): a change
/// to this form belongs in both places.
pub(super) fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let mut parts = path.splitn(3, '/');
    let (kind, id, section) = (parts.next(), parts.next(), parts.next());
    let section = section.filter(|s| !s.is_empty()).map(decode);
    match (kind, id) {
        (Some("c"), Some(file)) if !file.is_empty() => {
            Route::Doc(DocKey::Bundled(decode(file)), section)
        }
        (Some("l"), Some(id)) if !id.is_empty() => {
            Route::Doc(DocKey::Local(format!("l:{}", decode(id))), section)
        }
        (Some("audit"), _) => Route::Audit,
        _ => Route::Home,
    }
}

/// Link to a bundled checklist (and a section of it).
pub fn checklist_href(file: &str, section: Option<&str>) -> String {
    match section {
        Some(s) => format!("#/c/{}/{}", encode(file), encode(s)),
        None => format!("#/c/{}", encode(file)),
    }
}

/// Link to an opened checklist (and a section of it).
pub fn local_href(doc: &str, section: Option<&str>) -> String {
    let id = doc.strip_prefix("l:").unwrap_or(doc);
    match section {
        Some(s) => format!("#/l/{}/{}", encode(id), encode(s)),
        None => format!("#/l/{}", encode(id)),
    }
}

/// Goes to a hash route.
pub fn navigate(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}
