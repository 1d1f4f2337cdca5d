#pragma once

#include "error.h"
#include "qachecklistmodel.h"
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

/// Live QA (DESIGN.md "Validation, quarantine and live QA"): while started, a worker thread
/// with a store connection and a Redis connection of its own reads the stream
/// tp:{app}:debug:{session} from its beginning (XREAD BLOCK), checks each event against the plan
/// of one version with the validator and hands the results to the service's thread in batches.
/// It never shows anything itself. One session at a time.
class QaService : public QObject {
    Q_OBJECT
public:
    /// Opens another connection to the same store, for the worker thread.
    using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;

    struct Request {
        QString appKey;
        QString version; ///< frozen or released; empty: the app's current one
        RedisUrl redis;  ///< with the password, if any
        QString session;
    };

    /// `opener` null: Store::open(store.url()). The store must outlive the service.
    explicit QaService(Store& store, StoreOpener opener = {}, QObject* parent = nullptr);
    /// Stops a session and waits for its thread.
    ~QaService() override;

    /// Frozen and released versions of the app, oldest first.
    [[nodiscard]] Result<QList<Version>> versions(const QString& appKey);

    /// Starts reading; false (nothing happens) while a session runs.
    bool start(const Request& request);
    /// Asks the worker to stop; it ends with stopped() within about half a second.
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }

    /// Milliseconds each XREAD blocks (how soon stop() is noticed).
    static constexpr int kBlockMs = 300;

Q_SIGNALS:
    /// The plan is loaded: the version checked against (its name, also for "current") and its events.
    void planLoaded(const QString& version, const QList<tp::QaPlannedEvent>& events);
    /// Events read from the stream, checked, in stream order.
    void eventsChecked(const QList<tp::QaEventResult>& results);
    /// The session ended with an error (it is no longer running).
    void failed(const tp::Error& error, tp::RedisErrorKind kind);
    /// The session ended after stop().
    void stopped();

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
