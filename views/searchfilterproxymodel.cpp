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
    if (value.isValid()) {
        m_filters.insert(role, value);
    } else {
        m_filters.remove(role);
    }
    invalidateRowsFilter();
}

bool SearchFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    for (auto it = m_filters.constBegin(); it != m_filters.constEnd(); ++it) {
        const QVariant v = index.data(it.key());
        const bool ok =
            v.typeId() == QMetaType::QStringList ? v.toStringList().contains(it.value().toString()) : v == it.value();
        if (!ok) {
            return false;
        }
    }
    if (m_words.isEmpty() || m_roles.isEmpty()) {
        return true;
    }
    QStringList texts;
    texts.reserve(m_roles.size());
    for (int role : m_roles) {
        const QVariant v = index.data(role);
        texts << (v.typeId() == QMetaType::QStringList ? v.toStringList().join(QLatin1Char(' ')) : v.toString());
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
