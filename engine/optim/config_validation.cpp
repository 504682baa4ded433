// Range checks of the "optimizer" and "schedule" objects. Messages use the experiment file's keys
// so a user can find the line to fix.
#include <charconv>
#include <cmath>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/optim/optimizer_config.hpp"
#include "losslab/optim/schedule.hpp"

namespace losslab {

namespace {

// Shortest text that reads back to the same double (1e-30 stays "1e-30", 0.1 stays "0.1").
std::string numberText(double x) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

[[noreturn]] void fail(const char* field, double value, const char* allowed) {
  throw InputError(std::string(field) + ": got " + numberText(value) + ", must be " + allowed);
}

// The comparisons are written so that NaN fails them.
void requirePositive(const char* field, double x) {
  if (!(x > 0) || !std::isfinite(x)) fail(field, x, "a finite number > 0");
}
void requireNonNegative(const char* field, double x) {
  if (!(x >= 0) || !std::isfinite(x)) fail(field, x, "a finite number >= 0");
}
void requireUnitInterval(const char* field, double x) {
  if (!(x >= 0 && x < 1)) fail(field, x, "in [0, 1)");
}

}  // namespace

void validate(const OptimizerConfig& c) {
  requirePositive("optimizer.lr", c.lr);
  if (c.batchSize && *c.batchSize < 1)
    fail("optimizer.batch_size", *c.batchSize, "an integer >= 1 (or null for the full batch)");
  requireUnitInterval("optimizer.momentum", c.momentum);
  if (c.nesterov && !(c.momentum > 0))
    throw InputError("optimizer.nesterov: true needs optimizer.momentum > 0, got " +
                     numberText(c.momentum));
  requireUnitInterval("optimizer.betas[0]", c.beta1);
  requireUnitInterval("optimizer.betas[1]", c.beta2);
  requirePositive("optimizer.eps", c.eps);
  requireNonNegative("optimizer.weight_decay", c.weightDecay);
  requireNonNegative("optimizer.sam_rho", c.samRho);
  if (c.clipNorm) {
    if (!(*c.clipNorm > 0) || !std::isfinite(*c.clipNorm))
      fail("optimizer.clip_norm", *c.clipNorm, "a finite number > 0 (or null for no clipping)");
  }
}

void validate(const ScheduleConfig& s) {
  if (s.warmupSteps < 0) fail("schedule.warmup_steps", double(s.warmupSteps), "an integer >= 0");
  if (s.stepEvery < 1) fail("schedule.step_every", double(s.stepEvery), "an integer >= 1");
  requirePositive("schedule.gamma", s.gamma);
  if (s.totalSteps && *s.totalSteps < 1)
    fail("schedule.total_steps", double(*s.totalSteps),
         "an integer >= 1 (or null for the run's steps)");
}

}  // namespace losslab
