#include "tablepage.h"

#include <algorithm>

#include <QAbstractProxyModel>
#include <QDataStream>
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
    connect(columns, &QHeaderView::sectionResized, this, [this, columns](int logical, int oldSize, int newSize) {
        // Stretched sections resize with the window; only interactive ones are the user's.
        // Hiding or showing a column (to or from 0) is not sizing it either.
        if (!m_fitting && oldSize > 0 && newSize > 0
            && columns->sectionResizeMode(logical) == QHeaderView::Interactive) {
            m_userSized = true;
        }
    });
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

void TablePage::fitColumns(int maxChars)
{
    if (m_userSized) {
        return;
    }
    m_fitting = true;
    const int cap = maxChars * m_table->fontMetrics().averageCharWidth();
    QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        if (header->sectionResizeMode(column) != QHeaderView::Interactive) {
            continue;
        }
        // QTableView makes sizeHintForColumn() protected; the base class has it public.
        const QAbstractItemView* view = m_table;
        const int wanted = std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
        header->resizeSection(column, std::min(wanted + 8, cap));
    }
    m_fitting = false;
}

QByteArray TablePage::saveState() const
{
    return m_table->horizontalHeader()->saveState();
}

bool TablePage::restoreState(const QByteArray& state)
{
    QHeaderView* columns = m_table->horizontalHeader();
    if (state.isEmpty() || !columns->restoreState(state)) {
        return false;
    }
    m_userSized = true;
    // The header remembers the sort indicator; the model has to be sorted to match it.
    if (columns->sortIndicatorSection() >= 0 && columns->sortIndicatorSection() < m_model->columnCount()) {
        Q_EMIT aboutToSort();
        m_model->sort(columns->sortIndicatorSection(), columns->sortIndicatorOrder());
    }
    return true;
}

namespace {
constexpr quint32 kPackedStatesMagic = 0x54505653; // "TPVS"
constexpr quint16 kPackedStatesVersion = 1;
} // namespace

QByteArray packStates(const QList<QByteArray>& parts)
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kPackedStatesMagic << kPackedStatesVersion << parts;
    return data;
}

QList<QByteArray> unpackStates(const QByteArray& data, qsizetype count)
{
    QList<QByteArray> parts;
    QDataStream in(data);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint16 version = 0;
    in >> magic >> version;
    if (magic == kPackedStatesMagic && version == kPackedStatesVersion) {
        in >> parts;
        if (in.status() != QDataStream::Ok) {
            parts.clear();
        }
    } else if (!data.isEmpty()) {
        parts << data; // a bare splitter state, as saved by earlier versions
    }
    parts.resize(count);
    return parts;
}

} // namespace tp
