#pragma once
// The collapse tab's figures (docs/DESIGN.md "Figures"): the collapse view and the logit-gap
// histogram, each with the CSV of the plotted numbers and a JSON holding the experiments and the
// definitions of what was plotted (summation order, precision, sets), so a reader of the figure
// knows exactly what it shows and can make it again. They are written as every figure is
// (figure_export.hpp).
#include <QString>
#include <QVector>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/figure.hpp"

namespace losslab {

class LogitGapView;

// One row per run and logged step: fractions as fractions (not percent), empty where not measured.
std::string collapseCurvesCsv(const QVector<CollapseRun>& runs);
// One row per bin: its edges and the training and test counts.
std::string logitGapsCsv(const CollapseRecord& record);
// The runs' experiments and steps, the tracking, and every plotted quantity's definition.
nlohmann::json collapseFigureJson(const QVector<CollapseRun>& runs, const CollapseTracking& tracking,
                                  const CollapseRecord* gaps, const QString& gapsRun);

// "collapse" and, with a record shown, "collapse-gaps".
std::vector<Figure> collapseFigures(CollapseView& view, LogitGapView& gaps, const CollapseTracking& tracking);

}  // namespace losslab
