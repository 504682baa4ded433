#pragma once
// One setting of an experiment changed, the rest kept: what a compared run differs by
// (Run → Compare with a changed setting). Values travel as text, as the dialog edits them.
#include <QString>
#include <QStringList>

#include "losslab/config/experiment.hpp"

namespace losslab {

enum class ComparedSetting {
  LearningRate, BatchSize, Precision, Optimizer, Momentum, WeightDecay, SamRho, Width,
  OutputScale, Loss, Seed, Skips, PerpGrad, ZLoss
};
inline constexpr ComparedSetting kComparedSettings[] = {
    ComparedSetting::LearningRate, ComparedSetting::BatchSize, ComparedSetting::Precision,
    ComparedSetting::Optimizer,    ComparedSetting::Momentum,  ComparedSetting::WeightDecay,
    ComparedSetting::SamRho,       ComparedSetting::Width,     ComparedSetting::OutputScale,
    ComparedSetting::Loss,         ComparedSetting::Seed,      ComparedSetting::Skips,
    ComparedSetting::PerpGrad,     ComparedSetting::ZLoss};

struct SettingChange {
  ComparedSetting setting = ComparedSetting::LearningRate;
  QString value;  // as settingValue() writes it: "0.05", "full", "float64", "adam", "128"
};

QString settingName(ComparedSetting setting);  // "learning rate", "batch size", ...
// The command line's name (`losslab --compare lr=0.05`): lr, batch_size, precision, optimizer,
// momentum, weight_decay, sam_rho, width, output_scale, loss, seed, skips, perp_grad, z_loss.
QString settingKey(ComparedSetting setting);
// "lr=0.05" as a change; throws InputError listing the keys when the key is unknown.
SettingChange parseSettingChange(const QString& keyEqualsValue);
// The values a setting takes when it is a choice ("float32", "float64"); empty for a number.
QStringList settingChoices(ComparedSetting setting);
QString settingValue(ComparedSetting setting, const ExperimentConfig& config);
// A value worth comparing against: half the learning rate, the other precision, twice the width…
QString suggestedValue(ComparedSetting setting, const ExperimentConfig& config);
// The values a dialog offers for a number: the suggestion first (the learning rate: half and
// double).
QStringList suggestedValues(ComparedSetting setting, const ExperimentConfig& config);
// Adam's usual learning rates (Kingma & Ba's default 1e-3): a switch to Adam from a rate above
// them is named as likely to diverge.
inline constexpr double kAdamRate = 1e-3, kAdamRateLow = 1e-4, kAdamRateHigh = 1e-2;
// A warning for a change likely to teach nothing (Adam at a gradient-descent rate); empty if none.
QString changeCaution(const SettingChange& change, const ExperimentConfig& base);
// `base` with the change; throws InputError naming the setting when the value does not read.
// The engine validates the result when the run starts.
ExperimentConfig applyChange(const ExperimentConfig& base, const SettingChange& change);
// What a legend calls the compared run: "lr 0.05", "float64", "batch 16", "SAM ρ 0.05".
QString changeLabel(const SettingChange& change);

}  // namespace losslab
