#include "controls/network_summary.hpp"

#include <QStringList>

namespace losslab {

namespace {

// "leaky relu", not "leaky_relu": the label's descender clipped the underscore.
QString activationName(Activation a) { return QString::fromStdString(toString(a)).replace(u'_', u' '); }

QStringList tokens(const std::vector<Layer>& layers) {
  QStringList t;
  for (const Layer& l : layers) {
    switch (l.kind) {
      case LayerKind::Linear: t << QString::number(l.out); break;
      case LayerKind::Activation:  // joins the width it acts on: "64 gelu"
        if (!t.isEmpty() && t.back().back().isDigit()) t.back() += u' ' + activationName(l.fn);
        else t << activationName(l.fn);
        break;
      case LayerKind::LayerNorm: t << QStringLiteral("LN"); break;
      case LayerKind::Residual: t << QStringLiteral("skip[%1]").arg(tokens(l.body).join(QStringLiteral(" → "))); break;
    }
  }
  // Runs of the same block: "8× skip[...]".
  QStringList grouped;
  for (qsizetype i = 0; i < t.size();) {
    qsizetype j = i;
    while (j < t.size() && t[j] == t[i]) ++j;
    grouped << (j - i > 1 ? QStringLiteral("%1× %2").arg(j - i).arg(t[i]) : t[i]);
    i = j;
  }
  return grouped;
}

}  // namespace

QString networkSummary(const Network& net) {
  if (const std::optional<Architecture> mlp = plainMlp(net)) {
    QStringList widths;
    for (int w : mlp->layers) widths << QString::number(w);
    return QStringLiteral("%1 (%2)").arg(widths.join(QStringLiteral(" → ")), activationName(mlp->activation));
  }
  return (QStringList{QString::number(net.inputDim)} + tokens(net.layers)).join(QStringLiteral(" → "));
}

}  // namespace losslab
