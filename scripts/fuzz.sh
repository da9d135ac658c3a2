#!/usr/bin/env bash
# Runs every fuzz target for a set time: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 300).
# Crashes land in fuzz/artifacts/<target>/; each one becomes a regression test. Built with debug
# assertions (-a: overflow checks) and no sanitizer (-s none): the code under test is safe Rust, and
# cargo-fuzz does not instrument the C libraries (SQLCipher, libqpdf) either way.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_fuzzing
seconds="${1:-300}"
cd fuzz

# Starting points, so the fuzzer begins from real input instead of nothing: the letter corpus,
# the PDF corpus, and a demo bundle, procedure JSON and queries kept in fuzz/seeds/.
seed() {
  local target="$1" corpus="$2" letters=../crates/core/tests/letters pdfs=../crates/export/tests/corpus
  case "$target" in
    letter) cp -n "$letters"/*.txt "$corpus"/ ;;
    text_extraction) find "$letters" -type f ! -name '*.json' ! -name '*.py' -exec cp -n {} "$corpus"/ \; ;;
    pdf_inspect) cp -n "$pdfs"/*.pdf "$corpus"/ ;;
    *) cp -n "seeds/$target"/* "$corpus"/ ;;
  esac
}

for target in letter text_extraction bundle procedure_json pdf_inspect search_query; do
  log "Fuzzing $target for ${seconds}s"
  mkdir -p "corpus/$target"
  seed "$target" "corpus/$target"
  cargo +nightly fuzz run -O -a -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -max_len=1048576 -print_final_stats=1 2>&1 |
    tee "fuzz-$target.log" | grep -E '^(stat::|==|SUMMARY|Done)' || true
done
