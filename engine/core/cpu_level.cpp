#include "losslab/core/cpu_level.hpp"

#include <cstdlib>

namespace losslab {
namespace {

#ifdef LOSSLAB_CPU_NATIVE
constexpr const char* kBaseline = "native";
#else
constexpr const char* kBaseline = "v2";
#endif

// The levels this build holds a copy of the hot code for (cmake/LossLabCpuLevels.cmake).
bool built(const std::string& id) {
  if (id == kBaseline) return true;
#ifdef LOSSLAB_CPU_HAS_V2
  if (id == "v2") return true;
#endif
#ifdef LOSSLAB_CPU_HAS_V3
  if (id == "v3") return true;
#endif
#ifdef LOSSLAB_CPU_HAS_V4
  if (id == "v4") return true;
#endif
  return false;
}
std::string labelOf(const std::string& id) {
  if (id == "v2") return "x86-64-v2 (SSE4.2)";
  if (id == "v3") return "x86-64-v3 (AVX2, FMA)";
  if (id == "v4") return "x86-64-v4 (AVX-512)";
#if defined(__AVX512F__)
  return "native (-march=native, AVX-512)";
#elif defined(__AVX2__)
  return "native (-march=native, AVX2)";
#else
  return "native (-march=native)";
#endif
}

// What the CPU offers, as the x86-64 psABI levels define them (the features Eigen and GCC use).
bool cpuOffers(const std::string& id) {
  __builtin_cpu_init();
  const bool v2 = __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("popcnt") &&
                  __builtin_cpu_supports("ssse3");
  const bool v3 = v2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                  __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
  const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                  __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
                  __builtin_cpu_supports("avx512vl");
  if (id == "native") return true;  // this program runs, so its baseline does
  if (id == "v2") return v2;
  if (id == "v3") return v3;
  if (id == "v4") return v4;
  return false;
}

struct Choice {
  CpuLevel level;
  std::string note;
};

const Choice& choice() {
  static const Choice c = [] {
    const char* env = std::getenv("LOSSLAB_CPU_LEVEL");
    std::string note;
    CpuLevel level = chooseCpuLevel(env ? env : "", note);
    return Choice{level, note};
  }();
  return c;
}

}  // namespace

std::vector<CpuLevel> cpuLevelsBuilt() {
  std::vector<CpuLevel> out{{kBaseline, labelOf(kBaseline)}};
  for (const char* id : {"v2", "v3", "v4"})
    if (id != std::string(kBaseline) && built(id)) out.push_back({id, labelOf(id)});
  return out;
}

bool cpuRunsLevel(const std::string& id) { return built(id) && cpuOffers(id); }

CpuLevel chooseCpuLevel(const std::string& requested, std::string& note) {
  note.clear();
  if (!requested.empty()) {
    if (!built(requested)) {
      std::string built;
      for (const auto& l : cpuLevelsBuilt()) built += (built.empty() ? "" : ", ") + l.id;
      note = "LOSSLAB_CPU_LEVEL=" + requested + " is not a level this build holds (" + built +
             "); using the default";
    } else if (!cpuOffers(requested)) {
      note = "LOSSLAB_CPU_LEVEL=" + requested + ": this CPU lacks " + labelOf(requested) +
             "; using the default";
    } else {
      return {requested, labelOf(requested)};
    }
  }
  // A native build's own code is made for this machine; a portable one takes the highest level.
  if (std::string(kBaseline) == "native") return {kBaseline, labelOf(kBaseline)};
  for (const char* id : {"v4", "v3"})
    if (cpuRunsLevel(id)) return {id, labelOf(id)};
  return {kBaseline, labelOf(kBaseline)};
}

const CpuLevel& cpuLevelInUse() { return choice().level; }
const std::string& cpuLevelNote() { return choice().note; }

}  // namespace losslab
