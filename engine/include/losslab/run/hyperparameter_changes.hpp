#pragma once
// A run's optimizer or schedule changed while it trains (the window's controls, a comparison's
// setting): validated first, so a bad value changes nothing; then kept in the run's config,
// which every later step reads (learning rate, schedule, batch size), and handed to the
// optimizer, which keeps its state unless the optimizer family changes (Optimizer::setConfig).
// Every Trainer changes them so.
#include "losslab/config/experiment.hpp"
#include "losslab/optim/optimizer.hpp"
#include "losslab/optim/schedule.hpp"

namespace losslab {

template <class S> void changeOptimizer(ExperimentConfig& config, Optimizer<S>& optimizer,
                                        const OptimizerConfig& changed) {
  validate(changed);
  config.optimizer = changed;
  optimizer.setConfig(changed);
}

inline void changeSchedule(ExperimentConfig& config, const ScheduleConfig& changed) {
  validate(changed);
  config.schedule = changed;
}

}  // namespace losslab
