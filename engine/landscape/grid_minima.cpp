#include "losslab/landscape/grid_minima.hpp"

#include <cmath>

namespace losslab {

long countLocalMinima(const Eigen::MatrixXd& f) {
  long count = 0;
  for (Eigen::Index i = 0; i < f.rows(); ++i)
    for (Eigen::Index j = 0; j < f.cols(); ++j) {
      const double v = f(i, j);
      if (!std::isfinite(v)) continue;
      bool lowest = true, neighbours = false;
      for (Eigen::Index di = -1; di <= 1 && lowest; ++di)
        for (Eigen::Index dj = -1; dj <= 1 && lowest; ++dj) {
          const Eigen::Index a = i + di, b = j + dj;
          if ((di == 0 && dj == 0) || a < 0 || b < 0 || a >= f.rows() || b >= f.cols()) continue;
          const double w = f(a, b);
          if (!std::isfinite(w)) continue;
          neighbours = true;
          lowest = v < w;
        }
      if (lowest && neighbours) ++count;
    }
  return count;
}

}  // namespace losslab
