#pragma once
// The window's views as figures (docs/DESIGN.md "Figures"): each tab's plots, named for the files
// they become, with the JSON of the run (and probe) behind them. The window's Export and
// `losslab-cli figure` both take their figures from here, so both write the same files.
#include <vector>

#include "losslab/probes/spectrum_probe.hpp"
#include "losslab/widgets/figure.hpp"

namespace losslab {

class CollapseTab;
class LandscapeTab;
class LossCurveView;
class SharpnessView;
class LayerCurvatureView;
class SpectrumView;
class TrainingTab;

// loss; decision-surface or function-fit (whichever the data has); network.
std::vector<Figure> trainingFigures(TrainingTab& tab, const nlohmann::json& run);
// `layers`: the per-layer stack where it is shown (per-layer curvature tracked), else null.
std::vector<Figure> sharpnessFigures(SharpnessView& view, LossCurveView& loss, LayerCurvatureView* layers,
                                     const nlohmann::json& run);
// spectrum-density; spectrum-eigenvalues (the exact spectrum, small models). None before a probe.
std::vector<Figure> spectrumFigures(SpectrumView& view, const SpectrumRequest& request, const nlohmann::json& run);
// landscape-map, landscape-slice, and landscape-surface (PNG only, where 3-D draws), once a
// landscape is computed; landscape-convexity; landscape-side-by-side-<k>-map and -convexity for
// each run of the side-by-side page computed.
std::vector<Figure> landscapeFigures(LandscapeTab& tab, const nlohmann::json& run);
// collapse and collapse-gaps (collapse_export.hpp).
std::vector<Figure> collapseFigures(CollapseTab& tab, const nlohmann::json& run);

}  // namespace losslab
