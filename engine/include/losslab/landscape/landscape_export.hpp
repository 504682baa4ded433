#pragma once
// Landscapes as files a script can read: JSON (loss[i][j] at (alphas[i], betas[j])) and CSV (a
// header, then one row per point). Non-finite values become JSON null and empty CSV cells, as in
// metrics.csv; accuracy is left out of the JSON when it is undefined everywhere (regression).
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/landscape/landscape_surface.hpp"

namespace losslab {

// {"alphas": [...], "betas": [...], "loss": [[...]], "accuracy": [[...]]}
nlohmann::json toJson(const LandscapeGrid& grid);
// alpha,beta,loss,accuracy with alpha the slow index.
std::string toCsv(const LandscapeGrid& grid);

// {coordinate + "s": [...], "loss": [...], "accuracy": [...]}, e.g. "alphas" or "ts".
nlohmann::json toJson(const LandscapeCurve& curve, const std::string& coordinate = "alpha");
// coordinate,loss,accuracy
std::string toCsv(const LandscapeCurve& curve, const std::string& coordinate = "alpha");

}  // namespace losslab
