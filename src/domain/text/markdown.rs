//! The one place that knows pulldown-cmark: which Markdown extensions the dialect turns on.
//!
//! Everything else consumes the event stream this returns, so upgrading pulldown-cmark or changing
//! an option is a change to this file and the fixture expectations, nothing else.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

/// The extensions of the checklist dialect: GFM tables, task lists and strikethrough, plus a
/// leading YAML-style metadata block. Nothing that changes the meaning of plain GFM.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Markdown events of `src` with the byte range each comes from.
pub fn events(src: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(src, options()).into_offset_iter()
}

/// Counts GFM task-list items the way GitHub does (the bare floor the parser must match).
pub fn count_task_items(src: &str) -> usize {
    Parser::new_ext(src, options())
        .filter(|e| matches!(e, Event::TaskListMarker(_)))
        .count()
}
