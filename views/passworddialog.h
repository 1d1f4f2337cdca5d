#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace tp {

/// Asks for the password of a store that did not open without one (or with the one the
/// keychain had), showing the server's answer.
class PasswordDialog : public QDialog {
    Q_OBJECT
public:
    /// `store`: its display string (no password); `serverMessage`: why opening failed.
    PasswordDialog(const QString& store, const QString& serverMessage, QWidget* parent = nullptr);

    /// Why passwords cannot be remembered here (no system keychain); empty: as far as known they can.
    void setKeychainProblem(const QString& problem);

    [[nodiscard]] QString password() const;
    [[nodiscard]] bool rememberPassword() const;

private:
    QLineEdit* m_password;
    QCheckBox* m_remember;
};

} // namespace tp
