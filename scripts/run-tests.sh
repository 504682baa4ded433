#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite (what CI runs).
set -euo pipefail
here="$(dirname "$0")"
"$here/install-deps.sh"
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
"$here/build.sh" -DLOSSLAB_WERROR=$werror
cd "$here/.."
ctest --test-dir build --output-on-failure -j"$(nproc)"
