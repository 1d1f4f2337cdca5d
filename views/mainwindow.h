#pragma once

#include "error.h"
#include "settingsdialog.h"
#include "storedialog.h"

#include <QMainWindow>

class QAction;
class QFrame;
class QLabel;
class QListView;
class QMenu;
class QModelIndex;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace tp {

namespace secrets {
class Keychain;
}
class AuditLogModel;
class AuditPage;
class DemandsPage;
class GovernanceCatalog;
class GovernancePage;
class PublishService;
class PlanCatalog;
class PlanPage;
class QaPage;
class QaService;
class VersionsPage;

/// The main window: the apps of the store on the left, the module pages of the selected app on
/// the right (its demands, its versions, its events and attributes), or a hint when the store has no apps
/// yet; the store and user in the status bar.
/// It wires actions and pages; the pages render. It opens no store itself: File → Open store…
/// and File → Recent stores ask for one with openStoreRequested(), the app layer opens it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// QSettings key of the UI language chosen in File → Settings ("" = the system's).
    static constexpr const char* kLanguageSetting = DesktopSettings::kLanguageKey;

    /// The catalog (and the store behind it) must outlive the window.
    explicit MainWindow(PlanCatalog* catalog, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Reloads the apps from the store and shows the plan of the app selected before (after
    /// restoreLayout: the one of the last session), else of the first app.
    void reload();
    /// Window geometry, splitters and the last app, as saved by saveLayout().
    void restoreLayout(const QSettings& settings);
    void saveLayout(QSettings& settings) const;

    /// The current store as StoreUrl::toString() (no password).
    [[nodiscard]] QString storeUrl() const;
    /// Why passwords cannot be remembered (no system keychain), as the app layer found out;
    /// the store dialog says so.
    void setKeychainProblem(const QString& problem) { m_keychainProblem = problem; }
    /// A short note about the store beside it in the status bar (e.g. that its password was
    /// not remembered), with the details as tooltip; empty hides it.
    void setStoreNote(const QString& note, const QString& details = {});
    /// Enables File → Publish to Redis… (for the current app). Both must outlive the window;
    /// `keychain` may be null (Redis passwords are then not remembered).
    void setPublishing(PublishService* service, secrets::Keychain* keychain);
    /// Adds the QA module tab (live QA of the current app over Redis). The service must outlive
    /// the window; call after setPublishing() so the page shares its keychain.
    void setLiveQa(QaService* service);
    /// Adds the Governance module tab (level approvals, distribution, policy and rules, their
    /// history) and the Audit tab of the store's audit log. Both must outlive the window; call
    /// before restoreLayout() so that their layout is restored too.
    void setGovernance(GovernanceCatalog* governance, AuditLogModel* audit);

Q_SIGNALS:
    /// The user chose a store to open (File → Open store…, File → Recent stores).
    void openStoreRequested(const tp::StoreChoice& choice);

private:
    void createActions();
    QWidget* createAppPanel();
    void createStatusBar();
    void fillRecentStoresMenu();
    void chooseStore();
    void editSettings();
    void openPublishDialog();
    void updatePublishAction();

    void selectApp(const QModelIndex& index);
    void onPlanLoaded(const QString& appKey);
    void onLoadingChanged(bool loading);
    void onLoadFailed(const QString& appKey, const Error& error);
    void updateStoreState();
    void updateBanner();
    void onReachabilityChanged(bool reachable, const QString& message);
    void showError(const QString& what, const Error& error);
    void showAbout();

    PlanCatalog* m_catalog;
    QSplitter* m_splitter = nullptr;
    QListView* m_appList = nullptr;
    QStackedWidget* m_rightStack = nullptr;
    QTabWidget* m_modules = nullptr;
    QWidget* m_modulesBox = nullptr;
    QFrame* m_banner = nullptr;
    QLabel* m_bannerLabel = nullptr;
    QFrame* m_offlineBanner = nullptr; ///< while the store does not answer
    QLabel* m_offlineLabel = nullptr;
    DemandsPage* m_demandsPage = nullptr;
    VersionsPage* m_versionsPage = nullptr;
    PlanPage* m_planPage = nullptr;
    QaPage* m_qaPage = nullptr;
    GovernancePage* m_governancePage = nullptr;
    AuditPage* m_auditPage = nullptr;
    QLabel* m_emptyStore = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_storeNote = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_publishAction = nullptr;
    PublishService* m_publishService = nullptr;
    secrets::Keychain* m_keychain = nullptr;
    QString m_preferredApp;
    QString m_keychainProblem;
};

} // namespace tp
