// The test fixtures themselves: servers start, serve, restart, stay on loopback, and clean up.

#include "support/pgserver.h"
#include "support/redisserver.h"
#include "support/tempstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <cstring>
#include <optional>

using tp::test::PgServer;
using tp::test::RedisServer;
using tp::test::TempStore;

namespace {

// Runs one query over a QPSQL connection of its own and returns the first column of the first row.
std::optional<QVariant> pgScalar(int port, const QString& database, const QString& sql, QString* error)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst_fixtures_%1").arg(++counter);
    std::optional<QVariant> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(PgServer::host());
        db.setPort(port);
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(database);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
            else
                *error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// One inline command, one reply line (without CRLF).
QByteArray redisCommand(QTcpSocket& socket, const QByteArray& command)
{
    socket.write(command + "\r\n");
    if (!socket.waitForBytesWritten(2000))
        return "<write failed>";
    QByteArray reply;
    while (!reply.contains('\n') && socket.waitForReadyRead(2000))
        reply += socket.readAll();
    return reply.trimmed();
}

bool canConnect(const QHostAddress& address, int port)
{
    QTcpSocket socket;
    socket.connectToHost(address, static_cast<quint16>(port));
    return socket.waitForConnected(1000);
}

// Local addresses of the listening TCP sockets on `port`, from /proc/net/tcp{,6}.
QStringList listeningAddresses(int port)
{
    QStringList addresses;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
            if (fields.size() < 4 || fields.at(3) != "0A") // 0A: LISTEN
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            if (local.size() != 2 || local.at(1).toInt(nullptr, 16) != port)
                continue;
            if (local.at(0).size() != 8) { // an IPv6 socket on this port: report it as such
                addresses << QStringLiteral("IPv6 ") + QString::fromLatin1(local.at(0));
                continue;
            }
            // The kernel prints the address as a native-endian integer of its network-order bytes.
            const quint32 raw = local.at(0).toUInt(nullptr, 16);
            quint8 bytes[4];
            std::memcpy(bytes, &raw, sizeof bytes);
            addresses << QStringLiteral("%1.%2.%3.%4").arg(bytes[0]).arg(bytes[1]).arg(bytes[2]).arg(bytes[3]);
        }
    }
    return addresses;
}

} // namespace

class TestFixtures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pgServesSqlAndCreatesDatabases();
    void pgTwoServersAtOnce();
    void pgDestructorStopsAndRemoves();
    void pgMissingBinariesFailWithMessage();
    void redisAnswersAndRestartsOnSamePort();
    void redisComesBackAfterKill();
    void redisPassword();
    void redisAclFile();
    void redisMissingExecutableFailsWithMessage();
    void serversListenOnLoopbackOnly();
    void tempStoreLivesWithObject();
};

void TestFixtures::pgServesSqlAndCreatesDatabases()
{
    PgServer pg;
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(pg.start(&error), qPrintable(error));
    qInfo("PostgreSQL %s started in %lld ms", qPrintable(PgServer::binDir()), timer.elapsed());
    QVERIFY(pg.isRunning());
    QVERIFY(pg.port() > 0);
    QCOMPARE(pg.url(), QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(pg.port()));
    QCOMPARE(pg.url(QStringLiteral("plan"), QStringLiteral("analyst")),
             QStringLiteral("postgresql://analyst@127.0.0.1:%1/plan").arg(pg.port()));

    auto one = pgScalar(pg.port(), QStringLiteral("postgres"), QStringLiteral("select 1"), &error);
    QVERIFY2(one, qPrintable(error));
    QCOMPARE(one->toInt(), 1);

    QVERIFY2(pg.createDatabase(QStringLiteral("fixture_db"), &error), qPrintable(error));
    auto current =
        pgScalar(pg.port(), QStringLiteral("fixture_db"), QStringLiteral("select current_database()"), &error);
    QVERIFY2(current, qPrintable(error));
    QCOMPARE(current->toString(), QStringLiteral("fixture_db"));
    auto encoding = pgScalar(pg.port(), QStringLiteral("fixture_db"),
                             QStringLiteral("select pg_encoding_to_char(encoding) from pg_database "
                                            "where datname = current_database()"),
                             &error);
    QVERIFY2(encoding, qPrintable(error));
    QCOMPARE(encoding->toString(), QStringLiteral("UTF8"));

    QVERIFY(!pg.createDatabase(QStringLiteral("fixture_db"), &error));
    QVERIFY2(error.contains(QLatin1String("fixture_db")), qPrintable(error));
}

void TestFixtures::pgTwoServersAtOnce()
{
    PgServer a;
    PgServer b;
    QString error;
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(b.start(&error), qPrintable(error));
    QVERIFY(a.port() != b.port());
    QVERIFY(a.dataDir() != b.dataDir());
    QVERIFY2(a.createDatabase(QStringLiteral("only_in_a"), &error), qPrintable(error));
    const QString exists = QStringLiteral("select count(*) from pg_database where datname = 'only_in_a'");
    auto inA = pgScalar(a.port(), QStringLiteral("postgres"), exists, &error);
    auto inB = pgScalar(b.port(), QStringLiteral("postgres"), exists, &error);
    QVERIFY2(inA && inB, qPrintable(error));
    QCOMPARE(inA->toInt(), 1);
    QCOMPARE(inB->toInt(), 0);
}

void TestFixtures::pgDestructorStopsAndRemoves()
{
    int port = 0;
    QString dataDir;
    {
        PgServer pg;
        QString error;
        QVERIFY2(pg.start(&error), qPrintable(error));
        port = pg.port();
        dataDir = pg.dataDir();
        QVERIFY(QDir(dataDir).exists());
        QVERIFY(canConnect(QHostAddress::LocalHost, port));
    }
    QVERIFY(!canConnect(QHostAddress::LocalHost, port));
    QVERIFY(!QDir(dataDir).exists());
}

void TestFixtures::pgMissingBinariesFailWithMessage()
{
    PgServer pg;
    pg.setBinDir(QStringLiteral("/nonexistent/postgresql/bin"));
    QString error;
    QVERIFY(!pg.start(&error));
    QVERIFY(!pg.isRunning());
    QVERIFY2(error.contains(QLatin1String("/nonexistent/postgresql/bin/initdb")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("'postgresql'")), qPrintable(error));
}

void TestFixtures::redisAnswersAndRestartsOnSamePort()
{
    RedisServer redis;
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(redis.start(&error), qPrintable(error));
    qInfo("redis-server started in %lld ms", timer.elapsed());
    const int port = redis.port();
    QVERIFY(port > 0);
    QCOMPARE(redis.url(), QStringLiteral("redis://127.0.0.1:%1/0").arg(port));

    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
        QVERIFY(socket.waitForConnected(2000));
        QCOMPARE(redisCommand(socket, "PING"), QByteArray("+PONG"));
        QCOMPARE(redisCommand(socket, "SET fixture 1"), QByteArray("+OK"));
    }

    timer.restart();
    QVERIFY2(redis.restart(&error), qPrintable(error));
    qInfo("redis-server restarted in %lld ms", timer.elapsed());
    QCOMPARE(redis.port(), port);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    QVERIFY(socket.waitForConnected(2000));
    QCOMPARE(redisCommand(socket, "PING"), QByteArray("+PONG"));
    // No persistence: a restart starts empty, so no test sees another run's keys.
    QCOMPARE(redisCommand(socket, "EXISTS fixture"), QByteArray(":0"));
}

void TestFixtures::redisComesBackAfterKill()
{
    RedisServer redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    const int port = redis.port();
    redis.kill();
    QVERIFY(!redis.isRunning());
    QVERIFY(!canConnect(QHostAddress::LocalHost, port));
    QCOMPARE(redis.port(), port);
    QVERIFY2(redis.start(&error), qPrintable(error));
    QCOMPARE(redis.port(), port);
    QVERIFY(canConnect(QHostAddress::LocalHost, port));
}

void TestFixtures::redisPassword()
{
    RedisServer redis;
    redis.setPassword(QStringLiteral("s3cret"));
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(redis.port()));
    QVERIFY(socket.waitForConnected(2000));
    QVERIFY(redisCommand(socket, "PING").startsWith("-NOAUTH"));
    QVERIFY(redisCommand(socket, "AUTH wrong").startsWith("-WRONGPASS"));
    QCOMPARE(redisCommand(socket, "AUTH s3cret"), QByteArray("+OK"));
    QCOMPARE(redisCommand(socket, "PING"), QByteArray("+PONG"));
}

void TestFixtures::redisAclFile()
{
    RedisServer redis;
    redis.setAclLines({QStringLiteral("user default off"), QStringLiteral("user publisher on >pub ~tp:* +@all"),
                       QStringLiteral("user reader on >read ~tp:* +@read +ping +auth")});
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(redis.port()));
    QVERIFY(socket.waitForConnected(2000));
    QVERIFY(redisCommand(socket, "PING").startsWith("-NOAUTH"));
    QCOMPARE(redisCommand(socket, "AUTH publisher pub"), QByteArray("+OK"));
    QCOMPARE(redisCommand(socket, "SET tp:x 1"), QByteArray("+OK"));
    QCOMPARE(redisCommand(socket, "AUTH reader read"), QByteArray("+OK"));
    QCOMPARE(redisCommand(socket, "EXISTS tp:x"), QByteArray(":1"));
    QVERIFY(redisCommand(socket, "SET tp:x 2").startsWith("-NOPERM"));
}

void TestFixtures::redisMissingExecutableFailsWithMessage()
{
    RedisServer redis;
    redis.setExecutable(QStringLiteral("/nonexistent/redis-server"));
    QString error;
    QVERIFY(!redis.start(&error));
    QVERIFY(!redis.isRunning());
    QVERIFY2(error.contains(QLatin1String("/nonexistent/redis-server")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("'redis-server'")), qPrintable(error));
}

void TestFixtures::serversListenOnLoopbackOnly()
{
    PgServer pg;
    RedisServer redis;
    QString error;
    QVERIFY2(pg.start(&error), qPrintable(error));
    QVERIFY2(redis.start(&error), qPrintable(error));

    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const int port : {pg.port(), redis.port()}) {
        QCOMPARE(listeningAddresses(port), QStringList{QStringLiteral("127.0.0.1")});
        for (const QHostAddress& address : all) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QVERIFY2(!canConnect(address, port), qPrintable(address.toString()));
        }
    }
}

void TestFixtures::tempStoreLivesWithObject()
{
    QString dir;
    {
        TempStore a;
        TempStore b;
        QVERIFY(a.isValid());
        QVERIFY(a.path() != b.path());
        QVERIFY(a.path().endsWith(QLatin1String("/trackplan.sqlite")));
        QVERIFY(!QFile::exists(a.path())); // fresh: the store under test creates it
        QCOMPARE(a.path(QStringLiteral("other.sqlite")), a.dirPath() + QLatin1String("/other.sqlite"));
        dir = a.dirPath();
        QFile file(a.path());
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QVERIFY(!QDir(dir).exists());
}

QTEST_GUILESS_MAIN(TestFixtures)
#include "tst_fixtures.moc"
