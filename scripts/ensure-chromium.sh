#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing (Playwright's own browser download cannot work here).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if "$CHROMIUM" --version >/dev/null 2>&1; then
  exit 0
fi
echo "Chromium not found at $CHROMIUM: installing Debian's chromium package" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
"$CHROMIUM" --version >/dev/null 2>&1 || { echo "Chromium still missing after install" >&2; exit 1; }
