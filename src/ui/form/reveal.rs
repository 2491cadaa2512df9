//! Checklists drawn a chunk at a time ([`Reveal`]), and scrolling to a heading or an item once it is
//! drawn.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::{Checklist, Chunk};

/// Checklists with at least this many items are drawn a chunk at a time (see [`Reveal`]);
/// smaller ones are rendered whole, in one insertion of the core's HTML.
pub const LAZY_FROM: usize = 1000;

/// Items per chunk (a chunk is cut at the next heading after this many).
pub(super) const CHUNK_ITEMS: usize = 100;

/// How far outside the viewport a chunk starts being drawn.
pub(super) const REVEAL_MARGIN: &str = "1500px 0px";

/// Estimated heights (px) of what a chunk not yet drawn will hold, for its placeholder.
pub(super) const ITEM_PX: usize = 50;

pub(super) const HEADING_PX: usize = 56;

/// Which chunks of a large checklist ([`LAZY_FROM`] items or more) are drawn: a chunk's HTML is
/// rendered and inserted when it comes near the viewport, when a deep link or the contents need one
/// of its sections, or before printing, and is let go again when it is far from the viewport
/// (unless it holds the keyboard focus), so memory follows what is on screen, not the checklist's
/// length. A placeholder of its height (as last drawn, else estimated) stands in for it, so the
/// scroll bar stays honest and nothing jumps. Smaller checklists have no chunks.
#[derive(Clone)]
pub struct Reveal {
    pub(super) chunks: Arc<Vec<Chunk>>,
    pub(super) shown: Arc<Vec<RwSignal<bool>>>,
    /// Each chunk's height when it was last drawn (unfiltered), for its placeholder after.
    pub(super) heights: Arc<Vec<RwSignal<Option<f64>>>>,
}

impl Reveal {
    /// The plan for `c`: chunks from [`LAZY_FROM`] items (the first drawn at once: a screen and
    /// then some), none below.
    pub fn new(c: &Checklist) -> Reveal {
        let chunks = if c.items.len() < LAZY_FROM {
            Vec::new()
        } else {
            c.chunks(CHUNK_ITEMS)
        };
        let shown = (0..chunks.len()).map(|k| RwSignal::new(k == 0)).collect();
        let heights = (0..chunks.len()).map(|_| RwSignal::new(None)).collect();
        Reveal {
            chunks: Arc::new(chunks),
            shown: Arc::new(shown),
            heights: Arc::new(heights),
        }
    }

    /// Draws the chunk holding section `s`'s heading.
    pub fn section(&self, s: usize) {
        self.draw_where(|ch| ch.sections.contains(&s));
    }

    /// Draws item `i`, scrolls it into view and puts the keyboard focus on its checkbox.
    pub fn focus_item(&self, i: usize) {
        self.draw_where(|ch| ch.items.contains(&i));
        scroll_to(format!("item-{i}"), true);
    }

    /// Draws a sign-off line and focuses its "Sign off" button (its checkbox is not for ticking).
    pub fn focus_signoff(&self, i: usize) {
        self.draw_where(|ch| ch.items.contains(&i));
        scroll_to(format!("sign-{i}"), true);
    }

    fn draw_where(&self, holds: impl Fn(&Chunk) -> bool) {
        if let Some(k) = self.chunks.iter().position(holds) {
            self.shown[k].set(true);
        }
    }

    /// Draws every chunk (before printing).
    pub fn all(&self) {
        for s in self.shown.iter() {
            if !s.get_untracked() {
                s.set(true);
            }
        }
    }
}

/// How many frames a scroll to a target is re-checked: drawing chunks near it (above it, too)
/// replaces placeholders whose height was only an estimate.
pub(super) const SETTLE_FRAMES: u32 = 6;

/// Scrolls the element with this id into view once it is drawn: a heading to the top, an item
/// (`focus`) to the middle, with the keyboard focus on it. Then keeps it there for a few frames
/// while the chunks around it are drawn.
pub fn scroll_to(id: String, focus: bool) {
    fn step(id: String, focus: bool, first: bool, left: u32) {
        request_animation_frame(move || {
            let Some(el) = document().get_element_by_id(&id) else {
                return;
            };
            let r = el.get_bounding_client_rect();
            let view = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let off = if focus {
                r.top() + r.height() / 2.0 - view / 2.0
            } else {
                r.top()
            };
            if off.abs() >= 2.0 {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(if focus {
                    web_sys::ScrollLogicalPosition::Center
                } else {
                    web_sys::ScrollLogicalPosition::Start
                });
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
            if focus && first {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
            if left > 0 {
                step(id, focus, false, left - 1);
            }
        });
    }
    step(id, focus, true, SETTLE_FRAMES);
}
