#pragma once

#include "error.h"
#include "redisclient.h"
#include "redisurl.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace tp {

namespace secrets {
class Keychain;
}
class QaChecklistModel;
class QaService;
struct QaEventResult;
struct QaPlannedEvent;

/// The QA module of an app (DESIGN.md "Validation, quarantine and live QA"): choose a version,
/// a Redis server and a session, Start — the events a test device (or `trackplanctl replay`)
/// appends to tp:{app}:debug:{session} tick off the version's planned events live: seen and
/// valid, seen with violations, not yet seen. The report saves as CSV or HTML.
class QaPage : public QWidget {
    Q_OBJECT
public:
    /// The service must outlive the page; `keychain` may be null (passwords not remembered).
    QaPage(QaService* service, secrets::Keychain* keychain, QWidget* parent = nullptr);
    ~QaPage() override;

    /// The app under QA; stops a running session and reloads the versions.
    void setApp(const QString& appKey);
    void setKeychainProblem(const QString& problem);
    [[nodiscard]] QaChecklistModel* model() const { return m_model; }

    void start();
    void stop();

private:
    void loadVersions();
    void onPlanLoaded(const QString& version, const QList<QaPlannedEvent>& events);
    void onEvents(const QList<QaEventResult>& results);
    void onFailed(const Error& error, RedisErrorKind kind);
    void onStopped();
    void setRunning(bool running);
    void updateSummary();
    void saveReport(bool html);

    QaService* m_service;
    secrets::Keychain* m_keychain;
    QString m_appKey;
    QString m_session;
    QaChecklistModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_version = nullptr;
    QComboBox* m_url = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QLineEdit* m_sessionEdit = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_filter = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QPushButton* m_saveHtml = nullptr;
    RedisUrl m_runUrl;
    bool m_passwordTyped = false;
    bool m_connected = false; ///< the running session got its plan (the URL is remembered on success)
};

} // namespace tp
