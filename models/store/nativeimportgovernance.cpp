// The record readers of the governance, review and operations parts of the native import: apps'
// approval rules, governance history, level decisions, metrics, publish history, reviews.
#include "nativeimporter.h"

#include "entityjson.h"
#include "enums.h"
#include "governance.h"
#include "store.h"

#include <QCoreApplication>
#include <QDate>
#include <QSet>
#include <QUrl>

namespace tp {
namespace {

QStringList spellings(const QList<ApprovalCondition>& all)
{
    QStringList out;
    for (ApprovalCondition c : all) {
        out << toString(c);
    }
    return out;
}

QStringList spellings(const QList<Approver>& all)
{
    QStringList out;
    for (Approver a : all) {
        out << toString(a);
    }
    return out;
}

// Spellings checked per record, made once: the demo's level decisions alone are 20 000 rows per
// 20 000 events.
const QStringList& verdictSpellings()
{
    static const QStringList all = [] {
        QStringList out;
        for (ReviewVerdict v :
             {ReviewVerdict::Comment, ReviewVerdict::Approve, ReviewVerdict::RequestChanges, ReviewVerdict::Reject}) {
            out << toString(v);
        }
        return out;
    }();
    return all;
}

const QStringList& levelSpellings()
{
    static const QStringList all = allSpellings<Level>();
    return all;
}

const QStringList& decisionSpellings()
{
    static const QStringList all{toString(LevelDecision::Approved), toString(LevelDecision::Rejected)};
    return all;
}

QString canonicalText(const QJsonValue& v)
{
    return QString::fromUtf8(canonicalJson(v));
}

} // namespace

qint64 Importer::demandIdFor(ImportFields& f, const char* key)
{
    const QString demand = f.string(key);
    if (f.failed()) {
        return 0;
    }
    const qint64 id = m_demandIds.value(demand, 0);
    if (id == 0) {
        f.fail(QString::fromLatin1(key), QCoreApplication::translate("tp::store", "unknown demand \"%1\"").arg(demand));
    }
    return id;
}

Status Importer::checkRules(ImportFields& f, const QJsonArray& rules, const QString& path)
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString rulePath = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!rules.at(i).isObject()) {
            f.fail(rulePath, QCoreApplication::translate("tp::store", "expected object"));
            return Ok{};
        }
        ImportFields r(rules.at(i).toObject(), m_record, f.context(), rulePath);
        const QStringList approvers = r.stringList("approvers");
        static_cast<void>(r.oneOf("when", spellings(allApprovalConditions())));
        if (!r.finish()) {
            return at(r.errorPosition(), r.errorMessage());
        }
        if (approvers.isEmpty()) {
            r.fail(QStringLiteral("approvers"),
                   QCoreApplication::translate("tp::store", "a rule needs at least one approver"));
        }
        const QStringList allowed = spellings(allApprovers());
        for (qsizetype j = 0; j < approvers.size() && !r.failed(); ++j) {
            const QString where = QStringLiteral("approvers[%1]").arg(j);
            if (!allowed.contains(approvers.at(j))) {
                r.fail(where,
                       QCoreApplication::translate("tp::store", "unknown value \"%1\"; expected one of %2")
                           .arg(approvers.at(j), allowed.join(QStringLiteral(", "))));
            } else if (approvers.indexOf(approvers.at(j)) < j) {
                r.fail(where, QCoreApplication::translate("tp::store", "\"%1\" is listed twice").arg(approvers.at(j)));
            }
        }
        if (r.failed()) {
            return at(r.errorPosition(), r.errorMessage());
        }
    }
    return Ok{};
}

Status Importer::readAppRules(ImportFields& f, qint64 appId, const QJsonObject& object)
{
    ImportFields r(object, m_record, f.context(), QStringLiteral("approval_rules"));
    const qint64 rowVersion = r.integer("row_version");
    const QJsonArray rules = r.array("rules");
    if (r.finish() && rowVersion < 1) { // 0 is how the store tells an app without rules (the defaults)
        r.fail(QStringLiteral("row_version"), QCoreApplication::translate("tp::store", "must be at least 1"));
    }
    if (r.failed()) {
        return at(r.errorPosition(), r.errorMessage());
    }
    if (auto s = checkRules(f, rules, QStringLiteral("approval_rules.rules")); !s || f.failed()) {
        return s;
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO approval_rules (app_id, rules, row_version) VALUES (?, ?, ?)"),
                         {appId, canonicalText(rules), rowVersion});
    return inserted(n, f, QCoreApplication::translate("tp::store", "approval rules"));
}

Status Importer::readGovernanceChange(ImportFields& f)
{
    const QJsonArray after = f.array("after");
    auto appId = appIdFor(f);
    const QString at = f.time("at");
    const QJsonArray before = f.array("before");
    const QString by = f.string("by");
    const QString comment = f.string("comment");
    const QString kind = f.oneOf("kind", {QStringLiteral("policy"), QStringLiteral("rules")});
    if (!appId || !f.finish()) {
        return Ok{};
    }
    // Both states in the form of their kind: the policy's four levels, or approval rules.
    for (const auto& [state, name] : {std::pair{&before, "before"}, std::pair{&after, "after"}}) {
        if (kind == QLatin1String("rules")) {
            if (auto s = checkRules(f, *state, QLatin1String(name)); !s || f.failed()) {
                return s;
            }
            continue;
        }
        for (qsizetype i = 0; i < state->size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(QLatin1String(name)).arg(i);
            const auto level = levelPolicyFromJson(state->at(i).toObject());
            if (!state->at(i).isObject()) {
                f.fail(path, QCoreApplication::translate("tp::store", "expected object"));
            } else if (const auto* e = std::get_if<JsonFieldError>(&level)) {
                f.fail(e->path.isEmpty() ? path : path + QLatin1Char('.') + e->path, e->message);
            }
            if (f.failed()) {
                return Ok{};
            }
        }
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO governance_history (app_id, kind, changed_at, changed_by, "
                                        "before_state, after_state, comment) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                         {*appId, kind, at, by, canonicalText(before), canonicalText(after), comment});
    return inserted(n, f, QCoreApplication::translate("tp::store", "governance history entry"));
}

Status Importer::readLevelApproval(ImportFields& f)
{
    const QString comment = f.string("comment");
    const QString decidedAt = f.time("decided_at");
    const QString decidedBy = f.string("decided_by");
    const QString decision = f.oneOf("decision", decisionSpellings());
    const qint64 demandId = demandIdFor(f, "demand");
    const QString event = f.string("event");
    const auto from = f.stringOrNull("from_level");
    const QString level = f.oneOf("level", levelSpellings());
    if (!f.finish()) {
        return Ok{};
    }
    if (event.isEmpty()) {
        f.fail(QStringLiteral("event"), QCoreApplication::translate("tp::store", "must not be empty"));
        return Ok{};
    }
    if (from && !levelSpellings().contains(*from)) {
        f.fail(QStringLiteral("from_level"),
               QCoreApplication::translate("tp::store", "unknown value \"%1\"; expected one of %2")
                   .arg(*from, levelSpellings().join(QStringLiteral(", "))));
        return Ok{};
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO level_approvals (demand_id, event_key, level, from_level, "
                                        "decision, decided_by, decided_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                         {demandId, event, level, from.value_or(QString()), decision, decidedBy, decidedAt, comment});
    return inserted(n, f,
                    QCoreApplication::translate("tp::store", "decision on level %1 of event \"%2\"").arg(level, event));
}

Status Importer::readMetric(ImportFields& f)
{
    auto appId = appIdFor(f);
    const QString day = f.string("day");
    const QString event = f.string("event");
    const qint64 invalid = f.integer("invalid");
    const qint64 pv = f.integer("pv");
    const QString source = f.string("source");
    const QString updatedAt = f.time("updated_at");
    const qint64 uv = f.integer("uv");
    if (!appId || !f.finish()) {
        return Ok{};
    }
    if (day.size() != 10 || !QDate::fromString(day, Qt::ISODate).isValid()) {
        f.fail(QStringLiteral("day"),
               QCoreApplication::translate("tp::store", "expected a day such as 2026-03-01, found \"%1\"").arg(day));
        return Ok{};
    }
    if (event.isEmpty()) {
        f.fail(QStringLiteral("event"), QCoreApplication::translate("tp::store", "must not be empty"));
        return Ok{};
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO metrics (app_id, day, event, pv, uv, invalid, source, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                         {*appId, day, event, pv, uv, invalid, source, updatedAt});
    return inserted(n, f, QCoreApplication::translate("tp::store", "metrics of event \"%1\" on %2").arg(event, day));
}

Status Importer::readPublishRecord(ImportFields& f)
{
    const QString action = f.oneOf("action", {QStringLiteral("publish"), QStringLiteral("rollback")});
    auto appId = appIdFor(f);
    const QString publishedAt = f.time("at");
    const QString by = f.string("by");
    const QString details = f.string("details");
    const QString outcome = f.oneOf("outcome", {QStringLiteral("ok"), QStringLiteral("failed")});
    const QString target = f.string("redis_target");
    const QString snapshot = f.string("snapshot_id");
    const QJsonObject versions = f.object("versions");
    if (!appId || !f.finish()) {
        return Ok{};
    }
    // As PublishHistory::record: a password never enters the store.
    if (const QUrl url(target); url.isValid() && !url.password().isEmpty()) {
        f.fail(QStringLiteral("redis_target"), QCoreApplication::translate("tp::store", "must not contain a password"));
        return Ok{};
    }
    for (auto it = versions.constBegin(); it != versions.constEnd(); ++it) {
        if (!it->isString()) {
            f.fail(QStringLiteral("versions.") + it.key(), QCoreApplication::translate("tp::store", "expected string"));
            return Ok{};
        }
    }
    auto n =
        m_db.change(QStringLiteral("INSERT INTO publish_history (app_id, action, published_at, published_by, "
                                   "redis_target, snapshot_id, versions, outcome, details) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {*appId, action, publishedAt, by, target, snapshot, canonicalText(versions), outcome, details});
    return inserted(n, f, QCoreApplication::translate("tp::store", "publish history entry"));
}

Status Importer::readReview(ImportFields& f)
{
    const QString at = f.time("at");
    const QString author = f.string("author");
    const QString body = f.string("body");
    const QString demand = f.string("demand");
    const qint64 demandId = demandIdFor(f, "demand");
    const QString entityKey = f.string("entity_key");
    const auto kind = f.stringOrNull("kind");
    const qint64 round = f.integer("round");
    const QString verdict = f.oneOf("verdict", verdictSpellings());
    if (!f.finish()) {
        return Ok{};
    }
    if (kind && !fromString<EntityKind>(*kind)) {
        f.fail(QStringLiteral("kind"),
               QCoreApplication::translate("tp::store", "unknown value \"%1\"; expected one of %2")
                   .arg(*kind, allSpellings<EntityKind>().join(QStringLiteral(", "))));
    } else if (kind.has_value() == entityKey.isEmpty()) {
        f.fail(QStringLiteral("entity_key"),
               QCoreApplication::translate("tp::store", "names the change commented on: set exactly when kind is set"));
    } else if (round > m_demandRounds.value(demand)) {
        f.fail(QStringLiteral("round"),
               QCoreApplication::translate("tp::store", "demand %1 is in review round %2 only")
                   .arg(demand)
                   .arg(m_demandRounds.value(demand)));
    }
    if (f.failed()) {
        return Ok{};
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO reviews (demand_id, round, entity_kind, entity_key, author, "
                                        "verdict, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                         {demandId, round, kind.value_or(QString()), entityKey, author, verdict, body, at});
    return inserted(n, f, QCoreApplication::translate("tp::store", "review"));
}

} // namespace tp
