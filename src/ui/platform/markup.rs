//! The one place the app sets markup: HTML that the core's renderer wrote (escaped by construction,
//! allow-listed tags, attributes and links, bounded nesting) is inserted here and nowhere else, so
//! checklist text reaches the page as markup only through `domain::render`.

/// Replaces the content of `el` with `html`, which must come from `crate::domain::render`.
pub fn insert_rendered(el: &web_sys::Element, html: &str) {
    el.set_inner_html(html);
}
