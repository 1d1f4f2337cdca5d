#include "eventtablemodel.h"

#include "enumlabels.h"

#include <QLocale>

#include <algorithm>

namespace tp {

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EventTableModel::setEvents(QList<Event> events)
{
    m_merged = std::move(events);
    m_fetched = 0;
    rebuild();
}

QStringList EventTableModel::distinctValues(int role) const
{
    QSet<QString> values;
    for (const Event& e : m_events) {
        switch (role) {
        case CategoryRole:
            values.insert(e.category);
            break;
        case OwnerRole:
            values.insert(e.owner);
            break;
        case PlatformsRole:
            values.unite(QSet<QString>(e.platforms.cbegin(), e.platforms.cend()));
            break;
        case TagsRole:
            values.unite(QSet<QString>(e.tags.cbegin(), e.tags.cend()));
            break;
        default:
            break;
        }
    }
    values.remove(QString());
    QStringList sorted(values.cbegin(), values.cend());
    sorted.sort();
    return sorted;
}

QStringList EventTableModel::keysBinding(const QString& attributeKey, qsizetype limit) const
{
    QStringList keys;
    for (const Event& e : m_events) {
        if (keys.size() >= limit) {
            break;
        }
        const bool binds = std::any_of(e.bindings.cbegin(), e.bindings.cend(),
                                       [&attributeKey](const Binding& b) { return b.attributeKey == attributeKey; });
        if (binds) {
            keys << e.key;
        }
    }
    return keys;
}

void EventTableModel::setPendingNew(QList<Event> events)
{
    if (events == m_new) {
        return; // an edit of an existing event: no reset, the selection stays
    }
    m_new = std::move(events);
    rebuild();
}

void EventTableModel::rebuild()
{
    beginResetModel();
    QHash<QString, int> merged;
    merged.reserve(m_merged.size());
    for (qsizetype i = 0; i < m_merged.size(); ++i) {
        merged.insert(m_merged.at(i).key, int(i));
    }
    m_events.clear();
    m_events.reserve(m_new.size() + m_merged.size());
    for (const Event& e : std::as_const(m_new)) {
        if (!merged.contains(e.key)) { // merged meanwhile: the merged one shows
            m_events.append(e);
        }
    }
    const int newRows = int(m_events.size());
    m_events.append(m_merged);
    m_rowByKey.clear();
    m_rowByKey.reserve(m_events.size());
    for (qsizetype i = 0; i < m_events.size(); ++i) {
        m_rowByKey.insert(m_events.at(i).key, int(i));
    }
    // Expose the first batch inside the reset (a view that is hidden while empty would
    // otherwise never ask for more), and as many rows as were exposed before.
    m_fetched = std::min(std::max(m_fetched, m_batchSize) + newRows, int(m_events.size()));
    endResetModel();
}

void EventTableModel::clear()
{
    setEvents({});
}

void EventTableModel::setBatchSize(int rows)
{
    m_batchSize = std::max(1, rows);
}

void EventTableModel::fetchAll()
{
    exposeUpTo(int(m_events.size()));
}

void EventTableModel::fetchUpTo(int row)
{
    exposeUpTo(std::min(row + 1, int(m_events.size())));
}

void EventTableModel::exposeUpTo(int count)
{
    if (count <= m_fetched) {
        return;
    }
    beginInsertRows({}, m_fetched, count - 1);
    m_fetched = count;
    endInsertRows();
}

const Event* EventTableModel::eventAt(int row) const
{
    return row >= 0 && row < m_fetched ? &m_events.at(row) : nullptr;
}

int EventTableModel::rowOf(const QString& key) const
{
    return m_rowByKey.value(key, -1);
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_fetched;
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool EventTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_fetched < m_events.size();
}

void EventTableModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid()) {
        return;
    }
    exposeUpTo(std::min(m_fetched + m_batchSize, int(m_events.size())));
}

void EventTableModel::setPendingKeys(QSet<QString> keys)
{
    if (keys == m_pending) {
        return;
    }
    m_pending = std::move(keys);
    if (m_fetched > 0) {
        Q_EMIT dataChanged(index(0, 0), index(m_fetched - 1, ColumnCount - 1), {PendingRole});
    }
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Event& e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(e, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LevelColumn) {
            return levelDescription(e.level);
        }
        if (index.column() == DisplayNameColumn || index.column() == KeyColumn) {
            return e.description.isEmpty() ? QVariant() : QVariant(e.description);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == BindingsColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case KeyRole:
        return e.key;
    case PendingRole:
        return m_pending.contains(e.key);
    case DisplayNameRole:
        return e.displayName;
    case LevelRole:
        return static_cast<int>(e.level);
    case StatusRole:
        return static_cast<int>(e.status);
    case CategoryRole:
        return e.category;
    case OwnerRole:
        return e.owner;
    case SchemaVersionRole:
        return e.schemaVersion.toString();
    case BindingCountRole:
        return int(e.bindings.size());
    case PlatformsRole:
        return e.platforms;
    case DescriptionRole:
        return e.description;
    case TagsRole:
        return e.tags;
    case SortRole:
        return sortKey(e, index.column());
    default:
        return {};
    }
}

QVariant EventTableModel::displayText(const Event& e, int column) const
{
    switch (column) {
    case KeyColumn:
        return e.key;
    case DisplayNameColumn:
        return e.displayName;
    case CategoryColumn:
        return e.category;
    case LevelColumn:
        return levelLabel(e.level);
    case StatusColumn:
        return statusLabel(e.status);
    case OwnerColumn:
        return e.owner;
    case SchemaVersionColumn:
        return e.schemaVersion.toString();
    case BindingsColumn:
        return QLocale().toString(e.bindings.size());
    default:
        return {};
    }
}

QVariant EventTableModel::sortKey(const Event& e, int column) const
{
    switch (column) {
    case LevelColumn:
        return static_cast<int>(e.level);
    case StatusColumn:
        return static_cast<int>(e.status);
    case SchemaVersionColumn: {
        const SchemaVersion& v = e.schemaVersion;
        return (qint64(v.model) << 42) | (qint64(v.revision) << 21) | qint64(v.addition);
    }
    case BindingsColumn:
        return int(e.bindings.size());
    default:
        return displayText(e, column);
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case SchemaVersionColumn:
            return tr("Schema version MODEL-REVISION-ADDITION, raised by every merged change");
        case BindingsColumn:
            return tr("Number of attributes bound to the event (common attributes not counted)");
        default:
            return {};
        }
    }
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == BindingsColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case DisplayNameColumn:
        return tr("Display name");
    case CategoryColumn:
        return tr("Category");
    case LevelColumn:
        return tr("Level");
    case StatusColumn:
        return tr("Status");
    case OwnerColumn:
        return tr("Owner");
    case SchemaVersionColumn:
        return tr("Schema");
    case BindingsColumn:
        return tr("Attributes");
    default:
        return {};
    }
}

QHash<int, QByteArray> EventTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(DisplayNameRole, "displayName");
    names.insert(LevelRole, "level");
    names.insert(StatusRole, "status");
    names.insert(CategoryRole, "category");
    names.insert(OwnerRole, "owner");
    names.insert(SchemaVersionRole, "schemaVersion");
    names.insert(BindingCountRole, "bindingCount");
    names.insert(PlatformsRole, "platforms");
    names.insert(SortRole, "sortKey");
    names.insert(PendingRole, "pending");
    names.insert(DescriptionRole, "description");
    names.insert(TagsRole, "tags");
    return names;
}

} // namespace tp
