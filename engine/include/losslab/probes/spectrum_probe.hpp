#pragma once
// The window's spectrum probe: the curvature of a snapshot's training loss (docs/DESIGN.md: probes
// read a snapshot and never touch the session). Plain engine calls, no Qt, so the same numbers
// come out of the window and out of `losslab-cli hessian`; ProbeRunner runs it off the GUI thread.
#include "losslab/core/task_control.hpp"
#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

struct SpectrumRequest {
  int k = 5;                 // top eigenvalues, marked on the density (at most P - 1)
  double tolerance = 1e-6;   // relative, of each top eigenvalue
  Index subset = 0;          // 0: the whole training set; else the run's fixed tracking subset
  bool hessian = true;       // the Hessian H
  bool gaussNewton = false;  // the Gauss–Newton matrix G (beside H when both are set)
  DensityOptions density;    // SLQ: 5 runs of 80 Lanczos steps, sigma 1% of the range
  // The exact spectrum for models up to this many parameters: its eigendecomposition cannot be
  // cancelled midway, and at 2000 parameters it takes about a second.
  Index denseLimit = 2000;
};

// The samples of the run's training loss as the trainer sees them (one-hot targets for MSE on
// classes); with subset > 0, the same seeded subset the run's curvature tracking uses, so the
// probe and the tracked λmax agree. Throws InputError when the snapshot has no data.
Samples<double> trainingSamples(const Snapshot& snapshot, Index subset);

// Top-k eigenvalues (Lanczos), SLQ density and, up to denseLimit parameters, the dense spectrum
// of each operator asked for, at the snapshot's parameters. Reports progress over all of it;
// throws Cancelled when control.stop is requested, InputError on a bad request.
SpectrumResult spectrumOf(const Snapshot& snapshot, const SpectrumRequest& request,
                          const TaskControl& control = {});

}  // namespace losslab
