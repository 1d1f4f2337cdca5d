#include "leveldelegate.h"

#include <QApplication>
#include <QPainter>

#include <optional>

namespace tp {
namespace {

constexpr int kPadX = 6; // text to badge edge, horizontally
constexpr int kPadY = 1;
constexpr int kMargin = 4; // badge to cell edge

std::optional<Level> levelOf(const QModelIndex& index, int role)
{
    bool ok = false;
    const int v = index.data(role).toInt(&ok);
    if (!ok || v < static_cast<int>(Level::A) || v > static_cast<int>(Level::D)) {
        return std::nullopt;
    }
    return static_cast<Level>(v);
}

} // namespace

LevelDelegate::LevelDelegate(int levelRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_levelRole(levelRole)
{
}

QColor LevelDelegate::levelColor(Level level)
{
    switch (level) {
    case Level::A:
        return QColor(0x6e, 0x76, 0x81); // grey: invalid
    case Level::B:
        return QColor(0x1f, 0x6f, 0xeb); // blue: general
    case Level::C:
        return QColor(0xd9, 0x6c, 0x00); // orange: important
    case Level::D:
        return QColor(0xcf, 0x22, 0x2e); // red: core
    }
    return {};
}

void LevelDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const std::optional<Level> level = levelOf(index, m_levelRole);
    if (!level) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // Background, selection and focus as the style draws them, then the badge on top.
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QFontMetrics fm(opt.font);
    const QRect cell = opt.rect.adjusted(kMargin, 0, -kMargin, 0);
    // +2: advances are rounded; without slack the elision below may cut a text that fits.
    const int width = std::min(cell.width(), fm.horizontalAdvance(text) + 2 * kPadX + 2);
    const int height = std::min(cell.height() - 2, fm.height() + 2 * kPadY);
    const QRect badge(cell.left(), cell.top() + (cell.height() - height) / 2, width, height);
    const QColor color = levelColor(*level);
    // On a selected row the tint would blend into the highlight: the badge gets the base
    // colour so that its text stays readable.
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    QColor fill = selected ? opt.palette.color(QPalette::Base) : color;
    if (!selected) {
        fill.setAlpha(36);
    }

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1));
    painter->setBrush(fill);
    const qreal radius = height / 2.0;
    painter->drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->setPen(color.darker(115));
    painter->setFont(opt.font);
    painter->drawText(badge.adjusted(kPadX, 0, -kPadX, 0), Qt::AlignCenter,
                      fm.elidedText(text, Qt::ElideRight, badge.width() - 2 * kPadX));
    painter->restore();
}

QSize LevelDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (levelOf(index, m_levelRole)) {
        size.rwidth() += 2 * (kPadX + kMargin) + 2;
    }
    return size;
}

} // namespace tp
