#include "losslab/data/csv_dataset.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "losslab/core/error.hpp"
#include "losslab/data/csv_reader.hpp"
#include "losslab/data/dataset_builders.hpp"

namespace losslab {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string columnName(const std::vector<std::string>& header, std::size_t c) {
  return "column " + quoted(header[c]) + " (index " + std::to_string(c) + ")";
}

std::size_t findLabelColumn(const std::vector<std::string>& header, const CsvDataSpec& spec) {
  if (spec.labelColumn.empty()) return header.size() - 1;
  const auto named = std::find(header.begin(), header.end(), spec.labelColumn);
  if (named != header.end()) return static_cast<std::size_t>(named - header.begin());
  std::size_t index = 0;
  const std::string& s = spec.labelColumn;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
  if (ec == std::errc() && ptr == s.data() + s.size() && index < header.size()) return index;
  std::string names;
  for (const std::string& h : header) names += (names.empty() ? "" : ", ") + quoted(h);
  throw InputError(spec.path + ": data.label_column = " + quoted(s) +
                   " is neither a column name in the header nor an index from 0 to " +
                   std::to_string(header.size() - 1) + "; the columns are " + names);
}

// `rule` says why the cell must be a number, e.g. "feature columns must be numeric".
double numberCell(const CsvReader& reader, const std::vector<std::string>& header,
                  const std::string& cell, std::size_t c, const char* rule) {
  double value = 0;
  switch (parseCsvNumber(cell, value)) {
    case CsvNumber::Ok: return value;
    case CsvNumber::NotFinite:
      throw InputError(reader.where() + ", " + columnName(header, c) + ": " + quoted(cell) +
                       " is not a finite number (NaN and infinity are not allowed)");
    case CsvNumber::NotANumber: break;
  }
  throw InputError(reader.where() + ", " + columnName(header, c) + ": " +
                   (cell.empty() ? std::string("the cell is empty") : quoted(cell) +
                    " is not a number") + "; " + rule);
}

// Distinct label texts → class indices in sorted order (numeric when all are numbers, so that
// "10" follows "9" and "1" and "1.0" are one class).
std::vector<int> classIndices(const std::vector<std::string>& texts, int& numClasses) {
  std::map<std::string, double> distinct;
  bool allNumeric = true;
  for (const std::string& t : texts) {
    auto [it, inserted] = distinct.emplace(t, 0.0);
    if (inserted) allNumeric = allNumeric && parseCsvNumber(t, it->second) == CsvNumber::Ok;
  }
  std::map<std::string, int> index;
  if (allNumeric) {
    std::map<double, int> byValue;
    for (const auto& [text, value] : distinct) byValue.emplace(value, 0);
    int next = 0;
    for (auto& [value, k] : byValue) k = next++;
    for (const auto& [text, value] : distinct) index[text] = byValue[value];
    numClasses = next;
  } else {
    int next = 0;
    for (const auto& [text, value] : distinct) index[text] = next++;
    numClasses = next;
  }
  std::vector<int> labels;
  labels.reserve(texts.size());
  for (const std::string& t : texts) labels.push_back(index[t]);
  return labels;
}

}  // namespace

Dataset loadCsvDataset(const CsvDataSpec& spec) {
  CsvReader reader(spec.path);
  std::vector<std::string> header;
  if (!reader.next(header))
    throw InputError(spec.path + ": the file is empty; expected a header row, then one row per "
                     "sample");
  if (header.size() < 2)
    throw InputError(reader.where() + ": the header has " + std::to_string(header.size()) +
                     " column; a data set needs at least one feature column and a label column");
  const std::size_t labelColumn = findLabelColumn(header, spec);
  const long columns = static_cast<long>(header.size());

  std::vector<double> features;  // sample-major: exactly the column-major layout of x
  std::vector<std::string> labelTexts;
  std::vector<double> targets;
  std::vector<std::string> row;
  long cells = 0;
  while (reader.next(row)) {
    if (static_cast<long>(row.size()) != columns)
      throw InputError(reader.where() + ": " + std::to_string(row.size()) +
                       " cells, but the header has " + std::to_string(columns) +
                       " columns (ragged row)");
    cells += columns;
    if (cells > spec.maxCells)
      throw InputError(reader.where() + ": the table has more than " +
                       std::to_string(spec.maxCells) + " cells (rows x columns), the most "
                       "LossLab loads; use a sample of the rows or fewer columns");
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c != labelColumn) {
        features.push_back(
            numberCell(reader, header, row[c], c, "feature columns must be numeric"));
      } else if (spec.task == Task::Regression) {
        targets.push_back(
            numberCell(reader, header, row[c], c, "regression labels must be numbers"));
      } else if (row[c].empty()) {
        throw InputError(reader.where() + ", " + columnName(header, c) + ": the label is empty");
      } else {
        labelTexts.push_back(row[c]);
      }
    }
  }
  const long samples = cells / columns;
  if (samples == 0)
    throw InputError(spec.path + ": no data rows after the header");

  Eigen::MatrixXd x = Eigen::Map<const Eigen::MatrixXd>(features.data(), columns - 1, samples);
  if (spec.task == Task::Regression)
    return regressionData(std::move(x), Eigen::Map<const Eigen::MatrixXd>(targets.data(), 1,
                                                                         samples));
  int numClasses = 0;
  std::vector<int> labels = classIndices(labelTexts, numClasses);
  if (numClasses < 2)
    throw InputError(spec.path + ", " + columnName(header, labelColumn) +
                     ": every row has the label " + quoted(labelTexts.front()) +
                     "; classification needs at least 2 classes");
  return classificationData(std::move(x), std::move(labels), numClasses);
}

}  // namespace losslab
