#pragma once
// A user's table as a data set: a header row, numeric feature columns and one label column.
#include <string>

#include "losslab/data/dataset.hpp"

namespace losslab {

// Tables are refused past this many cells (rows x columns), counted while reading.
inline constexpr long kMaxCsvCells = 10'000'000;

struct CsvDataSpec {
  std::string path;
  std::string labelColumn;  // a header name, or a 0-based index; empty: the last column
  Task task = Task::Classification;
  long maxCells = kMaxCsvCells;
};

// Classification labels may be any text; their distinct values become classes 0..C-1 in sorted
// order (numeric order when every label is a number). Regression labels must be numbers.
// Throws InputError naming the file, line and column for: a missing or empty file, ragged rows,
// non-numeric or non-finite cells, an unknown label column, fewer than 2 classes, too many cells.
Dataset loadCsvDataset(const CsvDataSpec& spec);

}  // namespace losslab
