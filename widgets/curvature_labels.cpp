#include "losslab/widgets/curvature_labels.hpp"

#include <QCoreApplication>
#include <utility>

namespace losslab {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("CurvatureLabels", text); }

QString measuredOn(const CurvatureTracking& t) {
  const QString data = t.subset > 0
                           ? tr("a fixed random subset of %1 training samples").arg(t.subset)
                           : tr("the whole training set");
  const QString every = t.every == 1 ? tr("at every step")
                        : t.every > 1 ? tr("every %1 steps").arg(t.every)
                                      : tr("when tracking is on");
  return tr("Measured %1 on %2 (loss as a mean over samples, float64).").arg(every, data);
}
}  // namespace

QString formatNumber(double value) { return QString::number(value, 'g', 3); }

QString quantityName(CurvatureQuantity q) {
  switch (q) {
    case CurvatureQuantity::Sharpness: return QStringLiteral("λmax(H)");
    case CurvatureQuantity::GaussNewtonSharpness: return QStringLiteral("λmax(G)");
    case CurvatureQuantity::PreconditionedSharpness: return QStringLiteral("λmax(P⁻¹H)");
    case CurvatureQuantity::Trace: return QStringLiteral("tr H");
    case CurvatureQuantity::GfsSharpness: return QStringLiteral("GFS λmax");
    case CurvatureQuantity::FlowSharpness: return QStringLiteral("flow λmax");
  }
  return {};
}

QString quantityToolTip(CurvatureQuantity q, const CurvatureTracking& t) {
  const QString tol = tr(" Lanczos warm-started from the previous eigenvector, relative "
                         "tolerance %1.").arg(formatNumber(t.tolerance));
  switch (q) {
    case CurvatureQuantity::Sharpness:
      return tr("Sharpness λmax(H): the largest eigenvalue of the Hessian H of the training "
                "loss. ") + measuredOn(t) + tol;
    case CurvatureQuantity::GaussNewtonSharpness:
      return tr("λmax(G): the largest eigenvalue of the Gauss–Newton matrix G = JᵀH_ℓJ, the "
                "part of H the outliers come from (Sagun et al.; Papyan). ") + measuredOn(t) + tol;
    case CurvatureQuantity::PreconditionedSharpness:
      return tr("Preconditioned sharpness λmax(P⁻¹H), with P Adam's current preconditioner "
                "(Cohen et al. 2022): the quantity Adam's stability threshold bounds. ") +
             measuredOn(t) + tol;
    case CurvatureQuantity::Trace:
      return tr("Trace tr H, the sum of all Hessian eigenvalues, by Hutchinson's estimator with "
                "%1 Rademacher probes. Right-hand axis. ").arg(t.traceProbes) + measuredOn(t);
    case CurvatureQuantity::GfsSharpness:
      return tr("GFS sharpness: λmax(H) at the minimum gradient flow would reach from the current "
                "parameters (Dormand–Prince integration, then descent at rate 1/λmax to a gradient of "
                "10⁻⁹). Kreisler et al. 2023 prove that gradient descent lowers it step after step in "
                "scalar networks, even while λmax(H) itself oscillates at the edge of stability. "
                "Missing where the flow had not arrived. ") + measuredOn(t);
    case CurvatureQuantity::FlowSharpness:
      return tr("λmax(H) along the gradient flow from the same initial parameters, at the same effective "
                "time t = Σ η (Dormand–Prince integration beside the run; Cohen et al. 2021 compare the two): "
                "where gradient descent is held at 2/η, the flow's sharpness goes on rising. On the whole "
                "training set; measured while the optimizer is plain gradient descent. ") + measuredOn(t);
  }
  return {};
}

QString prettyFormula(const std::string& ascii) {
  QString s = QString::fromStdString(ascii);
  // Longest names first: "beta1" before "beta", and "beta" before its tail "eta".
  static const std::pair<const char*, const char*> symbols[] = {
      {"beta1", "β₁"}, {"beta", "β"}, {"eta", "η"}, {"rho", "ρ"}, {"sqrt", "√"},
      {"|g|", "‖g‖"}, {"-", "−"}, {"lambda", "λ"}};
  for (const auto& [from, to] : symbols) s.replace(QString::fromUtf8(from), QString::fromUtf8(to));
  s.remove(QLatin1Char(' '));  // the engine's spaces mean products: 2β, not 2 β
  return s;
}

QString prettyQuantity(const std::string& ascii) {
  if (ascii == "lambda_max(H)") return quantityName(CurvatureQuantity::Sharpness);
  if (ascii == "lambda_max(P^-1 H)") return quantityName(CurvatureQuantity::PreconditionedSharpness);
  if (ascii == "tr(H)") return quantityName(CurvatureQuantity::Trace);
  return prettyFormula(ascii);
}

QString thresholdLabel(const StabilityThreshold& t) {
  return QStringLiteral("%1 = %2").arg(prettyFormula(t.formula), formatNumber(t.value));
}

QString thresholdToolTip(const StabilityThreshold& t) {
  return tr("Stability threshold on %1: %2 = %3, with η the learning rate in force at each "
            "step.\nA bound derived for a quadratic model (constant curvature): there, a step "
            "is unstable once %1 exceeds it. Networks trained at the edge of stability hover "
            "at or just above it.\nSource: %4.")
      .arg(prettyQuantity(t.quantity), prettyFormula(t.formula), formatNumber(t.value),
           QString::fromStdString(t.source));
}

}  // namespace losslab
