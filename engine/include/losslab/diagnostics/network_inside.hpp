#pragma once
// What a network computes inside for one sample (issue #17): each attention layer's weights, per
// head the T x T matrix softmax(q k^T / sqrt(d) + mask) (row i: what query position i attends
// to), and each convolution's output feature maps and filters. For the window's Inside view and
// its figures.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

struct AttentionMaps {
  std::string path;                     // "network[2].body[0]"
  bool causal = false;
  std::vector<Eigen::MatrixXd> heads;   // T x T each, rows sum to 1
};

struct FeatureMaps {
  std::string path;                     // "network[0]"
  int channels = 0, height = 0, width = 0;
  Eigen::MatrixXd maps;                 // channels x (height * width), row-major pixels
  int inChannels = 0, kernel = 0;
  Eigen::MatrixXd filters;              // channels x (inChannels * kernel * kernel)
};

struct NetworkInside {
  std::vector<AttentionMaps> attention;
  std::vector<FeatureMaps> convolutions;
  Eigen::VectorXd logits;               // the network's output for the sample
};

// Runs `sample` (one column of the data: the input's numbers, or its token ids) through the
// network at `theta` (flat order) and collects every attention layer's weights and every
// convolution's maps, depth first. Throws InputError if the sample does not fit the network.
NetworkInside lookInside(const Network& net, const Eigen::VectorXd& theta, const Eigen::VectorXd& sample);

}  // namespace losslab
