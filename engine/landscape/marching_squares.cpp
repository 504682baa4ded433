#include "losslab/landscape/marching_squares.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "losslab/core/error.hpp"

namespace losslab {
namespace {

using Index = Eigen::Index;
using Segment = std::array<Index, 2>;  // the two cell edges it joins

// A cell's edges in order bottom (y = j), right (x = i+1), top (y = j+1), left (x = i), and the
// two edges around each corner 00, 10, 11, 01 (same order as the case bits).
constexpr int kCornerEdges[4][2] = {{0, 3}, {0, 1}, {1, 2}, {2, 3}};

struct Field {
  const std::vector<double>& xs;
  const std::vector<double>& ys;
  Eigen::MatrixXd f;  // values, log10 under Log, NaN for gaps
  Index nx, ny;

  // Edge ids: x-directed edges (i, j)-(i+1, j) first, then y-directed (i, j)-(i, j+1).
  Index cellEdge(Index i, Index j, int e) const {
    switch (e) {
      case 0: return j * (nx - 1) + i;
      case 1: return (nx - 1) * ny + (i + 1) * (ny - 1) + j;
      case 2: return (j + 1) * (nx - 1) + i;
      default: return (nx - 1) * ny + i * (ny - 1) + j;
    }
  }
  Eigen::Vector2d crossing(Index id, double level) const {
    Index i0, j0, i1, j1;
    if (id < (nx - 1) * ny) {
      i0 = id % (nx - 1), j0 = id / (nx - 1), i1 = i0 + 1, j1 = j0;
    } else {
      id -= (nx - 1) * ny;
      i0 = id / (ny - 1), j0 = id % (ny - 1), i1 = i0, j1 = j0 + 1;
    }
    const double t = (level - f(i0, j0)) / (f(i1, j1) - f(i0, j0));
    return {xs[i0] + t * (xs[i1] - xs[i0]), ys[j0] + t * (ys[j1] - ys[j0])};
  }
};

std::vector<Segment> cellSegments(const Field& g, double level) {
  std::vector<Segment> segments;
  for (Index j = 0; j + 1 < g.ny; ++j)
    for (Index i = 0; i + 1 < g.nx; ++i) {
      const double v[4] = {g.f(i, j), g.f(i + 1, j), g.f(i + 1, j + 1), g.f(i, j + 1)};
      if (!(std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]) && std::isfinite(v[3]))) continue;
      int above = 0;
      for (int c = 0; c < 4; ++c) above |= (v[c] >= level) << c;
      if (above == 0 || above == 15) continue;
      if (above == 5 || above == 10) {  // saddle: cut off the corners on the centre's other side
        const bool centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
        for (int c = 0; c < 4; ++c)
          if (bool(above >> c & 1) != centreAbove)
            segments.push_back({g.cellEdge(i, j, kCornerEdges[c][0]), g.cellEdge(i, j, kCornerEdges[c][1])});
        continue;
      }
      Index ends[2];
      int n = 0;
      for (int e = 0; e < 4; ++e)  // edge e joins corners e and e+1
        if (bool(above >> e & 1) != bool(above >> ((e + 1) % 4) & 1)) ends[n++] = g.cellEdge(i, j, e);
      segments.push_back({ends[0], ends[1]});
    }
  return segments;
}

// Joins segments sharing an edge into polylines: open chains first (from their loose ends),
// then closed loops.
std::vector<Polyline> joinSegments(const Field& g, const std::vector<Segment>& segs, double level) {
  std::unordered_map<Index, std::vector<size_t>> at;
  for (size_t s = 0; s < segs.size(); ++s)
    for (Index e : segs[s]) at[e].push_back(s);
  std::vector<bool> used(segs.size(), false);
  std::vector<Polyline> lines;
  auto walk = [&](Index edge, size_t seg) {
    Polyline line{g.crossing(edge, level)};
    while (true) {
      used[seg] = true;
      edge = segs[seg][0] == edge ? segs[seg][1] : segs[seg][0];
      line.push_back(g.crossing(edge, level));
      bool next = false;
      for (size_t s : at[edge])
        if (!used[s]) seg = s, next = true;
      if (!next) break;
    }
    lines.push_back(std::move(line));
  };
  for (size_t s = 0; s < segs.size(); ++s)
    for (Index e : segs[s])
      if (!used[s] && at[e].size() == 1) walk(e, s);
  for (size_t s = 0; s < segs.size(); ++s)
    if (!used[s]) walk(segs[s][0], s);
  return lines;
}

}  // namespace

ContourSet contourLines(const std::vector<double>& xs, const std::vector<double>& ys,
                        const Eigen::MatrixXd& field, const std::vector<double>& levels,
                        LevelSpacing spacing) {
  if (Index(xs.size()) != field.rows() || Index(ys.size()) != field.cols())
    throw InputError("contours: the field is " + std::to_string(field.rows()) + " x " +
                     std::to_string(field.cols()) + " but the axes have " + std::to_string(xs.size()) +
                     " and " + std::to_string(ys.size()) + " values");
  const bool log = spacing == LevelSpacing::Log;
  Field g{xs, ys, field, field.rows(), field.cols()};
  ContourSet out;
  if (log)
    for (Index k = 0; k < g.f.size(); ++k) {
      double& v = g.f.data()[k];
      if (v <= 0) ++out.skippedNonPositive;
      v = v > 0 ? std::log10(v) : std::numeric_limits<double>::quiet_NaN();
    }
  for (double level : levels) {
    ContourLine line{level, {}};
    if (g.nx >= 2 && g.ny >= 2 && (!log || level > 0)) {
      const double l = log ? std::log10(level) : level;
      line.polylines = joinSegments(g, cellSegments(g, l), l);
    }
    out.lines.push_back(std::move(line));
  }
  return out;
}

}  // namespace losslab
