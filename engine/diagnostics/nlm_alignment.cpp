#include "losslab/diagnostics/nlm_alignment.hpp"

#include <cmath>
#include <limits>

namespace losslab {

namespace {

double cosine(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
  const double denominator = a.norm() * b.norm();
  return denominator > 0 ? a.dot(b) / denominator : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

LayerwiseValue weightNorms(const Eigen::VectorXd& theta, const Network& net) {
  LayerwiseValue v;
  v.total = theta.norm();
  for (const TensorSpan& s : parameterLayerSpans(net)) v.perLayer.push_back(theta.segment(s.offset, s.size).norm());
  return v;
}

LayerwiseValue nlmAlignment(const Eigen::VectorXd& theta, const Eigen::VectorXd& direction,
                            const Network& net) {
  LayerwiseValue v;
  v.total = cosine(theta, direction);
  for (const TensorSpan& s : parameterLayerSpans(net))
    v.perLayer.push_back(cosine(theta.segment(s.offset, s.size), direction.segment(s.offset, s.size)));
  return v;
}

}  // namespace losslab
