#pragma once
// The architecture editor (issue #16): the experiment's layer list as a tree — dense layers,
// activations, LayerNorms and residual blocks with their bodies — with add, remove, reorder and
// the selected layer's width, bias, activation and repeat count. Every change is one undoable edit of
// the RunDocument; the first edit of an MLP turns it into the list it is. A list the engine
// cannot build (a block that changes its width) is refused with the reason in the status bar
// and undone, as any bad value is.
#include <QWidget>
#include <vector>

#include "losslab/config/experiment.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QLabel;

namespace losslab {

class RunDocument;

class LayerListEditor : public QWidget {
  Q_OBJECT

 public:
  explicit LayerListEditor(RunDocument* document, QWidget* parent = nullptr);
  void showConfig(const ExperimentConfig& config);

  using Path = std::vector<int>;  // the index at each level: {2, 0} is layers[2].body[0]
  // What the buttons do, on any list (tested without the widget). Each returns the path of the
  // layer to select afterwards.
  enum class NewLayer {
    Dense, Activation, LayerNorm, Residual,
    Convolution, MaxPool, AvgPool, Flatten,
    Attention, Transformer, TransformerLayerNorm
  };
  static Path addLayer(std::vector<LayerConfig>& list, const Path& selected, NewLayer kind, Activation fn);
  static Path removeLayer(std::vector<LayerConfig>& list, const Path& selected);
  static Path moveLayer(std::vector<LayerConfig>& list, const Path& selected, int by);

 private:
  void rebuild();
  void showSelected();
  // Applies `change` to the list (an MLP becomes its list first) as one undoable edit.
  void edit(const QString& text, const std::function<Path(std::vector<LayerConfig>&)>& change);
  // The selected layer's own setting, as one edit (nothing without a selection).
  void editSelected(const QString& text, const std::function<void(LayerConfig&)>& change);

  RunDocument* document_;
  QTreeWidget* tree_;
  QToolButton *add_, *remove_, *up_, *down_;
  QSpinBox *width_, *repeat_, *kernel_, *heads_;
  QDoubleSpinBox* initScale_;
  QComboBox* fn_;
  QCheckBox *bias_, *causal_;
  QLabel* hint_;
  std::vector<LayerConfig> layers_;
  Path selected_;
  Activation defaultActivation_ = Activation::Tanh;
};

}  // namespace losslab
