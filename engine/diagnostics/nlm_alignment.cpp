#include "losslab/diagnostics/nlm_alignment.hpp"

#include <cmath>
#include <limits>

namespace losslab {

namespace {

// Layer l's W then b: one contiguous piece of the flat vector.
TensorSpan layerSpan(const Architecture& arch, int l) {
  const Index begin = arch.weightOffset(l);
  return {begin, arch.weightOffset(l + 1) - begin};
}

double cosine(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
  const double denominator = a.norm() * b.norm();
  return denominator > 0 ? a.dot(b) / denominator : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

LayerwiseValue weightNorms(const Eigen::VectorXd& theta, const Architecture& arch) {
  LayerwiseValue v;
  v.total = theta.norm();
  for (int l = 0; l < arch.affineCount(); ++l) {
    const TensorSpan s = layerSpan(arch, l);
    v.perLayer.push_back(theta.segment(s.offset, s.size).norm());
  }
  return v;
}

LayerwiseValue nlmAlignment(const Eigen::VectorXd& theta, const Eigen::VectorXd& direction,
                            const Architecture& arch) {
  LayerwiseValue v;
  v.total = cosine(theta, direction);
  for (int l = 0; l < arch.affineCount(); ++l) {
    const TensorSpan s = layerSpan(arch, l);
    v.perLayer.push_back(cosine(theta.segment(s.offset, s.size), direction.segment(s.offset, s.size)));
  }
  return v;
}

}  // namespace losslab
