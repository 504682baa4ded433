#include "losslab/diagnostics/network_inside.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/model/network/network_passes.hpp"

namespace losslab {

namespace {

// Walks `layers` one at a time (a residual's body inside, x + body(x)), collecting what each
// attention and convolution layer computed.
void walk(const std::vector<Layer>& layers, const std::string& path, const Eigen::VectorXd& theta,
          Eigen::MatrixXd& h, NetworkInside& inside) {
  const PassVectors<double> p{theta.data()};
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const std::string here = json_fields::at(path, i);
    if (l.kind == LayerKind::Residual) {
      Eigen::MatrixXd body = h;
      walk(l.body, here + ".body", theta, body, inside);
      h += body;
      continue;
    }
    std::vector<LayerState<double>> states;
    const std::vector<Layer> one{l};
    forwardPass(one, p, states, h);
    if (l.kind == LayerKind::Attention) {
      const Index T = l.inShape.dims[0];
      AttentionMaps a{here, l.causal, {}};
      for (int hd = 0; hd < l.heads; ++hd) a.heads.push_back(states[0].attn.middleCols(hd * T, T));
      inside.attention.push_back(std::move(a));
    }
    if (l.kind == LayerKind::Conv2d) {
      FeatureMaps f;
      f.path = here;
      f.channels = l.outShape.dims[0], f.height = l.outShape.dims[1], f.width = l.outShape.dims[2];
      f.maps = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          h.data(), f.channels, Index(f.height) * f.width);
      f.inChannels = l.in, f.kernel = l.kernel;
      f.filters = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          theta.data() + l.offset, f.channels, Index(f.inChannels) * f.kernel * f.kernel);
      inside.convolutions.push_back(std::move(f));
    }
  }
}

}  // namespace

NetworkInside lookInside(const Network& net, const Eigen::VectorXd& theta, const Eigen::VectorXd& sample) {
  if (theta.size() != net.parameterCount())
    throw InputError("parameters: " + std::to_string(theta.size()) + " numbers for a network of " +
                     std::to_string(net.parameterCount()));
  if (sample.size() != net.inputDim)
    throw InputError("sample: " + std::to_string(sample.size()) + " numbers, the network takes " +
                     std::to_string(net.inputDim));
  checkTokens(net, Eigen::MatrixXd(sample), "sample");
  // The layers' own copies: one layer lists of a resolved network keep their shapes and offsets.
  NetworkInside inside;
  Eigen::MatrixXd h = sample;
  walk(net.layers, "network", theta, h, inside);
  inside.logits = net.outputScale * h.col(0);
  return inside;
}

}  // namespace losslab
