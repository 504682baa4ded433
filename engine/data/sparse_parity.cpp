#include "losslab/data/sparse_parity.hpp"

#include "losslab/data/dataset_builders.hpp"

namespace losslab {

Dataset makeSparseParity(int n, int bits, int k, Rng& rng) {
  Eigen::MatrixXd x(bits, n);
  std::vector<int> labels(n);
  for (int j = 0; j < n; ++j) {
    for (int r = 0; r < bits; ++r) x(r, j) = (rng.next() >> 63) ? 1.0 : -1.0;  // top bit: a coin
    int negatives = 0;
    for (int r = 0; r < k; ++r) negatives += x(r, j) < 0;
    labels[j] = negatives % 2;
  }
  return classificationData(std::move(x), std::move(labels), 2);
}

}  // namespace losslab
