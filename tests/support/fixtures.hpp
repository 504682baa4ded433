#pragma once
// Paths of test fixtures, resolved against the source tree.
#include <string>

namespace losslab::test {

inline std::string fixture(const std::string& relative) {
  return std::string(LOSSLAB_FIXTURE_DIR) + "/" + relative;
}

}  // namespace losslab::test
