#!/usr/bin/env bash
# Idempotent setup of everything the app and the tests need. Each step is skipped when already done,
# so a second run takes about a second.
# Nothing here downloads outside crates.io, npm, Debian and rustup.
#
#   scripts/setup.sh            toolchain for building and serving the app
#   scripts/setup.sh --browser  also Chromium for the browser test (apt, as root; else only a warning)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate pinned in Cargo.toml / Cargo.lock, and
# `[tools] wasm_bindgen` in Trunk.toml.
WASM_BINDGEN_VERSION=0.2.130
# npm binaryen; Trunk.toml's `[tools] wasm_opt` says "version_$WASM_OPT_VERSION".
WASM_OPT_VERSION=132

step() { printf '== %s\n' "$*" >&2; }
warn() { printf 'setup: %s\n' "$*" >&2; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -q || return 1
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  warn "cargo and rustup are needed (https://rustup.rs); install them and run this again"
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qw "$TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (about 6 min cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qw "$WASM_BINDGEN_VERSION"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 min cold)"
  # An index gap once made --locked fail here; the unlocked install then works.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v npm >/dev/null 2>&1; then
  step "apt-get install nodejs npm"
  apt_install nodejs npm || { warn "npm is needed (Node >= 20); install it and run this again"; exit 1; }
fi

# wasm-opt from npm's binaryen (Debian's is too old for current rustc output); playwright-core
# drives the system Chromium in the browser test.
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version_$WASM_OPT_VERSION" \
  || [ ! -f node_modules/playwright-core/package.json ]; then
  step "npm ci (binaryen wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
fi

# Trunk runs cargo with --offline (Trunk.toml): have every crate downloaded first.
if ! cargo fetch --offline >/dev/null 2>&1; then
  step "cargo fetch"
  cargo fetch
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  step "apt-get install chromium chromium-driver (about 25 s)"
  apt_install chromium chromium-driver \
    || warn "cannot install Chromium (needs root or passwordless sudo): apt-get install chromium"
fi

# A CJK font, so the Chinese UI in the browser tests' screenshots shows characters, not boxes.
if [ "${1:-}" = "--browser" ] && command -v dpkg-query >/dev/null 2>&1 \
  && ! dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q "ok installed"; then
  step "apt-get install fonts-wqy-microhei"
  apt_install fonts-wqy-microhei || warn "cannot install a CJK font; Chinese text may show as boxes in screenshots"
fi
exit 0
