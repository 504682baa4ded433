#!/usr/bin/env bash
# What the package's portable baseline costs: `losslab-cli bench --json` of two builds, run
# alternately ROUNDS times (the best of each kept, so a busy machine hurts both alike), and
# the baseline's speed relative to native per workload (below 1: the baseline is slower; for
# workloads timed in seconds that is native time / baseline time).
# usage: installer/bench-baseline.sh BASELINE_CLI NATIVE_CLI [ROUNDS]   (default 3 rounds)
# e.g.   installer/bench-baseline.sh build-deb/app/cli/losslab-cli build-native/app/cli/losslab-cli
set -euo pipefail
base="$1" native="$2" rounds="${3:-3}"
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 1; }
out="$(mktemp -d)"
for r in $(seq "$rounds"); do
  "$base" bench --json > "$out/base-$r.json"
  "$native" bench --json > "$out/native-$r.json"
done
# A workload's "value" is a rate (higher is better) or, in unit "s", a time (lower is better).
best() { jq -s 'map(to_entries) | add | group_by(.key)
                | map({key: .[0].key, value: {value: (if .[0].value.unit == "s" then map(.value.value) | min else map(.value.value) | max end), unit: .[0].value.unit}})
                | from_entries' "$out"/"$1"-*.json; }
best base > "$out/base.json"
best native > "$out/native.json"
printf "%-14s %14s %14s %8s  %s\n" workload baseline native speed unit
jq -r --slurpfile n "$out/native.json" 'to_entries[] | [.key, .value.value, $n[0][.key].value,
    (if .value.unit == "s" then $n[0][.key].value / .value.value else .value.value / $n[0][.key].value end),
    .value.unit] | @tsv' "$out/base.json" |
  while IFS=$'\t' read -r name b n ratio unit; do
    printf "%-14s %14.4g %14.4g %8.3f  %s\n" "$name" "$b" "$n" "$ratio" "$unit"
  done
rm -rf "$out"
