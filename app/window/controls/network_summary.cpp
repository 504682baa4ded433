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
      case LayerKind::Conv2d: t << QStringLiteral("conv %1@%2×%2").arg(l.outChannels).arg(l.kernel); break;
      case LayerKind::AvgPool2d: t << QStringLiteral("avgpool %1").arg(l.kernel); break;
      case LayerKind::MaxPool2d: t << QStringLiteral("maxpool %1").arg(l.kernel); break;
      case LayerKind::Flatten: t << QStringLiteral("flatten"); break;
      case LayerKind::Embedding: t << QStringLiteral("embed %1").arg(l.dim); break;
      case LayerKind::Positional: t << QStringLiteral("+pos"); break;
      case LayerKind::Attention:
        t << QStringLiteral("attn %1h%2").arg(l.heads).arg(l.causal ? QStringLiteral(" causal") : QString());
        break;
      case LayerKind::Select: t << QStringLiteral("select %1").arg(l.position); break;
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
  const Shape in = net.shapeIn();
  QString input = QString::number(net.inputDim);
  if (net.tokenInput) input = QStringLiteral("%1 tokens").arg(net.inputDim);
  else if (!in.isVector()) input = QString::fromStdString(in.text()).remove(u'[').remove(u']').replace(QStringLiteral(", "), QStringLiteral("×"));
  return (QStringList{input} + tokens(net.layers)).join(QStringLiteral(" → "));
}

}  // namespace losslab
