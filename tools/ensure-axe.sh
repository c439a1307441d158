#!/usr/bin/env bash
# Installs axe-core, the accessibility checker the browser tests run in each
# page, from the npm registry into .cache/ (git-ignored). Never skips.
set -euo pipefail
version=4.14.1
dir=.cache/axe
if [ -f "$dir/node_modules/axe-core/axe.min.js" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/axe-core/package.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install axe-core for the accessibility tests (apt-get install -y npm)." >&2
  exit 1
fi
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --prefix "$dir" "axe-core@$version" >&2
echo "axe-core $version installed in $dir" >&2
