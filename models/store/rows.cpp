#include "rows.h"

#include "entityjson.h"
#include "enums.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace tp::rows {
namespace {

const QString kAttributeColumns = QStringLiteral(
    "id, key, display_name, description, type, enum_values, pattern, min_value, max_value, max_length, unit, "
    "example, privacy, attr_groups, is_common, revision");
const QString kEventColumns =
    QStringLiteral("id, key, display_name, description, trigger_text, category, tags, platforms, owner, level, status, "
                   "screenshot, introduced_in, deprecated_in, schema_version, revision");

QVariant optionalDouble(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

QVariant optionalInt(const std::optional<int>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

QString enumValuesText(const QList<EnumValue>& values)
{
    QJsonArray arr;
    for (const EnumValue& v : values) {
        arr.append(QJsonObject{{QStringLiteral("label"), v.label}, {QStringLiteral("value"), v.value}});
    }
    return QString::fromUtf8(canonicalJson(QJsonValue(arr)));
}

QList<EnumValue> enumValuesFromText(const QString& text)
{
    QList<EnumValue> out;
    const QJsonArray arr = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& v : arr) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QLatin1String("value")).toString(), o.value(QLatin1String("label")).toString()});
    }
    return out;
}

template <typename T> void sortByKey(QList<T>& list)
{
    std::sort(list.begin(), list.end(), [](const T& a, const T& b) { return a.key < b.key; });
}

} // namespace

QString listText(const QStringList& list)
{
    return QString::fromUtf8(canonicalJson(QJsonValue(QJsonArray::fromStringList(list))));
}

QStringList listFromText(const QString& text)
{
    QStringList out;
    const QJsonArray arr = QJsonDocument::fromJson(text.toUtf8()).array();
    out.reserve(arr.size());
    for (const QJsonValue& v : arr) {
        out.append(v.toString());
    }
    return out;
}

Result<QList<Attribute>> loadAttributes(Database& db, qint64 appId, const QString& onlyKey)
{
    const QString sql = QStringLiteral("SELECT %1 FROM attributes WHERE app_id = ?%2")
                            .arg(kAttributeColumns, onlyKey.isEmpty() ? QString() : QStringLiteral(" AND key = ?"));
    auto q = onlyKey.isEmpty() ? db.run(sql, {appId}) : db.run(sql, {appId, onlyKey});
    if (!q) {
        return q.error();
    }
    QList<Attribute> out;
    QSqlQuery& r = **q;
    while (r.next()) {
        Attribute a;
        a.key = r.value(1).toString();
        a.displayName = r.value(2).toString();
        a.description = r.value(3).toString();
        a.type = fromString<AttrType>(r.value(4).toString()).value_or(AttrType::String);
        a.enumValues = enumValuesFromText(r.value(5).toString());
        a.pattern = r.value(6).toString();
        if (!r.value(7).isNull()) {
            a.minValue = r.value(7).toDouble();
        }
        if (!r.value(8).isNull()) {
            a.maxValue = r.value(8).toDouble();
        }
        if (!r.value(9).isNull()) {
            a.maxLength = r.value(9).toInt();
        }
        a.unit = r.value(10).toString();
        a.example = r.value(11).toString();
        a.privacy = fromString<Privacy>(r.value(12).toString()).value_or(Privacy::None);
        a.groups = listFromText(r.value(13).toString());
        a.common = r.value(14).toInt() != 0;
        a.revision = r.value(15).toInt();
        out.append(std::move(a));
    }
    r.finish();
    sortByKey(out);
    return out;
}

Result<QList<Event>> loadEvents(Database& db, qint64 appId, const QString& onlyKey)
{
    const QString filter = onlyKey.isEmpty() ? QString() : QStringLiteral(" AND e.key = ?");
    const QVariantList args = onlyKey.isEmpty() ? QVariantList{appId} : QVariantList{appId, onlyKey};
    QList<Event> out;
    QHash<qint64, qsizetype> indexById;
    const Status events =
        db.forEachRow(QStringLiteral("SELECT %1 FROM events e WHERE app_id = ?%2").arg(kEventColumns, filter), args,
                      [&](const RowView& r) {
                          Event e;
                          indexById.insert(r.int64(0), out.size());
                          e.key = r.text(1);
                          e.displayName = r.text(2);
                          e.description = r.text(3);
                          e.trigger = r.text(4);
                          e.category = r.text(5);
                          e.tags = listFromText(r.text(6));
                          e.platforms = listFromText(r.text(7));
                          e.owner = r.text(8);
                          e.level = fromString<Level>(r.text(9)).value_or(Level::B);
                          e.status = fromString<EventStatus>(r.text(10)).value_or(EventStatus::Planned);
                          e.screenshot = r.text(11);
                          e.introducedIn = r.text(12);
                          e.deprecatedIn = r.text(13);
                          e.schemaVersion = SchemaVersion::parse(r.text(14)).value_or(SchemaVersion{});
                          e.revision = int(r.int64(15));
                          out.append(std::move(e));
                      });
    if (!events) {
        return events.error();
    }
    if (!onlyKey.isEmpty()) {
        // One event (a merge looks at each changed event): join its few bindings to their keys
        // rather than reading every attribute of the app, which made a merge of thousands of
        // events quadratic.
        const Status bindings = db.forEachRow(
            QStringLiteral("SELECT b.event_id, a.key, b.required, b.note FROM bindings b "
                           "JOIN events e ON e.id = b.event_id JOIN attributes a ON a.id = b.attribute_id "
                           "WHERE e.app_id = ? AND e.key = ? ORDER BY b.event_id, b.position"),
            args, [&](const RowView& r) {
                const auto idx = indexById.value(r.int64(0), -1);
                if (idx >= 0) {
                    out[idx].bindings.append({r.text(1), r.int64(2) != 0, r.text(3)});
                }
            });
        if (!bindings) {
            return bindings.error();
        }
        return out;
    }
    // Attribute keys by id, once: each of the (many) bindings then shares its key's text
    // instead of reading a string of its own.
    QHash<qint64, QString> attributeKeys;
    const Status keys = db.forEachRow(QStringLiteral("SELECT id, key FROM attributes WHERE app_id = ?"), {appId},
                                      [&](const RowView& r) { attributeKeys.insert(r.int64(0), r.text(1)); });
    if (!keys) {
        return keys.error();
    }
    const Status bindings =
        db.forEachRow(QStringLiteral("SELECT b.event_id, b.attribute_id, b.required, b.note FROM bindings b "
                                     "JOIN events e ON e.id = b.event_id "
                                     "WHERE e.app_id = ?%1 ORDER BY b.event_id, b.position")
                          .arg(filter),
                      args, [&](const RowView& r) {
                          const auto idx = indexById.value(r.int64(0), -1);
                          if (idx >= 0) {
                              out[idx].bindings.append({attributeKeys.value(r.int64(1)), r.int64(2) != 0, r.text(3)});
                          }
                      });
    if (!bindings) {
        return bindings.error();
    }
    sortByKey(out);
    return out;
}

Result<QHash<QString, qint64>> attributeIds(Database& db, qint64 appId)
{
    auto q = db.run(QStringLiteral("SELECT key, id FROM attributes WHERE app_id = ?"), {appId});
    if (!q) {
        return q.error();
    }
    QHash<QString, qint64> out;
    while ((*q)->next()) {
        out.insert((*q)->value(0).toString(), (*q)->value(1).toLongLong());
    }
    (*q)->finish();
    return out;
}

static QVariantList attributeValues(const Attribute& a, const QString& normKey)
{
    return {normKey,
            a.displayName,
            a.description,
            toString(a.type),
            enumValuesText(a.enumValues),
            a.pattern,
            optionalDouble(a.minValue),
            optionalDouble(a.maxValue),
            optionalInt(a.maxLength),
            a.unit,
            a.example,
            toString(a.privacy),
            listText(a.groups),
            a.common ? 1 : 0,
            a.revision};
}

Result<qint64> insertAttribute(Database& db, qint64 appId, const Attribute& a, const QString& normKey)
{
    QVariantList args{appId, a.key};
    args << attributeValues(a, normKey);
    return db.insert(QStringLiteral("INSERT INTO attributes (app_id, key, norm_key, display_name, description, type, "
                                    "enum_values, pattern, min_value, max_value, max_length, unit, example, privacy, "
                                    "attr_groups, is_common, revision) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     args);
}

Status upsertAttribute(Database& db, qint64 appId, const Attribute& a, const QString& normKey)
{
    QVariantList updateArgs = attributeValues(a, normKey);
    updateArgs << appId << a.key;
    auto u = db.run(QStringLiteral("UPDATE attributes SET norm_key = ?, display_name = ?, description = ?, type = ?, "
                                   "enum_values = ?, pattern = ?, min_value = ?, max_value = ?, max_length = ?, "
                                   "unit = ?, example = ?, privacy = ?, attr_groups = ?, is_common = ?, revision = ? "
                                   "WHERE app_id = ? AND key = ?"),
                    updateArgs);
    if (!u) {
        return u.error();
    }
    if ((*u)->numRowsAffected() > 0) {
        return Ok{};
    }
    auto i = insertAttribute(db, appId, a, normKey);
    if (!i) {
        return i.error();
    }
    return Ok{};
}

namespace {

QVariantList eventValues(const Event& e, const QString& normKey)
{
    return {normKey,
            e.displayName,
            e.description,
            e.trigger,
            e.category,
            listText(e.tags),
            listText(e.platforms),
            e.owner,
            toString(e.level),
            toString(e.status),
            e.screenshot,
            e.introducedIn,
            e.deprecatedIn,
            e.schemaVersion.toString(),
            e.revision};
}

Status writeBindings(Database& db, qint64 eventId, const Event& e, const QHash<QString, qint64>& attributeIds)
{
    // Several rows per statement: an event has about ten bindings, and a bulk load (import,
    // merge of a large demand) writes a million of them.
    constexpr qsizetype kRowsPerStatement = 32;
    for (qsizetype first = 0; first < e.bindings.size(); first += kRowsPerStatement) {
        const qsizetype n = std::min(kRowsPerStatement, e.bindings.size() - first);
        QString sql = QStringLiteral("INSERT INTO bindings (event_id, position, attribute_id, required, note) VALUES ");
        QVariantList args;
        args.reserve(n * 5);
        for (qsizetype i = first; i < first + n; ++i) {
            const Binding& b = e.bindings.at(i);
            const qint64 attrId = attributeIds.value(b.attributeKey, 0);
            if (attrId == 0) {
                return makeError(
                    Error::Code::Validation,
                    QCoreApplication::translate("tp::store", "Event \"%1\" binds unknown attribute \"%2\".")
                        .arg(e.key, b.attributeKey));
            }
            sql += i == first ? QLatin1String("(?, ?, ?, ?, ?)") : QLatin1String(", (?, ?, ?, ?, ?)");
            args << eventId << i << attrId << (b.required ? 1 : 0) << b.note;
        }
        if (auto r = db.change(sql, args); !r) {
            return r.error();
        }
    }
    return Ok{};
}

} // namespace

Status insertEvent(Database& db, qint64 appId, const Event& e, const QString& normKey,
                   const QHash<QString, qint64>& attributeIds)
{
    QVariantList args{appId, e.key};
    args << eventValues(e, normKey);
    auto id = db.insert(QStringLiteral("INSERT INTO events (app_id, key, norm_key, display_name, description, "
                                       "trigger_text, category, tags, platforms, owner, level, status, screenshot, "
                                       "introduced_in, deprecated_in, schema_version, revision) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        args);
    if (!id) {
        return id.error();
    }
    return writeBindings(db, *id, e, attributeIds);
}

Status upsertEvent(Database& db, qint64 appId, const Event& e, const QString& normKey,
                   const QHash<QString, qint64>& attributeIds)
{
    auto existing = db.run(QStringLiteral("SELECT id FROM events WHERE app_id = ? AND key = ?"), {appId, e.key});
    if (!existing) {
        return existing.error();
    }
    const qint64 id = (*existing)->next() ? (*existing)->value(0).toLongLong() : 0;
    (*existing)->finish();
    if (id == 0) {
        return insertEvent(db, appId, e, normKey, attributeIds);
    }
    QVariantList args = eventValues(e, normKey);
    args << id;
    auto u = db.run(QStringLiteral("UPDATE events SET norm_key = ?, display_name = ?, description = ?, "
                                   "trigger_text = ?, category = ?, tags = ?, platforms = ?, owner = ?, "
                                   "level = ?, status = ?, screenshot = ?, introduced_in = ?, deprecated_in = ?, "
                                   "schema_version = ?, revision = ? WHERE id = ?"),
                    args);
    if (!u) {
        return u.error();
    }
    if (auto d = db.change(QStringLiteral("DELETE FROM bindings WHERE event_id = ?"), {id}); !d) {
        return d.error();
    }
    return writeBindings(db, id, e, attributeIds);
}

Status deleteEntity(Database& db, qint64 appId, EntityKind kind, const QString& key)
{
    if (kind == EntityKind::Event) {
        auto d = db.change(QStringLiteral("DELETE FROM bindings WHERE event_id IN "
                                          "(SELECT id FROM events WHERE app_id = ? AND key = ?)"),
                           {appId, key});
        if (!d) {
            return d.error();
        }
    }
    auto d =
        db.change(kind == EntityKind::Event ? QStringLiteral("DELETE FROM events WHERE app_id = ? AND key = ?")
                                            : QStringLiteral("DELETE FROM attributes WHERE app_id = ? AND key = ?"),
                  {appId, key});
    if (!d) {
        return d.error();
    }
    return Ok{};
}

} // namespace tp::rows
