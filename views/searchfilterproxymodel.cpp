#include "searchfilterproxymodel.h"

#include <algorithm>

namespace tp {

SearchFilterProxyModel::SearchFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void SearchFilterProxyModel::setSourceModel(QAbstractItemModel* model)
{
    if (sourceModel()) {
        disconnect(sourceModel(), nullptr, this, nullptr);
    }
    QSortFilterProxyModel::setSourceModel(model);
    forgetHaystacks();
    if (!model) {
        return;
    }
    // Rows appended by fetchMore keep the others' texts; anything else starts over. A reset or
    // a new layout is filtered again by QSortFilterProxyModel's own handler, connected first:
    // the texts go before it runs, or the new rows would be searched in the old rows' texts.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &SearchFilterProxyModel::forgetHaystacks);
    connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, &SearchFilterProxyModel::forgetHaystacks);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SearchFilterProxyModel::forgetHaystacks);
    connect(model, &QAbstractItemModel::rowsMoved, this, &SearchFilterProxyModel::forgetHaystacks);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int) {
        if (first < m_haystacks.size()) {
            forgetHaystacks();
        }
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles) {
                const bool searched = roles.isEmpty()
                    || std::any_of(roles.cbegin(), roles.cend(), [this](int r) { return m_roles.contains(r); });
                for (int row = topLeft.row(); searched && row <= bottomRight.row() && row < m_haystacks.size(); ++row) {
                    m_haystacks[row].clear();
                }
            });
}

void SearchFilterProxyModel::setSearchRoles(const QList<int>& roles)
{
    forgetHaystacks();
    m_roles = roles;
    invalidateRowsFilter();
}

void SearchFilterProxyModel::setSearchText(const QString& text)
{
    const QStringList words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words) {
        return;
    }
    m_words = words;
    // invalidate(), not invalidateRowsFilter(): the latter removes the rows that no longer
    // match range by range, and the table's header does work proportional to all rows for
    // each range — 0.7 s when the first letter typed hides thousands of scattered rows of
    // 50 000. A layout change rebuilds the mapping once.
    invalidate();
}

void SearchFilterProxyModel::setRoleFilter(int role, const QVariant& value)
{
    // Unchanged (a filter bar re-applies all its boxes): nothing to filter again.
    if (value.isValid() ? m_filters.value(role) == value : !m_filters.contains(role)) {
        return;
    }
    if (value.isValid()) {
        m_filters.insert(role, value);
    } else {
        m_filters.remove(role);
    }
    invalidate();
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
    if (m_haystacks.size() <= sourceRow) {
        m_haystacks.resize(sourceModel()->rowCount(sourceParent));
    }
    QString& haystack = m_haystacks[sourceRow];
    if (haystack.isEmpty()) {
        for (int role : m_roles) {
            const QVariant v = index.data(role);
            haystack += (v.typeId() == QMetaType::QStringList ? v.toStringList().join(QLatin1Char(' ')) : v.toString())
                            .toLower();
            haystack += QChar(u'\n'); // no word spans two roles
        }
    }
    for (const QString& word : m_words) {
        if (!haystack.contains(word)) {
            return false;
        }
    }
    return true;
}

} // namespace tp
