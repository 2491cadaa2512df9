#!/usr/bin/env bash
# Issue 32's hostile inputs, timed on a release build (median of 3 runs each, for BENCHMARKS.md):
# `readiness merge` of a genuine signed export with an export carrying 100,000 hostile sign-off
# records of each kind (examples/hostile_signoffs.rs), and `readiness lint` of a 10,000-row table
# of N/A rows with an unrelated "Exceptions" list.
#   scripts/bench-hostile.sh [N]   N hostile records (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
cargo build --locked --release --bin readiness --example hostile_signoffs
dir="target/release"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median_ms() {
  local times=()
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s ms (runs: %s ms)' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)" "${times[*]}"
}

echo "== readiness merge: a genuine export and $n hostile sign-off records (release)"
for mode in unsigned copies stale mixed; do
  "$dir/examples/hostile_signoffs" "$n" "$work" "$mode"
  echo "  $mode: $(median_ms "$dir/readiness" merge "$work/genuine.json" "$work/hostile-$mode-$n.json" --out "$work/out.json")"
  "$dir/readiness" merge "$work/hostile-$mode-$n.json" "$work/genuine.json" --out "$work/out.json" 2>&1 \
    | grep -q "Engineering Lead — Grace Hopper (2026-11-22T04:50:00Z): current" \
    && echo "    the genuine sign-off is kept and current" || echo "    *** the genuine sign-off was lost"
done

echo "== readiness lint: 10,000 N/A rows, an unrelated Exceptions list (release)"
{
  printf '# Big\n\n| Task | Status |\n|---|---|\n'
  for k in $(seq 0 9999); do printf '| Row %d | N/A |\n' "$k"; done
  printf '\n## Exceptions\n\n- Unrelated: nothing\n- Another unrelated thing\n'
} > "$work/na-10k.md"
echo "  $(median_ms "$dir/readiness" lint "$work/na-10k.md")"
