#pragma once
// Which instruction-set level the engine's hot code runs at. A portable build (the .deb) holds
// that code for x86-64-v2 (SSE4.2), v3 (AVX2 + FMA) and v4 (AVX-512) and takes the highest the
// CPU offers; a native build (-march=native, the default from source) takes its own. The
// environment variable LOSSLAB_CPU_LEVEL=v2|v3|v4|native picks a lower level, for tests and for
// comparing results across levels; a level the CPU lacks or the build does not hold is refused
// with a note and the default kept.
#include <string>
#include <vector>

namespace losslab {

struct CpuLevel {
  std::string id;     // "native", "v2", "v3", "v4"
  std::string label;  // what --version and Help > About print, e.g. "x86-64-v4 (AVX-512)"
};

// The level in use (the first call chooses it, reading LOSSLAB_CPU_LEVEL).
const CpuLevel& cpuLevelInUse();
// Why LOSSLAB_CPU_LEVEL was not followed, or empty.
const std::string& cpuLevelNote();
// Every level this build holds, baseline first, and whether this CPU runs it.
std::vector<CpuLevel> cpuLevelsBuilt();
bool cpuRunsLevel(const std::string& id);
// Chooses among the levels built: `requested` (empty: none) if built and runnable here, else the
// default; `note` says why a request was refused. Exposed for tests; cpuLevelInUse() calls it.
CpuLevel chooseCpuLevel(const std::string& requested, std::string& note);

}  // namespace losslab
