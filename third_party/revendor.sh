#!/usr/bin/env bash
# Keeps third_party/go-app, go-app with Oversight Explorer's changes.
#
#   third_party/revendor.sh        vendor the go-app version go.mod requires,
#                                  as upstream ships it, record its files in
#                                  go-app.upstream, then apply go-app.patch
#   third_party/revendor.sh diff   write go-app.patch: our changes, from the
#                                  vendored copy against upstream
#
# After a version change, resolve what go-app.patch no longer applies to by
# hand, then run `revendor.sh diff`; upstream_test.go checks that the three
# (the copy, the record and the patch) agree.
set -euo pipefail
cd "$(dirname "$0")"
module=github.com/maxence-charriere/go-app/v10
version=$(cd .. && go list -m -f '{{.Version}}' "$module")
upstream=$(cd .. && go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$upstream" ] || { echo "revendor: go mod download $module@$version gave no folder" >&2; exit 1; }

# What the app builds from: package app and its errors, the generator's
# sources, the licence and go.mod; no tests, no docs.
files() { (cd "$upstream" && find go.mod LICENSE pkg/errors pkg/app -type f ! -name '*_test.go' ! -name README.md | LC_ALL=C sort); }

copy_upstream() { # into $1
  mkdir -p "$1"
  files | while read -r f; do mkdir -p "$1/$(dirname "$f")"; cp "$upstream/$f" "$1/$f"; done
  chmod -R u+w "$1"
}

case "${1:-}" in
diff)
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  copy_upstream "$tmp/upstream"
  cp -r go-app "$tmp/ours"
  # Without the files' times, so that the same change makes the same patch.
  # diff exits 1 when the trees differ, as they do: that is its success.
  (cd "$tmp" && { diff -ruN upstream ours || [ $? -eq 1 ]; } | sed -E 's/^((---|\+\+\+) [^\t]+)\t.*$/\1/') > go-app.patch
  echo "revendor: wrote go-app.patch ($(grep -c '^+++ ' go-app.patch) files changed or added)"
  ;;
"")
  rm -rf go-app
  copy_upstream go-app
  {
    echo "# go-app as its authors ship it: the module, and the SHA-256 of each file"
    echo "# vendored into third_party/go-app, as upstream has it (sha256sum's format)."
    echo "# third_party/revendor.sh writes this; upstream_test.go checks it."
    echo "module $module $version"
    (cd "$upstream" && files | xargs sha256sum)
  } > go-app.upstream
  git apply -p1 --directory=go-app go-app.patch
  echo "revendor: go-app $version vendored with our changes applied"
  ;;
*) echo "usage: $0 [diff]" >&2; exit 2 ;;
esac
