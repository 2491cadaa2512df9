//! `readiness-split LINKED.wasm DIR`: splits the app's linked wasm (built with `--emit-relocs`) at
//! its split points (`ui/team/later.rs`), with `wasm_split_cli_support`, the splitter cargo-leptos uses. The
//! main module replaces LINKED.wasm, so trunk's wasm-bindgen and wasm-opt run on it as before; each
//! lazily loaded module and their loader (`__wasm_split.js`) go to DIR, for scripts/postbuild.mjs
//! to optimise, name by content and add to the build. Run by scripts/wasm-link.sh (issue 35).

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [linked, dir] = args.as_slice() else {
        eprintln!("usage: readiness-split LINKED.wasm DIR");
        std::process::exit(2);
    };
    let fail = |what: String| -> ! {
        eprintln!("readiness-split: {what}");
        std::process::exit(1)
    };
    let input = std::fs::read(linked).unwrap_or_else(|e| fail(format!("{linked}: {e}")));
    let dir = Path::new(dir);
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
    }
    std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
    let main_out = dir.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = dir;
        o.main_out_path = &main_out;
        // scripts/postbuild.mjs names the main module's script (content-hashed by trunk).
        o.main_module = "./__READINESS_APP_JS__";
        o
    })
    .unwrap_or_else(|e| fail(format!("{linked}: {e:?}")));
    std::fs::rename(&main_out, linked).unwrap_or_else(|e| fail(format!("{linked}: {e}")));
    eprintln!(
        "readiness-split: {} module(s) loaded on first use: {}",
        split.prefetch_map.len(),
        split
            .prefetch_map
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
}
