#!/usr/bin/env bash
# Installs what building and testing Readiness needs, skipping whatever is already there.
# Sourced by scripts/serve.sh and scripts/test.sh; run it alone to prepare a machine.
#   scripts/setup.sh            everything (build tools and the browser for the test suite)
#   scripts/setup.sh --build    only what serving/building needs (no Chromium)
# Nothing here downloads a prebuilt binary: tools are built by cargo or come from the npm and
# Debian registries.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WANT_BROWSER=1
[ "${1:-}" = "--build" ] && WANT_BROWSER=0

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# scripts/tools first: its wasm-bindgen runs the real one keeping LLD's exports, which the app's
# modules loaded on first use need (issue 35).
export PATH="$ROOT/scripts/tools:$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

if ! command -v cargo >/dev/null 2>&1; then
  log "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    log "adding rustup component $comp"; rustup component add "$comp"
  fi
done

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "building trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm packages: wasm-opt (binaryen) for release builds, playwright-core for the browser tests.
if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
   || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found: install Node.js 18 or newer"; exit 1
  fi
  log "installing npm packages (binaryen, playwright-core, axe-core, inspecjs, ajv)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$WANT_BROWSER" = 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium for the browser tests"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      log "need root (or sudo) to apt-get install chromium, or set CHROMIUM_PATH"; exit 1
    fi
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The converters' third-party validators (issue 25), from PyPI, every package pinned in
# tests/validators/requirements.txt (npm's inspecjs and ajv come with the npm packages above).
# Where PyPI cannot be reached the validator tests are skipped, loudly; once installed, they are
# required (READINESS_REQUIRE_VALIDATORS).
VENV="$ROOT/.venv-validators"
if [ "$WANT_BROWSER" = 1 ]; then
  if [ ! -f "$VENV/.installed" ] || [ "$ROOT/tests/validators/requirements.txt" -nt "$VENV/.installed" ]; then
    log "installing the validators from PyPI (compliance-trestle, in-toto-attestation, junitparser, securesystemslib, xmlschema)"
    if python3 -m venv "$VENV" \
       && "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/tests/validators/requirements.txt"; then
      touch "$VENV/.installed"
    else
      log "*** could not install the validators from PyPI: the tests that use them will be SKIPPED ***"
      rm -rf "$VENV"
    fi
  fi
  if [ -f "$VENV/.installed" ]; then export READINESS_REQUIRE_VALIDATORS=1; fi
fi
