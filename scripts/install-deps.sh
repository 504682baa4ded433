#!/usr/bin/env bash
# Installs the Debian 12 packages LossLab builds and tests with, only those that are missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev qt6-datavisualization-dev qt6-declarative-dev libqcustomplot-dev
  libeigen3-dev libtbb-dev nlohmann-json3-dev libcli11-dev libspectra-dev
  # To run the window without a screen (tests, screenshots) and the PDF checks.
  xvfb xauth libgl1-mesa-dri poppler-utils
  # Optional: losslab-cli sweep and landscape over MPI ranks (mpirun), and their tests.
  openmpi-bin libopenmpi-dev
  # The sanitizer and fuzzing builds (scripts/run-sanitizers.sh, scripts/run-fuzzers.sh).
  clang-14 libclang-rt-14-dev
  # A compiler cache: a second build of the same sources, from any folder, takes minutes
  # (cmake/LossLabCompilerCache.cmake).
  ccache
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
