#include "document/preset_description.hpp"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "document/preset_library.hpp"

namespace losslab {

PresetDescription::PresetDescription(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), text_(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  QFont bold = title_->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() * 1.15);
  title_->setFont(bold);
  title_->setWordWrap(true);
  layout->addWidget(title_);
  // Long texts scroll instead of pushing the views aside; selectable, so a teacher can copy it.
  text_->setWordWrap(true);
  text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(text_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(scroll, 1);
  setMinimumWidth(240);
  setTitle(tr("This experiment"));
}

void PresetDescription::setTitle(const QString& title) { title_->setText(title); }

void PresetDescription::showConfig(const ExperimentConfig& config) {
  if (!config.title.empty()) {  // the experiment names itself
    shown_ = config.description;
    setTitle(QString::fromStdString(config.title));
  } else if (config.description != shown_) {  // a new text: perhaps a preset's, named by it
    shown_ = config.description;
    const QString preset = presetTitleWithDescription(shown_);
    if (!preset.isEmpty()) setTitle(preset);
  }
  const QString text = QString::fromStdString(config.description).trimmed();
  text_->setEnabled(!text.isEmpty());  // the hint reads greyed, not as the experiment's text
  text_->setText(text.isEmpty() ? tr("No description. File → Save as preset keeps the current "
                                     "experiment with a text of yours: what to watch, which "
                                     "control to move, where it comes from.")
                                : text);
}

QString PresetDescription::title() const { return title_->text(); }

QString PresetDescription::text() const { return text_->text(); }

}  // namespace losslab
