#include "leveldistributionmodel.h"

#include "enumlabels.h"

#include <QCollator>

#include <algorithm>

namespace tp {

LevelDistributionModel::LevelDistributionModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LevelDistributionModel::setCounts(QList<LevelCount> counts)
{
    beginResetModel();
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(counts.begin(), counts.end(), [&collator](const LevelCount& a, const LevelCount& b) {
        if (a.category.isEmpty() != b.category.isEmpty()) {
            return b.category.isEmpty(); // "(no category)" last
        }
        return collator.compare(a.category, b.category) < 0;
    });
    m_counts = std::move(counts);
    m_totals = LevelCount{};
    for (const LevelCount& c : std::as_const(m_counts)) {
        for (int level = 0; level < 4; ++level) {
            m_totals.counts[level] += c.counts[level];
        }
    }
    endResetModel();
}

LevelCount LevelDistributionModel::totals() const
{
    return m_totals;
}

QString LevelDistributionModel::categoryText(const QString& category)
{
    return category.isEmpty() ? tr("(no category)") : category;
}

int LevelDistributionModel::rowCount(const QModelIndex& parent) const
{
    // The totals row only under categories.
    return parent.isValid() || m_counts.isEmpty() ? 0 : int(m_counts.size()) + 1;
}

int LevelDistributionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LevelDistributionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() > m_counts.size()) {
        return {};
    }
    const bool totalRow = index.row() == m_counts.size();
    const LevelCount& c = totalRow ? m_totals : m_counts.at(index.row());
    const int column = index.column();
    const int count = column == TotalColumn ? c.total() : column > CategoryColumn ? c.counts[column - 1] : 0;
    switch (role) {
    case CategoryRole:
        return totalRow ? QVariant() : QVariant(c.category);
    case TotalRowRole:
        return totalRow;
    case SortRole:
        // The totals row stays below every category, whichever way the view sorts.
        return column == CategoryColumn ? QVariant(totalRow ? QString() : categoryText(c.category)) : QVariant(count);
    case Qt::TextAlignmentRole:
        return column == CategoryColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (column > CategoryColumn && column < TotalColumn && c.total() > 0) {
            return tr("%1: %2 of %3 event(s) (%4 %)", nullptr, c.total())
                .arg(levelLabel(static_cast<Level>(column - 1)))
                .arg(count)
                .arg(c.total())
                .arg(qRound(100.0 * count / c.total()));
        }
        return {};
    case Qt::DisplayRole:
        if (column == CategoryColumn) {
            return totalRow ? tr("Total") : categoryText(c.category);
        }
        return count;
    default:
        return {};
    }
}

QVariant LevelDistributionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::ToolTipRole && section > CategoryColumn && section < TotalColumn) {
        const auto level = static_cast<Level>(section - 1);
        return tr("%1 — %2").arg(levelLabel(level), levelDescription(level));
    }
    if (role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case CategoryColumn:
        return tr("Category");
    case ACountColumn:
    case BCountColumn:
    case CCountColumn:
    case DCountColumn:
        // The letter only: the counts stay narrow; the tooltip and the chart's legend name it.
        return QString(QLatin1Char("ABCD"[section - 1]));
    case TotalColumn:
        return tr("Total");
    default:
        return {};
    }
}

} // namespace tp
