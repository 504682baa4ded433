#pragma once
// The sweep file being edited: its JSON text, checked as it is typed (debounced) by the same
// parser the CLI uses, with a one-line verdict under it: what the sweep will run, or the error
// naming the field, the bad value and what is allowed.
#include <QPlainTextEdit>
#include <QTimer>
#include <QWidget>
#include <optional>

#include "losslab/sweep/sweep_config.hpp"

class QLabel;

namespace losslab {

class SweepEditor : public QWidget {
  Q_OBJECT

 public:
  explicit SweepEditor(QWidget* parent = nullptr);

  // Reads a losslab-sweep/1 file (or a ":/sweeps/..." preset); a relative "base" path is then
  // resolved against the file's folder. False, with the reason in `error`, if unreadable.
  bool load(const QString& path, QString* error = nullptr);
  bool save(const QString& path, QString* error = nullptr);
  void setText(const QString& json, const QString& baseDirectory = QStringLiteral("."));
  QString text() const;
  // The parsed sweep (checked now, not after the debounce); nullopt with the message if invalid.
  std::optional<SweepConfig> sweep(QString* error = nullptr) const;
  QString verdict() const;  // the line under the editor

 Q_SIGNALS:
  void validityChanged(bool valid);
  void sweepChanged();  // the text was checked and is a valid sweep

 private:
  void check();

  QPlainTextEdit* edit_;
  QLabel* verdict_;
  QTimer debounce_;
  QString baseDirectory_ = QStringLiteral(".");
  bool valid_ = false;
};

// "12 runs: optimizer.lr (5 values, log) × data.train_fraction (3 values), 2 seeds, 1000 steps".
QString describeSweep(const SweepConfig& sweep);

}  // namespace losslab
