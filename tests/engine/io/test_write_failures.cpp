// Files the engine writes, where they cannot be written (in ways that fail for root too): a
// folder under a regular file (ENOTDIR), /dev/full (ENOSPC) and a file-size limit standing in
// for a full disk (EFBIG). Each InputError names the path and the system's reason; a file
// written through a temporary name keeps its previous contents and leaves no temporary behind;
// metrics.csv, streamed, is removed rather than left with rows missing; a device stays a device.
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "file_size_limit.hpp"
#include "input_error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/metrics_csv.hpp"

using namespace losslab;
using losslab::testing::FileSizeLimit;

namespace {
std::vector<std::string> columns() { return metricsColumns(false, false, {}); }
}  // namespace

class WriteFailures : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  std::string aFile;

 private Q_SLOTS:
  void initTestCase() {
    aFile = tmp.filePath("a-file").toStdString();
    writeTextFileAtomically(aFile, "not a folder\n");
  }

  void aFolderUnderARegularFile() {
    const std::string path = aFile + "/x.json";
    LOSSLAB_VERIFY_INPUT_ERROR(writeTextFileAtomically(path, "{}"), path.c_str(), "Not a directory");
    LOSSLAB_VERIFY_INPUT_ERROR(MetricsCsvWriter(aFile + "/metrics.csv", columns()), "metrics.csv", "Not a directory");
  }

  void aFullDiskKeepsThePreviousFile() {
    const std::string path = tmp.filePath("model.json").toStdString();
    writeTextFileAtomically(path, "previous");
    {
      const FileSizeLimit limit(1024);
      LOSSLAB_VERIFY_INPUT_ERROR(writeTextFileAtomically(path, std::string(4096, 'x')), path.c_str(), "File too large");
    }
    QCOMPARE(readTextFile(path), std::string("previous"));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(path + ".tmp-losslab")));
  }

  void aDeviceIsWrittenInPlaceNotReplaced() {
    LOSSLAB_VERIFY_INPUT_ERROR(writeTextFileAtomically("/dev/full", "{}"), "/dev/full", "No space left on device");
    QVERIFY(!QFileInfo("/dev/full").isFile());
    QVERIFY(!QFileInfo::exists("/dev/full.tmp-losslab"));
    writeTextFileAtomically("/dev/null", "gone\n");  // a device that takes it
    QVERIFY(!QFileInfo("/dev/null").isFile());
  }

  void metricsOnAFullDiskAreRemovedNotLeftShort() {
    const std::string path = tmp.filePath("metrics.csv").toStdString();
    MetricsRow row;
    row.trainLoss = 0.5;
    bool threw = false;
    {
      const FileSizeLimit limit(2048);
      try {
        MetricsCsvWriter csv(path, columns());
        for (int step = 0; step < 1000; ++step) {
          row.step = step;
          csv.write(row);
        }
        csv.close();
      } catch (const InputError& e) {
        threw = true;
        const std::string message = e.what();
        QVERIFY2(message.find(path) != std::string::npos && message.find("File too large") != std::string::npos,
                 message.c_str());
      }
    }
    QVERIFY(threw);
    QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
  }

  void metricsToADeviceLeaveTheDevice() {
    bool threw = false;
    try {
      MetricsCsvWriter csv("/dev/full", columns());
      csv.close();
    } catch (const InputError& e) {
      threw = std::string(e.what()).find("No space left on device") != std::string::npos;
    }
    QVERIFY(threw);
    QVERIFY(QFileInfo::exists("/dev/full") && !QFileInfo("/dev/full").isFile());
  }
};

QTEST_GUILESS_MAIN(WriteFailures)
#include "test_write_failures.moc"
