#!/bin/sh
# The linker for wasm32 (.cargo/config.toml): rust-lld. For the app (readiness-app), when the
# splitter is built (target/release/readiness-split, built by Trunk.toml's pre-build hook), it
# keeps the relocations the splitter needs and splits the app at its split point (src/ui/team/later.rs)
# (issue 35): the main module takes the linked file's place, and the modules loaded on first use
# and their loader go to <profile dir>/wasm-split/<linked file's name>/ (one folder per build of
# the app: its features are in the name). Every other link is rust-lld's alone.
set -e
sysroot="$(rustc --print sysroot)"
host="$(rustc -vV | sed -n 's/^host: //p')"
lld="$sysroot/lib/rustlib/$host/bin/rust-lld"
out=""
prev=""
for a in "$@"; do
  if [ "$prev" = "-o" ]; then out="$a"; fi
  prev="$a"
done
root="$(cd "$(dirname "$0")/.." && pwd)"
split="${READINESS_SPLIT:-$root/target/release/readiness-split}"
case "$out" in
  */readiness_app-*.wasm) ;;
  # rustc passes `-flavor wasm` itself (it takes this linker for rust-lld).
  *) exec "$lld" "$@" ;;
esac
if [ ! -x "$split" ]; then
  echo "wasm-link: $split is not built, so the app is not split (cargo build --release --bin readiness-split)" >&2
  exec "$lld" "$@"
fi
"$lld" "$@" --emit-relocs
"$split" "$out" "$(dirname "$(dirname "$out")")/wasm-split/$(basename "$out" .wasm)"
