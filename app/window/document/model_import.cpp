#include "document/model_import.hpp"

#include <QFileInfo>
#include <QStringList>

#include "losslab/model/model_file.hpp"

namespace losslab {

ExperimentConfig importedExperiment(const ExperimentConfig& current, const QString& modelPath) {
  const QString path = QFileInfo(modelPath).absoluteFilePath();
  const ModelFile m = readModelFile(path.toStdString());
  const Architecture& a = m.architecture;
  ExperimentConfig c = current;
  c.model.kind = "mlp";
  c.model.file = path.toStdString();
  // What the controls show (they are not editable: the file defines the network).
  c.model.hidden.assign(a.layers.begin() + 1, a.layers.end() - 1);
  c.model.activation = a.activation;
  c.model.bias = !a.bias.empty() && a.bias.front();
  c.model.outputScale = a.outputScale;
  c.loss = m.loss;
  c.precision = Precision::Float64;  // the file's values, exactly as written
  c.hiddenControls.clear();
  const QString name = m.name.empty() ? QFileInfo(path).fileName() : QString::fromStdString(m.name);
  QStringList widths;
  for (int w : a.layers) widths << QString::number(w);
  const QString test = m.test.empty() ? QString() : QStringLiteral(" and %1 test samples").arg(m.test.size());
  c.description = QStringLiteral("Imported network \"%1\" (%2): layers %3, %4 training samples%5. It trains "
                                 "on from its stored parameters with the optimizer in force; Reset (R) goes "
                                 "back to them.")
                      .arg(name, path, widths.join(QLatin1Char('-')), QString::number(m.data.size()), test)
                      .toStdString();
  return c;
}

}  // namespace losslab
