//! The verified record in auditors' own formats (issue 25): one download per format, each made by
//! the domain's converter from the record's exact bytes and the verification shown on the card (a
//! signers file given here included), so the auditor view and `readiness convert` agree.

use leptos::prelude::*;

use crate::domain::audit::Verification;
use crate::domain::convert::{convert_verified, Format};

/// The download buttons of a verified record; `name` is the imported file's name.
#[component]
pub fn Downloads(name: String, text: String, verification: Verification) -> impl IntoView {
    let stem = name.strip_suffix(".json").unwrap_or(&name).to_string();
    let error = RwSignal::new(None::<String>);
    let buttons = Format::ALL
        .into_iter()
        .map(|f| {
            let (stem, text, v) = (stem.clone(), text.clone(), verification.clone());
            let save = move |_| match convert_verified(&text, &v, f) {
                Ok(out) => {
                    let file = format!("{stem}{}", f.suffix());
                    if let Err(e) =
                        crate::ui::platform::browser::download(&file, f.media_type(), &out)
                    {
                        error.set(Some(e));
                    }
                }
                Err(e) => error.set(Some(e.to_string())),
            };
            view! {
                <button type="button" data-format=f.name() on:click=save>{f.label()}</button>
            }
        })
        .collect_view();
    view! {
        <div class="downloads" data-testid="downloads">
            <p>"For your tools: "{buttons}</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
