#!/usr/bin/env bash
# Installs Lighthouse, which `make bench` runs against the app, the hello
# world and the static page, from the npm registry into .cache/ (git-ignored),
# at a pinned version so that scores compare from run to run.
set -euo pipefail
version=12.8.2
dir=.cache/lighthouse
if [ -x "$dir/node_modules/.bin/lighthouse" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/lighthouse/package.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install Lighthouse for make bench (apt-get install -y npm)." >&2
  exit 1
fi
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --prefix "$dir" "lighthouse@$version" >&2
echo "Lighthouse $version installed in $dir" >&2
