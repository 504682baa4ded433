#pragma once
// A losslab-model/1 or /2 file (a network exported from LossLab, or converted from PyTorch by
// scripts/torch_to_losslab.py) as the experiment that continues it: the file's network,
// parameters and data (model.file), its loss and output scale, trained on with the optimizer
// and schedule in force. Experiment files refer to the model file by its absolute path.
#include <QString>

#include "losslab/config/experiment.hpp"

namespace losslab {

// Reads the file, so a bad one fails here (InputError naming the file, the field and the
// problem) and never as a run that will not start.
ExperimentConfig importedExperiment(const ExperimentConfig& current, const QString& modelPath);

}  // namespace losslab
