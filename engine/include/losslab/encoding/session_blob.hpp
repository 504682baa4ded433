#pragma once
// The binary part of a losslab-session/1 file: arrays of numbers stored back to back, little
// endian, each named in the JSON part by {"offset", "count", "type"} with type "f64", "f32" (a
// float64 vector whose every value is exact in float32: a float32 run's) or "i64". Large vectors
// (checkpoints, optimizer buffers, landscape grids) live here: as JSON text they would take
// three times the bytes and ten times the time (README "Sessions").
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

// CRC-32 (IEEE 802.3, as zlib's crc32 and Python's zlib.crc32).
std::uint32_t crc32(std::string_view bytes);

class BlobWriter {
 public:
  // Appends the values and returns their reference for the JSON part.
  nlohmann::json add(const Eigen::VectorXd& values);
  nlohmann::json add(const std::vector<std::int64_t>& values);
  std::string& bytes() { return bytes_; }

 private:
  nlohmann::json reference(std::size_t count, const char* type);
  std::string bytes_;
};

class BlobReader {
 public:
  explicit BlobReader(std::string_view bytes) : bytes_(bytes) {}
  // The values a reference names; throws InputError naming `path` when the reference is
  // malformed, points outside the blob, or (count >= 0) holds another number of values.
  Eigen::VectorXd vector(const nlohmann::json& reference, const std::string& path, long count = -1) const;
  std::vector<std::int64_t> integers(const nlohmann::json& reference, const std::string& path,
                                     long count = -1) const;

 private:
  struct Span {
    std::size_t offset, count;
    std::string type;
  };
  Span span(const nlohmann::json& reference, const std::string& path, long count) const;
  std::string_view bytes_;
};

}  // namespace losslab
