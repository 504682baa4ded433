#include "controls/control_form.hpp"

#include <QFormLayout>
#include <QLabel>

namespace losslab {

void setControlKey(QWidget* control, const QString& key) {
  control->setObjectName(key);
  control->setProperty("controlKey", key);
}

ControlForm::ControlForm(const QString& title, QWidget* parent)
    : QGroupBox(title, parent), form_(new QFormLayout(this)) {
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setRowWrapPolicy(QFormLayout::DontWrapRows);
}

void ControlForm::addRow(const QString& key, const QString& label, QWidget* field,
                         const QString& toolTip, bool secondary) {
  auto* text = new QLabel(label, this);
  text->setToolTip(toolTip);
  field->setToolTip(toolTip);
  setControlKey(field, key);
  text->setProperty("controlKey", key);  // a right-click on the label hides the row too
  form_->addRow(text, field);
  rows_.push_back({key, text, field, secondary});
}

void ControlForm::setRelevant(const QString& key, bool relevant) {
  for (Row& r : rows_)
    if (r.key == key) r.relevant = relevant;
  updateVisibility();
}

void ControlForm::setHidden(const QSet<QString>& hidden, bool presentation, const QSet<QString>& shown) {
  hidden_ = hidden;
  presentation_ = presentation;
  shown_ = shown;
  updateVisibility();
}

QStringList ControlForm::keys() const {
  QStringList k;
  for (const Row& r : rows_) k << r.key;
  return k;
}

void ControlForm::updateVisibility() {
  // On a projector each label stands above its control, which then has the controls' whole width
  // (a learning-rate slider beside a long label had a hand's breadth left).
  form_->setRowWrapPolicy(presentation_ ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows);
  bool any = false;
  for (const Row& r : rows_) {
    const bool presented = shown_.isEmpty() ? !r.secondary : shown_.contains(r.key);
    const bool visible = r.relevant && !hidden_.contains(r.key) && (!presentation_ || presented);
    form_->setRowVisible(r.field, visible);
    any = any || visible;
  }
  setVisible(any);  // a group with nothing left to show takes no room
}

}  // namespace losslab
