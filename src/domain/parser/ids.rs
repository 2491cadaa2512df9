//! Stable ids: `section-path/item-slug`, numbered `~n` when repeated, for items and for labelled
//! fields. Answers follow their items by these ids across template edits.

use super::*;

impl Builder<'_> {
    /// Slugs of each section's path used in ids, computed once (parents come before children):
    /// the document-title heading (the first level-1 heading, when it is the title) is left out so
    /// renaming the document keeps every id.
    /// Each section's id prefix: the slugs of its headings from the top, joined by `/` (the root
    /// and the document title contribute nothing).
    pub(super) fn id_paths(&self) -> Vec<String> {
        let title_section = self.title_section();
        let mut paths: Vec<String> = Vec::with_capacity(self.sections.len());
        for (s, sec) in self.sections.iter().enumerate() {
            let parent = sec.parent.map(|p| paths[p].as_str()).unwrap_or_default();
            let slug = if s != 0 && Some(s) != title_section {
                slugify(&sec.title)
            } else {
                String::new()
            };
            // A heading with no slug (only symbols) adds no segment.
            paths.push(if slug.is_empty() {
                parent.to_string()
            } else {
                join_id(parent, &slug)
            });
        }
        paths
    }

    pub(super) fn assign_item_ids(&mut self, paths: &[String]) {
        let text_slugs: Vec<String> = self
            .items
            .iter()
            .map(|it| slug_truncated(&it.plain, ID_TEXT_MAX))
            .collect();
        // Section segments, the parent item's slug (kept even when empty, as ids always were),
        // the item's slug.
        let mut ids: Vec<String> = self
            .items
            .iter()
            .zip(&text_slugs)
            .map(|(it, text)| {
                let prefix = &paths[it.section];
                let text = if text.is_empty() { "item" } else { text };
                match it.parent {
                    Some(p) => {
                        let mut id = join_id(prefix, &text_slugs[p]);
                        id.push('/');
                        id.push_str(text);
                        id
                    }
                    None => join_id(prefix, text),
                }
            })
            .collect();
        number_repeats(&mut ids);
        for (item, id) in self.items.iter_mut().zip(ids) {
            item.id = id;
        }
    }

    pub(super) fn assign_field_ids(&mut self, paths: &[String]) {
        // Fields named by their label can repeat; they are numbered together at the end.
        let (mut labelled, mut labelled_ids) = (Vec::new(), Vec::new());
        let mut per_item: HashMap<ItemIdx, usize> = HashMap::new();
        for f in 0..self.fields.len() {
            let id = match self.fields[f].item {
                // A table row's empty cell: named by its column, stable when columns move.
                Some(item) if self.cell_ids.contains_key(&f) => {
                    let column = self.cell_ids[&f].rsplit('/').next().unwrap_or_default();
                    format!("{}#{column}", self.items[item].id)
                }
                Some(item) => {
                    let n = per_item.entry(item).or_insert(0);
                    *n += 1;
                    format!("{}#{}", self.items[item].id, n)
                }
                None if self.cell_ids.contains_key(&f) => {
                    join_id(&paths[self.fields[f].section], &self.cell_ids[&f])
                }
                None => {
                    let mut label = slug_truncated(&self.fields[f].label, ID_TEXT_MAX);
                    if let Some(u) = &self.fields[f].unit {
                        label = format!("{label}-{}", slugify(u));
                    }
                    let label = if label.is_empty() { "field" } else { &label };
                    labelled.push(f);
                    labelled_ids.push(join_id(&paths[self.fields[f].section], label));
                    continue;
                }
            };
            self.fields[f].id = id;
        }
        number_repeats(&mut labelled_ids);
        for (f, id) in labelled.into_iter().zip(labelled_ids) {
            self.fields[f].id = id;
        }
    }
}

/// `prefix/part`, or `part` alone under an empty prefix.
pub(super) fn join_id(prefix: &str, part: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + part.len() + 1);
    id.push_str(prefix);
    if !prefix.is_empty() {
        id.push('/');
    }
    id.push_str(part);
    id
}

/// The rule for repeated ids: the first of equal ids stays as it is, the n-th gets `~n` (n from
/// 2). Slugs never contain `~`, so a numbered id cannot equal another id.
pub(super) fn number_repeats(ids: &mut [String]) {
    let repeats: Vec<u32> = {
        let mut seen: HashMap<&str, u32> = HashMap::with_capacity(ids.len());
        ids.iter()
            .map(|id| {
                let n = seen.entry(id.as_str()).or_insert(0);
                *n += 1;
                *n
            })
            .collect()
    };
    for (id, n) in ids.iter_mut().zip(repeats) {
        if n > 1 {
            id.push('~');
            id.push_str(&n.to_string());
        }
    }
}
