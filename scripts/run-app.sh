#!/usr/bin/env bash
# Quick start: install what is missing, build, and open LossLab on its default preset.
set -euo pipefail
here="$(dirname "$0")"
"$here/install-deps.sh"
"$here/build.sh"
exec "$here/../build/app/losslab" "$@"
