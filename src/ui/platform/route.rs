//! Hash routes: `#/` the landing page, `#/audit` the auditor view, and a checklist:
//! `#/c/<file>` bundled, `#/u/<url>` opened from a URL (the address carries the URL, so it opens
//! in any browser), `#/l/<id>` opened from a file or a paste (this browser only), each with an
//! optional `/<section>` and an optional `?share=<payload>` (answers carried by a share link).
//! Parsing, links and navigation.

use crate::domain::answers::share::SHARE_PARAM;
use crate::domain::text::sha256_hex;

/// Which checklist a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKey {
    /// A bundled checklist, by file name.
    Bundled(String),
    /// A checklist opened from a file or a paste, by document id (`l:<hash of its text>`).
    Local(String),
    /// A checklist opened from a URL (`?src=`), by its absolute URL.
    Url(String),
}

impl DocKey {
    /// The key its answers are saved under (`c:<file>`, `l:<hash>` or `u:<hash of the URL>`).
    pub fn storage_id(&self) -> String {
        match self {
            DocKey::Bundled(f) => format!("c:{f}"),
            DocKey::Local(id) => id.clone(),
            DocKey::Url(url) => url_doc_id(url),
        }
    }

    /// The key of a stored document, from its id and the name it was stored under.
    pub fn of_stored(doc: &str, name: &str) -> DocKey {
        if doc.starts_with("u:") {
            DocKey::Url(name.to_string())
        } else {
            DocKey::Local(doc.to_string())
        }
    }

    /// Link to this checklist (and a section of it).
    pub fn href(&self, section: Option<&str>) -> String {
        let base = match self {
            DocKey::Bundled(f) => format!("#/c/{}", encode(f)),
            DocKey::Local(id) => format!("#/l/{}", encode(id.strip_prefix("l:").unwrap_or(id))),
            DocKey::Url(url) => format!("#/u/{}", encode(url)),
        };
        match section {
            Some(s) => format!("{base}/{}", encode(s)),
            None => base,
        }
    }

    /// Whether its address opens it in another browser (a file or a paste has no address).
    pub fn portable(&self) -> bool {
        !matches!(self, DocKey::Local(_))
    }
}

/// The storage id of a checklist opened from `url`.
pub fn url_doc_id(url: &str) -> String {
    format!("u:{}", &sha256_hex(url.as_bytes())[..16])
}

/// Which page is shown (the section of a checklist is handled separately: it only scrolls).
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Home,
    Audit,
    Doc(DocKey),
}

/// A parsed location hash.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Audit,
    /// A checklist, a section of it, and the payload of a share link.
    Doc(DocKey, Option<String>, Option<String>),
}

/// One part of a route as written (`%XX` decoded), by the core's one rule.
pub fn decode(s: &str) -> String {
    crate::domain::text::percent_decode(s)
}

/// One part of a route written as `encodeURIComponent` writes it, by the core's one rule.
pub fn encode(s: &str) -> String {
    crate::domain::text::uri_component(s)
}

/// The route in a location hash. `public/boot.js` reads the `#/c/<file>` form too, before the app
/// has loaded, to send the visit to the checklist's static page and to start downloading it early
/// (`net::fetch_bytes` takes that over): a change to this form belongs in both places.
pub fn parse_route(hash: &str) -> Route {
    let hash = hash.trim_start_matches('#').trim_start_matches('/');
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let share = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(SHARE_PARAM)?.strip_prefix('='))
        .map(str::to_string);
    let mut parts = path.splitn(3, '/');
    let (kind, id, section) = (parts.next(), parts.next(), parts.next());
    let section = section.filter(|s| !s.is_empty()).map(decode);
    let key = match (kind, id) {
        (Some("audit"), _) => return Route::Audit,
        (_, None | Some("")) => return Route::Home,
        (Some("c"), Some(file)) => DocKey::Bundled(decode(file)),
        (Some("l"), Some(id)) => DocKey::Local(format!("l:{}", decode(id))),
        (Some("u"), Some(url)) => DocKey::Url(decode(url)),
        _ => return Route::Home,
    };
    Route::Doc(key, section, share)
}

/// The route in the address.
pub fn current_route() -> Route {
    parse_route(
        &web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default(),
    )
}

/// Link to a bundled checklist (and a section of it).
pub fn checklist_href(file: &str, section: Option<&str>) -> String {
    DocKey::Bundled(file.to_string()).href(section)
}

/// Goes to a hash route.
pub fn navigate(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}

/// Replaces the address (without a new history entry, and without reloading) with this page's
/// path and `hash`.
pub fn replace_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default();
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{hash}")),
            );
        }
    }
}

/// The address of this app at `hash`, absolute (for a link that leaves this browser).
pub fn absolute(hash: &str) -> String {
    let Some(w) = web_sys::window() else {
        return hash.to_string();
    };
    let l = w.location();
    format!(
        "{}{}{hash}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}
