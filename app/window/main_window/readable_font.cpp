#include "main_window/readable_font.hpp"

#include <QApplication>
#include <QFont>

namespace losslab {

void useReadableFont() {
  QFont font = QApplication::font();
  if (font.pointSizeF() < kMinimumFontPt) font.setPointSizeF(kMinimumFontPt);
  QApplication::setFont(font);
}

}  // namespace losslab
