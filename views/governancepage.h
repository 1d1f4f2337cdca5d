#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;

namespace tp {

class GovernanceCatalog;
class LevelChart;
class PlanCatalog;
class PolicyEditor;
class TablePage;

/// Governance of the current app, in four tabs: the data stewards' queue of level changes
/// proposed under submitted demands (approve or reject several at once, with a comment; or
/// see every decision with who, when and why), the level distribution per category as a table
/// and a stacked bar chart, the policy and approval rules editor (PolicyEditor), and the
/// history of policy and rule changes. Deciding and editing are for data stewards and admins;
/// others see everything, with those controls disabled and the reason as tooltip.
class GovernancePage : public QWidget {
    Q_OBJECT
public:
    /// Both catalogs must outlive the page.
    GovernancePage(PlanCatalog* plan, GovernanceCatalog* governance, QWidget* parent = nullptr);

    /// Loads the governance of the current app now (it also loads whenever the page is shown);
    /// unsaved edits of the policy or the rules of the same app are kept.
    void refresh();
    /// Asks for a comment, then approves (or rejects) the selected pending level changes.
    void decideSelected(bool approve);
    /// The inner tabs and the splitter, for QSettings.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createQueueTab();
    QWidget* createDistributionTab();
    QWidget* createHistoryTab();
    void onPlanLoaded();
    void updateActions();
    void updateTabTitles();
    void say(const QString& text, bool error);
    /// The selected rows still pending, as (demand key, event key).
    [[nodiscard]] QList<std::pair<QString, QString>> selectedPending() const;

    PlanCatalog* m_plan;
    GovernanceCatalog* m_governance;
    QSortFilterProxyModel* m_queueProxy;
    QTabWidget* m_tabs = nullptr;
    TablePage* m_queue = nullptr;
    QComboBox* m_queueFilter = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_reject = nullptr;
    QLabel* m_message = nullptr;
    TablePage* m_distribution = nullptr;
    LevelChart* m_chart = nullptr;
    QSplitter* m_distributionSplitter = nullptr;
    PolicyEditor* m_policy = nullptr;
    TablePage* m_history = nullptr;
    QString m_loadedApp; ///< whose governance the models show
};

} // namespace tp
