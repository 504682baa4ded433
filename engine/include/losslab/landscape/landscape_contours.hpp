#pragma once
// The contour lines of a landscape map with the display settings that shape them: `count`
// levels equally spaced between the grid's lowest and highest loss (contourLevels), linearly or
// in log10 like the colour scale, traced by marching squares (contourLines). They are made
// where the grid is made, off the GUI thread, and handed to the map view with it: the view
// only draws (docs/DESIGN.md, "Figures").
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/landscape/marching_squares.hpp"

namespace losslab {

// What of the display changes the lines: the window's "Contours" count and its log scale.
struct ContourSettings {
  int count = 8;  // levels; 0 draws none
  LevelSpacing spacing = LevelSpacing::Linear;

  bool operator==(const ContourSettings&) const = default;
};

struct LandscapeContours {
  ContourSettings settings;  // what the lines were traced for
  ContourSet lines;          // one per level, ascending
};

// The lines of grid.loss over (grid.alphas, grid.betas): none when settings.count <= 0 or the
// grid has fewer than two distinct usable values (contourLevels).
LandscapeContours landscapeContours(const LandscapeGrid& grid, const ContourSettings& settings);

}  // namespace losslab
