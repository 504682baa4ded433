#!/usr/bin/env bash
# Writes a PNG of the window after N steps of every bundled preset, each on the view that
# preset is about, under a virtual X server: look at them as a student in the back row would.
# usage: scripts/screenshots.sh [OUTDIR] [STEPS]      (default: shots/ and 300 steps)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-shots}"
steps="${2:-300}"
mkdir -p "$out"
view_for() {
  case "$1" in
    *collapse*|*grok*|*perp*|*stablemax*) echo collapse ;;
    *sharp*|*stability*) echo sharpness ;;
    *) echo training ;;
  esac
}
export XDG_CONFIG_HOME="$(mktemp -d)"  # a fresh settings file: no layout from earlier sessions
for preset in resources/presets/*.json; do
  name="$(basename "$preset" .json)"
  view="$(view_for "$name")"
  args=(--view "$view" --steps "$steps" --screenshot "$out/$name.png")
  [ "$view" = sharpness ] && args+=(--track-sharpness 5)
  xvfb-run -a -s "-screen 0 1600x1000x24" build/app/losslab "$preset" "${args[@]}"
done
rm -rf "$XDG_CONFIG_HOME"
echo "screenshots in $out/"
