#include "demandspage.h"

#include "demanddialogs.h"
#include "demandlistmodel.h"
#include "demandservice.h"
#include "enumlabels.h"
#include "enums.h"
#include "jsontext.h"
#include "plancatalog.h"
#include "plandiff.h"
#include "richtext.h"
#include "searchfilterproxymodel.h"
#include "tablepage.h"
#include "versionlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tp {
namespace {

using richtext::code;
using richtext::esc;
using richtext::fieldRow;

QString actionName(DemandAction action)
{
    switch (action) {
    case DemandAction::Submit:
        return DemandsPage::tr("Submit for review");
    case DemandAction::Approve:
        return DemandsPage::tr("Approve");
    case DemandAction::Reject:
        return DemandsPage::tr("Reject…");
    case DemandAction::Reopen:
        return DemandsPage::tr("Reopen");
    case DemandAction::Merge:
        return DemandsPage::tr("Merge");
    case DemandAction::Cancel:
        return DemandsPage::tr("Cancel demand…");
    case DemandAction::RequestChanges:
        return DemandsPage::tr("Request changes…");
    }
    return {};
}

/// "submitDemandButton" … (what tests and tools find the buttons by).
QString actionObjectName(DemandAction action)
{
    switch (action) {
    case DemandAction::Submit:
        return QStringLiteral("submitDemandButton");
    case DemandAction::Approve:
        return QStringLiteral("approveDemandButton");
    case DemandAction::Reject:
        return QStringLiteral("rejectDemandButton");
    case DemandAction::Reopen:
        return QStringLiteral("reopenDemandButton");
    case DemandAction::Merge:
        return QStringLiteral("mergeDemandButton");
    case DemandAction::Cancel:
        return QStringLiteral("cancelDemandButton");
    case DemandAction::RequestChanges:
        return QStringLiteral("requestChangesButton");
    }
    return {};
}

constexpr DemandAction kActions[] = {DemandAction::Submit, DemandAction::Approve, DemandAction::RequestChanges,
                                     DemandAction::Reject, DemandAction::Reopen,  DemandAction::Merge,
                                     DemandAction::Cancel};

QString kindText(EntityKind kind)
{
    return kind == EntityKind::Event ? DemandsPage::tr("event") : DemandsPage::tr("attribute");
}

QString changeHtml(const ChangeDiff& diff)
{
    const Change& c = diff.change;
    QString html;
    switch (c.op) {
    case ChangeOp::Create:
        html += QStringLiteral("<p><span class='added'>+ %1</span> %2 %3</p>")
                    .arg(esc(DemandsPage::tr("New")), esc(kindText(c.kind)), code(c.entityKey));
        break;
    case ChangeOp::Update:
        html += QStringLiteral("<p><span class='changed'>~ %1</span> %2 %3</p>")
                    .arg(esc(DemandsPage::tr("Changed")), esc(kindText(c.kind)), code(c.entityKey));
        break;
    case ChangeOp::Delete:
        html += QStringLiteral("<p><span class='removed'>− %1</span> %2 %3</p>")
                    .arg(esc(DemandsPage::tr("Removed")), esc(kindText(c.kind)), code(c.entityKey));
        return html;
    }
    html += QStringLiteral("<table>");
    for (const FieldChange& f : diff.fields) {
        if (c.op == ChangeOp::Create && isEmptyJsonValue(f.after)) {
            continue; // a new entity: only the fields it sets
        }
        const QString value = c.op == ChangeOp::Create
            ? esc(fieldValueText(f.field, f.after))
            : QStringLiteral("<span class='dim'>%1</span> → %2")
                  .arg(esc(fieldValueText(f.field, f.before)), esc(fieldValueText(f.field, f.after)));
        html += QStringLiteral("<tr><td class='label'>%1</td><td>%2</td></tr>").arg(esc(fieldLabel(f.field)), value);
    }
    if (diff.fields.isEmpty()) {
        html += QStringLiteral("<tr><td class='label'>%1</td></tr>").arg(esc(DemandsPage::tr("No field differs.")));
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace

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

    auto* actions = new QHBoxLayout;
    m_newButton = new QPushButton(tr("New demand…"), this);
    m_newButton->setObjectName(QStringLiteral("newDemandButton"));
    m_newButton->setShortcut(QKeySequence::New);
    m_newButton->setToolTip(
        tr("Start a demand for this app (%1)").arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    connect(m_newButton, &QPushButton::clicked, this, &DemandsPage::newDemand);
    actions->addWidget(m_newButton);
    actions->addSpacing(12);
    for (DemandAction action : kActions) {
        auto* button = new QPushButton(actionName(action), this);
        button->setObjectName(actionObjectName(action));
        connect(button, &QPushButton::clicked, this, [this, action] { askAndRun(action); });
        actions->addWidget(button);
        m_actions.insert(int(action), button);
    }
    actions->addStretch(1);
    m_workButton = new QPushButton(tr("Work under this demand"), this);
    m_workButton->setObjectName(QStringLiteral("workUnderDemandButton"));
    connect(m_workButton, &QPushButton::clicked, this, [this] {
        const QString key = currentKey();
        if (const Status s = m_catalog->setActiveDemand(key); !s) {
            say(s.error().message, true);
            return;
        }
        say(tr("Edits on the Events page now go into %1.").arg(key), false);
    });
    actions->addWidget(m_workButton);
    layout->addLayout(actions);

    m_listPage = new TablePage(m_proxy, this);
    m_listPage->setEmptyText(tr("This app has no demands yet.<br>A demand collects the changes to events and "
                                "attributes that one product need brings."));
    m_listPage->setNoMatchText(tr("No demand matches the filter."));
    QTableView* table = m_listPage->table();
    table->setObjectName(QStringLiteral("demandTable"));
    table->horizontalHeader()->setSectionResizeMode(DemandListModel::TitleColumn, QHeaderView::Stretch);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DemandsPage::updateDetail);

    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("demandDetail"));
    m_detail->setOpenExternalLinks(true);
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
    m_splitter->addWidget(m_detail);
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
    connect(m_catalog, &PlanCatalog::activeDemandChanged, this, &DemandsPage::updateActions);
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

void DemandsPage::updateActions()
{
    const int row = m_catalog->demandModel()->rowOf(currentKey());
    const bool haveApp = !m_catalog->currentAppKey().isEmpty();
    m_newButton->setEnabled(haveApp);
    const bool draft = row >= 0 && m_catalog->demandModel()->demands().at(row).status == DemandStatus::Draft;
    const bool active = row >= 0 && m_catalog->activeDemand() == currentKey();
    m_workButton->setEnabled(draft && !active);
    m_workButton->setToolTip(active      ? tr("Edits already go into this demand.")
                                 : draft ? tr("Make new and changed events go into this demand's change set")
                                         : tr("Only a draft demand takes edits."));
    for (DemandAction action : kActions) {
        QPushButton* button = m_actions.value(int(action));
        const QList<DemandStatus> from = demandActionFrom(action);
        if (row < 0) {
            button->setEnabled(false);
            button->setToolTip(tr("Select a demand first."));
            continue;
        }
        const DemandStatus status = m_catalog->demandModel()->demands().at(row).status;
        const bool allowed = from.contains(status);
        QStringList needed;
        for (DemandStatus s : from) {
            needed << demandStatusLabel(s);
        }
        button->setEnabled(allowed);
        button->setToolTip(allowed ? QString()
                                   : tr("Needs a demand that is %1; this one is %2.")
                                         .arg(needed.join(tr(" or ")), demandStatusLabel(status)));
    }
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

void DemandsPage::askAndRun(DemandAction action)
{
    QString comment;
    if (action == DemandAction::Reject || action == DemandAction::Cancel || action == DemandAction::RequestChanges) {
        bool ok = false;
        comment = QInputDialog::getText(this, actionName(action).remove(QStringLiteral("…")),
                                        tr("Why? (kept with the demand's history)"), QLineEdit::Normal, {}, &ok);
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
        auto outcome = m_catalog->mergeDemand(key);
        if (!outcome) {
            say(tr("%1 was not merged: %2").arg(key, outcome.error().message), true);
        } else if (!outcome->merged) {
            say(tr("%1 was not merged: %2 conflict(s) with changes made since. Nothing changed.")
                    .arg(key)
                    .arg(outcome->conflicts.size()),
                true);
            auto* dialog = new MergeConflictDialog(key, outcome->conflicts, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        } else {
            say(tr("%1 merged: %2 revision(s) written; the plan shows them now.")
                    .arg(key)
                    .arg(outcome->revisionsWritten),
                false);
        }
        select(key);
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

void DemandsPage::updateDetail()
{
    if (const QString key = currentKey(); !key.isEmpty()) {
        m_selectedKey = key;
    }
    updateActions();
    const QModelIndex current = m_listPage->table()->currentIndex();
    const int row =
        current.isValid() ? m_catalog->demandModel()->rowOf(current.data(DemandListModel::KeyRole).toString()) : -1;
    if (row < 0) {
        m_detail->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                              .arg(palette().color(QPalette::PlaceholderText).name(),
                                   esc(tr("Select a demand to see its change set."))));
        return;
    }
    const Demand& d = m_catalog->demandModel()->demands().at(row);
    QString html = richtext::style(palette());
    html += QStringLiteral("<h2>%1</h2><p class='sub'>%2</p>").arg(esc(d.title), code(d.key));
    if (!d.description.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(d.description));
    }
    html += QStringLiteral("<table>");
    html += fieldRow(tr("Status"), esc(demandStatusLabel(d.status)));
    html += fieldRow(tr("Priority"), esc(priorityLabel(d.priority)));
    html += fieldRow(tr("Owner"), esc(d.owner));
    html += fieldRow(tr("Target versions"), esc(d.targetVersions.join(QLatin1String(", "))));
    html +=
        fieldRow(tr("Link"),
                 d.externalLink.isEmpty() ? QString() : QStringLiteral("<a href='%1'>%1</a>").arg(esc(d.externalLink)));
    html += fieldRow(tr("Created"), esc(QLocale().toString(d.createdAt.toLocalTime(), QLocale::ShortFormat)));
    html += fieldRow(tr("Updated"), esc(QLocale().toString(d.updatedAt.toLocalTime(), QLocale::ShortFormat)));
    html += QStringLiteral("</table>");
    auto changes = m_catalog->demandChanges(d.key);
    if (!changes) {
        html += QStringLiteral("<p class='removed'>%1</p>")
                    .arg(esc(tr("The change set cannot be read: %1").arg(changes.error().message)));
    } else {
        html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Changes (%1)").arg(changes->size())));
        if (changes->isEmpty()) {
            html += QStringLiteral("<p><span class='dim'>%1</span></p>").arg(esc(tr("No changes yet.")));
        }
        for (const ChangeDiff& diff : std::as_const(*changes)) {
            html += changeHtml(diff);
        }
    }
    m_detail->setHtml(html);
}

} // namespace tp
