#pragma once
// Views whose tooltip depends on what is under the mouse answer QEvent::ToolTip with tipAt(pos).
#include <QEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>

namespace losslab {

// True when `event` was a tooltip request and has been answered.
template <class TipAt> bool answerToolTip(QWidget* widget, QEvent* event, const TipAt& tipAt) {
  if (event->type() != QEvent::ToolTip) return false;
  auto* help = static_cast<QHelpEvent*>(event);
  QToolTip::showText(help->globalPos(), tipAt(help->pos()), widget);
  return true;
}

}  // namespace losslab
