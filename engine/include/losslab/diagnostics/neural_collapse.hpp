#pragma once
// Neural collapse of the last hidden layer (Papyan, Han & Donoho, PNAS 2020). With features h_i
// (the last hidden activations), class means mu_c, the global mean mu_G, M the C x d matrix of
// rows mu_c - mu_G and W the C x d last-layer weights:
//   NC1  Tr(Sigma_W Sigma_B^+) / C, Sigma_W = mean_i (h_i - mu_{y_i})(h_i - mu_{y_i})^T,
//        Sigma_B = mean_c (mu_c - mu_G)(mu_c - mu_G)^T        (within-class variability -> 0)
//   NC2  equinorm: std_c ||mu_c - mu_G|| / mean_c ||mu_c - mu_G||                       (-> 0)
//        equiangularity: std over c != c' of cos(mu_c - mu_G, mu_c' - mu_G)               (-> 0)
//        maximal angle: mean over c != c' of |cos + 1/(C - 1)| (a simplex ETF has -1/(C-1)) (-> 0)
//   NC3  self-duality: || W/||W||_F - M/||M||_F ||_F^2, squared as the authors' code reports it
//        (their published NC3 plots are this square: 2 - 2 cos of the two matrices)       (-> 0)
//   NC4  agreement of the network's argmax with the nearest class mean, argmin_c ||h - mu_c|| (-> 1)
// Classes without samples are left out (C counts the classes present); stds are population stds.
#include <Eigen/Core>
#include <limits>
#include <vector>

namespace losslab {

struct NeuralCollapse {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  double nc1 = nan, nc2Equinorm = nan, nc2Equiangularity = nan, nc2MaxAngle = nan, nc3 = nan,
         nc4 = nan;
};

// features: d x n, labels: n classes in [0, classes), classifier: classes x d, logits:
// classes x n (the network's outputs, for NC4's argmax).
NeuralCollapse neuralCollapse(const Eigen::MatrixXd& features, const std::vector<int>& labels,
                              int classes, const Eigen::MatrixXd& classifier,
                              const Eigen::MatrixXd& logits);

}  // namespace losslab
