#pragma once
// Landscapes as files a script can read: JSON (loss[i][j] at (alphas[i], betas[j])) and CSV (a
// header, then one row per point). Non-finite values become JSON null and empty CSV cells, as in
// metrics.csv; accuracy is left out of the JSON when it is undefined everywhere (regression).
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/landscape/convexity_map.hpp"
#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/landscape/landscape_surface.hpp"

namespace losslab {

// {"alphas": [...], "betas": [...], "loss": [[...]], "accuracy": [[...]]}
nlohmann::json toJson(const LandscapeGrid& grid);
// alpha,beta,loss,accuracy with alpha the slow index.
std::string toCsv(const LandscapeGrid& grid);

// {"lambda_max": [[...]], "lambda_min": [[...]], "convexity_ratio": [[...]],
//  "convexity_share_above_0.1": s, "hessian_vector_products": n}, indexed as the loss grid.
nlohmann::json toJson(const ConvexityGrid& grid);
// A grid's CSV (toCsv of the loss grid on the same points) with lambda_max, lambda_min and
// convexity_ratio appended to every row.
std::string withConvexityColumns(const std::string& gridCsv, const ConvexityGrid& grid);

// {coordinate + "s": [...], "loss": [...], "accuracy": [...]}, e.g. "alphas" or "ts".
nlohmann::json toJson(const LandscapeCurve& curve, const std::string& coordinate = "alpha");
// coordinate,loss,accuracy
std::string toCsv(const LandscapeCurve& curve, const std::string& coordinate = "alpha");

}  // namespace losslab
