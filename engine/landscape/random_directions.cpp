#include "losslab/landscape/random_directions.hpp"

#include "losslab/core/random.hpp"

namespace losslab {
namespace {

Eigen::VectorXd gaussian(Index p, Rng& rng) {
  Eigen::VectorXd v(p);
  for (Index i = 0; i < p; ++i) v[i] = rng.normal();  // in index order: the seed names the vector
  return v;
}

}  // namespace

DirectionPair randomDirections(const Eigen::VectorXd& theta, const Network& net,
                               const RandomDirectionOptions& options) {
  Rng rng(options.seed);
  const Index p = net.parameterCount();
  DirectionPair pair;
  pair.raw1 = gaussian(p, rng);
  pair.raw2 = gaussian(p, rng);
  if (options.orthogonalize) pair.raw2 = orthogonalizedAgainst(pair.raw2, pair.raw1);
  const std::vector<NetworkTensor> tensors = net.tensors();
  pair.dir1 = normalizeDirection(pair.raw1, theta, tensors, options.normalization);
  pair.dir2 = normalizeDirection(pair.raw2, theta, tensors, options.normalization);
  return pair;
}

}  // namespace losslab
