#include "losslab/sweep/sweep_run.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "losslab/core/error.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/sweep/run_summary.hpp"

namespace losslab {

std::vector<std::string> sweepRunColumns(const SweepTracking& track, const Network& net, bool hasTest,
                                         bool hasAccuracy) {
  std::vector<std::string> optional = curvatureColumns(track.curvature, net);
  for (const std::string& c : collapseColumns(track.collapse)) optional.push_back(c);
  std::vector<std::string> columns = metricsColumns(hasTest, hasAccuracy, optional);
  std::erase(columns, std::string("wall_seconds"));  // timing differs run to run; numbers must not
  return columns;
}

SweepRunRecord trainSweepRun(const SweepConfig& sweep, const SweepRun& run, const TaskControl& control) {
  const SweepTracking& track = sweep.track;
  std::unique_ptr<Trainer> trainer;
  try {
    trainer = Trainer::create(run.experiment);
    trainer->setCurvatureTracking(track.curvature);
    trainer->setCollapseTracking(track.collapse);
  } catch (const InputError& e) {
    throw InputError(run.id + ": " + e.what());
  }
  const DataSplit& data = trainer->data();
  const bool labelled = data.train.task == Task::Classification && !data.train.empty();
  const std::vector<std::string> columns = sweepRunColumns(track, trainer->network(), !data.test.empty(), labelled);

  SweepRunRecord record;
  record.index = run.index;
  record.metricsCsv = metricsHeader(columns);
  RunSummary summary(run.experiment.precision);
  auto logRow = [&](const MetricsRow& row) {
    record.metricsCsv += metricsLine(row, columns);
    summary.observe(row);
  };
  const long every = track.logEvery, sharpEvery = track.curvature.every, collapseEvery = track.collapse.every;
  for (long s = 0; s < run.experiment.steps && !trainer->diverged(); ++s) {
    control.checkStop();
    const bool log = s % every == 0 || (sharpEvery > 0 && s % sharpEvery == 0) ||
                     (collapseEvery > 0 && s % collapseEvery == 0);
    const MetricsRow row = trainer->step(log);
    if (log || trainer->diverged()) logRow(row);
  }
  const MetricsRow last = trainer->measure();
  if (!trainer->diverged()) logRow(last);
  record.values = summary.values(sweep.metrics, last, trainer->diverged());
  return record;
}

std::string encode(const SweepRunRecord& r) {
  nlohmann::json values = nlohmann::json::array();
  for (double v : r.values) values.push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
  return nlohmann::json{{"index", r.index}, {"values", values}, {"metrics_csv", r.metricsCsv}}.dump();
}

SweepRunRecord decodeSweepRunRecord(const std::string& bytes) {
  const nlohmann::json j = nlohmann::json::parse(bytes);
  SweepRunRecord r;
  r.index = j.at("index").get<long>();
  for (const auto& v : j.at("values")) r.values.push_back(v.is_null() ? MetricsRow::nan : v.get<double>());
  r.metricsCsv = j.at("metrics_csv").get<std::string>();
  return r;
}

}  // namespace losslab
