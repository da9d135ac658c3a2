#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, lints, the UI type check,
# unit tests, CLI tests, the end-to-end tests of the real app under Xvfb, and the installer test
# (the .deb is built, installed, started and removed). One run shows every failure and ends with
# one line "N passed, N failed"; the exit code is non-zero when anything failed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_rust
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
ensure_ui
ensure_tauri_driver

# A check that is not a cargo test counts as one test: it passes or fails, and the run goes on.
checks_passed=0
checks_failed=0
check() {
  local name="$1"
  shift
  log "$name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    checks_failed=$((checks_failed + 1))
    printf '\033[1;31mFAILED:\033[0m %s\n' "$name" >&2
  fi
}

check "cargo fmt --check" cargo fmt --all --check
check "UI type check (svelte-check, strict TypeScript)" bash -c 'cd ui && npm run --silent check'
check "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
# The debug .deb of the app the e2e tests drive: the installer test installs and starts it.
check "Building the app and its .deb package (debug)" build_debug_deb

log "cargo test (unit, CLI, end-to-end, installer), every failure reported"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
set +e
cargo test --workspace --no-fail-fast 2>&1 | tee "$results"
cargo_status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run: the cargo test binaries plus the checks above.
awk -v cp="$checks_passed" -v cf="$checks_failed" -v status="$cargo_status" '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
  # A test binary that did not build reports no result line: the exit status still fails the run.
  END { f += cf; if (status != 0 && f == 0) f = 1; printf "%d passed, %d failed\n", p + cp, f }' "$results"
[ "$cargo_status" -eq 0 ] && [ "$checks_failed" -eq 0 ]
