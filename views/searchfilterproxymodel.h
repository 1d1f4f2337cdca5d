#pragma once

#include <QList>
#include <QSortFilterProxyModel>

namespace tp {

/// Filters rows whose text in any of the search roles contains the search text
/// (case-insensitive; several words must all match), optionally also by the value of one
/// role (a status). Sorts by the source's sort role.
class SearchFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SearchFilterProxyModel(QObject* parent = nullptr);

    /// Roles of column 0 of the source whose text is searched, e.g. key and display name.
    void setSearchRoles(const QList<int>& roles);
    void setSearchText(const QString& text);
    /// Keeps only rows whose column 0 has `value` in `role`; an invalid value turns it off.
    void setRoleFilter(int role, const QVariant& value);
    [[nodiscard]] QString searchText() const { return m_words.join(QLatin1Char(' ')); }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QList<int> m_roles;
    QStringList m_words;
    int m_filterRole = -1;
    QVariant m_filterValue;
};

} // namespace tp
