#!/usr/bin/env bash
# Renders web/icon.svg to the PNG icons the manifest names, with headless
# Chromium. Run from the repo root after editing the SVG: make icons.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
svg=$(cat web/icon.svg)

render() { # size padding-percent background output
  cat > "$work/icon.html" <<HTML
<!doctype html><html><head><style>
html,body{margin:0;width:$1px;height:$1px;background:$3;overflow:hidden}
div{box-sizing:border-box;width:$1px;height:$1px;padding:$2%}
svg{display:block;width:100%;height:100%}
</style></head><body><div>$svg</div></body></html>
HTML
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=00000000 \
    --window-size="$1,$1" --screenshot="$4" "file://$work/icon.html" 2>/dev/null
}

render 192 0 transparent web/icon-192.png
render 512 0 transparent web/icon-512.png
# Maskable: the platform crops to a circle of 80% of the size, so the drawing
# sits inside that safe zone on a full-bleed background.
render 512 12 "#17324d" web/icon-maskable-512.png
