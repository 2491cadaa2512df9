//! What drawing the form needs at every level: the document, the filters, and each item's
//! descendants (a parent stays visible while a child matches the filters).

use std::sync::Arc;

use super::filters::Filters;
use crate::ui::doc::Doc;

/// The drawing context, cloned into every row.
#[derive(Clone)]
pub(super) struct Ctx {
    /// The document.
    pub(super) doc: Doc,
    /// The filters.
    pub(super) filters: Filters,
    /// Each item's descendants, by item index.
    pub(super) descendants: Arc<Vec<Vec<usize>>>,
}
