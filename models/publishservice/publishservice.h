#pragma once

#include "error.h"
#include "publisher.h"
#include "publishhistory.h"
#include "redisclient.h"
#include "redisurl.h"
#include "types.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QThread;

namespace tp {

class Store;

/// What the desktop app publishes with: runs a dry run, a publish or a rollback on a worker
/// thread (over a store connection and a Redis connection of its own, so the GUI stays
/// responsive), reports progress, can be cancelled, and records real publishes and rollbacks
/// in the store's publish history. One run at a time. It never shows anything itself.
class PublishService : public QObject {
    Q_OBJECT
public:
    /// Opens another connection to the same store, for the worker thread.
    using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;

    enum class Kind { DryRun, Publish, Rollback };

    struct Request {
        Kind kind = Kind::DryRun;
        QString appKey;
        QStringList versions; ///< to publish (frozen or released); empty: every released one
        RedisUrl redis;       ///< with the password, if any
    };

    /// What a run that did not fail produced.
    struct Outcome {
        Kind kind = Kind::DryRun;
        PublishReport report;
        QString redisTarget;  ///< RedisUrl::displayString()
        qint64 historyId = 0; ///< the history entry written (not for dry runs)
        QString historyError; ///< why no history entry could be written, if so
    };

    /// `store` is the GUI thread's (versions, history); `opener` opens the worker's connection
    /// (null: Store::open(store.url())). The store must outlive the service.
    explicit PublishService(Store& store, StoreOpener opener = {}, QObject* parent = nullptr);
    /// Cancels a run and waits for it.
    ~PublishService() override;

    /// Frozen and released versions of the app, oldest first.
    [[nodiscard]] Result<QList<Version>> publishableVersions(const QString& appKey);
    /// The app's publish history, newest first.
    [[nodiscard]] Result<QList<PublishRecord>> history(const QString& appKey, int limit = 200);
    /// The acting user of the store: "by" of what is published.
    [[nodiscard]] QString actor() const;

    /// Starts a run; false (and nothing happens) while one runs. Ends with finished() or failed().
    bool start(const Request& request);
    /// Asks the run to stop; it ends with failed() (Error::Code::Cancelled) unless it was past
    /// the point of no return (the pointer move), then with finished().
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// 0..100 and the stage, translated.
    void progressed(int percent, const QString& stage);
    void finished(const tp::PublishService::Outcome& outcome);
    /// `kind` says what went wrong with Redis (None: not Redis, e.g. the store or a cancel).
    void failed(const tp::Error& error, tp::RedisErrorKind kind);

private:
    struct Job;
    void run(const std::shared_ptr<Job>& job);

    Store& m_store;
    StoreOpener m_opener;
    std::shared_ptr<Job> m_job;
    QPointer<QThread> m_thread;
    bool m_running = false;
};

} // namespace tp
