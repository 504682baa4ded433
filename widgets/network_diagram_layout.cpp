#include "losslab/widgets/network_diagram_layout.hpp"

#include <algorithm>

namespace losslab {

namespace {

void place(const std::vector<Layer>& layers, int depth, DiagramLayout& d) {
  for (const Layer& l : layers) {
    switch (l.kind) {
      case LayerKind::Linear:
        d.columns.push_back({l.out, l.in, l.offset});
        break;
      case LayerKind::LayerNorm: d.norms.push_back({int(d.columns.size()) - 1}); break;
      case LayerKind::Residual: {
        const int from = int(d.columns.size()) - 1;
        place(l.body, depth + 1, d);
        d.skips.push_back({from, int(d.columns.size()) - 1, depth});
        break;
      }
      default: break;  // activations draw no column; images and sequences no diagram (diagramLayout)
    }
  }
}

}  // namespace

int DiagramLayout::maxDepth() const {
  int m = 0;
  for (const DiagramSkip& s : skips) m = std::max(m, s.depth + 1);
  return m;
}

DiagramLayout diagramLayout(const Network& net) {
  DiagramLayout d;
  if (net.inputDim < 1 || net.layers.empty()) return d;
  // Neurons and their weights are drawn for networks of vectors; a convolution's filters or an
  // attention's heads are not a column of neurons.
  bool vectors = !net.tokenInput && net.shapeIn().isVector();
  forEachLayer(net, [&](const Layer& l) { vectors = vectors && l.inShape.isVector(); });
  if (!vectors) return d;
  d.columns.push_back({net.inputDim, 0, -1});
  place(net.layers, 0, d);
  return d;
}

}  // namespace losslab
