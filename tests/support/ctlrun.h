#pragma once

// One finished run of trackplanctl, as the command-line tests see it.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace tp::test {

struct CtlRun {
    int code = -1;
    QString out;
    QString err;
    /// Exit code and both streams, for failure messages.
    [[nodiscard]] QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2\n--- stderr:\n%3")
            .arg(code)
            .arg(out.left(3000), err.left(3000));
    }
    /// Standard output parsed as a JSON object or array (undefined otherwise).
    [[nodiscard]] QJsonValue json() const
    {
        const QJsonDocument d = QJsonDocument::fromJson(out.toUtf8());
        return d.isObject() ? QJsonValue(d.object()) : (d.isArray() ? QJsonValue(d.array()) : QJsonValue());
    }
};

/// Runs `program` with `args` in `environment`, feeding `input` on stdin, and waits for it
/// (at most two minutes).
inline CtlRun runCtl(const QString& program, const QStringList& args, const QProcessEnvironment& environment,
                     const QByteArray& input = {})
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program, args);
    CtlRun r;
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString();
        return r;
    }
    if (!input.isEmpty()) {
        p.write(input);
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("timed out: ") + args.join(QLatin1Char(' '));
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace tp::test
