// trackplanctl as a CI pipeline uses it: the built binary run with QProcess against real SQLite
// files and a real PostgreSQL server, checking exit codes, stdout, stderr and the store after.

#include "support/review.h"
#include "enums.h"
#include "migrations.h"
#include "nativejson.h"
#include "store.h"
#include "versionservice.h"

#include "support/ctlrun.h"
#include "support/pgserver.h"
#include "support/tempstore.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <memory>

#include <csignal>
#include <sys/types.h>

using namespace tp;
using tp::test::PgServer;
using tp::test::TempStore;

namespace {

QString S(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

/// An unreachable PostgreSQL store: nothing listens on port 1.
const QString kNowhere = QStringLiteral("postgresql://nobody@127.0.0.1:1/x");

using Run = tp::test::CtlRun;

template <typename T> QString why(const Result<T>& r)
{
    return r ? QString() : r.error().toString();
}

#define TP_STEP(expr)                                                                                                  \
    do {                                                                                                               \
        const auto result_ = (expr);                                                                                   \
        if (!result_) {                                                                                                \
            return QStringLiteral("%1: %2").arg(QLatin1String(#expr), result_.error().toString());                     \
        }                                                                                                              \
    } while (false)

Attribute attribute(const char* key, const char* name, AttrType type)
{
    Attribute a;
    a.key = QLatin1String(key);
    a.displayName = S(name);
    a.description = S("About ") + a.key;
    a.type = type;
    return a;
}

Event event(const char* key, const char* name, QList<Binding> bindings)
{
    Event e;
    e.key = QLatin1String(key);
    e.displayName = S(name);
    e.description = S("Fires for ") + e.key;
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    e.bindings = std::move(bindings);
    return e;
}

Demand demand(const char* app, const char* title)
{
    Demand d;
    d.appKey = QLatin1String(app);
    d.title = S(title);
    return d;
}

QString approveAndMerge(Store& s, const QString& key)
{
    TP_STEP(s.demands().submit(key));
    TP_STEP(s.demands().approve(key));
    TP_STEP(tp::test::completeReview(s, key));
    auto m = s.demands().merge(key);
    TP_STEP(m);
    return m->merged ? QString() : QStringLiteral("%1 conflicted").arg(key);
}

/// The plan the end-to-end test works on, written through the store API:
///  DEM-0001 (merged): shop-app's first plan, frozen as 1.0.0 (not released, so events may go);
///  DEM-0002 (draft): updates order_submit, adds channel, removes legacy_click;
///  DEM-0003 (merged): ops-web's plan.
QString buildPlan(Store& s)
{
    s.setActor(QStringLiteral("alice"));
    TP_STEP(s.plan().createUser(User{QStringLiteral("alice"), S("王爱丽"), Role::Admin, 0}));
    TP_STEP(s.plan().createApp(
        App{QStringLiteral("shop-app"), S("商城"), QString(), {QStringLiteral("android"), QStringLiteral("ios")}, 0}));
    TP_STEP(s.plan().createApp(App{QStringLiteral("ops-web"), S("运营后台"), QString(), {QStringLiteral("web")}, 0}));

    auto d1 = s.demands().create(demand("shop-app", "下单埋点"));
    TP_STEP(d1);
    Attribute orderId = attribute("order_id", "订单号", AttrType::String);
    orderId.pattern = QStringLiteral("^[A-Z]{2}[0-9]{6}$");
    Attribute pay = attribute("pay_method", "支付方式", AttrType::Enum);
    pay.enumValues = {{QStringLiteral("alipay"), S("支付宝")}, {QStringLiteral("wechat"), S("微信支付")}};
    Attribute quantity = attribute("quantity", "数量", AttrType::Integer);
    quantity.minValue = 1;
    quantity.maxValue = 99;
    Attribute amount = attribute("amount", "金额", AttrType::Number);
    amount.minValue = 0;
    Attribute flag = attribute("legacy_flag", "旧标记", AttrType::Boolean);
    for (const Attribute& a : {orderId, pay, quantity, amount, flag}) {
        TP_STEP(s.demands().saveAttribute(d1->key, a));
    }
    Event submit = event("order_submit", "提交订单",
                         {{QStringLiteral("order_id"), true, {}},
                          {QStringLiteral("amount"), true, {}},
                          {QStringLiteral("pay_method"), false, S("选填")}});
    submit.level = Level::A;
    TP_STEP(s.demands().saveEvent(d1->key, submit));
    TP_STEP(s.demands().saveEvent(
        d1->key,
        event("legacy_click", "旧点击",
              {{QStringLiteral("legacy_flag"), true, {}}, {QStringLiteral("quantity"), false, {}}})));
    if (QString f = approveAndMerge(s, d1->key); !f.isEmpty()) {
        return f;
    }
    TP_STEP(s.versions().create(Version{
        QStringLiteral("shop-app"), QStringLiteral("1.0.0"), VersionStatus::Planning, QString(), {}, {}, {}, {}, 0}));
    TP_STEP(s.versions().freeze(QStringLiteral("shop-app"), QStringLiteral("1.0.0")));

    auto d2 = s.demands().create(demand("shop-app", "Channel; tidy order_submit"));
    TP_STEP(d2);
    Attribute channel = attribute("channel", "渠道", AttrType::Enum);
    channel.enumValues = {{QStringLiteral("app"), S("应用")}, {QStringLiteral("h5"), S("网页")}};
    TP_STEP(s.demands().saveAttribute(d2->key, channel));
    Event submit2 = submit;
    submit2.description = QStringLiteral("Fires when the server accepted the order");
    submit2.bindings.append({QStringLiteral("channel"), false, {}});
    TP_STEP(s.demands().saveEvent(d2->key, submit2));
    TP_STEP(s.demands().remove(d2->key, EntityKind::Event, QStringLiteral("legacy_click")));

    auto d3 = s.demands().create(demand("ops-web", "Back office"));
    TP_STEP(d3);
    TP_STEP(s.demands().saveAttribute(d3->key, attribute("operator_id", "操作员", AttrType::String)));
    Event exportEvent = event("report_export", "导出报表", {{QStringLiteral("operator_id"), true, {}}});
    exportEvent.platforms = {QStringLiteral("web")};
    TP_STEP(s.demands().saveEvent(d3->key, exportEvent));
    return approveAndMerge(s, d3->key);
}

#undef TP_STEP

/// 1-based line and column of a byte offset, columns in code points (as the importer counts).
std::pair<int, int> positionOf(const QByteArray& text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto c = uchar(text.at(i));
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

QJsonObject findByKey(const QJsonArray& array, const char* field, const QString& value)
{
    for (const QJsonValue& v : array) {
        if (v.toObject().value(QLatin1String(field)).toString() == value) {
            return v.toObject();
        }
    }
    return {};
}

} // namespace

class TestTrackplanctl : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void version();
    void help_data();
    void help();
    void usageErrors_data();
    void usageErrors();
    void unreachableStore_data();
    void unreachableStore();
    void initCommand_data();
    void initCommand();
    void endToEnd_data();
    void endToEnd();
    void mergeConflict_data();
    void mergeConflict();
    void lint_data();
    void lint();
    void exportImport_data();
    void exportImport();
    void importBroken_data();
    void importBroken();
    void environmentStore_data();
    void environmentStore();
    void demoRoundTrip();
    void interruptImport_data();
    void interruptImport();
    void exportToUnwritablePath();
    void jsonAfterCommand_data();
    void jsonAfterCommand();
    void messagesNameTheProblem_data();
    void messagesNameTheProblem();

private:
    /// Runs trackplanctl with `args`; `env` adds to (or, with an empty value, removes from)
    /// the base environment.
    Run ctl(const QStringList& args, const QHash<QString, QString>& env = {}, const QByteArray& input = {});
    /// A URL naming a new, empty store; PostgreSQL databases are created here.
    QString freshUrl(const QString& backend);
    [[nodiscard]] QProcessEnvironment environment(const QHash<QString, QString>& env = {}) const;
    static void addBackendRows();

    PgServer m_pg;
    TempStore m_dir;
    QString m_binary;
    int m_stores = 0;
};

void TestTrackplanctl::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

QString TestTrackplanctl::freshUrl(const QString& backend)
{
    const int n = ++m_stores;
    if (backend == QLatin1String("sqlite")) {
        return m_dir.path(QStringLiteral("store-%1.sqlite").arg(n));
    }
    const QString db = QStringLiteral("ctl_%1").arg(n);
    QString error;
    if (!m_pg.createDatabase(db, &error)) {
        qFatal("%s", qPrintable(error));
    }
    return m_pg.url(db);
}

QProcessEnvironment TestTrackplanctl::environment(const QHash<QString, QString>& env) const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("TRACKPLAN_DB"));
    // The default store lives in the data folder: keep it inside the test's directory.
    e.insert(QStringLiteral("HOME"), m_dir.dirPath());
    e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path(QStringLiteral("xdg-data")));
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path(QStringLiteral("xdg-config")));
    e.insert(QStringLiteral("TRACKPLAN_USER"), QStringLiteral("ci-bot"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
        if (it.value().isEmpty()) {
            e.remove(it.key());
        } else {
            e.insert(it.key(), it.value());
        }
    }
    return e;
}

Run TestTrackplanctl::ctl(const QStringList& args, const QHash<QString, QString>& env, const QByteArray& input)
{
    return tp::test::runCtl(m_binary, args, environment(env), input);
}

void TestTrackplanctl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString binaryDir = qEnvironmentVariable("TRACKPLAN_BINARY_DIR");
    QVERIFY2(!binaryDir.isEmpty(), "TRACKPLAN_BINARY_DIR is not set; run the test through ctest");
    m_binary = binaryDir + QStringLiteral("/app/trackplanctl/trackplanctl");
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QString error;
    if (!m_pg.start(&error)) {
        QFAIL(qPrintable(QStringLiteral("PostgreSQL fixture: %1").arg(error)));
    }
}

void TestTrackplanctl::version()
{
    const Run r = ctl({QStringLiteral("--version")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+\\n$")).match(r.out).hasMatch(), qPrintable(r.out));
}

void TestTrackplanctl::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QString>("usage"); ///< expected start of the help text

    QTest::newRow("--help") << QStringList{QStringLiteral(
        "--help")} << QStringList{QStringLiteral("--db"),    QStringLiteral("--json"),   QStringLiteral("init"),
                                  QStringLiteral("demo"),    QStringLiteral("export"),   QStringLiteral("import"),
                                  QStringLiteral("lint"),    QStringLiteral("diff"),     QStringLiteral("demand"),
                                  QStringLiteral("version"), QStringLiteral("app list"), QStringLiteral("Exit codes")}
                            << QStringLiteral("Usage: trackplanctl [--db URL]");
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << QStringList{QStringLiteral("COMMAND --help")}
                        << QStringLiteral("Usage: trackplanctl [--db URL]");
    const std::pair<const char*, QStringList> commands[] = {
        {"init", {}},
        {"demo", {QStringLiteral("--events <N>"), QStringLiteral("--seed <S>")}},
        {"export", {QStringLiteral("-o, --output <FILE>")}},
        {"import", {QStringLiteral("FILE")}},
        {"lint", {QStringLiteral("--app <KEY>")}},
        {"diff", {QStringLiteral("--app <KEY>"), QStringLiteral("FROM"), QStringLiteral("TO")}},
        {"demand",
         {QStringLiteral("--app <KEY>"), QStringLiteral("--status <STATUS>"), QStringLiteral("--comment <TEXT>"),
          QStringLiteral("show KEY"), QStringLiteral("submit KEY"), QStringLiteral("approve KEY"),
          QStringLiteral("merge KEY")}},
        {"version",
         {QStringLiteral("--app <KEY>"), QStringLiteral("--description <TEXT>"), QStringLiteral("create NAME"),
          QStringLiteral("assign NAME DEMAND"), QStringLiteral("freeze NAME"), QStringLiteral("release NAME")}},
        {"app", {QStringLiteral("list")}},
    };
    for (const auto& [command, mentions] : commands) {
        // --db names a store that cannot be reached: help must not need one.
        QTest::addRow("%s --help", command)
            << QStringList{QStringLiteral("--db"), kNowhere, QLatin1String(command), QStringLiteral("--help")}
            << (QStringList(mentions) << QStringLiteral("-h, --help"))
            << QStringLiteral("Usage: trackplanctl %1 [options]").arg(QLatin1String(command));
    }
}

void TestTrackplanctl::help()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    QFETCH(QString, usage);
    const Run r = ctl(args);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
    for (const QString& m : mentions) {
        QVERIFY2(r.out.contains(m), qPrintable(QStringLiteral("no \"%1\" in:\n%2").arg(m, r.out)));
    }
    QVERIFY2(r.out.startsWith(usage),
             qPrintable(QStringLiteral("expected \"%1…\", got:\n%2").arg(usage, r.out.left(200))));
}

void TestTrackplanctl::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const auto row = [](const char* name, QStringList args, const char* mentions) {
        QTest::newRow(name) << args << QString::fromUtf8(mentions);
    };
    row("no command", {}, "Usage: trackplanctl");
    row("unknown command", {QStringLiteral("frobnicate")}, "frobnicate");
    row("unknown global option", {QStringLiteral("--frob"), QStringLiteral("init")}, "--frob");
    row("unknown command option", {QStringLiteral("lint"), QStringLiteral("--frob")}, "frob");
    row("--db without value", {QStringLiteral("--db")}, "--db");
    row("diff without --app", {QStringLiteral("diff"), QStringLiteral("1.0.0"), QStringLiteral("1.1.0")}, "--app");
    row("diff with one version",
        {QStringLiteral("diff"), QStringLiteral("--app"), QStringLiteral("shop-app"), QStringLiteral("1.0.0")},
        "FROM TO");
    row("demand without action", {QStringLiteral("demand")}, "action");
    row("demand show without key", {QStringLiteral("demand"), QStringLiteral("show")}, "KEY");
    row("unknown demand action", {QStringLiteral("demand"), QStringLiteral("explode"), QStringLiteral("DEM-0001")},
        "explode");
    row("unknown demand status",
        {QStringLiteral("demand"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("bogus")},
        "bogus");
    row("version without --app", {QStringLiteral("version"), QStringLiteral("list")}, "--app");
    row("version assign without demand",
        {QStringLiteral("version"), QStringLiteral("assign"), QStringLiteral("1.0.0"), QStringLiteral("--app"),
         QStringLiteral("shop-app")},
        "assign");
    row("import without file", {QStringLiteral("import")}, "FILE");
    row("demo with negative events", {QStringLiteral("demo"), QStringLiteral("--events"), QStringLiteral("-5")},
        "--events");
    row("app without list", {QStringLiteral("app")}, "app list");
}

void TestTrackplanctl::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const QString db = freshUrl(QStringLiteral("sqlite"));
    const Run r = ctl(QStringList{QStringLiteral("--db"), db} + args);
    QVERIFY2(r.code == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(mentions), qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    // A usage error is found before the store is touched.
    QVERIFY2(!QFileInfo::exists(db), "the store was created");
}

void TestTrackplanctl::unreachableStore_data()
{
    QTest::addColumn<QString>("db");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("json");
    const QStringList commands[] = {
        {QStringLiteral("init")},
        {QStringLiteral("lint")},
        {QStringLiteral("export")},
        {QStringLiteral("app"), QStringLiteral("list")},
        {QStringLiteral("demand"), QStringLiteral("list")},
        {QStringLiteral("demand"), QStringLiteral("merge"), QStringLiteral("DEM-0001")},
        {QStringLiteral("version"), QStringLiteral("list"), QStringLiteral("--app"), QStringLiteral("shop-app")},
        {QStringLiteral("diff"), QStringLiteral("--app"), QStringLiteral("shop-app"), QStringLiteral("1.0.0"),
         QStringLiteral("current")},
    };
    for (const QStringList& c : commands) {
        QTest::addRow("postgres %s", qPrintable(c.join(QLatin1Char(' ')))) << kNowhere << c << false;
    }
    QTest::newRow("postgres --json lint") << kNowhere << QStringList{QStringLiteral("lint")} << true;
    // A password in the URL never shows in messages.
    QTest::newRow("postgres with password")
        << QStringLiteral("postgresql://nobody:hunter2@127.0.0.1:1/x") << QStringList{QStringLiteral("init")} << false;
    QTest::newRow("postgres with password --json")
        << QStringLiteral("postgresql://nobody:hunter2@127.0.0.1:1/x") << QStringList{QStringLiteral("init")} << true;
    // A SQLite file that can never be created.
    QTest::newRow("sqlite in a missing folder of a file")
        << QStringLiteral("/dev/null/sub/store.sqlite") << QStringList{QStringLiteral("init")} << false;
}

void TestTrackplanctl::unreachableStore()
{
    QFETCH(QString, db);
    QFETCH(QStringList, args);
    QFETCH(bool, json);
    QStringList all{QStringLiteral("--db"), db};
    if (json) {
        all << QStringLiteral("--json");
    }
    const Run r = ctl(all + args);
    QVERIFY2(r.code == 3, qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith(QLatin1String("trackplanctl: ")), qPrintable(r.describe()));
    if (db.startsWith(QLatin1String("postgresql"))) {
        QVERIFY2(r.err.contains(QLatin1String("127.0.0.1")), qPrintable(r.describe()));
    }
    QVERIFY2(!r.err.contains(QLatin1String("hunter2")) && !r.out.contains(QLatin1String("hunter2")),
             qPrintable(r.describe()));
    if (json) {
        const QJsonObject o = r.json().toObject();
        QCOMPARE(o.value(QStringLiteral("exit_code")).toInt(), 3);
        QVERIFY(!o.value(QStringLiteral("error")).toString().isEmpty());
    } else {
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    }
}

void TestTrackplanctl::initCommand_data()
{
    addBackendRows();
}

void TestTrackplanctl::initCommand()
{
    QFETCH(QString, backend);
    QString db = freshUrl(backend);
    if (backend == QLatin1String("postgres")) {
        db.replace(QStringLiteral("postgresql://postgres@"), QStringLiteral("postgresql://postgres:s3cret@"));
        QVERIFY(db.contains(QLatin1String(":s3cret@")));
    }
    for (int round = 0; round < 2; ++round) { // creating, then finding it current
        const Run r = ctl({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("init")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QJsonObject o = r.json().toObject();
        QCOMPARE(o.value(QStringLiteral("schema_version")).toInt(-1), Migrations::latest());
        QVERIFY2(!o.value(QStringLiteral("store")).toString().isEmpty(), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QLatin1String("s3cret")) && !r.err.contains(QLatin1String("s3cret")),
                 qPrintable(r.describe()));
    }
    const Run text = ctl({QStringLiteral("--db"), db, QStringLiteral("init")});
    QVERIFY2(text.code == 0, qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QString::number(Migrations::latest())), qPrintable(text.describe()));
    QVERIFY2(!text.out.contains(QLatin1String("s3cret")), qPrintable(text.describe()));
    auto store = Store::open(db);
    QVERIFY2(store, qPrintable(why(store)));
    auto current = Migrations::current((*store)->db());
    QVERIFY(current);
    QCOMPARE(*current, Migrations::latest());
    auto empty = (*store)->isEmpty();
    QVERIFY(empty && *empty);
}

void TestTrackplanctl::endToEnd_data()
{
    addBackendRows();
}

void TestTrackplanctl::endToEnd()
{
    QFETCH(QString, backend);
    const QString db = freshUrl(backend);
    {
        auto store = Store::open(db);
        QVERIFY2(store, qPrintable(why(store)));
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
    }
    const QStringList base{QStringLiteral("--db"), db};
    const QStringList json{QStringLiteral("--db"), db, QStringLiteral("--json")};
    const QString app = QStringLiteral("--app");
    const QString shop = QStringLiteral("shop-app");
    auto statusOf = [&db](const QString& key) {
        auto store = Store::open(db);
        auto d = store ? (*store)->demands().demand(key) : Result<Demand>(store.error());
        return d ? toString(d->status) : d.error().toString();
    };

    Run r = ctl(base + QStringList{QStringLiteral("app"), QStringLiteral("list")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(S("shop-app\t商城\tandroid,ios\n")), qPrintable(r.describe()));

    // demand list --json: every demand with its status.
    r = ctl(json + QStringList{QStringLiteral("demand"), QStringLiteral("list")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonArray demands = r.json().toArray();
    QCOMPARE(demands.size(), 3);
    QCOMPARE(findByKey(demands, "key", QStringLiteral("DEM-0001")).value(QStringLiteral("status")).toString(),
             QStringLiteral("merged"));
    const QJsonObject d2 = findByKey(demands, "key", QStringLiteral("DEM-0002"));
    QCOMPARE(d2.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    QCOMPARE(d2.value(QStringLiteral("app")).toString(), shop);
    QCOMPARE(findByKey(demands, "key", QStringLiteral("DEM-0001")).value(QStringLiteral("title")).toString(),
             S("下单埋点"));
    r = ctl(json
            + QStringList{QStringLiteral("demand"), QStringLiteral("list"), app, QStringLiteral("ops-web"),
                          QStringLiteral("--status"), QStringLiteral("merged")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(r.json().toArray().size(), 1);
    QCOMPARE(r.json().toArray().at(0).toObject().value(QStringLiteral("key")).toString(), QStringLiteral("DEM-0003"));

    // demand show: one line per change, field-level lines for updates.
    r = ctl(base + QStringList{QStringLiteral("demand"), QStringLiteral("show"), QStringLiteral("DEM-0002")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    for (const QString& line :
         {QStringLiteral("DEM-0002  Channel; tidy order_submit\n"), QStringLiteral("    + attribute channel\n"),
          QStringLiteral("    ~ event order_submit\n"), QStringLiteral("    - event legacy_click\n"),
          QStringLiteral("        description: Fires for order_submit → Fires when the server accepted the order\n")}) {
        QVERIFY2(r.out.contains(line), qPrintable(QStringLiteral("no \"%1\" in:\n%2").arg(line, r.out)));
    }
    QVERIFY2(r.out.contains(QLatin1String("        bindings: ")), qPrintable(r.out));
    r = ctl(json + QStringList{QStringLiteral("demand"), QStringLiteral("show"), QStringLiteral("DEM-0002")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject update = findByKey(r.json().toObject().value(QStringLiteral("changes")).toArray(), "key",
                                         QStringLiteral("order_submit"));
    QCOMPARE(update.value(QStringLiteral("op")).toString(), QStringLiteral("update"));
    const QJsonObject description =
        findByKey(update.value(QStringLiteral("fields")).toArray(), "field", QStringLiteral("description"));
    QCOMPARE(description.value(QStringLiteral("after")).toString(),
             QStringLiteral("Fires when the server accepted the order"));
    r = ctl(base + QStringList{QStringLiteral("demand"), QStringLiteral("show"), QStringLiteral("DEM-0999")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("DEM-0999")), qPrintable(r.describe()));

    // A version in planning gets the demand; the workflow moves it to merged.
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("create"), QStringLiteral("1.1.0"), app, shop,
                          QStringLiteral("--description"), S("第二版")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("assign"), QStringLiteral("1.1.0"),
                          QStringLiteral("DEM-0002"), app, shop});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    // Frozen with an open demand: refused, nothing changes.
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("freeze"), QStringLiteral("1.1.0"), app, shop});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("DEM-0002")), qPrintable(r.describe()));
    // Merging a draft: refused.
    r = ctl(base + QStringList{QStringLiteral("demand"), QStringLiteral("merge"), QStringLiteral("DEM-0002")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QCOMPARE(statusOf(QStringLiteral("DEM-0002")), QStringLiteral("draft"));
    const std::pair<const char*, const char*> steps[] = {{"submit", "in_review"}, {"approve", "approved"}};
    for (const auto& [action, status] : steps) {
        r = ctl(base
                + QStringList{QStringLiteral("demand"), QLatin1String(action), QStringLiteral("DEM-0002"),
                              QStringLiteral("--comment"), S("好的")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QLatin1String(status)), qPrintable(r.describe()));
        QCOMPARE(statusOf(QStringLiteral("DEM-0002")), QLatin1String(status));
    }
    r = ctl(base + QStringList{QStringLiteral("demand"), QStringLiteral("merge"), QStringLiteral("DEM-0002")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith(QLatin1String("Merged DEM-0002: 3 revision(s) written.")), qPrintable(r.describe()));
    QCOMPARE(statusOf(QStringLiteral("DEM-0002")), QStringLiteral("merged"));

    // Versions: release 1.0.0 (frozen before), freeze and release 1.1.0.
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("release"), QStringLiteral("1.0.0"), app, shop});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = ctl(json
            + QStringList{QStringLiteral("version"), QStringLiteral("freeze"), QStringLiteral("1.1.0"), app, shop});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(r.json().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("frozen"));
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("release"), QStringLiteral("1.1.0"), app, shop});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = ctl(base
            + QStringList{QStringLiteral("version"), QStringLiteral("release"), QStringLiteral("1.1.0"), app, shop});
    QVERIFY2(r.code == 1, qPrintable(r.describe())); // released twice: invalid state

    r = ctl(json + QStringList{QStringLiteral("version"), QStringLiteral("list"), app, shop});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonArray versions = r.json().toArray();
    QCOMPARE(versions.size(), 2);
    const QJsonObject v11 = findByKey(versions, "name", QStringLiteral("1.1.0"));
    QCOMPARE(v11.value(QStringLiteral("status")).toString(), QStringLiteral("released"));
    QCOMPARE(v11.value(QStringLiteral("demands")).toArray(), QJsonArray{QStringLiteral("DEM-0002")});
    QVERIFY(!v11.value(QStringLiteral("released_at")).toString().isEmpty());
    {
        auto store = Store::open(db);
        QVERIFY(store);
        auto snap = (*store)->versions().snapshot(shop, QStringLiteral("1.1.0"));
        QVERIFY2(snap, qPrintable(why(snap)));
        const QJsonObject s = v11.value(QStringLiteral("snapshot")).toObject();
        QCOMPARE(s.value(QStringLiteral("checksum")).toString(), snap->checksum);
        QCOMPARE(s.value(QStringLiteral("events")).toInt(), 1);     // legacy_click went
        QCOMPARE(s.value(QStringLiteral("attributes")).toInt(), 6); // channel came
        QCOMPARE(findByKey(versions, "name", QStringLiteral("1.0.0")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("released"));
    }

    // diff between the two versions: added, changed and removed.
    r = ctl(base + QStringList{QStringLiteral("diff"), app, shop, QStringLiteral("1.0.0"), QStringLiteral("1.1.0")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    for (const QString& line : {QStringLiteral("Attributes:\n  + channel\n"), QStringLiteral("  ~ order_submit\n"),
                                QStringLiteral("  - legacy_click\n"),
                                QStringLiteral("      description: Fires for order_submit → Fires when the server "
                                               "accepted the order\n"),
                                QStringLiteral("Bindings:\n"), QStringLiteral("  + order_submit.channel\n")}) {
        QVERIFY2(r.out.contains(line), qPrintable(QStringLiteral("no \"%1\" in:\n%2").arg(line, r.out)));
    }
    r = ctl(json + QStringList{QStringLiteral("diff"), app, shop, QStringLiteral("1.0.0"), QStringLiteral("1.1.0")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonArray entities = r.json().toObject().value(QStringLiteral("entities")).toArray();
    QCOMPARE(findByKey(entities, "key", QStringLiteral("channel")).value(QStringLiteral("change")).toString(),
             QStringLiteral("added"));
    QCOMPARE(findByKey(entities, "key", QStringLiteral("order_submit")).value(QStringLiteral("change")).toString(),
             QStringLiteral("changed"));
    QCOMPARE(findByKey(entities, "key", QStringLiteral("legacy_click")).value(QStringLiteral("change")).toString(),
             QStringLiteral("removed"));
    r = ctl(base + QStringList{QStringLiteral("diff"), app, shop, QStringLiteral("1.1.0"), QStringLiteral("current")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("No differences.")), qPrintable(r.describe()));
    r = ctl(base + QStringList{QStringLiteral("diff"), app, shop, QStringLiteral("1.0.0"), QStringLiteral("9.9.9")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("9.9.9")), qPrintable(r.describe()));
}

void TestTrackplanctl::mergeConflict_data()
{
    addBackendRows();
}

void TestTrackplanctl::mergeConflict()
{
    QFETCH(QString, backend);
    const QString db = freshUrl(backend);
    {
        auto store = Store::open(db);
        QVERIFY2(store, qPrintable(why(store)));
        Store& s = **store;
        const QString built = buildPlan(s);
        QVERIFY2(built.isEmpty(), qPrintable(built));
        // Two demands edit the same revision of order_submit.
        auto current = s.plan().event(QStringLiteral("shop-app"), QStringLiteral("order_submit"));
        QVERIFY(current);
        for (const char* text : {"Theirs: fired by the server", "Mine: fired by the client"}) {
            auto d = s.demands().create(demand("shop-app", text));
            QVERIFY(d);
            Event e = *current;
            e.description = QLatin1String(text);
            QVERIFY(s.demands().saveEvent(d->key, e));
            QVERIFY(s.demands().submit(d->key));
            QVERIFY(s.demands().approve(d->key));
        }
    }
    const QStringList base{QStringLiteral("--db"), db, QStringLiteral("demand"), QStringLiteral("merge")};
    Run r = ctl(base + QStringList{QStringLiteral("DEM-0004")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = ctl(base + QStringList{QStringLiteral("DEM-0005")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("Conflict: event order_submit changed from revision 1 to 2")),
             qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("    description: theirs Theirs: fired by the server | mine Mine: fired by "
                                          "the client\n")),
             qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("Nothing was merged")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("demand"), QStringLiteral("merge"),
             QStringLiteral("DEM-0005")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    const QJsonObject o = r.json().toObject();
    QCOMPARE(o.value(QStringLiteral("merged")).toBool(true), false);
    const QJsonObject c = o.value(QStringLiteral("conflicts")).toArray().at(0).toObject();
    QCOMPARE(c.value(QStringLiteral("key")).toString(), QStringLiteral("order_submit"));
    QCOMPARE(c.value(QStringLiteral("theirs")).toObject().value(QStringLiteral("description")).toString(),
             QStringLiteral("Theirs: fired by the server"));
    QCOMPARE(c.value(QStringLiteral("mine")).toObject().value(QStringLiteral("description")).toString(),
             QStringLiteral("Mine: fired by the client"));

    auto store = Store::open(db);
    QVERIFY(store);
    auto mine = (*store)->demands().demand(QStringLiteral("DEM-0005"));
    QVERIFY(mine);
    QCOMPARE(toString(mine->status), QStringLiteral("approved"));
    auto e = (*store)->plan().event(QStringLiteral("shop-app"), QStringLiteral("order_submit"));
    QVERIFY(e);
    QCOMPARE(e->description, QStringLiteral("Theirs: fired by the server"));
}

void TestTrackplanctl::lint_data()
{
    addBackendRows();
}

void TestTrackplanctl::lint()
{
    QFETCH(QString, backend);
    const QString db = freshUrl(backend);
    {
        auto store = Store::open(db);
        QVERIFY2(store, qPrintable(why(store)));
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
    }
    Run r = ctl({QStringLiteral("--db"), db, QStringLiteral("lint")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("(^|\\n)0 error\\(s\\), \\d+ warning\\(s\\)\\.\\n$"))),
             qPrintable(r.describe()));

    // The API refuses min > max; a row written behind its back (an old client, a manual fix)
    // is what lint is for.
    {
        auto store = Store::open(db);
        QVERIFY(store);
        auto n =
            (*store)->db().change(QStringLiteral("UPDATE attributes SET min_value = 10, max_value = 1 WHERE key = ?"),
                                  {QStringLiteral("quantity")});
        QVERIFY2(n && *n == 1, qPrintable(why(n)));
    }
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("lint")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("shop-app: error attribute/quantity.min [attribute.range.order]")),
             qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("1 error(s)")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("lint")});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    const QJsonObject o = r.json().toObject();
    QCOMPARE(o.value(QStringLiteral("errors")).toInt(), 1);
    const QJsonObject f =
        findByKey(o.value(QStringLiteral("findings")).toArray(), "rule", QStringLiteral("attribute.range.order"));
    QCOMPARE(f.value(QStringLiteral("key")).toString(), QStringLiteral("quantity"));
    QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
    // The other app is clean.
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("lint"), QStringLiteral("--app"), QStringLiteral("ops-web")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(!r.out.contains(QLatin1String("quantity")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("lint"), QStringLiteral("--app"), QStringLiteral("no-app")});
    QVERIFY2(r.code != 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("no-app")), qPrintable(r.describe()));
}

void TestTrackplanctl::exportImport_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("sqlite->sqlite") << QStringLiteral("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("sqlite->postgres") << QStringLiteral("sqlite") << QStringLiteral("postgres");
    QTest::newRow("postgres->sqlite") << QStringLiteral("postgres") << QStringLiteral("sqlite");
    QTest::newRow("postgres->postgres") << QStringLiteral("postgres") << QStringLiteral("postgres");
}

void TestTrackplanctl::exportImport()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QString source = freshUrl(from);
    {
        auto store = Store::open(source);
        QVERIFY2(store, qPrintable(why(store)));
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
    }
    const QString file = m_dir.path(QStringLiteral("export-%1.json").arg(++m_stores));
    Run r = ctl({QStringLiteral("--db"), source, QStringLiteral("export"), QStringLiteral("-o"), file});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    // Progress, one line per step since stderr is not a terminal.
    QVERIFY2(!r.err.contains(QLatin1Char('\x1b')) && !r.err.contains(QLatin1Char('\r')), qPrintable(r.describe()));
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, qPrintable(r.describe()));
    for (const QString& line : lines) {
        QVERIFY2(QRegularExpression(QStringLiteral("^\\[ *\\d+%\\] \\S")).match(line).hasMatch(), qPrintable(line));
    }
    QVERIFY2(r.err.contains(S("[  0%] Exporting apps…")), qPrintable(r.describe()));
    QVERIFY2(lines.constLast().startsWith(QLatin1String("[100%]")), qPrintable(r.describe()));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray exported = f.readAll();
    f.close();
    QVERIFY(exported.startsWith("{\n\"$format\":\"trackplan-native/1\""));
    {
        // The file is the library's export, byte for byte.
        auto store = Store::open(source);
        QVERIFY(store);
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        QVERIFY(exportStore(**store, b));
        QCOMPARE(b.data(), exported);
    }

    const QString target = freshUrl(to);
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("import"), file});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith(QLatin1String("Imported ")), qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("2 apps")), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("[100%] Import done.")), qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(QLatin1Char('\x1b')), qPrintable(r.describe()));

    // Re-export to standard output: the same bytes.
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("export")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.toUtf8() == exported, "re-export differs");

    // Importing again into the now full store is refused and changes nothing.
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("--json"), QStringLiteral("import"), file});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("not empty")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("export")});
    QVERIFY2(r.out.toUtf8() == exported, "the refused import changed the store");

    // From standard input, with a summary in JSON.
    const QString third = freshUrl(to);
    r = ctl({QStringLiteral("--db"), third, QStringLiteral("--json"), QStringLiteral("import"), QStringLiteral("-")},
            {}, exported);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject summary = r.json().toObject();
    QCOMPARE(summary.value(QStringLiteral("apps")).toInt(), 2);
    QCOMPARE(summary.value(QStringLiteral("demands")).toInt(), 3);
    QCOMPARE(summary.value(QStringLiteral("versions")).toInt(), 1);
    QVERIFY(summary.value(QStringLiteral("rows")).toInt() > 10);
    r = ctl({QStringLiteral("--db"), third, QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("-")});
    QVERIFY2(r.out.toUtf8() == exported, "re-export from stdin import differs");
}

void TestTrackplanctl::importBroken_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("mentions");

    // A valid export of the plan, made in-process, then broken.
    QByteArray valid;
    {
        auto store = Store::open(freshUrl(QStringLiteral("sqlite")));
        QVERIFY(store);
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        QVERIFY(exportStore(**store, b));
        valid = b.data();
    }
    struct Case {
        const char* name;
        QByteArray text;
        qsizetype offset;
        const char* mentions;
    };
    QList<Case> cases;
    {
        QByteArray t = valid;
        const qsizetype level = t.indexOf("\"level\":\"A\"", t.indexOf("\n\"events\":[\n"));
        t.replace(level + 9, 1, "E");
        cases.append({"unknown level", t, level + 8, "\"E\""});
    }
    {
        QByteArray t = valid;
        const qsizetype close = t.lastIndexOf("\n]\n}");
        t.insert(close, ',');
        cases.append({"trailing comma", t, close + 2, "Trailing comma"});
    }
    cases.append({"not JSON", QByteArray("hello\n"), 0, "'h'"});
    for (const Case& c : cases) {
        const auto [line, column] = positionOf(c.text, c.offset);
        for (const char* backend : {"sqlite", "postgres"}) {
            QTest::addRow("%s/%s", c.name, backend)
                << QString::fromLatin1(backend) << c.text << line << column << QString::fromUtf8(c.mentions);
        }
    }
}

void TestTrackplanctl::importBroken()
{
    QFETCH(QString, backend);
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, mentions);
    const QString file = m_dir.path(QStringLiteral("broken-%1.json").arg(++m_stores));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    const QString db = freshUrl(backend);
    Run r = ctl({QStringLiteral("--db"), db, QStringLiteral("import"), file});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    const QString where = QStringLiteral("trackplanctl: %1:%2:%3: ").arg(file).arg(line).arg(column);
    QVERIFY2(r.err.contains(where), qPrintable(QStringLiteral("expected \"%1\"\n%2").arg(where, r.describe())));
    QVERIFY2(r.err.contains(mentions), qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));

    r = ctl({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("import"), file});
    QVERIFY2(r.code == 1, qPrintable(r.describe()));
    const QJsonObject o = r.json().toObject();
    QCOMPARE(o.value(QStringLiteral("file")).toString(), file);
    QCOMPARE(o.value(QStringLiteral("line")).toInt(), line);
    QCOMPARE(o.value(QStringLiteral("column")).toInt(), column);
    QCOMPARE(o.value(QStringLiteral("exit_code")).toInt(), 1);

    auto store = Store::open(db);
    QVERIFY(store);
    auto empty = (*store)->isEmpty();
    QVERIFY2(empty && *empty, "the broken import left rows behind");
    auto audit = (*store)->audit();
    QVERIFY(audit && audit->isEmpty());
}

void TestTrackplanctl::environmentStore_data()
{
    addBackendRows();
}

void TestTrackplanctl::environmentStore()
{
    QFETCH(QString, backend);
    const QString db = freshUrl(backend);
    {
        auto store = Store::open(db);
        QVERIFY2(store, qPrintable(why(store)));
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
    }
    const QHash<QString, QString> env{{QStringLiteral("TRACKPLAN_DB"), db}};
    Run r = ctl({QStringLiteral("app"), QStringLiteral("list")}, env);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("ops-web\t")) && r.out.contains(QLatin1String("shop-app\t")),
             qPrintable(r.describe()));
    // --db wins over TRACKPLAN_DB.
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("app"), QStringLiteral("list")},
            {{QStringLiteral("TRACKPLAN_DB"), kNowhere}});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("shop-app\t")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("app"), QStringLiteral("list")}, {{QStringLiteral("TRACKPLAN_DB"), kNowhere}});
    QVERIFY2(r.code == 3, qPrintable(r.describe()));

    // Neither: the default file in the (test's) data folder.
    r = ctl({QStringLiteral("--print-default-db")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QString defaultPath = r.out.trimmed();
    QVERIFY2(defaultPath.startsWith(m_dir.dirPath()), qPrintable(defaultPath));
    r = ctl({QStringLiteral("--json"), QStringLiteral("init")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(QFileInfo::exists(defaultPath), qPrintable(defaultPath));
}

void TestTrackplanctl::demoRoundTrip()
{
    // The demo plan is large enough for the importer to report progress while it reads.
    const QString db = freshUrl(QStringLiteral("sqlite"));
    Run r = ctl({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("demo")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject demo = r.json().toObject();
    QVERIFY2(demo.value(QStringLiteral("events")).toInt() > 0, qPrintable(r.out));
    QVERIFY2(demo.value(QStringLiteral("demands")).toInt() > 0, qPrintable(r.out));
    // demo refuses a store that is not empty.
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("demo")});
    QVERIFY2(r.code != 0, qPrintable(r.describe()));

    const QString file = m_dir.path(QStringLiteral("demo.json"));
    r = ctl({QStringLiteral("--db"), db, QStringLiteral("export"), QStringLiteral("--output"), file});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QString target = freshUrl(QStringLiteral("postgres"));
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("import"), file});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.err.endsWith(QLatin1String("[100%] Import done.\n")), qPrintable(r.describe()));
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("export")});
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(r.out.toUtf8() == f.readAll(), "the demo does not survive export → import → export");
    r = ctl({QStringLiteral("--db"), target, QStringLiteral("lint")});
    QVERIFY2(r.code == 0, qPrintable(r.describe())); // the demo plan is clean

    // The importer reports as it reads (every percent of the input, every 2000 records): a long
    // audit section shows up in the progress.
    QVERIFY(f.seek(0));
    QByteArray padded = f.readAll();
    const qsizetype auditEnd = padded.indexOf("\n]", padded.indexOf("\n\"audit\":[\n") + 1);
    QByteArray padding;
    for (int i = 0; i < 4500; ++i) {
        padding += ",\n{\"action\":\"test.pad\",\"actor\":\"ci\",\"app\":\"\",\"at\":\"2026-03-02T00:00:00.000Z\","
                   "\"details\":{},\"entity_key\":\"x\",\"entity_type\":\"app\"}";
    }
    padded.insert(auditEnd, padding);
    r = ctl({QStringLiteral("--db"), freshUrl(QStringLiteral("sqlite")), QStringLiteral("import"), QStringLiteral("-")},
            {}, padded);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, qPrintable(r.describe()));
    QVERIFY2(QRegularExpression(S("^\\[ *\\d+%\\] Importing [a-z]+…$")).match(lines.first()).hasMatch(),
             qPrintable(r.describe()));
    QVERIFY2(!lines.filter(QRegularExpression(S("^\\[ *\\d+%\\] Importing audit…$"))).isEmpty(),
             qPrintable(r.describe()));
    QCOMPARE(lines.constLast(), QStringLiteral("[100%] Import done."));
}

void TestTrackplanctl::interruptImport_data()
{
    addBackendRows();
}

void TestTrackplanctl::interruptImport()
{
    // Ctrl+C during a long import: the import stops at its next progress report, nothing is
    // kept, and the store takes a full import afterwards.
    QFETCH(QString, backend);
    QByteArray text;
    {
        auto store = Store::open(freshUrl(QStringLiteral("sqlite")));
        QVERIFY(store);
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        QVERIFY(exportStore(**store, b));
        text = b.data();
    }
    const qsizetype auditEnd = text.indexOf("\n]", text.indexOf("\n\"audit\":[\n") + 1);
    QByteArray padding;
    for (int i = 0; i < 200000; ++i) {
        padding += ",\n{\"action\":\"test.pad\",\"actor\":\"ci\",\"app\":\"\",\"at\":\"2026-03-02T00:00:00.000Z\","
                   "\"details\":{},\"entity_key\":\"x\",\"entity_type\":\"app\"}";
    }
    text.insert(auditEnd, padding);
    const QString file = m_dir.path(QStringLiteral("long-%1.json").arg(++m_stores));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    const QString db = freshUrl(backend);
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(m_binary, {QStringLiteral("--db"), db, QStringLiteral("import"), file});
    QVERIFY(p.waitForStarted(10000));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("Importing"), 60000);
    QVERIFY2(p.state() == QProcess::Running, "the import finished before it could be interrupted");
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(60000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() != 0, err.constData());
    QVERIFY2(err.contains("cancelled"), err.constData());
    {
        auto store = Store::open(db);
        QVERIFY(store);
        auto empty = (*store)->isEmpty();
        QVERIFY(empty && *empty);
        auto n = (*store)->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        QVERIFY(n);
        QCOMPARE(n->toInt(), 0);
    }
}

void TestTrackplanctl::exportToUnwritablePath()
{
    const QString db = freshUrl(QStringLiteral("sqlite"));
    const Run r = ctl({QStringLiteral("--db"), db, QStringLiteral("export"), QStringLiteral("-o"),
                       QStringLiteral("/dev/null/export.json")});
    QVERIFY2(r.code == 3, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("/dev/null/export.json")), qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
}

void TestTrackplanctl::jsonAfterCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("demand list --json") << QStringList{QStringLiteral("demand"), QStringLiteral("list"),
                                                       QStringLiteral("--json")};
    QTest::newRow("version list --json") << QStringList{QStringLiteral("version"), QStringLiteral("list"),
                                                        QStringLiteral("--app"), QStringLiteral("shop-app"),
                                                        QStringLiteral("--json")};
    QTest::newRow("init --json") << QStringList{QStringLiteral("init"), QStringLiteral("--json")};
}

void TestTrackplanctl::jsonAfterCommand()
{
    // Written as people write it (and as the documentation of this suite spells it): the global
    // --json after the command.
    QFETCH(QStringList, args);
    const QString db = freshUrl(QStringLiteral("sqlite"));
    {
        auto store = Store::open(db);
        QVERIFY(store);
        const QString built = buildPlan(**store);
        QVERIFY2(built.isEmpty(), qPrintable(built));
    }
    const Run r = ctl(QStringList{QStringLiteral("--db"), db} + args);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.json().isArray() || r.json().isObject(), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestTrackplanctl)
void TestTrackplanctl::messagesNameTheProblem_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");

    const QStringList diffNoApp{QStringLiteral("diff"), QStringLiteral("--app"), QStringLiteral("nope"),
                                QStringLiteral("1.0.0"), QStringLiteral("current")};
    const QStringList hugeDemo{QStringLiteral("demo"), QStringLiteral("--events"), QStringLiteral("2000000")};
    const QString en = QStringLiteral("C.UTF-8");
    const QString zh = QStringLiteral("zh_CN.UTF-8");
    QTest::newRow("diff of an unknown app") << en << diffNoApp << 1 << QStringLiteral("No app with key \"nope\".");
    QTest::newRow("demo too large") << en << hugeDemo << 1
                                    << QStringLiteral("The demo can have between 0 and 100000 events, not 2000000.");
    // trackplanctl speaks the user's language: its own texts and the store's.
    QTest::newRow("zh: diff of an unknown app") << zh << diffNoApp << 1 << S("不存在标识为“nope”的应用。");
    QTest::newRow("zh: usage error") << zh << QStringList{QStringLiteral("frobnicate")} << 2
                                     << S("未知命令“frobnicate”。");
    QTest::newRow("zh: help") << zh << QStringList{QStringLiteral("--help")} << 0
                              << S("在命令行中管理 TrackPlan 埋点方案。");
}

void TestTrackplanctl::messagesNameTheProblem()
{
    QFETCH(QString, locale);
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    const QString db = freshUrl(QStringLiteral("sqlite"));
    if (args.first() == QLatin1String("diff")) {
        const Run demo = ctl({QStringLiteral("--db"), db, QStringLiteral("demo")});
        QVERIFY2(demo.code == 0, qPrintable(demo.describe()));
    }
    const Run r = ctl(QStringList{QStringLiteral("--db"), db} + args,
                      {{QStringLiteral("LC_ALL"), locale},
                       {QStringLiteral("LANGUAGE"), QString()},
                       {QStringLiteral("LANG"), locale}});
    QVERIFY2(r.code == code, qPrintable(r.describe()));
    QVERIFY2((r.out + r.err).contains(mentions), qPrintable(r.describe()));
}

#include "tst_trackplanctl.moc"
