#!/usr/bin/env bash
# Installs the system tools the tests need, when they are missing. Idempotent and quiet when all is there.
#   --e2e   also the real-editor test tools (Chromium, code-server on Node 24, Playwright: scripts/setup-e2e.mjs;
#           Neovim, Emacs + eglot for test/editors)
# Needs root for apt-get on a fresh machine; as another user it says what to install and fails.
# A failure prints one line: `setup: step NAME: COMMAND failed: CAUSE`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have git || need+=(git)
have svn || need+=(subversion)
have svnadmin || need+=(subversion)
have hg || need+=(mercurial)
have fossil || need+=(fossil)
have zip || need+=(zip)
have unzip || need+=(unzip)
have php || need+=(php-cli)
have composer || need+=(composer)
# Not `php -m | grep -q`: grep -q exits at the first match, php may then die of SIGPIPE, and pipefail turns
# that into "zip missing" (an apt-get run on every other test run).
grep -qix zip <<<"$(php -m 2>/dev/null)" || need+=(php-zip)
if [ "${1:-}" = "--e2e" ]; then
  have chromium || need+=(chromium)
  have unshare || need+=(util-linux)
  have ip || need+=(iproute2)
  [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
  have make || need+=(build-essential)
  have pkg-config || need+=(pkg-config)
  have nvim || need+=(neovim)
  have emacs || need+=(emacs-nox)
  compgen -G '/usr/share/emacs/site-lisp/elpa/eglot-*' >/dev/null || need+=(elpa-eglot)
fi

# Runs one command with its output in a temporary log; on failure prints the step, the command and the last
# error line apt printed ("E: ..."), or the last line, and exits.
step() {
  local name="$1"; shift
  local log; log="$(mktemp "${TMPDIR:-/tmp}/composer-repos-setup.XXXXXX")"
  local status=0 cause
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    cause="$(grep -E '^(E|Err):' "$log" | tail -n 1)"
    [ -n "$cause" ] || cause="$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
    echo "setup: step $name: $* failed: ${cause:-no output} (exit $status; log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
}

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: step system packages: apt-get install ${need[*]} failed: needs root; please install these Debian packages first" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need[*]}"
  # Another apt run (unattended upgrades, a parallel set-up) may hold the dpkg lock: wait for it, not fail.
  step 'apt-get update' apt-get -o DPkg::Lock::Timeout=600 update -q
  step 'apt-get install' env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need[@]}"
fi

if [ "${1:-}" = "--e2e" ]; then
  node scripts/setup-e2e.mjs
fi
