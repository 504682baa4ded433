#pragma once
// A cancelled probe has settled once its worker is done and the GUI thread has taken in what was
// queued for it: nothing of the probe can arrive after that, so a test shows "nothing arrives
// later" by this condition rather than by waiting a guessed time.
#include <QCoreApplication>
#include <QtTest>

#include "runs/probe_runner.hpp"

namespace losslab::testing {

inline bool probeSettled(const ProbeRunner& runner, int timeoutMs = 3000) {
  if (!QTest::qWaitFor([&] { return runner.activeThreads() == 0; }, timeoutMs)) return false;
  QCoreApplication::sendPostedEvents();  // what the worker queued before it was done
  return true;
}

}  // namespace losslab::testing
