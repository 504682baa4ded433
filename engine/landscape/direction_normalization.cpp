#include "losslab/landscape/direction_normalization.hpp"

#include <cmath>

#include "losslab/core/error.hpp"

namespace losslab {
namespace {

// d_part *= ||theta_part|| / ||d_part||, leaving a zero d_part alone.
void rescale(Eigen::Ref<Eigen::VectorXd> d, const Eigen::Ref<const Eigen::VectorXd>& theta) {
  const double n = d.norm();
  if (n > 0) d *= theta.norm() / n;
}

bool isWeight(const NetworkTensor& t) { return t.cols > 0; }

void normalizeModel(Eigen::VectorXd& d, const Eigen::VectorXd& theta, const std::vector<NetworkTensor>& tensors,
                    bool withBiases) {
  double dNorm2 = 0, thetaNorm2 = 0;
  for (const NetworkTensor& t : tensors)
    if (isWeight(t) || withBiases) {
      dNorm2 += d.segment(t.offset, t.size()).squaredNorm();
      thetaNorm2 += theta.segment(t.offset, t.size()).squaredNorm();
    }
  if (dNorm2 > 0) d *= std::sqrt(thetaNorm2 / dNorm2);
}

}  // namespace

Eigen::VectorXd normalizeDirection(const Eigen::VectorXd& direction, const Eigen::VectorXd& theta,
                                   const std::vector<NetworkTensor>& tensors,
                                   const NormalizationOptions& options) {
  Eigen::VectorXd d = direction;
  if (options.norm == DirectionNorm::None) return d;
  const bool withBiases = options.biases == BiasDirections::Normalize;
  if (!withBiases)
    for (const NetworkTensor& t : tensors)
      if (!isWeight(t)) d.segment(t.offset, t.size()).setZero();
  if (options.norm == DirectionNorm::Model) {
    normalizeModel(d, theta, tensors, withBiases);
    return d;
  }
  for (const NetworkTensor& t : tensors) {
    if (isWeight(t)) {
      if (options.norm == DirectionNorm::Filter)
        for (Index r = 0; r < t.rows; ++r)
          rescale(d.segment(t.offset + r * t.cols, t.cols), theta.segment(t.offset + r * t.cols, t.cols));
      else  // Layer
        rescale(d.segment(t.offset, t.size()), theta.segment(t.offset, t.size()));
    } else if (withBiases) {
      // Li et al.'s net_plotter.py leaves 1-D tensors out of normalize_direction: with biases kept
      // (ignore != 'biasbn') the direction's bias *is* the bias, d.copy_(w), whatever the draw.
      d.segment(t.offset, t.size()) = theta.segment(t.offset, t.size());
    }
  }
  return d;
}

Eigen::VectorXd normalizeDirection(const Eigen::VectorXd& direction, const Eigen::VectorXd& theta,
                                   const Network& net, const NormalizationOptions& options) {
  return normalizeDirection(direction, theta, net.tensors(), options);
}

Eigen::VectorXd orthogonalizedAgainst(const Eigen::VectorXd& d, const Eigen::VectorXd& reference) {
  const double r2 = reference.squaredNorm();
  if (r2 == 0) return d;
  return d - (reference.dot(d) / r2) * reference;
}

void makeLargestEntryPositive(Eigen::VectorXd& v) {
  if (v.size() == 0) return;
  Index i = 0;
  v.cwiseAbs().maxCoeff(&i);
  if (v[i] < 0) v = -v;
}

std::string toString(DirectionNorm n) {
  switch (n) {
    case DirectionNorm::Filter: return "filter";
    case DirectionNorm::Layer: return "layer";
    case DirectionNorm::Model: return "model";
    case DirectionNorm::None: return "none";
  }
  return "?";
}

DirectionNorm directionNormFromString(const std::string& name) {
  for (DirectionNorm n : {DirectionNorm::Filter, DirectionNorm::Layer, DirectionNorm::Model, DirectionNorm::None})
    if (toString(n) == name) return n;
  throw InputError("direction normalisation \"" + name + "\" is unknown; choose filter, layer, model or none");
}

std::string toString(BiasDirections b) { return b == BiasDirections::Zero ? "zero" : "normalize"; }

BiasDirections biasDirectionsFromString(const std::string& name) {
  if (name == "zero") return BiasDirections::Zero;
  if (name == "normalize") return BiasDirections::Normalize;
  throw InputError("bias directions \"" + name + "\" is unknown; choose zero or normalize");
}

}  // namespace losslab
