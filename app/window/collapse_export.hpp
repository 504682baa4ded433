#pragma once
// The collapse tab's figures as files (DESIGN.md "Figures"): the collapse view and the logit-gap
// histogram each as PDF, SVG and PNG, beside the CSV of the plotted numbers and a JSON holding
// the experiments and the definitions of what was plotted (summation order, precision, sets), so
// a reader of the figure knows exactly what it shows and can make it again.
#include <QString>
#include <QVector>
#include <string>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/session/collapse_tracking.hpp"
#include "losslab/widgets/collapse_view.hpp"

namespace losslab {

class LogitGapView;

// One row per run and logged step: fractions as fractions (not percent), empty where not measured.
std::string collapseCurvesCsv(const QVector<CollapseRun>& runs);
// One row per bin: its edges and the training and test counts.
std::string logitGapsCsv(const CollapseRecord& record);
// The runs' experiments and steps, the tracking, and every plotted quantity's definition.
std::string collapseFigureJson(const QVector<CollapseRun>& runs, const CollapseTracking& tracking,
                               const CollapseRecord* gaps, const QString& gapsRun);

// Writes stem-collapse.{pdf,svg,png,csv,json} and, with a record shown, stem-gaps.{...}.
bool exportCollapseFigures(CollapseView& view, LogitGapView& gaps, const QString& stem, int dpi,
                           const CollapseTracking& tracking, QString* error = nullptr);

}  // namespace losslab
