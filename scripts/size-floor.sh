#!/usr/bin/env bash
# What the pure core alone costs in the wasm bundle: builds scripts/size-floor (a probe that calls
# the core the way the page does, without Yew or any UI) for wasm32 with the app's size settings,
# runs wasm-bindgen and wasm-opt -Oz like Trunk, and prints raw and gzip -9 sizes per feature set.
# Compare with the app's own figure (scripts/measure-ui.mjs or scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/size-floor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -r scripts/size-floor "$WORK/probe"
# The probe points at this checkout and uses its exact dependency versions.
sed -i "s|path = \"../..\"|path = \"$PWD\"|" "$WORK/probe/Cargo.toml"
cp Cargo.lock "$WORK/probe/Cargo.lock"
export CARGO_TARGET_DIR="$PWD/target/size-floor"
OPT=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --strip-debug)
printf '%-58s %10s %10s\n' "core parts in the probe" "raw B" "gzip -9 B"
for features in "" "sim" "sim,share" "sim,lessons" "sim,lessons,share"; do
  (cd "$WORK/probe" && cargo build --quiet --offline --release --target wasm32-unknown-unknown \
    --no-default-features --features "$features")
  wasm-bindgen --target web --out-dir "$WORK/bg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/size_floor.wasm"
  wasm-opt "${OPT[@]}" "$WORK/bg/size_floor_bg.wasm" -o "$WORK/p.wasm"
  label="parse+validate, cron words${features:+, ${features//,/, }}"
  printf '%-58s %10d %10d\n' "$label" "$(wc -c <"$WORK/p.wasm")" "$(gzip -9 -c "$WORK/p.wasm" | wc -c)"
done
