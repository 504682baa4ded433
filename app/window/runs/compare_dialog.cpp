#include "runs/compare_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "losslab/core/error.hpp"

namespace losslab {

CompareDialog::CompareDialog(const ExperimentConfig& base, QWidget* parent)
    : QDialog(parent), base_(base), setting_(new QComboBox(this)), value_(new QComboBox(this)), message_(new QLabel(this)) {
  setWindowTitle(tr("Compare with a changed setting"));
  for (ComparedSetting s : kComparedSettings) setting_->addItem(settingName(s), int(s));
  setting_->setToolTip(tr("The one setting the compared run changes; everything else, the seed "
                          "included, is this run's."));
  message_->setWordWrap(true);
  auto* form = new QFormLayout;
  form->addRow(tr("Setting"), setting_);
  form->addRow(tr("New value"), value_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("A second run of this experiment from step 0 with the same seed, "
                                  "one setting changed, trains alongside this run and is drawn "
                                  "over it in every time-series view."), this));
  layout->addLayout(form);
  layout->addWidget(message_);
  layout->addWidget(buttons);
  qobject_cast<QLabel*>(layout->itemAt(0)->widget())->setWordWrap(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &CompareDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &CompareDialog::reject);
  connect(setting_, &QComboBox::currentIndexChanged, this, &CompareDialog::showSetting);
  connect(value_, &QComboBox::currentTextChanged, this, &CompareDialog::showPreview);
  showSetting();
}

SettingChange CompareDialog::change() const {
  return {ComparedSetting(setting_->currentData().toInt()), value_->currentText().trimmed()};
}

void CompareDialog::showSetting() {
  const auto s = ComparedSetting(setting_->currentData().toInt());
  const QSignalBlocker quiet(value_);
  value_->clear();
  const QStringList choices = settingChoices(s);
  value_->setEditable(choices.isEmpty());  // a number is typed; a choice is picked
  value_->addItems(choices);
  const QString suggested = suggestedValue(s, base_);
  if (choices.isEmpty()) {
    value_->addItems(suggestedValues(s, base_));
    value_->setEditText(suggested);
  }
  else
    value_->setCurrentIndex(std::max<int>(0, choices.indexOf(suggested)));
  showPreview();
}

void CompareDialog::showPreview() {
  const SettingChange c = change();
  QString text = tr("This run: %1 = %2. Compared run: “%3”.")
                     .arg(settingName(c.setting), settingValue(c.setting, base_), changeLabel(c));
  const QString caution = changeCaution(c, base_);
  if (!caution.isEmpty()) text += QStringLiteral("<br><b>") + caution.toHtmlEscaped() + QStringLiteral("</b>");
  message_->setText(text);
}

void CompareDialog::accept() {
  try {
    applyChange(base_, change());
  } catch (const InputError& e) {
    message_->setText(tr("<b>Not a value:</b> %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    return;
  }
  QDialog::accept();
}

}  // namespace losslab
