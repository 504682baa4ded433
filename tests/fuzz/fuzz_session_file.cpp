// libFuzzer target: losslab-session/1 files (engine/io/session_file.cpp and the blob, record and
// probe readers). A mutated file almost never matches the CRC-32s in its header, so each input
// is decoded twice: as it is (the envelope checks), and with the header's lengths and CRCs
// rewritten to match its parts, so that mutations reach the JSON and binary readers.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "losslab/core/error.hpp"
#include "losslab/encoding/session_blob.hpp"
#include "losslab/io/session_file.hpp"

namespace {

void decode(std::string_view bytes) {
  try {
    losslab::decodeSession(bytes, "fuzz");
  } catch (const losslab::InputError&) {
  }
}

std::string hex8(std::uint32_t v) {
  char s[9];
  std::snprintf(s, sizeof s, "%08x", v);
  return s;
}

// After the header line: the JSON part up to the first line break, the binary part after it.
std::string withMatchingHeader(std::string_view bytes) {
  const std::size_t headerEnd = bytes.find('\n');
  if (headerEnd == std::string_view::npos) return {};
  const std::string_view body = bytes.substr(headerEnd + 1);
  const std::size_t jsonEnd = body.find('\n');
  if (jsonEnd == std::string_view::npos) return {};
  const std::string_view text = body.substr(0, jsonEnd), blob = body.substr(jsonEnd + 1);
  return std::string(losslab::kSessionFormat) + " " + std::to_string(text.size()) + " " +
         hex8(losslab::crc32(text)) + " " + std::to_string(blob.size()) + " " + hex8(losslab::crc32(blob)) +
         "\n" + std::string(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  decode(bytes);
  if (const std::string fixed = withMatchingHeader(bytes); !fixed.empty()) decode(fixed);
  return 0;
}
