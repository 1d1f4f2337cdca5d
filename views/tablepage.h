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
    /// Sizes the columns to the rows in view (Qt measures only those, so this stays cheap for
    /// 100 000 rows), between the header's width and `maxChars` average characters — unless
    /// the user has sized them (by hand, or restoreState()): then they stay as they are.
    void fitColumns(int maxChars);
    /// Column widths, order and the sort column, for QSettings.
    [[nodiscard]] QByteArray saveState() const;
    /// Restores saveState() and sorts the model as it was sorted; false (nothing changed) if
    /// `state` is not such data.
    bool restoreState(const QByteArray& state);

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
    bool m_fitting = false;   ///< fitColumns() is resizing
    bool m_userSized = false; ///< widths chosen by the user: fitColumns() leaves them
};

/// Several widgets' saved states (splitters, tables) as one QSettings value.
[[nodiscard]] QByteArray packStates(const QList<QByteArray>& parts);
/// The `count` parts of packStates() data (missing ones empty). Data saved before pages
/// packed their states (one splitter's bare state) comes back as the first part.
[[nodiscard]] QList<QByteArray> unpackStates(const QByteArray& data, qsizetype count);

} // namespace tp
