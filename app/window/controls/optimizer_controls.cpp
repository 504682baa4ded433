#include "controls/optimizer_controls.hpp"

#include <QCheckBox>
#include <QComboBox>

#include "controls/control_bindings.hpp"
#include "document/run_document.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/value_slider.hpp"

namespace losslab {

namespace {
// 0 ("off" or "full batch") followed by the given values.
QVector<double> offThen(QVector<double> values) {
  values.prepend(0.0);
  return values;
}
QString offOr(double v) { return v == 0.0 ? QObject::tr("off") : ValueSlider::formatNumber(v); }
bool adam(OptimizerKind k) { return k == OptimizerKind::Adam || k == OptimizerKind::AdamW; }
}  // namespace

OptimizerControls::OptimizerControls(RunDocument* document, QWidget* parent)
    : ControlForm(tr("Optimizer"), parent) {
  kind_ = new QComboBox(this);
  kind_->addItem(tr("GD (full batch)"), QStringLiteral("gd"));
  kind_->addItem(tr("SGD (minibatches)"), QStringLiteral("sgd"));
  kind_->addItem(tr("Adam"), QStringLiteral("adam"));
  kind_->addItem(tr("AdamW"), QStringLiteral("adamw"));
  addRow(QStringLiteral("optimizer.kind"), tr("Optimizer"), kind_,
         tr("Gradient descent on the whole training set, stochastic gradient descent on "
            "minibatches, Adam, or AdamW (decoupled weight decay). Momentum, SAM and ⊥Grad "
            "combine with any of them. Acts at the next step."));
  bindCombo(kind_, document, QStringLiteral("optimizer.kind"), tr("Optimizer"),
            [](ExperimentConfig& c, const QVariant& v) {
              c.optimizer.kind = optimizerFromString(v.toString().toStdString());
              if (c.optimizer.kind == OptimizerKind::Gd) c.optimizer.batchSize.reset();
              else if (c.optimizer.kind == OptimizerKind::Sgd && !c.optimizer.batchSize)
                c.optimizer.batchSize = 32;  // SGD on the full batch would be GD again
            });

  lr_ = new LogSlider(1e-5, 10.0, 100, this);
  addRow(QStringLiteral("optimizer.lr"), tr("Learning rate η"), lr_,
         tr("The step size η. For GD the stability threshold on the sharpness is 2/η: above it "
            "training oscillates (the edge of stability). Acts at the next step. Arrow keys and "
            "the mouse wheel move it by about 5 %, Page Up/Down by a factor of 10; type a value "
            "in the field and press Enter."));
  bindSlider(lr_, document, QStringLiteral("optimizer.lr"), tr("Learning rate"),
             [](ExperimentConfig& c, double v) { c.optimizer.lr = v; });

  QVector<double> batches;
  for (int b = 1; b <= 4096; b *= 2) batches << b;
  batch_ = new ValueSlider(offThen(batches), [](double v) { return v == 0.0 ? tr("full batch") : ValueSlider::formatInteger(v); }, this);
  addRow(QStringLiteral("optimizer.batch_size"), tr("Batch size"), batch_,
         tr("Samples per step: the whole training set, or a power of two (reshuffled every "
            "epoch). Small batches: noisy steps that find flatter minima."));
  bindSlider(batch_, document, QStringLiteral("optimizer.batch_size"), tr("Batch size"),
             [](ExperimentConfig& c, double v) {
               if (v == 0.0) c.optimizer.batchSize.reset(); else c.optimizer.batchSize = int(v);
             });

  momentum_ = new ValueSlider({0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99}, offOr, this);
  addRow(QStringLiteral("optimizer.momentum"), tr("Momentum β"), momentum_,
         tr("Heavy-ball momentum (PyTorch's SGD rule). Its stability threshold is (2 + 2β)/η."));
  bindSlider(momentum_, document, QStringLiteral("optimizer.momentum"), tr("Momentum"),
             [](ExperimentConfig& c, double v) { c.optimizer.momentum = v; });
  nesterov_ = new QCheckBox(tr("Nesterov"), this);
  addRow(QStringLiteral("optimizer.nesterov"), QString(), nesterov_,
         tr("Nesterov momentum: threshold (2 + 2β)/(η(1 + 2β))"), true);
  bindCheck(nesterov_, document, QStringLiteral("optimizer.nesterov"), tr("Nesterov"),
            [](ExperimentConfig& c, bool on) { c.optimizer.nesterov = on; });

  beta1_ = new ValueSlider({0.0, 0.5, 0.8, 0.9, 0.95, 0.99}, nullptr, this);
  addRow(QStringLiteral("optimizer.betas.0"), tr("Adam β₁"), beta1_,
         tr("Decay of Adam's first moment. The threshold on λmax(P⁻¹H) is (2 + 2β₁)/((1 − β₁)η): "
            "38/η for β₁ = 0.9 (Cohen et al. 2022)"), true);
  bindSlider(beta1_, document, QStringLiteral("optimizer.betas.0"), tr("Adam β₁"),
             [](ExperimentConfig& c, double v) { c.optimizer.beta1 = v; });
  beta2_ = new ValueSlider({0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999}, nullptr, this);
  addRow(QStringLiteral("optimizer.betas.1"), tr("Adam β₂"), beta2_, tr("Decay of Adam's second moment"), true);
  bindSlider(beta2_, document, QStringLiteral("optimizer.betas.1"), tr("Adam β₂"),
             [](ExperimentConfig& c, double v) { c.optimizer.beta2 = v; });
  eps_ = new ValueSlider(ValueSlider::logarithmic(1e-30, 1e-4, 1), nullptr, this);
  addRow(QStringLiteral("optimizer.eps"), tr("Adam ε"), eps_,
         tr("Adam's ε in the denominator √v̂ + ε; the grokking experiments use 1e-25"), true);
  bindSlider(eps_, document, QStringLiteral("optimizer.eps"), tr("Adam ε"),
             [](ExperimentConfig& c, double v) { c.optimizer.eps = v; });

  weightDecay_ = new ValueSlider(offThen(ValueSlider::logarithmic(1e-6, 1.0, 3)), offOr, this);
  addRow(QStringLiteral("optimizer.weight_decay"), tr("Weight decay"), weightDecay_,
         tr("L2 regularisation λ: λθ added to the gradient (decoupled, θ ← θ − ηλθ, for "
            "AdamW). It keeps weights and logits from growing without bound."));
  bindSlider(weightDecay_, document, QStringLiteral("optimizer.weight_decay"), tr("Weight decay"),
             [](ExperimentConfig& c, double v) { c.optimizer.weightDecay = v; });
  samRho_ = new ValueSlider(offThen(ValueSlider::logarithmic(1e-3, 1.0, 3)), offOr, this);
  addRow(QStringLiteral("optimizer.sam_rho"), tr("SAM radius ρ"), samRho_,
         tr("Sharpness-aware minimisation (Foret et al. 2021): the gradient is taken at "
            "θ + ρ g/‖g‖, which steers training to flatter minima. Costs a second gradient. "
            "Over plain GD its stability threshold is Long & Bartlett's SAM edge "
            "(‖g‖/(2ρ))(√(1 + 8ρ/(η‖g‖)) − 1), below 2/η and 0 at ‖g‖ = 0; over momentum or "
            "Adam none is known, and none is drawn."));
  bindSlider(samRho_, document, QStringLiteral("optimizer.sam_rho"), tr("SAM radius"),
             [](ExperimentConfig& c, double v) { c.optimizer.samRho = v; });
  perpGrad_ = new QCheckBox(tr("⊥Grad"), this);
  addRow(QStringLiteral("optimizer.perp_grad"), tr("Projection"), perpGrad_,
         tr("⊥Grad (Prieto et al. 2025): remove from each tensor's gradient its component "
            "along the weights, g − (w·g/w·w) w, rescaled to ‖g‖, so steps cannot just scale "
            "the logits up (naive loss minimisation)"));
  bindCheck(perpGrad_, document, QStringLiteral("optimizer.perp_grad"), tr("⊥Grad"),
            [](ExperimentConfig& c, bool on) { c.optimizer.perpGrad = on; });
  clip_ = new ValueSlider(offThen(ValueSlider::logarithmic(0.01, 100.0, 3)), offOr, this);
  addRow(QStringLiteral("optimizer.clip_norm"), tr("Clip gradient"), clip_,
         tr("Rescale the gradient to at most this global norm (off: never)"), true);
  bindSlider(clip_, document, QStringLiteral("optimizer.clip_norm"), tr("Clip gradient"),
             [](ExperimentConfig& c, double v) {
               if (v == 0.0) c.optimizer.clipNorm.reset(); else c.optimizer.clipNorm = v;
             });

  schedule_ = new QComboBox(this);
  for (auto [title, data] : {std::pair{"constant", "constant"}, std::pair{"linear warm-up", "warmup"},
                             std::pair{"cosine", "cosine"}, std::pair{"step decay", "step"}})
    schedule_->addItem(tr(title), QString::fromLatin1(data));
  addRow(QStringLiteral("schedule.kind"), tr("Schedule"), schedule_,
         tr("How η changes with the step: constant; a linear warm-up from 0; cosine decay to 0 "
            "over the run; or multiplied by γ every k steps"));
  bindCombo(schedule_, document, QStringLiteral("schedule.kind"), tr("Schedule"),
            [](ExperimentConfig& c, const QVariant& v) { c.schedule.kind = scheduleFromString(v.toString().toStdString()); });
  warmup_ = new ValueSlider(offThen(ValueSlider::niceSteps(10, 100000)), [](double v) { return v == 0.0 ? tr("none") : ValueSlider::formatInteger(v); }, this);
  addRow(QStringLiteral("schedule.warmup_steps"), tr("Warm-up steps"), warmup_,
         tr("Steps over which η rises linearly from 0 to its value"), true);
  bindSlider(warmup_, document, QStringLiteral("schedule.warmup_steps"), tr("Warm-up steps"),
             [](ExperimentConfig& c, double v) { c.schedule.warmupSteps = long(v); });
  stepEvery_ = new ValueSlider(ValueSlider::niceSteps(10, 100000), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("schedule.step_every"), tr("Decay every"), stepEvery_,
         tr("Step decay: multiply η by γ every this many steps"), true);
  bindSlider(stepEvery_, document, QStringLiteral("schedule.step_every"), tr("Decay every"),
             [](ExperimentConfig& c, double v) { c.schedule.stepEvery = long(v); });
  gamma_ = new ValueSlider({0.1, 0.2, 0.3, 0.5, 0.7, 0.9}, nullptr, this);
  addRow(QStringLiteral("schedule.gamma"), tr("Decay γ"), gamma_, tr("Step decay: the factor γ"), true);
  bindSlider(gamma_, document, QStringLiteral("schedule.gamma"), tr("Decay γ"),
             [](ExperimentConfig& c, double v) { c.schedule.gamma = v; });
}

void OptimizerControls::showConfig(const ExperimentConfig& c) {
  const OptimizerConfig& o = c.optimizer;
  showValue(kind_, QString::fromStdString(toString(o.kind)));
  showValue(lr_, o.lr);
  showValue(batch_, o.batchSize ? *o.batchSize : 0);
  showValue(momentum_, o.momentum);
  showValue(nesterov_, o.nesterov);
  showValue(beta1_, o.beta1);
  showValue(beta2_, o.beta2);
  showValue(eps_, o.eps);
  showValue(weightDecay_, o.weightDecay);
  showValue(samRho_, o.samRho);
  showValue(perpGrad_, o.perpGrad);
  showValue(clip_, o.clipNorm ? *o.clipNorm : 0.0);
  showValue(schedule_, QString::fromStdString(toString(c.schedule.kind)));
  showValue(warmup_, double(c.schedule.warmupSteps));
  showValue(stepEvery_, double(c.schedule.stepEvery));
  showValue(gamma_, c.schedule.gamma);
  setRelevant(QStringLiteral("optimizer.batch_size"), o.kind != OptimizerKind::Gd);
  setRelevant(QStringLiteral("optimizer.momentum"), !adam(o.kind));
  setRelevant(QStringLiteral("optimizer.nesterov"), !adam(o.kind) && o.momentum > 0);
  for (const char* key : {"optimizer.betas.0", "optimizer.betas.1", "optimizer.eps"})
    setRelevant(QString::fromLatin1(key), adam(o.kind));
  setRelevant(QStringLiteral("schedule.warmup_steps"),
              c.schedule.kind == ScheduleKind::Warmup || c.schedule.kind == ScheduleKind::Cosine);
  setRelevant(QStringLiteral("schedule.step_every"), c.schedule.kind == ScheduleKind::Step);
  setRelevant(QStringLiteral("schedule.gamma"), c.schedule.kind == ScheduleKind::Step);
}

}  // namespace losslab
