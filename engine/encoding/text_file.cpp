#include "losslab/encoding/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "losslab/core/error.hpp"

namespace losslab {

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open for reading (" + std::strerror(errno) + ")");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path + ": read error");
  return buffer.str();
}

namespace {
// A device or a pipe (/dev/stdout, /dev/full) has no directory entry to swap: a rename would
// put a regular file in its place (root may do that in /dev). It is written in place.
bool isSpecialFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  return !ec && (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status) ||
                 std::filesystem::is_fifo(status) || std::filesystem::is_socket(status));
}
}  // namespace

void writeTextFileAtomically(const std::string& path, const std::string& content) {
  const bool special = isSpecialFile(path);
  const std::string temporary = special ? path : path + ".tmp-losslab";
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) throw InputError(path + ": cannot write (" + std::strerror(errno) + ")");
  const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool flushed = std::fflush(f) == 0;
  const int savedErrno = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written || !flushed || !closed) {
    if (!special) std::remove(temporary.c_str());
    throw InputError(path + ": write failed (" + std::strerror(savedErrno) + ")");
  }
  if (special) return;
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::remove(temporary.c_str());
    throw InputError(path + ": cannot replace (" + std::strerror(e) + ")");
  }
}

}  // namespace losslab
