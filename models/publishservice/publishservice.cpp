#include "publishservice.h"

#include "store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>

namespace tp {

struct PublishService::Job {
    Request request;
    QString actor;
    StoreOpener opener;
    std::atomic<bool> cancelled{false};
};

namespace {

/// The counts of a report, for the history's details.
QString summary(const PublishReport& r)
{
    const QJsonObject o{{QStringLiteral("pointers_moved"), r.pointersMoved},
                        {QStringLiteral("schemas_written"), r.schemasWritten},
                        {QStringLiteral("schemas_existing"), r.schemasExisting},
                        {QStringLiteral("snapshots_written"), r.snapshotsWritten},
                        {QStringLiteral("snapshots_reused"), r.snapshotsReused},
                        {QStringLiteral("keys_changed"), qint64(r.changes.size())},
                        {QStringLiteral("commands"), r.commands}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

PublishService::PublishService(Store& store, StoreOpener opener, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_opener(std::move(opener))
{
    if (!m_opener) {
        StoreUrl url = store.url();
        m_opener = [url] { return Store::open(url); };
    }
}

PublishService::~PublishService()
{
    if (m_job) {
        m_job->cancelled = true;
    }
    if (m_thread) {
        m_thread->wait();
    }
}

Result<QList<Version>> PublishService::publishableVersions(const QString& appKey)
{
    return m_store.versions().snapshotted(appKey);
}

Result<QList<PublishRecord>> PublishService::history(const QString& appKey, int limit)
{
    return PublishHistory(m_store.context()).list(appKey, limit);
}

QString PublishService::actor() const
{
    return m_store.actor();
}

bool PublishService::start(const Request& request)
{
    if (m_running) {
        return false;
    }
    auto job = std::make_shared<Job>();
    job->request = request;
    job->actor = m_store.actor();
    job->opener = m_opener;
    m_job = job;
    m_running = true;
    if (m_thread) {
        m_thread->wait(); // the previous run has reported; its thread is ending
    }
    QThread* thread = QThread::create([this, job] { run(job); });
    thread->setObjectName(QStringLiteral("publish"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start();
    return true;
}

void PublishService::cancel()
{
    if (m_job) {
        m_job->cancelled = true;
    }
}

// On the worker thread: everything here uses the job's own connections; results go back to
// the service's thread by queued calls (dropped if the service is gone, which waits for us).
void PublishService::run(const std::shared_ptr<Job>& job)
{
    const Request& request = job->request;
    const auto fail = [this, job](const Error& error, RedisErrorKind kind) {
        QMetaObject::invokeMethod(
            this,
            [this, job, error, kind] {
                if (m_job == job) {
                    m_running = false;
                }
                Q_EMIT failed(error, kind);
            },
            Qt::QueuedConnection);
    };
    const auto progress = [this, job](int percent, const QString& stage) {
        QMetaObject::invokeMethod(
            this, [this, percent, stage] { Q_EMIT progressed(percent, stage); }, Qt::QueuedConnection);
        return !job->cancelled.load();
    };

    auto store = job->opener();
    if (!store) {
        fail(store.error(), RedisErrorKind::None);
        return;
    }
    (*store)->setActor(job->actor);
    const QString target = request.redis.displayString();
    progress(0, tr("Connecting to %1").arg(target));
    RedisErrorKind kind = RedisErrorKind::None;
    RedisClient::Options connectOptions;
    connectOptions.cancelled = &job->cancelled; // Cancel ends a wait on a server that does not answer
    auto client = RedisClient::connect(request.redis, connectOptions, &kind);
    if (!client) {
        fail(client.error(), kind);
        return;
    }
    if (job->cancelled) {
        fail(makeError(Error::Code::Cancelled, tr("Cancelled.")), RedisErrorKind::None);
        return;
    }
    Publisher publisher(**client);
    PublishOptions options;
    options.dryRun = request.kind == Kind::DryRun;
    options.actor = job->actor;
    options.cancelled = &job->cancelled;
    options.progress = progress;

    Result<PublishReport> report = makeError(Error::Code::InvalidState, QString());
    QMap<QString, QString> versions; // for the history of a failed publish: what was asked
    if (request.kind == Kind::Rollback) {
        report = publisher.rollback(request.appKey, options);
    } else {
        auto publish = publishRequest(**store, request.appKey, request.versions);
        if (!publish) {
            fail(publish.error(), RedisErrorKind::None);
            return;
        }
        for (const PublishVersion& v : publish->versions) {
            versions.insert(v.name, QString());
        }
        report = publisher.publish(*publish, options);
    }
    kind = report ? RedisErrorKind::None : (*client)->lastErrorKind();

    // Real publishes and rollbacks go into the history, failed ones too (not cancelled ones:
    // they changed nothing a reader sees, and the user knows).
    Outcome outcome;
    outcome.kind = request.kind;
    outcome.redisTarget = target;
    const bool cancelled = !report && report.error().code == Error::Code::Cancelled;
    if (request.kind != Kind::DryRun && !cancelled) {
        PublishRecord entry;
        entry.appKey = request.appKey;
        entry.action =
            request.kind == Kind::Rollback ? PublishRecord::Action::Rollback : PublishRecord::Action::Publish;
        entry.redisTarget = target;
        entry.ok = report.ok();
        if (report) {
            entry.snapshotId = report->current;
            entry.versions = request.kind == Kind::Rollback ? report->versions : report->published;
            entry.details = summary(*report);
        } else {
            entry.versions = versions;
            entry.details = report.error().toString();
        }
        auto recorded = PublishHistory((*store)->context()).record(entry);
        if (recorded) {
            outcome.historyId = recorded->id;
        } else {
            outcome.historyError = recorded.error().toString();
            qWarning("publish history not written: %s", qPrintable(outcome.historyError));
        }
    }
    if (!report) {
        fail(report.error(), kind);
        return;
    }
    outcome.report = *report;
    QMetaObject::invokeMethod(
        this,
        [this, job, outcome] {
            if (m_job == job) {
                m_running = false;
            }
            Q_EMIT finished(outcome);
        },
        Qt::QueuedConnection);
}

} // namespace tp
