#!/usr/bin/env bash
# Sets up what is missing, then serves the app at http://127.0.0.1:8080/ with live reload.
# Extra arguments go to `trunk serve` (e.g. --release=true, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec trunk serve --address 127.0.0.1 --port 8080 --offline=true "$@"
