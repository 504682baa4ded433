#pragma once
// The real data sets shipped with LossLab (resources/datasets, from scikit-learn; see
// LICENSE-sklearn-datasets.txt there): digits, iris, wine, breast_cancer.
#include <string>
#include <vector>

#include "losslab/data/dataset.hpp"

namespace losslab {

bool isBundledDataset(const std::string& name);
const std::vector<std::string>& bundledDatasetNames();

// Where the data files are looked for, in order: $LOSSLAB_DATA_DIR alone if it is set; otherwise
// <executable's dir>/../share/losslab/datasets (installed), then the source tree's
// resources/datasets.
std::vector<std::string> datasetDirectories();

// Reads the named data set (features x samples, raw values). InputError if the name is unknown,
// the file is in none of datasetDirectories() (the message lists the paths tried), or the file
// is not the expected table.
Dataset loadBundledDataset(const std::string& name);

}  // namespace losslab
