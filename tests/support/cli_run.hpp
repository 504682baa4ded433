#pragma once
// Running losslab-cli (or a launcher such as mpirun in front of it) as a user does, for the CLI
// suites: the exit code (-1 on a timeout, -2 on a crash) and everything it printed.
#include <QProcess>
#include <QStringList>

#include "sanitized.hpp"

namespace losslab::test {

struct CliRun {
  int exitCode;
  QByteArray out, err;
};

inline CliRun runProgram(const QString& program, const QStringList& args,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 180000) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(program, args);
  if (!p.waitForFinished(timeoutMs * kTimeScale)) return {-1, {}, "timeout"};  // the CLI is instrumented too
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

// losslab-cli as built (CTest puts its path in LOSSLAB_CLI).
inline CliRun runCli(const QStringList& args) { return runProgram(qEnvironmentVariable("LOSSLAB_CLI"), args); }

}  // namespace losslab::test
