#include "losslab/diagnostics/neural_collapse.hpp"

#include <Eigen/SVD>
#include <algorithm>
#include <cmath>

namespace losslab {

namespace {

// Population mean and standard deviation.
std::pair<double, double> meanAndStd(const std::vector<double>& v) {
  double mean = 0, var = 0;
  for (double x : v) mean += x;
  mean /= double(v.size());
  for (double x : v) var += (x - mean) * (x - mean);
  return {mean, std::sqrt(var / double(v.size()))};
}

// Tr(Sigma_W Sigma_B^+) through the thin SVD of the centred means (d x C): Sigma_B = U S^2 U^T / C,
// so the trace is sum_k C / s_k^2 * mean_i (u_k . (h_i - mu_{y_i}))^2 over the nonzero s_k.
double withinOverBetween(const Eigen::MatrixXd& centredMeans, const Eigen::MatrixXd& withinResiduals) {
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(centredMeans, Eigen::ComputeThinU);
  const Eigen::VectorXd& s = svd.singularValues();
  const double C = double(centredMeans.cols());
  const double tolerance = s.size() ? s[0] * double(std::max(centredMeans.rows(), centredMeans.cols())) *
                                          std::numeric_limits<double>::epsilon()
                                    : 0.0;
  Eigen::Index rank = 0;
  while (rank < s.size() && s[rank] > tolerance) ++rank;  // singular values come sorted, largest first
  const Eigen::MatrixXd projected = svd.matrixU().leftCols(rank).transpose() * withinResiduals;
  const Eigen::VectorXd spread = projected.rowwise().squaredNorm() / double(withinResiduals.cols());
  double trace = 0;
  for (Eigen::Index k = 0; k < rank; ++k) trace += C / (s[k] * s[k]) * spread[k];
  return trace;
}

}  // namespace

NeuralCollapse neuralCollapse(const Eigen::MatrixXd& features, const std::vector<int>& labels,
                              int classes, const Eigen::MatrixXd& classifier,
                              const Eigen::MatrixXd& logits) {
  NeuralCollapse r;
  const Eigen::Index d = features.rows(), n = features.cols();
  if (n == 0 || classes < 1) return r;
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(d, classes);
  std::vector<long> counts(classes, 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    sums.col(labels[i]) += features.col(i);
    ++counts[labels[i]];
  }
  std::vector<int> present;
  for (int c = 0; c < classes; ++c)
    if (counts[c] > 0) present.push_back(c);
  const int C = static_cast<int>(present.size());
  const Eigen::VectorXd globalMean = features.rowwise().mean();
  Eigen::MatrixXd means(d, classes), centred(d, C), weights(C, classifier.cols());
  for (int j = 0; j < C; ++j) {
    const int c = present[j];
    means.col(c) = sums.col(c) / double(counts[c]);
    centred.col(j) = means.col(c) - globalMean;
    weights.row(j) = classifier.row(c);
  }
  Eigen::MatrixXd residuals(d, n);
  for (Eigen::Index i = 0; i < n; ++i) residuals.col(i) = features.col(i) - means.col(labels[i]);

  // NC4: the network's argmax against the nearest class mean (over the classes present);
  // ||h - mu_c||^2 = ||h||^2 - 2 mu_c . h + ||mu_c||^2, and ||h||^2 is the same for every c.
  Eigen::MatrixXd presentMeans(d, C);
  for (int j = 0; j < C; ++j) presentMeans.col(j) = means.col(present[j]);
  Eigen::MatrixXd distances = -2.0 * presentMeans.transpose() * features;
  distances.colwise() += presentMeans.colwise().squaredNorm().transpose();
  long agree = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index nearest, predicted;
    distances.col(i).minCoeff(&nearest);
    logits.col(i).maxCoeff(&predicted);
    agree += predicted == present[nearest];
  }
  r.nc4 = double(agree) / double(n);

  const double mNorm = centred.norm(), wNorm = weights.norm();
  if (mNorm > 0 && wNorm > 0) r.nc3 = (weights / wNorm - centred.transpose() / mNorm).squaredNorm();
  if (C < 2 || !(mNorm > 0)) return r;

  r.nc1 = withinOverBetween(centred, residuals) / double(C);
  std::vector<double> norms(C), cosines, offSimplex;
  for (int j = 0; j < C; ++j) norms[j] = centred.col(j).norm();
  for (int a = 0; a < C; ++a)
    for (int b = a + 1; b < C; ++b) {
      const double cosine = centred.col(a).dot(centred.col(b)) / (norms[a] * norms[b]);
      cosines.push_back(cosine);
      offSimplex.push_back(std::abs(cosine + 1.0 / double(C - 1)));
    }
  const auto [normMean, normStd] = meanAndStd(norms);
  r.nc2Equinorm = normStd / normMean;
  r.nc2Equiangularity = meanAndStd(cosines).second;
  r.nc2MaxAngle = meanAndStd(offSimplex).first;
  return r;
}

}  // namespace losslab
