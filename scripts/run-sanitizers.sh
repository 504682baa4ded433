#!/usr/bin/env bash
# Builds LossLab with clang-14's sanitizers (-O1) and runs the tests under them (README "Testing"):
#   asan         everything in build-asan with AddressSanitizer + UndefinedBehaviorSanitizer, the
#                whole suite; the same build holds the fuzz targets that scripts/run-fuzzers.sh runs.
#   asan-engine  the same without the window and widgets (-DLOSSLAB_BUILD_GUI=OFF): the engine and
#                CLI tests, in about half the build time (what CI runs, to stay within its hour).
#   tsan         the engine alone in build-tsan with ThreadSanitizer, its threaded tests.
# Usage: scripts/run-sanitizers.sh [asan|asan-engine] [tsan]   (asan and tsan when none is named)
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(asan tsan)
supp="$PWD/tests/sanitizers"
jobs="$(nproc)"
# The engine's hot code once, for this machine: the copies per instruction-set level are the same
# sources (the Release suite compares their results), and three more instrumented copies would
# only lengthen the build.
common=(-G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug
        "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" "-DLOSSLAB_CPU_LEVELS=")

# They time the window against fixed budgets (event-loop latency, 10,000 actions in 5 minutes),
# which an instrumented build (2-10x slower) cannot meet: they run in the Release suite only.
timing='^app/test_(window_latency|session_latency|monkey)$'
mpi='^cli/test_cli_sweep_mpi$'
# The engine's tests that run work on other threads: training runs (worker thread), sweeps (parallel
# runs), landscapes and curvature (TBB).
threaded=(training_run session_resume checkpoint_history metrics_history collapse_training_options
          model_file_run sweep_runner work_distribution landscape_surface run_retirement)

for stage in "${stages[@]}"; do
  case "$stage" in
    asan|asan-engine)
      gui=ON
      [ "$stage" = asan-engine ] && gui=OFF
      cmake -S . -B build-asan "${common[@]}" -DLOSSLAB_SANITIZE=address,undefined -DLOSSLAB_FUZZ=ON \
            -DLOSSLAB_BUILD_GUI=$gui >/dev/null
      cmake --build build-asan -j"$jobs"
      ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 QTEST_FUNCTION_TIMEOUT=1800000 \
      LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" \
        ctest --test-dir build-asan --output-on-failure -j"$jobs" -E "$timing|$mpi"
      # OpenMPI's plugins (dlopen'ed, unloaded at MPI_Finalize) leak at exit with frames LSan can
      # no longer name, so no suppression by library matches: the MPI test runs without the leak
      # check, every other ASan and UBSan check on.
      ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -R "$mpi"
      ;;
    tsan)
      cmake -S . -B build-tsan "${common[@]}" -DLOSSLAB_SANITIZE=thread -DLOSSLAB_BUILD_GUI=OFF \
            -DLOSSLAB_MPI=OFF >/dev/null
      cmake --build build-tsan -j"$jobs" --target "${threaded[@]/#/engine_test_}"
      pattern="^engine/test_($(IFS='|'; echo "${threaded[*]}"))\$"
      TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp" QTEST_FUNCTION_TIMEOUT=1800000 \
        ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R "$pattern"
      ;;
    *) echo "unknown stage \"$stage\" (asan, asan-engine, tsan)" >&2; exit 2 ;;
  esac
done
