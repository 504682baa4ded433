#pragma once
// What a spectrum probe found at one snapshot, as the spectrum view draws it and a session file
// keeps it: for each operator (the Hessian H, and the Gauss–Newton matrix G when compared) the
// top-k eigenvalues, the SLQ spectral density and, for small models, every eigenvalue of the
// dense matrix.
#include <Eigen/Core>
#include <memory>
#include <vector>

#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/curvature/spectral_density.hpp"

namespace losslab {

struct OperatorSpectrum {
  CurvatureKind kind = CurvatureKind::Hessian;
  Eigen::VectorXd top;      // the k largest eigenvalues, largest first (Lanczos)
  bool converged = true;    // top-k reached the tolerance
  SpectralDensity density;  // stochastic Lanczos quadrature
  Eigen::VectorXd exact;    // every eigenvalue, ascending (dense); empty for large models
  long products = 0;        // operator applications spent on this operator
};

struct SpectrumResult {
  long step = 0;               // the snapshot's step
  Loss loss = LossKind::CrossEntropy;
  Index parameters = 0;
  Index samples = 0;           // samples the loss is averaged over
  bool subset = false;         // a fixed random subset of the training set, not all of it
  double tolerance = 0.0;      // relative, of the top-k eigenvalues
  double seconds = 0.0;        // wall time of the whole probe
  Index denseLimit = 0;        // the parameter limit the dense spectrum was left out for (0: none)
  std::vector<OperatorSpectrum> spectra;  // H first when present

  const OperatorSpectrum* find(CurvatureKind kind) const {
    for (const OperatorSpectrum& s : spectra)
      if (s.kind == kind) return &s;
    return nullptr;
  }
};

using SpectrumResultPtr = std::shared_ptr<const SpectrumResult>;

}  // namespace losslab
