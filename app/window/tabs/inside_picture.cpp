#include "tabs/inside_picture.hpp"

#include <QObject>
#include <algorithm>
#include <cmath>

#include "losslab/core/error.hpp"

namespace losslab {

namespace {

QString opSymbol(const std::string& op) {
  if (op == "sub") return QStringLiteral("−");
  if (op == "mul") return QStringLiteral("×");
  if (op == "div") return QStringLiteral("÷");
  return QStringLiteral("+");
}

// "predicted 57 (98%)": the argmax and its softmax probability.
QString prediction(const Eigen::VectorXd& logits) {
  Eigen::Index best = 0;
  const double top = logits.maxCoeff(&best);
  const double p = 1.0 / (logits.array() - top).exp().sum();
  return QObject::tr("predicted %1 (%2%)").arg(best).arg(std::lround(100 * p));
}

}  // namespace

bool looksInside(const Snapshot& s) {
  return !s.network.layers.empty() && (s.network.tokenInput || !s.network.shapeIn().isVector());
}

std::shared_ptr<const InsidePicture> insidePicture(const Snapshot& s, int sample) {
  if (!s.data || s.data->train.size() == 0 || !looksInside(s) ||
      s.parameters.size() != s.network.parameterCount())
    return nullptr;
  const Dataset& d = s.data->train;
  sample = std::clamp(sample, 0, d.size() - 1);
  auto picture = std::make_shared<InsidePicture>();
  const Eigen::VectorXd x = d.x.col(sample);
  try {
    picture->inside = lookInside(s.network, s.parameters, x);
  } catch (const InputError&) {  // a network mid-replacement
    return nullptr;
  }
  const QString label = d.task == Task::Classification ? QString::number(d.labels[size_t(sample)]) : QString();
  const QString predicted = d.task == Task::Classification ? prediction(picture->inside.logits) : QString();
  if (s.network.tokenInput) {
    for (Eigen::Index t = 0; t < x.size(); ++t) picture->tokens << QString::number(std::lround(x[t]));
    if (s.config.data.kind == "modular" && x.size() == 3) {
      picture->tokens.back() = QStringLiteral("=");
      picture->caption = QObject::tr("%1 %2 %3 = ?  →  %4 · %5")
                             .arg(picture->tokens[0], opSymbol(s.config.data.op), picture->tokens[1], label, predicted);
    } else {
      picture->caption = QObject::tr("tokens %1 → %2 · %3").arg(picture->tokens.join(u' '), label, predicted);
    }
  } else {
    const Shape in = s.network.shapeIn();
    const int h = in.dims[1], w = in.dims[2];
    picture->image.resize(h, w);
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w; ++c) picture->image(r, c) = x[Eigen::Index(r) * w + c];
    picture->caption = QObject::tr("training sample %1: a %2 · %3").arg(sample).arg(label, predicted);
  }
  return picture;
}

}  // namespace losslab
