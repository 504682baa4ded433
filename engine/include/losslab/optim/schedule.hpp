#pragma once
// Learning-rate schedules: the rate of step `step` (0 = the first step) of a run of `runSteps`.
//   constant  base
//   warmup    base * (step+1)/warmupSteps for step < warmupSteps, then base
//   cosine    the same warm-up, then base * ½(1 + cos(π·p)), p = (step − warmup)/(total − warmup)
//             clamped to [0, 1], so the rate is 0 from step `total` on (total: totalSteps, or
//             runSteps when unset; Loshchilov & Hutter 2017 without restarts)
//   step      base * gamma^floor(step/stepEvery)
// warmupSteps applies to the warmup and cosine kinds only.
#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

double learningRateAt(const ScheduleConfig& schedule, double baseLr, long step, long runSteps);

// Throws InputError naming the key (schedule.warmup_steps, ...), the bad value and what is
// allowed: warmup_steps >= 0, step_every >= 1, gamma > 0, total_steps >= 1 when given.
void validate(const ScheduleConfig& schedule);

}  // namespace losslab
