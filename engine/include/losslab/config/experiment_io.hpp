#pragma once
// Reading and writing losslab-experiment/1 documents. Unknown keys are errors (a typo must not
// fall back silently to a default); every error names the field, the bad value and the range.
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/config/experiment.hpp"

namespace losslab {

ExperimentConfig parseExperiment(const std::string& jsonText,
                                 const std::string& origin = "experiment");
ExperimentConfig experimentFromJson(const nlohmann::json& doc);
ExperimentConfig readExperimentFile(const std::string& path);
nlohmann::json toJson(const ExperimentConfig& config);  // every key, defaults included
// Range checks that need no data (the data set itself is checked when it is built).
void validate(const ExperimentConfig& config);
// The learning rate of step `step`: the schedule's, divided by output_scale^2 when
// optimizer.divide_lr_by_output_scale_squared is set.
double learningRateAt(const ExperimentConfig& config, long step);
// The network an experiment trains on data of the given input and output widths.
Architecture architectureFor(const ModelConfig& model, int inputDim, int outputDim);

std::string toString(Precision p);
Precision precisionFromString(const std::string& name);

}  // namespace losslab
