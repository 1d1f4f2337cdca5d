// The governance, review and operations parts of the native export (nativeexportrecords.h):
// approval rules, governance history, level decisions, metrics, publish history, reviews.
#include "nativeexportrecords.h"

#include "entityjson.h"
#include "objecttext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <tuple>
#include <vector>

namespace tp::exportrecords {
namespace {

/// A JSON column (rules, history states, publish versions) in canonical form. The store writes
/// them canonical already; parsing again keeps the export canonical whatever wrote the row
/// (0006 seeds the rules from a literal). A column that is not JSON cannot be exported losslessly.
Result<QByteArray> storedDocument(const QString& text, const QString& what)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray()) {
        return canonicalJson(QJsonValue(doc.array()));
    }
    if (doc.isObject()) {
        return canonicalJson(doc.object());
    }
    return makeError(Error::Code::Validation,
                     QCoreApplication::translate("tp::store", "Cannot export %1: it is not valid JSON.").arg(what));
}

/// Runs sql and hands each row to build(row, text), which appends one record's text (or fails).
template <typename Build>
Status eachRecord(Database& db, const QString& sql, const QVariantList& args, const WriteFn& write, Build&& build)
{
    QByteArray text;
    Status failed = Ok{};
    auto s = db.forEachRow(sql, args, [&](const RowView& r) {
        if (!failed) {
            return;
        }
        text.resize(0);
        if (Status b = build(r, text); !b) {
            failed = b;
            return;
        }
        write(text);
    });
    if (!s) {
        return s;
    }
    return failed;
}

/// A record of a small section and what it is sorted by.
struct Keyed {
    QString key1;
    QString key2;
    QString key3;
    QByteArray text;
};

/// Records of a small section, sorted by their keys (UTF-16 code units, as the plan's entities
/// are) before they are written: build(row, record) fills one record or fails.
template <typename Build> Status sortedRecords(Database& db, const QString& sql, const WriteFn& write, Build&& build)
{
    std::vector<Keyed> records;
    Status failed = Ok{};
    auto s = db.forEachRow(sql, {}, [&](const RowView& r) {
        if (!failed) {
            return;
        }
        Keyed k;
        if (Status b = build(r, k); !b) {
            failed = b;
            return;
        }
        records.push_back(std::move(k));
    });
    if (!s) {
        return s;
    }
    if (!failed) {
        return failed;
    }
    std::sort(records.begin(), records.end(), [](const Keyed& x, const Keyed& y) {
        return std::tie(x.key1, x.key2, x.key3) < std::tie(y.key1, y.key2, y.key3);
    });
    for (const Keyed& k : records) {
        write(k.text);
    }
    return Ok{};
}

} // namespace

Result<QHash<QString, qint64>> reviewRounds(Database& db)
{
    QHash<QString, qint64> out;
    auto s = db.forEachRow(QStringLiteral("SELECT key, review_round FROM demands"), {},
                           [&out](const RowView& r) { out.insert(r.text(0), r.int64(1)); });
    if (!s) {
        return s.error();
    }
    return out;
}

Result<QHash<QString, QJsonObject>> approvalRules(Database& db)
{
    QHash<QString, QJsonObject> out;
    Status failed = Ok{};
    auto s = db.forEachRow(
        QStringLiteral("SELECT a.key, r.rules, r.row_version FROM approval_rules r JOIN apps a ON a.id = r.app_id"), {},
        [&](const RowView& r) {
            const QString app = r.text(0);
            const QJsonDocument rules = QJsonDocument::fromJson(r.text(1).toUtf8());
            if (!rules.isArray()) {
                failed = makeError(
                    Error::Code::Validation,
                    QCoreApplication::translate("tp::store", "Cannot export %1: it is not valid JSON.")
                        .arg(QCoreApplication::translate("tp::store", "the approval rules of \"%1\"").arg(app)));
                return;
            }
            out.insert(
                app,
                QJsonObject{{QStringLiteral("row_version"), r.int64(2)}, {QStringLiteral("rules"), rules.array()}});
        });
    if (!s) {
        return s.error();
    }
    if (!failed) {
        return failed.error();
    }
    return out;
}

Status governanceHistory(Database& db, const WriteFn& write)
{
    return eachRecord(
        db,
        QStringLiteral("SELECT a.key, h.kind, h.changed_at, h.changed_by, h.before_state, h.after_state, h.comment "
                       "FROM governance_history h JOIN apps a ON a.id = h.app_id ORDER BY h.id"),
        {}, write, [](const RowView& r, QByteArray& text) -> Status {
            const QString what =
                QCoreApplication::translate("tp::store", "a governance history entry of \"%1\"").arg(r.text(0));
            auto before = storedDocument(r.text(4), what);
            auto after = storedDocument(r.text(5), what);
            if (!before || !after) {
                return before ? after.error() : before.error();
            }
            ObjectText(text)
                .raw("after", *after)
                .string("app", r.text(0))
                .string("at", r.text(2))
                .raw("before", *before)
                .string("by", r.text(3))
                .string("comment", r.text(6))
                .string("kind", r.text(1));
            return Ok{};
        });
}

Status levelApprovals(Database& db, const WriteFn& write)
{
    return sortedRecords(
        db,
        QStringLiteral("SELECT d.key, l.event_key, l.level, l.from_level, l.decision, l.decided_by, l.decided_at, "
                       "l.comment FROM level_approvals l JOIN demands d ON d.id = l.demand_id"),
        write, [](const RowView& r, Keyed& k) -> Status {
            k.key1 = r.text(0);
            k.key2 = r.text(1);
            k.key3 = r.text(2);
            const QString from = r.text(3); // '' for a new event: null in the export
            ObjectText(k.text)
                .string("comment", r.text(7))
                .string("decided_at", r.text(6))
                .string("decided_by", r.text(5))
                .string("decision", r.text(4))
                .string("demand", k.key1)
                .string("event", k.key2)
                .nullableString("from_level", from.isEmpty() ? QVariant() : QVariant(from))
                .string("level", k.key3);
            return Ok{};
        });
}

Status metrics(Database& db, qint64 appId, const QString& appKey, const WriteFn& write, const StepFn& step)
{
    // Sorted by the database: the table can be large. Byte order on both backends (SQLite's
    // BINARY collation; "C" on PostgreSQL), so that they write the same text.
    const QString sql = QStringLiteral("SELECT day, event, invalid, pv, source, updated_at, uv FROM metrics "
                                       "WHERE app_id = ? ORDER BY day, event%1")
                            .arg(db.isPostgres() ? QStringLiteral(" COLLATE \"C\"") : QString());
    QByteArray text;
    Status stopped = Ok{};
    auto s = db.forEachRow(sql, {appId}, [&](const RowView& r) {
        if (!stopped) {
            return;
        }
        text.resize(0);
        ObjectText(text)
            .string("app", appKey)
            .string("day", r.text(0))
            .string("event", r.text(1))
            .integer("invalid", r.int64(2))
            .integer("pv", r.int64(3))
            .string("source", r.text(4))
            .string("updated_at", r.text(5))
            .integer("uv", r.int64(6));
        write(text);
        if (step) {
            stopped = step();
        }
    });
    if (!s) {
        return s;
    }
    return stopped;
}

Status publishHistory(Database& db, const WriteFn& write)
{
    return eachRecord(
        db,
        QStringLiteral("SELECT a.key, h.action, h.published_at, h.published_by, h.details, h.outcome, h.redis_target, "
                       "h.snapshot_id, h.versions FROM publish_history h JOIN apps a ON a.id = h.app_id ORDER BY h.id"),
        {}, write, [](const RowView& r, QByteArray& text) -> Status {
            auto versions = storedDocument(
                r.text(8),
                QCoreApplication::translate("tp::store", "a publish history entry of \"%1\"").arg(r.text(0)));
            if (!versions) {
                return versions.error();
            }
            ObjectText(text)
                .string("action", r.text(1))
                .string("app", r.text(0))
                .string("at", r.text(2))
                .string("by", r.text(3))
                .string("details", r.text(4))
                .string("outcome", r.text(5))
                .string("redis_target", r.text(6))
                .string("snapshot_id", r.text(7))
                .raw("versions", *versions);
            return Ok{};
        });
}

Status reviews(Database& db, const WriteFn& write)
{
    return eachRecord(db,
                      QStringLiteral("SELECT d.key, r.round, r.entity_kind, r.entity_key, r.author, r.verdict, r.body, "
                                     "r.created_at FROM reviews r JOIN demands d ON d.id = r.demand_id ORDER BY r.id"),
                      {}, write, [](const RowView& r, QByteArray& text) -> Status {
                          const QString kind = r.text(2);
                          ObjectText(text)
                              .string("at", r.text(7))
                              .string("author", r.text(4))
                              .string("body", r.text(6))
                              .string("demand", r.text(0))
                              .string("entity_key", r.text(3))
                              .nullableString("kind", kind.isEmpty() ? QVariant() : QVariant(kind))
                              .integer("round", r.int64(1))
                              .string("verdict", r.text(5));
                          return Ok{};
                      });
}

} // namespace tp::exportrecords
