#include "attributetablemodel.h"

#include "enumlabels.h"
#include "enums.h"

#include <QLocale>

namespace tp {

AttributeTableModel::AttributeTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AttributeTableModel::setAttributes(QList<Attribute> attributes, const QList<Event>& events)
{
    beginResetModel();
    m_attributes = std::move(attributes);
    m_rowByKey.clear();
    m_rowByKey.reserve(m_attributes.size());
    for (qsizetype i = 0; i < m_attributes.size(); ++i) {
        m_rowByKey.insert(m_attributes.at(i).key, int(i));
    }
    m_usedBy.fill(0, m_attributes.size());
    for (const Event& e : events) {
        for (const Binding& b : e.bindings) {
            const int row = m_rowByKey.value(b.attributeKey, -1);
            if (row >= 0) {
                ++m_usedBy[row];
            }
        }
    }
    // A common attribute is carried by every event without being bound.
    for (qsizetype i = 0; i < m_attributes.size(); ++i) {
        if (m_attributes.at(i).common) {
            m_usedBy[i] = int(events.size());
        }
    }
    endResetModel();
}

void AttributeTableModel::clear()
{
    setAttributes({}, {});
}

const Attribute* AttributeTableModel::attributeAt(int row) const
{
    return row >= 0 && row < m_attributes.size() ? &m_attributes.at(row) : nullptr;
}

const Attribute* AttributeTableModel::findAttribute(const QString& key) const
{
    return attributeAt(rowOf(key));
}

int AttributeTableModel::rowOf(const QString& key) const
{
    return m_rowByKey.value(key, -1);
}

int AttributeTableModel::usedBy(int row) const
{
    return row >= 0 && row < m_usedBy.size() ? m_usedBy.at(row) : 0;
}

QStringList AttributeTableModel::commonKeys() const
{
    QStringList keys;
    for (const Attribute& a : m_attributes) {
        if (a.common) {
            keys << a.key;
        }
    }
    return keys;
}

int AttributeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_attributes.size());
}

int AttributeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList AttributeTableModel::groupNames() const
{
    QSet<QString> groups;
    for (const Attribute& a : m_attributes) {
        groups.unite(QSet<QString>(a.groups.cbegin(), a.groups.cend()));
    }
    groups.remove(QString());
    QStringList sorted(groups.cbegin(), groups.cend());
    sorted.sort();
    return sorted;
}

void AttributeTableModel::setPendingKeys(QSet<QString> keys)
{
    if (keys == m_pending) {
        return;
    }
    m_pending = std::move(keys);
    if (!m_attributes.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_attributes.size()) - 1, ColumnCount - 1), {PendingRole});
    }
}

QVariant AttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int row = index.row();
    const Attribute& a = m_attributes.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == UsedByColumn && a.common) {
            return tr("Common attribute: carried by every event of the app.");
        }
        if (index.column() == KeyColumn || index.column() == DisplayNameColumn) {
            return a.description.isEmpty() ? QVariant() : QVariant(a.description);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == UsedByColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case PendingRole:
        return m_pending.contains(a.key);
    case KeyRole:
        return a.key;
    case DisplayNameRole:
        return a.displayName;
    case TypeRole:
        return static_cast<int>(a.type);
    case PrivacyRole:
        return static_cast<int>(a.privacy);
    case CommonRole:
        return a.common;
    case GroupsRole:
        return a.groups;
    case UsedByRole:
        return m_usedBy.at(row);
    case SortRole:
        return sortKey(row, index.column());
    default:
        return {};
    }
}

QVariant AttributeTableModel::displayText(int row, int column) const
{
    const Attribute& a = m_attributes.at(row);
    switch (column) {
    case KeyColumn:
        return a.key;
    case DisplayNameColumn:
        return a.displayName;
    case TypeColumn:
        // The type spellings are the schema's own vocabulary and stay untranslated.
        return toString(a.type);
    case PrivacyColumn:
        return privacyLabel(a.privacy);
    case CommonColumn:
        return a.common ? tr("Common") : QString();
    case GroupsColumn:
        return a.groups.join(QStringLiteral(", "));
    case UsedByColumn:
        return QLocale().toString(m_usedBy.at(row));
    default:
        return {};
    }
}

QVariant AttributeTableModel::sortKey(int row, int column) const
{
    const Attribute& a = m_attributes.at(row);
    switch (column) {
    case TypeColumn:
        return static_cast<int>(a.type);
    case PrivacyColumn:
        return static_cast<int>(a.privacy);
    case CommonColumn:
        return a.common ? 1 : 0;
    case UsedByColumn:
        return m_usedBy.at(row);
    default:
        return displayText(row, column);
    }
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == UsedByColumn) {
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
    case TypeColumn:
        return tr("Type");
    case PrivacyColumn:
        return tr("Privacy");
    case CommonColumn:
        return tr("Scope");
    case GroupsColumn:
        return tr("Groups");
    case UsedByColumn:
        return tr("Used by");
    default:
        return {};
    }
}

QHash<int, QByteArray> AttributeTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(DisplayNameRole, "displayName");
    names.insert(TypeRole, "type");
    names.insert(PrivacyRole, "privacy");
    names.insert(CommonRole, "common");
    names.insert(GroupsRole, "groups");
    names.insert(UsedByRole, "usedBy");
    names.insert(SortRole, "sortKey");
    names.insert(PendingRole, "pending");
    return names;
}

} // namespace tp
