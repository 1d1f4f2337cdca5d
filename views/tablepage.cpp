#include "tablepage.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tp {

TablePage::TablePage(QAbstractItemModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(m_stack))
    , m_message(new QLabel(m_stack))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights keep 100 000 rows cheap: no per-row size hints are asked for.
    QHeaderView* rows = m_table->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView* columns = m_table->horizontalHeader();
    columns->setSectionsClickable(true);
    columns->setSortIndicatorShown(true);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    // No stretched last section: it would push right-aligned numbers away from their header.
    columns->setStretchLastSection(false);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(columns, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        Q_EMIT aboutToSort();
        m_model->sort(column, order);
    });

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);

    connect(model, &QAbstractItemModel::modelReset, this, &TablePage::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePage::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TablePage::updateState);
    connect(model, &QAbstractItemModel::layoutChanged, this, &TablePage::updateState);
    updateState();
}

void TablePage::setEmptyText(const QString& text)
{
    m_emptyText = text;
    updateState();
}

void TablePage::setNoMatchText(const QString& text)
{
    m_noMatchText = text;
    updateState();
}

bool TablePage::isShowingMessage() const
{
    return m_stack->currentWidget() == m_message;
}

int TablePage::sourceRowCount() const
{
    const auto* proxy = qobject_cast<const QAbstractProxyModel*>(m_model);
    return proxy && proxy->sourceModel() ? proxy->sourceModel()->rowCount() : m_model->rowCount();
}

void TablePage::updateState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    m_message->setText(sourceRowCount() == 0 ? m_emptyText : m_noMatchText);
    m_stack->setCurrentWidget(m_message);
}

} // namespace tp
