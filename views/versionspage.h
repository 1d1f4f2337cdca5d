#pragma once

#include "error.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTreeView;

namespace tp {

class PlanCatalog;
class PlanDiffModel;
class SearchFilterProxyModel;
class TablePage;

/// The versions of the selected app with their status and snapshot, and the differences
/// between any two of them (or the plan as merged now) as a tree of added / changed /
/// removed events and attributes, filterable by kind and key, exportable as a CSV QA
/// checklist. Creating, freezing and releasing versions come next.
class VersionsPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit VersionsPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Compares two versions by name ("current" = the plan as merged now).
    void compare(const QString& from, const QString& to);
    /// Writes the QA checklist of the shown comparison to `path`.
    [[nodiscard]] Status exportChecklist(const QString& path);

    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onPlanLoaded();
    void onVersionSelected();
    void refreshDiff();
    void applyFilters();
    void chooseChecklistFile();

    PlanCatalog* m_catalog;
    PlanDiffModel* m_diffModel;
    SearchFilterProxyModel* m_diffProxy;
    TablePage* m_versionList = nullptr;
    QComboBox* m_from = nullptr;
    QComboBox* m_to = nullptr;
    QComboBox* m_kindFilter = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_summary = nullptr;
    QTreeView* m_tree = nullptr;
    QSplitter* m_splitter = nullptr;
    QByteArray m_checklist; ///< of the shown comparison
    bool m_stale = true;    ///< the comparison waits until the page is shown
};

} // namespace tp
