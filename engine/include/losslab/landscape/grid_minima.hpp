#pragma once
// How rugged a loss map is, in one number: its local minima, the measure of chaos in Li et al.
// 2018's comparison of networks with and without skip connections (a smooth bowl has one, a
// chaotic surface many small basins).
#include <Eigen/Core>

namespace losslab {

// Points of `field` strictly below every finite neighbour of their 3 x 3 neighbourhood (edges and
// corners have fewer neighbours). Non-finite points are neither minima nor neighbours; a point
// with no finite neighbour is not counted.
long countLocalMinima(const Eigen::MatrixXd& field);

}  // namespace losslab
