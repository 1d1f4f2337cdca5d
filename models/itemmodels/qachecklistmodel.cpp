#include "qachecklistmodel.h"

#include "enumlabels.h"
#include "enums.h"

#include <QDateTime>

#include <algorithm>

namespace tp {
namespace {

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields) {
        out << csvField(f);
    }
    return out.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

} // namespace

QaChecklistModel::QaChecklistModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QaChecklistModel::setPlan(const QString& appKey, const QString& version, const QList<QaPlannedEvent>& events)
{
    beginResetModel();
    m_appKey = appKey;
    m_version = version;
    m_rows.clear();
    m_index.clear();
    m_rows.reserve(std::size_t(events.size()));
    for (const QaPlannedEvent& e : events) {
        m_rows.push_back(Row{e, 0, 0, {}});
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) { return a.event.key < b.event.key; });
    for (int i = 0; i < int(m_rows.size()); ++i) {
        m_index.insert(m_rows[std::size_t(i)].event.key, i);
    }
    m_unplanned.clear();
    m_events = 0;
    m_malformed = 0;
    endResetModel();
}

void QaChecklistModel::clearResults()
{
    for (Row& r : m_rows) {
        r.seen = 0;
        r.invalid = 0;
        r.violations.clear();
    }
    m_unplanned.clear();
    m_events = 0;
    m_malformed = 0;
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void QaChecklistModel::addResults(const QList<QaEventResult>& results)
{
    int first = rowCount();
    int last = -1;
    for (const QaEventResult& r : results) {
        ++m_events;
        if (r.event.isEmpty()) {
            ++m_malformed;
            continue;
        }
        const auto it = m_index.constFind(r.event);
        if (it == m_index.constEnd()) {
            ++m_unplanned[r.event];
            continue;
        }
        Row& row = m_rows[std::size_t(*it)];
        ++row.seen;
        if (!r.violations.isEmpty()) {
            ++row.invalid;
            for (const QaViolation& v : r.violations) {
                ++row.violations[{v.type, v.path}];
            }
        }
        first = std::min(first, *it);
        last = std::max(last, *it);
    }
    if (last >= 0) {
        // One range per batch: views repaint once, and no row moves or resets.
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

QaChecklistModel::State QaChecklistModel::state(int row) const
{
    const Row& r = m_rows[std::size_t(row)];
    if (r.seen == 0) {
        return State::NotSeen;
    }
    return r.invalid > 0 ? State::Violations : State::Valid;
}

QString QaChecklistModel::stateText(State state)
{
    switch (state) {
    case State::NotSeen:
        return tr("not yet seen");
    case State::Valid:
        return tr("seen, valid");
    case State::Violations:
        return tr("seen with violations");
    }
    return {};
}

QaChecklistModel::Summary QaChecklistModel::summary() const
{
    Summary s;
    s.planned = int(m_rows.size());
    for (const Row& r : m_rows) {
        s.seen += r.seen > 0 ? 1 : 0;
        s.withViolations += r.invalid > 0 ? 1 : 0;
    }
    s.events = m_events;
    s.unplanned = int(m_unplanned.size());
    s.malformed = m_malformed;
    return s;
}

QString QaChecklistModel::summaryText() const
{
    const Summary s = summary();
    QString text =
        tr("%1 of %n planned event(s) seen, %2 with violations", nullptr, s.planned).arg(s.seen).arg(s.withViolations);
    text += QLatin1String("; ") + tr("%n event(s) seen that are not planned", nullptr, s.unplanned);
    if (s.malformed > 0) {
        text += QLatin1String("; ") + tr("%n malformed line(s)", nullptr, int(s.malformed));
    }
    text += QStringLiteral(" · ") + tr("%n event(s) read", nullptr, int(s.events));
    return text;
}

QStringList QaChecklistModel::violationTexts(const Row& row)
{
    QStringList out;
    for (auto it = row.violations.cbegin(); it != row.violations.cend(); ++it) {
        QString text = it.key().first;
        if (!it.key().second.isEmpty()) {
            text += QLatin1Char(' ') + it.key().second;
        }
        if (it.value() > 1) {
            text += QStringLiteral(" (×%1)").arg(it.value());
        }
        out << text;
    }
    return out;
}

QString QaChecklistModel::violationLabel(const QString& type)
{
    static const std::pair<const char*, const char*> kLabels[] = {
        {"malformed", QT_TR_NOOP("Malformed")},
        {"unplanned_event", QT_TR_NOOP("Unplanned event")},
        {"blocked_event", QT_TR_NOOP("Blocked (level A)")},
        {"missing_required", QT_TR_NOOP("Missing required")},
        {"type_mismatch", QT_TR_NOOP("Wrong type")},
        {"enum_violation", QT_TR_NOOP("Not an allowed value")},
        {"pattern_violation", QT_TR_NOOP("Pattern mismatch")},
        {"range_violation", QT_TR_NOOP("Out of range")},
        {"unplanned_attribute", QT_TR_NOOP("Unplanned attribute")},
    };
    for (const auto& [name, label] : kLabels) {
        if (type == QLatin1String(name)) {
            return tr(label);
        }
    }
    return type;
}

QStringList QaChecklistModel::violationLabels(const Row& row)
{
    QStringList out;
    for (auto it = row.violations.cbegin(); it != row.violations.cend(); ++it) {
        QString text = violationLabel(it.key().first);
        if (!it.key().second.isEmpty()) {
            text += QStringLiteral(" · ") + it.key().second;
        }
        if (it.value() > 1) {
            text += QStringLiteral(" (×%1)").arg(it.value());
        }
        out << text;
    }
    return out;
}

QString QaChecklistModel::reportCsv() const
{
    QString out =
        csvLine({QStringLiteral("event"), QStringLiteral("name"), QStringLiteral("level"), QStringLiteral("state"),
                 QStringLiteral("seen"), QStringLiteral("with_violations"), QStringLiteral("violations")});
    // Machine-readable states, not translated: the CSV is for tools and spreadsheets.
    static const char* const kStates[] = {"not_seen", "valid", "violations"};
    for (int i = 0; i < rowCount(); ++i) {
        const Row& r = m_rows[std::size_t(i)];
        out +=
            csvLine({r.event.key, r.event.name, QString(r.event.level), QString::fromLatin1(kStates[int(state(i))]),
                     QString::number(r.seen), QString::number(r.invalid), violationTexts(r).join(QLatin1String("; "))});
    }
    for (auto it = m_unplanned.cbegin(); it != m_unplanned.cend(); ++it) {
        out += csvLine({it.key(), QString(), QString(), QStringLiteral("unplanned"), QString::number(it.value()),
                        QString::number(it.value()), QStringLiteral("unplanned_event")});
    }
    return out;
}

QString QaChecklistModel::reportHtml(const QString& session) const
{
    const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                                  "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                                  "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
                                  ".valid{background:#e6f4e6}.violations{background:#fde8e8}"
                                  ".not_seen{color:#777}</style></head><body>\n")
                       .arg(esc(tr("QA report: %1 %2").arg(m_appKey, m_version)));
    html += QStringLiteral("<h1>%1</h1>\n").arg(esc(tr("QA report: %1 %2").arg(m_appKey, m_version)));
    html += QStringLiteral("<p>%1<br>%2</p>\n")
                .arg(esc(tr("Session: %1 · %2").arg(session, QDateTime::currentDateTime().toString(Qt::ISODate))),
                     esc(summaryText()));
    html += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th>"
                           "<th>%7</th></tr>\n")
                .arg(esc(tr("Event")), esc(tr("Name")), esc(tr("Level")), esc(tr("State")), esc(tr("Seen")),
                     esc(tr("With violations")), esc(tr("Violations")));
    static const char* const kClasses[] = {"not_seen", "valid", "violations"};
    for (int i = 0; i < rowCount(); ++i) {
        const Row& r = m_rows[std::size_t(i)];
        const State st = state(i);
        html += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td>"
                               "<td>%8</td></tr>\n")
                    .arg(QLatin1String(kClasses[int(st)]), esc(r.event.key), esc(r.event.name),
                         esc(levelLabel(fromString<Level>(QString(r.event.level)).value_or(Level::B))),
                         esc(stateText(st)), QString::number(r.seen), QString::number(r.invalid),
                         esc(violationLabels(r).join(listSeparator())));
    }
    html += QLatin1String("</table>\n");
    if (!m_unplanned.isEmpty()) {
        html += QStringLiteral("<h2>%1</h2>\n<table>\n<tr><th>%2</th><th>%3</th></tr>\n")
                    .arg(esc(tr("Events seen that are not planned")), esc(tr("Event")), esc(tr("Seen")));
        for (auto it = m_unplanned.cbegin(); it != m_unplanned.cend(); ++it) {
            html += QStringLiteral("<tr class=\"violations\"><td>%1</td><td>%2</td></tr>\n")
                        .arg(esc(it.key()), QString::number(it.value()));
        }
        html += QLatin1String("</table>\n");
    }
    html += QLatin1String("</body></html>\n");
    return html;
}

int QaChecklistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QaChecklistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QaChecklistModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case KeyRole:
        return r.event.key;
    case StateRole:
        return int(state(index.row()));
    case SeenRole:
        return r.seen;
    case InvalidRole:
        return r.invalid;
    case ViolationsRole:
        return violationTexts(r);
    case LevelRole:
        return int(fromString<Level>(QString(r.event.level)).value_or(Level::B));
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return r.event.key;
        case NameColumn:
            return r.event.name;
        case LevelColumn:
            return levelLabel(fromString<Level>(QString(r.event.level)).value_or(Level::B));
        case StateColumn:
            return stateText(state(index.row()));
        case SeenColumn:
            return r.seen;
        case InvalidColumn:
            return r.invalid;
        case ViolationsColumn:
            return violationLabels(r).join(listSeparator());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == ViolationsColumn ? violationLabels(r).join(QLatin1Char('\n')) : QVariant();
    default:
        return {};
    }
}

QVariant QaChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case KeyColumn:
        return tr("Event");
    case NameColumn:
        return tr("Name");
    case LevelColumn:
        return tr("Level");
    case StateColumn:
        return tr("State");
    case SeenColumn:
        return tr("Seen");
    case InvalidColumn:
        return tr("With violations");
    case ViolationsColumn:
        return tr("Violations");
    default:
        return {};
    }
}

QHash<int, QByteArray> QaChecklistModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(StateRole, "state");
    names.insert(SeenRole, "seen");
    names.insert(InvalidRole, "invalid");
    names.insert(ViolationsRole, "violations");
    return names;
}

} // namespace tp
