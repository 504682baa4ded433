#include "losslab/io/session_probes.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/io/session_records.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

std::vector<double> asVector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }
Eigen::VectorXd asEigen(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), Eigen::Index(v.size()));
}

json toJson(const LandscapeCurve& c) {
  return {{"coordinates", exactNumbers(c.coordinates)}, {"loss", exactNumbers(asVector(c.loss))},
          {"accuracy", exactNumbers(asVector(c.accuracy))}};
}
LandscapeCurve curveFrom(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"coordinates", "loss", "accuracy"}, path);
  LandscapeCurve c;
  c.coordinates = exactNumbersFrom(jf::require(v, "coordinates", path), jf::join(path, "coordinates"));
  const long n = long(c.coordinates.size());
  c.loss = asEigen(exactNumbersFrom(jf::require(v, "loss", path), jf::join(path, "loss"), n));
  c.accuracy = asEigen(exactNumbersFrom(jf::require(v, "accuracy", path), jf::join(path, "accuracy"), n));
  return c;
}

// An alphas x betas matrix, row i = alpha i (the order the grid's CSV is written in).
json matrixTo(const Eigen::MatrixXd& m, BlobWriter& blob) {
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = m;
  return blob.add(Eigen::Map<const Eigen::VectorXd>(rows.data(), rows.size()));
}
Eigen::MatrixXd matrixFrom(const json& ref, const BlobReader& blob, const std::string& path, long r, long c) {
  const Eigen::VectorXd v = blob.vector(ref, path, r * c);
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(v.data(), r, c);
}

}  // namespace

bool isLandscapeDirections(const std::string& name) {
  return name == "random" || name == "hessian" || name == "trajectory_pca" || name == "interpolation";
}

json toJson(const SpectrumResult& s, BlobWriter& blob) {
  json operators = json::array();
  for (const OperatorSpectrum& o : s.spectra) {
    const SpectralDensity& d = o.density;
    operators.push_back({{"kind", toString(o.kind)}, {"top", blob.add(o.top)}, {"converged", o.converged},
                         {"density", {{"nodes", exactNumbers(d.nodes)}, {"weights", exactNumbers(d.weights)},
                                      {"grid", blob.add(d.grid)}, {"values", blob.add(d.values)},
                                      {"sigma", exactNumber(d.sigma)}, {"products", d.products}}},
                         {"exact", blob.add(o.exact)}, {"products", o.products}});
  }
  return {{"step", s.step}, {"loss", toString(s.loss.kind)}, {"parameters", s.parameters}, {"samples", s.samples},
          {"subset", s.subset}, {"tolerance", exactNumber(s.tolerance)}, {"seconds", exactNumber(s.seconds)},
          {"operators", operators}};
}

SpectrumResult spectrumFromJson(const json& v, const BlobReader& blob, const std::string& path) {
  jf::rejectUnknownKeys(v, {"step", "loss", "parameters", "samples", "subset", "tolerance", "seconds", "operators"}, path);
  auto at = [&](const json& o, const char* key, const std::string& p) -> const json& { return jf::require(o, key, p); };
  SpectrumResult s;
  s.step = jf::integer(at(v, "step", path), jf::join(path, "step"));
  s.loss = lossFromString(jf::string(at(v, "loss", path), jf::join(path, "loss")));
  s.parameters = jf::integer(at(v, "parameters", path), jf::join(path, "parameters"));
  s.samples = jf::integer(at(v, "samples", path), jf::join(path, "samples"));
  s.subset = jf::boolean(at(v, "subset", path), jf::join(path, "subset"));
  s.tolerance = exactNumberFrom(at(v, "tolerance", path), jf::join(path, "tolerance"));
  s.seconds = exactNumberFrom(at(v, "seconds", path), jf::join(path, "seconds"));
  const json& ops = at(v, "operators", path);
  if (!ops.is_array()) throw InputError(jf::join(path, "operators") + ": expected an array");
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::string p = jf::at(jf::join(path, "operators"), i);
    jf::rejectUnknownKeys(ops[i], {"kind", "top", "converged", "density", "exact", "products"}, p);
    OperatorSpectrum o;
    o.kind = curvatureKindFromString(jf::string(at(ops[i], "kind", p), jf::join(p, "kind")));
    o.top = blob.vector(at(ops[i], "top", p), jf::join(p, "top"));
    o.converged = jf::boolean(at(ops[i], "converged", p), jf::join(p, "converged"));
    o.exact = blob.vector(at(ops[i], "exact", p), jf::join(p, "exact"));
    o.products = jf::integer(at(ops[i], "products", p), jf::join(p, "products"));
    const json& d = at(ops[i], "density", p);
    const std::string dp = jf::join(p, "density");
    jf::rejectUnknownKeys(d, {"nodes", "weights", "grid", "values", "sigma", "products"}, dp);
    o.density.nodes = exactNumbersFrom(at(d, "nodes", dp), jf::join(dp, "nodes"));
    o.density.weights = exactNumbersFrom(at(d, "weights", dp), jf::join(dp, "weights"), long(o.density.nodes.size()));
    o.density.grid = blob.vector(at(d, "grid", dp), jf::join(dp, "grid"));
    o.density.values = blob.vector(at(d, "values", dp), jf::join(dp, "values"), long(o.density.grid.size()));
    o.density.sigma = exactNumberFrom(at(d, "sigma", dp), jf::join(dp, "sigma"));
    o.density.products = jf::integer(at(d, "products", dp), jf::join(dp, "products"));
    s.spectra.push_back(std::move(o));
  }
  return s;
}

json toJson(const SessionLandscape& l, BlobWriter& blob) {
  json grid = nullptr;
  if (l.grid)
    grid = {{"alphas", exactNumbers(l.grid->alphas)}, {"betas", exactNumbers(l.grid->betas)},
            {"loss", matrixTo(l.grid->loss, blob)}, {"accuracy", matrixTo(l.grid->accuracy, blob)},
            {"stride", l.grid->stride}};
  return {{"directions", l.directions}, {"step", l.step}, {"from_step", l.fromStep},
          {"explained_variance", exactNumbers({l.explainedVariance[0], l.explainedVariance[1]})},
          {"eigenvalues", exactNumbers({l.eigenvalues[0], l.eigenvalues[1]})}, {"converged", l.converged},
          {"plane", {{"origin", blob.add(l.plane.origin)}, {"dir1", blob.add(l.plane.dir1)}, {"dir2", blob.add(l.plane.dir2)}}},
          {"centre", blob.add(l.centre)}, {"centre_step", l.centreStep}, {"grid", grid},
          {"slice", {{"train", toJson(l.slice.train)}, {"test", l.slice.test ? toJson(*l.slice.test) : json(nullptr)}}},
          {"test_data", l.testData}, {"seconds", exactNumber(l.seconds)}};
}

SessionLandscape landscapeFromJson(const json& v, const BlobReader& blob, const std::string& path) {
  jf::rejectUnknownKeys(v, {"directions", "step", "from_step", "explained_variance", "eigenvalues", "converged",
                            "plane", "centre", "centre_step", "grid", "slice", "test_data", "seconds"}, path);
  auto at = [&](const json& o, const char* key, const std::string& p) -> const json& { return jf::require(o, key, p); };
  auto name = [&](const char* key) { return jf::join(path, key); };
  SessionLandscape l;
  l.directions = jf::string(at(v, "directions", path), name("directions"));
  if (!isLandscapeDirections(l.directions))
    throw InputError(name("directions") + ": unknown \"" + l.directions +
                     "\" (allowed: random, hessian, trajectory_pca, interpolation)");
  l.step = jf::integer(at(v, "step", path), name("step"));
  l.fromStep = jf::integer(at(v, "from_step", path), name("from_step"));
  const auto ev = exactNumbersFrom(at(v, "explained_variance", path), name("explained_variance"), 2);
  const auto eig = exactNumbersFrom(at(v, "eigenvalues", path), name("eigenvalues"), 2);
  l.explainedVariance = {ev[0], ev[1]};
  l.eigenvalues = {eig[0], eig[1]};
  l.converged = jf::boolean(at(v, "converged", path), name("converged"));
  const json& plane = at(v, "plane", path);
  const std::string pp = name("plane");
  jf::rejectUnknownKeys(plane, {"origin", "dir1", "dir2"}, pp);
  l.plane.origin = blob.vector(at(plane, "origin", pp), jf::join(pp, "origin"));
  const long n = long(l.plane.origin.size());
  l.plane.dir1 = blob.vector(at(plane, "dir1", pp), jf::join(pp, "dir1"), n);
  l.plane.dir2 = blob.vector(at(plane, "dir2", pp), jf::join(pp, "dir2"));
  if (l.plane.dir2.size() != 0 && l.plane.dir2.size() != n)
    throw InputError(jf::join(pp, "dir2") + ": " + std::to_string(l.plane.dir2.size()) + " values, expected 0 or " + std::to_string(n));
  l.centre = blob.vector(at(v, "centre", path), name("centre"), n);
  l.centreStep = jf::integer(at(v, "centre_step", path), name("centre_step"));
  if (const json& g = at(v, "grid", path); !g.is_null()) {
    const std::string gp = name("grid");
    jf::rejectUnknownKeys(g, {"alphas", "betas", "loss", "accuracy", "stride"}, gp);
    LandscapeGrid grid;
    grid.alphas = exactNumbersFrom(at(g, "alphas", gp), jf::join(gp, "alphas"));
    grid.betas = exactNumbersFrom(at(g, "betas", gp), jf::join(gp, "betas"));
    const long r = long(grid.alphas.size()), c = long(grid.betas.size());
    grid.loss = matrixFrom(at(g, "loss", gp), blob, jf::join(gp, "loss"), r, c);
    grid.accuracy = matrixFrom(at(g, "accuracy", gp), blob, jf::join(gp, "accuracy"), r, c);
    grid.stride = int(jf::integer(at(g, "stride", gp), jf::join(gp, "stride")));
    l.grid = std::move(grid);
  }
  const json& slice = at(v, "slice", path);
  const std::string sp = name("slice");
  jf::rejectUnknownKeys(slice, {"train", "test"}, sp);
  l.slice.train = curveFrom(at(slice, "train", sp), jf::join(sp, "train"));
  if (const json& t = at(slice, "test", sp); !t.is_null()) l.slice.test = curveFrom(t, jf::join(sp, "test"));
  l.testData = jf::boolean(at(v, "test_data", path), name("test_data"));
  l.seconds = exactNumberFrom(at(v, "seconds", path), name("seconds"));
  return l;
}

}  // namespace losslab
