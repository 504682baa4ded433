#include "losslab/io/metrics_csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <utility>

#include "losslab/core/error.hpp"
#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/io/added_columns.hpp"
#include "losslab/io/collapse_columns.hpp"
#include "losslab/io/layer_column.hpp"

namespace losslab {

namespace {
double valueOf(const MetricsRow& r, const std::string& c) {
  if (c == "step") return double(r.step);
  if (c == "epoch") return r.epoch;
  if (c == "lr") return r.lr;
  if (c == "train_loss") return r.trainLoss;
  if (c == "train_accuracy") return r.trainAccuracy;
  if (c == "test_loss") return r.testLoss;
  if (c == "test_accuracy") return r.testAccuracy;
  if (c == "grad_norm") return r.gradNorm;
  if (c == "weight_norm") return r.weightNorm;
  if (c == "wall_seconds") return r.wallSeconds;
  if (c == "sharpness") return r.sharpness;
  if (c == "sharpness_threshold") return r.sharpnessThreshold;
  if (c == "trace") return r.trace;
  if (c == "gn_sharpness") return r.gnSharpness;
  if (c == "precond_sharpness") return r.precondSharpness;
  for (const AddedColumn& added : kAddedColumns)
    if (c == added.name) return r.*added.member;
  if (c == "sc_fraction_float16") return r.scFraction16;
  if (c == "sc_fraction_float32") return r.scFraction32;
  if (c == "sc_fraction_float64") return r.scFraction64;
  if (c == "zero_loss_fraction") return r.zeroLossFraction;
  if (c == "zero_grad_fraction") return r.zeroGradFraction;
  if (c == "nlm_cosine") return r.nlmCosine;
  if (c == "logit_norm") return r.logitNorm;
  if (r.layers) {
    if (const std::size_t l = layerOfColumn(c, "sharpness_layer")) return valueOfLayer(r.layers->sharpness, l);
    if (const std::size_t l = layerOfColumn(c, "trace_layer")) return valueOfLayer(r.layers->trace, l);
  }
  if (r.collapse) return collapseColumnValue(*r.collapse, c);
  return std::nan("");
}
}  // namespace

const std::vector<std::string>& specMetricsColumns() {
  static const std::vector<std::string> all{
      "step", "epoch", "lr", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
      "grad_norm", "weight_norm", "sharpness", "sharpness_threshold", "trace", "gn_sharpness",
      "precond_sharpness", "sc_fraction_float16", "sc_fraction_float32", "sc_fraction_float64",
      "zero_loss_fraction", "zero_grad_fraction", "nlm_cosine", "logit_norm", "wall_seconds"};
  return all;
}

std::vector<std::string> metricsColumns(bool hasTest, bool hasAccuracy,
                                        const std::vector<std::string>& optional) {
  std::vector<std::string> c;
  for (const auto& name : specMetricsColumns()) {
    const bool always = name == "step" || name == "epoch" || name == "lr" || name == "train_loss" ||
                        name == "grad_norm" || name == "weight_norm" || name == "wall_seconds";
    const bool present =
        always || (name == "train_accuracy" && hasAccuracy) || (name == "test_loss" && hasTest) ||
        (name == "test_accuracy" && hasTest && hasAccuracy) ||
        std::find(optional.begin(), optional.end(), name) != optional.end();
    if (present) c.push_back(name);
  }
  // Columns added since the spec was written follow its own, in the order asked for.
  const auto& spec = specMetricsColumns();
  for (const auto& name : optional)
    if (std::find(spec.begin(), spec.end(), name) == spec.end()) c.push_back(name);
  return c;
}

std::vector<std::string> curvatureColumns(const CurvatureTracking& t, const Network& net) {
  if (t.every <= 0) return {};
  std::vector<std::string> c{"sharpness", "sharpness_threshold"};
  if (t.trace) c.push_back("trace");
  if (t.gaussNewton) c.push_back("gn_sharpness");
  if (t.preconditioned) c.push_back("precond_sharpness");
  if (t.gfs) c.push_back("gfs_sharpness");
  if (t.flow)
    for (const char* name : {"effective_time", "flow_distance", "flow_train_loss", "flow_sharpness"}) c.push_back(name);
  if (t.perLayer) {
    const std::size_t layers = parameterLayerSpans(net).size();
    for (const char* stem : {"sharpness_layer", "trace_layer"})
      for (std::size_t l = 1; l <= layers; ++l) c.push_back(stem + std::to_string(l));
  }
  return c;
}

std::string metricsHeader(const std::vector<std::string>& columns) {
  std::string line;
  for (const auto& c : columns) line += (line.empty() ? "" : ",") + c;
  return line + "\n";
}

std::string metricsLine(const MetricsRow& row, const std::vector<std::string>& columns) {
  std::string line;
  char buffer[40];
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) line += ',';
    const double v = valueOf(row, columns[i]);
    if (std::isnan(v)) continue;
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    line += buffer;
  }
  return line + "\n";
}

MetricsCsvWriter::MetricsCsvWriter(const std::string& path, std::vector<std::string> columns)
    : path_(path), columns_(std::move(columns)), file_(std::fopen(path.c_str(), "wb")) {
  if (!file_) throw InputError(path + ": cannot write (" + std::strerror(errno) + ")");
  put(metricsHeader(columns_));
}

MetricsCsvWriter::~MetricsCsvWriter() {
  if (file_) std::fclose(file_);
}

void MetricsCsvWriter::write(const MetricsRow& row) { put(metricsLine(row, columns_)); }

void MetricsCsvWriter::put(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail(errno);
}

void MetricsCsvWriter::fail(int error) {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;  // a device (/dev/full) is no file of ours to remove
  const bool regular = std::filesystem::is_regular_file(path_, ec);
  if (regular) std::remove(path_.c_str());
  throw InputError(path_ + ": write failed (" + std::strerror(error) + ")" +
                   (regular ? "; the incomplete file was removed" : ""));
}

void MetricsCsvWriter::close() {
  if (!file_) return;
  if (std::ferror(file_) || std::fflush(file_) != 0) fail(errno ? errno : EIO);
  if (std::fclose(std::exchange(file_, nullptr)) != 0) fail(errno);
}

std::vector<std::string> collapseColumns(const CollapseTracking& t) {
  if (t.every <= 0) return {};
  return {"sc_fraction_float16", "sc_fraction_float32", "sc_fraction_float64", "zero_loss_fraction",
          "zero_grad_fraction", "nlm_cosine", "logit_norm"};
}

}  // namespace losslab
