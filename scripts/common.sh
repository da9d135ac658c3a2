# Shared set-up for scripts/app.sh and scripts/test.sh: installs only what is missing.
# Sourced, not run. Works on a fresh Debian 12 / Ubuntu 22.04+ machine with Rust (rustup) installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: the Tauri/WebKitGTK build set, plus what the tests use.
APP_PACKAGES=(libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  libssl-dev build-essential pkg-config file nodejs npm)
# xvfb/xauth: the app's window in the e2e tests; webkit2gtk-driver: WebDriver for WebKitGTK;
# qpdf, poppler-utils: checking PDFs; libreoffice-writer-nogui: opening the DOCX export;
# fonts-noto-core: Noto Sans, the font the app ships and the DOCX names, so LibreOffice lays it out
# as Word does on a machine with the font.
# python3-icalendar: a real iCalendar parser reads the calendar files back. python3-pyld,
# python3-html5lib: the publication tests expand the ORI JSON-LD with a real JSON-LD processor and
# parse the published HTML with a strict HTML5 parser. (All run with Debian's /usr/bin/python3.)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver qpdf poppler-utils libreoffice-writer-nogui fonts-noto-core
  python3-icalendar python3-pyld python3-html5lib)

ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # nodejs/npm may come from elsewhere (nvm, NodeSource): a working node and npm are enough.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local kept=()
    for pkg in "${missing[@]+"${missing[@]}"}"; do
      case "$pkg" in nodejs | npm) ;; *) kept+=("$pkg") ;; esac
    done
    missing=("${kept[@]+"${kept[@]}"}")
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    log "Installing system packages: ${missing[*]}"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null || {
    echo "Rust ontbreekt: installeer het via https://rustup.rs en start dit script opnieuw." >&2
    exit 1
  }
}

# The UI is built into ui/dist, which the app binary embeds at compile time.
ensure_ui() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    log "Installing UI packages (npm ci)"
    (cd ui && npm ci --no-audit --no-fund)
  fi
  log "Building the UI"
  (cd ui && npm run --silent build)
}

# The Tauri CLI (from npm, with the UI's packages) bundles the app. The debug build is the binary the
# e2e tests drive; its .deb is what the installer test installs.
build_debug_deb() {
  ui/node_modules/.bin/tauri build --debug --bundles deb --ci
}

ensure_tauri_driver() {
  local driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if [ ! -x "$driver" ]; then
    log "Installing tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
}

# Fuzzing (README «Hostile input, resource bounds and fuzzing»): nightly Rust and cargo-fuzz.
ensure_fuzzing() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  if [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo-fuzz" ]; then
    log "Installing cargo-fuzz"
    cargo install cargo-fuzz --locked --version '^0.13'
  fi
}
