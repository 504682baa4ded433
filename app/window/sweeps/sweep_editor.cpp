#include "sweeps/sweep_editor.hpp"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QVBoxLayout>

#include "losslab/core/error.hpp"

namespace losslab {

QString describeSweep(const SweepConfig& s) {
  QStringList axes;
  for (const SweepAxis& a : s.axes) {
    const char* spacing = a.spacing == AxisSpacing::Log ? ", log" : a.spacing == AxisSpacing::Linear ? ", linear" : "";
    axes << QStringLiteral("%1 (%2 values%3)").arg(QString::fromStdString(a.path)).arg(a.values.size()).arg(spacing);
  }
  return QStringLiteral("%1 runs: %2, %3 seed%4, %5 steps each")
      .arg(s.runCount())
      .arg(axes.join(QStringLiteral(" × ")))
      .arg(s.seeds.size())
      .arg(s.seeds.size() == 1 ? "" : "s")
      .arg(s.steps);
}

SweepEditor::SweepEditor(QWidget* parent) : QWidget(parent), edit_(new QPlainTextEdit), verdict_(new QLabel) {
  edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  edit_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  edit_->setTabChangesFocus(true);
  edit_->setToolTip(tr("The sweep as a losslab-sweep/1 file (README \"Sweeps\"): the same file "
                       "losslab-cli sweep --config runs."));
  verdict_->setWordWrap(true);
  verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit_, 1);
  layout->addWidget(verdict_);
  debounce_.setSingleShot(true);
  debounce_.setInterval(300);  // check once typing pauses, not on every key
  connect(&debounce_, &QTimer::timeout, this, &SweepEditor::check);
  connect(edit_, &QPlainTextEdit::textChanged, &debounce_, qOverload<>(&QTimer::start));
  check();
}

bool SweepEditor::load(const QString& path, QString* error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = tr("%1: cannot open for reading (%2)").arg(path, f.errorString());
    return false;
  }
  setText(QString::fromUtf8(f.readAll()), QFileInfo(path).absolutePath());
  return true;
}

bool SweepEditor::save(const QString& path, QString* error) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text().toUtf8()) < 0) {
    if (error) *error = tr("%1: cannot write (%2)").arg(path, f.errorString());
    return false;
  }
  baseDirectory_ = QFileInfo(path).absolutePath();
  return true;
}

void SweepEditor::setText(const QString& json, const QString& baseDirectory) {
  baseDirectory_ = baseDirectory;
  edit_->setPlainText(json);
  debounce_.stop();
  check();
}

QString SweepEditor::text() const { return edit_->toPlainText(); }

std::optional<SweepConfig> SweepEditor::sweep(QString* error) const {
  try {
    return parseSweep(text().toStdString(), "sweep", baseDirectory_.toStdString());
  } catch (const InputError& e) {
    if (error) *error = QString::fromUtf8(e.what());
  }
  return std::nullopt;
}

QString SweepEditor::verdict() const { return verdict_->text(); }

void SweepEditor::check() {
  QString error;
  const std::optional<SweepConfig> s = text().trimmed().isEmpty() ? std::nullopt : sweep(&error);
  if (text().trimmed().isEmpty()) error = tr("Open a sweep file or a preset, or write one here.");
  verdict_->setText(s ? describeSweep(*s) : error);
  verdict_->setStyleSheet(s ? QString() : QStringLiteral("color: #b00020;"));
  if (bool(s) != valid_) {
    valid_ = bool(s);
    Q_EMIT validityChanged(valid_);
  }
  if (s) Q_EMIT sweepChanged();
}

}  // namespace losslab
