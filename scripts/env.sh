# Sourced by scripts/serve.sh and scripts/test.sh (not run directly): the environment Trunk needs.
# shellcheck shell=bash

# wasm-opt comes from npm's binaryen (node_modules/.bin); trunk and wasm-bindgen from ~/.cargo/bin.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never download tools: a version mismatch becomes a clear error instead.
export TRUNK_OFFLINE=true
