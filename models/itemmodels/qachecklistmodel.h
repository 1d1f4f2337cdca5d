#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <vector>

namespace tp {

/// One planned event of the version under QA.
struct QaPlannedEvent {
    QString key;
    QString name; ///< display name (the schema's title); may be empty
    QChar level = QLatin1Char('B');
};

/// One violation as the checklist shows it: its type (unplanned_event, missing_required, …)
/// and where (properties.order_amount; empty when it concerns the whole event).
struct QaViolation {
    QString type;
    QString path;
};

/// What the validator found for one event read from the debug stream.
struct QaEventResult {
    QString event; ///< the event key; empty for a line that is not an event (malformed)
    bool planned = false;
    QList<QaViolation> violations;
};

/// Live QA (DESIGN.md "Validation, quarantine and live QA"): the planned events of one version,
/// one row each, ticked off as events arrive — not yet seen, seen and valid, seen with
/// violations — with counts and the violations of each. Events that are not planned are
/// counted apart (summary and report). Arriving events change rows with dataChanged only.
class QaChecklistModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class State { NotSeen, Valid, Violations };
    Q_ENUM(State)
    enum Columns {
        KeyColumn,
        NameColumn,
        LevelColumn,
        StateColumn,
        SeenColumn,
        InvalidColumn,
        ViolationsColumn,
        ColumnCount
    };
    enum Roles {
        KeyRole = Qt::UserRole + 1,
        StateRole,      ///< int(State)
        SeenRole,       ///< qint64
        InvalidRole,    ///< qint64: of those seen, with violations
        ViolationsRole, ///< QStringList "type path (×n)"
        LevelRole,      ///< int(tp::Level)
    };

    struct Summary {
        int planned = 0;
        int seen = 0;           ///< planned events seen at least once
        int withViolations = 0; ///< planned events seen with violations at least once
        qint64 events = 0;      ///< events read
        int unplanned = 0;      ///< distinct events seen that are not planned
        qint64 malformed = 0;   ///< lines that were not events
    };

    explicit QaChecklistModel(QObject* parent = nullptr);

    /// Translated name of a violation type ("range_violation" → "Out of range").
    [[nodiscard]] static QString violationLabel(const QString& type);

    /// Replaces the rows with the version's planned events (sorted by key); counts restart.
    void setPlan(const QString& appKey, const QString& version, const QList<QaPlannedEvent>& events);
    /// Forgets what was seen, keeping the rows.
    void clearResults();
    /// Ticks off what arrived.
    void addResults(const QList<QaEventResult>& results);

    [[nodiscard]] Summary summary() const;
    /// "3 of 12 planned events seen, 1 with violations; 2 events seen that are not planned", translated.
    [[nodiscard]] QString summaryText() const;
    /// Events seen that are not planned, with their counts.
    [[nodiscard]] const QMap<QString, qint64>& unplannedEvents() const { return m_unplanned; }
    [[nodiscard]] State state(int row) const;
    [[nodiscard]] static QString stateText(State state);

    /// The QA report as CSV (RFC 4180, header line; unplanned events last, state "unplanned").
    [[nodiscard]] QString reportCsv() const;
    /// The QA report as a standalone HTML page (`session` names the stream's session).
    [[nodiscard]] QString reportHtml(const QString& session) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        QaPlannedEvent event;
        qint64 seen = 0;
        qint64 invalid = 0;
        QMap<std::pair<QString, QString>, qint64> violations; ///< (type, path) → count
    };
    [[nodiscard]] static QStringList violationTexts(const Row& row);
    /// The same for people: translated types ("Out of range · properties.x (×2)").
    [[nodiscard]] static QStringList violationLabels(const Row& row);

    QString m_appKey;
    QString m_version;
    std::vector<Row> m_rows;
    QHash<QString, int> m_index; ///< event key → row
    QMap<QString, qint64> m_unplanned;
    qint64 m_events = 0;
    qint64 m_malformed = 0;
};

} // namespace tp
