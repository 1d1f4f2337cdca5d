#pragma once

#include <QHash>
#include <QList>
#include <QSortFilterProxyModel>

namespace tp {

/// Filters rows whose text in any of the search roles contains the search text
/// (case-insensitive; several words must all match; list roles are searched item by item),
/// optionally also by the values of some roles (level, status, platform …). Sorts by the
/// source's sort role. Meant for flat (table) models.
class SearchFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SearchFilterProxyModel(QObject* parent = nullptr);

    /// Roles of column 0 of the source whose text is searched, e.g. key and display name.
    void setSearchRoles(const QList<int>& roles);
    void setSearchText(const QString& text);
    /// Keeps only rows whose column 0 has `value` in `role` (or, for a list, among its items);
    /// an invalid value turns the filter of that role off. Filters of several roles combine.
    void setRoleFilter(int role, const QVariant& value);
    [[nodiscard]] QString searchText() const { return m_words.join(QLatin1Char(' ')); }
    void setSourceModel(QAbstractItemModel* model) override;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QList<int> m_roles;
    QStringList m_words;
    QHash<int, QVariant> m_filters;
    /// Per source row, the lower-cased text of its search roles, built when first searched:
    /// filtering 100 000 rows then only scans strings.
    mutable QList<QString> m_haystacks;
    void forgetHaystacks() { m_haystacks.clear(); }
};

} // namespace tp
