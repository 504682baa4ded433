#!/usr/bin/env bash
# Builds the Debian package of LossLab in its own build folder, for a portable CPU baseline
# (x86-64-v2: SSE4.2/POPCNT, every x86-64 CPU since about 2009), not -march=native; the engine's
# hot code is in it for v3 (AVX2, FMA) and v4 (AVX-512) too, picked at start from the CPU.
# usage: installer/build-deb.sh [BUILD_DIR] [extra CMake options]   (default: build-deb/)
# Prints the path of the .deb on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-deb}"
[ $# -gt 0 ] && shift

# What a fresh Debian 12 needs to build and package: the project's own packages, and
# dpkg-shlibdeps (dpkg-dev) and rsvg-convert (librsvg2-bin) for the package itself.
scripts/install-deps.sh
packaging=(dpkg-dev librsvg2-bin)
missing=()
for p in "${packaging[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# No tests, no MPI (a sweep runs on all cores of one machine; build from source for mpirun), and
# the compiled-in resource fallback is the installed share dir, not this source tree.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DLOSSLAB_NATIVE=OFF -DLOSSLAB_BUILD_TESTS=OFF -DLOSSLAB_MPI=OFF \
  -DCMAKE_INSTALL_PREFIX=/usr -DLOSSLAB_RESOURCE_DIR=/usr/share/losslab \
  "${launcher[@]}" "$@" >/dev/null
nice cmake --build "$build" -j"$(nproc)"
(cd "$build" && cpack -G DEB >/dev/null)
ls -1t "$build"/losslab_*.deb | head -n 1
