#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, lints, the UI type
# check, unit tests, CLI tests and the end-to-end tests of the real app under Xvfb.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_rust
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
ensure_ui
ensure_tauri_driver

log "cargo fmt --check"
cargo fmt --all --check
log "UI type check (svelte-check, strict TypeScript)"
(cd ui && npm run --silent check)
log "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
log "Building the app binary for the end-to-end tests"
cargo build -p bestuursmap-app
log "cargo test (unit, CLI, end-to-end)"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
cargo test --workspace 2>&1 | tee "$results"
# One closing line for the whole run (cargo prints one per test binary, the last often for doc tests).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
     END { printf "%d passed, %d failed\n", p, f }' "$results"
