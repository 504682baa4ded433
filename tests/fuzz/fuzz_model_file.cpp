// libFuzzer target: losslab-model/1 files (engine/io/model_file.cpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/model/model_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    losslab::parseModelFile(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const losslab::InputError&) {
  }
  return 0;
}
