#!/usr/bin/env bash
# Installs the system tools the tests need, when they are missing. Idempotent and quiet when all is there.
#   --e2e   also the real-editor test tools (Chromium, code-server on Node 24, Playwright: scripts/setup-e2e.sh;
#           Neovim, Emacs + eglot for test/editors)
# Needs root for apt-get on a fresh machine; as another user it says what to install and fails.
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
php -m 2>/dev/null | grep -qi '^zip$' || need+=(php-zip)
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

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: please install these Debian packages first: ${need[*]}" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

if [ "${1:-}" = "--e2e" ] && [ -f scripts/setup-e2e.sh ]; then
  bash scripts/setup-e2e.sh
fi
