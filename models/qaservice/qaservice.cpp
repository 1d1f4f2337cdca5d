#include "qaservice.h"

#include "plansource.h"
#include "replay.h"
#include "store.h"
#include "validator.h"
#include "versionservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>
#include <optional>

namespace tp {

struct QaService::Job {
    Request request;
    StoreOpener opener;
    std::atomic<bool> cancelled{false};
};

QaService::QaService(Store& store, StoreOpener opener, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_opener(std::move(opener))
{
    if (!m_opener) {
        StoreUrl url = store.url();
        m_opener = [url] { return Store::open(url); };
    }
}

QaService::~QaService()
{
    if (m_job) {
        m_job->cancelled = true;
    }
    if (m_thread) {
        m_thread->wait();
    }
}

Result<QList<Version>> QaService::versions(const QString& appKey)
{
    return m_store.versions().snapshotted(appKey);
}

bool QaService::start(const Request& request)
{
    if (m_running) {
        return false;
    }
    auto job = std::make_shared<Job>();
    job->request = request;
    job->opener = m_opener;
    m_job = job;
    m_running = true;
    if (m_thread) {
        m_thread->wait(); // the previous session has reported; its thread is ending
    }
    QThread* thread = QThread::create([this, job] { run(job); });
    thread->setObjectName(QStringLiteral("qa"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start();
    return true;
}

void QaService::stop()
{
    if (m_job) {
        m_job->cancelled = true;
    }
}

namespace {

QaEventResult resultOf(const Validator::Outcome& outcome)
{
    QaEventResult r;
    if (outcome.status != Validator::Status::Malformed) {
        r.event = QString::fromUtf8(outcome.event);
    }
    r.planned = outcome.rule != nullptr;
    r.violations.reserve(qsizetype(outcome.violations.size()));
    for (const Violation& v : outcome.violations) {
        r.violations.append({toString(v.type), QString::fromUtf8(v.path)});
    }
    return r;
}

} // namespace

// On the worker thread: everything here uses the job's own connections; results go back to
// the service's thread by queued calls (the service waits for this thread when destroyed).
void QaService::run(const std::shared_ptr<Job>& job)
{
    const Request& request = job->request;
    const auto finish = [this, job](std::optional<Error> error, RedisErrorKind kind) {
        QMetaObject::invokeMethod(
            this,
            [this, job, error, kind] {
                if (m_job == job) {
                    m_running = false;
                }
                if (error) {
                    Q_EMIT failed(*error, kind);
                } else {
                    Q_EMIT stopped();
                }
            },
            Qt::QueuedConnection);
    };

    auto store = job->opener();
    if (!store) {
        finish(store.error(), RedisErrorKind::None);
        return;
    }
    auto schemas = schemasFromStore(**store, request.appKey);
    if (!schemas) {
        finish(schemas.error(), RedisErrorKind::None);
        return;
    }
    const QString versionName = request.version.isEmpty() ? schemas->current : request.version;
    // The schemas name events by key only; the checklist shows the names people gave them.
    QHash<QString, QString> names;
    if (auto plan = (*store)->versions().planAt(request.appKey, versionName)) {
        for (const Event& e : std::as_const(plan->events)) {
            names.insert(e.key, e.displayName);
        }
    }
    store->reset(); // the plan is all the worker needs from the store
    const auto snapshot = schemas->versions.constFind(versionName);
    const SnapshotSchemas& chosen = snapshot != schemas->versions.constEnd() ? *snapshot : schemas->currentSnapshot;
    if (!request.version.isEmpty() && snapshot == schemas->versions.constEnd()) {
        finish(makeError(Error::Code::NotFound,
                         tr("Version %1 of %2 is neither frozen nor released.").arg(request.version, request.appKey)),
               RedisErrorKind::None);
        return;
    }
    RuleCompiler compiler;
    auto compiled = compiler.compile(chosen);
    if (!compiled) {
        finish(compiled.error(), RedisErrorKind::None);
        return;
    }
    // Every event is checked against the chosen version, whatever app_version it claims: QA
    // checks what the build under test sends against the plan it should implement.
    PlanRules rules;
    rules.appKey = request.appKey;
    rules.current = *compiled;
    rules.currentVersion = versionName;

    QList<QaPlannedEvent> planned;
    planned.reserve(chosen.events.size());
    for (const auto& [key, text] : chosen.events) {
        QaPlannedEvent e;
        e.key = QString::fromUtf8(key);
        e.name = names.value(e.key);
        if (e.name.isEmpty()) {
            e.name = QJsonDocument::fromJson(text).object().value(QLatin1String("title")).toString();
        }
        const auto rule = (*compiled)->events.constFind(key);
        e.level = rule != (*compiled)->events.constEnd() ? QLatin1Char((*rule)->level) : QLatin1Char('B');
        planned.append(e);
    }
    QMetaObject::invokeMethod(
        this, [this, versionName, planned] { Q_EMIT planLoaded(versionName, planned); }, Qt::QueuedConnection);

    RedisClient::Options options;
    options.commandTimeoutMs = kBlockMs + 10000;
    RedisErrorKind kind = RedisErrorKind::None;
    auto redis = RedisClient::connect(request.redis, options, &kind);
    if (!redis) {
        finish(redis.error(), kind);
        return;
    }
    Validator validator(std::move(rules));
    const QByteArray stream = debugStreamKey(request.appKey, request.session);
    const QByteArray block = QByteArray::number(kBlockMs);
    QByteArray lastId = "0"; // from the beginning: a capture replayed before Start counts too
    qint64 line = 0;
    while (!job->cancelled.load()) {
        auto reply = (*redis)->command({"XREAD", "COUNT", "1000", "BLOCK", block, "STREAMS", stream, lastId});
        if (!reply) {
            finish(reply.error(), (*redis)->lastErrorKind());
            return;
        }
        if (reply->isNil() || reply->elements.empty()) {
            continue; // nothing new within kBlockMs
        }
        QList<QaEventResult> results;
        for (const RedisReply& perStream : reply->elements) {
            if (perStream.elements.size() < 2) {
                continue;
            }
            for (const RedisReply& entry : perStream.elements[1].elements) {
                if (entry.elements.size() < 2) {
                    continue;
                }
                lastId = entry.elements[0].string;
                const auto& fields = entry.elements[1].elements;
                for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
                    if (fields[i].string == "event") {
                        results.append(resultOf(validator.check(fields[i + 1].string, ++line)));
                        break;
                    }
                }
            }
        }
        if (!results.isEmpty()) {
            QMetaObject::invokeMethod(
                this, [this, results] { Q_EMIT eventsChecked(results); }, Qt::QueuedConnection);
        }
    }
    finish(std::nullopt, RedisErrorKind::None);
}

} // namespace tp
