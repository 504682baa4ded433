#include "controls/model_controls.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>

#include "controls/activation_box.hpp"
#include "controls/control_bindings.hpp"
#include "controls/layer_list_editor.hpp"
#include "document/run_document.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/value_slider.hpp"

namespace losslab {

namespace {
const QVector<double> widthValues{1,   2,   3,   4,   5,   6,    8,    10,   12,   16,
                                  20,  24,  32,  48,  64,  96,   128,  192,  256,  384,
                                  512, 768, 1024, 1536, 2048, 3072, 4096};


// The shortcut's controls edit an MLP or its skip-connected list alike.
void viaShortcut(ExperimentConfig& c, const std::function<void(MlpShortcut&)>& change) {
  std::optional<MlpShortcut> s = mlpShortcut(c.model);
  if (!s) return;
  change(*s);
  applyShortcut(c.model, *s);
}

QComboBox* choices(QWidget* parent, std::initializer_list<std::pair<const char*, const char*>> items) {
  auto* box = new QComboBox(parent);
  for (auto [title, data] : items) box->addItem(QString::fromUtf8(title), QString::fromLatin1(data));
  return box;
}
}  // namespace

ModelControls::ModelControls(RunDocument* document, QWidget* parent)
    : ControlForm(tr("Network"), parent) {
  depth_ = new ValueSlider(ValueSlider::linear(0, maxHiddenLayers, 1), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("model.depth"), tr("Hidden layers"), depth_,
         tr("How many hidden layers between input and output (0: a linear or logistic model)"));
  bindSlider(depth_, document, QStringLiteral("model.depth"), tr("Hidden layers"),
             [](ExperimentConfig& c, double v) {
               viaShortcut(c, [v](MlpShortcut& s) {
                 const int last = s.hidden.empty() ? 16 : s.hidden.back();
                 s.hidden.resize(std::size_t(v), last);  // new layers as wide as the last
               });
             });
  for (int i = 0; i < maxHiddenLayers; ++i) {
    widths_[i] = new ValueSlider(widthValues, ValueSlider::formatInteger, this);
    const QString key = QStringLiteral("model.hidden.%1").arg(i);
    addRow(key, tr("Layer %1 width").arg(i + 1), widths_[i],
           tr("Neurons in hidden layer %1. Wider layers: more parameters, smoother training.").arg(i + 1));
    bindSlider(widths_[i], document, key, tr("Layer %1 width").arg(i + 1),
               [i](ExperimentConfig& c, double v) {
                 viaShortcut(c, [i, v](MlpShortcut& s) {
                   if (std::size_t(i) < s.hidden.size()) s.hidden[i] = int(v);
                 });
               });
  }
  activation_ = activationBox(this);
  addRow(QStringLiteral("model.activation"), tr("Activation"), activation_,
         tr("The non-linearity after every hidden layer. %1").arg(activationConventions()));
  bindCombo(activation_, document, QStringLiteral("model.activation"), tr("Activation"),
            [](ExperimentConfig& c, const QVariant& v) {
              const Activation a = activationFromString(v.toString().toStdString());
              viaShortcut(c, [a](MlpShortcut& s) { s.activation = a; });
            });
  bias_ = new QCheckBox(tr("biases"), this);
  addRow(QStringLiteral("model.bias"), tr("Biases"), bias_,
         tr("Give every layer a bias vector b (off: y = W x only, as in the grokking papers)"), true);
  bindCheck(bias_, document, QStringLiteral("model.bias"), tr("Biases"),
            [](ExperimentConfig& c, bool on) { viaShortcut(c, [on](MlpShortcut& s) { s.bias = on; }); });
  skip_ = new QCheckBox(tr("skip connections"), this);
  addRow(QStringLiteral("model.skip"), tr("Skips"), skip_,
         tr("Wrap every hidden layer after the first in a residual block, x + σ(W x + b) (He et al. 2016): "
            "the skip connections Li et al. 2018 show keep a deep network's loss landscape smooth. A layer "
            "that changes the width cannot be skipped and stays plain."));
  bindCheck(skip_, document, QStringLiteral("model.skip"), tr("Skip connections"),
            [](ExperimentConfig& c, bool on) { viaShortcut(c, [on](MlpShortcut& s) { s.skip = on; }); });
  layers_ = new LayerListEditor(document, this);
  addRow(QStringLiteral("model.layers"), tr("Layers"), layers_,
         tr("The architecture as a list of layers: dense layers, activations, LayerNorms and residual blocks, "
            "each block repeatable. Editing an MLP here makes it a layer list; the controls above still work "
            "while the list is an MLP with or without skips."),
         true);
  init_ = choices(this, {{"PyTorch default", "pytorch"}, {"Xavier uniform", "xavier"}, {"He normal", "he"}});
  addRow(QStringLiteral("model.init"), tr("Initialisation"), init_,
         tr("How the initial weights are drawn: PyTorch nn.Linear's default U(±1/√fan_in), "
            "Xavier uniform or He normal"), true);
  bindCombo(init_, document, QStringLiteral("model.init"), tr("Initialisation"),
            [](ExperimentConfig& c, const QVariant& v) {
              const QString s = v.toString();
              c.model.init = s == QStringLiteral("xavier") ? InitKind::Xavier
                           : s == QStringLiteral("he")     ? InitKind::He
                                                           : InitKind::Pytorch;
            });
  initScale_ = new LogSlider(0.01, 10.0, 20, this);
  addRow(QStringLiteral("model.init_scale"), tr("Init scale"), initScale_,
         tr("Multiplies every initial weight: small scales start near the origin, large ones "
            "start in the lazy (kernel) regime"), true);
  bindSlider(initScale_, document, QStringLiteral("model.init_scale"), tr("Init scale"),
             [](ExperimentConfig& c, double v) { c.model.initScale = v; });
  outputScale_ = new LogSlider(0.01, 100.0, 20, this);
  addRow(QStringLiteral("model.output_scale"), tr("Output scale α"), outputScale_,
         tr("Logits = α × the last layer. Large α: lazy training, the network barely moves "
            "from its initial features; small α: rich, feature-learning training "
            "(Chizat, Oyallon & Bach 2019)"));
  bindSlider(outputScale_, document, QStringLiteral("model.output_scale"), tr("Output scale"),
             [](ExperimentConfig& c, double v) { c.model.outputScale = v; });
  subspace_ = new QSpinBox(this);
  subspace_->setRange(0, 1000000);
  subspace_->setSpecialValueText(tr("all parameters"));
  subspace_->setSuffix(tr(" dimensions"));
  subspace_->setAccelerated(true);
  addRow(QStringLiteral("subspace.dim"), tr("Train in subspace"), subspace_,
         tr("Train only d coordinates z of θ = θ₀ + P z, P a fixed random D × d matrix with unit columns (dense "
            "Gaussian, Fastfood for large networks). The smallest d that reaches 90% of the full network's "
            "accuracy is the problem's intrinsic dimension, d_int90 (Li, Farkhoor, Liu & Yosinski 2018). "
            "0: train every parameter. Changing it starts a new run."),
         true);
  bindSpin(subspace_, document, QStringLiteral("subspace.dim"), tr("Subspace dimension"),
           [](ExperimentConfig& c, double v) { c.subspace.dim = long(v); });
  params_ = new ValueSlider(ValueSlider::niceSteps(2, 2000), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("model.params"), tr("Parameters P"), params_,
         tr("Parameters of the second-order regression model (Agarwala, Pedregosa & Pennington 2023)"));
  bindSlider(params_, document, QStringLiteral("model.params"), tr("Parameters"),
             [](ExperimentConfig& c, double v) { c.model.params = int(v); });
  residuals_ = new ValueSlider(ValueSlider::niceSteps(1, 2000), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("model.residuals"), tr("Residuals n"), residuals_,
         tr("Residuals z(θ) = J₀θ + ½θᵀQθ − y of the second-order model"));
  bindSlider(residuals_, document, QStringLiteral("model.residuals"), tr("Residuals"),
             [](ExperimentConfig& c, double v) { c.model.residuals = int(v); });

  loss_ = choices(this, {{"cross-entropy", "cross_entropy"}, {"StableMax cross-entropy", "stablemax_cross_entropy"},
                         {"mean squared error", "mse"}, {"focal", "focal"}, {"Poly-1 cross-entropy", "poly1_cross_entropy"}});
  addRow(QStringLiteral("loss"), tr("Loss"), loss_,
         tr("Mean over samples, p = softmax(z). Cross-entropy −log p_y through log-sum-exp; StableMax "
            "(Prieto et al. 2025: s(x) = x + 1 for x ≥ 0, 1/(1 − x) below) never collapses "
            "numerically; MSE is ½‖f(x) − y‖² (one-hot targets for classes); focal −(1 − p_y)^γ log p_y "
            "(Lin et al. 2017) down-weights samples already right; Poly-1 −log p_y + ε(1 − p_y) "
            "(Leng et al. 2022)"));
  bindCombo(loss_, document, QStringLiteral("loss"), tr("Loss"), [](ExperimentConfig& c, const QVariant& v) {
    c.loss = withKind(c.loss, lossFromString(v.toString().toStdString()));
  });
  // The parameters of "More losses" (shared/spec/model-format-2.md), each shown for its loss.
  focalGamma_ = new ValueSlider({0, 0.5, 1, 2, 3, 5}, ValueSlider::formatNumber, this);
  addRow(QStringLiteral("loss_params.gamma"), tr("Focal γ"), focalGamma_,
         tr("The focal loss's exponent γ in −(1 − p_y)^γ log p_y: 0 is cross-entropy; Lin et al. "
            "2017 use 2"));
  bindSlider(focalGamma_, document, QStringLiteral("loss_params.gamma"), tr("Focal γ"),
             [](ExperimentConfig& c, double v) { c.loss.params.gamma = v; });
  polyEpsilon_ = new ValueSlider({-1, 0, 0.5, 1, 2, 5}, ValueSlider::formatNumber, this);
  addRow(QStringLiteral("loss_params.epsilon"), tr("Poly-1 ε"), polyEpsilon_,
         tr("Poly-1's weight ε in −log p_y + ε(1 − p_y): 0 is cross-entropy, −1 drops the "
            "leading term of its Taylor series (Leng et al. 2022)"));
  bindSlider(polyEpsilon_, document, QStringLiteral("loss_params.epsilon"), tr("Poly-1 ε"),
             [](ExperimentConfig& c, double v) { c.loss.params.epsilon = v; });
  labelSmoothing_ = new ValueSlider({0, 0.05, 0.1, 0.2, 0.3, 0.5}, ValueSlider::formatNumber, this);
  addRow(QStringLiteral("loss_params.label_smoothing"), tr("Label smoothing"), labelSmoothing_,
         tr("Cross-entropy against (1 − ε)·one-hot + ε/K: −(1 − ε) log p_y − ε·mean_k log p_k, as "
            "PyTorch's cross_entropy(label_smoothing=ε). Keeps the logits from growing without bound"),
         true);
  bindSlider(labelSmoothing_, document, QStringLiteral("loss_params.label_smoothing"), tr("Label smoothing"),
             [](ExperimentConfig& c, double v) { c.loss.params.labelSmoothing = v; });
  zLoss_ = new ValueSlider({0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1}, ValueSlider::formatNumber, this);
  addRow(QStringLiteral("loss_params.z_loss"), tr("z-loss"), zLoss_,
         tr("Adds c·(log Σ_k e^{z_k})² to cross-entropy (PaLM's auxiliary z-loss, c = 1e-4 there): "
            "pulls the log-sum-exp to 0, so the logits cannot grow until softmax collapses"),
         true);
  bindSlider(zLoss_, document, QStringLiteral("loss_params.z_loss"), tr("z-loss"),
             [](ExperimentConfig& c, double v) { c.loss.params.zLoss = v; });
  precision_ = choices(this, {{"float64", "float64"}, {"float32", "float32"}});
  addRow(QStringLiteral("precision"), tr("Precision"), precision_,
         tr("The floating-point type training computes in, end to end. Softmax collapse is a "
            "float32 effect; curvature is always measured in float64."));
  bindCombo(precision_, document, QStringLiteral("precision"), tr("Precision"),
            [](ExperimentConfig& c, const QVariant& v) { c.precision = precisionFromString(v.toString().toStdString()); });
}

void ModelControls::showConfig(const ExperimentConfig& c) {
  const bool mlp = c.model.kind != "quadratic";  // an MLP or a layer list
  // The shortcut's controls while the network is an MLP or its skip-connected list; an imported
  // network brings its own layers.
  const std::optional<MlpShortcut> shortcut = mlpShortcut(c.model);
  const bool built = shortcut.has_value();
  const MlpShortcut s = shortcut.value_or(MlpShortcut{c.model.hidden, c.model.activation, c.model.bias, false});
  const int depth = int(s.hidden.size());
  showValue(depth_, depth);
  for (int i = 0; i < maxHiddenLayers; ++i) {
    if (i < depth) showValue(widths_[i], s.hidden[i]);
    setRelevant(QStringLiteral("model.hidden.%1").arg(i), built && i < depth);
  }
  showValue(activation_, QString::fromStdString(toString(s.activation)));
  showValue(bias_, s.bias);
  showValue(skip_, s.skip);
  layers_->showConfig(c);
  showValue(init_, c.model.init == InitKind::Xavier ? QStringLiteral("xavier")
                   : c.model.init == InitKind::He   ? QStringLiteral("he")
                                                    : QStringLiteral("pytorch"));
  showValue(initScale_, c.model.initScale);
  showValue(outputScale_, c.model.outputScale);
  showValue(subspace_, int(std::min<long>(c.subspace.dim, subspace_->maximum())));
  showValue(params_, c.model.params);
  showValue(residuals_, c.model.residuals);
  showValue(loss_, QString::fromStdString(toString(c.loss.kind)));
  showValue(focalGamma_, c.loss.params.gamma);
  showValue(polyEpsilon_, c.loss.params.epsilon);
  showValue(labelSmoothing_, c.loss.params.labelSmoothing);
  showValue(zLoss_, c.loss.params.zLoss);
  showValue(precision_, QString::fromStdString(toString(c.precision)));
  for (const char* key : {"model.depth", "model.activation", "model.bias", "model.skip"})
    setRelevant(QString::fromLatin1(key), built);
  setRelevant(QStringLiteral("model.init"), mlp && c.model.file.empty());
  setRelevant(QStringLiteral("model.layers"), mlp && c.model.file.empty());
  for (const char* key : {"model.output_scale", "loss", "subspace.dim"}) setRelevant(QString::fromLatin1(key), mlp);
  const LossKind k = c.loss.kind;
  for (const LossParameter& p : kLossParameters)
    setRelevant(QStringLiteral("loss_params.") + QLatin1String(p.key), mlp && k == p.owner);
  setRelevant(QStringLiteral("model.params"), !mlp);
  setRelevant(QStringLiteral("model.residuals"), !mlp);
}

}  // namespace losslab
