#include "governanceservice.h"

#include "entityjson.h"
#include "enums.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMap>

namespace tp {
namespace {

QJsonValue parsed(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QString text(const QJsonValue& v)
{
    return QString::fromUtf8(canonicalJson(v));
}

} // namespace

Result<ApprovalRules> GovernanceService::approvalRules(const QString& appKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT rules, row_version FROM approval_rules WHERE app_id = ?"), {*appId});
    if (!q) {
        return q.error();
    }
    ApprovalRules out;
    out.appKey = appKey;
    QString stored;
    if ((*q)->next()) {
        stored = (*q)->value(0).toString();
        out.rowVersion = (*q)->value(1).toLongLong();
    }
    (*q)->finish();
    if (out.rowVersion == 0) {
        out.rules = defaultApprovalRules(); // not written yet: what a new app gets
        return out;
    }
    QString error;
    auto rules = approvalRulesFromJson(QJsonDocument::fromJson(stored.toUtf8()).array(), &error);
    if (!rules) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::store", "The approval rules of \"%1\" are damaged: %2")
                             .arg(appKey, error));
    }
    out.rules = *rules;
    return out;
}

Result<ApprovalRules> GovernanceService::setApprovalRules(const ApprovalRules& rules, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::EditPolicy); !allowed) {
        return allowed.error();
    }
    auto appId = m_ctx.appId(rules.appKey);
    if (!appId) {
        return appId.error();
    }
    for (const ApprovalRule& r : rules.rules) {
        if (r.approvers.isEmpty()) {
            return makeError(Error::Code::Validation,
                             QCoreApplication::translate("tp::store", "The rule \"%1\" names no approver.")
                                 .arg(conditionLabel(r.when)));
        }
    }
    return m_ctx.db->transact<ApprovalRules>([&]() -> Result<ApprovalRules> {
        auto old = approvalRules(rules.appKey);
        if (!old) {
            return old.error();
        }
        const QString after = text(toJson(rules.rules));
        Result<int> n = 0;
        if (old->rowVersion == 0 && rules.rowVersion == 0) {
            n = m_ctx.db->change(
                QStringLiteral("INSERT INTO approval_rules (app_id, rules, row_version) VALUES (?, ?, 1)"),
                {*appId, after});
        } else {
            n = m_ctx.db->change(QStringLiteral("UPDATE approval_rules SET rules = ?, row_version = row_version + 1 "
                                                "WHERE app_id = ? AND row_version = ?"),
                                 {after, *appId, rules.rowVersion});
        }
        if (!n) {
            return n.error();
        }
        if (*n == 0) {
            return makeError(Error::Code::Conflict,
                             QCoreApplication::translate("tp::store",
                                                         "The approval rules of \"%1\" were changed by "
                                                         "someone else meanwhile. Reload them and apply "
                                                         "your edit again.")
                                 .arg(rules.appKey));
        }
        if (auto s = recordHistory(*appId, QStringLiteral("rules"), toJson(old->rules), toJson(rules.rules), comment);
            !s) {
            return s.error();
        }
        QJsonObject details{{QStringLiteral("rules"), toJson(rules.rules)}};
        if (!comment.trimmed().isEmpty()) {
            details.insert(QStringLiteral("comment"), comment.trimmed());
        }
        if (auto s = m_ctx.audit(QStringLiteral("rules.update"), QStringLiteral("rules"), rules.appKey, rules.appKey,
                                 details);
            !s) {
            return s.error();
        }
        ApprovalRules out = rules;
        out.rowVersion = (old->rowVersion == 0 && rules.rowVersion == 0) ? 1 : rules.rowVersion + 1;
        return out;
    });
}

Status GovernanceService::recordHistory(qint64 appId, const QString& kind, const QJsonValue& before,
                                        const QJsonValue& after, const QString& comment)
{
    auto id =
        m_ctx.db->insert(QStringLiteral("INSERT INTO governance_history (app_id, kind, changed_at, changed_by, "
                                        "before_state, after_state, comment) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                         {appId, kind, m_ctx.nowText(), m_ctx.actor, text(before), text(after), comment.trimmed()});
    if (!id) {
        return id.error();
    }
    return Ok{};
}

Status GovernanceService::writeDefaultRules(qint64 appId)
{
    auto n =
        m_ctx.db->change(QStringLiteral("INSERT INTO approval_rules (app_id, rules, row_version) VALUES (?, ?, 1)"),
                         {appId, text(toJson(defaultApprovalRules()))});
    if (!n) {
        return n.error();
    }
    return Ok{};
}

Result<QList<GovernanceChange>> GovernanceService::history(const QString& appKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT id, kind, changed_at, changed_by, before_state, after_state, comment "
                                          "FROM governance_history WHERE app_id = ? ORDER BY id DESC"),
                           {*appId});
    if (!q) {
        return q.error();
    }
    QList<GovernanceChange> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        out.append({r.value(0).toLongLong(), appKey, r.value(1).toString(),
                    StoreContext::parseTime(r.value(2).toString()), r.value(3).toString(),
                    parsed(r.value(4).toString()), parsed(r.value(5).toString()), r.value(6).toString()});
    }
    (*q)->finish();
    return out;
}

Result<QList<LevelCount>> GovernanceService::levelDistribution(const QString& appKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    // Counted in SQL: the plan may hold 100 000 events.
    QMap<QString, LevelCount> byCategory;
    auto s = m_ctx.db->forEachRow(
        QStringLiteral("SELECT category, level, COUNT(*) FROM events WHERE app_id = ? AND status <> 'removed' "
                       "GROUP BY category, level"),
        {*appId}, [&byCategory](const RowView& row) {
            LevelCount& c = byCategory[row.text(0)];
            c.category = row.text(0);
            if (const auto level = fromString<Level>(row.text(1))) {
                c.counts[int(*level)] += int(row.int64(2));
            }
        });
    if (!s) {
        return s.error();
    }
    return byCategory.values();
}

} // namespace tp
