#pragma once

// Checks tracking events (NDJSON, one event a line, DESIGN.md "Validation, quarantine and live
// QA") against the published plan: each event against the snapshot of its app_version (an
// unknown or missing version against `current`, counted as a warning). Tallies a summary and
// PV / UV / invalid per event per day.
//
// Violation messages and the quarantine records are data for pipelines, in English, like log
// lines; they are not translated.

#include "jsonline.h"
#include "snapshotrules.h"

#include <QDate>

#include <unordered_map>
#include <unordered_set>

namespace tp {

enum class ViolationType : quint8 {
    Malformed,          ///< not a JSON object with "event", or a bad "time"
    UnplannedEvent,     ///< the event is not in the snapshot
    BlockedEvent,       ///< level A: refused at collection (x-route empty or quarantine)
    MissingRequired,    ///< a required attribute is absent
    TypeMismatch,       ///< wrong JSON type (null included)
    EnumViolation,      ///< not one of the enum's values
    PatternViolation,   ///< does not match "pattern", or not an RFC 3339 date-time
    RangeViolation,     ///< below minimum, above maximum, or longer than maxLength
    UnplannedAttribute, ///< a property neither the event nor the common schema has
};
constexpr int kViolationTypeCount = 9;

/// snake_case name: malformed, unplanned_event, …
[[nodiscard]] QByteArray toByteArray(ViolationType type);
[[nodiscard]] inline QString toString(ViolationType type)
{
    return QString::fromLatin1(toByteArray(type));
}

struct Violation {
    ViolationType type = ViolationType::Malformed;
    QByteArray path;    ///< properties.order_amount, properties.tags[2], event; empty for malformed
    QByteArray message; ///< English, for people reading the quarantine
};

/// Compiled rules of every version of an app.
struct PlanRules {
    QString appKey;
    QHash<QByteArray, std::shared_ptr<const SnapshotRules>> versions; ///< app version → rules
    std::shared_ptr<const SnapshotRules> current;
    QString currentVersion;
    /// Compiles every snapshot of `schemas` (equal schemas once).
    [[nodiscard]] static Result<PlanRules> compile(const PlanSchemas& schemas);
};

struct EventCounts {
    qint64 total = 0;
    qint64 valid = 0;
    qint64 invalid = 0;
};

struct ValidationSummary {
    qint64 lines = 0; ///< non-empty lines read
    qint64 valid = 0;
    qint64 invalid = 0;                    ///< parsed events with violations
    qint64 malformed = 0;                  ///< lines that are not events
    qint64 unknownVersion = 0;             ///< events checked against current: app_version unknown or missing
    QMap<QString, qint64> unknownVersions; ///< those versions ("" = missing) and their counts
    QMap<QString, EventCounts> byEvent;
    std::array<qint64, kViolationTypeCount> byViolation{}; ///< index: ViolationType
};

/// PV, UV and invalid of one event on one day (UTC).
struct MetricRow {
    QDate day;
    QString event;
    qint64 pv = 0;      ///< events seen (valid and invalid; malformed lines are not events)
    qint64 uv = 0;      ///< distinct user_id, else anonymous_id (events with neither: none)
    qint64 invalid = 0; ///< of pv, those with violations
};

class Validator {
public:
    enum class Status : quint8 { Valid, Invalid, Malformed, Empty };
    /// What check() found for one line; valid until the next check().
    struct Outcome {
        Status status = Status::Empty;
        const EventRule* rule = nullptr; ///< the event's rule, if planned
        QByteArrayView event;            ///< the event key
        QByteArrayView appVersion;
        std::vector<Violation> violations;
    };

    explicit Validator(PlanRules rules);

    /// Checks one line (without its newline); `lineNumber` is 1-based, for messages.
    const Outcome& check(QByteArrayView line, qint64 lineNumber);

    [[nodiscard]] ValidationSummary summary() const;
    /// Sorted by day, then event.
    [[nodiscard]] QList<MetricRow> metrics() const;
    [[nodiscard]] const PlanRules& rules() const { return m_rules; }

    /// The line as a valid output record: the event with "tp_level" and "tp_route" added.
    [[nodiscard]] static QByteArray taggedRecord(QByteArrayView line, const EventRule& rule);
    /// The quarantine record of a line: {"line":N,"event":…,"violations":[…],"record":{…}}
    /// ("raw": the text as a string, for a malformed line).
    [[nodiscard]] static QByteArray quarantineRecord(QByteArrayView line, qint64 lineNumber, const Outcome& outcome);

private:
    void checkValue(const PropertyRule& rule, int node, QByteArray& path);
    void violation(ViolationType type, const QByteArray& path, QByteArray message);
    void malformed(const char* what, qsizetype offset = -1);
    const SnapshotRules* rulesFor(QByteArrayView version);
    void tally(int day);
    int eventIndex(QByteArrayView key);

    struct DayTally {
        qint64 pv = 0;
        qint64 invalid = 0;
        std::unordered_set<quint64> visitors;
    };

    PlanRules m_rules;
    QByteArray m_appKey;
    JsonLine m_json;
    Outcome m_out;
    // The last app version looked up: events of a file mostly share one.
    QByteArray m_lastVersion;
    const SnapshotRules* m_lastRules = nullptr;
    bool m_lastKnown = false;
    std::vector<quint32> m_seen; ///< per property of the event: stamp of the line it was seen on
    quint32 m_stamp = 0;
    QByteArray m_path;

    qint64 m_lines = 0;
    qint64 m_valid = 0;
    qint64 m_invalid = 0;
    qint64 m_malformed = 0;
    qint64 m_unknownVersion = 0;
    QHash<QByteArray, qint64> m_unknownVersions;
    std::array<qint64, kViolationTypeCount> m_byViolation{};
    QHash<QByteArray, int> m_eventIndex;
    std::vector<QByteArray> m_eventKeys;
    std::vector<EventCounts> m_eventCounts;
    std::unordered_map<quint64, DayTally> m_days; ///< (julian day << 24 | event index)
};

/// Parses an RFC 3339 date-time (2026-11-20T08:00:00Z, …08:00:00.123+08:00). On success
/// *utcDay (if given) is the Julian day of the instant in UTC.
[[nodiscard]] bool parseRfc3339(QByteArrayView text, qint64* utcDay = nullptr);

} // namespace tp
