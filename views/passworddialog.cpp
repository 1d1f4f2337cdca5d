#include "passworddialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace tp {

PasswordDialog::PasswordDialog(const QString& store, const QString& serverMessage, QWidget* parent)
    : QDialog(parent)
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Re&member password in the system keychain"), this))
{
    setObjectName(QStringLiteral("passwordDialog"));
    setWindowTitle(tr("Password"));
    auto* intro = new QLabel(tr("<p>TrackPlan could not open <b>%1</b>. If the server wants a password, enter it.</p>")
                                 .arg(store.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    auto* message = new QLabel(serverMessage, this);
    message->setObjectName(QStringLiteral("serverMessageLabel"));
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(QStringLiteral("rememberPasswordCheck"));
    m_remember->setChecked(true);
    m_remember->setToolTip(tr("The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), "
                              "never into TrackPlan's settings."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(message);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_password->setFocus();
    resize(480, sizeHint().height());
}

void PasswordDialog::setKeychainProblem(const QString& problem)
{
    m_remember->setEnabled(problem.isEmpty());
    m_remember->setChecked(problem.isEmpty());
    m_remember->setToolTip(problem.isEmpty() ? m_remember->toolTip()
                                             : tr("Passwords cannot be remembered on this computer: %1").arg(problem));
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

bool PasswordDialog::rememberPassword() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

} // namespace tp
