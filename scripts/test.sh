#!/usr/bin/env bash
# `npm test`: every check and test suite, on a fresh machine too. Bootstraps
# Node 24 and npm dependencies, installs Dovecot and Chromium with apt-get when
# run as root (the integration and end-to-end tests use the real things), then
# runs: typecheck, lint, the electron-vite build, Vitest (unit + integration
# against Dovecot and an SMTP sink), Playwright (the app in Chromium). Ends
# with one line `N passed, N failed` summed over all of them.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
set +e
ensure_deps || exit 1
cd "$SB_ROOT"
ensure_apt dovecot-imapd:dovecot chromium:chromium || exit 1

reports="$SB_ROOT/reports/test"
rm -rf "$reports" && mkdir -p "$reports"
checks_passed=0
checks_failed=0

check() {
  local name="$1"; shift
  say "── $name"
  if "$@"; then checks_passed=$((checks_passed + 1)); say "$name: ok"; else checks_failed=$((checks_failed + 1)); say "$name: FAILED"; fi
}

check "typecheck" npm run --silent typecheck
check "lint" npm run --silent lint
check "electron-vite build" npx electron-vite build --logLevel warn
check "renderer build (browser mode)" npx vite build -c src-renderer/vite.config.ts --logLevel warn

say "── vitest (unit + integration)"
SB_VITEST_JSON="$reports/vitest.json" npx vitest run
say "── playwright (end to end, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

node scripts/summarize-tests.mjs "$checks_passed" "$checks_failed" "$reports/vitest.json" "$reports/playwright.json"
