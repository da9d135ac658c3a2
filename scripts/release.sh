#!/usr/bin/env bash
# Builds the release bundles for Linux with Tauri's bundler: a .deb (Debian/Ubuntu) and an
# AppImage (other distributions), in target/release/bundle/. Installs what is missing first.
#
# The AppImage step downloads linuxdeploy the first time; on a machine without access to its
# download site only the .deb is built (the script says so). Windows (MSI, NSIS) and macOS (DMG)
# bundles are built by .github/workflows/release.yml on hosted runners, not here.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${APP_PACKAGES[@]}"
ensure_rust
ensure_ui
TAURI=ui/node_modules/.bin/tauri

log "Building the release .deb"
"$TAURI" build --bundles deb --ci
log "Building the release AppImage"
if ! "$TAURI" build --bundles appimage --ci; then
  log "The AppImage could not be built here (linuxdeploy could not be downloaded); the .deb is ready."
fi
log "Bundles:"
find target/release/bundle -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' \) -printf '  %p (%s bytes)\n'
