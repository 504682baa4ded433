#!/usr/bin/env bash
# Runs each libFuzzer target of build-asan (scripts/run-sanitizers.sh asan builds them) for SECONDS
# (default 45) from its seeds in tests/fuzz/corpus/<target>, one target per core at a time (a
# fuzzer is one process on one core). What the fuzzer adds stays in build-asan/fuzz, never in the
# repository. Fails on any crash, leak, hang or huge allocation, and leaves the input that caused
# it in build-asan/fuzz.
# Usage: scripts/run-fuzzers.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
work=build-asan/fuzz
rm -rf "$work"
mkdir -p "$work"

# Fuzzes one target; prints one line, or the log's tail and the failure. Exit status 1 on a finding.
fuzz() {
  local name="$1" seeds="tests/fuzz/corpus/$1" log="$work/$1.log"
  mkdir -p "$work/$name"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "build-asan/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$work/$name-" \
       "$work/$name" "$seeds" >"$log" 2>&1; then
    echo "fuzz_$name: $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") inputs in ${seconds}s, no findings"
  else
    { tail -n 60 "$log"; echo "fuzz_$name: FAILED (log and input in $work)"; } >"$work/$name.failure"
    cat "$work/$name.failure"
    return 1
  fi
}

status=0
pids=()
for seeds in tests/fuzz/corpus/*/; do
  # At most one fuzzer per core: wait for the oldest before starting another.
  if [ ${#pids[@]} -ge "$(nproc)" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
  fuzz "$(basename "$seeds")" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
