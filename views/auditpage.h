#pragma once

#include "error.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QTimer;

namespace tp {

class AuditLogModel;
class PlanCatalog;
class TablePage;

/// The store's audit log, newest first: every change anyone made, with who, when, what and on
/// what. Filters by user, action, entity type and key, app and a range of days narrow it (in
/// SQL: the log may be very long, and rows are fetched as the table scrolls); the selected
/// entry's details show beside it; Export CSV… writes every row the filters select.
class AuditPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog and the model must outlive the page.
    AuditPage(PlanCatalog* plan, AuditLogModel* model, QWidget* parent = nullptr);

    /// Runs the filters as they are set now (they otherwise run shortly after an edit).
    void applyFilters();
    /// Clears every filter.
    void resetFilters();
    /// Writes the rows the filters select to `path` as CSV.
    [[nodiscard]] Status exportCsv(const QString& path);
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fillChoices();
    void chooseExportFile();
    void updateDetail();
    void updateCount();
    void say(const QString& text, bool error);

    PlanCatalog* m_plan;
    AuditLogModel* m_model;
    QComboBox* m_user;
    QComboBox* m_action;
    QComboBox* m_entityType;
    QComboBox* m_app;
    QLineEdit* m_entityKey;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QPushButton* m_reset;
    QPushButton* m_export;
    QLabel* m_count;
    QLabel* m_message;
    TablePage* m_table;
    QTextBrowser* m_detail;
    QSplitter* m_splitter;
    QTimer* m_delay; ///< filters run a moment after the last edit
};

} // namespace tp
