#include "losslab/widgets/collapse_labels.hpp"

#include <QCoreApplication>

namespace losslab {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("CollapseLabels", text); }

int significandBits(FloatFormat f) {
  return f == FloatFormat::Float16 ? 11 : f == FloatFormat::Float32 ? 24 : 53;
}

// 2⁻²⁴: a power of two with its exponent in superscript digits.
QString powerOfTwo(int exponent) {
  static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString s = QStringLiteral("2⁻");
  for (QChar c : QString::number(exponent)) s += digits[c.digitValue()];
  return s;
}

QString measured(const CollapseTracking& t) {
  const QString every = t.every == 1 ? tr("at every step")
                        : t.every > 1 ? tr("every %1 steps").arg(t.every)
                                      : tr("when collapse tracking is on");
  return tr("Measured %1 on the training set.").arg(every);
}

QString scDefinition(FloatFormat f, const CollapseTracking& t) {
  return tr("SC fraction, %1: the share of samples whose S = Σₖ exp(zₖ − maxⱼ zⱼ), computed in "
            "%1 (logits cast to it), equals exactly 1 (Softmax Collapse, Prieto et al. 2025). "
            "Summed %2.%3 Not drawn for a StableMax run, which has no softmax to collapse (its "
            "zero-gradient share is its own loss's). ")
             .arg(QString::fromLatin1(toString(f)), summationOrderName(t.order),
                  f == FloatFormat::Float16 ? tr(" float16 is emulated (Eigen's half).") : QString()) +
         measured(t);
}
}  // namespace

QString summationOrderName(SummationOrder order) {
  switch (order) {
    case SummationOrder::Torch:
      return tr("as torch.sum does in Prieto et al.'s code (class order; float16 accumulated in "
                "float32 and rounded once, float32 and float64 in PyTorch's CPU lanes)");
    case SummationOrder::LargestFirst:
      return tr("largest term first (exp(0) = 1, then the other classes in class order)");
    case SummationOrder::SmallestFirst:
      return tr("small terms first (ascending), the largest term exp(0) = 1 last");
  }
  return {};
}

QString collapseQuantityName(CollapseQuantity q) {
  switch (q) {
    case CollapseQuantity::TrainAccuracy: return tr("train accuracy");
    case CollapseQuantity::TestAccuracy: return tr("test accuracy");
    case CollapseQuantity::ScFloat16: return tr("SC float16");
    case CollapseQuantity::ScFloat32: return tr("SC float32");
    case CollapseQuantity::ScFloat64: return tr("SC float64");
    case CollapseQuantity::ZeroGradient: return tr("zero gradient");
    case CollapseQuantity::StepAlignment: return QStringLiteral("cos(θ, −Δθ)");
    case CollapseQuantity::GradientAlignment: return QStringLiteral("cos(θ, −∇L)");
    case CollapseQuantity::WeightNorm: return tr("weight norm ‖θ‖");
    case CollapseQuantity::LogitNorm: return tr("mean logit norm ‖z‖");
  }
  return {};
}

QString collapseDefinition(CollapseQuantity q, const CollapseTracking& t) {
  switch (q) {
    case CollapseQuantity::TrainAccuracy:
      return tr("Train accuracy: the share of training samples whose largest logit is the "
                "correct class, at every step.");
    case CollapseQuantity::TestAccuracy:
      return tr("Test accuracy: the share of held-out samples whose largest logit is the correct "
                "class. Grokking: it rises long after train accuracy has reached 100%.");
    case CollapseQuantity::ScFloat16: return scDefinition(FloatFormat::Float16, t);
    case CollapseQuantity::ScFloat32: return scDefinition(FloatFormat::Float32, t);
    case CollapseQuantity::ScFloat64: return scDefinition(FloatFormat::Float64, t);
    case CollapseQuantity::ZeroGradient:
      return tr("Zero-gradient fraction: the share of samples whose correct-class logit gradient "
                "is exactly 0, in the precision the run trains in, of the run's own loss (softmax "
                "cross-entropy with S summed %1, or StableMax's). Those samples no longer teach "
                "the network anything. ").arg(summationOrderName(t.order)) +
             measured(t);
    case CollapseQuantity::StepAlignment:
      return tr("NLM alignment cos(θ, −Δθ), where Δθ is the step the optimizer is about to take "
                "(θ ← θ − Δθ): +1 means the step only scales the weights up — naive loss "
                "minimisation, which grows the logits without changing predictions. All "
                "parameters; per layer in the tooltip. ") + measured(t);
    case CollapseQuantity::GradientAlignment:
      return tr("NLM alignment cos(θ, −∇L), with ∇L the gradient of the step's training loss: "
                "+1 means the loss falls fastest by scaling the weights up. All parameters; "
                "per layer in the tooltip. ") + measured(t);
    case CollapseQuantity::WeightNorm:
      return tr("Weight norm ‖θ‖₂ over all parameters (per layer in the tooltip), at every "
                "step. Left-hand axis.");
    case CollapseQuantity::LogitNorm:
      return tr("Logit norm: the mean over training samples of ‖zᵢ‖₂, zᵢ the logits of sample i "
                "(the maximum in the tooltip). Right-hand axis. ") + measured(t);
  }
  return {};
}

QString logitGapDefinition(SummationOrder order) {
  return tr("Logit gaps: z_y − max_{k≠y} z_k for every sample (y its class), as a histogram; "
            "positive where the sample is classified correctly. The dashed lines are the gaps "
            "past which float16, float32 and float64 softmax rounds to exactly one-hot, with S "
            "summed %1: a sample beyond a line has collapsed in that precision.")
      .arg(summationOrderName(order));
}

QString collapseThresholdDefinition(FloatFormat f, SummationOrder order, int classes) {
  const int p = significandBits(f);
  const double gap = collapseGapThreshold(f, order, classes);
  const QString name = QString::fromLatin1(toString(f));
  if (order == SummationOrder::LargestFirst)
    return tr("%1 collapses past a top gap of %2 ln 2 = %3: then every other term exp(zₖ − max z) "
              "is at most half an ulp of 1 (%4) and adds nothing to S, summed largest term "
              "first. Exact for any logits: the runner-up decides.")
        .arg(name).arg(p).arg(gap, 0, 'f', 1).arg(powerOfTwo(p));
  if (order == SummationOrder::Torch && f == FloatFormat::Float16)
    return tr("float16 collapses past a gap of about ln(C − 1) + 11 ln 2 = %1 when all C − 1 = %2 "
              "other logits are equal, S summed as torch.sum does: the terms add up in float32, "
              "and their sum must fall to half an ulp of float16's 1 (2⁻¹¹) for S to round to "
              "1. Unequal gaps collapse earlier.")
        .arg(gap, 0, 'f', 1).arg(classes - 1);
  if (order == SummationOrder::Torch)
    return tr("%1 collapses past a gap of %2 when all C − 1 = %3 other logits are equal and the "
              "top one is class 0, S summed as torch.sum does on a CPU: the terms add up in "
              "lanes before they meet the 1, so the edge lies between %4 ln 2 and ln(C − 1) + "
              "%4 ln 2, by where the top class sits. Unequal gaps collapse earlier.")
        .arg(name).arg(gap, 0, 'f', 1).arg(classes - 1).arg(p);
  return tr("%1 collapses past a gap of ln(C − 1) + %2 ln 2 = %3 when all C − 1 = %4 other logits "
            "are equal, S summed small terms first: their sum must fall below half an ulp of 1 "
            "(%5). Unequal gaps collapse earlier.")
      .arg(name).arg(p).arg(gap, 0, 'f', 1).arg(classes - 1).arg(powerOfTwo(p));
}

QColor precisionColor(FloatFormat f) {
  switch (f) {
    case FloatFormat::Float16: return QColor(148, 103, 189);  // purple
    case FloatFormat::Float32: return QColor(214, 39, 40);    // red: the run's own precision
    case FloatFormat::Float64: return QColor(127, 127, 127);  // grey
  }
  return Qt::black;
}

}  // namespace losslab
