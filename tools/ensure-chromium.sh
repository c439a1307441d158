#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests: installs it
# when this user can, and otherwise stops with what to do. Never skips.
set -euo pipefail
browser=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
echo "Chromium is missing ($browser); installing Debian's chromium package for the browser tests…" >&2
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "error: cannot install Chromium without root. Run: sudo apt-get install -y chromium" >&2
  echo "       (or set CHROMIUM=/path/to/chromium), then make test again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: no apt-get here. Install Chromium yourself and set CHROMIUM=/path/to/chromium." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq chromium >/dev/null
if [ ! -x "$browser" ]; then
  echo "error: apt-get installed chromium but $browser is still missing." >&2
  exit 1
fi
echo "Chromium installed: $("$browser" --version 2>/dev/null)" >&2
