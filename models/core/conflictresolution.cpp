#include "conflictresolution.h"

#include "entityjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <variant>

namespace tp {
namespace {

/// The fields a change's state carries (toJson without the store-managed ones), sorted.
const QStringList& stateFields(EntityKind kind)
{
    static const QStringList events = toJson(Event{}, false).keys();
    static const QStringList attributes = toJson(Attribute{}).keys();
    return kind == EntityKind::Event ? events : attributes;
}

QJsonObject onlyStateFields(EntityKind kind, const QJsonObject& o)
{
    QJsonObject out;
    for (const QString& field : stateFields(kind)) {
        if (const QJsonValue v = o.value(field); !v.isUndefined()) {
            out.insert(field, v);
        }
    }
    return out;
}

} // namespace

ConflictChoice ConflictField::suggested() const
{
    return theirsChanged && !mineChanged ? ConflictChoice::Theirs : ConflictChoice::Mine;
}

bool ConflictField::editsAsText() const
{
    const bool mineText = mine.isString() || mine.isUndefined();
    const bool theirsText = theirs.isString() || theirs.isUndefined();
    return mineText && theirsText && !(mine.isUndefined() && theirs.isUndefined());
}

bool isWholeEntityConflict(const ConflictSides& sides)
{
    return sides.theirs.isEmpty() || sides.mine.isEmpty();
}

QList<ConflictField> conflictFields(const ConflictSides& sides)
{
    QList<ConflictField> out;
    if (isWholeEntityConflict(sides)) {
        return out;
    }
    for (const QString& field : stateFields(sides.kind)) {
        const QJsonValue theirs = sides.theirs.value(field);
        const QJsonValue mine = sides.mine.value(field);
        if (theirs == mine) {
            continue;
        }
        ConflictField f;
        f.field = field;
        f.base = sides.base.value(field);
        f.theirs = theirs;
        f.mine = mine;
        f.theirsChanged = theirs != f.base;
        f.mineChanged = mine != f.base;
        out.append(f);
    }
    return out;
}

QJsonObject resolveConflictState(const ConflictSides& sides, const QHash<QString, FieldResolution>& fields,
                                 ConflictChoice whole)
{
    if (isWholeEntityConflict(sides)) {
        return whole == ConflictChoice::Theirs ? onlyStateFields(sides.kind, sides.theirs)
                                               : onlyStateFields(sides.kind, sides.mine);
    }
    QJsonObject out = onlyStateFields(sides.kind, sides.mine);
    for (const ConflictField& f : conflictFields(sides)) {
        const auto it = fields.constFind(f.field);
        const ConflictChoice choice = it != fields.constEnd() ? it->choice : f.suggested();
        const QJsonValue value = choice == ConflictChoice::Theirs ? f.theirs
            : choice == ConflictChoice::Edited                    ? it->edited
                                                                  : f.mine;
        if (value.isUndefined()) {
            out.remove(f.field); // the chosen side lacks it: the check of the state says so
        } else {
            out.insert(f.field, value);
        }
    }
    return out;
}

QString resolvedStateError(EntityKind kind, const QJsonObject& state)
{
    if (state.isEmpty()) {
        return {};
    }
    std::optional<JsonFieldError> error;
    if (kind == EntityKind::Event) {
        auto e = eventFromJson(state, false);
        if (const auto* failed = std::get_if<JsonFieldError>(&e)) {
            error = *failed;
        }
    } else {
        auto a = attributeFromJson(state);
        if (const auto* failed = std::get_if<JsonFieldError>(&a)) {
            error = *failed;
        }
    }
    if (!error) {
        return {};
    }
    return error->path.isEmpty() ? error->message : QStringLiteral("%1: %2").arg(error->path, error->message);
}

QString valueEditText(const QJsonValue& value, bool asText)
{
    if (asText) {
        return value.toString();
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    }
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    }
    if (value.isUndefined()) {
        return {};
    }
    return QString::fromUtf8(canonicalJson(value));
}

std::optional<QJsonValue> valueFromEditText(const QString& text, bool asText, QString* error)
{
    if (asText) {
        return QJsonValue(text);
    }
    if (text.trimmed().isEmpty()) {
        if (error) {
            *error = QCoreApplication::translate("tp::conflicts", "Type a JSON value (null for none).");
        }
        return std::nullopt;
    }
    // QJsonDocument parses only arrays and objects at the top: wrap the text in one so that
    // scalars (12, "x", null) are values too.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("\n]"), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            *error = QCoreApplication::translate("tp::conflicts", "Not valid JSON: %1 (at character %2).")
                         .arg(parseError.errorString())
                         .arg(std::max(1, parseError.offset));
        }
        return std::nullopt;
    }
    const QJsonArray values = doc.array();
    if (values.size() != 1) {
        if (error) {
            *error = QCoreApplication::translate("tp::conflicts", "Type one JSON value, not %1.").arg(values.size());
        }
        return std::nullopt;
    }
    return values.first();
}

} // namespace tp
