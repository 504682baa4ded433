#pragma once
// The JSON parts of a losslab-session/1 file that describe a run's measurements: the tracking
// settings, the metrics history (one array per metrics.csv column) and the softmax-collapse
// records of the rows that have one. Numbers round-trip exactly: NaN is null, infinities are
// the strings "inf" and "-inf". Readers reject unknown keys and name the field that is wrong.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// A double as JSON and back (null: NaN; "inf", "-inf").
nlohmann::json exactNumber(double value);
double exactNumberFrom(const nlohmann::json& value, const std::string& path);
nlohmann::json exactNumbers(const std::vector<double>& values);
std::vector<double> exactNumbersFrom(const nlohmann::json& value, const std::string& path, long count = -1);

nlohmann::json toJson(const CurvatureTracking& tracking);
CurvatureTracking curvatureTrackingFromJson(const nlohmann::json& value, const std::string& path);
nlohmann::json toJson(const CollapseTracking& tracking);
CollapseTracking collapseTrackingFromJson(const nlohmann::json& value, const std::string& path);

nlohmann::json toJson(const CollapseRecord& record);
CollapseRecord collapseRecordFromJson(const nlohmann::json& value, const std::string& path);

// {"stride", "rows", "columns": {name: [...]}, "collapse": [records]}; every metrics.csv spec
// column is there, each with one value per row.
nlohmann::json historyToJson(const std::vector<MetricsRow>& rows, long stride);
std::vector<MetricsRow> historyFromJson(const nlohmann::json& value, const std::string& path, long& stride);

}  // namespace losslab
