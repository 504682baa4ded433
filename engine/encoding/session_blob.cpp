#include "losslab/encoding/session_blob.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

constexpr std::array<std::uint32_t, 256> crcTable() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

// Little endian on every machine: bytes are written and read one by one from the integer.
template <class U> void appendLittleEndian(std::string& out, U bits) {
  for (std::size_t b = 0; b < sizeof(U); ++b) out.push_back(char((bits >> (8 * b)) & 0xFF));
}
template <class U> U readLittleEndian(const char* p) {
  U bits = 0;
  for (std::size_t b = 0; b < sizeof(U); ++b) bits |= U(static_cast<unsigned char>(p[b])) << (8 * b);
  return bits;
}

std::size_t sizeOf(const std::string& type) { return type == "f32" ? 4 : 8; }

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  static constexpr auto table = crcTable();
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

json BlobWriter::reference(std::size_t count, const char* type) {
  return json{{"offset", bytes_.size()}, {"count", count}, {"type", type}};
}

json BlobWriter::add(const Eigen::VectorXd& v) {
  // An empty vector's data() is null, and memcpy from null is undefined even for 0 bytes (GCC
  // then drops Eigen's null check when freeing the float copy).
  if (v.size() == 0) return reference(0, "f64");
  bool exactInFloat = true;
  for (Eigen::Index i = 0; i < v.size() && exactInFloat; ++i)
    exactInFloat = double(float(v[i])) == v[i] || std::isnan(v[i]);
  json ref = reference(std::size_t(v.size()), exactInFloat ? "f32" : "f64");
  const std::size_t start = bytes_.size();
  if (exactInFloat) {
    const Eigen::VectorXf f = v.cast<float>();
    if constexpr (std::endian::native == std::endian::little) {  // the bytes as they are in memory
      bytes_.resize(start + 4 * std::size_t(f.size()));
      std::memcpy(bytes_.data() + start, f.data(), 4 * std::size_t(f.size()));
    } else {
      for (float x : f) appendLittleEndian(bytes_, std::bit_cast<std::uint32_t>(x));
    }
  } else if constexpr (std::endian::native == std::endian::little) {
    bytes_.resize(start + 8 * std::size_t(v.size()));
    std::memcpy(bytes_.data() + start, v.data(), 8 * std::size_t(v.size()));
  } else {
    for (double x : v) appendLittleEndian(bytes_, std::bit_cast<std::uint64_t>(x));
  }
  return ref;
}

json BlobWriter::add(const std::vector<std::int64_t>& v) {
  json ref = reference(v.size(), "i64");
  for (std::int64_t x : v) appendLittleEndian(bytes_, std::bit_cast<std::uint64_t>(x));
  return ref;
}

BlobReader::Span BlobReader::span(const json& ref, const std::string& path, long count) const {
  jf::rejectUnknownKeys(ref, {"offset", "count", "type"}, path);
  const long offset = jf::integer(jf::require(ref, "offset", path), jf::join(path, "offset"));
  const long n = jf::integer(jf::require(ref, "count", path), jf::join(path, "count"));
  const std::string type = jf::string(jf::require(ref, "type", path), jf::join(path, "type"));
  if (type != "f64" && type != "f32" && type != "i64")
    throw InputError(jf::join(path, "type") + ": unknown \"" + type + "\" (allowed: f64, f32, i64)");
  if (offset < 0 || n < 0 || std::size_t(offset) > bytes_.size() ||
      std::size_t(n) > (bytes_.size() - std::size_t(offset)) / sizeOf(type))
    throw InputError(path + ": " + std::to_string(n) + " values at byte " + std::to_string(offset) +
                     " lie outside the binary part (" + std::to_string(bytes_.size()) + " bytes)");
  if (count >= 0 && n != count)
    throw InputError(path + ": " + std::to_string(n) + " values, expected " + std::to_string(count));
  return {std::size_t(offset), std::size_t(n), type};
}

Eigen::VectorXd BlobReader::vector(const json& ref, const std::string& path, long count) const {
  const Span s = span(ref, path, count);
  if (s.type == "i64") throw InputError(jf::join(path, "type") + ": expected f64 or f32 numbers, got i64");
  Eigen::VectorXd v(Eigen::Index(s.count));
  const char* p = bytes_.data() + s.offset;
  for (std::size_t i = 0; i < s.count; ++i)
    v[Eigen::Index(i)] = s.type == "f32" ? double(std::bit_cast<float>(readLittleEndian<std::uint32_t>(p + 4 * i)))
                                         : std::bit_cast<double>(readLittleEndian<std::uint64_t>(p + 8 * i));
  return v;
}

std::vector<std::int64_t> BlobReader::integers(const json& ref, const std::string& path, long count) const {
  const Span s = span(ref, path, count);
  if (s.type != "i64") throw InputError(jf::join(path, "type") + ": expected i64 integers, got " + s.type);
  std::vector<std::int64_t> v(s.count);
  const char* p = bytes_.data() + s.offset;
  for (std::size_t i = 0; i < s.count; ++i) v[i] = std::bit_cast<std::int64_t>(readLittleEndian<std::uint64_t>(p + 8 * i));
  return v;
}

}  // namespace losslab
