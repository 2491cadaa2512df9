//! Running counts: per category ([`Tally`], updated one item at a time so a toggle costs O(log n))
//! and per section (for the contents), never a recount.

use super::*;

/// Per-category counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// Not applicable.
    pub na: usize,
}

impl Counts {
    /// Moves one item from status `from` to `to`.
    pub fn change(&mut self, from: Status, to: Status) {
        self.add(from, false);
        self.add(to, true);
    }

    /// Items that count: total minus N/A.
    pub fn applicable(&self) -> usize {
        self.total - self.na
    }

    fn add(&mut self, status: Status, sign: bool) {
        let step = |v: &mut usize| {
            if sign {
                *v += 1
            } else {
                *v = v.saturating_sub(1)
            }
        };
        step(&mut self.total);
        match status {
            Status::Done => step(&mut self.done),
            Status::Na => step(&mut self.na),
            Status::Open => {}
        }
    }
}

/// Counts of the items under each section (its whole subtree), sign-off items left out (whether
/// one counts as done depends on its records, not its status): per-section progress for the
/// table of contents. Keep them current by moving an item's status ([`Counts::change`]) in each
/// section of [`counted_in`].
pub fn section_counts(
    checklist: &Checklist,
    input: &ScoreInput,
    status: impl Fn(usize) -> Status,
) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); checklist.sections.len()];
    for i in 0..checklist.items.len() {
        for s in counted_in(checklist, input, i) {
            counts[s].add(status(i), true);
        }
    }
    counts
}

/// The sections whose [`section_counts`] include item `item`: its section and every ancestor,
/// none for a sign-off item or one not required at the target level. A toggle touches only these
/// (O(depth)).
pub fn counted_in<'a>(
    checklist: &'a Checklist,
    input: &ScoreInput,
    item: usize,
) -> impl Iterator<Item = usize> + 'a {
    let it = &checklist.items[item];
    let role = input.items.get(item).map(|s| s.role);
    (!matches!(role, Some(Role::Signoff | Role::NotRequired)))
        .then(|| checklist.ancestors(it.section))
        .into_iter()
        .flatten()
}

/// Running counts that can be updated one item at a time, so a toggle costs O(log n), not a
/// recount: per-category counts plus the open critical items and checked triggers (by index).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// Counts per category.
    pub categories: Vec<Counts>,
    /// Readiness items in no category.
    pub uncategorised: Counts,
    /// Procedure items.
    pub procedures: Counts,
    /// Trigger items.
    pub triggers: Counts,
    /// Indexes of open critical readiness items.
    pub critical_open: BTreeSet<usize>,
    /// Indexes of checked trigger items.
    pub triggers_checked: BTreeSet<usize>,
    /// Items whose N/A or waiver has lapsed, with its end date (they count as open), by index.
    pub expired: Vec<(usize, String)>,
}

impl Tally {
    /// Counts every item of the input.
    pub fn new(input: &ScoreInput) -> Tally {
        let mut t = Tally::with_statuses(input, |i| input.items[i].counted());
        for (i, it) in input.items.iter().enumerate() {
            t.set_expired(i, it.expired.clone());
        }
        t
    }

    /// Notes whether item `index`'s N/A or waiver has lapsed (its end date) or not (`None`). The
    /// caller counts it as open meanwhile ([`ScoreItem::counted`]).
    pub fn set_expired(&mut self, index: usize, on: Option<String>) {
        let at = self.expired.binary_search_by_key(&index, |e| e.0);
        match (at, on) {
            (Ok(k), Some(on)) => self.expired[k].1 = on,
            (Ok(k), None) => {
                self.expired.remove(k);
            }
            (Err(k), Some(on)) => self.expired.insert(k, (index, on)),
            (Err(_), None) => {}
        }
    }

    /// Counts every item of the input with statuses given by `status(index)`.
    pub fn with_statuses(input: &ScoreInput, status: impl Fn(usize) -> Status) -> Tally {
        let mut t = Tally {
            categories: vec![Counts::default(); input.categories.len()],
            ..Tally::default()
        };
        for (i, it) in input.items.iter().enumerate() {
            t.apply(i, it, status(i), true);
        }
        t
    }

    /// Adds (`add = true`) or removes item `index` in a given status.
    pub fn apply(&mut self, index: usize, item: &ScoreItem, status: Status, add: bool) {
        let set = |set: &mut BTreeSet<usize>, on: bool| {
            if on && add {
                set.insert(index);
            } else if on {
                set.remove(&index);
            }
        };
        match item.role {
            Role::Readiness => {
                set(
                    &mut self.critical_open,
                    item.critical && status == Status::Open,
                );
            }
            Role::Trigger => set(&mut self.triggers_checked, status == Status::Done),
            _ => {}
        }
        let counts = match item.role {
            Role::Readiness => match item.category {
                Some(c) if c < self.categories.len() => &mut self.categories[c],
                _ => &mut self.uncategorised,
            },
            Role::Procedure => &mut self.procedures,
            Role::Trigger => &mut self.triggers,
            Role::Signoff | Role::NotRequired => return,
        };
        counts.add(status, add);
    }

    /// Moves item `index` from one status to another.
    pub fn change(&mut self, index: usize, item: &ScoreItem, from: Status, to: Status) {
        self.apply(index, item, from, false);
        self.apply(index, item, to, true);
    }
}

/// The summary's counts, which add up to the checklist's items: scored items done of applicable,
/// unscored items, procedure steps, and `signed` sign-offs current of `signoffs` (the page's
/// summary, live and static, says this one sentence).
pub fn counts_line(b: &Breakdown, signed: usize, signoffs: usize) -> String {
    let (d, a) = b.categories.iter().fold((0, 0), |(d, a), c| {
        (d + c.counts.done, a + c.counts.applicable())
    });
    let mut s = format!("{d} of {a} scored items done");
    if b.uncategorised.total > 0 {
        s.push_str(&format!(" · {} unscored", b.uncategorised.total));
    }
    if b.procedures.total > 0 {
        s.push_str(&format!(" · {} procedure steps", b.procedures.total));
    }
    if signoffs > 0 {
        s.push_str(&format!(" · {signed} of {signoffs} sign-offs current"));
    }
    s
}
