#pragma once

#include "error.h"
#include "storeurl.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QSpinBox;
class QTabWidget;

namespace tp {

/// The store to open, as the store dialog produced it. The app layer opens it; the password
/// travels apart from the URL, which never contains one.
struct StoreChoice {
    QString url;                   ///< StoreUrl::toString(): a SQLite file or postgresql://… without password
    QString password;              ///< typed in the dialog (PostgreSQL), empty if none
    bool rememberPassword = false; ///< keep `password` in the system keychain
};

/// File → Open store…: a SQLite file (an existing one or a new one) or a PostgreSQL server
/// (host, port, database, user and password, or a pasted postgresql:// URL), and the recent
/// stores. It only produces a StoreChoice; it opens nothing.
class StoreDialog : public QDialog {
    Q_OBJECT
public:
    /// `recent`: the recent stores, most recent first (recentStores()).
    explicit StoreDialog(const QStringList& recent, QWidget* parent = nullptr);
    ~StoreDialog() override;

    /// Fills the fields from a store URL (the current store, a recent one).
    void setUrl(const QString& url);
    /// Why passwords cannot be remembered here (no system keychain); empty: as far as known they can.
    void setKeychainProblem(const QString& problem);

    [[nodiscard]] StoreChoice choice() const;
    /// Why the input names no store yet (shown in the dialog too); empty when it does.
    [[nodiscard]] QString errorText() const;

private:
    QWidget* createSqliteTab();
    QWidget* createPostgresTab();
    void browse();
    void urlEdited(const QString& text);
    void fieldsEdited();
    void recentActivated(QListWidgetItem* item);
    void validate();
    /// The store the fields name, or why they name none.
    [[nodiscard]] Result<StoreUrl> enteredUrl() const;

    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_pathNote = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_keychainNote = nullptr;
    QListWidget* m_recent = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_urlError; ///< the pasted URL does not parse
};

} // namespace tp
