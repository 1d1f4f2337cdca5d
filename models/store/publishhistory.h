#pragma once

#include "storecontext.h"

#include <QMap>

namespace tp {

/// One publish to Redis (or rollback) made from this store, as the publish history keeps it.
/// Dry runs are never recorded.
struct PublishRecord {
    enum class Action { Publish, Rollback };

    qint64 id = 0; ///< assigned by record()
    QString appKey;
    Action action = Action::Publish;
    QDateTime publishedAt;           ///< set by record() from the store's clock
    QString by;                      ///< the acting user, set by record()
    QString redisTarget;             ///< RedisUrl::displayString(): never a password
    QString snapshotId;              ///< tp:{app}:current afterwards; empty when it failed
    QMap<QString, QString> versions; ///< app version → snapshot id (of the request, or after a rollback)
    bool ok = true;
    /// Ok: a short summary (JSON of the counts); failed: the error message.
    QString details;
};

[[nodiscard]] QString toString(PublishRecord::Action action); ///< publish, rollback

/// The publish history of the store's apps. A service like VersionService: construct it over
/// the store's context (`PublishHistory(store.context())`).
class PublishHistory {
public:
    explicit PublishHistory(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    /// Appends an entry (with one audit row, publish.record), stamped with the store's clock
    /// and acting user; returns it as stored. Rejects entries with a password in redisTarget.
    [[nodiscard]] Result<PublishRecord> record(const PublishRecord& entry);
    /// The app's entries, newest first; `limit` 0 = all.
    [[nodiscard]] Result<QList<PublishRecord>> list(const QString& appKey, int limit = 0);

private:
    StoreContext& m_ctx;
};

} // namespace tp
