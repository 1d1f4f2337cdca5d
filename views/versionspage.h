#pragma once

#include "error.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace tp {

class PlanCatalog;
class PlanDiffModel;
class SearchFilterProxyModel;
class TablePage;
struct Version;

/// The versions of the selected app with their status, demands and snapshot, and the
/// differences between any two of them (or the plan as merged now) as a tree of added /
/// changed / removed events and attributes, filterable by kind and key, exportable as a CSV
/// QA checklist. A data steward creates versions (Ctrl+N), assigns the demands a version in
/// planning brings, freezes it (the store refuses while an assigned demand is open) and
/// releases it; each action is enabled only where the version's status allows it, and the
/// outcome is said below the list.
class VersionsPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit VersionsPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Compares two versions by name ("current" = the plan as merged now).
    void compare(const QString& from, const QString& to);
    /// Writes the QA checklist of the shown comparison to `path`.
    [[nodiscard]] Status exportChecklist(const QString& path);
    /// The name of the selected version, empty if none.
    [[nodiscard]] QString currentName() const;

    /// Opens the New version dialog; the version is created when it is accepted.
    void newVersion();
    /// Opens the dialog that chooses the demands of the selected version (in planning).
    void assignDemands();
    /// Asks, then freezes the selected version (in planning) and says how it went.
    void freezeVersion();
    /// Asks, then releases the selected version (frozen) and says how it went.
    void releaseVersion();

    /// The splitters and the version table's columns (sizes, sort). restoreState() also
    /// takes the splitter-only state older versions saved.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onPlanLoaded();
    void onVersionsReset();
    void onVersionSelected();
    void fillCompareChoices(const QString& from, const QString& to);
    void compareWithPrevious(const QString& name);
    void refreshDiff();
    void applyFilters();
    void chooseChecklistFile();
    void updateActions();
    void updateDetail();
    void select(const QString& name);
    void say(const QString& text, bool error);
    /// Asks with a message box (objectName `objectName`, accept button "confirmButton");
    /// `run` runs if the user confirms.
    void confirm(const QString& objectName, const QString& title, const QString& text, const QString& info,
                 const QString& action, const std::function<void()>& run);
    [[nodiscard]] const Version* currentVersion() const;
    /// How many of these demands are still open (they hold a freeze up).
    [[nodiscard]] int openDemands(const QStringList& keys) const;

    PlanCatalog* m_catalog;
    QSortFilterProxyModel* m_versionProxy;
    PlanDiffModel* m_diffModel;
    SearchFilterProxyModel* m_diffProxy;
    TablePage* m_versionList = nullptr;
    QTextBrowser* m_detail = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_assignButton = nullptr;
    QPushButton* m_freezeButton = nullptr;
    QPushButton* m_releaseButton = nullptr;
    QComboBox* m_from = nullptr;
    QComboBox* m_to = nullptr;
    QComboBox* m_kindFilter = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_summary = nullptr;
    QTreeView* m_tree = nullptr;
    QSplitter* m_splitter = nullptr;     ///< versions above, the comparison below
    QSplitter* m_listSplitter = nullptr; ///< the version table, its detail
    QByteArray m_checklist;              ///< of the shown comparison
    QString m_selectedName;              ///< kept across reloads of the list
    QString m_shownApp;                  ///< whose versions the list shows
    bool m_stale = true;                 ///< the comparison waits until the page is shown
    bool m_reselecting = false;          ///< selecting the same version again after a reload
};

} // namespace tp
