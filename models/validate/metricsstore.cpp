#include "metricsstore.h"

#include "store.h"

#include <QDateTime>

namespace tp {
namespace {

// ON CONFLICT … DO UPDATE: SQLite ≥ 3.24 and PostgreSQL ≥ 9.5 alike.
const QString kUpsert = QStringLiteral(
    "INSERT INTO metrics (app_id, day, event, pv, uv, invalid, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (app_id, day, event) DO UPDATE SET pv = excluded.pv, uv = excluded.uv, invalid = excluded.invalid, "
    "source = excluded.source, updated_at = excluded.updated_at");
const QString kSelect =
    QStringLiteral("SELECT day, event, pv, uv, invalid FROM metrics WHERE app_id = ? ORDER BY day, event");

} // namespace

Status writeMetrics(Store& store, const QString& appKey, const QList<MetricRow>& rows, const QString& source)
{
    if (auto allowed = store.require(Permission::WriteMetrics); !allowed) {
        return allowed;
    }
    auto appId = store.context().appId(appKey);
    if (!appId) {
        return appId.error();
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    Database& db = store.db();
    return db.transact<Ok>([&]() -> Status {
        for (const MetricRow& r : rows) {
            auto changed =
                db.change(kUpsert, {*appId, r.day.toString(Qt::ISODate), r.event, r.pv, r.uv, r.invalid, source, now});
            if (!changed) {
                return changed.error();
            }
        }
        QStringList days;
        for (const MetricRow& r : rows) {
            days << r.day.toString(Qt::ISODate);
        }
        days.removeDuplicates();
        days.sort();
        return store.context().audit(QStringLiteral("metrics.write"), QStringLiteral("metrics"), appKey, appKey,
                                     {{QStringLiteral("rows"), rows.size()},
                                      {QStringLiteral("source"), source},
                                      {QStringLiteral("first_day"), days.value(0)},
                                      {QStringLiteral("last_day"), days.value(days.size() - 1)}});
    });
}

Result<QList<MetricRow>> readMetrics(Store& store, const QString& appKey)
{
    auto appId = store.context().appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = store.db().run(kSelect, {*appId});
    if (!q) {
        return q.error();
    }
    QList<MetricRow> rows;
    while ((*q)->next()) {
        MetricRow r;
        r.day = QDate::fromString((*q)->value(0).toString(), Qt::ISODate);
        r.event = (*q)->value(1).toString();
        r.pv = (*q)->value(2).toLongLong();
        r.uv = (*q)->value(3).toLongLong();
        r.invalid = (*q)->value(4).toLongLong();
        rows.append(r);
    }
    (*q)->finish();
    return rows;
}

} // namespace tp
