// A data steward's release day in the main window, against a real redis-server: File → Publish
// to Redis… opens the dialog for the current app, a publish lands in Redis and in the publish
// history, and the QA tab of the same window then checks a replayed capture against the version
// just published.

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "eventtablemodel.h"
#include "mainwindow.h"
#include "plancatalog.h"
#include "planfixture.h"
#include "publishdialog.h"
#include "publishhistory.h"
#include "publishservice.h"
#include "qachecklistmodel.h"
#include "qaservice.h"
#include "redisclient.h"
#include "replay.h"
#include "support/redisserver.h"
#include "support/review.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tp;

class TestPublishFlow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    tp::test::RedisServer m_redis;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
        QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
        QCoreApplication::setApplicationName(QStringLiteral("trackplan-publishflow-test"));
        // No keychain: nothing listens at this D-Bus address.
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
        QString error;
        QVERIFY2(m_redis.start(&error), qPrintable(error));
    }

    void publishFromTheMenuThenQa()
    {
        tp::test::SmallStore small;
        QVERIFY2(small.error.isEmpty(), qPrintable(small.error));
        QVERIFY(small.version(QStringLiteral("6.2.0"), VersionStatus::Released));
        Store& store = *small.store;
        store.setActor(QStringLiteral("rita")); // not registered: owns the file, may publish

        AppListModel apps;
        EventTableModel events;
        AttributeTableModel attributes;
        PlanCatalog catalog(store, &apps, &events, &attributes);
        PublishService publishing(store);
        QaService qa(store, [&small] { return Store::open(small.store->url()); });
        MainWindow window(&catalog);
        window.setPublishing(&publishing, nullptr);
        window.setLiveQa(&qa);
        window.resize(1300, 850);
        window.reload();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* appList = window.findChild<QListView*>(QStringLiteral("appList"));
        const QModelIndex userApp = apps.index(apps.rowOf(QStringLiteral("user-app")));
        QTest::mouseClick(appList->viewport(), Qt::LeftButton, {}, appList->visualRect(userApp).center());
        QTRY_COMPARE(catalog.currentAppKey(), QStringLiteral("user-app"));

        // File → Publish to Redis…
        auto* action = window.findChild<QAction*>(QStringLiteral("publishAction"));
        QVERIFY(action);
        QTRY_VERIFY(action->isEnabled());
        action->trigger();
        auto* dialog = window.findChild<PublishDialog*>(QStringLiteral("publishDialog"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->checkedVersions(), QStringList{QStringLiteral("6.2.0")});
        dialog->findChild<QComboBox*>(QStringLiteral("redisUrl"))->setEditText(m_redis.url());
        QSignalSpy finished(&publishing, &PublishService::finished);
        QSignalSpy failed(&publishing, &PublishService::failed);
        auto* publish = dialog->findChild<QPushButton*>(QStringLiteral("publishButton"));
        QVERIFY(publish->isEnabled());
        QTest::mouseClick(publish, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, 60000);
        QCOMPARE(failed.count(), 0);

        // Redis has the version; the store has the publish, by rita.
        auto redis = RedisClient::connect(*RedisUrl::parse(m_redis.url()));
        QVERIFY(redis);
        const QByteArray snapshot = (*redis)->command({"HGET", "tp:user-app:versions", "6.2.0"})->string;
        QVERIFY(!snapshot.isEmpty());
        QCOMPARE((*redis)->command({"GET", "tp:user-app:current"})->string, snapshot);
        auto history = PublishHistory(store.context()).list(QStringLiteral("user-app"));
        QVERIFY(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().by, QStringLiteral("rita"));
        QCOMPARE(history->first().snapshotId, QString::fromLatin1(snapshot));
        dialog->close();

        // A test device's capture, replayed; the QA tab of the same window ticks it off.
        const Plan plan = *store.versions().planAt(QStringLiteral("user-app"), QStringLiteral("6.2.0"));
        QVERIFY(!plan.events.isEmpty());
        const QString seen = plan.events.first().key;
        const QByteArray capture =
            QStringLiteral("{\"event\":\"%1\",\"app\":\"user-app\",\"app_version\":\"6.2.0\",\"platform\":\"ios\","
                           "\"anonymous_id\":\"a-1\",\"time\":\"2026-12-03T08:00:00Z\",\"properties\":{}}\n"
                           "{\"event\":\"not_in_plan\",\"app\":\"user-app\",\"app_version\":\"6.2.0\",\"platform\":"
                           "\"ios\",\"anonymous_id\":\"a-1\",\"time\":\"2026-12-03T08:00:01Z\",\"properties\":{}}\n")
                .arg(seen)
                .toUtf8();
        QBuffer in;
        in.setData(capture);
        QVERIFY(in.open(QIODevice::ReadOnly));
        auto replayed =
            replayCapture(**redis, in, debugStreamKey(QStringLiteral("user-app"), QStringLiteral("flow-1")));
        QVERIFY2(replayed, qPrintable(replayed ? QString() : replayed.error().message));
        QCOMPARE(*replayed, 2);

        auto* modules = window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
        QWidget* qaPage = window.findChild<QWidget*>(QStringLiteral("qaPage"));
        QVERIFY(modules && qaPage);
        modules->setCurrentWidget(qaPage);
        auto* versionBox = qaPage->findChild<QComboBox*>(QStringLiteral("qaVersion"));
        const int index = versionBox->findData(QStringLiteral("6.2.0"));
        QVERIFY(index >= 0);
        versionBox->setCurrentIndex(index);
        qaPage->findChild<QComboBox*>(QStringLiteral("qaRedisUrl"))->setEditText(m_redis.url());
        qaPage->findChild<QLineEdit*>(QStringLiteral("qaSession"))->setText(QStringLiteral("flow-1"));
        QTest::mouseClick(qaPage->findChild<QPushButton*>(QStringLiteral("qaStartButton")), Qt::LeftButton);
        auto* table = qaPage->findChild<QTableView*>(QStringLiteral("qaChecklist"));
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() == plan.events.size(), 20000);
        const QModelIndexList hits =
            table->model()->match(table->model()->index(0, 0), QaChecklistModel::KeyRole, seen, 1, Qt::MatchExactly);
        QCOMPARE(hits.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(hits.first().data(QaChecklistModel::SeenRole).toLongLong() == 1, 20000);
        QTest::mouseClick(qaPage->findChild<QPushButton*>(QStringLiteral("qaStopButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!qa.isRunning(), 20000);
    }
};

QTEST_MAIN(TestPublishFlow)
#include "tst_publishflow.moc"
