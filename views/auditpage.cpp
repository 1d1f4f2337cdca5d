#include "auditpage.h"

#include "applistmodel.h"
#include "auditlabels.h"
#include "auditlogmodel.h"
#include "plancatalog.h"
#include "richtext.h"
#include "tablepage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <climits>

namespace tp {
namespace {

using richtext::code;
using richtext::esc;
using richtext::fieldRow;

/// A day filter's "no limit": the earliest day it offers, shown as "any".
const QDate kAnyDay(2000, 1, 1);

QDateEdit* dayEdit(const QString& name, QWidget* parent)
{
    auto* edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kAnyDay);
    edit->setSpecialValueText(AuditPage::tr("any day"));
    edit->setDate(kAnyDay);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

QComboBox* choice(const QString& name, const QString& tip, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setToolTip(tip);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return combo;
}

} // namespace

AuditPage::AuditPage(PlanCatalog* plan, AuditLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_plan(plan)
    , m_model(model)
    , m_delay(new QTimer(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_user = choice(QStringLiteral("auditUserFilter"), tr("Only what this user did"), this);
    m_action = choice(QStringLiteral("auditActionFilter"), tr("Only this kind of action"), this);
    m_entityType = choice(QStringLiteral("auditEntityTypeFilter"), tr("Only actions on this kind of thing"), this);
    m_app = choice(QStringLiteral("auditAppFilter"), tr("Only actions in this app"), this);
    m_entityKey = new QLineEdit(this);
    m_entityKey->setObjectName(QStringLiteral("auditEntityKeyFilter"));
    m_entityKey->setPlaceholderText(tr("Entity key, e.g. DEM-0042"));
    m_entityKey->setToolTip(tr("Only actions on the demand, version, event or user with exactly this key"));
    m_entityKey->setClearButtonEnabled(true);
    m_from = dayEdit(QStringLiteral("auditFromDate"), this);
    m_from->setToolTip(tr("From this day on (your time zone)"));
    m_to = dayEdit(QStringLiteral("auditToDate"), this);
    m_to->setToolTip(tr("Up to and including this day (your time zone)"));
    m_reset = new QPushButton(tr("Clear filters"), this);
    m_reset->setObjectName(QStringLiteral("auditResetButton"));
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("exportAuditButton"));
    m_export->setToolTip(tr("Write every entry the filters select to a CSV file"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("auditCountLabel"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_user);
    filters->addWidget(m_action);
    filters->addWidget(m_entityType);
    filters->addWidget(m_app);
    filters->addWidget(m_entityKey, 1);
    auto* days = new QHBoxLayout;
    auto* fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&To:"), this);
    toLabel->setBuddy(m_to);
    days->addWidget(fromLabel);
    days->addWidget(m_from);
    days->addWidget(toLabel);
    days->addWidget(m_to);
    days->addWidget(m_reset);
    days->addStretch(1);
    days->addWidget(m_count);
    days->addWidget(m_export);

    m_table = new TablePage(model, this);
    m_table->setEmptyText(tr("The audit log has no entries yet."));
    m_table->setNoMatchText(tr("No entry matches the filters."));
    QTableView* table = m_table->table();
    table->setObjectName(QStringLiteral("auditTable"));
    // Newest first, as the store pages them: sorting would need every row.
    table->horizontalHeader()->setSortIndicatorShown(false);
    table->horizontalHeader()->setSectionsClickable(false);
    table->horizontalHeader()->setSectionResizeMode(AuditLogModel::DetailsColumn, QHeaderView::Stretch);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("auditDetail"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("auditSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("auditMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(filters);
    layout->addLayout(days);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_message);

    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_delay, &QTimer::timeout, this, &AuditPage::applyFilters);
    for (QComboBox* combo : {m_user, m_action, m_entityType, m_app}) {
        connect(combo, &QComboBox::currentIndexChanged, m_delay, qOverload<>(&QTimer::start));
    }
    connect(m_entityKey, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_from, &QDateEdit::dateChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_to, &QDateEdit::dateChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_reset, &QPushButton::clicked, this, &AuditPage::resetFilters);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::chooseExportFile);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::updateDetail);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        updateDetail();
        QTimer::singleShot(0, m_table, [this] { m_table->fitColumns(24); });
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &AuditPage::updateCount);
    connect(model, &AuditLogModel::fetchFailed, this,
            [this](const Error& e) { say(tr("Cannot read more of the audit log: %1").arg(e.message), true); });
    // Anything written shows up: reload when the catalog saw changes (while shown).
    connect(plan, &PlanCatalog::planLoaded, this, [this] {
        if (isVisible()) {
            fillChoices();
            applyFilters();
        }
    });
    fillChoices();
    updateDetail();
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Every time: what was done on the other pages meanwhile is in the log now.
    fillChoices();
    applyFilters();
}

void AuditPage::fillChoices()
{
    const QSignalBlocker blockUser(m_user);
    const QSignalBlocker blockAction(m_action);
    const QSignalBlocker blockType(m_entityType);
    const QSignalBlocker blockApp(m_app);
    const QString user = m_user->currentData().toString();
    m_user->clear();
    m_user->addItem(tr("All users"), QString());
    if (auto actors = m_model->actors()) {
        for (const QString& a : std::as_const(*actors)) {
            m_user->addItem(a, a);
        }
    }
    m_user->setCurrentIndex(std::max(0, m_user->findData(user)));

    const QString action = m_action->currentData().toString();
    m_action->clear();
    m_action->addItem(tr("All actions"), QString());
    for (const QString& a : auditActions()) {
        m_action->addItem(auditActionLabel(a), a);
    }
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));

    const QString type = m_entityType->currentData().toString();
    m_entityType->clear();
    m_entityType->addItem(tr("All entity types"), QString());
    for (const QString& t : auditEntityTypes()) {
        m_entityType->addItem(auditEntityTypeLabel(t), t);
    }
    m_entityType->setCurrentIndex(std::max(0, m_entityType->findData(type)));

    const QString app = m_app->currentData().toString();
    m_app->clear();
    m_app->addItem(tr("All apps"), QString());
    for (const App& a : m_plan->appModel()->apps()) {
        m_app->addItem(a.name.isEmpty() ? a.key : tr("%1 (%2)").arg(a.name, a.key), a.key);
    }
    m_app->setCurrentIndex(std::max(0, m_app->findData(app)));
}

void AuditPage::applyFilters()
{
    m_delay->stop();
    AuditFilter f;
    f.actor = m_user->currentData().toString();
    f.action = m_action->currentData().toString();
    f.entityType = m_entityType->currentData().toString();
    f.appKey = m_app->currentData().toString();
    f.entityKey = m_entityKey->text().trimmed();
    if (m_from->date() > kAnyDay) {
        f.since = QDateTime(m_from->date(), QTime(0, 0)).toUTC();
    }
    if (m_to->date() > kAnyDay) {
        f.until = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toUTC();
    }
    if (Status s = m_model->setFilter(f); !s) {
        say(tr("Cannot read the audit log: %1").arg(s.error().message), true);
        return;
    }
    say(QString(), false);
}

void AuditPage::resetFilters()
{
    for (QComboBox* combo : {m_user, m_action, m_entityType, m_app}) {
        combo->setCurrentIndex(0);
    }
    m_entityKey->clear();
    m_from->setDate(kAnyDay);
    m_to->setDate(kAnyDay);
    applyFilters();
}

void AuditPage::updateCount()
{
    const qint64 total = m_model->totalCount();
    m_count->setText(total > m_model->rowCount()
                         ? tr("%1 of %2 entries shown; scroll for more")
                               .arg(QLocale().toString(m_model->rowCount()), QLocale().toString(total))
                         : tr("%Ln entry(s)", nullptr, int(total)));
    m_export->setEnabled(total > 0);
}

void AuditPage::updateDetail()
{
    const QModelIndex current = m_table->table()->currentIndex();
    if (!current.isValid()) {
        m_detail->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                              .arg(palette().color(QPalette::PlaceholderText).name(),
                                   esc(tr("Select an entry to see all it records."))));
        return;
    }
    const AuditEntry& e = m_model->entry(current.row());
    QString html = richtext::style(palette());
    html += QStringLiteral("<h3>%1</h3><p class='sub'>%2</p>").arg(esc(auditActionLabel(e.action)), code(e.action));
    html += QStringLiteral("<table>");
    html += fieldRow(tr("When"), esc(QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat)));
    html += fieldRow(tr("Who"), esc(e.actor));
    html += fieldRow(tr("On"), esc(auditEntityTypeLabel(e.entityType)) + QStringLiteral(" ") + code(e.entityKey));
    html += fieldRow(tr("App"), esc(e.appKey));
    html += fieldRow(tr("Entry"), esc(QStringLiteral("#%1").arg(e.seq)));
    html += QStringLiteral("</table>");
    const QStringList lines = current.data(AuditLogModel::DetailLinesRole).toStringList();
    if (!lines.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(esc(tr("Details")));
        for (const QString& line : lines) {
            html += QStringLiteral("<li>%1</li>").arg(esc(line));
        }
        html += QStringLiteral("</ul>");
    }
    m_detail->setHtml(html);
}

void AuditPage::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

Status AuditPage::exportCsv(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    // A long log takes a while: say how far it got, and let it be cancelled (nothing is written then).
    QProgressDialog progress(tr("Exporting the audit log…"), tr("Cancel"), 0,
                             int(std::min<qint64>(m_model->totalCount(), INT_MAX)), this);
    progress.setObjectName(QStringLiteral("auditExportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    auto written = m_model->writeCsv(file, [&progress](qint64 done) {
        progress.setValue(int(std::min<qint64>(done, INT_MAX)));
        return !progress.wasCanceled();
    });
    progress.reset();
    if (!written) {
        file.cancelWriting();
        return written.error();
    }
    if (!file.commit()) {
        return makeError(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    say(tr("%Ln entry(s) exported to %1.", nullptr, int(*written)).arg(QDir::toNativeSeparators(path)), false);
    return Ok{};
}

void AuditPage::chooseExportFile()
{
    const QString name = QStringLiteral("audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit log"), QDir::home().filePath(name),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    if (Status s = exportCsv(path); !s) {
        say(s.error().message, s.error().code != Error::Code::Cancelled);
    }
}

QByteArray AuditPage::saveState() const
{
    return packStates({m_splitter->saveState(), m_table->saveState()});
}

void AuditPage::restoreState(const QByteArray& state)
{
    const QList<QByteArray> parts = unpackStates(state, 2);
    m_splitter->restoreState(parts.at(0));
    m_table->restoreState(parts.at(1));
}

} // namespace tp
