#!/usr/bin/env bash
# Serves the app with the bundled checklists at http://127.0.0.1:8080 (rebuilds on change).
# Extra arguments go to `trunk serve` (e.g. --port 9000, --release).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --build
exec trunk serve --offline "$@"
