#pragma once
// A group of labelled controls, each under a key ("optimizer.lr") so that presentation mode and
// a teacher's preset can hide it; the tooltip saying what a control does sits on its label too.
#include <QGroupBox>
#include <QSet>
#include <QString>
#include <vector>

class QFormLayout;

namespace losslab {

// Gives `control` its key ("tracking.sharpness_every"): its object name, by which tests and the
// monkey test find it, and the "controlKey" property the right-click menu reads. ControlForm keys
// its rows so; panels that lay out their own settings (curvature, landscape, collapse) call it.
void setControlKey(QWidget* control, const QString& key);

class ControlForm : public QGroupBox {
  Q_OBJECT

 public:
  explicit ControlForm(const QString& title, QWidget* parent = nullptr);

  // `secondary` rows are hidden in presentation mode.
  void addRow(const QString& key, const QString& label, QWidget* field, const QString& toolTip,
              bool secondary = false);
  // Rows that do not apply to the current experiment (the spiral's arms for moons).
  void setRelevant(const QString& key, bool relevant);
  // In presentation mode only `shown` rows (or, when it is empty, every row but the secondary
  // ones); `hidden` rows never.
  void setHidden(const QSet<QString>& hidden, bool presentation, const QSet<QString>& shown = {});
  QStringList keys() const;

 private:
  struct Row {
    QString key;
    QWidget* label;
    QWidget* field;
    bool secondary;
    bool relevant = true;
  };
  void updateVisibility();

  QFormLayout* form_;
  std::vector<Row> rows_;
  QSet<QString> hidden_, shown_;
  bool presentation_ = false;
};

}  // namespace losslab
