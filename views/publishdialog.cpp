#include "publishdialog.h"

#include "keychain.h"
#include "redislogin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tp {
namespace {

constexpr int kVersionRole = Qt::UserRole + 1;

QString mapText(const QMap<QString, QString>& map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        parts << QStringLiteral("%1 → %2").arg(it.key(), it.value());
    }
    return parts.join(QStringLiteral(", "));
}

QString changesText(const PublishReport& r)
{
    QStringList lines;
    lines.reserve(r.changes.size());
    for (const KeyChange& c : r.changes) {
        QString line = QStringLiteral("%1\t%2\t%3").arg(toString(c.action), c.type, QString::fromUtf8(c.key));
        if (!c.detail.isEmpty()) {
            line += QLatin1Char('\t') + c.detail;
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

PublishDialog::PublishDialog(PublishService* service, secrets::Keychain* keychain, const QString& appKey,
                             const QString& appName, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_keychain(keychain)
    , m_appKey(appKey)
{
    setObjectName(QStringLiteral("publishDialog"));
    setWindowTitle(tr("Publish %1 to Redis").arg(appName.isEmpty() ? appKey : appName));
    auto* intro = new QLabel(tr("<p>Publishes the plan of <b>%1</b> (%2) to Redis for the collection services: "
                                "the event schemas, a snapshot per version and the routing rules, then the "
                                "version pointers in one step. Readers never see a half-written plan.</p>")
                                 .arg(appName.toHtmlEscaped(), appKey.toHtmlEscaped()),
                             this);
    intro->setObjectName(QStringLiteral("publishIntro"));
    intro->setWordWrap(true);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("publishTabs"));
    m_tabs->addTab(createPublishTab(), tr("&Publish"));
    m_tabs->addTab(createHistoryTab(), tr("&History"));
    m_close = new QPushButton(tr("Close"), this);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setAutoDefault(false);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);
    connect(m_close, &QPushButton::clicked, this, &PublishDialog::reject);

    connect(m_service, &PublishService::progressed, this, &PublishDialog::onProgress);
    connect(m_service, &PublishService::finished, this, &PublishDialog::onFinished);
    connect(m_service, &PublishService::failed, this, &PublishDialog::onFailed);

    loadVersions();
    loadHistory();
    setRunning(false);
    resize(900, 760);
}

PublishDialog::~PublishDialog()
{
    // A run still going reports to nobody; stop it rather than publish unseen.
    if (m_service->isRunning()) {
        m_service->cancel();
    }
}

QWidget* PublishDialog::createPublishTab()
{
    auto* page = new QWidget(this);
    m_versions = new QListWidget(page);
    m_versions->setObjectName(QStringLiteral("publishVersions"));
    m_versions->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed); // the key list gets the room
    auto* versionNote =
        new QLabel(tr("Frozen and released versions. The newest checked version also becomes <i>current</i>, "
                      "for app versions that are not listed."),
                   page);
    versionNote->setWordWrap(true);

    m_url = new QComboBox(page);
    m_url->setObjectName(QStringLiteral("redisUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->addItems(redislogin::recentUrls());
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("redis://[user@]host:6379/0"));
    m_url->setToolTip(tr("redis://host:port/db, with a user name for an ACL login. The password goes into the "
                         "field below, never into the list of recent servers."));
    m_password = new QLineEdit(page);
    m_password->setObjectName(QStringLiteral("redisPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: none, or the one in the system keychain"));
    m_remember = new QCheckBox(tr("Re&member password in the system keychain"), page);
    m_remember->setObjectName(QStringLiteral("rememberRedisPassword"));
    m_remember->setChecked(m_keychain != nullptr);
    m_remember->setEnabled(m_keychain != nullptr);
    m_remember->setToolTip(tr("The password goes into the system keychain (Secret Service: GNOME Keyring, "
                              "KWallet), never into TrackPlan's settings."));
    m_keychainNote = new QLabel(page);
    m_keychainNote->setObjectName(QStringLiteral("keychainNoteLabel"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Versions:"), m_versions);
    form->addRow(QString(), versionNote);
    form->addRow(tr("Redis &URL:"), m_url);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_keychainNote);

    m_dryRun = new QPushButton(tr("&Dry run"), page);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_dryRun->setToolTip(tr("Lists every key that a publish would add or change; writes nothing."));
    m_publish = new QPushButton(tr("P&ublish"), page);
    m_publish->setObjectName(QStringLiteral("publishButton"));
    m_rollback = new QPushButton(tr("&Rollback…"), page);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setToolTip(tr("Restores the version pointers from before the last publish (one step)."));
    m_cancel = new QPushButton(tr("&Cancel"), page);
    m_cancel->setObjectName(QStringLiteral("cancelPublishButton"));
    for (QPushButton* b : {m_dryRun, m_publish, m_rollback, m_cancel}) {
        b->setAutoDefault(false);
    }
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_publish);
    buttons->addWidget(m_rollback);
    buttons->addStretch();
    buttons->addWidget(m_cancel);

    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("publishProgress"));
    m_progress->setRange(0, 100);
    m_stage = new QLabel(page);
    m_stage->setObjectName(QStringLiteral("publishStage"));
    m_message = new QLabel(page);
    m_message->setObjectName(QStringLiteral("publishMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QPlainTextEdit(page);
    m_details->setObjectName(QStringLiteral("publishDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("The keys of a dry run or a publish are listed here."));

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_stage);
    layout->addWidget(m_message);
    layout->addWidget(m_details, 1);

    connect(m_dryRun, &QPushButton::clicked, this, [this] { start(PublishService::Kind::DryRun); });
    connect(m_publish, &QPushButton::clicked, this, [this] { start(PublishService::Kind::Publish); });
    connect(m_rollback, &QPushButton::clicked, this, &PublishDialog::confirmRollback);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_service->cancel();
        m_cancel->setEnabled(false);
        m_stage->setText(tr("Cancelling…"));
    });
    connect(m_versions, &QListWidget::itemChanged, this, &PublishDialog::updateButtons);
    connect(m_url, &QComboBox::editTextChanged, this, &PublishDialog::updateButtons);
    return page;
}

QWidget* PublishDialog::createHistoryTab()
{
    m_history = new QTableWidget(0, 7, this);
    m_history->setObjectName(QStringLiteral("publishHistory"));
    m_history->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("Action"), tr("Snapshot"), tr("Versions"), tr("Redis"), tr("Result")});
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setWordWrap(false);
    return m_history;
}

void PublishDialog::setKeychainProblem(const QString& problem)
{
    const bool usable = m_keychain && problem.isEmpty();
    m_remember->setEnabled(usable);
    m_remember->setChecked(usable);
    m_keychainNote->setText(problem.isEmpty() ? QString()
                                              : tr("Passwords cannot be remembered on this computer: %1").arg(problem));
    m_keychainNote->setVisible(!problem.isEmpty());
}

void PublishDialog::loadVersions()
{
    m_versions->clear();
    auto versions = m_service->publishableVersions(m_appKey);
    if (!versions) {
        showMessage(versions.error().toString(), true);
        return;
    }
    for (const Version& v : *versions) {
        const bool released = v.status == VersionStatus::Released;
        const QString at =
            QLocale().toString((released ? v.releasedAt : v.frozenAt).toLocalTime(), QLocale::ShortFormat);
        auto* item = new QListWidgetItem(
            released ? tr("%1 — released %2").arg(v.name, at) : tr("%1 — frozen %2").arg(v.name, at), m_versions);
        item->setData(kVersionRole, v.name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(released ? Qt::Checked : Qt::Unchecked);
    }
    // As tall as the versions (two to eight rows), so the key list below gets the rest.
    const int row = m_versions->count() > 0 ? m_versions->sizeHintForRow(0) : m_versions->fontMetrics().height() + 4;
    m_versions->setFixedHeight(std::clamp(int(m_versions->count()), 2, 8) * row + 2 * m_versions->frameWidth() + 2);
    if (versions->isEmpty()) {
        showMessage(
            tr("%1 has no frozen or released version to publish. Freeze one on the Versions page first.").arg(m_appKey),
            true);
    }
}

void PublishDialog::loadHistory()
{
    auto entries = m_service->history(m_appKey);
    if (!entries) {
        m_history->setRowCount(0);
        return;
    }
    m_history->setRowCount(int(entries->size()));
    for (int row = 0; row < entries->size(); ++row) {
        const PublishRecord& e = entries->at(row);
        const QString action = e.action == PublishRecord::Action::Rollback ? tr("rollback") : tr("publish");
        const QString result = e.ok ? tr("ok") : tr("failed: %1").arg(e.details);
        const QStringList cells{QLocale().toString(e.publishedAt.toLocalTime(), QLocale::ShortFormat),
                                e.by,
                                action,
                                e.snapshotId,
                                mapText(e.versions),
                                e.redisTarget,
                                result};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            m_history->setItem(row, column, item);
        }
    }
    m_history->resizeColumnsToContents();
}

QStringList PublishDialog::checkedVersions() const
{
    QStringList out;
    for (int i = 0; i < m_versions->count(); ++i) {
        if (m_versions->item(i)->checkState() == Qt::Checked) {
            out << m_versions->item(i)->data(kVersionRole).toString();
        }
    }
    return out;
}

Result<RedisUrl> PublishDialog::enteredUrl()
{
    m_passwordTyped = !m_password->text().isEmpty();
    QString problem;
    auto url = redislogin::resolve(m_url->currentText(), m_password->text(), m_keychain, &problem);
    if (!problem.isEmpty()) {
        setKeychainProblem(problem);
    }
    return url;
}

void PublishDialog::start(PublishService::Kind kind)
{
    auto url = enteredUrl();
    if (!url) {
        showMessage(url.error().toString(), true);
        return;
    }
    PublishService::Request request;
    request.kind = kind;
    request.appKey = m_appKey;
    request.versions = checkedVersions();
    request.redis = *url;
    if (kind != PublishService::Kind::Rollback && request.versions.isEmpty()) {
        showMessage(tr("Check at least one version to publish."), true);
        return;
    }
    if (!m_service->start(request)) {
        return;
    }
    m_runUrl = *url;
    m_details->clear();
    showMessage(QString(), false);
    setRunning(true);
}

void PublishDialog::confirmRollback()
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Rollback"),
                                tr("Roll %1 back to what was published before the last publish?").arg(m_appKey),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("rollbackConfirm"));
    box->setInformativeText(tr("Collection services switch back to the previous snapshots at once. Only one step "
                               "back is possible."));
    QPushButton* yes = box->addButton(tr("Roll back"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(qobject_cast<QPushButton*>(box->button(QMessageBox::Cancel)));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, yes] {
        if (box->clickedButton() == yes) {
            start(PublishService::Kind::Rollback);
        }
    });
    box->open();
}

void PublishDialog::onProgress(int percent, const QString& stage)
{
    if (!m_service->isRunning() || !m_cancel->isEnabled()) {
        return; // a late report, or cancelling
    }
    m_progress->setValue(percent);
    m_stage->setText(stage);
}

void PublishDialog::onFinished(const PublishService::Outcome& outcome)
{
    setRunning(false);
    rememberUrl(m_runUrl);
    const PublishReport& r = outcome.report;
    const QString where = outcome.redisTarget;
    m_details->setPlainText(changesText(r));
    QString text;
    switch (outcome.kind) {
    case PublishService::Kind::DryRun:
        text = tr("Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, new "
                  "snapshots: %3).",
                  nullptr, int(r.changes.size()))
                   .arg(where)
                   .arg(r.schemasWritten)
                   .arg(r.snapshotsWritten);
        break;
    case PublishService::Kind::Publish:
        text = r.pointersMoved
            ? tr("Published %1 to %2: %3; current %4. Schemas: %5 new, %6 there already. Snapshots: %7 new, %8 "
                 "reused.")
                  .arg(m_appKey, where, mapText(r.published), r.current)
                  .arg(r.schemasWritten)
                  .arg(r.schemasExisting)
                  .arg(r.snapshotsWritten)
                  .arg(r.snapshotsReused)
            : tr("%1 is already published as it is at %2: %3. Nothing changed.")
                  .arg(m_appKey, where, mapText(r.published));
        break;
    case PublishService::Kind::Rollback:
        text = tr("Rolled %1 back at %2: current %3; versions %4.")
                   .arg(m_appKey, where, r.current, r.versions.isEmpty() ? tr("none") : mapText(r.versions));
        break;
    }
    if (!outcome.historyError.isEmpty()) {
        text += QLatin1Char('\n') + tr("The publish history could not be written: %1").arg(outcome.historyError);
    }
    showMessage(text, !outcome.historyError.isEmpty());
    m_progress->setValue(100);
    loadHistory();
}

void PublishDialog::onFailed(const Error& error, RedisErrorKind kind)
{
    setRunning(false);
    if (kind != RedisErrorKind::AuthFailed && kind != RedisErrorKind::Unreachable && kind != RedisErrorKind::Timeout) {
        rememberUrl(m_runUrl); // the server and the password were right
    }
    const QString text = error.code == Error::Code::Cancelled
        ? tr("Cancelled. The version pointers in Redis are unchanged.")
        : tr("Failed: %1").arg(error.toString());
    showMessage(text, error.code != Error::Code::Cancelled);
    m_stage->setText(QString());
    m_progress->setValue(0);
    if (kind == RedisErrorKind::AuthFailed) {
        m_password->setFocus();
        m_password->selectAll();
    }
    loadHistory();
}

void PublishDialog::rememberUrl(const RedisUrl& url)
{
    const QString key = url.displayString(); // never with the password
    if (m_url->findText(key) < 0) {
        m_url->insertItem(0, key);
    }
    const QString problem =
        redislogin::remember(url, m_passwordTyped, m_remember->isChecked(), m_remember->isEnabled() ? m_keychain : nullptr);
    if (!problem.isEmpty()) {
        setKeychainProblem(problem);
    }
}

void PublishDialog::setRunning(bool running)
{
    // Progress and stage only while a run goes; the message says how it ended.
    m_progress->setVisible(running);
    m_stage->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_stage->clear();
    }
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(m_versions), static_cast<QWidget*>(m_url),
                       static_cast<QWidget*>(m_password), static_cast<QWidget*>(m_remember)}) {
        // The keychain's own problem (a shown note) keeps "remember" off.
        w->setEnabled(!running && (w != m_remember || (m_keychain && m_keychainNote->isHidden())));
    }
    updateButtons();
}

void PublishDialog::updateButtons()
{
    const bool idle = !m_service->isRunning();
    const bool haveUrl = !m_url->currentText().trimmed().isEmpty();
    m_dryRun->setEnabled(idle && haveUrl && !checkedVersions().isEmpty());
    m_publish->setEnabled(idle && haveUrl && !checkedVersions().isEmpty());
    m_rollback->setEnabled(idle && haveUrl);
}

void PublishDialog::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void PublishDialog::reject()
{
    if (m_service->isRunning()) {
        m_service->cancel();
        m_cancel->setEnabled(false);
        m_stage->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace tp
