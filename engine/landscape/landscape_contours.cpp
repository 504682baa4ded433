#include "losslab/landscape/landscape_contours.hpp"

namespace losslab {

LandscapeContours landscapeContours(const LandscapeGrid& grid, const ContourSettings& settings) {
  LandscapeContours out{settings, {}};
  if (grid.loss.size() == 0 || settings.count <= 0) return out;
  const ContourLevels levels = contourLevels(grid.loss, settings.count, settings.spacing);
  out.lines = contourLines(grid.alphas, grid.betas, grid.loss, levels.levels, settings.spacing);
  return out;
}

}  // namespace losslab
