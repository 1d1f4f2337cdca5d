#pragma once

#include "database.h"
#include "types.h"

#include <QDateTime>
#include <QJsonObject>

#include <functional>

namespace tp {

/// What every part of the store shares: the connection, the acting user and the clock.
/// Owned by Store; the services hold a reference.
struct StoreContext {
    Database* db = nullptr;
    QString actor;
    std::function<QDateTime()> clock;

    [[nodiscard]] QDateTime now() const { return clock ? clock() : QDateTime::currentDateTimeUtc(); }
    [[nodiscard]] QString nowText() const { return timeText(now()); }
    /// The one textual time format of the store (ISO-8601 UTC with milliseconds).
    [[nodiscard]] static QString timeText(const QDateTime& t)
    {
        return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    [[nodiscard]] static QDateTime parseTime(const QString& s)
    {
        return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
    }

    /// Appends one audit row; call inside the transaction of the change it records.
    [[nodiscard]] Status audit(const QString& action, const QString& entityType, const QString& entityKey,
                               const QString& appKey, const QJsonObject& details = {});

    /// Id of an app by key (cached), NotFound otherwise.
    [[nodiscard]] Result<qint64> appId(const QString& appKey);
    void forgetApps() { m_appIds.clear(); }

private:
    QHash<QString, qint64> m_appIds;
};

} // namespace tp
