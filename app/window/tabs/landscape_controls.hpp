#pragma once
// The landscape settings beside the map: which directions (random with a normalisation,
// Hessian eigenvectors, PCA of the trajectory, interpolation from a checkpoint), the grid
// (ranges, resolution, train or test data), the display (log scale, colormap, contours,
// accuracy), live mode and re-centring, and the computation with its progress bar and Cancel.
// Every control's tooltip says what it does and names the convention behind it.
#include <QWidget>

#include "losslab/probes/landscape_probe.hpp"
#include "losslab/widgets/colormap.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace losslab {

class LandscapeControls : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeControls(QWidget* parent = nullptr);

  LandscapeRequest request() const;  // as the controls say
  bool logScale() const;
  Colormap colormap() const;
  int contourCount() const;
  bool showAccuracy() const;
  bool live() const;

  // Test data only where the run has a test set; interpolation checkpoints up to `step`.
  void showRun(bool hasTestSet, long step);
  // A computation (not a live frame) is running: Compute is busy, Cancel available.
  void setComputing(bool computing);
  void showProgress(double fraction);
  void showStatus(const QString& message);
  // The ranges a computation chose (a PCA plane fitted to the path); emits nothing.
  void showRanges(const GridSpec& grid);

  // The settings are found by key ("landscape.alpha.points", setControlKey); the buttons and
  // the status line by these.
  QPushButton* computeButton() const { return compute_; }
  QPushButton* cancelButton() const { return cancel_; }
  // The Compute group (live, Compute, Re-centre, Cancel, progress, status): the tab keeps it in
  // view below the other settings.
  QWidget* runGroup() const { return runGroup_; }
  QLabel* statusLabel() const { return status_; }

 Q_SIGNALS:
  void computeRequested();
  void cancelRequested();
  void recentreRequested();
  void liveChanged(bool on);
  void displayChanged();  // log scale, colormap, contours, accuracy: a redraw, no computation

 private:
  QWidget* buildDirectionsGroup();
  QWidget* buildGridGroup();
  QWidget* buildDisplayGroup();
  QWidget* buildRunGroup();
  void updateEnabled();

  QComboBox* kind_ = nullptr;
  QComboBox* norm_ = nullptr;
  QComboBox* biases_ = nullptr;
  QCheckBox* orthogonalize_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* checkpoint_ = nullptr;
  QDoubleSpinBox* range_[2][2] = {};
  QSpinBox* points_[2] = {};
  QComboBox* data_ = nullptr;
  QCheckBox* log_ = nullptr;
  QComboBox* colormap_ = nullptr;
  QSpinBox* contours_ = nullptr;
  QCheckBox* accuracy_ = nullptr;
  QCheckBox* live_ = nullptr;
  QPushButton* recentre_ = nullptr;
  QPushButton* compute_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QWidget* runGroup_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  bool computing_ = false;
};

}  // namespace losslab
