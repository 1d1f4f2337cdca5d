#pragma once

// Domain value types of TrackPlan. Plain values, passed by value or const reference.
// Enum <-> string conversions (the spellings used in SQL, JSON and on the command line)
// live in enums.h.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tp {

enum class Level { A, B, C, D };
enum class EventStatus { Planned, Implementing, Testing, Live, Deprecated, Removed };
enum class AttrType { String, Integer, Number, Boolean, DateTime, Enum, ArrayString, ArrayInteger, ArrayNumber };
enum class Privacy { None, Pseudonymous, Personal, Sensitive };
enum class DemandStatus { Draft, InReview, Approved, Merged, Rejected, Cancelled };
enum class Priority { P0, P1, P2, P3 };
/// What can be done to a demand; demandActionFrom() says from which statuses.
enum class DemandAction { Submit, Approve, Reject, Reopen, Cancel, Merge, RequestChanges };
enum class VersionStatus { Planning, Frozen, Released };
enum class Role { ProductOwner, DataSteward, Analyst, Admin };
enum class ChangeOp { Create, Update, Delete };
enum class EntityKind { Event, Attribute };

/// Allowed platform names of an app / event.
inline const QStringList& knownPlatforms()
{
    static const QStringList p{QStringLiteral("android"), QStringLiteral("ios"), QStringLiteral("web"),
                               QStringLiteral("miniprogram"), QStringLiteral("server")};
    return p;
}

/// MODEL-REVISION-ADDITION, e.g. 1-0-0. See docs/schema-versioning.md.
struct SchemaVersion {
    int model = 1;
    int revision = 0;
    int addition = 0;
    [[nodiscard]] QString toString() const { return QStringLiteral("%1-%2-%3").arg(model).arg(revision).arg(addition); }
    [[nodiscard]] static std::optional<SchemaVersion> parse(const QString& text);
    friend bool operator==(const SchemaVersion&, const SchemaVersion&) = default;
};

struct App {
    QString key;  ///< e.g. user-app
    QString name; ///< display name, any language
    QString description;
    QStringList platforms; ///< subset of knownPlatforms()
    qint64 rowVersion = 0;
    friend bool operator==(const App&, const App&) = default;
};

struct User {
    QString name; ///< login name
    QString displayName;
    Role role = Role::Analyst;
    qint64 rowVersion = 0;
    friend bool operator==(const User&, const User&) = default;
};

struct EnumValue {
    QString value;
    QString label;
    friend bool operator==(const EnumValue&, const EnumValue&) = default;
};

struct Attribute {
    QString key;
    QString displayName;
    QString description;
    AttrType type = AttrType::String;
    QList<EnumValue> enumValues;    ///< type Enum only
    QString pattern;                ///< regex the value must match (string types)
    std::optional<double> minValue; ///< numeric types
    std::optional<double> maxValue;
    std::optional<int> maxLength; ///< string types
    QString unit;
    QString example;
    Privacy privacy = Privacy::None;
    QStringList groups;  ///< reusable bundles, e.g. "order"
    bool common = false; ///< carried by every event of the app
    // Managed by the store:
    int revision = 0; ///< 0 = never merged
    friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Binding {
    QString attributeKey;
    bool required = false;
    QString note;
    friend bool operator==(const Binding&, const Binding&) = default;
};

struct Event {
    QString key;
    QString displayName;
    QString description;
    QString trigger;  ///< when it fires
    QString category; ///< category / page
    QStringList tags;
    QStringList platforms;
    QString owner; ///< user name
    Level level = Level::B;
    EventStatus status = EventStatus::Planned;
    QList<Binding> bindings; ///< ordered
    QString screenshot;      ///< optional path or URL
    QString introducedIn;    ///< app version name
    QString deprecatedIn;
    // Managed by the store:
    SchemaVersion schemaVersion;
    int revision = 0; ///< 0 = never merged
    friend bool operator==(const Event&, const Event&) = default;
};

/// The plan of one app: attributes and events, each sorted by key.
struct Plan {
    QString appKey;
    QList<Attribute> attributes;
    QList<Event> events;
    [[nodiscard]] const Event* findEvent(const QString& key) const;
    [[nodiscard]] const Attribute* findAttribute(const QString& key) const;
};

struct Demand {
    QString key; ///< DEM-0142
    QString appKey;
    QString title;
    QString description;
    QString owner;
    Priority priority = Priority::P2;
    QStringList targetVersions; ///< version names of the app
    QString externalLink;
    DemandStatus status = DemandStatus::Draft;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 rowVersion = 0;
    friend bool operator==(const Demand&, const Demand&) = default;
};

/// The statuses a demand must be in for `action`: draft → in review → approved → merged;
/// reject from review or approved, reopen back to draft, cancel before the merge.
[[nodiscard]] QList<DemandStatus> demandActionFrom(DemandAction action);
/// Draft, in review or approved: not settled yet, so a version it is assigned to cannot be
/// frozen.
[[nodiscard]] bool isOpen(DemandStatus status);

/// One pending edit of a demand's change set. For Create/Update `state` is the full proposed
/// entity (canonical JSON, see entityjson.h); for Delete it is empty.
struct Change {
    qint64 id = 0;
    QString demandKey;
    EntityKind kind = EntityKind::Event;
    QString entityKey;
    ChangeOp op = ChangeOp::Update;
    int baseRevision = 0; ///< entity revision the edit started from (0 for Create)
    QJsonObject state;
    QString author;
    QDateTime createdAt;
    qint64 rowVersion = 0;
};

struct Version {
    QString appKey;
    QString name; ///< 6.3.0
    VersionStatus status = VersionStatus::Planning;
    QString description;
    QDateTime createdAt;
    QDateTime frozenAt;     ///< null until frozen
    QDateTime releasedAt;   ///< null until released
    QStringList demandKeys; ///< demands assigned to this version
    qint64 rowVersion = 0;
};

/// A merged state of one entity; the history of an entity is its revisions in order.
struct Revision {
    EntityKind kind = EntityKind::Event;
    QString appKey;
    QString entityKey;
    int revision = 1;
    ChangeOp op = ChangeOp::Create;
    QString demandKey;
    QString author;
    QDateTime at;
    QJsonObject state; ///< entity after the change; empty for Delete
};

struct LevelPolicy {
    Level level = Level::B;
    bool reject = false;       ///< refuse at collection
    bool quarantine = false;   ///< route to the quarantine topic
    bool analytics = true;     ///< analytics tool
    double samplingRate = 1.0; ///< 0..1 share kept
    bool warehouseOds = false; ///< warehouse ODS layer
    bool realtime = false;     ///< real-time stream
    bool healthAlerts = false; ///< health monitoring with alerts
    friend bool operator==(const LevelPolicy&, const LevelPolicy&) = default;
};

struct GovernancePolicy {
    QString appKey;
    QList<LevelPolicy> levels; ///< A, B, C, D in order
    qint64 rowVersion = 0;
    [[nodiscard]] static GovernancePolicy defaults(const QString& appKey);
};

struct AuditEntry {
    qint64 seq = 0;
    QDateTime at;
    QString actor;
    QString action;     ///< e.g. demand.merge, change.save, version.release
    QString entityType; ///< app, user, demand, change, version, event, attribute, policy
    QString entityKey;
    QString appKey;
    QJsonObject details;
};

} // namespace tp
