#pragma once
// The probe results a losslab-session/1 file keeps beside the run: the last Hessian spectrum
// (SpectrumResult as the spectrum view draws it) and the last landscape picture, with the plane
// it lies in, so that a reopened session shows both again and draws the path over the map.
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/encoding/session_blob.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/landscape/landscape_surface.hpp"

namespace losslab {

// One landscape picture: how its directions were made, the plane, the grid and the slice.
struct SessionLandscape {
  std::string directions = "random";  // random, hessian, trajectory_pca, interpolation
  long step = 0;                      // the snapshot the directions were derived at
  long fromStep = 0;                  // interpolation: the checkpoint at t = 0
  std::array<double, 2> explainedVariance{0, 0}, eigenvalues{0, 0};
  bool converged = true;
  LandscapePlane plane;               // dir2 empty for an interpolation
  Eigen::VectorXd centre;             // the grid's (0, 0)
  long centreStep = 0;                // the snapshot the centre came from
  std::optional<LandscapeGrid> grid;  // the 2-D kinds
  LandscapeSlice slice;
  bool testData = false;              // the map shows the test loss
  double seconds = 0.0;
};

bool isLandscapeDirections(const std::string& name);

nlohmann::json toJson(const SpectrumResult& spectrum, BlobWriter& blob);
SpectrumResult spectrumFromJson(const nlohmann::json& value, const BlobReader& blob, const std::string& path);
nlohmann::json toJson(const SessionLandscape& landscape, BlobWriter& blob);
SessionLandscape landscapeFromJson(const nlohmann::json& value, const BlobReader& blob, const std::string& path);

}  // namespace losslab
