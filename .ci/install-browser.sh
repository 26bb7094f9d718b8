#!/usr/bin/env bash
# Installs Debian's headless Chromium and the matching chromedriver for the reviewer-page browser test
# (ReviewBrowserTest). Idempotent: does nothing when both binaries are already present and agree on the version.
set -euo pipefail

have_both() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || return 1
  local b d
  b=$(chromium --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  d=$(chromedriver --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  [ -n "$b" ] && [ "$b" = "$d" ]
}

if have_both; then
  echo "install-browser: $(chromium --version 2>/dev/null | head -1) and chromedriver already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver fonts-dejavu-core
have_both || { echo "install-browser: chromium/chromedriver versions do not match after install" >&2; exit 1; }
echo "install-browser: installed $(chromium --version 2>/dev/null | head -1)"
