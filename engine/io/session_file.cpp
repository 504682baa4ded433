#include "losslab/io/session_file.hpp"

#include <cctype>
#include <cstdio>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/session_records.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

// Indices of at most `most` entries of `n`, evenly spread, the last always kept.
std::vector<std::size_t> spreadIndices(std::size_t n, std::size_t most) {
  std::vector<std::size_t> kept;
  if (most == 0 || n <= most) {
    for (std::size_t i = 0; i < n; ++i) kept.push_back(i);
    return kept;
  }
  for (std::size_t k = 0; k < most; ++k) kept.push_back(k * (n - 1) / (most - 1));
  return kept;
}

json checkpointsToJson(const RunState& run, std::size_t most, BlobWriter& blob) {
  const std::vector<std::size_t> kept = spreadIndices(run.checkpoints.size(), most);
  const Eigen::Index length = run.trainer.parameters.size();
  Eigen::VectorXd all(length * Eigen::Index(kept.size()));
  std::vector<long> steps;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Checkpoint& c = run.checkpoints[kept[k]];
    all.segment(Eigen::Index(k) * length, length) = *c.parameters;
    steps.push_back(c.step);
  }
  return {{"interval", run.checkpointInterval}, {"stride", run.checkpointStride}, {"length", length},
          {"steps", steps}, {"parameters", blob.add(all)}};
}

void checkpointsFrom(const json& v, const BlobReader& blob, RunState& run) {
  const std::string path = "checkpoints";
  jf::rejectUnknownKeys(v, {"interval", "stride", "length", "steps", "parameters"}, path);
  run.checkpointInterval = jf::integer(jf::require(v, "interval", path), "checkpoints.interval");
  run.checkpointStride = jf::integer(jf::require(v, "stride", path), "checkpoints.stride");
  const long length = jf::integer(jf::require(v, "length", path), "checkpoints.length");
  const json& steps = jf::require(v, "steps", path);
  if (!steps.is_array()) throw InputError("checkpoints.steps: expected an array of steps");
  if (length < 0 || length > 1L << 28) throw InputError("checkpoints.length: " + std::to_string(length) + " is out of range");
  const Eigen::VectorXd all = blob.vector(jf::require(v, "parameters", path), "checkpoints.parameters",
                                          length * long(steps.size()));
  for (std::size_t k = 0; k < steps.size(); ++k)
    run.checkpoints.push_back({jf::integer(steps[k], jf::at("checkpoints.steps", k)),
                               std::make_shared<const Eigen::VectorXd>(all.segment(Eigen::Index(k) * length, length))});
}

json trainerToJson(const TrainerState& t, BlobWriter& blob) {
  json v = {{"step", t.step}, {"samples_seen", t.samplesSeen}, {"diverged", t.diverged}, {"diverged_at", t.divergedAt},
          {"wall_seconds", exactNumber(t.wallSeconds)}, {"parameters", blob.add(t.parameters)},
          {"optimizer", {{"steps", t.optimizer.steps}, {"momentum_started", t.optimizer.momentumStarted},
                         {"momentum", blob.add(t.optimizer.momentum)},
                         {"second_moment", blob.add(t.optimizer.secondMoment)}}},
          {"shuffler", t.shuffler}, {"order", blob.add(t.order)}, {"cursor", t.cursor},
          {"warm_start", {{"hessian", blob.add(t.warmStart.hessian)}, {"gauss_newton", blob.add(t.warmStart.gaussNewton)},
                          {"preconditioned", blob.add(t.warmStart.preconditioned)}}}};
  // Added later, only where per-layer curvature is tracked: other sessions open in older builds.
  if (t.warmStart.perLayer.size() > 0) v["warm_start"]["per_layer"] = blob.add(t.warmStart.perLayer);
  if (t.effectiveTime != 0) v["effective_time"] = exactNumber(t.effectiveTime);
  if (t.subspace.size() > 0) v["subspace"] = blob.add(t.subspace);
  if (t.warmStart.flowHessian.size() > 0) v["warm_start"]["flow_hessian"] = blob.add(t.warmStart.flowHessian);
  if (const FlowPoint& f = t.warmStart.flow; f.parameters.size() > 0)
    v["warm_start"]["flow"] = {{"time", exactNumber(f.time)}, {"step_size", exactNumber(f.stepSize)},
                               {"parameters", blob.add(f.parameters)}};
  return v;
}

TrainerState trainerFrom(const json& v, const BlobReader& blob) {
  const std::string path = "trainer";
  jf::rejectUnknownKeys(v, {"step", "samples_seen", "diverged", "diverged_at", "wall_seconds", "parameters",
                            "optimizer", "shuffler", "order", "cursor", "warm_start", "effective_time", "subspace"}, path);
  auto at = [](const json& o, const char* key, const std::string& p) -> const json& { return jf::require(o, key, p); };
  TrainerState t;
  t.step = jf::integer(at(v, "step", path), "trainer.step");
  t.samplesSeen = jf::integer(at(v, "samples_seen", path), "trainer.samples_seen");
  t.diverged = jf::boolean(at(v, "diverged", path), "trainer.diverged");
  t.divergedAt = jf::integer(at(v, "diverged_at", path), "trainer.diverged_at");
  t.wallSeconds = exactNumberFrom(at(v, "wall_seconds", path), "trainer.wall_seconds");
  if (v.contains("effective_time")) t.effectiveTime = exactNumberFrom(v["effective_time"], "trainer.effective_time");
  if (v.contains("subspace")) t.subspace = blob.vector(v["subspace"], "trainer.subspace");
  t.parameters = blob.vector(at(v, "parameters", path), "trainer.parameters");
  const json& o = at(v, "optimizer", path);
  jf::rejectUnknownKeys(o, {"steps", "momentum_started", "momentum", "second_moment"}, "trainer.optimizer");
  t.optimizer.steps = jf::integer(at(o, "steps", "trainer.optimizer"), "trainer.optimizer.steps");
  t.optimizer.momentumStarted = jf::boolean(at(o, "momentum_started", "trainer.optimizer"), "trainer.optimizer.momentum_started");
  t.optimizer.momentum = blob.vector(at(o, "momentum", "trainer.optimizer"), "trainer.optimizer.momentum");
  t.optimizer.secondMoment = blob.vector(at(o, "second_moment", "trainer.optimizer"), "trainer.optimizer.second_moment");
  t.shuffler = jf::string(at(v, "shuffler", path), "trainer.shuffler");
  t.order = blob.integers(at(v, "order", path), "trainer.order");
  t.cursor = jf::integer(at(v, "cursor", path), "trainer.cursor");
  const json& w = at(v, "warm_start", path);
  jf::rejectUnknownKeys(w, {"hessian", "gauss_newton", "preconditioned", "per_layer", "flow_hessian", "flow"},
                        "trainer.warm_start");
  t.warmStart.hessian = blob.vector(at(w, "hessian", "trainer.warm_start"), "trainer.warm_start.hessian");
  t.warmStart.gaussNewton = blob.vector(at(w, "gauss_newton", "trainer.warm_start"), "trainer.warm_start.gauss_newton");
  t.warmStart.preconditioned = blob.vector(at(w, "preconditioned", "trainer.warm_start"), "trainer.warm_start.preconditioned");
  if (w.contains("per_layer")) t.warmStart.perLayer = blob.vector(w["per_layer"], "trainer.warm_start.per_layer");
  if (w.contains("flow_hessian"))
    t.warmStart.flowHessian = blob.vector(w["flow_hessian"], "trainer.warm_start.flow_hessian");
  if (w.contains("flow")) {
    const std::string fp = "trainer.warm_start.flow";
    const json& f = w["flow"];
    jf::rejectUnknownKeys(f, {"time", "step_size", "parameters"}, fp);
    t.warmStart.flow.time = exactNumberFrom(at(f, "time", fp), fp + ".time");
    t.warmStart.flow.stepSize = exactNumberFrom(at(f, "step_size", fp), fp + ".step_size");
    t.warmStart.flow.parameters = blob.vector(at(f, "parameters", fp), fp + ".parameters");
  }
  return t;
}

std::string hex8(std::uint32_t v) {
  char s[9];
  std::snprintf(s, sizeof s, "%08x", v);
  return s;
}

// The header line's four fields: JSON bytes, JSON CRC, binary bytes, binary CRC.
struct Envelope {
  std::size_t jsonBytes = 0, blobBytes = 0;
  std::uint32_t jsonCrc = 0, blobCrc = 0;
};

bool parseField(const std::string& text, int base, std::uint64_t& out) {
  if (text.empty() || text.size() > 16) return false;
  for (char c : text)
    if (!(base == 10 ? std::isdigit(static_cast<unsigned char>(c)) : std::isxdigit(static_cast<unsigned char>(c)))) return false;
  out = std::stoull(text, nullptr, base);
  return true;
}

Envelope readEnvelope(std::string_view bytes, std::size_t& headerEnd) {
  if (bytes.empty()) throw InputError("the file is empty");
  const std::string magic = std::string(kSessionFormat) + " ";
  const std::string_view family = "losslab-session/";
  if (bytes.substr(0, family.size()) != family)
    throw InputError("not a LossLab session (a session file starts with \"" + std::string(kSessionFormat) + "\")");
  headerEnd = bytes.find('\n');
  if (headerEnd == std::string_view::npos || headerEnd > 200)
    throw InputError(headerEnd == std::string_view::npos && bytes.size() < 200 ? "truncated inside the header line"
                                                                               : "the header line is malformed");
  const std::string header(bytes.substr(0, headerEnd));
  if (header.rfind(magic, 0) != 0)
    throw InputError("format \"" + header.substr(0, header.find(' ')) + "\" is not " + kSessionFormat +
                     " (a newer LossLab wrote it, or the header is corrupted)");
  std::vector<std::string> fields;
  std::size_t start = magic.size();
  while (start <= header.size()) {
    const std::size_t space = header.find(' ', start);
    fields.push_back(header.substr(start, space == std::string::npos ? std::string::npos : space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  std::uint64_t v[4];
  if (fields.size() != 4 || !parseField(fields[0], 10, v[0]) || !parseField(fields[1], 16, v[1]) ||
      !parseField(fields[2], 10, v[2]) || !parseField(fields[3], 16, v[3]) || fields[1].size() != 8 || fields[3].size() != 8)
    throw InputError("the header line is malformed (expected: " + std::string(kSessionFormat) +
                     " <JSON bytes> <JSON CRC-32> <binary bytes> <binary CRC-32>)");
  return {std::size_t(v[0]), std::size_t(v[2]), std::uint32_t(v[1]), std::uint32_t(v[3])};
}

// Every vector of the parameters' shape has their length (the network itself is checked when
// the run is built from the config, which a file alone cannot do).
void checkLengths(const SessionFile& s) {
  const Eigen::Index n = s.run.trainer.parameters.size();
  auto check = [n](Eigen::Index size, const std::string& path, bool emptyAllowed) {
    if (size != n && !(emptyAllowed && size == 0))
      throw InputError(path + ": " + std::to_string(size) + " values, but trainer.parameters has " + std::to_string(n));
  };
  if (!s.run.checkpoints.empty()) check(s.run.checkpoints.front().parameters->size(), "checkpoints.length", false);
  // The optimizer's buffers are the trained coordinates' (z in a subspace run).
  const Eigen::Index trained = s.run.trainer.subspace.size() > 0 ? s.run.trainer.subspace.size() : n;
  for (auto [size, path] : {std::pair{s.run.trainer.optimizer.momentum.size(), "trainer.optimizer.momentum"},
                            std::pair{s.run.trainer.optimizer.secondMoment.size(), "trainer.optimizer.second_moment"}})
    if (size != trained && size != 0)
      throw InputError(std::string(path) + ": " + std::to_string(size) + " values, but the run trains " +
                       std::to_string(trained) + (trained == n ? " parameters" : " subspace coordinates"));
  check(s.run.trainer.warmStart.hessian.size(), "trainer.warm_start.hessian", true);
  check(s.run.trainer.warmStart.gaussNewton.size(), "trainer.warm_start.gauss_newton", true);
  check(s.run.trainer.warmStart.preconditioned.size(), "trainer.warm_start.preconditioned", true);
  check(s.run.trainer.warmStart.perLayer.size(), "trainer.warm_start.per_layer", true);
  check(s.run.trainer.warmStart.flowHessian.size(), "trainer.warm_start.flow_hessian", true);
  check(s.run.trainer.warmStart.flow.parameters.size(), "trainer.warm_start.flow.parameters", true);
  if (s.landscape) check(s.landscape->plane.origin.size(), "probes.landscape.plane.origin", false);
}

SessionFile sessionFromJson(const json& doc, const BlobReader& blob) {
  jf::rejectUnknownKeys(doc, {"format", "engine_version", "experiment", "tracking", "history", "checkpoints",
                              "trainer", "probes", "window"}, "");
  if (jf::string(jf::require(doc, "format", ""), "format") != kSessionFormat)
    throw InputError("format: not " + std::string(kSessionFormat));
  SessionFile s;
  s.engineVersion = jf::string(jf::require(doc, "engine_version", ""), "engine_version");
  try {
    s.run.config = experimentFromJson(jf::require(doc, "experiment", ""));
  } catch (const InputError& e) {
    throw InputError(std::string("experiment.") + e.what());
  }
  const json& tracking = jf::require(doc, "tracking", "");
  jf::rejectUnknownKeys(tracking, {"curvature", "collapse"}, "tracking");
  s.run.curvature = curvatureTrackingFromJson(jf::require(tracking, "curvature", "tracking"), "tracking.curvature");
  s.run.collapse = collapseTrackingFromJson(jf::require(tracking, "collapse", "tracking"), "tracking.collapse");
  s.run.history = historyFromJson(jf::require(doc, "history", ""), "history", s.run.historyStride);
  checkpointsFrom(jf::require(doc, "checkpoints", ""), blob, s.run);
  s.run.trainer = trainerFrom(jf::require(doc, "trainer", ""), blob);
  const json& probes = jf::require(doc, "probes", "");
  jf::rejectUnknownKeys(probes, {"spectrum", "landscape"}, "probes");
  if (const json& p = jf::require(probes, "spectrum", "probes"); !p.is_null())
    s.spectrum = spectrumFromJson(p, blob, "probes.spectrum");
  if (const json& p = jf::require(probes, "landscape", "probes"); !p.is_null())
    s.landscape = landscapeFromJson(p, blob, "probes.landscape");
  if (const auto w = doc.find("window"); w != doc.end()) {
    if (!w->is_object()) throw InputError("window: expected an object");
    s.window = *w;
  }
  checkLengths(s);
  return s;
}

}  // namespace

std::string encodeSession(const SessionFile& s, const SessionWriteOptions& options) {
  BlobWriter blob;
  json doc{
      {"format", kSessionFormat},
      {"engine_version", LOSSLAB_VERSION},
      {"experiment", toJson(s.run.config)},
      {"tracking", {{"curvature", toJson(s.run.curvature)}, {"collapse", toJson(s.run.collapse)}}},
      {"history", historyToJson(s.run.history, s.run.historyStride)},
      {"checkpoints", checkpointsToJson(s.run, options.maxCheckpoints, blob)},
      {"trainer", trainerToJson(s.run.trainer, blob)},
      {"probes", {{"spectrum", s.spectrum ? toJson(*s.spectrum, blob) : json(nullptr)},
                  {"landscape", s.landscape ? toJson(*s.landscape, blob) : json(nullptr)}}}};
  if (!s.window.is_null()) doc["window"] = s.window;
  const std::string text = doc.dump();
  std::string out = std::string(kSessionFormat) + " " + std::to_string(text.size()) + " " + hex8(crc32(text)) + " " +
                    std::to_string(blob.bytes().size()) + " " + hex8(crc32(blob.bytes())) + "\n";
  out.reserve(out.size() + text.size() + 1 + blob.bytes().size());
  out += text;
  out += '\n';
  out += blob.bytes();
  return out;
}

SessionFile decodeSession(std::string_view bytes, const std::string& origin) {
  try {
    std::size_t headerEnd = 0;
    const Envelope e = readEnvelope(bytes, headerEnd);
    const std::size_t jsonStart = headerEnd + 1, blobStart = jsonStart + e.jsonBytes + 1;
    const std::size_t expected = blobStart + e.blobBytes;
    if (e.jsonBytes > bytes.size() || e.blobBytes > bytes.size() || bytes.size() < expected)
      throw InputError("truncated: " + std::to_string(bytes.size()) + " of " + std::to_string(expected) +
                       " bytes (the file ends inside its " + (bytes.size() < blobStart ? "JSON" : "binary") + " part)");
    if (bytes.size() > expected)
      throw InputError(std::to_string(bytes.size() - expected) + " bytes follow the end of the session (corrupted)");
    const std::string_view text = bytes.substr(jsonStart, e.jsonBytes), data = bytes.substr(blobStart, e.blobBytes);
    if (crc32(text) != e.jsonCrc) throw InputError("the JSON part is corrupted (its CRC-32 does not match the header)");
    if (bytes[blobStart - 1] != '\n') throw InputError("corrupted: no line break after the JSON part");
    if (crc32(data) != e.blobCrc) throw InputError("the binary part is corrupted (its CRC-32 does not match the header)");
    return sessionFromJson(jf::parse(std::string(text), "JSON part"), BlobReader(data));
  } catch (const InputError& e) {
    throw InputError(origin + ": " + e.what());
  } catch (const nlohmann::json::exception& e) {  // a type or range nlohmann checks itself
    throw InputError(origin + ": " + e.what());
  }
}

void writeSessionFile(const std::string& path, const SessionFile& session, const SessionWriteOptions& options) {
  writeTextFileAtomically(path, encodeSession(session, options));
}

SessionFile readSessionFile(const std::string& path) { return decodeSession(readTextFile(path), path); }

}  // namespace losslab
