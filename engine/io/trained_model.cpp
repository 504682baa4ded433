#include "losslab/io/trained_model.hpp"

namespace losslab {

ModelFile trainedModelFile(std::string name, LossKind loss, const Architecture& architecture,
                           const Eigen::VectorXd& parameters, const DataSplit& data) {
  ModelFile model;
  model.name = std::move(name);
  model.architecture = architecture;
  model.loss = loss;
  model.parameters = parameters;
  model.data = data.train;
  model.test = data.test;
  if (loss == LossKind::Mse && data.train.task == Task::Classification) {
    for (Dataset* d : {&model.data, &model.test}) {
      d->targets = Eigen::MatrixXd::Zero(d->numClasses, d->size());
      for (int i = 0; i < d->size(); ++i) d->targets(d->labels[i], i) = 1.0;
      d->task = Task::Regression;
    }
  }
  return model;
}

}  // namespace losslab
