#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QStackedWidget;
class QTableView;

namespace tp {

/// A read-only table over a (proxy) model that gives way to a centred message when the model
/// has no rows: one text when there is no data at all, another when a filter hides every row.
/// Header clicks sort the model; aboutToSort() is emitted first so that a lazily fetched
/// source can expose all rows.
class TablePage : public QWidget {
    Q_OBJECT
public:
    explicit TablePage(QAbstractItemModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTableView* table() const { return m_table; }
    /// Shown when the unfiltered source has no rows. Rich text.
    void setEmptyText(const QString& text);
    /// Shown when rows exist but none passes the filter. Rich text.
    void setNoMatchText(const QString& text);
    /// True while the message is shown instead of the table.
    [[nodiscard]] bool isShowingMessage() const;

Q_SIGNALS:
    void aboutToSort();

private:
    void updateState();
    [[nodiscard]] int sourceRowCount() const;

    QAbstractItemModel* m_model;
    QStackedWidget* m_stack;
    QTableView* m_table;
    QLabel* m_message;
    QString m_emptyText;
    QString m_noMatchText;
};

} // namespace tp
