#include "losslab/io/collapse_columns.hpp"
#include "losslab/io/layer_column.hpp"

#include <cmath>
#include <limits>

namespace losslab {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "<prefix><format>" -> the FloatFormat's index, or -1.
int formatSuffix(const std::string& column, const std::string& prefix) {
  if (!startsWith(column, prefix)) return -1;
  for (FloatFormat f : kFloatFormats)
    if (column.substr(prefix.size()) == toString(f)) return static_cast<int>(f);
  return -1;
}

// "<prefix><l>" with l >= 1 -> the layer's value, or NaN.
double layerValue(const std::string& column, const std::string& prefix, const LayerwiseValue& v) {
  return valueOfLayer(v.perLayer, layerOfColumn(column, prefix));
}

double setValue(const CollapseSetRecord& s, const std::string& column) {
  if (int f = formatSuffix(column, "sc_fraction_"); f >= 0) return s.scFraction[f];
  if (int f = formatSuffix(column, "zero_loss_fraction_"); f >= 0) return s.zeroLossFraction[f];
  if (int f = formatSuffix(column, "zero_grad_fraction_"); f >= 0) return s.zeroGradFraction[f];
  if (column == "logit_norm") return s.logitNormMean;
  if (column == "logit_norm_max") return s.logitNormMax;
  return kNan;
}

}  // namespace

std::vector<std::string> addedCollapseColumns(const CollapseTracking& t, const Network& net,
                                              bool hasTest) {
  if (t.every <= 0) return {};
  std::vector<std::string> c;
  for (const char* stem : {"zero_loss_fraction_", "zero_grad_fraction_"})
    for (FloatFormat f : kFloatFormats) c.push_back(stem + std::string(toString(f)));
  c.push_back("logit_norm_max");
  c.push_back("nlm_grad_cosine");
  if (hasTest) {
    for (const char* stem : {"test_sc_fraction_", "test_zero_loss_fraction_", "test_zero_grad_fraction_"})
      for (FloatFormat f : kFloatFormats) c.push_back(stem + std::string(toString(f)));
    c.push_back("test_logit_norm");
    c.push_back("test_logit_norm_max");
  }
  for (const char* stem : {"weight_norm_layer", "nlm_cosine_layer", "nlm_grad_cosine_layer"})
    for (size_t l = 1; l <= parameterLayerSpans(net).size(); ++l) c.push_back(stem + std::to_string(l));
  if (t.neuralCollapse && classifierLayer(net))
    for (const char* name : {"nc1", "nc2_equinorm", "nc2_equiangularity", "nc2_max_angle", "nc3", "nc4"})
      c.push_back(name);
  return c;
}

double collapseColumnValue(const CollapseRecord& r, const std::string& column) {
  if (startsWith(column, "test_")) return r.test ? setValue(*r.test, column.substr(5)) : kNan;
  if (column == "logit_norm_max" || startsWith(column, "zero_")) return setValue(r.train, column);
  if (column == "nlm_grad_cosine") return r.gradAlignment.total;
  if (startsWith(column, "weight_norm_layer")) return layerValue(column, "weight_norm_layer", r.weightNorm);
  if (startsWith(column, "nlm_cosine_layer")) return layerValue(column, "nlm_cosine_layer", r.stepAlignment);
  if (startsWith(column, "nlm_grad_cosine_layer"))
    return layerValue(column, "nlm_grad_cosine_layer", r.gradAlignment);
  const NeuralCollapse& nc = r.neural;
  if (column == "nc1") return nc.nc1;
  if (column == "nc2_equinorm") return nc.nc2Equinorm;
  if (column == "nc2_equiangularity") return nc.nc2Equiangularity;
  if (column == "nc2_max_angle") return nc.nc2MaxAngle;
  if (column == "nc3") return nc.nc3;
  if (column == "nc4") return nc.nc4;
  return kNan;
}

}  // namespace losslab
