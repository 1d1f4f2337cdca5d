// The Publish dialog driven as a release manager would, against a real redis-server (with a
// password) and a real SQLite store: a dry run lists keys and writes nothing, a publish fills
// Redis and the publish history, a wrong password shows the server's refusal, a cancelled
// publish leaves the pointers alone, a rollback restores them, and the password never reaches
// the settings file.

#include "support/review.h"
#include "keychain.h"
#include "planfixture.h"
#include "publishdialog.h"
#include "publishhistory.h"
#include "publishservice.h"
#include "redisclient.h"
#include "support/redisserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tp;
using tp::test::SmallStore;

namespace {

const QString kApp = QStringLiteral("user-app");
const QString kPassword = QStringLiteral("s3cret-Pa55");

} // namespace

class TestPublishDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void releasedVersionsAreChecked();
    void dryRunListsKeysAndWritesNothing();
    void publishFillsRedisAndHistory();
    void wrongPasswordShowsAuthError();
    void cancelLeavesPointersUnchanged();
    void rollbackRestoresPointers();
    void passwordNeverInSettings();

private:
    template <typename T> T* child(const char* name) const
    {
        T* w = m_dialog->findChild<T*>(QString::fromLatin1(name));
        if (!w) {
            qFatal("no %s in the publish dialog", name);
        }
        return w;
    }
    /// Fills the connection fields.
    void connectTo(const QString& password)
    {
        auto* url = child<QComboBox>("redisUrl");
        url->setEditText(m_redis.url());
        auto* edit = child<QLineEdit>("redisPassword");
        edit->clear();
        QTest::keyClicks(edit, password);
    }
    /// Clicks a button and waits until the run it started has reported.
    [[nodiscard]] bool run(const char* button)
    {
        QSignalSpy finished(m_service.get(), &PublishService::finished);
        QSignalSpy failed(m_service.get(), &PublishService::failed);
        QPushButton* b = child<QPushButton>(button);
        if (!b->isEnabled()) {
            return false;
        }
        QTest::mouseClick(b, Qt::LeftButton);
        return QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000);
    }
    [[nodiscard]] RedisClient& redis()
    {
        if (!m_client) {
            RedisUrl url = *RedisUrl::parse(m_redis.url());
            url.password = kPassword;
            auto c = RedisClient::connect(url);
            if (!c) {
                qFatal("cannot connect to the test Redis: %s", qPrintable(c.error().message));
            }
            m_client = std::move(*c);
        }
        return *m_client;
    }
    [[nodiscard]] qint64 dbSize() { return redis().command({"DBSIZE"})->integer; }
    [[nodiscard]] QByteArray current() { return redis().command({"GET", "tp:user-app:current"})->string; }
    [[nodiscard]] QList<std::pair<QByteArray, QByteArray>> versions()
    {
        return redis().command({"HGETALL", "tp:user-app:versions"})->pairs();
    }
    [[nodiscard]] QString message() const { return child<QLabel>("publishMessage")->text(); }
    void checkOnly(const QStringList& names)
    {
        auto* list = child<QListWidget>("publishVersions");
        for (int i = 0; i < list->count(); ++i) {
            const bool want = names.contains(list->item(i)->text().section(QLatin1Char(' '), 0, 0));
            list->item(i)->setCheckState(want ? Qt::Checked : Qt::Unchecked);
        }
    }

    QTemporaryDir m_dir;
    tp::test::RedisServer m_redis;
    std::unique_ptr<RedisClient> m_client;
    std::unique_ptr<secrets::Keychain> m_keychain;
    std::unique_ptr<SmallStore> m_store;
    std::unique_ptr<PublishService> m_service;
    std::unique_ptr<PublishDialog> m_dialog;
};

void TestPublishDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Settings in a folder of this test only, so that the file can be read back.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan-publishdialog-test"));
    // No keychain service: nothing listens at this D-Bus address (the user's own keychain is
    // never touched by the test).
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
    m_keychain = std::make_unique<secrets::Keychain>(QStringLiteral("TrackPlan-test"));
    m_keychain->setTimeout(10000);
    m_redis.setPassword(kPassword);
    QString error;
    QVERIFY2(m_redis.start(&error), qPrintable(error));
}

void TestPublishDialog::init()
{
    QVERIFY(redis().command({"FLUSHALL"}));
    QSettings().clear();
    m_store = std::make_unique<SmallStore>();
    QVERIFY2(m_store->error.isEmpty(), qPrintable(m_store->error));
    QVERIFY(m_store->version(QStringLiteral("6.2.0"), VersionStatus::Released));
    // 6.3.0 differs from 6.2.0: one more event.
    auto draft = m_store->draft(QStringLiteral("Refund"));
    QVERIFY(draft);
    QVERIFY(m_store->store->demands().saveBatch(
        draft->key, {}, {tp::test::makeEvent(QStringLiteral("order_refund"), QStringLiteral("退款"), Level::C)}));
    for (auto step : {&DemandService::submit, &DemandService::approve}) {
        QVERIFY((m_store->store->demands().*step)(draft->key, QString()));
    }
    QVERIFY(tp::test::completeReview(*m_store->store, draft->key));
    QVERIFY(m_store->store->demands().merge(draft->key));
    QVERIFY(m_store->version(QStringLiteral("6.3.0"), VersionStatus::Released));
    QVERIFY(m_store->version(QStringLiteral("6.4.0"), VersionStatus::Frozen));
    m_store->store->setActor(QStringLiteral("rita"));
    m_service = std::make_unique<PublishService>(*m_store->store);
    m_dialog = std::make_unique<PublishDialog>(m_service.get(), nullptr, kApp, QStringLiteral("User app"));
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestPublishDialog::cleanup()
{
    m_dialog.reset();
    m_service.reset();
    m_store.reset();
}

void TestPublishDialog::releasedVersionsAreChecked()
{
    QCOMPARE(child<QListWidget>("publishVersions")->count(), 3);
    QCOMPARE(m_dialog->checkedVersions(), (QStringList{QStringLiteral("6.2.0"), QStringLiteral("6.3.0")}));
    // No URL yet: nothing to run.
    QVERIFY(!child<QPushButton>("publishButton")->isEnabled());
    connectTo(kPassword);
    QVERIFY(child<QPushButton>("publishButton")->isEnabled());
    QVERIFY(child<QPushButton>("dryRunButton")->isEnabled());
}

void TestPublishDialog::dryRunListsKeysAndWritesNothing()
{
    connectTo(kPassword);
    const qint64 before = dbSize();
    QVERIFY(run("dryRunButton"));
    const QString keys = child<QPlainTextEdit>("publishDetails")->toPlainText();
    QVERIFY2(keys.contains(QStringLiteral("tp:user-app:current")), qPrintable(keys));
    QVERIFY(keys.contains(QStringLiteral("tp:user-app:versions")));
    QVERIFY(keys.contains(QStringLiteral("tp:user-app:schema:")));
    QVERIFY(keys.contains(QStringLiteral(":snap:")));
    QVERIFY2(message().contains(QStringLiteral("Dry run")), qPrintable(message()));
    QCOMPARE(dbSize(), before);
    QCOMPARE(m_service->history(kApp)->size(), 0);
    QCOMPARE(child<QTableWidget>("publishHistory")->rowCount(), 0);
}

void TestPublishDialog::publishFillsRedisAndHistory()
{
    connectTo(kPassword);
    QVERIFY(run("publishButton"));
    QVERIFY2(message().contains(QStringLiteral("Published")), qPrintable(message()));
    const QByteArray snapshot = current();
    QCOMPARE(snapshot.size(), 32);
    const auto pointers = versions();
    QCOMPARE(pointers.size(), 2);
    QMap<QByteArray, QByteArray> byVersion;
    for (const auto& [version, id] : pointers) {
        byVersion.insert(version, id);
    }
    QCOMPARE(byVersion.keys(), (QList<QByteArray>{"6.2.0", "6.3.0"}));
    QVERIFY(byVersion.value("6.2.0") != byVersion.value("6.3.0"));
    // The newest version is current.
    QCOMPARE(snapshot, byVersion.value("6.3.0"));
    QVERIFY(dbSize() > 0);

    auto history = m_service->history(kApp);
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    const PublishRecord& entry = history->first();
    QVERIFY(entry.ok);
    QCOMPARE(entry.by, QStringLiteral("rita"));
    QCOMPARE(entry.snapshotId, QString::fromLatin1(snapshot));
    QCOMPARE(entry.versions.keys(), (QStringList{QStringLiteral("6.2.0"), QStringLiteral("6.3.0")}));
    QVERIFY(!entry.redisTarget.contains(kPassword));
    auto* table = child<QTableWidget>("publishHistory");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("rita"));
    QCOMPARE(table->item(0, 3)->text(), QString::fromLatin1(snapshot));
}

void TestPublishDialog::wrongPasswordShowsAuthError()
{
    connectTo(QStringLiteral("not-the-password"));
    QVERIFY(run("publishButton"));
    QVERIFY2(message().contains(QStringLiteral("authentication failed")), qPrintable(message()));
    QVERIFY(!message().contains(QStringLiteral("not-the-password")));
    QCOMPARE(dbSize(), 0);
    QCOMPARE(m_service->history(kApp)->size(), 0);
    // The dialog is usable again.
    QVERIFY(child<QPushButton>("publishButton")->isEnabled());
    QVERIFY(child<QLineEdit>("redisPassword")->isEnabled());
}

void TestPublishDialog::cancelLeavesPointersUnchanged()
{
    connectTo(kPassword);
    checkOnly({QStringLiteral("6.2.0")});
    QVERIFY(run("publishButton"));
    const QByteArray before = current();
    const auto pointersBefore = versions();
    QCOMPARE(pointersBefore.size(), 1);

    // Publish 6.2.0–6.4.0 and cancel while it runs (the GUI thread is free meanwhile).
    checkOnly({QStringLiteral("6.2.0"), QStringLiteral("6.3.0"), QStringLiteral("6.4.0")});
    QSignalSpy failed(m_service.get(), &PublishService::failed);
    QSignalSpy finished(m_service.get(), &PublishService::finished);
    QTest::mouseClick(child<QPushButton>("publishButton"), Qt::LeftButton);
    QVERIFY(m_service->isRunning());
    auto* cancel = child<QPushButton>("cancelPublishButton");
    QVERIFY(cancel->isVisible() && cancel->isEnabled());
    QVERIFY(!child<QPushButton>("publishButton")->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return failed.count() + finished.count() > 0; }, 60000));
    QCOMPARE(finished.count(), 0);
    QVERIFY2(message().contains(QStringLiteral("Cancelled")), qPrintable(message()));
    QCOMPARE(current(), before);
    QCOMPARE(versions(), pointersBefore);
    QCOMPARE(m_service->history(kApp)->size(), 1); // the first publish only
}

void TestPublishDialog::rollbackRestoresPointers()
{
    connectTo(kPassword);
    checkOnly({QStringLiteral("6.2.0")});
    QVERIFY(run("publishButton"));
    const QByteArray first = current();
    checkOnly({QStringLiteral("6.2.0"), QStringLiteral("6.3.0")});
    QVERIFY(run("publishButton"));
    QVERIFY(current() != first);

    QSignalSpy finished(m_service.get(), &PublishService::finished);
    QTest::mouseClick(child<QPushButton>("rollbackButton"), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QVERIFY(QTest::qWaitFor([&] {
        box = m_dialog->findChild<QMessageBox*>(QStringLiteral("rollbackConfirm"));
        return box && box->isVisible();
    }));
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("confirmButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000) || finished.count() > 0);
    QCOMPARE(current(), first);
    QCOMPARE(versions().size(), 1);
    auto history = m_service->history(kApp);
    QCOMPARE(history->size(), 3);
    QCOMPARE(toString(history->first().action), QStringLiteral("rollback"));
    QCOMPARE(child<QTableWidget>("publishHistory")->rowCount(), 3);
}

void TestPublishDialog::passwordNeverInSettings()
{
    // With a keychain asked to remember (it is unreachable here, so nothing is kept at all).
    m_dialog = std::make_unique<PublishDialog>(m_service.get(), m_keychain.get(), kApp, QStringLiteral("User app"));
    m_dialog->show();
    QVERIFY(child<QCheckBox>("rememberRedisPassword")->isChecked());
    connectTo(kPassword);
    QVERIFY(run("publishButton"));
    QVERIFY2(message().contains(QStringLiteral("Published")), qPrintable(message()));
    // The keychain said why it could not keep the password.
    QVERIFY(child<QLabel>("keychainNoteLabel")->isVisibleTo(m_dialog.get()));
    QSettings settings;
    settings.sync();
    const QStringList recent = settings.value(QLatin1String(PublishDialog::kRecentUrlsKey)).toStringList();
    QCOMPARE(recent, QStringList{RedisUrl::parse(m_redis.url())->displayString()});
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("redis://"));
    QVERIFY(!text.contains(kPassword.toUtf8()));
    // A new dialog offers the recent server, without a password.
    PublishDialog again(m_service.get(), nullptr, kApp, QStringLiteral("User app"));
    auto* url = again.findChild<QComboBox*>(QStringLiteral("redisUrl"));
    QCOMPARE(url->currentText(), recent.first());
    QVERIFY(again.findChild<QLineEdit*>(QStringLiteral("redisPassword"))->text().isEmpty());
}

QTEST_MAIN(TestPublishDialog)
#include "tst_publishdialog.moc"
