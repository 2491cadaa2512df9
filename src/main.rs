//! Entry point of the browser app: mounts the Leptos UI. Built for wasm32 by trunk
//! (`index.html` names this binary with `data-bin`).

/// Heap reserved before the app starts (bytes).
///
/// The allocator grows wasm memory by only what each allocation asks for, and opening a checklist
/// grew it 40 times (408 items) to 90 times (10,000 items), each a main-thread pause of about half
/// a millisecond (BENCHMARKS.md). Reserving up front makes that one step. Pages never written to
/// take no physical memory.
#[cfg(target_arch = "wasm32")]
const HEAP_RESERVE: usize = 16 << 20;

#[cfg(target_arch = "wasm32")]
fn main() {
    // Freed at once, the block stays in the allocator's free pool for what follows. `black_box`
    // keeps the optimiser from removing an allocation nothing reads.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(HEAP_RESERVE)));
    readiness::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("readiness-app is the browser app; build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
