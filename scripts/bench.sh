#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md on a release build: the transfer size of the app shell,
# the native engine benchmarks (criterion), the browser benchmark of the portal against the
# vanilla-JS peer (benches/browser), a first click after idle and Lighthouse (mobile). Timings,
# so not part of the test command.
#   ./scripts/bench.sh                 everything (about 15 minutes on 2 cores)
#   ./scripts/bench.sh --browser-only  skip criterion
#   ./scripts/bench.sh --runs 9        more runs per app in the browser benchmark (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

native=1
args=()
for a in "$@"; do
  if [ "$a" = "--browser-only" ]; then native=0; else args+=("$a"); fi
done

cargo build --release --locked --bin readiness
trunk build --release --offline
echo "== transfer size (dist/)"
node scripts/sizes.mjs dist --check
if [ "$native" = 1 ]; then
  echo "== native engine (criterion)"
  cargo bench --locked --bench engine
  scripts/bench-verify.sh release
  scripts/bench-verify.sh native
  scripts/bench-hostile.sh
fi
echo "== browser: portal vs vanilla-JS peer"
READINESS_CLI=target/release/readiness node benches/browser/run.mjs "${args[@]}"
echo "== browser: a first click after idle (issue 35)"
node benches/browser/first-click.mjs
echo "== Lighthouse (mobile), served compressed"
node benches/lighthouse.mjs
