#include "figures/collapse_export.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>

#include "losslab/config/experiment_io.hpp"
#include "losslab/widgets/collapse_labels.hpp"
#include "losslab/widgets/logit_gap_view.hpp"
#include "losslab/widgets/plot_figure.hpp"

namespace losslab {

namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return {};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

// A CSV field in double quotes (run names hold commas), inner quotes doubled.
std::string quoted(const QString& text) {
  QString q = text;
  q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  q.prepend(QLatin1Char('"')).append(QLatin1Char('"'));
  return q.toStdString();
}

// Appends the pieces one by one (GCC 12 warns, wrongly, on long chains of string +).
void add(std::string& out, std::initializer_list<std::string_view> pieces) {
  for (std::string_view p : pieces) out.append(p);
}

double gradCosine(const MetricsRow& r) { return r.collapse ? r.collapse->gradAlignment.total : NAN; }

}  // namespace

std::string collapseCurvesCsv(const QVector<CollapseRun>& runs) {
  std::string csv = "run,step,train_accuracy,test_accuracy,sc_fraction_float16,sc_fraction_float32,"
                    "sc_fraction_float64,zero_grad_fraction,nlm_cosine,nlm_grad_cosine,weight_norm,"
                    "logit_norm\n";
  for (const CollapseRun& run : runs) {
    if (!run.snapshot || !run.snapshot->history) continue;
    for (const MetricsRow& r : *run.snapshot->history) {
      add(csv, {quoted(run.name), ",", std::to_string(r.step)});
      for (double v : {r.trainAccuracy, r.testAccuracy, r.scFraction16, r.scFraction32, r.scFraction64,
                       r.zeroGradFraction, r.nlmCosine, gradCosine(r), r.weightNorm, r.logitNorm})
        add(csv, {",", number(v)});
      csv.push_back('\n');
    }
  }
  return csv;
}

std::string logitGapsCsv(const CollapseRecord& record) {
  std::string csv = "gap_from,gap_to,train_count,test_count\n";
  const LogitGapHistogram& h = record.train.gaps;
  for (size_t i = 0; i < h.counts.size(); ++i) {
    add(csv, {number(h.lo + double(i) * h.width), ",", number(h.lo + double(i + 1) * h.width), ",",
              std::to_string(h.counts[i]), ","});
    if (record.test && i < record.test->gaps.counts.size()) csv.append(std::to_string(record.test->gaps.counts[i]));
    csv.push_back('\n');
  }
  return csv;
}

nlohmann::json collapseFigureJson(const QVector<CollapseRun>& runs, const CollapseTracking& tracking,
                                  const CollapseRecord* gaps, const QString& gapsRun) {
  using nlohmann::json;
  json definitions;
  for (int q = 0; q < kCollapseQuantityCount; ++q)
    definitions[collapseQuantityName(CollapseQuantity(q)).toStdString()] =
        collapseDefinition(CollapseQuantity(q), tracking).toStdString();
  definitions["logit gap"] = logitGapDefinition(tracking.order).toStdString();
  json doc{{"figure", "softmax collapse (Prieto, Barsbey, Mediano & Birdal 2025)"},
           {"summation_order", toString(tracking.order)},
           {"collapse_every", tracking.every},
           {"definitions", definitions}};
  json list = json::array();
  for (const CollapseRun& run : runs) {
    if (!run.snapshot) continue;
    list.push_back({{"name", run.name.toStdString()}, {"step", run.snapshot->step},
                    {"experiment", toJson(run.snapshot->config)}});
  }
  doc["runs"] = list;
  if (gaps) {
    json thresholds;
    for (FloatFormat f : kFloatFormats) thresholds[toString(f)] = gaps->train.gaps.thresholds[static_cast<int>(f)];
    doc["logit_gaps"] = {{"run", gapsRun.toStdString()}, {"step", gaps->step},
                         {"classes", gaps->train.gaps.classes}, {"collapse_gap", thresholds}};
  }
  return doc;
}

std::vector<Figure> collapseFigures(CollapseView& view, LogitGapView& gaps, const CollapseTracking& tracking) {
  const CollapseRecord* record = gaps.record().get();
  const nlohmann::json json = collapseFigureJson(view.runs(), tracking, record, gaps.title()->text());
  // Drawn as any plot; the CSV and JSON are the collapse quantities by name, not the drawn items.
  auto figure = [&](QCustomPlot& plot, const char* name, const QString& title, std::string csv) {
    Figure f = plotFigure(plot, QString::fromLatin1(name), title);
    f.csv = std::move(csv);
    f.metadata = json;
    return f;
  };
  std::vector<Figure> figures{figure(view, "collapse", QStringLiteral("Softmax collapse"), collapseCurvesCsv(view.runs()))};
  if (record)
    figures.push_back(figure(gaps, "collapse-gaps", QStringLiteral("Logit gaps"), logitGapsCsv(*record)));
  return figures;
}

}  // namespace losslab
