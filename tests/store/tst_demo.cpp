// The demo generator (models/store/demo.h) on real SQLite files: what the demo contains, that
// it is deterministic, that the scaled variant hits its event count, and cancel.

#include "demo.h"
#include "entityjson.h"
#include "enums.h"
#include "lint.h"
#include "plandiff.h"
#include "store.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tp;

namespace {

/// The value of a store call that must succeed. Returned by value: ranged-for over
/// `call().value()` would dangle, the Result temporary dies before the loop runs.
template <typename T> T get(Result<T> r)
{
    if (!r) {
        qFatal("%s", qPrintable(r.error().toString()));
    }
    return std::move(r).value();
}

std::unique_ptr<Store> openStore(const QString& path)
{
    auto s = Store::open(path);
    if (!s) {
        qWarning("%s", qPrintable(s.error().toString()));
        return nullptr;
    }
    return std::move(*s);
}

/// Everything a user can see of a store, as text: plans, demands, versions, snapshots, audit.
QByteArray dump(Store& store)
{
    QByteArray out;
    for (const App& app : get(store.plan().apps())) {
        out += canonicalJson(toJson(app)) + '\n';
        const Plan plan = get(store.plan().plan(app.key));
        for (const Attribute& a : plan.attributes) {
            out += canonicalJson(toJson(a)) + '\n';
        }
        for (const Event& e : plan.events) {
            out += canonicalJson(toJson(e, true)) + '\n';
        }
        for (const Version& v : get(store.versions().list(app.key))) {
            out += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                       .arg(v.name, toString(v.status), v.createdAt.toString(Qt::ISODate),
                            v.releasedAt.toString(Qt::ISODate), v.demandKeys.join(QLatin1Char(',')), v.description)
                       .toUtf8();
        }
        for (const SnapshotInfo& s : get(store.versions().snapshots(app.key))) {
            out += QStringLiteral("%1 %2 %3\n").arg(s.versionName, s.checksum).arg(s.planSeq).toUtf8();
        }
    }
    for (const Demand& d : get(store.demands().list())) {
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(d.key, d.appKey, d.title, d.owner, toString(d.status), d.externalLink,
                        d.updatedAt.toString(Qt::ISODate))
                   .toUtf8();
    }
    for (const AuditEntry& a : get(store.audit())) {
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 ")
                   .arg(a.at.toString(Qt::ISODateWithMs), a.actor, a.action, a.entityType, a.entityKey, a.appKey)
                   .toUtf8()
            + canonicalJson(a.details) + '\n';
    }
    return out;
}

} // namespace

class TestDemo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void counts();
    void everyDemandStatus();
    void contentVariety();
    void snapshots();
    void consecutiveReleasesDiffer();
    void historyAndAudit();
    void lintFindsNoErrors();
    void deterministic();
    void scaled();
    void scaledBelowHandMade();
    void cancel();
    void refusesNonEmptyStore();
    void rejectsBadEventCount();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    DemoSummary m_summary;
    QList<int> m_percents;
};

void TestDemo::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = openStore(m_dir.filePath(QStringLiteral("small.sqlite")));
    QVERIFY(m_store);
    DemoOptions options;
    options.progress = [this](int percent, const QString& stage) {
        m_percents << percent;
        return !stage.isEmpty();
    };
    auto r = generateDemo(*m_store, options);
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().toString()));
    m_summary = *r;
}

void TestDemo::counts()
{
    QCOMPARE(m_summary.apps, 3);
    QCOMPARE(m_summary.users, 9);
    QCOMPARE(m_summary.versions, 12);
    QCOMPARE(m_summary.events, demoHandMadeEventCount());
    int events = 0;
    int attributes = 0;
    int bindings = 0;
    for (const QString& app :
         {QStringLiteral("user-app"), QStringLiteral("driver-app"), QStringLiteral("enterprise-web")}) {
        const Plan plan = get(m_store->plan().plan(app));
        QVERIFY2(plan.events.size() >= 20 && plan.events.size() <= 50, qPrintable(app));
        events += int(plan.events.size());
        attributes += int(plan.attributes.size());
        for (const Event& e : plan.events) {
            QVERIFY2(e.bindings.size() >= 3 && e.bindings.size() <= 8, qPrintable(e.key));
            bindings += int(e.bindings.size());
        }
    }
    QCOMPARE(events, m_summary.events);
    QCOMPARE(bindings, m_summary.bindings);
    QCOMPARE(attributes, m_summary.attributes);
    QCOMPARE(get(m_store->demands().list()).size(), m_summary.demands);
    // Progress: starts, never goes back, ends at 100.
    QVERIFY(!m_percents.isEmpty());
    QCOMPARE(m_percents.last(), 100);
    QVERIFY(std::is_sorted(m_percents.begin(), m_percents.end()));
}

void TestDemo::everyDemandStatus()
{
    QSet<DemandStatus> seen;
    for (const Demand& d : get(m_store->demands().list())) {
        seen.insert(d.status);
        if (d.status != DemandStatus::Merged) {
            // Open, rejected and cancelled demands keep their pending changes.
            QVERIFY2(!get(m_store->demands().changes(d.key)).isEmpty(), qPrintable(d.key));
        }
    }
    for (const QString& s : allSpellings<DemandStatus>()) {
        QVERIFY2(seen.contains(*fromString<DemandStatus>(s)), qPrintable(s));
    }
}

void TestDemo::contentVariety()
{
    QSet<AttrType> types;
    QSet<Privacy> privacy;
    QSet<Level> levels;
    QSet<EventStatus> statuses;
    bool common = false;
    bool grouped = false;
    for (const App& app : get(m_store->plan().apps())) {
        const Plan plan = get(m_store->plan().plan(app.key));
        for (const Attribute& a : plan.attributes) {
            types.insert(a.type);
            privacy.insert(a.privacy);
            common = common || a.common;
            grouped = grouped || !a.groups.isEmpty();
            QVERIFY2(validateExample(a, a.example).isEmpty(), qPrintable(a.key));
        }
        for (const Event& e : plan.events) {
            levels.insert(e.level);
            statuses.insert(e.status);
            QVERIFY(!e.owner.isEmpty());
            QVERIFY(!e.trigger.isEmpty());
        }
    }
    QCOMPARE(types.size(), allSpellings<AttrType>().size());
    QCOMPARE(privacy.size(), allSpellings<Privacy>().size());
    QCOMPARE(levels.size(), 4);
    QVERIFY(common);
    QVERIFY(grouped);
    for (EventStatus s : {EventStatus::Implementing, EventStatus::Testing, EventStatus::Live, EventStatus::Deprecated,
                          EventStatus::Removed}) {
        QVERIFY2(statuses.contains(s), qPrintable(toString(s)));
    }
    // The enum attribute of the brief, with Chinese labels.
    const Attribute vehicle =
        get(m_store->plan().attribute(QStringLiteral("user-app"), QStringLiteral("vehicle_type")));
    QVERIFY(vehicle.type == AttrType::Enum);
    QCOMPARE(vehicle.enumValues.first().label, QStringLiteral("小面包车"));
}

void TestDemo::snapshots()
{
    int frozen = 0;
    for (const App& app : get(m_store->plan().apps())) {
        for (const Version& v : get(m_store->versions().list(app.key))) {
            auto snap = m_store->versions().snapshot(app.key, v.name);
            if (v.status == VersionStatus::Planning) {
                QVERIFY(!snap);
                continue;
            }
            ++frozen;
            QVERIFY2(snap.ok(), qPrintable(v.name));
            const Plan plan = get(m_store->versions().planAt(app.key, v.name));
            QCOMPARE(snap->eventCount, int(plan.events.size()));
            QVERIFY(snap->eventCount > 0);
            QCOMPARE(snap->checksum, planChecksum(plan));
        }
    }
    QCOMPARE(frozen, 9); // 6.1–6.4, 5.8–5.10, 2.0–2.1
}

void TestDemo::consecutiveReleasesDiffer()
{
    QSet<QString> kinds; // "event:added", "attribute:removed", "binding:added" …
    for (const App& app : get(m_store->plan().apps())) {
        QStringList released;
        for (const Version& v : get(m_store->versions().list(app.key))) {
            if (v.status != VersionStatus::Planning) {
                released << v.name;
            }
        }
        released << VersionService::currentName();
        for (qsizetype i = 1; i < released.size(); ++i) {
            const PlanDiff d = get(m_store->versions().diff(app.key, released.at(i - 1), released.at(i)));
            QVERIFY2(!d.isEmpty(), qPrintable(app.key + QLatin1Char(' ') + released.at(i)));
            for (const EntityDiff& e : d.events) {
                kinds.insert(QStringLiteral("event:") + toString(e.kind));
            }
            for (const EntityDiff& e : d.attributes) {
                kinds.insert(QStringLiteral("attribute:") + toString(e.kind));
            }
            for (const BindingDiff& b : d.bindings) {
                kinds.insert(QStringLiteral("binding:") + toString(b.kind));
            }
        }
    }
    for (const char* k : {"event:added", "event:changed", "attribute:added", "attribute:changed", "attribute:removed",
                          "binding:added", "binding:removed"}) {
        QVERIFY2(kinds.contains(QLatin1String(k)), k);
    }
}

void TestDemo::historyAndAudit()
{
    const QString app = QStringLiteral("user-app");
    const auto submit = get(m_store->plan().history(EntityKind::Event, app, QStringLiteral("order_submit")));
    QVERIFY(submit.size() >= 3); // created, order_source added, is_new_user replaced
    QVERIFY(submit.first().demandKey != submit.last().demandKey);
    QVERIFY(m_store->plan().event(app, QStringLiteral("order_submit"))->schemaVersion.model > 1); // breaking change
    // An event that never reached a release was deleted; its history keeps the deletion.
    QVERIFY(!m_store->plan().event(app, QStringLiteral("home_lottery_click")));
    const auto lottery = get(m_store->plan().history(EntityKind::Event, app, QStringLiteral("home_lottery_click")));
    QVERIFY(lottery.last().op == ChangeOp::Delete);
    const auto reason = get(m_store->plan().attribute(app, QStringLiteral("cancel_reason")));
    QVERIFY(reason.type == AttrType::Enum);
    QCOMPARE(reason.revision, 2);

    QSet<QString> actions;
    for (const AuditEntry& a : get(m_store->audit())) {
        actions.insert(a.action);
        if (a.action == QLatin1String("demand.approve") || a.action == QLatin1String("version.release") ||
            a.action == QLatin1String("level.approve")) {
            QVERIFY2(a.actor == QLatin1String("liu.yang") || a.actor == QLatin1String("zhao.ting"),
                     qPrintable(a.actor));
        }
        QVERIFY(a.at >= QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC));
    }
    // Product owners target their demands at versions when they open them (no separate
    // version.assign_demand); stewards decide the levels and owners of core events sign off.
    for (const char* a : {"user.create", "app.create", "policy.update", "version.create", "level.approve",
                          "demand.sign_off", "demand.create", "change.save_batch", "change.save", "demand.submit", "demand.approve",
                          "demand.merge", "demand.reject", "demand.cancel", "version.freeze", "version.release"}) {
        QVERIFY2(actions.contains(QLatin1String(a)), a);
    }
}

void TestDemo::lintFindsNoErrors()
{
    for (const App& app : get(m_store->plan().apps())) {
        const QList<Finding> findings = lintPlan(get(m_store->plan().plan(app.key)), app);
        QStringList errors;
        for (const Finding& f : findings) {
            if (f.severity == Finding::Severity::Error) {
                errors << f.entityKey + QLatin1String(": ") + f.message;
            }
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }
}

void TestDemo::deterministic()
{
    const QByteArray first = dump(*m_store);
    auto same = openStore(m_dir.filePath(QStringLiteral("same.sqlite")));
    auto other = openStore(m_dir.filePath(QStringLiteral("other.sqlite")));
    QVERIFY(same && other);
    QVERIFY(generateDemo(*same, DemoOptions{}).ok());
    DemoOptions seeded;
    seeded.seed = 2;
    QVERIFY(generateDemo(*other, seeded).ok());
    const QByteArray second = dump(*same);
    QVERIFY(first.size() > 100000);
    QCOMPARE(second, first);
    QVERIFY(dump(*other) != first);
}

void TestDemo::scaled()
{
    // N is the total number of events in the current plans of all apps, hand-made ones included.
    auto store = openStore(m_dir.filePath(QStringLiteral("scaled.sqlite")));
    QVERIFY(store);
    DemoOptions options;
    options.events = 2000;
    auto r = generateDemo(*store, options);
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->events, 2000);
    int events = 0;
    int attributes = 0;
    int bindings = 0;
    for (const App& app : get(store->plan().apps())) {
        const Plan plan = get(store->plan().plan(app.key));
        events += int(plan.events.size());
        attributes += int(plan.attributes.size());
        for (const Event& e : plan.events) {
            bindings += int(e.bindings.size());
        }
        for (const Finding& f : lintPlan(plan, app)) {
            QVERIFY2(f.severity != Finding::Severity::Error, qPrintable(f.message));
            QVERIFY2(f.rule != QLatin1String("attribute.unused"), qPrintable(f.entityKey));
        }
    }
    QCOMPARE(events, 2000);
    QCOMPARE(attributes, r->attributes);
    QCOMPARE(bindings, r->bindings);
    const int generated = 2000 - demoHandMadeEventCount();
    QVERIFY(r->attributes >= m_summary.attributes + generated / 5);
    QVERIFY(r->bindings >= m_summary.bindings + 8 * generated);
    // Generated keys read like page_module_element_action with Chinese names.
    const Plan user = get(store->plan().plan(QStringLiteral("user-app")));
    QVERIFY(user.events.size() > 900);
    const auto generatedEvent = std::find_if(user.events.begin(), user.events.end(),
                                             [](const Event& e) { return e.key.count(QLatin1Char('_')) >= 3; });
    QVERIFY(generatedEvent != user.events.end());
    QVERIFY(generatedEvent->displayName.at(0).script() == QChar::Script_Han);
}

void TestDemo::scaledBelowHandMade()
{
    auto store = openStore(m_dir.filePath(QStringLiteral("below.sqlite")));
    QVERIFY(store);
    DemoOptions options;
    options.events = 10;
    auto r = generateDemo(*store, options);
    QVERIFY(r.ok());
    QCOMPARE(r->events, demoHandMadeEventCount());
}

void TestDemo::cancel()
{
    // Cancel is honoured between demands and inside the batches of the scaled part. Each demand is
    // atomic, the demo as a whole is not: the store keeps what was done (callers delete the file).
    auto store = openStore(m_dir.filePath(QStringLiteral("cancel.sqlite")));
    QVERIFY(store);
    DemoOptions options;
    options.events = 3000;
    int calls = 0;
    options.progress = [&calls](int percent, const QString&) {
        ++calls;
        return percent < 40;
    };
    auto r = generateDemo(*store, options);
    QVERIFY(!r);
    QVERIFY(r.error().code == Error::Code::Cancelled);
    QVERIFY(calls > 1);
    QVERIFY(!get(store->isEmpty()));
    int events = 0;
    for (const App& app : get(store->plan().apps())) {
        events += int(store->plan().plan(app.key)->events.size());
    }
    QVERIFY(events < 3000);
}

void TestDemo::refusesNonEmptyStore()
{
    auto r = generateDemo(*m_store, DemoOptions{});
    QVERIFY(!r);
    QVERIFY(r.error().code == Error::Code::InvalidState);
}

void TestDemo::rejectsBadEventCount()
{
    auto store = openStore(m_dir.filePath(QStringLiteral("bad.sqlite")));
    QVERIFY(store);
    for (int n : {-1, 100001}) {
        DemoOptions options;
        options.events = n;
        auto r = generateDemo(*store, options);
        QVERIFY(!r);
        QVERIFY(r.error().code == Error::Code::Validation);
    }
    QVERIFY(get(store->isEmpty()));
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
