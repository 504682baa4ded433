#pragma once
// The collapse tab's words: a run's name from its config ("softmax CE, AdamW", "⊥AdamW") and
// the newest measurement written out (both sets, every precision, each layer, NC1-NC4).
#include <QString>

#include "losslab/config/experiment.hpp"
#include "losslab/diagnostics/collapse_record.hpp"

namespace losslab {

QString optimizerName(OptimizerKind kind);  // "GD", "SGD", "Adam", "AdamW"
QString collapseRunName(const ExperimentConfig& config);
// Rich text for a label, with the record's step and the run's name.
QString collapseSummary(const CollapseRecord& record, const QString& run);
// The definitions of what the summary lists (neural collapse: Papyan, Han & Donoho 2020).
QString collapseSummaryToolTip();

}  // namespace losslab
