#pragma once
// Figures without anyone at the window (`losslab-cli figure`, tests): the window itself, never
// put on screen, trains the experiment, computes what the asked-for views need at the last step
// (the spectrum, the landscape, the prediction) and hands over its views' figures, the very ones
// File → Export writes, so the files (the data CSVs byte for byte) are the window's.
#include <QStringList>
#include <vector>

#include "losslab/widgets/figure.hpp"
#include "main_window/main_window.hpp"

namespace losslab {

struct HeadlessRun {
  long steps = 100;
  // "loss" (or "training"), "sharpness", "spectrum", "landscape", "collapse"
  QStringList views{"loss", "sharpness", "spectrum", "landscape", "collapse"};
  long sharpnessEvery = 10;  // λmax tracked every N steps (the sharpness view); 0: as the curvature controls say
  int timeoutMs = 600000;    // for the training and each probe
};

// The views as MainWindow::View, in the order given; throws InputError naming a bad one.
std::vector<MainWindow::View> headlessViews(const QStringList& names);

// Trains `window`'s run run.steps steps from step 0 and brings every view asked for up to date;
// throws InputError when the run or a probe fails or takes longer than the timeout.
void prepareHeadlessRun(MainWindow& window, const HeadlessRun& run);

// The window's figures of those views, after prepareHeadlessRun.
std::vector<Figure> headlessFigures(MainWindow& window, const HeadlessRun& run);

}  // namespace losslab
