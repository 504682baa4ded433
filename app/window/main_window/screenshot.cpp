#include "main_window/screenshot.hpp"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

#include "losslab/widgets/landscape_surface_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/landscape_tab.hpp"

namespace losslab {

void scheduleScreenshot(MainWindow& window, long steps, const QString& path) {
  auto* poll = new QTimer(&window);
  poll->setInterval(100);
  QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, steps, path] {
    const SnapshotPtr s = window.bridge()->latest();
    if (!s || s->state == RunStatus::Running || (s->step < steps && s->state != RunStatus::Diverged)) return;
    for (int r = 0; r < window.comparison()->count(); ++r)  // the compared runs are in the picture too
      if (const SnapshotPtr c = window.comparison()->bridge(r)->latest();
          !c || c->state == RunStatus::Running || (c->step < steps && c->state != RunStatus::Diverged))
        return;
    // The side-by-side maps, when shown, start as the last run comes to stand (the snapshot that
    // says so reaches the page before this poll reads it): in the picture too.
    if (window.landscapeTab()->compared()->computing()) return;
    poll->stop();
    // Predictions and probes of the last step arrive a moment later, off the GUI thread.
    QTimer::singleShot(2500, &window, [&window, path] {
      QPixmap picture = window.grab();
      QPainter painter(&picture);
      for (const LandscapeSurfaceView* surface : window.findChildren<LandscapeSurfaceView*>())
        if (surface->isVisible()) surface->paintGraph(painter, &window);
      painter.end();
      const bool saved = picture.save(path);
      std::fprintf(stderr, saved ? "losslab: saved %s\n" : "losslab: cannot write %s\n", qPrintable(path));
      QApplication::exit(saved ? 0 : 1);
    });
  });
  window.bridge()->step(steps);
  poll->start();
}

}  // namespace losslab
