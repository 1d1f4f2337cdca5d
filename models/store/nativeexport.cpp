// exportStore(): streams the whole store as canonical JSON (see nativejson.h).
#include "nativejson.h"

#include "entityjson.h"
#include "enums.h"
#include "jsonwriter.h"
#include "nativeexportrecords.h"
#include "store.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>

namespace tp {
namespace {

const QLatin1String kFormat("trackplan-native/1");

class Exporter {
public:
    Exporter(Store& store, QIODevice& out, const ProgressFn& progress)
        : m_store(store), m_db(store.db()), m_w(&out, JsonWriter::Layout::Sections), m_progress(progress)
    {
    }

    Status run()
    {
        auto apps = m_store.plan().apps();
        if (!apps) {
            return apps.error();
        }
        m_apps = *apps;
        m_w.beginObject();
        m_w.key(QLatin1String("$format"));
        m_w.value(kFormat);
        const std::pair<const char*, Status (Exporter::*)()> sections[] = {
            {"apps", &Exporter::writeApps},
            {"attributes", &Exporter::writeAttributes},
            {"audit", &Exporter::writeAudit},
            {"demands", &Exporter::writeDemands},
            {"events", &Exporter::writeEvents},
            {"governance_history", &Exporter::writeGovernanceHistory},
            {"level_approvals", &Exporter::writeLevelApprovals},
            {"metrics", &Exporter::writeMetrics},
            {"publish_history", &Exporter::writePublishHistory},
            {"reviews", &Exporter::writeReviews},
            {"revisions", &Exporter::writeRevisions},
            {"users", &Exporter::writeUsers},
            {"versions", &Exporter::writeVersions},
        };
        static_assert(std::extent_v<decltype(sections)> == kSections);
        for (const auto& [name, fn] : sections) {
            m_stage = QCoreApplication::translate("tp::store", "Exporting %1…").arg(QLatin1String(name));
            m_rowsDone = 0;
            m_rowsTotal = 0;
            if (auto s = report(0); !s) {
                return s;
            }
            m_w.key(QLatin1String(name));
            m_w.beginArray();
            if (auto s = (this->*fn)(); !s) {
                return s;
            }
            m_w.endArray();
            ++m_section;
        }
        m_w.endObject();
        if (!m_w.flush() || m_w.hasError()) {
            return makeError(Error::Code::Io, QCoreApplication::translate("tp::store", "Cannot write the export: %1")
                                                  .arg(m_w.errorString()));
        }
        if (m_progress) {
            m_progress(100, QCoreApplication::translate("tp::store", "Export done."));
        }
        return Ok{};
    }

private:
    static constexpr int kSections = 13;
    static constexpr qint64 kRowsPerReport = 2000;

    /// Progress at `permille` of the current section; Cancelled when the callback says so.
    Status report(qint64 permille)
    {
        if (m_progress && !m_progress(int((m_section * 1000 + permille) / (kSections * 10)), m_stage)) {
            return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::store", "Export cancelled."));
        }
        return Ok{};
    }

    /// A long section's rows are about to be read: countSql gives how many.
    Status expectRows(const QString& countSql)
    {
        auto n = m_db.scalar(countSql);
        if (!n) {
            return n.error();
        }
        m_rowsTotal = n->toLongLong();
        return Ok{};
    }

    /// One row of a long section read; reports progress every kRowsPerReport rows.
    Status step()
    {
        if (++m_rowsDone % kRowsPerReport != 0) {
            return Ok{};
        }
        return report(std::min<qint64>(999, m_rowsDone * 1000 / std::max<qint64>(m_rowsTotal, 1)));
    }

    [[nodiscard]] exportrecords::StepFn stepFn()
    {
        return [this] { return step(); };
    }

    [[nodiscard]] exportrecords::WriteFn writeFn()
    {
        return [this](const QByteArray& record) { m_w.rawValue(record); };
    }

    void writeRecords(const std::vector<exportrecords::Record>& records)
    {
        for (const exportrecords::Record& r : records) {
            m_w.rawValue(r.text);
        }
    }

    Status writeApps()
    {
        auto rules = exportrecords::approvalRules(m_db);
        if (!rules) {
            return rules.error();
        }
        for (const App& app : std::as_const(m_apps)) {
            auto policy = m_store.plan().policy(app.key);
            if (!policy) {
                return policy.error();
            }
            auto seq = m_db.scalar(QStringLiteral("SELECT plan_seq FROM apps WHERE key = ?"), {app.key});
            if (!seq) {
                return seq.error();
            }
            QJsonObject o = toJson(app);
            // null: no rules of its own, the defaults (GovernanceService::approvalRules).
            const auto own = rules->constFind(app.key);
            o.insert(QStringLiteral("approval_rules"), own == rules->cend() ? QJsonValue() : QJsonValue(*own));
            QJsonArray levels;
            for (const LevelPolicy& l : policy->levels) {
                levels.append(toJson(l));
            }
            o.insert(QStringLiteral("plan_seq"), seq->toLongLong());
            o.insert(QStringLiteral("policy"), levels);
            o.insert(QStringLiteral("policy_row_version"), policy->rowVersion);
            o.insert(QStringLiteral("row_version"), app.rowVersion);
            m_w.value(o);
        }
        return Ok{};
    }

    Status writeAttributes()
    {
        if (auto s = expectRows(QStringLiteral("SELECT COUNT(*) FROM attributes")); !s) {
            return s;
        }
        for (const App& app : std::as_const(m_apps)) {
            auto id = m_store.context().appId(app.key);
            if (!id) {
                return id.error();
            }
            auto records = exportrecords::attributes(m_db, *id, app.key, stepFn());
            if (!records) {
                return records.error();
            }
            writeRecords(*records);
        }
        return Ok{};
    }

    Status writeEvents()
    {
        if (auto s = expectRows(QStringLiteral("SELECT COUNT(*) FROM events")); !s) {
            return s;
        }
        auto attributeKeys = exportrecords::attributeKeyTexts(m_db);
        if (!attributeKeys) {
            return attributeKeys.error();
        }
        for (const App& app : std::as_const(m_apps)) {
            auto id = m_store.context().appId(app.key);
            if (!id) {
                return id.error();
            }
            auto records = exportrecords::events(m_db, *id, app.key, *attributeKeys, stepFn());
            if (!records) {
                return records.error();
            }
            writeRecords(*records);
        }
        return Ok{};
    }

    Status writeAudit()
    {
        auto q = m_db.run(QStringLiteral("SELECT action, actor, app_key, at, details, entity_key, entity_type "
                                         "FROM audit_log ORDER BY seq"));
        if (!q) {
            return q.error();
        }
        QSqlQuery& r = **q;
        while (r.next()) {
            m_w.beginObject();
            writeString("action", r.value(0));
            writeString("actor", r.value(1));
            writeString("app", r.value(2));
            writeString("at", r.value(3));
            m_w.key(QLatin1String("details"));
            m_w.rawValue(r.value(4).toString().toUtf8());
            writeString("entity_key", r.value(5));
            writeString("entity_type", r.value(6));
            m_w.endObject();
        }
        r.finish();
        return Ok{};
    }

    Status writeGovernanceHistory() { return exportrecords::governanceHistory(m_db, writeFn()); }
    Status writeLevelApprovals() { return exportrecords::levelApprovals(m_db, writeFn()); }
    Status writePublishHistory() { return exportrecords::publishHistory(m_db, writeFn()); }
    Status writeReviews() { return exportrecords::reviews(m_db, writeFn()); }

    Status writeMetrics()
    {
        if (auto s = expectRows(QStringLiteral("SELECT COUNT(*) FROM metrics")); !s) {
            return s;
        }
        for (const App& app : std::as_const(m_apps)) {
            auto id = m_store.context().appId(app.key);
            if (!id) {
                return id.error();
            }
            if (auto s = exportrecords::metrics(m_db, *id, app.key, writeFn(), stepFn()); !s) {
                return s;
            }
        }
        return Ok{};
    }

    Status writeDemands()
    {
        auto demands = m_store.demands().list();
        if (!demands) {
            return demands.error();
        }
        auto rounds = exportrecords::reviewRounds(m_db);
        if (!rounds) {
            return rounds.error();
        }
        if (auto s = expectRows(QStringLiteral("SELECT COUNT(*) FROM changes")); !s) {
            return s;
        }
        for (const Demand& d : std::as_const(*demands)) {
            auto changes = exportrecords::changes(m_db, d.key, stepFn());
            if (!changes) {
                return changes.error();
            }
            m_w.beginObject();
            writeString("app", d.appKey);
            m_w.key(QLatin1String("changes"));
            m_w.beginArray();
            writeRecords(*changes);
            m_w.endArray();
            writeString("created_at", StoreContext::timeText(d.createdAt));
            writeString("description", d.description);
            writeString("external_link", d.externalLink);
            writeString("key", d.key);
            writeString("owner", d.owner);
            writeString("priority", toString(d.priority));
            m_w.key(QLatin1String("review_round"));
            m_w.value(rounds->value(d.key));
            m_w.key(QLatin1String("row_version"));
            m_w.value(d.rowVersion);
            writeString("status", toString(d.status));
            m_w.key(QLatin1String("target_versions"));
            m_w.value(QJsonArray::fromStringList(d.targetVersions));
            writeString("title", d.title);
            writeString("updated_at", StoreContext::timeText(d.updatedAt));
            m_w.endObject();
        }
        return Ok{};
    }

    Status writeRevisions()
    {
        if (auto s = expectRows(QStringLiteral("SELECT COUNT(*) FROM revisions")); !s) {
            return s;
        }
        return exportrecords::revisions(m_db, writeFn(), stepFn());
    }

    Status writeUsers()
    {
        auto users = m_store.plan().users();
        if (!users) {
            return users.error();
        }
        for (const User& u : std::as_const(*users)) {
            QJsonObject o = toJson(u);
            o.insert(QStringLiteral("row_version"), u.rowVersion);
            m_w.value(o);
        }
        return Ok{};
    }

    Status writeVersions()
    {
        for (const App& app : std::as_const(m_apps)) {
            auto versions = m_store.versions().list(app.key);
            if (!versions) {
                return versions.error();
            }
            auto snaps = m_store.versions().snapshots(app.key);
            if (!snaps) {
                return snaps.error();
            }
            for (const Version& v : std::as_const(*versions)) {
                QJsonObject o{{QStringLiteral("app"), app.key},
                              {QStringLiteral("created_at"), StoreContext::timeText(v.createdAt)},
                              {QStringLiteral("description"), v.description},
                              {QStringLiteral("frozen_at"), StoreContext::timeText(v.frozenAt)},
                              {QStringLiteral("name"), v.name},
                              {QStringLiteral("released_at"), StoreContext::timeText(v.releasedAt)},
                              {QStringLiteral("row_version"), v.rowVersion},
                              {QStringLiteral("snapshot"), QJsonValue::Null},
                              {QStringLiteral("status"), toString(v.status)}};
                for (const SnapshotInfo& s : std::as_const(*snaps)) {
                    if (s.versionName == v.name) {
                        o.insert(QStringLiteral("snapshot"),
                                 QJsonObject{{QStringLiteral("attribute_count"), s.attributeCount},
                                             {QStringLiteral("checksum"), s.checksum},
                                             {QStringLiteral("created_at"), StoreContext::timeText(s.createdAt)},
                                             {QStringLiteral("event_count"), s.eventCount},
                                             {QStringLiteral("plan_seq"), s.planSeq}});
                    }
                }
                m_w.value(o);
            }
        }
        return Ok{};
    }

    void writeString(const char* key, const QVariant& v)
    {
        m_w.key(QLatin1String(key));
        m_w.value(v.toString());
    }

    Store& m_store;
    Database& m_db;
    JsonWriter m_w;
    const ProgressFn& m_progress;
    QList<App> m_apps;
    int m_section = 0; ///< index of the section being written
    QString m_stage;
    qint64 m_rowsDone = 0;
    qint64 m_rowsTotal = 0;
};

} // namespace

Status exportStore(Store& store, QIODevice& out, const ProgressFn& progress)
{
    Exporter e(store, out, progress);
    return e.run();
}

} // namespace tp
