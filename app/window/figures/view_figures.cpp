#include "figures/view_figures.hpp"

#include "figures/collapse_export.hpp"
#include "figures/figure_metadata.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/function_fit_view.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/landscape_slice_view.hpp"
#include "losslab/widgets/landscape_surface_view.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/network_diagram_view.hpp"
#include "losslab/widgets/network_inside_view.hpp"
#include "losslab/widgets/plot_figure.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "losslab/widgets/surface_figure.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/convexity_panel.hpp"
#include "tabs/landscape_tab.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

namespace {
nlohmann::json with(nlohmann::json run, const char* key, nlohmann::json value) {
  run["conventions"][key] = std::move(value);
  return run;
}

Figure networkFigure(NetworkDiagramView& view, const nlohmann::json& run) {
  Figure f;
  f.name = QStringLiteral("network");
  f.title = QStringLiteral("The network: each weight a line, blue positive, orange negative");
  f.paint = [&view](QPainter& p, const QSize& size, const FigureLook& look) {
    view.paintFigure(p, size, look.textPt, look.lineScale);
  };
  f.onScreen = view.size();
  f.aspect = 0.6;
  f.csv = view.drawnWeightsCsv();
  f.metadata = run;
  f.metadata["csv_columns"] = {
      {"layer", "the affine layer, 1 from the input"},
      {"input_neuron", "index of the weight's input neuron (the first ones of a wide layer are drawn)"},
      {"output_neuron", "index of its output neuron"},
      {"weight", "W[output_neuron][input_neuron]"},
      {"relative_size", "|weight| over the largest |weight| of its layer (line width and opacity)"}};
  return f;
}

// Attention maps or a CNN's filters and feature maps for the chosen sample, with every value.
Figure insideFigure(NetworkInsideView& view, const nlohmann::json& run) {
  Figure f;
  f.name = QStringLiteral("inside");
  f.title = QStringLiteral("Inside the network: ") + (view.picture() ? view.picture()->caption : QString());
  f.paint = [&view](QPainter& p, const QSize& size, const FigureLook& look) { view.paintFigure(p, size, look.textPt); };
  f.onScreen = view.size();
  f.aspect = 0.75;
  f.csv = view.valuesCsv();
  f.metadata = run;
  if (view.picture()) f.metadata["conventions"]["inside_sample"] = view.picture()->caption.toStdString();
  f.metadata["csv_columns"] = {
      {"layer", "the layer's path (network[2].body[0])"},
      {"what", "attention (weight of a head), feature_map (a convolution's output) or filter (its weights)"},
      {"index", "the head, or the output channel"},
      {"row", "query position; map row; filter row (input channel x kernel + y)"},
      {"column", "key position; map column; filter column"},
      {"value", "softmax(q k^T / sqrt(d) + mask) for attention (rows sum to 1)"}};
  return f;
}

// The 3-D surface painted from the grid (vector, and drawn without OpenGL, so the window and
// `losslab-cli figure` write the same file), in the map's colours and scale, with the map's CSV.
Figure surfaceFigure(LandscapeTab& tab, const Figure& map) {
  const LandscapeMapView& view = *tab.mapView();
  SurfaceFigureStyle style;
  style.alphaLabel = view.xAxis->label().section(' ', 0, 2);  // "α · d₁", as the 3-D view
  style.betaLabel = view.yAxis->label().section(' ', 0, 2);
  style.heightLabel = view.colorBar()->axis()->label();
  style.logScale = view.logScale();
  style.colormap = view.colormap();
  Figure f;
  f.name = QStringLiteral("landscape-surface");
  f.title = QStringLiteral("Loss landscape as a surface");
  f.paint = [style, result = tab.result()](QPainter& p, const QSize& size, const FigureLook& look) {
    SurfaceFigureStyle styled = style;
    styled.textPt = look.textPt, styled.lineScale = look.lineScale, styled.minLine = look.minLine;
    p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    paintSurfaceFigure(p, QRectF(QPointF(0, 0), size), *result->grid, styled);
  };
  const LandscapeSurfaceView* surface = tab.surfaceView();
  f.onScreen = surface && surface->isVisible() ? surface->size() : view.size();
  f.aspect = 0.75;
  f.csv = map.csv;
  f.metadata = map.metadata;
  return f;
}
// The side-by-side page's maps, run by run (1 is this run): landscape-side-by-side-<k>-map and
// -convexity, each with the experiment of its own run and the page's conventions.
void sideBySideFigures(ComparedLandscapes& page, std::vector<Figure>& figures) {
  for (int r = 0; r < page.runCount(); ++r) {
    const LandscapeResult* result = page.loss(r);
    if (!result || !result->grid || !result->basis) continue;
    const QString name = QStringLiteral("landscape-side-by-side-%1").arg(r + 1);
    nlohmann::json meta = runFigureMetadata(*page.snapshot(r));
    meta["conventions"]["landscape"] = landscapeConventions(page.request());
    meta["side_by_side"] = {{"run", page.runName(r).toStdString()}, {"column", r + 1},
                            {"summary", page.summary(r).toStdString()},
                            {"colour_scale", "shared by the maps of a row"}};
    figures.push_back(plotFigure(*page.lossView(r), name + QStringLiteral("-map"),
                                 QStringLiteral("Loss landscape of %1, side by side").arg(page.runName(r)), meta));
    if (page.convexity(r))
      figures.push_back(plotFigure(*page.convexityView(r), name + QStringLiteral("-convexity"),
                                   QStringLiteral("Convexity map of %1, side by side").arg(page.runName(r)), meta));
  }
}
}  // namespace

std::vector<Figure> trainingFigures(TrainingTab& tab, const nlohmann::json& run) {
  std::vector<Figure> figures{plotFigure(*tab.curve(), QStringLiteral("loss"), QStringLiteral("Loss and accuracy"), run)};
  if (!tab.surface()->isHidden())
    figures.push_back(plotFigure(*tab.surface(), QStringLiteral("decision-surface"),
                                 QStringLiteral("What the network predicts over its input"), run));
  else if (!tab.fit()->isHidden())
    figures.push_back(plotFigure(*tab.fit(), QStringLiteral("function-fit"), QStringLiteral("The fitted function"), run));
  if (!tab.inside()->isHidden()) figures.push_back(insideFigure(*tab.inside(), run));
  if (!tab.network()->isHidden()) figures.push_back(networkFigure(*tab.network(), run));
  return figures;
}

std::vector<Figure> sharpnessFigures(SharpnessView& view, LossCurveView& loss, LayerCurvatureView* layers,
                                     const nlohmann::json& run) {
  // The tab shows the loss above the sharpness on one timeline: its figures are both (issue #21).
  std::vector<Figure> figures{
      plotFigure(view, QStringLiteral("sharpness"), QStringLiteral("Sharpness and the stability threshold"), run),
      plotFigure(loss, QStringLiteral("sharpness-loss"), QStringLiteral("The loss on the sharpness's timeline"), run)};
  if (layers)
    figures.push_back(plotFigure(*layers, QStringLiteral("sharpness-per-layer"),
                                 QStringLiteral("λmax and trace of each layer's block of the Hessian"), run));
  return figures;
}

std::vector<Figure> spectrumFigures(SpectrumView& view, const SpectrumRequest& request, const nlohmann::json& run) {
  if (!view.result()) return {};
  const nlohmann::json meta = with(run, "spectrum", spectrumConventions(*view.result(), request));
  std::vector<Figure> figures{plotFigure(*view.densityPlot(), QStringLiteral("spectrum-density"),
                                         QStringLiteral("Hessian spectral density and top eigenvalues"), meta)};
  if (!view.histogramPlot()->isHidden())
    figures.push_back(plotFigure(*view.histogramPlot(), QStringLiteral("spectrum-eigenvalues"),
                                 QStringLiteral("Every eigenvalue of the Hessian"), meta));
  return figures;
}

std::vector<Figure> landscapeFigures(LandscapeTab& tab, const nlohmann::json& run) {
  if (!tab.result()) {
    std::vector<Figure> figures;
    sideBySideFigures(*tab.compared(), figures);
    return figures;
  }
  const nlohmann::json meta = with(run, "landscape", landscapeConventions(tab.shownRequest()));
  std::vector<Figure> figures{
      plotFigure(*tab.mapView(), QStringLiteral("landscape-map"), QStringLiteral("Loss landscape"), meta),
      plotFigure(*tab.sliceView(), QStringLiteral("landscape-slice"), QStringLiteral("Loss along the first direction"), meta)};
  if (tab.result()->grid) figures.push_back(surfaceFigure(tab, figures.front()));
  if (tab.convexity()->grid())
    figures.push_back(plotFigure(*tab.convexity()->mapView(), QStringLiteral("landscape-convexity"),
                                 QStringLiteral("Convexity map |λmin/λmax| (Li et al. 2018, Fig. 7)"), meta));
  sideBySideFigures(*tab.compared(), figures);
  return figures;
}

std::vector<Figure> collapseFigures(CollapseTab& tab, const nlohmann::json& run) {
  std::vector<Figure> figures = tab.figures();
  for (Figure& f : figures)  // the collapse JSON lists every run; the main run's keys join it
    for (const auto& [key, value] : run.items())
      if (!f.metadata.contains(key)) f.metadata[key] = value;
  return figures;
}

}  // namespace losslab
