#include "versionspage.h"

#include "plancatalog.h"
#include "plandiffmodel.h"
#include "qachecklist.h"
#include "searchfilterproxymodel.h"
#include "tablepage.h"
#include "versionlistmodel.h"
#include "versionservice.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace tp {

VersionsPage::VersionsPage(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_diffModel(new PlanDiffModel(this))
    , m_diffProxy(new SearchFilterProxyModel(this))
{
    setObjectName(QStringLiteral("versionsPage"));
    m_diffProxy->setSourceModel(m_diffModel);
    m_diffProxy->setSearchRoles({PlanDiffModel::KeyRole});
    m_diffProxy->setRecursiveFilteringEnabled(true); // groups stay while an entity under them matches
    m_diffProxy->setAutoAcceptChildRows(true);       // a matching entity keeps its fields
    m_diffProxy->setDynamicSortFilter(false);

    m_versionList = new TablePage(catalog->versionModel(), this);
    m_versionList->setEmptyText(tr("This app has no versions yet."));
    QTableView* table = m_versionList->table();
    table->setObjectName(QStringLiteral("versionTable"));
    table->setSortingEnabled(false);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &VersionsPage::onVersionSelected);

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
    m_splitter->addWidget(m_versionList);
    m_splitter->addWidget(compareBox);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({220, 640});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_splitter);

    connect(m_catalog, &PlanCatalog::planLoaded, this, &VersionsPage::onPlanLoaded);
    onPlanLoaded();
}

QByteArray VersionsPage::saveState() const
{
    return m_splitter->saveState();
}

void VersionsPage::restoreState(const QByteArray& state)
{
    m_splitter->restoreState(state);
}

void VersionsPage::onPlanLoaded()
{
    m_versionList->table()->resizeColumnsToContents();
    // Newest first, then the plan as merged now; a new app compares its newest two.
    const QStringList names = m_catalog->versionModel()->comparableNames();
    {
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
        m_to->setCurrentIndex(0);
        m_from->setCurrentIndex(names.isEmpty() ? 0 : 1);
    }
    refreshDiff();
}

void VersionsPage::onVersionSelected()
{
    const QModelIndex current = m_versionList->table()->currentIndex();
    if (!current.isValid() || !current.data(VersionListModel::HasSnapshotRole).toBool()) {
        return;
    }
    const QString name = current.data(VersionListModel::NameRole).toString();
    const QStringList names = m_catalog->versionModel()->comparableNames(); // newest first
    const qsizetype at = names.indexOf(name);
    compare(at + 1 < names.size() ? names.at(at + 1) : name, name);
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

} // namespace tp
