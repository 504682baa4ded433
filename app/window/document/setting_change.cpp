#include "document/setting_change.hpp"

#include <QCoreApplication>

#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/core/error.hpp"
#include "tabs/collapse_summary.hpp"

namespace losslab {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("SettingChange", text); }

QString number(double v) { return QString::number(v, 'g', 6); }
QString text(const std::string& s) { return QString::fromStdString(s); }

[[noreturn]] void unreadable(const SettingChange& c, const char* expected) {
  throw InputError((settingName(c.setting) + QStringLiteral(": '") + c.value + QStringLiteral("' is not ") +
                    QString::fromUtf8(expected)).toStdString());
}

double readNumber(const SettingChange& c) {
  bool ok = false;
  const double v = c.value.trimmed().toDouble(&ok);
  if (!ok) unreadable(c, "a number");
  return v;
}

long readWhole(const SettingChange& c) {
  bool ok = false;
  const long v = c.value.trimmed().toLong(&ok);
  if (!ok || v < 0) unreadable(c, "a whole number >= 0");
  return v;
}

// A list's linear layers of a given width (the output layer, whose width is the data's, keeps it):
// residual blocks stay valid, their bodies' widths changing together with the stream's.
void setListWidths(std::vector<LayerConfig>& layers, int width) {
  for (LayerConfig& l : layers) {
    if (l.layer.kind == LayerKind::Linear && l.layer.out > 0) l.layer.out = width;
    setListWidths(l.body, width);
  }
}

// The first hidden width: an MLP's, or a list's first linear layer's (0 without one).
int firstWidth(const ExperimentConfig& c) {
  if (c.model.kind != "network") return c.model.hidden.empty() ? 0 : c.model.hidden.front();
  for (const LayerConfig& l : c.model.layers)
    if (l.layer.kind == LayerKind::Linear) return l.layer.out;
  return 0;
}

bool skipsOn(const ExperimentConfig& c) { return c.model.kind == "network" && hasSkips(c.model.layers); }

// On: an MLP's hidden layers wrapped in blocks (the skip switch); off: every block unwrapped.
void setSkips(ModelConfig& m, const SettingChange& change) {
  const QString v = change.value.trimmed();
  if (v != QStringLiteral("on") && v != QStringLiteral("off")) unreadable(change, "on or off");
  if (!m.file.empty())
    throw InputError("skip connections: an imported network's layers are its file's; open it as a list to change them");
  if (v == QStringLiteral("off")) {
    if (m.kind == "network") m.layers = withoutSkips(m.layers);
    return;
  }
  if (m.kind == "network" && hasSkips(m.layers)) return;
  std::optional<MlpShortcut> s = mlpShortcut(m);
  if (!s)
    throw InputError("skip connections: on wraps an MLP's hidden layers in residual blocks; this layer list is not "
                     "an MLP (add blocks in the architecture editor)");
  s->skip = true;
  applyShortcut(m, *s);
}

QString lossLabel(LossKind k) {
  switch (k) {
    case LossKind::CrossEntropy: return QStringLiteral("softmax CE");
    case LossKind::StableMaxCrossEntropy: return QStringLiteral("StableMax CE");
    case LossKind::Mse: return QStringLiteral("MSE");
    case LossKind::Focal: return QStringLiteral("focal");
    case LossKind::Poly1CrossEntropy: return QStringLiteral("Poly-1 CE");
  }
  return {};
}
}  // namespace

QString settingName(ComparedSetting setting) {
  switch (setting) {
    case ComparedSetting::LearningRate: return tr("learning rate");
    case ComparedSetting::BatchSize: return tr("batch size");
    case ComparedSetting::Precision: return tr("precision");
    case ComparedSetting::Optimizer: return tr("optimizer");
    case ComparedSetting::Momentum: return tr("momentum");
    case ComparedSetting::WeightDecay: return tr("weight decay");
    case ComparedSetting::SamRho: return tr("SAM ρ");
    case ComparedSetting::Width: return tr("width (every hidden layer)");
    case ComparedSetting::OutputScale: return tr("output scale α");
    case ComparedSetting::Loss: return tr("loss");
    case ComparedSetting::Seed: return tr("seed");
    case ComparedSetting::Skips: return tr("skip connections");
    case ComparedSetting::PerpGrad: return tr("⊥Grad (gradient ⊥ the weights)");
    case ComparedSetting::ZLoss: return tr("z-loss (cross-entropy)");
  }
  return {};
}

QString settingKey(ComparedSetting setting) {
  switch (setting) {
    case ComparedSetting::LearningRate: return QStringLiteral("lr");
    case ComparedSetting::BatchSize: return QStringLiteral("batch_size");
    case ComparedSetting::Precision: return QStringLiteral("precision");
    case ComparedSetting::Optimizer: return QStringLiteral("optimizer");
    case ComparedSetting::Momentum: return QStringLiteral("momentum");
    case ComparedSetting::WeightDecay: return QStringLiteral("weight_decay");
    case ComparedSetting::SamRho: return QStringLiteral("sam_rho");
    case ComparedSetting::Width: return QStringLiteral("width");
    case ComparedSetting::OutputScale: return QStringLiteral("output_scale");
    case ComparedSetting::Loss: return QStringLiteral("loss");
    case ComparedSetting::Seed: return QStringLiteral("seed");
    case ComparedSetting::Skips: return QStringLiteral("skips");
    case ComparedSetting::PerpGrad: return QStringLiteral("perp_grad");
    case ComparedSetting::ZLoss: return QStringLiteral("z_loss");
  }
  return {};
}

SettingChange parseSettingChange(const QString& keyEqualsValue) {
  const qsizetype eq = keyEqualsValue.indexOf(QLatin1Char('='));
  const QString key = keyEqualsValue.left(eq).trimmed();
  QStringList keys;
  for (ComparedSetting s : kComparedSettings) {
    if (eq > 0 && settingKey(s) == key) return {s, keyEqualsValue.mid(eq + 1).trimmed()};
    keys << settingKey(s);
  }
  throw InputError(("'" + keyEqualsValue + "' is not SETTING=VALUE with SETTING one of " + keys.join(QStringLiteral(", ")))
                       .toStdString());
}

QStringList settingChoices(ComparedSetting setting) {
  QStringList out;
  switch (setting) {
    case ComparedSetting::Precision:
      for (Precision p : {Precision::Float32, Precision::Float64}) out << text(toString(p));
      break;
    case ComparedSetting::Optimizer:
      for (auto k : {OptimizerKind::Gd, OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW})
        out << text(toString(k));
      break;
    case ComparedSetting::Loss:
      for (auto k : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse, LossKind::Focal,
                     LossKind::Poly1CrossEntropy})
        out << text(toString(k));
      break;
    case ComparedSetting::Skips:
    case ComparedSetting::PerpGrad: out << QStringLiteral("on") << QStringLiteral("off"); break;
    default: break;
  }
  return out;
}

QString settingValue(ComparedSetting setting, const ExperimentConfig& c) {
  const OptimizerConfig& o = c.optimizer;
  switch (setting) {
    case ComparedSetting::LearningRate: return number(o.lr);
    case ComparedSetting::BatchSize: return o.batchSize ? QString::number(*o.batchSize) : QStringLiteral("full");
    case ComparedSetting::Precision: return text(toString(c.precision));
    case ComparedSetting::Optimizer: return text(toString(o.kind));
    case ComparedSetting::Momentum: return number(o.momentum);
    case ComparedSetting::WeightDecay: return number(o.weightDecay);
    case ComparedSetting::SamRho: return number(o.samRho);
    case ComparedSetting::Width: return QString::number(firstWidth(c));
    case ComparedSetting::OutputScale: return number(c.model.outputScale);
    case ComparedSetting::Loss: return text(toString(c.loss.kind));
    case ComparedSetting::Seed: return QString::number(c.seed);
    case ComparedSetting::Skips: return skipsOn(c) ? QStringLiteral("on") : QStringLiteral("off");
    case ComparedSetting::PerpGrad: return o.perpGrad ? QStringLiteral("on") : QStringLiteral("off");
    case ComparedSetting::ZLoss: return number(c.loss.params.zLoss);
  }
  return {};
}

QString suggestedValue(ComparedSetting setting, const ExperimentConfig& c) {
  const OptimizerConfig& o = c.optimizer;
  switch (setting) {
    // Half the rate: λmax then rises to a threshold twice as high (Cohen et al.'s edge of
    // stability, figure 1), where five times the rate diverged at once (issue #21).
    case ComparedSetting::LearningRate: return number(0.5 * o.lr);
    case ComparedSetting::BatchSize: return o.batchSize ? QStringLiteral("full") : QStringLiteral("32");
    case ComparedSetting::Precision:
      return text(toString(c.precision == Precision::Float32 ? Precision::Float64 : Precision::Float32));
    case ComparedSetting::Optimizer:
      return text(toString(o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW ? OptimizerKind::Gd
                                                                                            : OptimizerKind::Adam));
    case ComparedSetting::Momentum: return number(o.momentum > 0 ? 0.0 : 0.9);
    case ComparedSetting::WeightDecay: return number(o.weightDecay > 0 ? 0.0 : 1e-3);
    case ComparedSetting::SamRho: return number(o.samRho > 0 ? 0.0 : 0.05);  // Foret et al.'s ρ
    case ComparedSetting::Width: return QString::number(firstWidth(c) > 0 ? 2 * firstWidth(c) : 64);
    case ComparedSetting::OutputScale: return number(c.model.outputScale == 1.0 ? 10.0 : 1.0);
    case ComparedSetting::Loss:
      return text(toString(c.loss.kind == LossKind::CrossEntropy ? LossKind::StableMaxCrossEntropy : LossKind::CrossEntropy));
    case ComparedSetting::Seed: return QString::number(c.seed + 1);
    case ComparedSetting::Skips: return skipsOn(c) ? QStringLiteral("off") : QStringLiteral("on");
    case ComparedSetting::PerpGrad: return o.perpGrad ? QStringLiteral("off") : QStringLiteral("on");
    case ComparedSetting::ZLoss: return number(c.loss.params.zLoss > 0 ? 0.0 : 1e-4);  // PaLM's c
  }
  return {};
}

QStringList suggestedValues(ComparedSetting setting, const ExperimentConfig& c) {
  if (setting == ComparedSetting::LearningRate) return {number(0.5 * c.optimizer.lr), number(2.0 * c.optimizer.lr)};
  return {suggestedValue(setting, c)};
}

QString changeCaution(const SettingChange& change, const ExperimentConfig& base) {
  const QString v = change.value.trimmed();
  const bool toAdam = change.setting == ComparedSetting::Optimizer && (v == "adam" || v == "adamw");
  const bool wasAdam = base.optimizer.kind == OptimizerKind::Adam || base.optimizer.kind == OptimizerKind::AdamW;
  if (toAdam && !wasAdam && base.optimizer.lr > kAdamRateHigh)
    return QObject::tr("Adam trains at rates near %1 (about %2 to %3); at this run's η = %4 it is likely "
                       "to diverge. Compare the learning rate %1 instead, or set η first.")
        .arg(number(kAdamRate), number(kAdamRateLow), number(kAdamRateHigh), number(base.optimizer.lr));
  return {};
}

ExperimentConfig applyChange(const ExperimentConfig& base, const SettingChange& change) {
  ExperimentConfig c = base;
  OptimizerConfig& o = c.optimizer;
  const std::string v = change.value.trimmed().toStdString();
  switch (change.setting) {
    case ComparedSetting::LearningRate: o.lr = readNumber(change); break;
    case ComparedSetting::BatchSize:
      if (v == "full") o.batchSize.reset();
      else o.batchSize = static_cast<int>(readWhole(change));
      break;
    case ComparedSetting::Precision:
      if (!settingChoices(change.setting).contains(change.value.trimmed())) unreadable(change, "float32 or float64");
      c.precision = v == "float32" ? Precision::Float32 : Precision::Float64;
      break;
    case ComparedSetting::Optimizer: o.kind = optimizerFromString(v); break;  // throws InputError
    case ComparedSetting::Momentum: o.momentum = readNumber(change); break;
    case ComparedSetting::WeightDecay: o.weightDecay = readNumber(change); break;
    case ComparedSetting::SamRho: o.samRho = readNumber(change); break;
    case ComparedSetting::Width:
      for (int& w : c.model.hidden) w = static_cast<int>(readWhole(change));
      setListWidths(c.model.layers, static_cast<int>(readWhole(change)));  // a network: every hidden width
      break;
    case ComparedSetting::OutputScale: c.model.outputScale = readNumber(change); break;
    case ComparedSetting::Loss: c.loss = withKind(c.loss, lossFromString(v)); break;  // throws InputError
    case ComparedSetting::Seed: c.seed = static_cast<std::uint64_t>(readWhole(change)); break;
    case ComparedSetting::Skips: setSkips(c.model, change); break;
    case ComparedSetting::PerpGrad:
      if (v != "on" && v != "off") unreadable(change, "on or off");
      o.perpGrad = v == "on";
      break;
    case ComparedSetting::ZLoss:  // a z-loss is cross-entropy's: the compared run trains with it
      c.loss = withKind(c.loss, LossKind::CrossEntropy);
      c.loss.params.zLoss = readNumber(change);
      break;
  }
  return c;
}

QString changeLabel(const SettingChange& change) {
  const QString v = change.value.trimmed();
  switch (change.setting) {
    case ComparedSetting::LearningRate: return QStringLiteral("lr ") + v;
    case ComparedSetting::BatchSize: return v == QStringLiteral("full") ? tr("full batch") : tr("batch %1").arg(v);
    case ComparedSetting::Precision: return v;
    case ComparedSetting::Optimizer:
      try {
        return optimizerName(optimizerFromString(v.toStdString()));
      } catch (const InputError&) {
        return v;
      }
    case ComparedSetting::Momentum: return tr("momentum %1").arg(v);
    case ComparedSetting::WeightDecay: return tr("wd %1").arg(v);
    case ComparedSetting::SamRho: return QStringLiteral("SAM ρ ") + v;
    case ComparedSetting::Width: return tr("width %1").arg(v);
    case ComparedSetting::OutputScale: return QStringLiteral("α ") + v;
    case ComparedSetting::Loss:
      try {
        return lossLabel(lossFromString(v.toStdString()));
      } catch (const InputError&) {
        return v;
      }
    case ComparedSetting::Seed: return tr("seed %1").arg(v);
    case ComparedSetting::Skips: return v == QStringLiteral("off") ? tr("no skips") : tr("skips");
    case ComparedSetting::PerpGrad: return v == QStringLiteral("off") ? tr("no ⊥Grad") : tr("⊥Grad");
    case ComparedSetting::ZLoss: return v.toDouble() == 0 ? tr("no z-loss") : tr("z-loss %1").arg(v);
  }
  return v;
}

}  // namespace losslab
