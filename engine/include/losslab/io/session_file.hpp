#pragma once
// Session files (losslab-session/1, README "Sessions"): a run with everything needed to show it
// again and to continue it exactly — the experiment in force, the tracking settings, the metrics
// history, checkpoints, the trainer's state (parameters, optimizer buffers, sample order) and
// the last spectrum and landscape. One header line, a JSON part and a binary part, each with
// its length and CRC-32 in the header, so a truncated or corrupted file is named as such and
// never read as something else. Writes are atomic (temporary file + rename).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "losslab/io/session_probes.hpp"
#include "losslab/run/run_state.hpp"

namespace losslab {

inline constexpr const char* kSessionFormat = "losslab-session/1";

struct SessionFile {
  RunState run;
  std::optional<SpectrumResult> spectrum;
  std::optional<SessionLandscape> landscape;
  std::string engineVersion;  // of the LossLab that wrote it (set on write)
  // The front end's own state (the window's view), kept as it is; null: none (key "window").
  nlohmann::json window = nullptr;
};

struct SessionWriteOptions {
  // At most this many checkpoints, spread evenly over the run, the newest always among them
  // (an autosave keeps its files small); 0 keeps them all.
  std::size_t maxCheckpoints = 0;
};

std::string encodeSession(const SessionFile& session, const SessionWriteOptions& options = {});
// Throws InputError starting with `origin`: what is wrong (not a session, truncated, a
// corrupted part, a field out of range) and where.
SessionFile decodeSession(std::string_view bytes, const std::string& origin = "session");

void writeSessionFile(const std::string& path, const SessionFile& session, const SessionWriteOptions& options = {});
SessionFile readSessionFile(const std::string& path);

}  // namespace losslab
