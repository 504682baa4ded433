#include "controls/data_controls.hpp"

#include "controls/seed_box.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <string>

#include "controls/control_bindings.hpp"
#include "controls/input_form.hpp"
#include "document/run_document.hpp"
#include "losslab/widgets/value_slider.hpp"

namespace losslab {

namespace {
struct KindChoice {
  const char* kind;
  const char* title;
  const char* description;
};
constexpr KindChoice kindChoices[] = {
    {"spiral", "Spiral", "Interleaved spiral arms: needs curved, nested boundaries"},
    {"circles", "Circles", "One class ringed by the other: not linearly separable"},
    {"xor", "XOR", "Four clusters in a checkerboard: the classic non-linear problem"},
    {"gaussians", "Gaussians", "Two overlapping blobs: nearly linear, noisy labels at the border"},
    {"moons", "Moons", "Two interleaving half circles"},
    {"reg_plane", "Plane (regression)", "Regress a tilted plane over the 2-D square"},
    {"reg_gauss", "Bumps (regression)", "Regress a sum of Gaussian bumps over the 2-D square"},
    {"poly1d", "Polynomial (1-D regression)", "Fit a random polynomial of one input"},
    {"teacher_student", "Teacher-student", "Regress the outputs of a random teacher network"},
    {"modular", "Modular arithmetic", "a op b mod p from one-hot a and b: the grokking task"},
    {"sparse_parity", "Sparse parity", "The parity of k hidden bits among n: a hard search"},
    {"digits", "Digits 8x8", "1,797 handwritten digits, 64 pixels, 10 classes (UCI)"},
    {"iris", "Iris", "150 flowers, 4 measurements, 3 species (UCI)"},
    {"wine", "Wine", "178 wines, 13 chemical measurements, 3 cultivars (UCI)"},
    {"breast_cancer", "Breast cancer", "569 biopsies, 30 features, benign or malignant (UCI)"},
    // Shown for an experiment that brings its own samples; not chosen here (they need the file's data).
    {"points", "Points of the experiment", "The samples written out in the experiment file (data.kind \"points\")"},
    {"csv", "CSV file of the experiment", "The experiment's CSV file (data.kind \"csv\", data.path)"},
};
// Kinds whose data only an experiment file can carry: listed so the box names them, not offered.
bool fromFileOnly(const char* kind) { return std::string(kind) == "points" || std::string(kind) == "csv"; }

bool generated(const std::string& kind) {
  for (const char* fixed : {"modular", "digits", "iris", "wine", "breast_cancer", "csv", "points"})
    if (kind == fixed) return false;
  return true;
}

bool regression(const std::string& kind) {
  return kind == "reg_plane" || kind == "reg_gauss" || kind == "poly1d" || kind == "teacher_student";
}

}  // namespace

DataControls::DataControls(RunDocument* document, QWidget* parent)
    : ControlForm(tr("Data"), parent), document_(document) {
  kind_ = new QComboBox(this);
  for (const KindChoice& c : kindChoices) {
    kind_->addItem(tr(c.title), QString::fromLatin1(c.kind));
    kind_->setItemData(kind_->count() - 1, tr(c.description), Qt::ToolTipRole);
    if (auto* model = qobject_cast<QStandardItemModel*>(kind_->model()); model && fromFileOnly(c.kind))
      model->item(kind_->count() - 1)->setEnabled(false);
  }
  addRow(QStringLiteral("data.kind"), tr("Data set"), kind_,
         tr("The data the network learns. Changing it starts a new run from step 0."));
  bindCombo(kind_, document, QStringLiteral("data.kind"), tr("Data set"),
            [](ExperimentConfig& c, const QVariant& v) {
              c.data.kind = v.toString().toStdString();
              if (regression(c.data.kind)) c.loss = LossKind::Mse;  // the only regression loss
              // Tokens and images are forms of particular data sets: another kind is read as vectors.
              if (c.data.kind != "modular" && c.data.encoding == "tokens") setTokenInput(c, false);
              if (!c.data.shape.empty() && c.data.kind != "csv") setImageInput(c, !imageShapeOf(c.data.kind).empty());
            });

  noise_ = new ValueSlider(ValueSlider::linear(0.0, 1.0, 0.01), nullptr, this);
  addRow(QStringLiteral("data.noise"), tr("Noise"), noise_,
         tr("Standard deviation of the Gaussian noise added to each generated point (or "
            "target). More noise: blurrier classes, a harder fit."));
  bindSlider(noise_, document, QStringLiteral("data.noise"), tr("Noise"),
             [](ExperimentConfig& c, double v) { c.data.noise = v; });

  size_ = new ValueSlider(ValueSlider::niceSteps(20, 20000), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.n"), tr("Samples"), size_,
         tr("How many points to generate, train and test together"));
  bindSlider(size_, document, QStringLiteral("data.n"), tr("Samples"),
             [](ExperimentConfig& c, double v) { c.data.n = int(v); });

  trainFraction_ = new ValueSlider(ValueSlider::linear(0.05, 1.0, 0.05),
                                   [](double v) { return QString::number(std::lround(v * 100)) + QStringLiteral(" %"); },
                                   this);
  addRow(QStringLiteral("data.train_fraction"), tr("Training share"), trainFraction_,
         tr("The share of the samples the network trains on; the rest is the test set it never "
            "sees (100 %: no test set). Grokking needs a small share."));
  bindSlider(trainFraction_, document, QStringLiteral("data.train_fraction"), tr("Training share"),
             [](ExperimentConfig& c, double v) { c.data.trainFraction = v; });

  arms_ = new ValueSlider(ValueSlider::linear(2, 8, 1), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.arms"), tr("Spiral arms"), arms_,
         tr("Number of spiral arms, one class each"), true);
  bindSlider(arms_, document, QStringLiteral("data.arms"), tr("Spiral arms"),
             [](ExperimentConfig& c, double v) { c.data.arms = int(v); });

  modulus_ = new ValueSlider({7, 11, 13, 17, 23, 31, 47, 59, 67, 83, 97, 113}, ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.p"), tr("Modulus p"), modulus_,
         tr("The prime p of a op b mod p: p² pairs, p classes"));
  bindSlider(modulus_, document, QStringLiteral("data.p"), tr("Modulus"),
             [](ExperimentConfig& c, double v) { c.data.p = int(v); });
  operation_ = new QComboBox(this);
  for (auto [op, title] : {std::pair{"add", "a + b"}, std::pair{"sub", "a − b"},
                           std::pair{"mul", "a × b"}, std::pair{"div", "a ÷ b"}})
    operation_->addItem(QString::fromUtf8(title), QString::fromLatin1(op));
  addRow(QStringLiteral("data.op"), tr("Operation"), operation_,
         tr("The operation, modulo p (division multiplies by the inverse of b)"));
  bindCombo(operation_, document, QStringLiteral("data.op"), tr("Operation"),
            [](ExperimentConfig& c, const QVariant& v) { c.data.op = v.toString().toStdString(); });

  encoding_ = new QComboBox(this);
  encoding_->addItem(tr("One-hot (MLP)"), false);
  encoding_->addItem(tr("Tokens a b ="), true);
  addRow(QStringLiteral("data.encoding"), tr("Input"), encoding_,
         tr("How a and b reach the network. One-hot: a vector of 2p numbers, a one at a and at p + b, for an "
            "MLP. Tokens: the sequence a, b, = (token ids 0..p, = is p), for a network that starts with an "
            "embedding; choosing tokens with any other model makes it the one-layer transformer of Nanda "
            "et al. (2023), choosing one-hot again makes it an MLP."));
  bindCombo(encoding_, document, QStringLiteral("data.encoding"), tr("Input"),
            [](ExperimentConfig& c, const QVariant& v) { setTokenInput(c, v.toBool()); });

  images_ = new QComboBox(this);
  images_->addItem(tr("Vectors"), false);
  images_->addItem(tr("Images 1×8×8"), true);
  addRow(QStringLiteral("data.shape"), tr("Samples as"), images_,
         tr("How each digit reaches the network: 64 numbers in a row (for dense layers), or an image of 1 channel, "
            "8 × 8 pixels (for convolutions and pooling; a dense first layer gets a Flatten before it)."));
  bindCombo(images_, document, QStringLiteral("data.shape"), tr("Samples as"),
            [](ExperimentConfig& c, const QVariant& v) { setImageInput(c, v.toBool()); });

  degree_ = new ValueSlider(ValueSlider::linear(1, 9, 1), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.degree"), tr("Degree"), degree_, tr("Degree of the random polynomial"));
  bindSlider(degree_, document, QStringLiteral("data.degree"), tr("Degree"),
             [](ExperimentConfig& c, double v) { c.data.degree = int(v); });
  bits_ = new ValueSlider(ValueSlider::linear(2, 40, 1), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.bits"), tr("Bits n"), bits_, tr("Length of each random bit string"));
  bindSlider(bits_, document, QStringLiteral("data.bits"), tr("Bits"),
             [](ExperimentConfig& c, double v) { c.data.bits = int(v); });
  relevantBits_ = new ValueSlider(ValueSlider::linear(1, 10, 1), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.k"), tr("Relevant bits k"), relevantBits_,
         tr("How many of the bits the label is the parity of"));
  bindSlider(relevantBits_, document, QStringLiteral("data.k"), tr("Relevant bits"),
             [](ExperimentConfig& c, double v) { c.data.k = int(v); });
  dim_ = new ValueSlider(ValueSlider::niceSteps(1, 500), ValueSlider::formatInteger, this);
  addRow(QStringLiteral("data.dim"), tr("Input dimension"), dim_,
         tr("Input width of the random teacher network (and of the student)"));
  bindSlider(dim_, document, QStringLiteral("data.dim"), tr("Input dimension"),
             [](ExperimentConfig& c, double v) { c.data.dim = int(v); });

  auto* seedRow = new QWidget(this);
  auto* seedLayout = new QHBoxLayout(seedRow);
  seedLayout->setContentsMargins(0, 0, 0, 0);
  seed_ = new SeedBox(seedRow);
  seed_->setRange(0, 999999);
  regenerate_ = new QPushButton(tr("New seed"), seedRow);
  regenerate_->setToolTip(tr("Draw new data and new initial weights with the next seed (N)"));
  seedLayout->addWidget(seed_, 1);
  seedLayout->addWidget(regenerate_);
  addRow(QStringLiteral("seed"), tr("Seed"), seedRow,
         tr("The seed of the data, the initial weights and the minibatch order: the same seed "
            "gives the same run, number for number"), true);
  bindSpin(seed_, document, QStringLiteral("seed"), tr("Seed"),
           [](ExperimentConfig& c, double v) { c.seed = std::uint64_t(v); });
  connect(regenerate_, &QPushButton::clicked, this, [this] {
    document_->edit(tr("New seed"), QStringLiteral("seed.next"), [](ExperimentConfig& c) { ++c.seed; });
  });
}

void DataControls::showConfig(const ExperimentConfig& c) {
  const std::string& kind = c.data.kind;
  showValue(kind_, QString::fromStdString(kind));
  showValue(noise_, c.data.noise);
  showValue(size_, c.data.n);
  showValue(trainFraction_, c.data.trainFraction);
  showValue(arms_, c.data.arms);
  showValue(modulus_, c.data.p);
  showValue(operation_, QString::fromStdString(c.data.op));
  showValue(encoding_, c.data.encoding == "tokens");
  showValue(images_, !c.data.shape.empty());
  showValue(degree_, c.data.degree);
  showValue(bits_, c.data.bits);
  showValue(relevantBits_, c.data.k);
  showValue(dim_, c.data.dim);
  showValue(seed_, int(c.seed));
  // The second-order model has no data set; an imported network (model.file) brings its own.
  const bool quadratic = c.model.kind == "quadratic" || !c.model.file.empty();
  setRelevant(QStringLiteral("data.kind"), !quadratic);
  setRelevant(QStringLiteral("data.noise"), !quadratic && generated(kind) && kind != "sparse_parity");
  setRelevant(QStringLiteral("data.n"), !quadratic && generated(kind));
  setRelevant(QStringLiteral("data.train_fraction"), !quadratic);
  setRelevant(QStringLiteral("data.arms"), !quadratic && kind == "spiral");
  setRelevant(QStringLiteral("data.p"), !quadratic && kind == "modular");
  setRelevant(QStringLiteral("data.op"), !quadratic && kind == "modular");
  setRelevant(QStringLiteral("data.encoding"), !quadratic && kind == "modular");
  setRelevant(QStringLiteral("data.shape"), !quadratic && !imageShapeOf(kind).empty());
  setRelevant(QStringLiteral("data.degree"), !quadratic && kind == "poly1d");
  setRelevant(QStringLiteral("data.bits"), !quadratic && kind == "sparse_parity");
  setRelevant(QStringLiteral("data.k"), !quadratic && kind == "sparse_parity");
  setRelevant(QStringLiteral("data.dim"), !quadratic && kind == "teacher_student");
}

}  // namespace losslab
