#include "pendingdelegate.h"

namespace tp {

PendingDelegate::PendingDelegate(int pendingRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(pendingRole)
{
}

void PendingDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(m_role).toBool()) {
        return;
    }
    option->font.setItalic(true);
    option->text += QStringLiteral("  ✎");
    if (!(option->state & QStyle::State_Selected)) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
    }
}

} // namespace tp
