#pragma once
// The export dialog of File → Export figure / Export all views (docs/DESIGN.md "Figures"): which
// formats, the PNG's DPI, the width (a journal column, a page, or any size in mm or inches), the
// style (paper, slides, as on screen) and where to write; the last choices are remembered.
#include <QDialog>
#include <functional>
#include <vector>

#include "losslab/widgets/figure.hpp"
#include "losslab/widgets/figure_options.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace losslab {

class FigureExportDialog : public QDialog {
  Q_OBJECT

 public:
  // `toFolder`: the destination is a folder that gets <name>.* per figure; else a file stem.
  FigureExportDialog(const std::vector<Figure>& figures, bool toFolder, QWidget* parent = nullptr);

  FigureOptions options() const;
  void setOptions(const FigureOptions& options);
  QString destination() const;  // a folder, or a stem (the path without extension)
  void setDestination(const QString& path);

  QCheckBox* formatBox(int k) const { return formats_[k]; }  // PDF, SVG, PNG
  QComboBox* dpiBox() const { return dpi_; }
  QComboBox* widthBox() const { return widthPreset_; }
  QDoubleSpinBox* widthSpin() const { return width_; }
  QComboBox* unitBox() const { return unit_; }
  QComboBox* styleBox() const { return style_; }
  QLabel* summaryLabel() const { return summary_; }

 private:
  void choosePreset();
  void updateSummary();
  void browse();

  const std::vector<Figure>& figures_;
  bool toFolder_;
  QCheckBox* formats_[3] = {};
  QComboBox* dpi_;
  QComboBox* widthPreset_;
  QDoubleSpinBox* width_;
  QComboBox* unit_;
  QComboBox* style_;
  QLineEdit* destination_;
  QLabel* summary_;
};

// The stem a dialog suggests for these figures: one figure's name, or the words their names
// share ("landscape" for landscape-map, landscape-slice, landscape-surface).
QString commonStem(const std::vector<Figure>& figures);

// Asks with the dialog, then writes the figures with a progress dialog. `makeFigures` is asked
// again once the dialog is accepted, so the files hold what the views show then (a frame may
// have landed meanwhile). Returns what happened, for a status line ("Wrote 12 files to …", or
// why not); empty when the user cancelled.
QString exportFiguresInteractively(QWidget* parent, const QString& title,
                                   const std::function<std::vector<Figure>()>& makeFigures, bool toFolder);

}  // namespace losslab
