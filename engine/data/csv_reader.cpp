#include "losslab/data/csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "losslab/core/error.hpp"

namespace losslab {
namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": file not found");
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path + ": is a directory, not a CSV file");
  in_.open(path, std::ios::binary);
  if (!in_) throw InputError(path + ": cannot open for reading");
}

std::string CsvReader::where() const { return path_ + ", line " + std::to_string(line_); }

bool CsvReader::next(std::vector<std::string>& cells) {
  cells.clear();
  while (std::getline(in_, text_)) {
    ++line_;
    if (line_ == 1 && text_.starts_with("\xEF\xBB\xBF")) text_.erase(0, 3);
    if (!text_.empty() && text_.back() == '\r') text_.pop_back();
    if (trimmed(text_).empty()) continue;

    std::string cell;
    bool quoted = false;       // inside quotes
    bool wasQuoted = false;    // this cell began with a quote: keep its spaces
    for (std::size_t i = 0; i <= text_.size(); ++i) {
      const char c = i < text_.size() ? text_[i] : ',';
      if (quoted) {
        if (i == text_.size())
          throw InputError(where() + ": a quoted cell is not closed (a '\"' is missing)");
        if (c != '"') {
          cell += c;
        } else if (i + 1 < text_.size() && text_[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '"' && trimmed(cell).empty()) {
        quoted = wasQuoted = true;
        cell.clear();
      } else if (c == ',') {
        cells.emplace_back(wasQuoted ? std::string_view(cell) : trimmed(cell));
        cell.clear();
        wasQuoted = false;
      } else {
        cell += c;
      }
    }
    return true;
  }
  if (in_.bad()) throw InputError(path_ + ": read error after line " + std::to_string(line_));
  return false;
}

CsvNumber parseCsvNumber(std::string_view cell, double& value) {
  if (cell.size() > 1 && cell[0] == '+' && cell[1] != '-' && cell[1] != '+') cell.remove_prefix(1);
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, value);
  if (ptr != end || cell.empty()) return CsvNumber::NotANumber;
  if (ec == std::errc::result_out_of_range || !std::isfinite(value)) return CsvNumber::NotFinite;
  if (ec != std::errc()) return CsvNumber::NotANumber;
  return CsvNumber::Ok;
}

}  // namespace losslab
