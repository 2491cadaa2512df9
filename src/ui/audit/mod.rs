//! The auditor view (`#/audit`): import exported records, verify each with the same domain code as
//! `readiness verify`, read the record, see template drift, and compare two reviews.
//! It reads files only; nothing here touches the user's saved checklists.

mod downloads;
mod items;
pub mod module;
pub mod roles;

use leptos::prelude::*;

use crate::domain::audit::{
    compare, drift, verify, AuditRecord, Change, Drift, JudgedBy, Verification,
};
use crate::domain::model::catalog::Catalog;
use crate::domain::parse;
use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::{short_fingerprint, Precomputed};
use crate::domain::text::sha256_hex;

use crate::ui::platform::files::{read_text, DropZone};
use crate::ui::platform::net::fetch_bytes;
use crate::ui::platform::storage;

/// How the record relates to the template this browser has for it.
#[derive(Clone, PartialEq)]
enum TemplateStatus {
    /// No bundled or opened checklist of that file name, and the record carries none (made
    /// before records carried their checklist): its verdict is its own claim.
    Unknown,
    /// No bundled or opened checklist of that name, or the same one: the record was judged by the
    /// copy of the checklist it carries.
    Carried,
    /// Same bytes: the record was also checked against it.
    Same(String),
    /// Changed since the export: the drift, and where the template came from.
    Changed(String, Drift),
}

/// One imported file.
#[derive(Clone)]
struct Imported {
    name: String,
    /// The file's exact text (the downloads are made from it).
    text: String,
    verification: Verification,
    template: TemplateStatus,
    /// WebCrypto's answers for the record's signatures (judged again under a signers file).
    sigs: Precomputed,
    /// The signers file bundled beside the checklist (`<stem>.signers.json`), if any: the one a
    /// dropped signers file replaces, as `readiness verify` finds it beside `--template`.
    beside: Option<Signers>,
}

/// A bundled file's bytes.
async fn bundled(file: &str) -> Option<Vec<u8>> {
    let url = format!(
        "checklists/{}",
        js_sys::encode_uri_component(file)
            .as_string()
            .unwrap_or_default()
    );
    fetch_bytes(&url).await.ok()
}

/// The template this browser has for a checklist file (bundled first, then opened ones), with
/// the signers file bundled beside it.
async fn find_template(file: &str) -> Option<(String, Vec<u8>, Option<Signers>)> {
    if let Ok(bytes) = fetch_bytes("checklists/index.json").await {
        if let Ok(catalog) = serde_json::from_slice::<Catalog>(&bytes) {
            if let Some(entry) = catalog.checklists.iter().find(|e| e.file == file) {
                let mut beside = None;
                if let Some(path) = &entry.signers {
                    if let Some(b) = bundled(path).await {
                        beside = Signers::from_json(&String::from_utf8_lossy(&b)).ok();
                    }
                }
                if let Some(b) = bundled(file).await {
                    return Some(("the bundled checklist".to_string(), b, beside));
                }
            }
        }
    }
    storage::load_opened()
        .into_iter()
        .find(|o| o.name == file || o.name.rsplit('/').next() == Some(file))
        .and_then(|o| storage::load_source(&o.doc))
        .map(|s| {
            (
                "the checklist you opened".to_string(),
                s.text.into_bytes(),
                None,
            )
        })
}

/// Runs the record's Ed25519 checks with WebCrypto, for the domain verifier to use.
async fn signature_results(text: &str) -> Precomputed {
    let mut results = std::collections::HashMap::new();
    if let Ok(record) = crate::domain::text::json::from_str_strict::<AuditRecord>(text) {
        for check in record.signature_checks() {
            let ok = crate::ui::platform::crypto::verify(&check).await;
            results.insert(check, ok);
        }
    }
    Precomputed(results)
}

async fn check(name: String, text: String) -> Imported {
    let exact = text.clone();
    let sigs = signature_results(&text).await;
    let first = verify(&text, None, &sigs);
    let carried = first.judged_by == JudgedBy::Carried;
    let Some(record) = first.record.clone() else {
        return Imported {
            name,
            text: exact,
            verification: first,
            template: TemplateStatus::Unknown,
            sigs,
            beside: None,
        };
    };
    let file = record.checklist.file.clone();
    let (template, verification, beside) = match find_template(&file).await {
        None if carried => (TemplateStatus::Carried, first, None),
        None => (TemplateStatus::Unknown, first, None),
        Some((origin, bytes, beside)) if sha256_hex(&bytes) == record.checklist.sha256 => {
            // Same bytes: a record that carries them was judged by them already; an older one is
            // verified again against them (weights, items, criticality, lines).
            let full = if carried {
                first
            } else {
                verify(&text, Some((&file, &bytes)), &sigs)
            };
            (TemplateStatus::Same(origin), full, beside)
        }
        Some((origin, bytes, _)) => match parse(&file, &bytes) {
            Ok(t) => (
                TemplateStatus::Changed(origin, drift(&record, &t)),
                first,
                None,
            ),
            Err(_) if carried => (TemplateStatus::Carried, first, None),
            Err(_) => (TemplateStatus::Unknown, first, None),
        },
    };
    Imported {
        name,
        text: exact,
        verification,
        template,
        sigs,
        beside,
    }
}

/// The auditor page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let imported = RwSignal::new(Vec::<Imported>::new());
    let signers = RwSignal::new(None::<Signers>);
    let busy = RwSignal::new(false);
    let import = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            for file in files {
                let (name, text) = read_text(file).await;
                let item = check(name, text.unwrap_or_default()).await;
                imported.update(|v| v.push(item));
            }
            busy.set(false);
        });
    };
    // A record handed over by a checklist page ("For auditors' tools…") is checked at once.
    if let Some((name, text)) = crate::ui::platform::storage::take_audit_handoff() {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let item = check(name, text).await;
            imported.update(|v| v.push(item));
            busy.set(false);
        });
    }
    view! {
        <p class="back"><a href="#/">"← All checklists"</a></p>
        <h1>"Audit exported sign-offs"</h1>
        <p class="muted">
            "Each file is verified here, offline, with the same code as "<code>"readiness verify"</code>
            ": integrity digest, answers digest, sign-off flags, score and verdict recomputed from the answers, and, when this browser has the checklist, the template itself."
        </p>
        <DropZone id="import-export" label="Exported JSON files (or drop them here)"
            accept=".json,application/json" testid="import-export" multiple=true on_files=import/>
        <SignersInput signers=signers/>
        {move || busy.get().then(|| view! { <p class="muted" role="status">"Verifying…"</p> })}
        <div class="audits">
            {move || {
                let s = signers.get();
                imported.get().into_iter().map(|i| view! { <AuditCard imported=i signers=s.clone()/> }).collect_view()
            }}
        </div>
        <Comparisons imported=imported/>
    }
}

/// The optional signers file every record is held against.
#[component]
fn SignersInput(signers: RwSignal<Option<Signers>>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let on_files = move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let (name, text) = read_text(file).await;
            let read =
                text.and_then(|t| Signers::from_json(&t).map_err(|e| format!("{name}: {e}")));
            match read {
                Ok(s) => {
                    error.set(None);
                    signers.set(Some(s));
                }
                Err(e) => error.set(Some(format!(
                    "{e}; the records are checked without a signers file."
                ))),
            }
        });
    };
    view! {
        <div class="signers-input">
            <DropZone id="audit-signers" label="Signers file (optional): which key may sign for which role"
                accept=".json,application/json" testid="audit-signers" on_files=on_files/>
            {move || signers.get().map(|s| view! { <p class="muted" data-testid="signers-loaded">{format!("{} signers; a sign-off whose key is not listed for its role does not count.", s.signers.len())}</p> })}
        </div>
        {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="signers-error">{e}</p> })}
    }
}

#[component]
fn AuditCard(imported: Imported, signers: Option<Signers>) -> impl IntoView {
    let Imported {
        name,
        text,
        mut verification,
        template,
        sigs,
        beside,
    } = imported;
    // One way to find the signers file, as `readiness verify` finds it: the one dropped here, else
    // the one bundled beside the checklist, else the record's own.
    let beside_used = signers.is_none() && beside.is_some();
    let signers = signers.or(beside);
    if let Some(s) = &signers {
        verification.check_signers(s, &sigs);
    }
    let unproven = verification.needs_template();
    let ok = verification.ok();
    let problems = verification.problems.clone();
    let record = verification.record.clone();
    let title = name.clone();
    // The badge is the verdict recomputed under everything checked here (the signers file
    // included), never the record's own claim; an invalid file is never GO.
    // A record alone (made before records carried their checklist) proves no GO.
    let decision = verification
        .breakdown
        .as_ref()
        .map(|b| b.verdict)
        .filter(|_| ok && !unproven)
        .unwrap_or(crate::domain::score::Verdict::NoGo);
    let mut reasons: Vec<String> = verification
        .breakdown
        .as_ref()
        .map(|b| b.reasons.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    if unproven {
        reasons.push("not proven: the record was made before records carried their checklist, and this browser does not have it; open the checklist here to prove its verdict".to_string());
    }
    let roles = verification.clone();
    let downloads = ok.then(|| {
        view! { <crate::ui::audit::downloads::Downloads name=name.clone() text=text verification=verification.clone()/> }
    });
    view! {
        <section class="audit-card" data-testid="audit-record" data-file=name>
            <h2><code>{title}</code></h2>
            {record.as_ref().map(|r| {
                let go = decision.is_go();
                view! {
                    <p class="headline" data-testid="record-verdict">
                        <span class="verdict" class:go=go class:nogo=!go>{decision.as_str()}</span>
                        {format!(" · score {:.2} / 10 (minimum {:.2}) · {}", r.score.value, r.score.threshold, r.checklist.title)}
                    </p>
                    {(!reasons.is_empty()).then(|| view! {
                        <ul class="reasons" data-testid="verdict-reasons">
                            {reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                }
            })}
            {downloads}
            <p class="integrity">
                "File check: "
                <span class="verification" class:ok=ok class:bad=!ok data-testid="verification">
                    {if ok { "verified" } else { "invalid" }}
                </span>
                {if ok {
                    " — unchanged since export: its digests, signatures, score and verdict all recompute to what it says. This is about the file, not about readiness: the verdict above is the decision."
                } else {
                    " — the file does not hold up; the problems are listed below. Do not rely on its verdict."
                }}
            </p>
            {(!problems.is_empty()).then(|| view! {
                <ul class="problems" data-testid="problems">
                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            })}
            {beside_used.then(|| view! {
                <p class="muted" data-testid="signers-beside">"Held against the signers file bundled beside the checklist: a sign-off whose key is not listed for its role does not count."</p>
            })}
            {record.map(|r| view! {
                <TemplateNote template=template.clone() record=r.clone()/>
                <crate::ui::audit::roles::RoleTable verification=roles/>
                <Report record=r signers=verification.signers.clone() listed_as=verification.listed_as.clone() signers_checked=signers.is_some()/>
            })}
        </section>
    }
}

#[component]
fn TemplateNote(template: TemplateStatus, record: AuditRecord) -> impl IntoView {
    match template {
        TemplateStatus::Unknown => view! {
            <p class="muted" data-testid="template-status">"This browser has no checklist named "<code>{record.checklist.file}</code>"; the record was checked on its own."</p>
        }.into_any(),
        TemplateStatus::Carried => view! {
            <p class="muted" data-testid="template-status">"Judged by the checklist the record carries (its SHA-256 checked): every item, weight, threshold and sign-off line comes from it, not from the record's own claims."</p>
        }.into_any(),
        TemplateStatus::Same(origin) => view! {
            <p class="muted" data-testid="template-status">{format!("Checked against {origin}: same SHA-256 as exported.")}</p>
        }.into_any(),
        TemplateStatus::Changed(origin, d) => {
            let signed: Vec<String> = record
                .signoffs
                .iter()
                .map(|s| format!("{} — {} ({})", s.role, s.name, s.signed_at))
                .collect();
            view! {
                <div class="drift" data-testid="drift">
                    <p><strong>{format!("{origin} has changed since this export")}</strong>
                        {format!(": {}", crate::ui::page::drift::drift_counts(&d))}</p>
                    <crate::ui::page::drift::DriftList drift=d/>
                    {(!signed.is_empty()).then(|| view! {
                        <p>"Sign-offs made against the earlier version:"</p>
                        <ul>{signed.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    })}
                </div>
            }.into_any()
        }
    }
}

#[component]
fn Report(
    record: AuditRecord,
    signers: Vec<Option<String>>,
    listed_as: Vec<Option<String>>,
    signers_checked: bool,
) -> impl IntoView {
    let r = record;
    let go = r.verdict.decision.is_go();
    view! {
        <div class="report">
            <p>
                <strong>{r.checklist.title.clone()}</strong>" · "<code>{r.checklist.file.clone()}</code>
                {format!(" · {} items · exported {} by Readiness {}", r.checklist.items, r.generated_at, r.app_version)}
            </p>
            <p>
                "Verdict "<span class="verdict" class:go=go class:nogo=!go>{r.verdict.decision.as_str()}</span>
                {format!(" · score {} / 10 (minimum {})", r.score.value, r.score.threshold)}
            </p>
            {(!r.verdict.reasons.is_empty()).then(|| view! {
                <ul>{r.verdict.reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            })}
            <div class="table-wrap" tabindex="0" role="region" aria-label="Score breakdown">
                <table>
                    <thead><tr><th scope="col">"Category"</th><th scope="col">"Weight"</th><th scope="col">"Done"</th><th scope="col">"N/A"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>
                        {r.score.categories.iter().map(|c| view! {
                            <tr>
                                <td>{c.name.clone()}</td>
                                <td>{format!("{}%", c.weight)}</td>
                                <td>{format!("{}/{}", c.done, c.total - c.na)}</td>
                                <td>{c.na}</td>
                                <td>{c.score.map_or("n/a".to_string(), |s| s.to_string())}{c.override_score.map(|_| " (override)")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Sign-offs"</h3>
            {if r.signoffs.is_empty() {
                view! { <p class="muted">"No sign-offs recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="signoffs">
                        {r.signoffs.iter().zip(signers.iter().cloned().chain(std::iter::repeat(None))).zip(listed_as.iter().cloned().chain(std::iter::repeat(None))).map(|((s, fp), listed)| view! {
                            <li data-testid="signoff">
                                {format!("{}: {} on {} (recorded {})", s.role, s.name, s.date, s.signed_at)}
                                {match fp {
                                    Some(ref fp) => view! { <span class="key">" · signed with key "<code data-testid="fingerprint">{short_fingerprint(fp)}</code></span> }.into_any(),
                                    None => view! { <strong class="stale-flag">" · signature not valid"</strong> }.into_any(),
                                }}
                                {match (listed, signers_checked && fp.is_some()) {
                                    (Some(n), _) => Some(view! { <span class="listed" data-testid="signer-listed">{format!(" · on the signers list as {n}")}</span> }.into_any()),
                                    (None, true) => Some(view! { <strong class="stale-flag" data-testid="signer-not-listed">" · key not on the signers list for this role: does not count"</strong> }.into_any()),
                                    (None, false) => None,
                                }}
                                {s.stale.then(|| view! { <strong class="stale-flag">" stale: answers changed after signing"</strong> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <items::Waivers record=r.clone()/>
            {r.previous.as_ref().map(|p| view! {
                <p data-testid="audit-previous">{format!(
                    "Carried from {} (made {}, integrity {}…): check the link with readiness verify --previous {}.",
                    p.file, p.at, p.integrity.get(..12).unwrap_or(&p.integrity), p.file
                )}</p>
            })}
            <details>
                <summary>{format!("All {} items", r.items.len())}</summary>
                <items::ItemTable items=r.items.clone()/>
            </details>
        </div>
    }
}

/// Compares consecutive reviews of the same checklist among the imported files.
#[component]
fn Comparisons(imported: RwSignal<Vec<Imported>>) -> impl IntoView {
    move || {
        let mut records: Vec<AuditRecord> = imported
            .get()
            .into_iter()
            .filter(|i| i.verification.ok())
            .filter_map(|i| i.verification.record)
            .collect();
        records.sort_by(|a, b| {
            a.checklist
                .file
                .cmp(&b.checklist.file)
                .then(a.generated_at.cmp(&b.generated_at))
        });
        let pairs: Vec<(AuditRecord, AuditRecord, Vec<Change>)> = records
            .windows(2)
            .filter(|w| w[0].checklist.file == w[1].checklist.file)
            .map(|w| (w[0].clone(), w[1].clone(), compare(&w[0], &w[1])))
            .collect();
        (!pairs.is_empty()).then(|| {
            view! {
                <section class="compare" data-testid="compare">
                    <h2>"Changes between reviews"</h2>
                    {pairs.into_iter().map(|(a, b, changes)| view! {
                        <h3>{format!("{}: {} → {}", a.checklist.file, a.generated_at, b.generated_at)}</h3>
                        {if changes.is_empty() {
                            view! { <p class="muted">"No changes."</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {changes.into_iter().map(|c| view! {
                                        <li><code>{c.key}</code>": "{c.before}" → "{c.after}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }).collect_view()}
                </section>
            }
        })
    }
}
