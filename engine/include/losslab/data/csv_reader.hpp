#pragma once
// Reads a comma-separated file one record at a time, so that a table too large to load can be
// refused before it is read in full. Quoting as in RFC 4180 within a line ("a, b"; "" is a quote),
// no line breaks inside cells. Blank lines are skipped; a UTF-8 byte-order mark and CR LF line
// ends are accepted; spaces around unquoted cells are dropped.
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

class CsvReader {
 public:
  explicit CsvReader(const std::string& path);  // InputError if missing or unreadable
  // The next record's cells; false at the end of the file. InputError on an unclosed quote.
  bool next(std::vector<std::string>& cells);
  long line() const { return line_; }  // 1-based line of the record last read
  const std::string& path() const { return path_; }
  // "<path>, line <n>" for messages about the record last read.
  std::string where() const;

 private:
  std::string path_;
  std::ifstream in_;
  std::string text_;
  long line_ = 0;
};

enum class CsvNumber { Ok, NotANumber, NotFinite };
// A cell as a float64: the whole cell must be the number (an optional leading '+' is allowed).
// NaN, infinities and values beyond float64's range are NotFinite.
CsvNumber parseCsvNumber(std::string_view cell, double& value);

}  // namespace losslab
