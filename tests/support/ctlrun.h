#pragma once

// One finished run of trackplanctl, as the command-line tests see it.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

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

} // namespace tp::test
