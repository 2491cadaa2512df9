//! Checklists drawn a chunk at a time ([`Reveal`]), and scrolling to a heading or an item once it is
//! drawn.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::{Checklist, Chunk};

/// Checklists with at least this many items are drawn a chunk at a time (see [`Reveal`]);
/// smaller ones draw every item at once.
pub const LAZY_FROM: usize = 1000;

/// Items per chunk (a chunk is cut at the next heading after this many).
pub(super) const CHUNK_ITEMS: usize = 100;

/// Smaller checklists are drawn in chunks of this many items (cut at the next heading), one chunk
/// per task after the first screen, so no single task builds the whole page.
pub(super) const STEP_ITEMS: usize = 15;

/// Items drawn at once, before the first step: enough to fill a first screen.
pub(super) const FIRST_ITEMS: usize = 30;

/// How far outside the viewport a chunk starts being drawn.
pub(super) const REVEAL_MARGIN: &str = "1500px 0px";

/// Estimated heights (px) of what a chunk not yet drawn will hold, for its placeholder.
pub(super) const ITEM_PX: usize = 50;

pub(super) const HEADING_PX: usize = 56;

/// Which chunks of a checklist are drawn.
///
/// - **Large** ([`LAZY_FROM`] items or more): a chunk is drawn when it comes near the viewport,
///   when a deep link or the contents need one of its sections, or before printing, and is let go
///   again when it is far from the viewport (unless it holds the keyboard focus), so memory follows
///   what is on screen, not the checklist's length. A placeholder of its height (as last drawn,
///   else estimated) stands in for it, so the scroll bar stays honest and nothing jumps.
/// - **Smaller** (`stepped`): the first screen's chunks are drawn at once and the rest one per
///   task right after ([`Reveal::step`]), so the first screen comes sooner and the page stays
///   responsive while the rest is built; nothing is let go, and no placeholder stands in (what is
///   not drawn yet comes below what is).
#[derive(Clone)]
pub struct Reveal {
    pub(super) chunks: Arc<Vec<Chunk>>,
    /// Drawn step by step, every chunk kept (smaller checklists); else drawn near the viewport.
    pub(super) stepped: bool,
    pub(super) shown: Arc<Vec<RwSignal<bool>>>,
    /// Each chunk's height when it was last drawn (unfiltered), for its placeholder after.
    pub(super) heights: Arc<Vec<RwSignal<Option<f64>>>>,
}

impl Reveal {
    /// The plan for `c`: drawn near the viewport from [`LAZY_FROM`] items, in steps below; no
    /// chunks (everything drawn at once) when the checklist makes only one.
    pub fn new(c: &Checklist) -> Reveal {
        let stepped = c.items.len() < LAZY_FROM;
        let mut chunks = c.chunks(if stepped { STEP_ITEMS } else { CHUNK_ITEMS });
        if chunks.len() == 1 {
            chunks.clear();
        }
        // Large: the first chunk (100 items or more: a screen and then some) is drawn at once; the
        // observer adds the next one if the screen reaches it. Stepped: the chunks of the first
        // screen are.
        let shown = chunks
            .iter()
            .enumerate()
            .map(|(k, ch)| {
                RwSignal::new(if stepped {
                    ch.items.start < FIRST_ITEMS
                } else {
                    k == 0
                })
            })
            .collect();
        let heights = (0..chunks.len()).map(|_| RwSignal::new(None)).collect();
        Reveal {
            chunks: Arc::new(chunks),
            stepped,
            shown: Arc::new(shown),
            heights: Arc::new(heights),
        }
    }

    /// Whether everything there is to draw at first is drawn: every chunk of a stepped checklist
    /// (reactive), always for the others.
    pub fn complete(&self) -> bool {
        !self.stepped || self.shown.iter().all(|s| s.get())
    }

    /// Draws the next chunk of a stepped checklist not drawn yet; false when there was none (or
    /// the page is gone).
    pub(super) fn step(&self) -> bool {
        match self
            .shown
            .iter()
            .find(|s| s.try_get_untracked() == Some(false))
        {
            Some(s) => s.try_set(true).is_none(),
            None => false,
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
