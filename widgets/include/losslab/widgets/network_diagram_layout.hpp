#pragma once
// Where a network's parts go in its diagram: one column of neurons for the input and for every
// linear layer's output (depth first, so a residual block's layers sit in line), every skip
// connection as an arc from the column its block starts at to the column it ends at, and every
// LayerNorm as a mark after the column it normalises. Kept apart from the painting so that the
// layout of any layer list can be tested without drawing it.
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

struct DiagramColumn {
  int width = 0;            // neurons
  int in = 0;               // the previous column's width (the weights' columns)
  Index weightOffset = -1;  // the linear layer's W in the flat vector; -1 for the input column
};

struct DiagramSkip {
  int from = 0, to = 0;  // columns: x enters the block at `from`, x + body(x) leaves at `to`
  int depth = 0;         // nesting: 0 for a block in the top list
};

struct DiagramNorm {
  int after = 0;  // the column whose values it normalises
};

struct DiagramLayout {
  std::vector<DiagramColumn> columns;
  std::vector<DiagramSkip> skips;
  std::vector<DiagramNorm> norms;
  int maxDepth() const;  // deepest skip's depth + 1; 0 without skips
};

DiagramLayout diagramLayout(const Network& net);

}  // namespace losslab
