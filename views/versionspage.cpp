#include "versionspage.h"

#include "demandlistmodel.h"
#include "enumlabels.h"
#include "plancatalog.h"
#include "plandiffmodel.h"
#include "qachecklist.h"
#include "richtext.h"
#include "searchfilterproxymodel.h"
#include "tablepage.h"
#include "versiondialogs.h"
#include "versionlistmodel.h"
#include "versionservice.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace tp {
namespace {

using richtext::code;
using richtext::esc;
using richtext::fieldRow;

} // namespace

VersionsPage::VersionsPage(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_versionProxy(new QSortFilterProxyModel(this))
    , m_diffModel(new PlanDiffModel(this))
    , m_diffProxy(new SearchFilterProxyModel(this))
{
    setObjectName(QStringLiteral("versionsPage"));
    m_versionProxy->setSourceModel(catalog->versionModel());
    m_versionProxy->setSortRole(VersionListModel::SortRole); // unsorted: newest first, as the model has them
    m_diffProxy->setSourceModel(m_diffModel);
    m_diffProxy->setSearchRoles({PlanDiffModel::KeyRole});
    m_diffProxy->setRecursiveFilteringEnabled(true); // groups stay while an entity under them matches
    m_diffProxy->setAutoAcceptChildRows(true);       // a matching entity keeps its fields
    m_diffProxy->setDynamicSortFilter(false);

    // The versions: actions, the list and the selected one's detail, what the last action did.
    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto* actions = new QHBoxLayout;
    auto addButton = [listBox, actions](const QString& text, const char* name) {
        auto* button = new QPushButton(text, listBox);
        button->setObjectName(QString::fromLatin1(name));
        actions->addWidget(button);
        return button;
    };
    m_newButton = addButton(tr("New version…"), "newVersionButton");
    m_newButton->setShortcut(QKeySequence::New);
    connect(m_newButton, &QPushButton::clicked, this, &VersionsPage::newVersion);
    actions->addSpacing(12);
    m_assignButton = addButton(tr("Assign demands…"), "assignDemandsButton");
    connect(m_assignButton, &QPushButton::clicked, this, &VersionsPage::assignDemands);
    m_freezeButton = addButton(tr("Freeze…"), "freezeVersionButton");
    connect(m_freezeButton, &QPushButton::clicked, this, &VersionsPage::freezeVersion);
    m_releaseButton = addButton(tr("Release…"), "releaseVersionButton");
    connect(m_releaseButton, &QPushButton::clicked, this, &VersionsPage::releaseVersion);
    actions->addStretch(1);
    listLayout->addLayout(actions);

    m_versionList = new TablePage(m_versionProxy, listBox);
    m_versionList->setEmptyText(tr("This app has no versions yet.<br>Create one with New version…, assign the "
                                   "demands it brings, freeze it for QA and release it."));
    QTableView* table = m_versionList->table();
    table->setObjectName(QStringLiteral("versionTable"));
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &VersionsPage::onVersionSelected);
    m_detail = new QTextBrowser(listBox);
    m_detail->setObjectName(QStringLiteral("versionDetail"));
    m_listSplitter = new QSplitter(Qt::Horizontal, listBox);
    m_listSplitter->setObjectName(QStringLiteral("versionListSplitter"));
    m_listSplitter->setChildrenCollapsible(false);
    m_listSplitter->addWidget(m_versionList);
    m_listSplitter->addWidget(m_detail);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 2);
    listLayout->addWidget(m_listSplitter, 1);
    m_message = new QLabel(listBox);
    m_message->setObjectName(QStringLiteral("versionMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    listLayout->addWidget(m_message);

    auto* compareBox = new QWidget(this);
    auto* compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_from = new QComboBox(compareBox);
    m_from->setObjectName(QStringLiteral("versionFromCombo"));
    m_from->setToolTip(tr("The older side of the comparison"));
    m_to = new QComboBox(compareBox);
    m_to->setObjectName(QStringLiteral("versionToCombo"));
    m_to->setToolTip(tr("The newer side of the comparison"));
    connect(m_from, &QComboBox::currentIndexChanged, this, &VersionsPage::refreshDiff);
    connect(m_to, &QComboBox::currentIndexChanged, this, &VersionsPage::refreshDiff);
    m_kindFilter = new QComboBox(compareBox);
    m_kindFilter->setObjectName(QStringLiteral("diffKindFilter"));
    m_kindFilter->addItem(tr("All changes"));
    for (EntityDiff::Kind kind : {EntityDiff::Kind::Added, EntityDiff::Kind::Changed, EntityDiff::Kind::Removed}) {
        m_kindFilter->addItem(diffKindLabel(kind), int(kind));
    }
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &VersionsPage::applyFilters);
    m_searchEdit = new QLineEdit(compareBox);
    m_searchEdit->setObjectName(QStringLiteral("diffSearchEdit"));
    m_searchEdit->setPlaceholderText(tr("Filter by key"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &VersionsPage::applyFilters);
    m_exportButton = new QPushButton(tr("Export QA checklist…"), compareBox);
    m_exportButton->setObjectName(QStringLiteral("exportChecklistButton"));
    m_exportButton->setToolTip(tr("Save the changed events as a CSV checklist for testing the build"));
    connect(m_exportButton, &QPushButton::clicked, this, &VersionsPage::chooseChecklistFile);
    row->addWidget(new QLabel(tr("Compare"), compareBox));
    row->addWidget(m_from);
    row->addWidget(new QLabel(QStringLiteral("→"), compareBox));
    row->addWidget(m_to);
    row->addSpacing(12);
    row->addWidget(m_kindFilter);
    row->addWidget(m_searchEdit, 1);
    row->addWidget(m_exportButton);
    compareLayout->addLayout(row);
    m_summary = new QLabel(compareBox);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setWordWrap(true);
    compareLayout->addWidget(m_summary);
    m_tree = new QTreeView(compareBox);
    m_tree->setObjectName(QStringLiteral("versionDiffTree"));
    m_tree->setModel(m_diffProxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(PlanDiffModel::BeforeColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(PlanDiffModel::AfterColumn, QHeaderView::Stretch);
    compareLayout->addWidget(m_tree, 1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("versionSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(listBox);
    m_splitter->addWidget(compareBox);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({400, 460});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_splitter);

    connect(m_catalog, &PlanCatalog::planLoaded, this, &VersionsPage::onPlanLoaded);
    connect(m_catalog, &PlanCatalog::identityChanged, this, &VersionsPage::updateActions);
    connect(m_versionProxy, &QAbstractItemModel::modelReset, this, &VersionsPage::onVersionsReset);
    // Assigned demands show their title and status, which change on the Demands page.
    connect(m_catalog->demandModel(), &QAbstractItemModel::modelReset, this, &VersionsPage::updateDetail);
    onVersionsReset();
    onPlanLoaded();
}

QByteArray VersionsPage::saveState() const
{
    return packStates({m_splitter->saveState(), m_listSplitter->saveState(), m_versionList->saveState()});
}

void VersionsPage::restoreState(const QByteArray& state)
{
    // Earlier versions saved the outer splitter alone: it comes back as the first part.
    const QList<QByteArray> parts = unpackStates(state, 3);
    m_splitter->restoreState(parts.at(0));
    m_listSplitter->restoreState(parts.at(1));
    m_versionList->restoreState(parts.at(2));
}

QString VersionsPage::currentName() const
{
    const QModelIndex current = m_versionList->table()->currentIndex();
    return current.isValid() ? current.data(VersionListModel::NameRole).toString() : QString();
}

const Version* VersionsPage::currentVersion() const
{
    const VersionListModel* model = m_catalog->versionModel();
    const int row = model->rowOf(currentName());
    return row < 0 ? nullptr : &model->versions().at(row);
}

void VersionsPage::select(const QString& name)
{
    if (name.isEmpty()) {
        return;
    }
    const QModelIndexList hits =
        m_versionProxy->match(m_versionProxy->index(0, 0), VersionListModel::NameRole, name, 1, Qt::MatchExactly);
    if (!hits.isEmpty()) {
        m_versionList->table()->setCurrentIndex(hits.first());
    }
}

void VersionsPage::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
}

void VersionsPage::onVersionsReset()
{
    if (m_catalog->currentAppKey() != m_shownApp) {
        m_shownApp = m_catalog->currentAppKey();
        m_selectedName.clear();
        say(QString(), false);
    }
    // A reload (ours after an action, or another client's change) keeps the version selected;
    // another app starts at its newest version.
    m_reselecting = true;
    if (m_selectedName.isEmpty() && m_versionProxy->rowCount() > 0) {
        m_versionList->table()->setCurrentIndex(m_versionProxy->index(0, 0));
    } else {
        select(m_selectedName);
    }
    m_reselecting = false;
    m_versionList->fitColumns(30); // unless the user sized them
    updateActions();
    updateDetail();
}

void VersionsPage::onPlanLoaded()
{
    // Newest first, then the plan as merged now; a new app compares its newest two.
    fillCompareChoices({}, {});
    updateActions();
    updateDetail();
    refreshDiff();
}

void VersionsPage::fillCompareChoices(const QString& from, const QString& to)
{
    const QStringList names = m_catalog->versionModel()->comparableNames();
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->clear();
    m_to->clear();
    for (QComboBox* box : {m_from, m_to}) {
        box->addItem(tr("Current plan"), VersionService::currentName());
        for (const QString& name : names) {
            box->addItem(name, name);
        }
    }
    const int toIndex = to.isEmpty() ? -1 : m_to->findData(to);
    const int fromIndex = from.isEmpty() ? -1 : m_from->findData(from);
    m_to->setCurrentIndex(toIndex >= 0 ? toIndex : 0);
    m_from->setCurrentIndex(fromIndex >= 0 ? fromIndex : (names.isEmpty() ? 0 : 1));
}

void VersionsPage::onVersionSelected()
{
    const QString name = currentName();
    if (!name.isEmpty()) {
        m_selectedName = name;
    }
    updateActions();
    updateDetail();
    if (!m_reselecting && !name.isEmpty()) {
        compareWithPrevious(name);
    }
}

void VersionsPage::compareWithPrevious(const QString& name)
{
    const QStringList names = m_catalog->versionModel()->comparableNames(); // newest first
    const qsizetype at = names.indexOf(name);
    if (at >= 0) { // only a version with a snapshot can be compared
        compare(at + 1 < names.size() ? names.at(at + 1) : name, name);
    }
}

void VersionsPage::compare(const QString& from, const QString& to)
{
    const int fromIndex = m_from->findData(from);
    const int toIndex = m_to->findData(to);
    if (fromIndex < 0 || toIndex < 0) {
        return;
    }
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setCurrentIndex(fromIndex);
        m_to->setCurrentIndex(toIndex);
    }
    refreshDiff();
}

void VersionsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refreshDiff();
    }
}

void VersionsPage::refreshDiff()
{
    // Comparing two plans of 100 000 events takes seconds: only for a page someone looks at.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    m_checklist.clear();
    const QString from = m_from->currentData().toString();
    const QString to = m_to->currentData().toString();
    if (m_catalog->currentAppKey().isEmpty() || from.isEmpty() || to.isEmpty()) {
        m_diffModel->clear();
        m_summary->setText(tr("No app selected."));
        m_exportButton->setEnabled(false);
        return;
    }
    auto comparison = m_catalog->compareVersions(from, to);
    if (!comparison) {
        m_diffModel->clear();
        m_summary->setText(tr("Cannot compare %1 with %2: %3")
                               .arg(m_from->currentText(), m_to->currentText(), comparison.error().message));
        m_exportButton->setEnabled(false);
        return;
    }
    m_diffModel->setDiff(comparison->diff);
    m_checklist = qaChecklistCsv(m_catalog->currentAppKey(), from, to, comparison->diff, comparison->to);
    const PlanDiff& d = comparison->diff;
    m_summary->setText(d.isEmpty()
                           ? tr("%1 and %2 do not differ.").arg(m_from->currentText(), m_to->currentText())
                           : tr("From %1 to %2: %3 event change(s), %4 attribute change(s), %5 binding change(s).")
                                 .arg(m_from->currentText(), m_to->currentText())
                                 .arg(d.events.size())
                                 .arg(d.attributes.size())
                                 .arg(d.bindings.size()));
    m_exportButton->setEnabled(!d.isEmpty());
    applyFilters();
}

void VersionsPage::applyFilters()
{
    m_diffProxy->setRoleFilter(PlanDiffModel::KindRole, m_kindFilter->currentData());
    m_diffProxy->setSearchText(m_searchEdit->text());
    m_tree->expandToDepth(1); // the entities and their fields
    m_tree->resizeColumnToContents(PlanDiffModel::NameColumn);
    m_tree->resizeColumnToContents(PlanDiffModel::ChangeColumn);
}

Status VersionsPage::exportChecklist(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_checklist) != m_checklist.size() || !file.commit()) {
        return makeError(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    return Ok{};
}

void VersionsPage::chooseChecklistFile()
{
    const QString suggested =
        QStringLiteral("qa-%1-%2-%3.csv")
            .arg(m_catalog->currentAppKey(), m_from->currentData().toString(), m_to->currentData().toString());
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export QA checklist"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    if (const Status s = exportChecklist(path); !s) {
        QMessageBox::warning(this, tr("Export QA checklist"), s.error().message);
    }
}

void VersionsPage::updateActions()
{
    // A role that may not manage versions changes none; its reason comes before the status's.
    const auto gate = qScopeGuard([this] {
        const QString denied = m_catalog->deniedReason(Permission::ManageVersions);
        if (denied.isEmpty()) {
            return;
        }
        for (QPushButton* button : {m_newButton, m_assignButton, m_freezeButton, m_releaseButton}) {
            const QString other = button->isEnabled() ? QString() : button->toolTip();
            button->setEnabled(false);
            button->setToolTip(other.isEmpty() ? denied : denied + QLatin1Char('\n') + other);
        }
    });
    const bool haveApp = !m_catalog->currentAppKey().isEmpty();
    m_newButton->setEnabled(haveApp);
    m_newButton->setToolTip(haveApp ? tr("Start a version of this app, in planning (%1)")
                                          .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText))
                                    : tr("Select an app first."));
    const Version* v = currentVersion();
    if (!v) {
        const bool none = m_catalog->versionModel()->rowCount() == 0;
        for (QPushButton* button : {m_assignButton, m_freezeButton, m_releaseButton}) {
            button->setEnabled(false);
            button->setToolTip(none ? tr("Create a version first.") : tr("Select a version first."));
        }
        return;
    }
    const QString status = versionStatusLabel(v->status);
    const bool planning = v->status == VersionStatus::Planning;
    m_assignButton->setEnabled(planning);
    m_assignButton->setToolTip(
        planning ? tr("Choose the demands that version %1 brings").arg(v->name)
                 : tr("Version %1 is %2: demands can only be assigned while it is in planning.").arg(v->name, status));
    m_freezeButton->setEnabled(planning);
    m_freezeButton->setToolTip(planning
                                   ? tr("Take the snapshot of the plan as merged now, for QA to test")
                                   : tr("Only a version in planning can be frozen; %1 is %2.").arg(v->name, status));
    const bool frozen = v->status == VersionStatus::Frozen;
    m_releaseButton->setEnabled(frozen);
    m_releaseButton->setToolTip(frozen ? tr("Mark version %1 as shipped; its snapshot stays as it is").arg(v->name)
                                    : planning ? tr("Freeze version %1 before releasing it.").arg(v->name)
                                               : tr("Version %1 is released already.").arg(v->name));
}

void VersionsPage::updateDetail()
{
    const Version* v = currentVersion();
    if (!v) {
        // Without versions the list itself says what to do.
        const bool none = m_catalog->versionModel()->rowCount() == 0 && !m_catalog->currentAppKey().isEmpty();
        m_detail->setHtml(none ? QString()
                               : QStringLiteral("<p style='color:%1'>%2</p>")
                                     .arg(palette().color(QPalette::PlaceholderText).name(),
                                          esc(m_catalog->currentAppKey().isEmpty()
                                                  ? tr("No app selected.")
                                                  : tr("Select a version to see the demands it brings."))));
        return;
    }
    const VersionListModel* versions = m_catalog->versionModel();
    const QModelIndex row = versions->index(versions->rowOf(v->name), VersionListModel::SnapshotColumn);
    const auto when = [](const QDateTime& t) {
        return t.isValid() ? esc(QLocale().toString(t.toLocalTime(), QLocale::ShortFormat)) : QString();
    };
    // Compact: the list beside it has the times and the snapshot in columns as well.
    QStringList facts{tr("created %1").arg(when(v->createdAt))};
    if (v->frozenAt.isValid()) {
        facts << tr("frozen %1").arg(when(v->frozenAt));
    }
    if (v->releasedAt.isValid()) {
        facts << tr("released %1").arg(when(v->releasedAt));
    }
    if (row.data(VersionListModel::HasSnapshotRole).toBool()) {
        facts << tr("snapshot of %1").arg(esc(row.data().toString()));
    }
    QString html = richtext::style(palette());
    html += QStringLiteral("<h2>%1 <span class='dim'>· %2</span></h2><p class='sub'><span class='dim'>%3</span></p>")
                .arg(esc(v->name), esc(versionStatusLabel(v->status)), facts.join(QStringLiteral(" · ")));
    if (!v->description.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(v->description));
    }
    html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Demands (%1)").arg(v->demandKeys.size())));
    const bool planning = v->status == VersionStatus::Planning;
    if (v->demandKeys.isEmpty()) {
        html += QStringLiteral("<p><span class='dim'>%1</span></p>")
                    .arg(esc(planning ? tr("None assigned yet: choose them with Assign demands…")
                                      : tr("No demand was assigned to it.")));
        m_detail->setHtml(html);
        return;
    }
    // Open ones first said, then listed: they hold the freeze up.
    const DemandListModel* demands = m_catalog->demandModel();
    QString rows;
    int open = 0;
    for (const QString& key : v->demandKeys) {
        const int at = demands->rowOf(key);
        QString title;
        QString status;
        if (at >= 0) {
            const Demand& d = demands->demands().at(at);
            title = esc(d.title);
            status = esc(demandStatusLabel(d.status));
            if (isOpen(d.status)) {
                ++open;
                status = QStringLiteral("<span class='changed'>%1</span>").arg(status);
            }
        }
        rows += QStringLiteral("<tr><td class='key'>%1</td><td>%2</td><td>%3</td></tr>").arg(code(key), title, status);
    }
    if (open > 0 && planning) {
        html += QStringLiteral("<p><span class='changed'>%1</span></p>")
                    .arg(esc(tr("%n demand(s) still open: the version can be frozen once they are merged, "
                                "rejected or cancelled.",
                                nullptr, open)));
    }
    html += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th></tr>%4</table>")
                .arg(esc(tr("Demand")), esc(tr("Title")), esc(tr("Status")), rows);
    m_detail->setHtml(html);
}

int VersionsPage::openDemands(const QStringList& keys) const
{
    const DemandListModel* demands = m_catalog->demandModel();
    int open = 0;
    for (const QString& key : keys) {
        const int row = demands->rowOf(key);
        open += row >= 0 && isOpen(demands->demands().at(row).status) ? 1 : 0;
    }
    return open;
}

void VersionsPage::confirm(const QString& objectName, const QString& title, const QString& text, const QString& info,
                           const QString& action, const std::function<void()>& run)
{
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, this);
    box->setObjectName(objectName);
    box->setInformativeText(info);
    QPushButton* yes = box->addButton(action, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // finished, not accepted: a message box finishes with the clicked button's code.
    connect(box, &QMessageBox::finished, this, [box, yes, run] {
        if (box->clickedButton() == yes) {
            run();
        }
    });
    box->open();
}

void VersionsPage::newVersion()
{
    if (m_catalog->currentAppKey().isEmpty()) {
        return;
    }
    QStringList taken;
    for (const Version& v : m_catalog->versionModel()->versions()) {
        taken << v.name;
    }
    auto* dialog = new NewVersionDialog(taken, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Created on OK; a failure (the name taken meanwhile, a lost connection) keeps the dialog.
    dialog->setSaveAction([this, dialog] {
        auto created = m_catalog->createVersion(dialog->name(), dialog->description());
        if (!created) {
            return created.error().message;
        }
        select(created->name);
        say(tr("Version %1 created in planning. Assign the demands it brings, then freeze it.").arg(created->name),
            false);
        return QString();
    });
    dialog->open();
}

void VersionsPage::assignDemands()
{
    const Version* v = currentVersion();
    if (!v || v->status != VersionStatus::Planning) {
        return;
    }
    const QString name = v->name;
    const QStringList before = v->demandKeys; // sorted
    auto* dialog = new AssignDemandsDialog(name, m_catalog->demandModel()->demands(), before, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Applied on OK, all or nothing; a failure (the version frozen meanwhile) keeps the dialog.
    dialog->setSaveAction([this, dialog, name, before] {
        const QStringList keys = dialog->checkedKeys();
        if (keys == before) {
            say(tr("The demands of version %1 did not change.").arg(name), false);
            return QString();
        }
        const Status s = m_catalog->setVersionDemands(name, keys);
        select(name);
        if (!s) {
            return s.error().message;
        }
        QString text = tr("Version %1 now brings %n demand(s).", nullptr, int(keys.size())).arg(name);
        if (const int open = openDemands(keys); open > 0) {
            text += QLatin1Char(' ')
                + tr("%n of them still open: merge, reject or cancel them before freezing the version.", nullptr, open);
        }
        say(text, false);
        return QString();
    });
    dialog->open();
}

void VersionsPage::freezeVersion()
{
    const Version* v = currentVersion();
    if (!v || v->status != VersionStatus::Planning) {
        return;
    }
    const QString name = v->name;
    const int open = openDemands(v->demandKeys);
    QString info = tr("Its snapshot is taken from the plan as merged now: that is what QA tests and what the "
                      "version keeps. No demand can be assigned to it afterwards.");
    if (open > 0) { // the store decides; this only warns
        info += QStringLiteral("\n\n")
            + tr("%n assigned demand(s) still open: the freeze is refused until they are merged, rejected or "
                 "cancelled.",
                 nullptr, open);
    }
    confirm(QStringLiteral("confirmFreezeDialog"), tr("Freeze version"), tr("Freeze version %1?").arg(name), info,
            tr("Freeze"), [this, name] {
                // The snapshot of a large plan is read and hashed: seconds, on this thread.
                QGuiApplication::setOverrideCursor(Qt::WaitCursor);
                auto frozen = m_catalog->freezeVersion(name);
                QGuiApplication::restoreOverrideCursor();
                select(name);
                if (!frozen) {
                    say(frozen.error().message, true); // e.g. which assigned demands are still open
                    return;
                }
                fillCompareChoices(m_from->currentData().toString(), m_to->currentData().toString());
                compareWithPrevious(name);
                say(tr("Version %1 is frozen. Below: what changed since the version before it, the list QA "
                       "tests. Release it when the app ships.")
                        .arg(name),
                    false);
            });
}

void VersionsPage::releaseVersion()
{
    const Version* v = currentVersion();
    if (!v || v->status != VersionStatus::Frozen) {
        return;
    }
    const QString name = v->name;
    confirm(QStringLiteral("confirmReleaseDialog"), tr("Release version"), tr("Release version %1?").arg(name),
            tr("A released version is final: its snapshot stays as it was frozen, for the apps that run it."),
            tr("Release"), [this, name] {
                auto released = m_catalog->releaseVersion(name);
                select(name);
                if (!released) {
                    say(released.error().message, true);
                    return;
                }
                say(tr("Version %1 is released.").arg(name), false);
            });
}

} // namespace tp
