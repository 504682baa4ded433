#pragma once
// A Trainer for the second-order regression model (model.kind "quadratic"): no data set and
// no network, the same optimizers, schedules, metrics and sharpness tracking.
#include <memory>

#include "losslab/run/trainer.hpp"

namespace losslab {

std::unique_ptr<Trainer> createQuadraticTrainer(const ExperimentConfig& config);

}  // namespace losslab
