#include "mainwindow.h"

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "auditpage.h"
#include "demandlistmodel.h"
#include "demandspage.h"
#include "eventtablemodel.h"
#include "governancepage.h"
#include "plancatalog.h"
#include "planpage.h"
#include "publishdialog.h"
#include "qapage.h"
#include "recentstores.h"
#include "settingsdialog.h"
#include "storedialog.h"
#include "versionspage.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace tp {
namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kMainSplitterKey = QStringLiteral("mainWindow/mainSplitter");
const QString kContentSplitterKey = QStringLiteral("mainWindow/contentSplitter");
const QString kDemandSplitterKey = QStringLiteral("mainWindow/demandSplitter");
const QString kVersionSplitterKey = QStringLiteral("mainWindow/versionSplitter");
const QString kGovernanceKey = QStringLiteral("mainWindow/governancePage");
const QString kAuditKey = QStringLiteral("mainWindow/auditPage");
const QString kModuleKey = QStringLiteral("mainWindow/module");
const QString kAppKey = QStringLiteral("mainWindow/app");

/// The status bar's "User: …" and what it means, by where the role comes from.
std::pair<QString, QString> identityTexts(const Identity& id)
{
    const QString role = roleLabel(id.role);
    switch (id.source) {
    case Identity::Source::Registered:
        return {MainWindow::tr("User: %1 · %2").arg(id.user, role),
                MainWindow::tr("%1 is a registered user of this store with the role %2.").arg(id.user, role)};
    case Identity::Source::Login:
        return {MainWindow::tr("User: %1 · %2").arg(id.user, role),
                MainWindow::tr("%1 is logged in to the PostgreSQL server, which gives the login the role %2 and "
                               "enforces it.")
                    .arg(id.user, role)};
    case Identity::Source::FileOwner:
        return {MainWindow::tr("User: %1 · owner of this SQLite file (%2)").arg(id.user, roleLabel(Role::Admin)),
                MainWindow::tr("%1 is not a registered user of this SQLite file and so acts as its owner, with "
                               "every right of an admin. Set TRACKPLAN_USER to act as a registered user.")
                    .arg(id.user)};
    case Identity::Source::NoRole:
        return {MainWindow::tr("User: %1 · no TrackPlan role").arg(id.user),
                MainWindow::tr("The login %1 has no TrackPlan role on this PostgreSQL server: it may read and change "
                               "nothing. An admin gives it one (trackplanctl admin set-role).")
                    .arg(id.user)};
    case Identity::Source::Unchecked:
        break;
    }
    return {MainWindow::tr("User: %1").arg(id.user), QString()};
}

} // namespace

MainWindow::MainWindow(PlanCatalog* catalog, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createAppPanel());
    m_rightStack = new QStackedWidget(m_splitter);
    // The module pages of the selected app.
    m_modules = new QTabWidget(m_rightStack);
    m_modules->setObjectName(QStringLiteral("moduleTabs"));
    m_demandsPage = new DemandsPage(catalog, m_modules);
    m_versionsPage = new VersionsPage(catalog, m_modules);
    m_planPage = new PlanPage(catalog, m_modules);
    m_modules->addTab(m_demandsPage, tr("Demands"));
    m_modules->addTab(m_versionsPage, tr("Versions"));
    m_modules->addTab(m_planPage, tr("Events && attributes"));
    m_modules->setCurrentWidget(m_planPage);
    m_emptyStore = new QLabel(m_rightStack);
    m_emptyStore->setObjectName(QStringLiteral("emptyStoreMessage"));
    m_emptyStore->setAlignment(Qt::AlignCenter);
    m_emptyStore->setWordWrap(true);
    m_emptyStore->setTextFormat(Qt::RichText);
    m_emptyStore->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyStore->setMargin(32);
    // The banner above the module pages while edits go into a demand.
    auto* modulesBox = new QWidget(m_rightStack);
    auto* modulesLayout = new QVBoxLayout(modulesBox);
    modulesLayout->setContentsMargins(0, 0, 0, 0);
    modulesLayout->setSpacing(0);
    m_banner = new QFrame(modulesBox);
    m_banner->setObjectName(QStringLiteral("activeDemandBanner"));
    m_banner->setStyleSheet(
        QStringLiteral("#activeDemandBanner { background: #fff4d6; border-bottom: 1px solid #e0c27a; }"));
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(10, 6, 10, 6);
    m_bannerLabel = new QLabel(m_banner);
    m_bannerLabel->setObjectName(QStringLiteral("activeDemandLabel"));
    m_bannerLabel->setStyleSheet(QStringLiteral("color: #5c4400;"));
    auto* stop = new QPushButton(tr("Stop working under it"), m_banner);
    stop->setObjectName(QStringLiteral("stopWorkingButton"));
    connect(stop, &QPushButton::clicked, this, [this] { static_cast<void>(m_catalog->setActiveDemand({})); });
    bannerLayout->addWidget(m_bannerLabel, 1);
    bannerLayout->addWidget(stop);
    m_banner->hide();
    // The banner that says the store does not answer (server down, network gone).
    m_offlineBanner = new QFrame(modulesBox);
    m_offlineBanner->setObjectName(QStringLiteral("connectionBanner"));
    m_offlineBanner->setStyleSheet(
        QStringLiteral("#connectionBanner { background: #ffebe9; border-bottom: 1px solid #ff8182; }"));
    auto* offlineLayout = new QHBoxLayout(m_offlineBanner);
    offlineLayout->setContentsMargins(10, 6, 10, 6);
    m_offlineLabel = new QLabel(m_offlineBanner);
    m_offlineLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_offlineLabel->setWordWrap(true);
    m_offlineLabel->setStyleSheet(QStringLiteral("color: #82071e;"));
    offlineLayout->addWidget(m_offlineLabel, 1);
    m_offlineBanner->hide();
    modulesLayout->addWidget(m_offlineBanner);
    connect(m_catalog, &PlanCatalog::reachabilityChanged, this, &MainWindow::onReachabilityChanged);
    modulesLayout->addWidget(m_banner);
    modulesLayout->addWidget(m_modules, 1);
    m_modulesBox = modulesBox;
    m_rightStack->addWidget(modulesBox);
    connect(m_catalog, &PlanCatalog::activeDemandChanged, this, &MainWindow::updateBanner);
    connect(m_catalog, &PlanCatalog::appsChanged, this, &MainWindow::reload);
    m_rightStack->addWidget(m_emptyStore);
    m_splitter->addWidget(m_rightStack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({200, 1300});
    setCentralWidget(m_splitter);

    createActions();
    createStatusBar();

    connect(m_catalog, &PlanCatalog::planLoaded, this, &MainWindow::onPlanLoaded);
    connect(m_catalog, &PlanCatalog::loadingChanged, this, &MainWindow::onLoadingChanged);
    connect(m_catalog, &PlanCatalog::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_catalog->appModel(), &QAbstractItemModel::modelReset, this, &MainWindow::updateStoreState);
    onPlanLoaded(m_catalog->currentAppKey());
    updateStoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open store…"), this, &MainWindow::chooseStore);
    open->setObjectName(QStringLiteral("openStoreAction"));
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Recent &stores"));
    m_recentMenu->setObjectName(QStringLiteral("recentStoresMenu"));
    // Another window or instance may have opened stores meanwhile.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentStoresMenu);
    fillRecentStoresMenu();
    QAction* reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setObjectName(QStringLiteral("reloadAction"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    m_publishAction = file->addAction(tr("&Publish to Redis…"), this, &MainWindow::openPublishDialog);
    m_publishAction->setObjectName(QStringLiteral("publishAction"));
    m_publishAction->setEnabled(false);
    file->setToolTipsVisible(true); // a disabled Publish says why
    connect(m_catalog, &PlanCatalog::identityChanged, this, &MainWindow::updatePublishAction);
    file->addSeparator();
    QAction* settings = file->addAction(tr("Se&ttings…"), this, &MainWindow::editSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    // The platform's own shortcut; where it has none (X11 without a desktop's theme), Ctrl+,.
    settings->setShortcuts(QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                               ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                               : QKeySequence::keyBindings(QKeySequence::Preferences));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_planPage->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_planPage->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcuts({QKeySequence(QKeySequence::Redo), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* find = edit->addAction(tr("&Find…"), this, [this] {
        if (m_modules->currentWidget() == m_demandsPage) {
            m_demandsPage->focusSearch();
        } else {
            m_planPage->focusSearch();
        }
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About TrackPlan"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::fillRecentStoresMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentStores(QSettings());
    const QString current = storeUrl();
    for (int i = 0; i < recent.size(); ++i) {
        const auto url = StoreUrl::parse(recent.at(i));
        if (!url) {
            continue;
        }
        // Display strings never contain a password (nor do the stored URLs).
        QAction* a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(url->displayString()));
        a->setObjectName(QStringLiteral("recentStore_%1").arg(i));
        a->setData(recent.at(i));
        a->setCheckable(true);
        a->setChecked(recent.at(i) == current);
        connect(a, &QAction::triggered, this, [this, a] {
            const QString url = a->data().toString();
            a->setChecked(url == storeUrl());
            if (url != storeUrl()) {
                Q_EMIT openStoreRequested(StoreChoice{url, {}, false});
            }
        });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent stores"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear the list"), this, [] {
        QSettings settings;
        clearRecentStores(settings);
    });
    clear->setObjectName(QStringLiteral("clearRecentStoresAction"));
}

void MainWindow::chooseStore()
{
    StoreDialog dialog(recentStores(QSettings()), this);
    dialog.setUrl(storeUrl());
    dialog.setKeychainProblem(m_keychainProblem);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    Q_EMIT openStoreRequested(dialog.choice());
}

void MainWindow::setPublishing(PublishService* service, secrets::Keychain* keychain)
{
    m_publishService = service;
    m_keychain = keychain;
    updatePublishAction();
}

void MainWindow::setLiveQa(QaService* service)
{
    if (m_qaPage || !service) {
        return;
    }
    m_qaPage = new QaPage(service, m_keychain, m_modules);
    m_qaPage->setKeychainProblem(m_keychainProblem);
    m_modules->addTab(m_qaPage, tr("QA"));
    m_qaPage->setApp(m_catalog->currentAppKey());
}

void MainWindow::setGovernance(GovernanceCatalog* governance, AuditLogModel* audit)
{
    if (m_governancePage || !governance || !audit) {
        return;
    }
    m_governancePage = new GovernancePage(m_catalog, governance, m_modules);
    m_modules->addTab(m_governancePage, tr("Governance"));
    m_auditPage = new AuditPage(m_catalog, audit, m_modules);
    m_modules->addTab(m_auditPage, tr("Audit"));
}

void MainWindow::updatePublishAction()
{
    const QString denied = m_catalog->deniedReason(Permission::Publish);
    m_publishAction->setEnabled(m_publishService && !m_catalog->currentAppKey().isEmpty() && denied.isEmpty());
    m_publishAction->setToolTip(
        denied.isEmpty() ? tr("Publish the current app's versions to Redis for the collection services") : denied);
}

void MainWindow::openPublishDialog()
{
    const QString appKey = m_catalog->currentAppKey();
    if (!m_publishService || appKey.isEmpty() || !m_catalog->deniedReason(Permission::Publish).isEmpty()) {
        return;
    }
    const AppListModel* apps = m_catalog->appModel();
    const QModelIndex app = apps->index(apps->rowOf(appKey));
    // Not modal to the app: publishing takes a while and the plan stays readable meanwhile.
    auto* dialog = new PublishDialog(m_publishService, m_keychain, appKey,
                                     app.isValid() ? app.data(Qt::DisplayRole).toString() : appKey, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setKeychainProblem(m_keychainProblem);
    dialog->show();
}

void MainWindow::editSettings()
{
    const DesktopSettings before = DesktopSettings::load(QSettings());
    SettingsDialog dialog(before, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const DesktopSettings after = dialog.settings();
    QSettings settings;
    after.save(settings);
    m_catalog->watchForChanges(after.pollSeconds * 1000);
    if (after.language != before.language) {
        statusBar()->showMessage(tr("The new language shows when TrackPlan starts again."), 10000);
    }
}

QString MainWindow::storeUrl() const
{
    const auto url = StoreUrl::parse(m_catalog->storeDisplayName());
    return url ? url->toString() : QString();
}

QWidget* MainWindow::createAppPanel()
{
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(6, 6, 0, 6);
    auto* title = new QLabel(tr("Apps"), panel);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_appList = new QListView(panel);
    m_appList->setObjectName(QStringLiteral("appList"));
    m_appList->setModel(m_catalog->appModel());
    m_appList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_appList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_appList->setUniformItemSizes(true);
    m_appList->setSpacing(2);
    title->setBuddy(m_appList);
    layout->addWidget(title);
    layout->addWidget(m_appList);
    connect(m_appList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { selectApp(current); });
    return panel;
}

void MainWindow::createStatusBar()
{
    // The store is shown by its display string, which never contains a password.
    auto* store = new QLabel(tr("Store: %1").arg(m_catalog->storeDisplayName()), this);
    store->setObjectName(QStringLiteral("storeLabel"));
    store->setToolTip(m_catalog->storeDisplayName());
    auto* user = new QLabel(this);
    user->setObjectName(QStringLiteral("userLabel"));
    const auto showIdentity = [this, user] {
        const auto [text, tip] = identityTexts(m_catalog->identity());
        user->setText(text);
        user->setToolTip(tip);
    };
    showIdentity();
    connect(m_catalog, &PlanCatalog::identityChanged, user, showIdentity);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_storeNote = new QLabel(this);
    m_storeNote->setObjectName(QStringLiteral("storeNoteLabel"));
    m_storeNote->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_storeNote->hide();
    statusBar()->addWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_storeNote);
    statusBar()->addPermanentWidget(store);
    statusBar()->addPermanentWidget(user);
}

void MainWindow::setStoreNote(const QString& note, const QString& details)
{
    m_storeNote->setText(note);
    m_storeNote->setToolTip(details);
    m_storeNote->setVisible(!note.isEmpty());
}

void MainWindow::reload()
{
    if (m_appList->currentIndex().isValid()) {
        m_preferredApp = m_appList->currentIndex().data(AppListModel::KeyRole).toString();
    }
    if (Status s = m_catalog->reloadApps(); !s) {
        showError(tr("Cannot read the apps of the store."), s.error());
        return;
    }
    AppListModel* apps = m_catalog->appModel();
    int row = apps->rowOf(m_preferredApp);
    if (row < 0 && apps->rowCount() > 0) {
        row = 0;
    }
    if (row >= 0) {
        m_appList->setCurrentIndex(apps->index(row));
    } else {
        m_catalog->requestApp({});
    }
}

void MainWindow::selectApp(const QModelIndex& index)
{
    const QString key = index.data(AppListModel::KeyRole).toString();
    if (!key.isEmpty()) {
        m_preferredApp = key;
    }
    m_catalog->requestApp(key);
}

void MainWindow::onLoadingChanged(bool loading)
{
    if (loading) {
        QApplication::setOverrideCursor(Qt::BusyCursor);
        statusBar()->showMessage(tr("Loading the plan of %1…").arg(m_preferredApp));
    } else {
        QApplication::restoreOverrideCursor();
        statusBar()->clearMessage();
    }
}

void MainWindow::onLoadFailed(const QString& appKey, const Error& error)
{
    showError(tr("Cannot load the plan of %1.").arg(appKey), error);
}

void MainWindow::onPlanLoaded(const QString& appKey)
{
    const AppListModel* apps = m_catalog->appModel();
    const QModelIndex app = apps->index(apps->rowOf(appKey));
    const QString name = app.isValid() ? app.data(Qt::DisplayRole).toString() : QString();
    setWindowTitle(name.isEmpty() ? tr("TrackPlan") : tr("%1 — TrackPlan").arg(name));
    updatePublishAction();
    if (m_qaPage) {
        m_qaPage->setApp(appKey);
    }
    const int events = m_catalog->eventModel()->totalCount();
    const int attributes = m_catalog->attributeModel()->rowCount();
    m_countLabel->setText(appKey.isEmpty() ? QString()
                                           : tr("%1: %2 · %3")
                                                 .arg(appKey, tr("%Ln event(s)", nullptr, events),
                                                      tr("%Ln attribute(s)", nullptr, attributes)));
}

void MainWindow::updateStoreState()
{
    const bool empty = m_catalog->appModel()->rowCount() == 0;
    m_emptyStore->setText(tr("<h3>No apps in this store yet</h3>"
                             "<p>Run <code>trackplanctl --db %1 demo</code> to fill it with a demo plan, "
                             "or <code>trackplanctl --db %1 import FILE</code> to load an export, "
                             "then choose <b>File → Reload</b>. "
                             "<b>File → Open store…</b> opens another store.</p>")
                              .arg(m_catalog->storeDisplayName().toHtmlEscaped()));
    m_rightStack->setCurrentWidget(empty ? m_emptyStore : m_modulesBox);
}

void MainWindow::updateBanner()
{
    const QString key = m_catalog->activeDemand();
    const int row = m_catalog->demandModel()->rowOf(key);
    const QString title = row >= 0 ? m_catalog->demandModel()->demands().at(row).title : QString();
    m_bannerLabel->setText(tr("✎ Working under <b>%1</b> %2 — new and changed events go into its change set.")
                               .arg(key.toHtmlEscaped(), title.toHtmlEscaped()));
    m_banner->setVisible(!key.isEmpty());
}

void MainWindow::onReachabilityChanged(bool reachable, const QString& message)
{
    if (reachable) {
        m_offlineBanner->hide();
        statusBar()->showMessage(tr("The store answers again; what changed meanwhile is loaded."), 10000);
        return;
    }
    m_offlineLabel->setText(tr("The store does not answer (%1). What you see may be out of date, and saving waits "
                               "until it answers again; an open editor keeps what you typed. TrackPlan keeps trying.")
                                .arg(message));
    m_offlineBanner->show();
}

void MainWindow::showError(const QString& what, const Error& error)
{
    statusBar()->showMessage(what, 10000);
    QMessageBox::warning(this, tr("TrackPlan"), QStringLiteral("%1\n\n%2").arg(what, error.toString()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About TrackPlan"),
                       tr("<h3>TrackPlan %1</h3>"
                          "<p>Manage an app company's tracking plan: the events the apps report, their "
                          "attributes, the demands that change them and the versions that release them.</p>"
                          "<p>Store: %2<br>User: %3</p>")
                           .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                                m_catalog->storeDisplayName().toHtmlEscaped(), m_catalog->actor().toHtmlEscaped()));
}

void MainWindow::restoreLayout(const QSettings& settings)
{
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First run: most of the screen, the tables have many columns.
        const QRect available = screen()->availableGeometry();
        resize(std::min(1500, available.width() * 9 / 10), std::min(940, available.height() * 9 / 10));
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kMainSplitterKey).toByteArray());
    m_planPage->restoreState(settings.value(kContentSplitterKey).toByteArray());
    m_demandsPage->restoreState(settings.value(kDemandSplitterKey).toByteArray());
    m_versionsPage->restoreState(settings.value(kVersionSplitterKey).toByteArray());
    if (m_governancePage) {
        m_governancePage->restoreState(settings.value(kGovernanceKey).toByteArray());
        m_auditPage->restoreState(settings.value(kAuditKey).toByteArray());
    }
    m_modules->setCurrentIndex(std::clamp(settings.value(kModuleKey, 2).toInt(), 0, m_modules->count() - 1));
    m_preferredApp = settings.value(kAppKey).toString();
}

void MainWindow::saveLayout(QSettings& settings) const
{
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kMainSplitterKey, m_splitter->saveState());
    settings.setValue(kContentSplitterKey, m_planPage->saveState());
    settings.setValue(kDemandSplitterKey, m_demandsPage->saveState());
    settings.setValue(kVersionSplitterKey, m_versionsPage->saveState());
    if (m_governancePage) {
        settings.setValue(kGovernanceKey, m_governancePage->saveState());
        settings.setValue(kAuditKey, m_auditPage->saveState());
    }
    settings.setValue(kModuleKey, m_modules->currentIndex());
    settings.setValue(kAppKey, m_catalog->currentAppKey());
}

} // namespace tp
