#include "controls/seed_box.hpp"

#include <QLineEdit>
#include <QToolTip>

namespace losslab {

SeedBox::SeedBox(QWidget* parent) : QSpinBox(parent) {
  setKeyboardTracking(false);  // a half-typed number must not restart the run
  setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
  connect(this, &QAbstractSpinBox::editingFinished, this, &SeedBox::checkTyped);
}

QValidator::State SeedBox::validate(QString& text, int&) const {
  bool ok = false;
  const qlonglong v = text.trimmed().toLongLong(&ok);
  // Intermediate, not Invalid: every key is taken, so what was typed is what is judged.
  return ok && v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
}

void SeedBox::checkTyped() {
  const QString typed = lineEdit()->text().trimmed();
  bool ok = false;
  const qlonglong v = typed.toLongLong(&ok);
  if (ok && v == value()) return;
  QToolTip::showText(mapToGlobal(QPoint(0, height())),
                     tr("“%1” is not a seed (a whole number from %2 to %3): the seed stays %4")
                         .arg(typed).arg(minimum()).arg(maximum()).arg(value()),
                     this);
  lineEdit()->setText(QString::number(value()));
}

}  // namespace losslab
