#include "losslab/data/teacher_student.hpp"

#include <cmath>

#include "losslab/data/dataset_builders.hpp"

namespace losslab {

Dataset makeTeacherStudent(int n, int dim, const std::vector<int>& hidden, double noise, Rng& rng) {
  std::vector<int> widths{dim};
  widths.insert(widths.end(), hidden.begin(), hidden.end());
  widths.push_back(1);

  std::vector<Eigen::MatrixXd> weights;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    Eigen::MatrixXd w(widths[l + 1], widths[l]);
    const double scale = 1.0 / std::sqrt(double(widths[l]));
    for (Eigen::Index c = 0; c < w.cols(); ++c)
      for (Eigen::Index r = 0; r < w.rows(); ++r) w(r, c) = scale * rng.normal();
    weights.push_back(std::move(w));
  }

  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(dim, n);
  addGaussianNoise(x, 1.0, rng);

  Eigen::MatrixXd h = x;
  for (std::size_t l = 0; l < weights.size(); ++l) {
    h = weights[l] * h;
    if (l + 1 < weights.size()) h = h.array().tanh().matrix();
  }
  addGaussianNoise(h, noise, rng);
  return regressionData(std::move(x), std::move(h));
}

}  // namespace losslab
