#include "document/model_import.hpp"

#include <QFileInfo>
#include <QStringList>

#include "controls/network_summary.hpp"
#include "losslab/model/network/network_file.hpp"

namespace losslab {

ExperimentConfig importedExperiment(const ExperimentConfig& current, const QString& modelPath) {
  const QString path = QFileInfo(modelPath).absoluteFilePath();
  const NetworkFile m = readNetworkFile(path.toStdString());
  const std::optional<Architecture> mlp = plainMlp(m.network);
  ExperimentConfig c = current;
  c.model.kind = mlp ? "mlp" : "network";
  c.model.file = path.toStdString();
  c.model.layers.clear();
  if (mlp) {  // what the controls show (they are not editable: the file defines the network)
    c.model.hidden.assign(mlp->layers.begin() + 1, mlp->layers.end() - 1);
    c.model.activation = mlp->activation;
    c.model.bias = !mlp->bias.empty() && mlp->bias.front();
  }
  c.model.outputScale = m.network.outputScale;
  c.loss = m.loss;
  c.precision = Precision::Float64;  // the file's values, exactly as written
  c.hiddenControls.clear();
  const QString name = m.name.empty() ? QFileInfo(path).fileName() : QString::fromStdString(m.name);
  const QString test = m.test.empty() ? QString() : QStringLiteral(" and %1 test samples").arg(m.test.size());
  c.description = QStringLiteral("Imported network \"%1\" (%2): %3, %4 training samples%5. It trains "
                                 "on from its stored parameters with the optimizer in force; Reset (R) goes "
                                 "back to them.")
                      .arg(name, path, networkSummary(m.network), QString::number(m.data.size()), test)
                      .toStdString();
  return c;
}

}  // namespace losslab
