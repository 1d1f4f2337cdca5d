#include "qapage.h"

#include "keychain.h"
#include "leveldelegate.h"
#include "qachecklistmodel.h"
#include "qaservice.h"
#include "redislogin.h"
#include "replay.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace tp {
namespace {

/// The state column at a glance: green when seen and valid, red with violations, grey before.
class QaStateDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        switch (QaChecklistModel::State(index.data(QaChecklistModel::StateRole).toInt())) {
        case QaChecklistModel::State::Valid:
            option->text = QStringLiteral("✓ ") + option->text;
            option->palette.setColor(QPalette::Text, QColor(0x1e, 0x7b, 0x34));
            break;
        case QaChecklistModel::State::Violations:
            option->text = QStringLiteral("✗ ") + option->text;
            option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
            break;
        case QaChecklistModel::State::NotSeen:
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
            break;
        }
    }
};

} // namespace

QaPage::QaPage(QaService* service, secrets::Keychain* keychain, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_keychain(keychain)
    , m_model(new QaChecklistModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("qaPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(QaChecklistModel::StateRole);

    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("qaVersion"));
    m_url = new QComboBox(this);
    m_url->setObjectName(QStringLiteral("qaRedisUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->addItems(redislogin::recentUrls());
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("redis://[user@]host:6379/0"));
    m_url->setMinimumContentsLength(28);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("qaRedisPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: none, or the one in the system keychain"));
    m_remember = new QCheckBox(tr("Re&member password"), this);
    m_remember->setObjectName(QStringLiteral("qaRememberPassword"));
    m_remember->setChecked(m_keychain != nullptr);
    m_remember->setEnabled(m_keychain != nullptr);
    m_remember->setToolTip(tr("The password goes into the system keychain, never into TrackPlan's settings."));
    m_sessionEdit = new QLineEdit(this);
    m_sessionEdit->setObjectName(QStringLiteral("qaSession"));
    m_sessionEdit->setPlaceholderText(tr("e.g. qa-android-1"));
    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("qaStartButton"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("qaStopButton"));
    m_stop->setEnabled(false);

    auto* form = new QFormLayout;
    auto* connection = new QHBoxLayout;
    connection->addWidget(m_url, 2);
    connection->addWidget(new QLabel(tr("Password:"), this));
    connection->addWidget(m_password, 1);
    connection->addWidget(m_remember);
    auto* sessionRow = new QHBoxLayout;
    sessionRow->addWidget(m_sessionEdit, 1);
    sessionRow->addWidget(m_start);
    sessionRow->addWidget(m_stop);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("Redis URL:"), connection);
    // The row is a layout, so the label needs its buddy set to show and use its shortcut.
    auto* sessionLabel = new QLabel(tr("S&ession:"), this);
    sessionLabel->setBuddy(m_sessionEdit);
    form->addRow(sessionLabel, sessionRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("qaStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("qaStateFilter"));
    m_filter->addItem(tr("All planned events"), -1);
    m_filter->addItem(QaChecklistModel::stateText(QaChecklistModel::State::NotSeen),
                      int(QaChecklistModel::State::NotSeen));
    m_filter->addItem(QaChecklistModel::stateText(QaChecklistModel::State::Valid), int(QaChecklistModel::State::Valid));
    m_filter->addItem(QaChecklistModel::stateText(QaChecklistModel::State::Violations),
                      int(QaChecklistModel::State::Violations));
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_filter->currentData().toInt();
        m_proxy->setFilterFixedString(state < 0 ? QString() : QString::number(state));
    });
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("qaSummary"));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_filter);
    filterRow->addWidget(m_summary, 1);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("qaChecklist"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(QaChecklistModel::KeyColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int column : {QaChecklistModel::LevelColumn, QaChecklistModel::StateColumn, QaChecklistModel::SeenColumn,
                       QaChecklistModel::InvalidColumn}) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_table->setItemDelegateForColumn(QaChecklistModel::LevelColumn,
                                      new LevelDelegate(QaChecklistModel::LevelRole, m_table));
    m_table->setItemDelegateForColumn(QaChecklistModel::StateColumn, new QaStateDelegate(m_table));
    m_table->setWordWrap(false);

    m_saveCsv = new QPushButton(tr("Save report as &CSV…"), this);
    m_saveCsv->setObjectName(QStringLiteral("qaSaveCsvButton"));
    m_saveHtml = new QPushButton(tr("Save report as &HTML…"), this);
    m_saveHtml->setObjectName(QStringLiteral("qaSaveHtmlButton"));
    auto* saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_saveCsv);
    saveRow->addWidget(m_saveHtml);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(saveRow);

    connect(m_start, &QPushButton::clicked, this, &QaPage::start);
    connect(m_stop, &QPushButton::clicked, this, &QaPage::stop);
    connect(m_sessionEdit, &QLineEdit::returnPressed, this, &QaPage::start);
    connect(m_saveCsv, &QPushButton::clicked, this, [this] { saveReport(false); });
    connect(m_saveHtml, &QPushButton::clicked, this, [this] { saveReport(true); });
    connect(m_service, &QaService::planLoaded, this, &QaPage::onPlanLoaded);
    connect(m_service, &QaService::eventsChecked, this, &QaPage::onEvents);
    connect(m_service, &QaService::failed, this, &QaPage::onFailed);
    connect(m_service, &QaService::stopped, this, &QaPage::onStopped);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QaPage::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QaPage::updateSummary);
    updateSummary();
    m_status->setText(tr("Choose a version, a Redis server and the session the test device sends to, then Start."));
}

QaPage::~QaPage() = default;

void QaPage::setApp(const QString& appKey)
{
    if (appKey == m_appKey) {
        return;
    }
    stop();
    m_appKey = appKey;
    m_model->setPlan(appKey, QString(), {});
    loadVersions();
}

void QaPage::setKeychainProblem(const QString& problem)
{
    const bool usable = m_keychain && problem.isEmpty();
    m_remember->setEnabled(usable);
    m_remember->setChecked(usable);
    m_remember->setToolTip(problem.isEmpty() ? m_remember->toolTip()
                                             : tr("The system keychain cannot be used: %1").arg(problem));
}

void QaPage::loadVersions()
{
    m_version->clear();
    if (m_appKey.isEmpty()) {
        return;
    }
    m_version->addItem(tr("current (newest released)"), QString());
    auto versions = m_service->versions(m_appKey);
    if (!versions) {
        m_status->setText(tr("Cannot list the versions: %1").arg(versions.error().toString()));
        return;
    }
    for (auto it = versions->crbegin(); it != versions->crend(); ++it) {
        m_version->addItem(tr("%1 (%2)", "version and its status")
                               .arg(it->name, it->status == VersionStatus::Released ? tr("released") : tr("frozen")),
                           it->name);
    }
}

void QaPage::start()
{
    if (m_service->isRunning() || m_appKey.isEmpty()) {
        return;
    }
    const QString session = m_sessionEdit->text().trimmed();
    if (session.isEmpty()) {
        m_status->setText(tr("Enter the session name the test device sends to."));
        m_sessionEdit->setFocus();
        return;
    }
    QString problem;
    auto url = redislogin::resolve(m_url->currentText(), m_password->text(), m_keychain, &problem);
    if (!problem.isEmpty()) {
        setKeychainProblem(problem);
    }
    if (!url) {
        m_status->setText(url.error().toString());
        return;
    }
    m_passwordTyped = !m_password->text().isEmpty();
    m_runUrl = *url;
    m_session = session;
    QaService::Request request;
    request.appKey = m_appKey;
    request.version = m_version->currentData().toString();
    request.redis = *url;
    request.session = session;
    m_connected = false;
    if (m_service->start(request)) {
        setRunning(true);
        m_status->setText(tr("Loading the plan…"));
    }
}

void QaPage::stop()
{
    if (m_service->isRunning()) {
        m_service->stop();
        m_stop->setEnabled(false);
    }
}

void QaPage::onPlanLoaded(const QString& version, const QList<QaPlannedEvent>& events)
{
    m_model->setPlan(m_appKey, version, events);
    m_table->resizeColumnsToContents();
    m_status->setText(
        tr("Reading %1 on %2, checking against version %3…")
            .arg(QString::fromUtf8(debugStreamKey(m_appKey, m_session)), m_runUrl.displayString(), version));
}

void QaPage::onEvents(const QList<QaEventResult>& results)
{
    if (!m_connected) {
        m_connected = true;
    }
    m_model->addResults(results);
}

void QaPage::onFailed(const Error& error, RedisErrorKind kind)
{
    setRunning(false);
    m_status->setText(tr("Stopped: %1").arg(error.toString()));
    if (kind == RedisErrorKind::AuthFailed) {
        m_password->setFocus();
        m_password->selectAll();
    }
}

void QaPage::onStopped()
{
    setRunning(false);
    // The session ran until stopped: the server and the password were right.
    const QString problem = redislogin::remember(m_runUrl, m_passwordTyped, m_remember->isChecked(),
                                                 m_remember->isEnabled() ? m_keychain : nullptr);
    if (!problem.isEmpty()) {
        setKeychainProblem(problem);
    }
    if (m_url->findText(m_runUrl.displayString()) < 0) {
        m_url->insertItem(0, m_runUrl.displayString());
    }
    m_status->setText(tr("Stopped. %1").arg(m_model->summaryText()));
}

void QaPage::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(m_version), static_cast<QWidget*>(m_url),
                       static_cast<QWidget*>(m_password), static_cast<QWidget*>(m_sessionEdit)}) {
        w->setEnabled(!running);
    }
}

void QaPage::updateSummary()
{
    m_summary->setText(m_model->summaryText());
}

void QaPage::saveReport(bool html)
{
    const QString base =
        QStringLiteral("qa-%1-%2").arg(m_appKey, m_session.isEmpty() ? QStringLiteral("report") : m_session);
    const QString path = html ? QFileDialog::getSaveFileName(this, tr("Save QA report"), base + QLatin1String(".html"),
                                                             tr("HTML files (*.html)"))
                              : QFileDialog::getSaveFileName(this, tr("Save QA report"), base + QLatin1String(".csv"),
                                                             tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    QSaveFile file(path);
    const QByteArray text = (html ? m_model->reportHtml(m_session) : m_model->reportCsv()).toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Save QA report"),
                             tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    m_status->setText(tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace tp
