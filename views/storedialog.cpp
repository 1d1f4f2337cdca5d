#include "storedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace tp {
namespace {

enum Tab { SqliteTab, PostgresTab };

bool isPostgresText(const QString& text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

QLabel* noteLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(dark);"));
    return label;
}

} // namespace

StoreDialog::StoreDialog(const QStringList& recent, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("storeDialog"));
    setWindowTitle(tr("Open Store"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("backendTabs"));
    m_tabs->addTab(createSqliteTab(), tr("&SQLite file"));
    m_tabs->addTab(createPostgresTab(), tr("&PostgreSQL server"));

    auto* recentTitle = new QLabel(tr("&Recent stores (double-click to open):"), this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentStoresList"));
    recentTitle->setBuddy(m_recent);
    for (const QString& url : recent) {
        const auto parsed = StoreUrl::parse(url);
        if (!parsed) {
            continue;
        }
        QString text = parsed->displayString();
        if (parsed->backend == StoreUrl::Backend::Sqlite && !QFileInfo::exists(parsed->path)) {
            text = tr("%1 (file missing)").arg(text);
        }
        auto* item = new QListWidgetItem(text, m_recent);
        item->setData(Qt::UserRole, parsed->toString());
        item->setToolTip(parsed->displayString());
    }
    if (m_recent->count() == 0) {
        auto* none = new QListWidgetItem(tr("No store opened yet."), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
    m_recent->setMaximumHeight(m_recent->sizeHintForRow(0) * 5 + 2 * m_recent->frameWidth() + 4);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("storeErrorLabel"));
    m_error->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Open)->setObjectName(QStringLiteral("openButton"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(recentTitle);
    layout->addWidget(m_recent);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (errorText().isEmpty()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tabs, &QTabWidget::currentChanged, this, &StoreDialog::validate);
    // Choosing an entry (click, arrow keys) fills the fields; the list merely taking the focus
    // makes its first entry current without selecting it, and must not replace what was typed.
    connect(m_recent, &QListWidget::itemSelectionChanged, this, [this] {
        const QList<QListWidgetItem*> chosen = m_recent->selectedItems();
        if (!chosen.isEmpty() && (chosen.first()->flags() & Qt::ItemIsEnabled)) {
            setUrl(chosen.first()->data(Qt::UserRole).toString());
        }
    });
    connect(m_recent, &QListWidget::itemDoubleClicked, this, &StoreDialog::recentActivated);
    validate();
    resize(640, sizeHint().height());
}

StoreDialog::~StoreDialog() = default;

QWidget* StoreDialog::createSqliteTab()
{
    auto* tab = new QWidget(this);
    m_path = new QLineEdit(tab);
    m_path->setObjectName(QStringLiteral("sqlitePathEdit"));
    m_path->setPlaceholderText(tr("/path/to/plan.sqlite"));
    m_path->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("&Browse…"), tab);
    browse->setObjectName(QStringLiteral("browseButton"));
    m_pathNote = noteLabel(QStringLiteral("sqliteNoteLabel"), tab);
    auto* intro = new QLabel(tr("A store in one file on this computer: for one person, or to try things out. "
                                "Choose an existing file or type the name of a new one."),
                             tab);
    intro->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    auto* form = new QFormLayout;
    auto* label = new QLabel(tr("&File:"), tab);
    label->setBuddy(m_path);
    form->addRow(label, row);
    form->addRow(QString(), m_pathNote);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch(1);
    connect(browse, &QPushButton::clicked, this, &StoreDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this, &StoreDialog::validate);
    return tab;
}

QWidget* StoreDialog::createPostgresTab()
{
    auto* tab = new QWidget(this);
    auto* intro = new QLabel(tr("The team's shared store. Paste a URL or fill in the fields."), tab);
    intro->setWordWrap(true);
    m_url = new QLineEdit(tab);
    m_url->setObjectName(QStringLiteral("postgresUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/database"));
    m_host = new QLineEdit(tab);
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("db.example.com"));
    m_port = new QSpinBox(tab);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = new QLineEdit(tab);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_database->setPlaceholderText(tr("the user name, if empty"));
    m_user = new QLineEdit(tab);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_password = new QLineEdit(tab);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: from the system keychain, ~/.pgpass or PGPASSWORD"));
    m_remember = new QCheckBox(tr("Re&member password in the system keychain"), tab);
    m_remember->setObjectName(QStringLiteral("rememberPasswordCheck"));
    m_remember->setToolTip(tr("The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), "
                              "never into TrackPlan's settings."));
    m_remember->setChecked(true);
    m_keychainNote = noteLabel(QStringLiteral("keychainNoteLabel"), tab);
    m_keychainNote->hide();

    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    auto* portLabel = new QLabel(tr("P&ort:"), tab);
    portLabel->setBuddy(m_port);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_port);
    auto* hostLabel = new QLabel(tr("&Host:"), tab);
    hostLabel->setBuddy(m_host);
    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(hostLabel, hostRow);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("U&ser:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_keychainNote);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_url, &QLineEdit::textEdited, this, &StoreDialog::urlEdited);
    // Once the URL is complete its password moves to the password field, out of sight.
    connect(m_url, &QLineEdit::editingFinished, this, [this] {
        if (m_urlError.isEmpty() && !m_url->text().trimmed().isEmpty()) {
            if (const auto url = enteredUrl()) {
                m_url->setText(url->toString());
            }
        }
    });
    for (QLineEdit* edit : {m_host, m_database, m_user}) {
        connect(edit, &QLineEdit::textEdited, this, &StoreDialog::fieldsEdited);
    }
    connect(m_port, &QSpinBox::valueChanged, this, &StoreDialog::fieldsEdited);
    return tab;
}

void StoreDialog::browse()
{
    const QString start = m_path->text().trimmed().isEmpty() ? QDir::homePath() : m_path->text().trimmed();
    // A save dialog, so that a new file can be named; choosing an existing one opens it.
    const QString file = QFileDialog::getSaveFileName(this, tr("Choose or Create a Store File"), start,
                                                      tr("TrackPlan stores (*.sqlite *.db);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty()) {
        m_path->setText(QDir::toNativeSeparators(file));
    }
}

void StoreDialog::urlEdited(const QString& typed)
{
    const QString text = typed.trimmed();
    m_urlError.clear();
    if (text.isEmpty()) {
        validate();
        return;
    }
    if (!isPostgresText(text)) {
        m_urlError =
            tr("A PostgreSQL URL starts with postgresql://, e.g. postgresql://alice@db.example.com:5432/plan.");
        validate();
        return;
    }
    const auto parsed = StoreUrl::parse(text);
    if (!parsed) {
        m_urlError = parsed.error().message;
        validate();
        return;
    }
    m_host->setText(parsed->host);
    m_port->blockSignals(true);
    m_port->setValue(parsed->port);
    m_port->blockSignals(false);
    m_database->setText(parsed->database);
    m_user->setText(parsed->user);
    if (!parsed->password.isEmpty()) {
        m_password->setText(parsed->password);
    }
    validate();
}

void StoreDialog::fieldsEdited()
{
    m_urlError.clear();
    m_url->clear();
    if (const auto url = enteredUrl()) {
        m_url->setText(url->toString());
    }
    validate();
}

void StoreDialog::recentActivated(QListWidgetItem* item)
{
    if (!item || !(item->flags() & Qt::ItemIsEnabled)) {
        return;
    }
    setUrl(item->data(Qt::UserRole).toString());
    if (errorText().isEmpty()) {
        accept();
    }
}

void StoreDialog::setUrl(const QString& text)
{
    const auto url = StoreUrl::parse(text);
    if (!url) {
        return;
    }
    m_urlError.clear();
    if (url->backend == StoreUrl::Backend::Sqlite) {
        m_path->setText(QDir::toNativeSeparators(url->path));
        m_tabs->setCurrentIndex(SqliteTab);
        // Typing replaces it: the usual next step is another file.
        m_path->selectAll();
        m_path->setFocus();
    } else {
        m_host->setText(url->host);
        m_port->blockSignals(true);
        m_port->setValue(url->port);
        m_port->blockSignals(false);
        m_database->setText(url->database);
        m_user->setText(url->user);
        m_password->setText(url->password);
        m_url->setText(url->toString());
        m_tabs->setCurrentIndex(PostgresTab);
        m_password->setFocus();
    }
    validate();
}

void StoreDialog::setKeychainProblem(const QString& problem)
{
    m_remember->setEnabled(problem.isEmpty());
    m_remember->setChecked(problem.isEmpty());
    m_keychainNote->setText(problem.isEmpty() ? QString()
                                              : tr("Passwords cannot be remembered on this computer: %1").arg(problem));
    m_keychainNote->setVisible(!problem.isEmpty());
}

Result<StoreUrl> StoreDialog::enteredUrl() const
{
    if (m_tabs->currentIndex() == SqliteTab) {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty()) {
            return makeError(Error::Code::Validation, tr("Choose a SQLite file, or type the name of a new one."));
        }
        if (isPostgresText(path)) {
            return makeError(Error::Code::Validation,
                             tr("This is a PostgreSQL URL: paste it on the PostgreSQL server tab."));
        }
        if (QFileInfo(path).isDir()) {
            return makeError(Error::Code::Validation, tr("%1 is a folder: choose a file in it.").arg(path));
        }
        return StoreUrl::parse(QDir::fromNativeSeparators(path));
    }
    if (!m_urlError.isEmpty()) {
        return makeError(Error::Code::Validation, m_urlError);
    }
    const QString host = m_host->text().trimmed();
    if (host.isEmpty()) {
        return makeError(Error::Code::Validation, tr("Enter the host name of the PostgreSQL server."));
    }
    QUrl check;
    check.setHost(host, QUrl::StrictMode);
    if (!check.isValid() || check.host().isEmpty()) {
        return makeError(Error::Code::Validation, tr("“%1” is not a host name.").arg(host));
    }
    StoreUrl url;
    url.backend = StoreUrl::Backend::Postgres;
    url.host = host;
    url.port = m_port->value();
    url.user = m_user->text().trimmed();
    url.database = m_database->text().trimmed();
    // Through the text and back, so that the dialog accepts exactly what --db would.
    return StoreUrl::parse(url.toString());
}

QString StoreDialog::errorText() const
{
    const auto url = enteredUrl();
    return url ? QString() : url.error().message;
}

void StoreDialog::validate()
{
    const auto url = enteredUrl();
    m_error->setText(url ? QString() : url.error().message);
    // Nothing typed yet: what is missing is a hint, not an error.
    const bool untouched = m_tabs->currentIndex() == SqliteTab
        ? m_path->text().trimmed().isEmpty()
        : m_url->text().trimmed().isEmpty() && m_host->text().trimmed().isEmpty() && m_user->text().trimmed().isEmpty()
            && m_database->text().trimmed().isEmpty();
    m_error->setStyleSheet(untouched ? QStringLiteral("color: palette(dark);") : QStringLiteral("color: #b00020;"));
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(url.ok());
    QString note;
    if (url && url->backend == StoreUrl::Backend::Sqlite) {
        note = QFileInfo::exists(url->path) ? tr("Opens the store in this file.")
                                            : tr("The file does not exist yet: a new, empty store is created in it.");
    }
    m_pathNote->setText(note);
}

StoreChoice StoreDialog::choice() const
{
    StoreChoice c;
    const auto url = enteredUrl();
    if (!url) {
        return c;
    }
    c.url = url->toString();
    if (url->backend == StoreUrl::Backend::Postgres) {
        c.password = m_password->text();
        c.rememberPassword = !c.password.isEmpty() && m_remember->isEnabled() && m_remember->isChecked();
    }
    return c;
}

} // namespace tp
