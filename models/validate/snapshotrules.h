#pragma once

// The published JSON Schemas of a snapshot (docs/redis-contract.md, "Event schemas") compiled
// once into lookup tables for the validator's hot loop: key → rule hashes, enum sets, regular
// expressions compiled and optimized once and shared by every rule that uses them.

#include "error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

class QJsonObject;

namespace tp {

/// The schemas of one published snapshot: what Redis holds, or what SchemaCompiler produces.
struct SnapshotSchemas {
    QByteArray id;                                   ///< snapshot id (Redis) or the version name (store)
    QByteArray common;                               ///< the common schema's text
    QList<std::pair<QByteArray, QByteArray>> events; ///< event key → its schema text
};

/// The schemas of every version of an app that a validator checks events against.
struct PlanSchemas {
    QString appKey;
    QMap<QString, SnapshotSchemas> versions; ///< app version → its snapshot
    QString current;                         ///< the version whose snapshot is `current`
    SnapshotSchemas currentSnapshot;         ///< for app versions not in `versions`
};

/// The checks of one property schema.
struct PropertyRule {
    enum class Type : quint8 { String, Integer, Number, Boolean, Array };
    Type type = Type::String;
    bool dateTime = false; ///< "format": "date-time"
    bool hasMinimum = false;
    bool hasMaximum = false;
    int maxLength = -1; ///< code points; -1: none
    double minimum = 0;
    double maximum = 0;
    std::shared_ptr<const QRegularExpression> pattern;
    QSet<QByteArray> enumValues;               ///< UTF-8; empty: no enum
    QByteArray enumText;                       ///< the enum as JSON, for messages
    std::shared_ptr<const PropertyRule> items; ///< Array: the items' rule
};

/// One event's schema: its properties by key, what it requires, level and route.
struct EventRule {
    QByteArray key;
    char level = 'B';
    QByteArray routeJson; ///< x-route as compact JSON: ["analytics","warehouse_ods"]
    bool blocked = false; ///< x-route is empty or ["quarantine"]: refused at collection
    bool closed = true;   ///< additionalProperties: false
    bool deprecated = false;
    QHash<QByteArray, int> index; ///< property key → index into properties
    std::vector<PropertyRule> properties;
    std::vector<QByteArray> propertyKeys;
    std::vector<int> required; ///< indices into properties
};

/// The rules of one snapshot.
struct SnapshotRules {
    QByteArray id;
    QHash<QByteArray, std::shared_ptr<const EventRule>> events;
    QHash<QByteArray, int> commonIndex;
    std::vector<PropertyRule> common;
};

/// Compiles schema texts into rules, sharing what is equal: an event schema (by its text)
/// used by many snapshots is compiled once, and each distinct pattern once.
class RuleCompiler {
public:
    [[nodiscard]] Result<std::shared_ptr<const SnapshotRules>> compile(const SnapshotSchemas& schemas);

private:
    Result<std::shared_ptr<const EventRule>> eventRule(const QByteArray& key, const QByteArray& text);
    Result<PropertyRule> propertyRule(const QJsonObject& schema, const QString& where);
    Result<std::shared_ptr<const QRegularExpression>> regex(const QString& pattern, const QString& where);

    QHash<QByteArray, std::shared_ptr<const EventRule>> m_events;        ///< by schema text
    QHash<QByteArray, std::shared_ptr<const SnapshotRules>> m_snapshots; ///< by snapshot id
    QHash<QString, std::shared_ptr<const QRegularExpression>> m_regexes;
};

} // namespace tp
