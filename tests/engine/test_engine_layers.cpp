// The engine's folders form layers: a folder includes only folders below it, never one that
// includes it back (issue #20). A cycle (io and run, then named session, once included each other) means two
// concepts cannot be read, tested or moved apart; this test names the cycle's folders and the
// files that make it. It reads the source tree, so it fails on the commit that adds the include.
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>
#include "fixtures.hpp"

namespace fs = std::filesystem;

namespace {
const fs::path kEngine = fs::path(losslab::test::sourceDir()) / "engine";

// folder -> (included folder -> the first file that includes it)
using Graph = std::map<std::string, std::map<std::string, std::string>>;

void scan(Graph& graph, const std::string& folder, const fs::path& dir) {
  if (!fs::exists(dir)) return;
  static const std::regex include("#include \"losslab/([a-z_0-9]+)/");
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, include) && m[1] != folder)
        graph[folder].try_emplace(m[1], fs::relative(entry.path(), kEngine).string());
    }
  }
}

Graph engineGraph() {
  Graph graph;
  for (const auto& entry : fs::directory_iterator(kEngine)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name == "include") continue;
    graph[name];
    scan(graph, name, entry.path());
    scan(graph, name, kEngine / "include" / "losslab" / name);
  }
  return graph;
}

// A path of folders that returns to its start, each step with the file that makes it; empty if none.
std::vector<std::string> findCycle(const Graph& graph) {
  std::map<std::string, int> state;  // 0 unseen, 1 on the path, 2 done
  std::vector<std::string> path;
  std::vector<std::string> cycle;
  std::function<bool(const std::string&)> visit = [&](const std::string& node) {
    state[node] = 1;
    path.push_back(node);
    const auto it = graph.find(node);
    if (it != graph.end())
      for (const auto& [next, file] : it->second) {
        if (state[next] == 1) {
          auto from = std::find(path.begin(), path.end(), next);
          for (auto p = from; p != path.end(); ++p) {
            const auto hop = graph.at(*p);
            const std::string& to = (p + 1 == path.end()) ? next : *(p + 1);
            cycle.push_back(*p + " -> " + to + " (" + hop.at(to) + ")");
          }
          return true;
        }
        if (state[next] == 0 && visit(next)) return true;
      }
    path.pop_back();
    state[node] = 2;
    return false;
  };
  for (const auto& [node, edges] : graph)
    if (state[node] == 0 && visit(node)) break;
  return cycle;
}
}  // namespace

class EngineLayersTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theEngineFoldersIncludeNoCycle() {
    QVERIFY2(fs::exists(kEngine / "core"), qPrintable(QString::fromStdString(kEngine.string())));
    const Graph graph = engineGraph();
    QVERIFY(graph.size() >= 10);  // it found the folders
    QVERIFY(graph.at("io").count("run"));  // and the includes (file formats sit above the run)
    const std::vector<std::string> cycle = findCycle(graph);
    std::string message = "a cycle of engine folders:";
    for (const std::string& hop : cycle) message += "\n  " + hop;
    QVERIFY2(cycle.empty(), message.c_str());
  }

  void theCheckFindsACycle() {
    Graph g;
    g["a"]["b"] = "a/x.cpp";
    g["b"]["c"] = "b/y.cpp";
    g["c"]["a"] = "c/z.hpp";
    g["d"]["a"] = "d/w.cpp";
    const std::vector<std::string> cycle = findCycle(g);
    QCOMPARE(cycle.size(), std::size_t(3));
    QCOMPARE(QString::fromStdString(cycle.back()), QStringLiteral("c -> a (c/z.hpp)"));
    g["c"].clear();
    QVERIFY(findCycle(g).empty());
  }

  void theLowestLayersIncludeOnlyBelowThemselves() {
    const Graph graph = engineGraph();
    QVERIFY(graph.at("core").empty());  // everything may use core and encoding
    for (const auto& [folder, file] : graph.at("encoding")) QCOMPARE(QString::fromStdString(folder), QStringLiteral("core"));
  }
};

QTEST_MAIN(EngineLayersTest)
#include "test_engine_layers.moc"
