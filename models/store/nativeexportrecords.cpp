#include "nativeexportrecords.h"

#include "enums.h"
#include "jsonwriter.h"
#include "objecttext.h"
#include "storecontext.h"

#include <QSqlQuery>

#include <algorithm>

namespace tp::exportrecords {
namespace {

// Columns in the order of the record's (canonical) keys, after the id and sort key. Not rows.cpp's
// lists: those follow the Event / Attribute fields.
const QString kAttributeSelect = QStringLiteral(
    "SELECT key, is_common, description, display_name, enum_values, example, attr_groups, max_value, max_length, "
    "min_value, pattern, privacy, revision, type, unit FROM attributes WHERE app_id = ?");
const QString kEventSelect = QStringLiteral(
    "SELECT id, key, category, deprecated_in, description, display_name, introduced_in, level, owner, platforms, "
    "revision, schema_version, screenshot, status, tags, trigger_text FROM events WHERE app_id = ?");
// Position order within each event is what counts; ordering by the event key first lets
// SQLite walk the (app_id, key) index instead of sorting. Nearly all notes are empty: as NULL
// they cost no text conversion (a million rows).
const QString kBindingSelect =
    QStringLiteral("SELECT b.event_id, b.attribute_id, NULLIF(b.note, ''), b.required "
                   "FROM bindings b JOIN events e ON e.id = b.event_id WHERE e.app_id = ? ORDER BY e.key, b.position");
// %1: the stored state, read by storedJson().
const QString kChangeSelect = QStringLiteral(
    "SELECT c.entity_kind, c.entity_key, c.author, c.base_revision, c.created_at, c.op, c.row_version, %1 "
    "FROM changes c JOIN demands d ON d.id = c.demand_id WHERE d.key = ?");
const QString kRevisionSelect = QStringLiteral(
    "SELECT a.key, r.created_at, r.author, d.key, r.entity_key, r.entity_kind, r.op, r.plan_seq, r.revision, %1 "
    "FROM revisions r JOIN apps a ON a.id = r.app_id LEFT JOIN demands d ON d.id = r.demand_id ORDER BY r.id");

/// A column of stored canonical JSON, read as its UTF-8 bytes (QVariant::toByteArray()). On
/// SQLite (whose files here are UTF-8, its default) a BLOB cast hands them over as they are;
/// as text, QtSql would convert them to UTF-16 and we back again, for the largest sections.
/// PostgreSQL gives text.
QString storedJson(const Database& db, const char* column)
{
    const QString name = QLatin1String(column);
    return db.isPostgres() ? name : QStringLiteral("CAST(%1 AS BLOB)").arg(name);
}

/// A stored JSON list (rows::listText and the like); an empty column reads as an empty list.
QByteArray storedList(const QVariant& v)
{
    const QByteArray text = v.toByteArray();
    return text.isEmpty() ? QByteArrayLiteral("[]") : text;
}

/// What fromString(stored).value_or(fallback) spells: the stored text when it is a valid
/// spelling, the fallback's otherwise.
template <typename E> QString spelling(const QVariant& stored, E fallback)
{
    const QString s = stored.toString();
    return fromString<E>(s) ? s : toString(fallback);
}

/// Whether s is a valid time in the one form StoreContext::timeText writes
/// (yyyy-MM-ddTHH:mm:ss.zzzZ), which parseTime → timeText gives back unchanged.
bool isTimeText(QStringView s)
{
    static constexpr char kForm[] = "0000-00-00T00:00:00.000Z"; // '0': a digit
    if (s.size() != qsizetype(sizeof(kForm) - 1)) {
        return false;
    }
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (kForm[i] == '0' ? (c < u'0' || c > u'9') : c != char16_t(kForm[i])) {
            return false;
        }
    }
    auto number = [s](qsizetype from, qsizetype digits) {
        int n = 0;
        for (qsizetype i = from; i < from + digits; ++i) {
            n = n * 10 + (s[i].unicode() - u'0');
        }
        return n;
    };
    return QDate::isValid(number(0, 4), number(5, 2), number(8, 2))
        && QTime::isValid(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
}

/// The stored time text as it reads back (StoreContext::parseTime → timeText). Parsing is
/// skipped for text already in that form, which is all the store writes: it took a quarter of
/// the demands section.
QString timeText(const QVariant& stored)
{
    const QString s = stored.toString();
    return isTimeText(s) ? s : StoreContext::timeText(StoreContext::parseTime(s));
}

/// An exact-size copy of a record built in a reused buffer: growing each record's own buffer
/// piece by piece left a third of it unused (45 MB of a 100 000-event export).
QByteArray copied(const QByteArray& text)
{
    return QByteArray(text.constData(), text.size());
}

/// Runs sql and calls read(row) for each row, then step (when given); stops at step's first
/// error.
template <typename Read>
Status forEachRow(Database& db, const QString& sql, const QVariantList& args, const StepFn& step, Read&& read)
{
    auto q = db.run(sql, args);
    if (!q) {
        return q.error();
    }
    QSqlQuery& r = **q;
    while (r.next()) {
        read(std::as_const(r));
        if (step) {
            if (auto s = step(); !s) {
                r.finish();
                return s;
            }
        }
    }
    r.finish();
    return Ok{};
}

/// A record of each row, sorted: build(row, text) appends the record's text and returns its
/// group and key.
template <typename Build>
Result<std::vector<Record>> sortedRecords(Database& db, const QString& sql, const QVariantList& args,
                                          const StepFn& step, Build&& build)
{
    std::vector<Record> out;
    QByteArray text;
    auto s = forEachRow(db, sql, args, step, [&](const QSqlQuery& r) {
        text.resize(0);
        Record record = build(r, text);
        record.text = copied(text);
        out.push_back(std::move(record));
    });
    if (!s) {
        return s.error();
    }
    std::sort(out.begin(), out.end(),
              [](const Record& a, const Record& b) { return a.group != b.group ? a.group < b.group : a.key < b.key; });
    return out;
}

/// Event id -> canonical text of its bindings array (events without bindings are absent).
Result<QHash<qint64, QByteArray>> bindingTexts(Database& db, qint64 appId,
                                               const QHash<qint64, QByteArray>& attributeKeys)
{
    QHash<qint64, QByteArray> out;
    qint64 eventId = -1;
    QByteArray text;
    auto flush = [&] {
        if (!text.isEmpty()) {
            text.append(']');
            out.insert(eventId, copied(text));
            text.resize(0);
        }
    };
    auto s = forEachRow(db, kBindingSelect, {appId}, {}, [&](const QSqlQuery& r) {
        if (const qint64 id = r.value(0).toLongLong(); id != eventId) {
            flush();
            eventId = id;
        }
        const auto attribute = attributeKeys.constFind(r.value(1).toLongLong());
        if (attribute == attributeKeys.cend()) {
            return; // as loadEvents' inner join with attributes
        }
        text.append(text.isEmpty() ? '[' : ',');
        ObjectText(text)
            .raw("attribute", *attribute)
            .string("note", r.value(2).toString())
            .boolean("required", r.value(3).toInt() != 0);
    });
    if (!s) {
        return s.error();
    }
    flush();
    return out;
}

} // namespace

Result<QHash<qint64, QByteArray>> attributeKeyTexts(Database& db)
{
    QHash<qint64, QByteArray> out;
    auto s = forEachRow(db, QStringLiteral("SELECT id, key FROM attributes"), {}, {}, [&out](const QSqlQuery& r) {
        QByteArray key;
        json::appendString(key, r.value(1).toString());
        out.insert(r.value(0).toLongLong(), key);
    });
    if (!s) {
        return s.error();
    }
    return out;
}

Result<std::vector<Record>> attributes(Database& db, qint64 appId, const QString& appKey, const StepFn& step)
{
    return sortedRecords(db, kAttributeSelect, {appId}, step, [&appKey](const QSqlQuery& r, QByteArray& text) {
        const QString key = r.value(0).toString();
        ObjectText(text)
            .string("app", appKey)
            .boolean("common", r.value(1).toInt() != 0)
            .string("description", r.value(2).toString())
            .string("display_name", r.value(3).toString())
            .raw("enum_values", storedList(r.value(4)))
            .string("example", r.value(5).toString())
            .raw("groups", storedList(r.value(6)))
            .string("key", key)
            .number("max", r.value(7))
            .optionalInteger("max_length", r.value(8))
            .number("min", r.value(9))
            .string("pattern", r.value(10).toString())
            .string("privacy", spelling(r.value(11), Privacy::None))
            .integer("revision", r.value(12).toInt())
            .string("type", spelling(r.value(13), AttrType::String))
            .string("unit", r.value(14).toString());
        return Record{0, key, {}};
    });
}

Result<std::vector<Record>> events(Database& db, qint64 appId, const QString& appKey,
                                   const QHash<qint64, QByteArray>& attributeKeys, const StepFn& step)
{
    auto bindings = bindingTexts(db, appId, attributeKeys);
    if (!bindings) {
        return bindings.error();
    }
    return sortedRecords(db, kEventSelect, {appId}, step, [&](const QSqlQuery& r, QByteArray& text) {
        const QString key = r.value(1).toString();
        const QByteArray eventBindings = bindings->take(r.value(0).toLongLong());
        const SchemaVersion schema = SchemaVersion::parse(r.value(11).toString()).value_or(SchemaVersion{});
        ObjectText(text)
            .string("app", appKey)
            .raw("bindings", eventBindings.isEmpty() ? QByteArrayView("[]") : QByteArrayView(eventBindings))
            .string("category", r.value(2).toString())
            .string("deprecated_in", r.value(3).toString())
            .string("description", r.value(4).toString())
            .string("display_name", r.value(5).toString())
            .string("introduced_in", r.value(6).toString())
            .string("key", key)
            .string("level", spelling(r.value(7), Level::B))
            .string("owner", r.value(8).toString())
            .raw("platforms", storedList(r.value(9)))
            .integer("revision", r.value(10).toInt())
            .string("schema_version", schema.toString())
            .string("screenshot", r.value(12).toString())
            .string("status", spelling(r.value(13), EventStatus::Planned))
            .raw("tags", storedList(r.value(14)))
            .string("trigger", r.value(15).toString());
        return Record{0, key, {}};
    });
}

Result<std::vector<Record>> changes(Database& db, const QString& demandKey, const StepFn& step)
{
    const QString sql = kChangeSelect.arg(storedJson(db, "c.state"));
    return sortedRecords(db, sql, {demandKey}, step, [](const QSqlQuery& r, QByteArray& text) {
        const EntityKind kind = fromString<EntityKind>(r.value(0).toString()).value_or(EntityKind::Event);
        const QString key = r.value(1).toString();
        const ChangeOp op = fromString<ChangeOp>(r.value(5).toString()).value_or(ChangeOp::Update);
        // As DemandService::changes reads it back: null for a removal, an object otherwise.
        const QByteArray stored = r.value(7).toByteArray();
        const QByteArray state = op == ChangeOp::Delete ? QByteArrayLiteral("null")
            : stored.isEmpty()                          ? QByteArrayLiteral("{}")
                                                        : stored;
        ObjectText(text)
            .string("author", r.value(2).toString())
            .integer("base_revision", r.value(3).toInt())
            .string("created_at", timeText(r.value(4)))
            .string("key", key)
            .string("kind", toString(kind))
            .string("op", toString(op))
            .integer("row_version", r.value(6).toLongLong())
            .raw("state", state);
        return Record{kind == EntityKind::Attribute ? 0 : 1, key, {}};
    });
}

Status revisions(Database& db, const WriteFn& write, const StepFn& step)
{
    QByteArray text;
    return forEachRow(db, kRevisionSelect.arg(storedJson(db, "r.state")), {}, step, [&](const QSqlQuery& r) {
        const QByteArray state = r.value(9).toByteArray();
        text.resize(0);
        ObjectText(text)
            .string("app", r.value(0).toString())
            .string("at", r.value(1).toString())
            .string("author", r.value(2).toString())
            .nullableString("demand", r.value(3))
            .string("key", r.value(4).toString())
            .string("kind", r.value(5).toString())
            .string("op", r.value(6).toString())
            .integer("plan_seq", r.value(7).toLongLong())
            .integer("revision", r.value(8).toLongLong())
            .raw("state", state.isEmpty() ? QByteArrayView("null") : QByteArrayView(state));
        write(text);
    });
}

} // namespace tp::exportrecords
