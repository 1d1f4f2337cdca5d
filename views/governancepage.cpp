#include "governancepage.h"

#include "approvalrulesmodel.h"
#include "commentdialog.h"
#include "enumlabels.h"
#include "governancecatalog.h"
#include "governancehistorymodel.h"
#include "levelchart.h"
#include "leveldistributionmodel.h"
#include "levelrequestmodel.h"
#include "plancatalog.h"
#include "policyeditor.h"
#include "policytablemodel.h"
#include "tablepage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tp {

GovernancePage::GovernancePage(PlanCatalog* plan, GovernanceCatalog* governance, QWidget* parent)
    : QWidget(parent)
    , m_plan(plan)
    , m_governance(governance)
    , m_queueProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("governancePage"));
    m_queueProxy->setSourceModel(governance->requestModel());
    m_queueProxy->setSortRole(LevelRequestModel::SortRole);
    m_queueProxy->setSortLocaleAware(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("governanceTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createQueueTab(), QString());
    m_tabs->addTab(createDistributionTab(), QString());
    m_policy = new PolicyEditor(plan, governance, m_tabs);
    m_tabs->addTab(m_policy, QString());
    m_tabs->addTab(createHistoryTab(), QString());
    updateTabTitles();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_tabs);

    connect(plan, &PlanCatalog::planLoaded, this, &GovernancePage::onPlanLoaded);
    // Columns fit the rows once the table has laid them out (after the event loop's turn).
    connect(governance->requestModel(), &QAbstractItemModel::modelReset, this, [this] {
        updateTabTitles();
        updateActions();
        QTimer::singleShot(0, m_queue, [this] { m_queue->fitColumns(30); });
    });
    connect(governance->distributionModel(), &QAbstractItemModel::modelReset, this, [this] {
        m_chart->setCounts(m_governance->distributionModel()->counts());
        QTimer::singleShot(0, m_distribution, [this] {
            m_distribution->fitColumns(24);
            // The few columns are never squeezed behind a scroll bar: the chart takes the rest.
            QTableView* table = m_distribution->table();
            m_distribution->setMinimumWidth(table->horizontalHeader()->length() + 2 * table->frameWidth()
                                            + table->verticalScrollBar()->sizeHint().width());
        });
    });
    connect(governance->historyModel(), &QAbstractItemModel::modelReset, this, [this] {
        m_history->table()->resizeRowsToContents();
        updateTabTitles();
    });
}

QWidget* GovernancePage::createQueueTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* bar = new QHBoxLayout;
    m_queueFilter = new QComboBox(tab);
    m_queueFilter->setObjectName(QStringLiteral("levelQueueFilter"));
    m_queueFilter->addItem(tr("Waiting for a decision"), true);
    m_queueFilter->addItem(tr("All decisions"), false);
    m_queueFilter->setToolTip(tr("Show only the level changes that wait for a data steward, or every decision too"));
    m_approve = new QPushButton(tr("Approve…"), tab);
    m_approve->setObjectName(QStringLiteral("approveLevelsButton"));
    m_reject = new QPushButton(tr("Reject…"), tab);
    m_reject->setObjectName(QStringLiteral("rejectLevelsButton"));
    bar->addWidget(m_queueFilter);
    bar->addStretch(1);
    bar->addWidget(m_approve);
    bar->addWidget(m_reject);
    layout->addLayout(bar);

    m_queue = new TablePage(m_queueProxy, tab);
    QTableView* table = m_queue->table();
    table->setObjectName(QStringLiteral("levelQueueTable"));
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_queue, 1);
    m_message = new QLabel(tab);
    m_message->setObjectName(QStringLiteral("governanceMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(m_queueFilter, &QComboBox::currentIndexChanged, this, [this] {
        const bool pendingOnly = m_queueFilter->currentData().toBool();
        if (Status s = m_governance->setPendingOnly(pendingOnly); !s) {
            say(tr("Cannot read the level changes: %1").arg(s.error().message), true);
        }
    });
    connect(m_approve, &QPushButton::clicked, this, [this] { decideSelected(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { decideSelected(false); });
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GovernancePage::updateActions);
    return tab;
}

QWidget* GovernancePage::createDistributionTab()
{
    m_distributionSplitter = new QSplitter(Qt::Horizontal);
    m_distributionSplitter->setObjectName(QStringLiteral("distributionSplitter"));
    m_distributionSplitter->setChildrenCollapsible(false);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_governance->distributionModel());
    proxy->setSortRole(LevelDistributionModel::SortRole);
    proxy->setSortLocaleAware(true);
    m_distribution = new TablePage(proxy, m_distributionSplitter);
    m_distribution->table()->setObjectName(QStringLiteral("distributionTable"));
    m_distribution->setEmptyText(tr("No events in the merged plan of this app yet."));
    m_chart = new LevelChart(m_distributionSplitter);
    m_distributionSplitter->addWidget(m_distribution);
    m_distributionSplitter->addWidget(m_chart);
    m_distributionSplitter->setStretchFactor(0, 1);
    m_distributionSplitter->setStretchFactor(1, 3);
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_distributionSplitter);
    return tab;
}

QWidget* GovernancePage::createHistoryTab()
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_governance->historyModel());
    proxy->setSortRole(GovernanceHistoryModel::SortRole);
    m_history = new TablePage(proxy, this);
    m_history->setEmptyText(tr("The policy and the approval rules of this app have not been changed yet."));
    QTableView* table = m_history->table();
    table->setObjectName(QStringLiteral("governanceHistoryTable"));
    // Each change lists its differences one per line.
    table->setWordWrap(true);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(GovernanceHistoryModel::ChangesColumn, QHeaderView::Stretch);
    table->horizontalHeader()->resizeSection(GovernanceHistoryModel::TimeColumn, fontMetrics().averageCharWidth() * 18);
    table->horizontalHeader()->resizeSection(GovernanceHistoryModel::CommentColumn,
                                             fontMetrics().averageCharWidth() * 36);
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_history);
    return tab;
}

void GovernancePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Every time: levels may have been decided on another page meanwhile (our own writes do not
    // come back as planLoaded()). Unsaved policy edits survive it.
    refresh();
}

void GovernancePage::onPlanLoaded()
{
    if (isVisible()) {
        refresh();
    }
}

void GovernancePage::refresh()
{
    const QString app = m_plan->currentAppKey();
    Status s = Ok{};
    if (app != m_loadedApp || m_governance->appKey() != app) {
        m_loadedApp = app;
        s = m_governance->load(app);
        say(QString(), false);
    } else {
        // The same app again (a reload after a change somewhere): edits in the policy editor stay.
        s = m_governance->reloadRequests();
        if (s) {
            s = m_governance->reloadDistribution();
        }
        if (s && !m_governance->policyModel()->isModified() && !m_governance->rulesModel()->isModified()) {
            s = m_governance->reloadPolicy();
        }
    }
    if (!s) {
        say(tr("Cannot read the governance of %1: %2").arg(app, s.error().message), true);
    }
    m_policy->updatePermissions();
    updateActions();
}

void GovernancePage::updateTabTitles()
{
    const int pending = m_governance->requestModel()->pendingCount();
    m_tabs->setTabText(0, pending > 0 ? tr("Level approvals (%1)").arg(pending) : tr("Level approvals"));
    m_tabs->setTabText(1, tr("Level distribution"));
    m_tabs->setTabText(2, tr("Policy and rules"));
    m_tabs->setTabText(3, tr("History"));
    const bool pendingOnly = m_governance->pendingOnly();
    for (int c : {LevelRequestModel::DecisionColumn, LevelRequestModel::DecidedByColumn,
                  LevelRequestModel::DecidedAtColumn, LevelRequestModel::CommentColumn}) {
        m_queue->table()->setColumnHidden(c, pendingOnly);
    }
    m_queue->setEmptyText(pendingOnly ? tr("No level change waits for a decision.<br>Levels that submitted demands "
                                           "of this app set or change show up here for a data steward.")
                                      : tr("No demand of this app has set or changed a level yet."));
}

QList<std::pair<QString, QString>> GovernancePage::selectedPending() const
{
    QList<std::pair<QString, QString>> out;
    const QModelIndexList rows = m_queue->table()->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows) {
        if (row.data(LevelRequestModel::DecisionRole).toInt() == int(LevelDecision::Pending)) {
            out.append({row.data(LevelRequestModel::DemandKeyRole).toString(),
                        row.data(LevelRequestModel::EventKeyRole).toString()});
        }
    }
    return out;
}

void GovernancePage::updateActions()
{
    const QString denied = m_plan->deniedReason(Permission::ApproveLevels);
    const int count = int(selectedPending().size());
    for (QPushButton* button : {m_approve, m_reject}) {
        button->setEnabled(denied.isEmpty() && count > 0);
        button->setToolTip(!denied.isEmpty() ? denied
                               : count == 0  ? tr("Select level changes that wait for a decision first.")
                                             : tr("Decide %Ln selected level change(s)", nullptr, count));
    }
}

void GovernancePage::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
}

void GovernancePage::decideSelected(bool approve)
{
    const QList<std::pair<QString, QString>> items = selectedPending();
    if (items.isEmpty() || !m_plan->deniedReason(Permission::ApproveLevels).isEmpty()) {
        return;
    }
    QStringList lines;
    const LevelRequestModel* model = m_governance->requestModel();
    for (const auto& [demand, event] : items) {
        const LevelRequest& r = model->requests().at(model->rowOf(demand, event));
        lines << tr("<li><code>%1</code> %2: %3 (%4)</li>")
                     .arg(event.toHtmlEscaped(), r.eventName.toHtmlEscaped(),
                          model->index(model->rowOf(demand, event), LevelRequestModel::LevelColumn)
                              .data()
                              .toString()
                              .toHtmlEscaped(),
                          demand.toHtmlEscaped());
    }
    const int n = int(items.size());
    const QString intro = (approve ? tr("Approve these %Ln level change(s)?", nullptr, n)
                                   : tr("Reject these %Ln level change(s)? The demands cannot merge until their "
                                        "owners propose levels that are approved.",
                                        nullptr, n))
        + QStringLiteral("<ul>%1</ul>").arg(lines.join(QString()));
    auto* dialog = new CommentDialog(approve ? tr("Approve levels") : tr("Reject levels"), intro,
                                     approve ? tr("Approve") : tr("Reject"), this);
    dialog->setObjectName(QStringLiteral("levelDecisionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCommentRequired(!approve); // a rejection says why
    dialog->setSaveAction([this, dialog, items, approve] {
        auto decided = m_governance->decideLevels(items, approve, dialog->comment());
        if (!decided) {
            return decided.error().message;
        }
        say(approve ? tr("%Ln level change(s) approved.", nullptr, *decided)
                    : tr("%Ln level change(s) rejected.", nullptr, *decided),
            false);
        // The demands' review state changed with them.
        if (Status s = m_plan->reloadDemands(); !s) {
            say(s.error().message, true);
        }
        return QString();
    });
    dialog->open();
}

QByteArray GovernancePage::saveState() const
{
    return packStates({QByteArray::number(m_tabs->currentIndex()), m_distributionSplitter->saveState()});
}

void GovernancePage::restoreState(const QByteArray& state)
{
    const QList<QByteArray> parts = unpackStates(state, 2);
    bool ok = false;
    const int tab = parts.at(0).toInt(&ok);
    if (ok && tab >= 0 && tab < m_tabs->count()) {
        m_tabs->setCurrentIndex(tab);
    }
    m_distributionSplitter->restoreState(parts.at(1));
}

} // namespace tp
