#!/usr/bin/env bash
# Writes a PNG of the window after N steps of every bundled preset, each on the view that
# preset opens on, under a virtual X server: look at them as a student in the back row would.
# usage: scripts/screenshots.sh [OUTDIR] [STEPS]      (default: shots/ and 300 steps)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-shots}"
steps="${2:-300}"
mkdir -p "$out"
export XDG_CONFIG_HOME="$(mktemp -d)"  # a fresh settings file: no layout from earlier sessions
# Each preset opens on its own view with its own tracking (its "presentation" and "tracking").
for preset in resources/presets/*.json; do
  name="$(basename "$preset" .json)"
  xvfb-run -a -s "-screen 0 1600x1000x24" build/app/losslab "$preset" --steps "$steps" --screenshot "$out/$name.png"
done
rm -rf "$XDG_CONFIG_HOME"
echo "screenshots in $out/"
