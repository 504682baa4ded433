#pragma once
// What the window saves of itself in a session: the run's state (captured between two steps by
// the engine) and, beside it, the pictures the probes made and the view shown. Only shared
// pointers, so taking one on the GUI thread costs nothing; sessionFile() builds the file's
// contents (copies included) wherever the write happens.
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "document/setting_change.hpp"
#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/io/session_file.hpp"
#include "losslab/probes/landscape_probe.hpp"

namespace losslab {

struct SessionCapture {
  std::shared_ptr<const RunState> state;
  SpectrumResultPtr spectrum;                      // the spectrum view's, if any
  std::shared_ptr<const LandscapeResult> landscape;  // the landscape tab's last complete picture
  QString view;     // "training", "sharpness", …: MainWindow::viewName
  QString path;     // the session file the window had open (kept by a recovery file)
  // The runs compared with it (Run → Compare), by their change: opening the file trains them
  // again from step 0 to the run's step, which gives their curves back exactly (runs are
  // deterministic), without a second run's state in the file.
  std::vector<SettingChange> compared;
};

SessionFile sessionFile(const SessionCapture& capture);

// The window's part of a session file ({"view", "path"}), empty strings where absent.
QString savedView(const SessionFile& file);
QString savedPath(const SessionFile& file);
// The compared runs' changes ("compared": ["lr=0.05", "seed=11"]); nullopt when the file does not
// say (written before comparisons were saved). Throws InputError for an entry that does not read.
std::optional<std::vector<SettingChange>> savedComparisons(const SessionFile& file);

}  // namespace losslab
