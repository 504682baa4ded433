#pragma once
// Experiments the window opens: the bundled default preset and files named by the user.
#include <QString>

#include "losslab/config/experiment.hpp"

namespace losslab {

// The preset the window starts on, compiled into the binary (resources/losslab.qrc), so an
// installed program does not depend on the source tree.
QString defaultPresetPath();
// Makes the compiled-in resources (":/presets", ":/sweeps") readable; idempotent.
void initBundledResources();

// Reads a losslab-experiment/1 file from disk or from the resources (":/..."). Throws InputError
// naming the file and what is wrong with it.
ExperimentConfig loadExperimentFile(const QString& path);

}  // namespace losslab
