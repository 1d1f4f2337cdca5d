#include "searchfilterproxymodel.h"

#include <algorithm>

namespace tp {

SearchFilterProxyModel::SearchFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void SearchFilterProxyModel::setSearchRoles(const QList<int>& roles)
{
    m_roles = roles;
    invalidateRowsFilter();
}

void SearchFilterProxyModel::setSearchText(const QString& text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words) {
        return;
    }
    m_words = words;
    invalidateRowsFilter();
}

void SearchFilterProxyModel::setRoleFilter(int role, const QVariant& value)
{
    m_filterRole = role;
    m_filterValue = value;
    invalidateRowsFilter();
}

bool SearchFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_filterValue.isValid() && index.data(m_filterRole) != m_filterValue) {
        return false;
    }
    if (m_words.isEmpty() || m_roles.isEmpty()) {
        return true;
    }
    QStringList texts;
    texts.reserve(m_roles.size());
    for (int role : m_roles) {
        texts << index.data(role).toString();
    }
    for (const QString& word : m_words) {
        const bool found = std::any_of(texts.cbegin(), texts.cend(),
                                       [&word](const QString& t) { return t.contains(word, Qt::CaseInsensitive); });
        if (!found) {
            return false;
        }
    }
    return true;
}

} // namespace tp
