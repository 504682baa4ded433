#pragma once
// A reference network file of tests/fixtures/reference (model2/, losses/) with its training data
// as float64 samples, as the reference tests evaluate it.
#include <string>

#include "fixtures.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/samples.hpp"

namespace losslab::test {

struct ReferenceNetwork {
  NetworkFile file;
  Samples<double> samples;
};

// `path` under tests/fixtures/reference, without ".json": "model2/cnn_tiny_images".
inline ReferenceNetwork loadReferenceNetwork(const std::string& path) {
  ReferenceNetwork r{readNetworkFile(fixture("reference/" + path + ".json")), {}};
  r.samples = toSamples<double>(r.file.data);
  return r;
}

}  // namespace losslab::test
