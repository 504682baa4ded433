#include "tabs/collapse_summary.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>
#include <cmath>

namespace losslab {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("CollapseSummary", text); }

QString num(double v) { return std::isfinite(v) ? QString::number(v, 'g', 3) : QStringLiteral("–"); }
QString percent(double v) { return std::isfinite(v) ? QString::number(100.0 * v, 'g', 3) + QLatin1Char('%') : QStringLiteral("–"); }

QString setLine(const QString& name, const CollapseSetRecord& s, FloatFormat own) {
  return tr("<b>%1</b>: SC float16 %2, float32 %3, float64 %4; zero gradient %5 (%6); "
            "logit norm mean %7, max %8")
      .arg(name, percent(s.scFraction[0]), percent(s.scFraction[1]), percent(s.scFraction[2]),
           percent(s.zeroGradFraction[static_cast<int>(own)]), QString::fromLatin1(toString(own)),
           num(s.logitNormMean), num(s.logitNormMax));
}

QString layers(const LayerwiseValue& v) {
  QStringList parts;
  for (double x : v.perLayer) parts << num(x);
  return parts.join(QStringLiteral(" · "));
}
}  // namespace

QString optimizerName(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::Gd: return QStringLiteral("GD");
    case OptimizerKind::Sgd: return QStringLiteral("SGD");
    case OptimizerKind::Adam: return QStringLiteral("Adam");
    case OptimizerKind::AdamW: return QStringLiteral("AdamW");
  }
  return {};
}

QString collapseRunName(const ExperimentConfig& c) {
  const QString optimizer = optimizerName(c.optimizer.kind);
  // Short: the legend holds several runs side by side.
  const LossParams& p = c.loss.params;
  QString loss;
  switch (c.loss.kind) {
    case LossKind::CrossEntropy:
      loss = tr("softmax CE");
      if (p.labelSmoothing > 0) loss += tr(", smoothing %1").arg(p.labelSmoothing);
      if (p.zLoss > 0) loss += tr(" + z-loss %1").arg(p.zLoss);
      break;
    case LossKind::StableMaxCrossEntropy: loss = tr("StableMax CE"); break;
    case LossKind::Mse: loss = tr("MSE"); break;
    case LossKind::Focal: loss = tr("focal γ %1").arg(p.gamma); break;
    case LossKind::Poly1CrossEntropy: loss = tr("Poly-1 ε %1").arg(p.epsilon); break;
  }
  const QString step = c.optimizer.perpGrad ? QStringLiteral("⊥") + optimizer : optimizer;
  return QStringLiteral("%1, %2").arg(loss, step);
}

QString collapseSummary(const CollapseRecord& r, const QString& run) {
  QStringList lines;
  lines << tr("<b>Step %1</b> — %2").arg(QLocale().toString(static_cast<qlonglong>(r.step)), run.toHtmlEscaped());
  lines << setLine(tr("Training set"), r.train, r.runFormat);
  if (r.test) lines << setLine(tr("Test set"), *r.test, r.runFormat);
  lines << tr("<b>Weight norm</b> per layer %1 (all %2)").arg(layers(r.weightNorm), num(r.weightNorm.total));
  lines << tr("<b>cos(θ, −Δθ)</b> per layer %1 (all %2); <b>cos(θ, −∇L)</b> %3 (all %4)")
               .arg(layers(r.stepAlignment), num(r.stepAlignment.total), layers(r.gradAlignment),
                    num(r.gradAlignment.total));
  const NeuralCollapse& nc = r.neural;
  if (std::isfinite(nc.nc4))
    lines << tr("<b>Neural collapse</b> (last hidden layer, training set): NC1 %1 · NC2 equinorm %2, "
                "equiangularity %3, max-angle %4 · NC3 %5 · NC4 %6")
                 .arg(num(nc.nc1), num(nc.nc2Equinorm), num(nc.nc2Equiangularity), num(nc.nc2MaxAngle),
                      num(nc.nc3), percent(nc.nc4));
  return lines.join(QStringLiteral("<br>"));
}

QString collapseSummaryToolTip() {
  return tr("The newest measurement of the run picked above.\n"
            "SC: the share of samples whose S = Σₖ exp(zₖ − maxⱼ zⱼ), computed in that precision, "
            "equals exactly 1. Zero gradient: the share whose correct-class logit gradient is "
            "exactly 0, in the run's precision.\n"
            "Neural collapse of the last hidden layer (Papyan, Han & Donoho 2020): "
            "NC1 = Tr(Σ_W Σ_B⁺)/C (→ 0: within-class variability vanishes); "
            "NC2 equinorm = std/mean of ‖μ_c − μ_G‖, equiangularity = std of the cosines between "
            "centred class means, max-angle = mean |cos + 1/(C−1)| (→ 0: a simplex ETF); "
            "NC3 = ‖W/‖W‖_F − M/‖M‖_F‖²_F, squared as the authors' code reports it (→ 0: classifier "
            "and means align); "
            "NC4 = agreement with the nearest-class-mean classifier (→ 100%).");
}

}  // namespace losslab
