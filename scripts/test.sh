#!/usr/bin/env bash
# Runs every test: formatting, lints (native and wasm), the native test suites, the lint of the
# bundled checklists, a release build with trunk and its transfer-size check, and the browser suite
# in headless Chromium. (Benchmarks are timings: ./scripts/bench.sh runs them, not this.)
# Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32), warnings are errors"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bin readiness-app --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bin readiness-app --features split --locked -- -D warnings

step "cargo test"
cargo test --locked

step "readiness lint checklists/"
cargo run --quiet --locked --bin readiness -- lint checklists/

step "trunk build --release"
trunk build --release --offline

step "transfer size of the app shell (brotli) against benches/budgets.json"
node scripts/sizes.mjs dist --check

step "browser tests (headless Chromium)"
node --test tests/e2e/*.test.mjs
