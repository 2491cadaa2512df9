//! User Timing around the app's main costs (parsing a checklist, building its state, saving), so
//! they show in the browser's performance tools and the browser benchmark can report them.

/// Runs `f`, recorded as the performance measure `name` (e.g. `readiness:parse`).
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}-start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
        // Observers have the entry already; the timeline need not grow with every save.
        p.clear_measures_with_measure_name(name);
    }
    out
}
