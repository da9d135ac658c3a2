#!/usr/bin/env bash
# Installs what is missing, builds Bestuursmap and starts it. On the first start the store is
# filled with the demo data; later starts keep what you changed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${APP_PACKAGES[@]}"
ensure_rust
ensure_ui
log "Building the app and the CLI"
cargo build -p bestuursmap-app -p bestuursmap-cli

DB="${BESTUURSMAP_DB:-}"
if [ -z "$DB" ]; then
  DB="$(target/debug/bestuursmap init | sed -n 's/^Database \(.*\) is klaar.*/\1/p')"
fi
if ! target/debug/bestuursmap --db "$DB" meetings list --json | grep -q '"id"'; then
  log "Empty store: loading the demo data into $DB"
  # Refused when the demo was loaded before and its meetings were deleted since: then start empty.
  target/debug/bestuursmap --db "$DB" demo || log "Starting without demo data"
fi

log "Starting Bestuursmap ($DB)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  ensure_packages xvfb xauth
  log "No display found: starting under Xvfb (headless)"
  exec xvfb-run -a target/debug/bestuursmap-app --db "$DB"
fi
exec target/debug/bestuursmap-app --db "$DB"
