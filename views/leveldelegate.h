#pragma once

#include "types.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace tp {

/// Draws a governance level as a coloured badge: A grey, B blue, C orange, D red. Reads the
/// level (int, static_cast<int>(tp::Level)) from a role of the model; other cells are drawn
/// as usual.
class LevelDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit LevelDelegate(int levelRole, QObject* parent = nullptr);

    /// The colour of a level, shared with other views (details, charts).
    [[nodiscard]] static QColor levelColor(Level level);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_levelRole;
};

} // namespace tp
