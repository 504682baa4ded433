#include "losslab/io/trained_model.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/model/network/network_file.hpp"

namespace losslab {

namespace {

// A file's MSE data carries target rows: class labels trained with MSE become their one-hot targets.
void asTrained(const Loss& loss, Dataset& d) {
  if (loss.kind != LossKind::Mse || d.task != Task::Classification) return;
  d.targets = Eigen::MatrixXd::Zero(d.numClasses, d.size());
  for (int i = 0; i < d.size(); ++i) d.targets(d.labels[i], i) = 1.0;
  d.task = Task::Regression;
}

}  // namespace

ModelFile trainedModelFile(std::string name, const Loss& loss, const Architecture& architecture,
                           const Eigen::VectorXd& parameters, const DataSplit& data) {
  ModelFile model;
  model.name = std::move(name);
  model.architecture = architecture;
  model.loss = loss;
  model.parameters = parameters;
  model.data = data.train;
  model.test = data.test;
  asTrained(loss, model.data);
  asTrained(loss, model.test);
  return model;
}

void writeTrainedModel(const std::string& path, std::string name, const Loss& loss, const Network& net,
                       const Eigen::VectorXd& parameters, const DataSplit& data) {
  if (net.layers.empty()) throw InputError("export model: this model has no layers (the quadratic model has no file form)");
  if (const std::optional<Architecture> mlp = plainMlp(net)) {
    writeModelFile(trainedModelFile(std::move(name), loss, *mlp, parameters, data), path);
    return;
  }
  NetworkFile f{std::move(name), net, loss, parameters, data.train, data.test, {}};
  asTrained(loss, f.data);
  asTrained(loss, f.test);
  writeTextFileAtomically(path, toJson(f).dump() + "\n");
}

}  // namespace losslab
