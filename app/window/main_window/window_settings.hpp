#pragma once
// What the window remembers between sessions (QSettings): its size and layout, the view shown,
// the axis scales, and the last experiment (with the controls a teacher hid).
#include <optional>

#include "losslab/config/experiment.hpp"

namespace losslab {

class MainWindow;

void saveWindowSettings(const MainWindow& window);
void restoreWindowSettings(MainWindow& window);
// The experiment open when the window last closed, if it still reads.
std::optional<ExperimentConfig> lastExperiment();
void clearWindowSettings();

}  // namespace losslab
