#include "demandspage.h"

#include "demandactionbar.h"
#include "demanddialogs.h"
#include "demandlistmodel.h"
#include "demandreviewpanel.h"
#include "enumlabels.h"
#include "mergeconflictdialog.h"
#include "plancatalog.h"
#include "searchfilterproxymodel.h"
#include "tablepage.h"
#include "versionlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace tp {

DemandsPage::DemandsPage(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_proxy(new SearchFilterProxyModel(this))
{
    setObjectName(QStringLiteral("demandsPage"));
    m_proxy->setSourceModel(catalog->demandModel());
    m_proxy->setSortRole(DemandListModel::SortRole);
    m_proxy->setSearchRoles({DemandListModel::KeyRole, DemandListModel::TitleRole});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    auto* filters = new QHBoxLayout;
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("demandStatusFilter"));
    m_statusFilter->setToolTip(tr("Show only demands in this status"));
    m_statusFilter->addItem(tr("All statuses"));
    for (DemandStatus s : {DemandStatus::Draft, DemandStatus::InReview, DemandStatus::Approved, DemandStatus::Merged,
                           DemandStatus::Rejected, DemandStatus::Cancelled}) {
        m_statusFilter->addItem(demandStatusLabel(s), int(s));
    }
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &DemandsPage::applyFilters);
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("demandSearchEdit"));
    m_searchEdit->setPlaceholderText(tr("Filter by key or title"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &DemandsPage::applyFilters);
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_searchEdit, 1);
    layout->addLayout(filters);

    m_actions = new DemandActionBar(catalog, this);
    connect(m_actions, &DemandActionBar::newRequested, this, &DemandsPage::newDemand);
    connect(m_actions, &DemandActionBar::actionRequested, this, &DemandsPage::askAndRun);
    connect(m_actions, &DemandActionBar::signOffRequested, this, &DemandsPage::signOff);
    connect(m_actions, &DemandActionBar::workRequested, this, &DemandsPage::workUnderDemand);
    layout->addWidget(m_actions);

    m_listPage = new TablePage(m_proxy, this);
    m_listPage->setEmptyText(tr("This app has no demands yet.<br>A demand collects the changes to events and "
                                "attributes that one product need brings."));
    m_listPage->setNoMatchText(tr("No demand matches the filter."));
    QTableView* table = m_listPage->table();
    table->setObjectName(QStringLiteral("demandTable"));
    table->horizontalHeader()->setSectionResizeMode(DemandListModel::TitleColumn, QHeaderView::Stretch);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DemandsPage::updateDetail);

    m_panel = new DemandReviewPanel(catalog, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("demandSplitter"));
    m_splitter->setChildrenCollapsible(false);
    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listPage, 1);
    m_message = new QLabel(listBox);
    m_message->setObjectName(QStringLiteral("demandMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    listLayout->addWidget(m_message);
    m_splitter->addWidget(listBox);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    connect(m_catalog, &PlanCatalog::planLoaded, this, &DemandsPage::onPlanLoaded);
    // The demands are also reloaded without a new plan (e.g. assigned to a version on the
    // Versions page): the selection and its detail follow.
    connect(m_catalog->demandModel(), &QAbstractItemModel::modelReset, this, [this] {
        select(m_selectedKey);
        updateDetail();
    });
    connect(m_catalog, &PlanCatalog::activeDemandChanged, this, &DemandsPage::updateDetail);
    connect(m_catalog, &PlanCatalog::reviewChanged, this, &DemandsPage::updateDetail);
    connect(m_catalog, &PlanCatalog::identityChanged, this, &DemandsPage::updateDetail);
    onPlanLoaded();
}

void DemandsPage::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

QByteArray DemandsPage::saveState() const
{
    return packStates({m_splitter->saveState(), m_listPage->saveState()});
}

void DemandsPage::restoreState(const QByteArray& state)
{
    const QList<QByteArray> parts = unpackStates(state, 2);
    m_splitter->restoreState(parts.at(0));
    m_listPage->restoreState(parts.at(1));
}

void DemandsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateDetail();
}

void DemandsPage::onPlanLoaded()
{
    select(m_selectedKey); // the list was reloaded (another app, or after a merge)
    m_listPage->fitColumns(30);
    updateDetail();
}

void DemandsPage::applyFilters()
{
    m_proxy->setRoleFilter(DemandListModel::StatusRole, m_statusFilter->currentData());
    m_proxy->setSearchText(m_searchEdit->text());
    updateDetail();
}

QString DemandsPage::currentKey() const
{
    const QModelIndex current = m_listPage->table()->currentIndex();
    return current.isValid() ? current.data(DemandListModel::KeyRole).toString() : QString();
}

void DemandsPage::select(const QString& key)
{
    const QModelIndexList hits =
        m_proxy->match(m_proxy->index(0, 0), DemandListModel::KeyRole, key, 1, Qt::MatchExactly);
    if (!hits.isEmpty()) {
        m_listPage->table()->setCurrentIndex(hits.first());
    }
}

void DemandsPage::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
}

void DemandsPage::newDemand()
{
    QStringList planning;
    for (const Version& v : m_catalog->versionModel()->versions()) {
        if (v.status == VersionStatus::Planning) {
            planning << v.name;
        }
    }
    auto* dialog = new NewDemandDialog(m_catalog->actor(), planning, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Created on OK; a failure keeps the dialog open with what was typed.
    dialog->setSaveAction([this, dialog] {
        auto created = m_catalog->createDemand(dialog->demand());
        if (!created) {
            return created.error().message;
        }
        m_statusFilter->setCurrentIndex(0);
        m_searchEdit->clear();
        select(created->key);
        say(tr("%1 created as a draft. Add its changes, then submit it for review.").arg(created->key), false);
        return QString();
    });
    dialog->open();
}

void DemandsPage::workUnderDemand()
{
    const QString key = currentKey();
    if (const Status s = m_catalog->setActiveDemand(key); !s) {
        say(s.error().message, true);
        return;
    }
    say(tr("Edits on the Events page now go into %1.").arg(key), false);
}

void DemandsPage::askAndRun(DemandAction action)
{
    QString comment;
    if (action == DemandAction::Reject || action == DemandAction::Cancel || action == DemandAction::RequestChanges) {
        bool ok = false;
        const QString label = action == DemandAction::RequestChanges
            ? tr("What should change? (the owner reads it in the discussion)")
            : tr("Why? (kept with the demand's history)");
        comment = QInputDialog::getMultiLineText(this, DemandActionBar::actionName(action).remove(QStringLiteral("…")),
                                                 label, {}, &ok);
        if (!ok) {
            return;
        }
    }
    runAction(action, comment);
}

void DemandsPage::runAction(DemandAction action, const QString& comment)
{
    const QString key = currentKey();
    if (key.isEmpty()) {
        return;
    }
    if (action == DemandAction::Merge) {
        merge(key);
        return;
    }
    auto demand = m_catalog->runDemandAction(key, action, comment);
    select(key);
    if (!demand) {
        say(demand.error().message, true);
        return;
    }
    say(tr("%1 is now %2.").arg(key, demandStatusLabel(demand->status)), false);
}

void DemandsPage::signOff()
{
    const QString key = currentKey();
    if (key.isEmpty()) {
        return;
    }
    if (auto signedOff = m_catalog->signOffDemand(key); !signedOff) {
        say(signedOff.error().message, true);
        return;
    }
    say(tr("%1 signed %2 off as the owner of its events.").arg(m_catalog->identity().user, key), false);
}

void DemandsPage::merge(const QString& key)
{
    auto outcome = m_catalog->mergeDemand(key);
    select(key);
    if (!outcome) {
        say(tr("%1 was not merged: %2").arg(key, outcome.error().message), true);
    } else if (!outcome->merged) {
        say(tr("%1 was not merged: %n conflict(s) with changes made since. Nothing changed.", nullptr,
               int(outcome->conflicts.size()))
                .arg(key),
            true);
        showConflicts(key, outcome->conflicts);
    } else {
        say(tr("%1 merged: %n revision(s) written; the plan shows them now.", nullptr, outcome->revisionsWritten)
                .arg(key),
            false);
    }
}

void DemandsPage::showConflicts(const QString& key, const QList<MergeConflict>& conflicts)
{
    auto* dialog = new MergeConflictDialog(key, conflicts, m_catalog->deniedReason(Permission::Merge), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setApplyAction([this, key](const QList<ResolvedConflict>& resolved) -> QString {
        for (const ResolvedConflict& r : resolved) {
            if (auto done = m_catalog->resolveConflict(key, r.kind, r.entityKey, r.state, r.theirsRevision); !done) {
                return done.error().message;
            }
        }
        merge(key); // conflicts that remain (the plan moved again) open the dialog anew
        return {};
    });
    dialog->open();
}

void DemandsPage::updateDetail()
{
    if (const QString key = currentKey(); !key.isEmpty()) {
        m_selectedKey = key;
    }
    const int row = m_catalog->demandModel()->rowOf(currentKey());
    if (row < 0) {
        m_actions->updateFor(nullptr, nullptr);
        m_panel->showNothing();
        return;
    }
    const Demand demand = m_catalog->demandModel()->demands().at(row);
    const auto changes = m_catalog->demandChanges(demand.key);
    const auto state = m_catalog->reviewState(demand.key);
    m_actions->updateFor(&demand, state ? &*state : nullptr);
    m_panel->showDemand(demand, changes, state);
}

} // namespace tp
