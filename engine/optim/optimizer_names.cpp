// The names the experiment file uses for optimizer and schedule kinds
// (shared/spec/experiment-format.md).
#include <array>

#include "losslab/core/error.hpp"
#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

namespace {

constexpr std::array kOptimizerKinds{OptimizerKind::Gd, OptimizerKind::Sgd, OptimizerKind::Adam,
                                      OptimizerKind::AdamW};
constexpr std::array kScheduleKinds{ScheduleKind::Constant, ScheduleKind::Warmup,
                                    ScheduleKind::Cosine, ScheduleKind::Step};

template <class Kind, std::size_t N>
Kind fromString(const std::string& name, const std::array<Kind, N>& kinds, const char* field) {
  std::string allowed;
  for (Kind k : kinds) {
    if (toString(k) == name) return k;
    allowed += (allowed.empty() ? "" : ", ") + toString(k);
  }
  throw InputError(std::string(field) + ": unknown \"" + name + "\" (allowed: " + allowed + ")");
}

}  // namespace

std::string toString(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::Gd: return "gd";
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
  }
  return "?";
}

OptimizerKind optimizerFromString(const std::string& name) {
  return fromString(name, kOptimizerKinds, "optimizer.kind");
}

std::string toString(ScheduleKind k) {
  switch (k) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::Warmup: return "warmup";
    case ScheduleKind::Cosine: return "cosine";
    case ScheduleKind::Step: return "step";
  }
  return "?";
}

ScheduleKind scheduleFromString(const std::string& name) {
  return fromString(name, kScheduleKinds, "schedule.kind");
}

}  // namespace losslab
