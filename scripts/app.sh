#!/usr/bin/env bash
# Installs what is missing, builds Bestuursmap and starts it. On the first start the app asks
# for a passphrase and fills the new (encrypted) store with the demo data; later starts keep
# what you changed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${APP_PACKAGES[@]}"
ensure_rust
ensure_ui
# The release build: what a user runs (the tests drive the debug build). The first build takes
# about 10 minutes on a 2-core machine (see README); later starts only rebuild what changed.
log "Building the app and the CLI (release)"
cargo build --release -p bestuursmap-app -p bestuursmap-cli

# The store is encrypted. On the first start the app asks for a passphrase (or takes it from
# BESTUURSMAP_PASSPHRASE), creates the store and loads the demo data into it.
DB="${BESTUURSMAP_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/bestuursmap/bestuursmap.db}"
mkdir -p "$(dirname "$DB")"

log "Starting Bestuursmap ($DB)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  ensure_packages xvfb xauth
  log "No display found: starting under Xvfb (headless)"
  exec xvfb-run -a target/release/bestuursmap-app --db "$DB"
fi
exec target/release/bestuursmap-app --db "$DB"
