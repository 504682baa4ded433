#pragma once
// `losslab --steps N --screenshot FILE`: train N steps, let the views draw, save the window as a
// PNG and quit. For the screenshot script (scripts/screenshots.sh) and the README's picture.
#include <QString>

namespace losslab {

class MainWindow;

// Steps the run (no play), waits until it stands at `steps`, the side-by-side maps (if shown)
// are computed and the views have drawn it, grabs
// the window into `path` and quits the application with 0 (1 if the file cannot be written).
void scheduleScreenshot(MainWindow& window, long steps, const QString& path);

}  // namespace losslab
