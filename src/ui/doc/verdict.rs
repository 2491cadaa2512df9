//! The verdict of the live page, derived from the answers as they change: the sign-offs'
//! standings (recomputed only when the records, WebCrypto's answers or the signers file change),
//! their staleness (per change of the answers), and the score with GO or NO-GO.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::digest::answers_digest;
use crate::domain::score::{
    blocking_shared, breakdown_with, current_signoffs, signoff_states, Breakdown, ScoreInput, Tally,
};
use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::Precomputed;
use crate::domain::signoff::standing::{
    conclude, ground_of, restaled, standings, Assessment, Line, Rules,
};

use super::saved::SavedAnswers;
use crate::ui::platform::browser::now;

/// The score with its verdict, the assessment of the sign-offs and the ones that count, derived
/// from the live answers. The answers digest they need is taken from the answers as saved (the
/// cache saving keeps), not rebuilt from every signal, and only while there are sign-offs, the
/// only thing it decides. Signatures are judged from WebCrypto's answers (`verified`).
pub(super) fn verdict_memos(
    input: &Arc<ScoreInput>,
    lines: &Arc<Vec<Line>>,
    signers: RwSignal<Option<Arc<Signers>>>,
    verified: RwSignal<Precomputed>,
    saved: &SavedAnswers,
    revision: RwSignal<u64>,
    tally: RwSignal<Tally>,
) -> (Memo<Breakdown>, Memo<BTreeSet<String>>, Memo<Assessment>) {
    let c = saved.checklist();
    let (overrides, all_signoffs) = (saved.overrides(), saved.signoffs());
    let digest = {
        let (c, saved) = (c.clone(), saved.clone());
        Memo::new(move |_| {
            revision.track();
            overrides.track();
            if all_signoffs.with(Vec::is_empty) {
                return None;
            }
            Some(saved.with(|a| answers_digest(&c, a)))
        })
    };
    // Each record's signature, line, dates and listing: checked when the records, WebCrypto's
    // answers or the signers file change, never on an edit of the answers.
    let standings = {
        let (c, lines) = (c.clone(), lines.clone());
        Memo::new(move |_| {
            verified.with(|v| {
                signers.with(|s| {
                    let rules = Rules {
                        verifier: v,
                        as_of: now(),
                        signers: s.as_deref(),
                    };
                    let g = ground_of(&c, &lines, "", &rules);
                    all_signoffs.with(|r| standings(&g, r))
                })
            })
        })
    };
    // Staleness and each line's state follow the answers digest: cheap, per change.
    let assessment = {
        let lines = lines.clone();
        Memo::new(move |_| {
            let digest = digest.get().unwrap_or_default();
            let unchecked = Precomputed::default();
            let rules = Rules {
                verifier: &unchecked,
                as_of: now(),
                signers: None,
            };
            let g = ground_of(&c, &lines, &digest, &rules);
            all_signoffs.with(|r| conclude(&g, r, restaled(standings.get(), r, &digest)))
        })
    };
    let states = {
        let lines = lines.clone();
        Memo::new(move |_| assessment.with(|a| (signoff_states(&lines, a), blocking_shared(a))))
    };
    let breakdown = {
        let input = input.clone();
        Memo::new(move |_| {
            states.with(|(st, shared)| {
                overrides.with(|o| tally.with(|t| breakdown_with(&input, t, o, st, shared)))
            })
        })
    };
    let signed = Memo::new(move |_| states.with(|(st, _)| current_signoffs(st)));
    (breakdown, signed, assessment)
}
