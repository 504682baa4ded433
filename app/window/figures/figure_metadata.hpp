#pragma once
// What a figure's JSON says it was made from (docs/DESIGN.md "Figures"): the experiment, its seed,
// the step, and the numerical conventions behind every number drawn (loss normalisation,
// direction normalisation, Lanczos settings), so a reader knows exactly what was plotted.
#include <nlohmann/json.hpp>

#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/probes/landscape_probe.hpp"
#include "losslab/probes/spectrum_probe.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// The run: experiment (every key), seed, step, and the conventions of its loss and of the
// curvature it tracks.
nlohmann::json runFigureMetadata(const Snapshot& snapshot);
// ... and of a spectrum probe (Lanczos tolerance and k, SLQ runs, steps and broadening).
nlohmann::json spectrumConventions(const SpectrumResult& result, const SpectrumRequest& request);
// ... and of a landscape's directions (kind, normalisation, biases, grid).
nlohmann::json landscapeConventions(const LandscapeRequest& request);

}  // namespace losslab
