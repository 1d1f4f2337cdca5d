#pragma once

#include "error.h"
#include "publishservice.h"
#include "redislogin.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QTableWidget;
class QTabWidget;

namespace tp {

namespace secrets {
class Keychain;
}

/// File → Publish to Redis…: publishes the plan of the current app's frozen or released
/// versions to a Redis server (docs/redis-contract.md) — a dry run listing every key that would
/// change, the publish itself with progress and Cancel, a rollback, and the app's publish
/// history. The Redis password is typed, or kept in the system keychain when asked; recent
/// Redis URLs are kept in the settings without it.
class PublishDialog : public QDialog {
    Q_OBJECT
public:
    /// QSettings key of the recent Redis URLs (never with a password), most recent first.
    static constexpr const char* kRecentUrlsKey = redislogin::kRecentUrlsKey;

    /// The service must outlive the dialog; `keychain` may be null (passwords not remembered).
    PublishDialog(PublishService* service, secrets::Keychain* keychain, const QString& appKey, const QString& appName,
                  QWidget* parent = nullptr);
    ~PublishDialog() override;

    /// Why passwords cannot be remembered here (no system keychain); empty: as far as known they can.
    void setKeychainProblem(const QString& problem);

    /// The checked versions, oldest first.
    [[nodiscard]] QStringList checkedVersions() const;

    void reject() override; ///< while a run is going: cancels it and stays open

private:
    QWidget* createPublishTab();
    QWidget* createHistoryTab();
    void loadVersions();
    void loadHistory();
    void start(PublishService::Kind kind);
    void confirmRollback();
    void onProgress(int percent, const QString& stage);
    void onFinished(const PublishService::Outcome& outcome);
    void onFailed(const Error& error, RedisErrorKind kind);
    void setRunning(bool running);
    void showMessage(const QString& text, bool error);
    /// The URL of the fields with the password (typed, in the URL, or from the keychain), or
    /// why there is none.
    [[nodiscard]] Result<RedisUrl> enteredUrl();
    void rememberUrl(const RedisUrl& url);
    void updateButtons();

    PublishService* m_service;
    secrets::Keychain* m_keychain;
    QString m_appKey;
    QTabWidget* m_tabs = nullptr;
    QListWidget* m_versions = nullptr;
    QComboBox* m_url = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_keychainNote = nullptr;
    QPushButton* m_dryRun = nullptr;
    QPushButton* m_publish = nullptr;
    QPushButton* m_rollback = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stage = nullptr;
    QLabel* m_message = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QTableWidget* m_history = nullptr;
    RedisUrl m_runUrl;            ///< of the run going on
    bool m_passwordTyped = false; ///< the run's password came from the field
};

} // namespace tp
