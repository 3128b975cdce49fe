#!/usr/bin/env bash
# Installs what the code-server e2e launcher needs, with only the npm registry and Debian apt:
# code-server 4.100.3 (= VS Code 1.100.3, the last release whose engines.node accepts Node 20)
# and Debian's Chromium (driven by the project's own playwright-core devDependency). Idempotent: a second run with everything present does nothing.
# Usage: scripts/setup-code-server.sh [DEST]   (default: .vscode-test/code-server)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/.vscode-test/code-server}
CS_VERSION=4.100.3
CS_BIN="$DEST/node_modules/.bin/code-server"

installed_version() { node -p "require('$DEST/node_modules/$1/package.json').version" 2>/dev/null || true; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ "$(installed_version code-server)" != "$CS_VERSION" ]; then
  # build-essential, python3, pkg-config, libkrb5-dev: the 'kerberos' native module is compiled from source
  # (its prebuilt download is not reachable); ripgrep: pre-seeds @vscode/ripgrep's download cache (below)
  for p in build-essential python3 pkg-config libkrb5-dev ripgrep; do
    dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
  done
fi
# fonts-noto-cjk: without a CJK font the screenshots show boxes instead of Chinese text
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-code-server: apt-get install ${need_apt[*]} (first run only; about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "$(installed_version code-server)" = "$CS_VERSION" ]; then
  echo "setup-code-server: code-server $CS_VERSION already in $DEST"
  exit 0
fi

echo "setup-code-server: installing code-server $CS_VERSION from npm into $DEST (first run only; usually 1–3 minutes)"
mkdir -p "$DEST/tmp"
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, whose postinstall fetches
# ripgrep-v13.0.0-10-<target>.tar.gz into $TMPDIR/vscode-ripgrep-cache-1.15.11: seed it with Debian's rg.
RGC="$DEST/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RGC" "$DEST/tmp/rg"
cp "$(command -v rg)" "$DEST/tmp/rg/rg"
tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$DEST/tmp/rg" rg
cd "$DEST"
# its own package.json stops npm from walking up into the project's
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it;
# npm_config_yes: node-pty's postinstall runs 'npx node-gyp', which otherwise waits for a TTY
TMPDIR="$DEST/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --save-exact "code-server@$CS_VERSION"
"$CS_BIN" --version --user-data-dir "$DEST/tmp/ud" 2>/dev/null | tail -1 || true
