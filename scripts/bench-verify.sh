#!/usr/bin/env bash
# Times `readiness verify --template` on records with 10, 100 and 1,000 signed sign-offs (one key
# per role), made by `examples/signed_record.rs`: the median of 5 runs each, for BENCHMARKS.md.
#   scripts/bench-verify.sh [PROFILE]   release (default) or native
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
cargo build --locked --profile "$profile" --bin readiness --example signed_record
dir="target/$profile"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== readiness verify ($profile profile), median of 5 runs"
for n in 10 100 1000; do
  "$dir/examples/signed_record" "$n" "$work"
  times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$dir/readiness" verify "$work/signoffs-$n.json" --template "$work/signoffs-$n.md" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  echo "  $n sign-offs: ${median} ms (runs: ${times[*]} ms)"
done
