#!/usr/bin/env bash
# Installs a LossLab .deb with dpkg, tries what it installed, and removes it again:
# losslab-cli --version, a 10-step training run on an installed preset (and one on a bundled
# data set), the desktop entry and AppStream file, and the window under Xvfb for a few seconds,
# alive and drawing (a screenshot of the X screen with ImageMagick's import).
# usage: installer/check-deb.sh [DEB] [SCREENSHOT.png]    (default: the newest build-deb/*.deb)
# The runs happen with this source tree hidden (an empty tmpfs over it in a private mount
# namespace, when unshare allows), so nothing can quietly come from the build machine.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
deb="${1:-$(ls -1t "$src"/build-deb/losslab_*.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || { echo "no .deb (run installer/build-deb.sh first)" >&2; exit 1; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
shot="${2:-$(dirname "$deb")/check-window.png}"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# The tools of the check itself (not of LossLab): X without a screen, screenshots, validators.
tools=(xvfb xauth imagemagick desktop-file-utils appstream)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

trap 'rm -rf "${work:-}"; echo "== remove"; $sudo dpkg -r losslab >/dev/null; [ ! -e /usr/bin/losslab-cli ] || exit 1' EXIT
echo "== install $(basename "$deb")"
dpkg-deb -f "$deb" Package Version Architecture Depends Recommends
if ! $sudo dpkg -i "$deb"; then
  # dpkg leaves the package unconfigured when a dependency is missing; apt pulls them in.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq
fi
dpkg-query -W -f='${Status}\n' losslab | grep -q "install ok installed"
work="$(mktemp -d)"

checks() {
  set -euo pipefail
  need() { "$@" || { echo "check failed: $*" >&2; exit 1; }; }
  cd "$WORK"
  unset LOSSLAB_DATA_DIR
  export XDG_CONFIG_HOME="$PWD/config"  # no settings from earlier sessions
  export XDG_RUNTIME_DIR="$PWD/runtime" && mkdir -m 700 "$XDG_RUNTIME_DIR"
  share=/usr/share/losslab
  echo "== files"
  need [ "$(command -v losslab)" = /usr/bin/losslab ]
  need [ "$(command -v losslab-cli)" = /usr/bin/losslab-cli ]
  ls "$share"/presets/first-steps-spiral.json "$share"/sweeps/*.json "$share"/datasets/digits.csv >/dev/null
  ls /usr/share/icons/hicolor/*/apps/losslab.{png,svg} 2>/dev/null | sed 's|^|  |'
  desktop-file-validate /usr/share/applications/losslab.desktop
  appstreamcli validate --no-net --pedantic /usr/share/metainfo/io.losslab.LossLab.metainfo.xml
  # Reported, and the other checks still run: the runs below are what shows a real dependence.
  if strings /usr/bin/losslab /usr/bin/losslab-cli | grep -F "$src/" >/dev/null; then
    echo "check failed: the binaries name the source tree $src" >&2; touch source-paths
  fi
  echo "== losslab-cli --version"
  losslab-cli --version
  echo "== losslab-cli train (10 steps, installed preset)"
  losslab-cli train --config "$share"/presets/first-steps-spiral.json --steps 10 --out run
  need [ "$(wc -l < run/metrics.csv)" -ge 11 ]
  need [ -s run/final.json ]
  need [ -s run/config.json ]
  head -n 1 run/metrics.csv | cut -c1-60; tail -n 1 run/metrics.csv | cut -c1-60
  echo "== losslab-cli train (10 steps, bundled digits data set)"
  losslab-cli train --config "$share"/presets/edge-of-stability-digits.json --steps 10 --out digits
  tail -n 1 digits/metrics.csv | cut -c1-60
  echo "== losslab under Xvfb"
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    losslab --default & pid=$!
    sleep 8
    kill -0 $pid || { echo "the window exited early" >&2; exit 1; }
    import -window root window.png
    kill $pid; wait $pid || true'
  # A window that drew has many colours; a blank or black screen has one or two.
  colours="$(identify -format %k window.png)"
  echo "  screenshot: $(identify -format '%wx%h' window.png), $colours colours"
  need [ "$colours" -gt 50 ]
  need [ ! -e source-paths ]
}

export WORK="$work" src
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
  echo "== hiding $src for the checks"
  unshare -m bash -c "$(declare -f checks); mount -t tmpfs none '$src'; checks"
else
  checks
fi
cp "$work/window.png" "$shot"
echo "== window screenshot: $shot"
echo "== all checks passed"
