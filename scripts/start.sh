#!/usr/bin/env bash
# `npm start`: launch Switchboard. Bootstraps Node 24 and the npm dependencies
# on first run, builds the app, then starts Electron where its runtime exists,
# or browser mode (core host + this machine's browser) where it does not.
# With no account yet, it opens the demo workspace.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_deps
cd "$SB_ROOT"

electron_runtime() {
  node -e "const p = require('electron'); process.exit(typeof p === 'string' && require('fs').existsSync(p) ? 0 : 1)" >/dev/null 2>&1
}

if electron_runtime; then
  say "Building and launching the desktop app (Electron)."
  npx electron-vite build --logLevel warn
  exec npx electron .
fi

say "No Electron runtime on this machine (its binary cannot be downloaded here), so Switchboard runs in browser mode: core on 127.0.0.1, the app in your browser."
say "Building the renderer."
npx vite build -c src-renderer/vite.config.ts --logLevel warn
say "Starting core. Open the URL below (it carries this launch's access token); Ctrl+C stops Switchboard."
# --max-semi-space-size, --heap-growing-percent and MALLOC_ARENA_MAX: the same memory bounds as the Electron core (src-main/app/core-process.ts).
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}" exec node --disable-warning=ExperimentalWarning --max-semi-space-size=8 --heap-growing-percent=50 src-main/core/host.ts --demo --open "$@"
