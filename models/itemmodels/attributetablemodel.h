#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace tp {

/// The attributes of one app as a read-only table, with how many events use each one.
class AttributeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        KeyColumn,
        DisplayNameColumn,
        TypeColumn,
        PrivacyColumn,
        CommonColumn,
        GroupsColumn,
        UsedByColumn,
        ColumnCount
    };
    enum Roles {
        KeyRole = Qt::UserRole + 1, ///< QString
        DisplayNameRole,            ///< QString
        TypeRole,                   ///< int, static_cast<int>(tp::AttrType)
        PrivacyRole,                ///< int, static_cast<int>(tp::Privacy)
        CommonRole,                 ///< bool
        GroupsRole,                 ///< QStringList
        UsedByRole,                 ///< int: events binding it (every event for a common attribute)
        SortRole,                   ///< per column: a value that sorts naturally
        PendingRole,                ///< bool: the active demand has a change of this attribute
    };

    explicit AttributeTableModel(QObject* parent = nullptr);

    /// Replaces all attributes (model reset). `events` are the app's events; only their
    /// bindings are read, to count the users of each attribute.
    void setAttributes(QList<Attribute> attributes, const QList<Event>& events);
    void clear();
    /// Keys of the attributes with a pending change in the active demand (PendingRole).
    void setPendingKeys(QSet<QString> keys);

    /// The attribute of a row, nullptr outside the table.
    [[nodiscard]] const Attribute* attributeAt(int row) const;
    /// The attribute with this key, nullptr if there is none.
    [[nodiscard]] const Attribute* findAttribute(const QString& key) const;
    /// The groups the attributes belong to, sorted (for filters).
    [[nodiscard]] QStringList groupNames() const;
    /// Every attribute of the app, sorted by key.
    [[nodiscard]] const QList<Attribute>& attributes() const { return m_attributes; }
    [[nodiscard]] int rowOf(const QString& key) const;
    [[nodiscard]] int usedBy(int row) const;
    /// Keys of the common attributes (carried by every event without a binding), in order.
    [[nodiscard]] QStringList commonKeys() const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    [[nodiscard]] QVariant displayText(int row, int column) const;
    [[nodiscard]] QVariant sortKey(int row, int column) const;

    QList<Attribute> m_attributes;
    QSet<QString> m_pending;
    QList<int> m_usedBy;
    QHash<QString, int> m_rowByKey;
};

} // namespace tp
