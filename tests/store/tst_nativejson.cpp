// Native JSON export/import (nativejson.h) on real SQLite files and a real PostgreSQL server:
// lossless round trips on and across both backends, a usable store afterwards, and
// all-or-nothing refusal of broken files with the exact file, line and column.

#include "enums.h"
#include "jsonreader.h"
#include "nativejson.h"
#include "nativesource.h"
#include "plandiff.h"
#include "publishhistory.h"
#include "store.h"
#include "support/review.h"
#include "versionservice.h"

#include "support/pgserver.h"
#include "support/tempstore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <cctype>

#include <memory>

using namespace tp;
using tp::test::attribute;
using tp::test::buildSource;
using tp::test::demand;
using tp::test::PgServer;
using tp::test::TempStore;

namespace {

QString S(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

/// Every table of the schema (schema_migrations aside): an import that fails leaves them all empty.
const char* const kTables[] = {"apps",
                               "users",
                               "attributes",
                               "events",
                               "bindings",
                               "demands",
                               "changes",
                               "revisions",
                               "audit_log",
                               "versions",
                               "version_demands",
                               "snapshots",
                               "governance_policies",
                               "approval_rules",
                               "governance_history",
                               "reviews",
                               "level_approvals",
                               "metrics",
                               "publish_history"};

/// The error of a failed Result, empty when it succeeded (QVERIFY2 evaluates its message always).
template <typename T> QString why(const Result<T>& r)
{
    return r ? QString() : r.error().toString();
}

// ---- text helpers ------------------------------------------------------------------------------

QByteArray exportText(Store& s, QString* error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Status st = exportStore(s, buffer);
    if (!st) {
        *error = st.error().toString();
        return {};
    }
    return buffer.data();
}

Result<ImportSummary> importText(Store& s, const QByteArray& text, const QString& fileName,
                                 const ProgressFn& progress = {})
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    return importStore(s, buffer, fileName, progress);
}

/// First differing line of two texts, for readable failures.
QString firstDifference(const QByteArray& a, const QByteArray& b)
{
    const QList<QByteArray> la = a.split('\n');
    const QList<QByteArray> lb = b.split('\n');
    for (qsizetype i = 0; i < std::max(la.size(), lb.size()); ++i) {
        const QByteArray x = la.value(i);
        const QByteArray y = lb.value(i);
        if (x != y) {
            return QStringLiteral("line %1 differs:\n  %2\n  %3")
                .arg(i + 1)
                .arg(QString::fromUtf8(x.left(300)), QString::fromUtf8(y.left(300)));
        }
    }
    return QStringLiteral("texts are equal");
}

/// 1-based line and column of a byte offset; columns count code points, as JsonReader does.
TextPosition positionOf(const QByteArray& text, qsizetype offset)
{
    TextPosition p{1, 1};
    for (qsizetype i = 0; i < offset; ++i) {
        const auto c = uchar(text.at(i));
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

/// Offsets [begin, end) of the line (without '\n') of `section` whose text contains `needle`.
std::pair<qsizetype, qsizetype> sectionLine(const QByteArray& text, const char* section, const QByteArray& needle)
{
    const QByteArray header = "\n\"" + QByteArray(section) + "\":[\n";
    const qsizetype start = text.indexOf(header);
    if (start < 0) {
        qFatal("no section %s in the export", section);
    }
    const qsizetype end = text.indexOf("\n]", start + header.size() - 1);
    const qsizetype hit = text.indexOf(needle, start + header.size());
    if (hit < 0 || hit > end) {
        qFatal("no line with %s in section %s", needle.constData(), section);
    }
    const qsizetype begin = text.lastIndexOf('\n', hit) + 1;
    return {begin, text.indexOf('\n', hit)};
}

/// A broken variant of the export: its text and where the importer must point.
struct Broken {
    QByteArray text;
    qsizetype offset = 0; ///< byte offset of the reported position
    QString mentions;     ///< the message must contain this
};

/// Replaces `from` by `to` inside the line of `section` holding `lineNeedle`; the reported
/// position is the start of `to` plus `at` bytes.
Broken replaceInLine(QByteArray text, const char* section, const QByteArray& lineNeedle, const QByteArray& from,
                     const QByteArray& to, const QString& mentions, qsizetype at = 0)
{
    const auto [begin, end] = sectionLine(text, section, lineNeedle);
    const qsizetype hit = text.indexOf(from, begin);
    if (hit < 0 || hit >= end) {
        qFatal("no %s in the line with %s", from.constData(), lineNeedle.constData());
    }
    text.replace(hit, from.size(), to);
    return {text, hit + at, mentions};
}

/// The line of `section` holding `needle` twice in a row; the copy is reported.
Broken duplicateLine(const QByteArray& e, const char* section, const QByteArray& needle, const QString& mentions)
{
    const auto [begin, end] = sectionLine(e, section, needle);
    const QByteArray line = e.mid(begin, end - begin);
    QByteArray t = e;
    if (line.endsWith(',')) {
        t.insert(end + 1, line + '\n');
        return {t, end + 1, mentions};
    }
    t.insert(end, ",\n" + line); // the last element: the original needs a comma now
    return {t, end + 2, mentions};
}

/// The sections added to the format with migrations 0004-0006; exports written before lack them.
const char* const kLaterSections[] = {"governance_history", "level_approvals", "metrics", "publish_history", "reviews"};

/// The export with `section` emptied ("section":[]), or left out when `drop`.
QByteArray withoutSection(const QByteArray& text, const char* section, bool drop)
{
    const QByteArray header = "\n\"" + QByteArray(section) + "\":[";
    const qsizetype start = text.indexOf(header);
    if (start < 0) {
        qFatal("no section %s in the export", section);
    }
    const qsizetype body = start + header.size();
    const qsizetype close = text.at(body) == ']' ? body : text.indexOf("\n]", body) + 1; // at its ']'
    QByteArray out = text;
    if (drop) {
        out.remove(start + 1, close + 2 - start); // "section":[…],\n — never the last section
    } else {
        out.remove(body, close - body);
    }
    return out;
}

/// Every metrics row of a store, as text, sorted.
QStringList metricsRows(Store& s)
{
    QStringList rows;
    auto q = s.db().run(QStringLiteral("SELECT a.key, m.day, m.event, m.pv, m.uv, m.invalid, m.source, m.updated_at "
                                       "FROM metrics m JOIN apps a ON a.id = m.app_id"));
    if (!q) {
        return {q.error().toString()};
    }
    while ((*q)->next()) {
        QStringList row;
        for (int i = 0; i < 8; ++i) {
            row << (*q)->value(i).toString();
        }
        rows << row.join(QLatin1Char('|'));
    }
    (*q)->finish();
    rows.sort();
    return rows;
}

} // namespace

class TestNativeJson : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void sourcesAgree();
    void roundTrip_data();
    void roundTrip();
    void crlfAndBom_data();
    void crlfAndBom();
    void emptyStore_data();
    void emptyStore();
    void crossBackend_data();
    void crossBackend();
    void importedStoreIsUsable_data();
    void importedStoreIsUsable();
    void governanceSurvives_data();
    void governanceSurvives();
    void olderExport_data();
    void olderExport();
    void refusesNonEmptyStore_data();
    void refusesNonEmptyStore();
    void brokenInput_data();
    void brokenInput();
    void cancelImport_data();
    void cancelImport();
    void cancelExport_data();
    void cancelExport();

private:
    std::unique_ptr<Store> freshStore(const QString& backend, QString* error);
    /// Empty store: isEmpty() and no row in any table.
    QString emptinessProblem(Store& s);

    PgServer m_pg;
    TempStore m_dir;
    int m_stores = 0;
    /// The source store built on each backend, and its export.
    QHash<QString, std::shared_ptr<Store>> m_sources;
    QHash<QString, QByteArray> m_exports;
};

std::unique_ptr<Store> TestNativeJson::freshStore(const QString& backend, QString* error)
{
    const int n = ++m_stores;
    QString url;
    if (backend == QLatin1String("sqlite")) {
        url = m_dir.path(QStringLiteral("store-%1.sqlite").arg(n));
    } else {
        const QString db = QStringLiteral("nativejson_%1").arg(n);
        if (!m_pg.createDatabase(db, error)) {
            return nullptr;
        }
        url = m_pg.url(db);
    }
    auto store = Store::open(url);
    if (!store) {
        *error = QStringLiteral("cannot open %1: %2").arg(url, store.error().toString());
        return nullptr;
    }
    return std::move(*store);
}

QString TestNativeJson::emptinessProblem(Store& s)
{
    auto empty = s.isEmpty();
    if (!empty) {
        return empty.error().toString();
    }
    if (!*empty) {
        return QStringLiteral("isEmpty() is false");
    }
    QStringList rows;
    for (const char* table : kTables) {
        auto n = s.db().scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
        if (!n) {
            return n.error().toString();
        }
        if (n->toLongLong() != 0) {
            rows << QStringLiteral("%1: %2 rows").arg(QLatin1String(table)).arg(n->toLongLong());
        }
    }
    return rows.join(QStringLiteral(", "));
}

void TestNativeJson::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QString error;
    if (!m_pg.start(&error)) {
        QFAIL(qPrintable(QStringLiteral("PostgreSQL fixture: %1").arg(error)));
    }
    for (const QString& backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        auto store = freshStore(backend, &error);
        QVERIFY2(store, qPrintable(error));
        const QString built = buildSource(*store);
        QVERIFY2(built.isEmpty(), qPrintable(backend + QStringLiteral(": ") + built));
        const QByteArray text = exportText(*store, &error);
        QVERIFY2(!text.isEmpty(), qPrintable(error));
        m_exports.insert(backend, text);
        m_sources.insert(backend, std::shared_ptr<Store>(store.release()));
    }
}

void TestNativeJson::sourcesAgree()
{
    // The same API calls with the same clock give the same export on both backends.
    const QByteArray& a = m_exports.value(QStringLiteral("sqlite"));
    const QByteArray& b = m_exports.value(QStringLiteral("postgres"));
    QVERIFY2(a == b, qPrintable(firstDifference(a, b)));
    // The export holds what was built.
    QVERIFY(a.startsWith("{\n\"$format\":\"trackplan-native/1\",\n"));
    QVERIFY(a.endsWith("\n}\n"));
    for (const char* needle :
         {"\"label\":\"微信支付\"", "\"pattern\":\"^[A-Z]{2}[0-9]{6}$\"", "\"max\":50000", "\"status\":\"rejected\"",
          "\"status\":\"cancelled\"", "\"status\":\"in_review\"", "\"status\":\"approved\"", "\"status\":\"draft\"",
          "\"op\":\"delete\"", "\"status\":\"released\"", "\"status\":\"frozen\"", "\"status\":\"planning\"",
          "\"sampling_rate\":0.25", "\"min\":-273.15", "\"max\":1e+21",
          // governance, review and operations
          "\"verdict\":\"request_changes\"", "\"verdict\":\"approve\"}", "\"body\":\"负责人同意\"",
          "\"entity_key\":\"quantity\",\"kind\":\"attribute\"", "\"review_round\":2", "\"decision\":\"rejected\"",
          "\"from_level\":null", "\"kind\":\"rules\"", "\"kind\":\"policy\"", "\"when\":\"sensitive_attribute\"",
          "\"event\":\"页面_浏览\"", "\"pv\":9007199254740", "\"outcome\":\"failed\"", "\"action\":\"rollback\"",
          "\"versions\":{\"1.0.0\":\"s-0001\",\"1.1.0\":\"s-0002\"}"}) {
        QVERIFY2(a.contains(needle), needle);
    }
}

void TestNativeJson::roundTrip_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestNativeJson::roundTrip()
{
    QFETCH(QString, backend);
    const QByteArray original = m_exports.value(backend);
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    QList<int> percents;
    auto summary =
        importText(*target, original, QStringLiteral("export.json"), [&percents](int percent, const QString&) {
            percents << percent;
            return true;
        });
    QVERIFY2(summary, qPrintable(why(summary)));
    QCOMPARE(summary->apps, 2);
    QCOMPARE(summary->demands, 10);
    QCOMPARE(summary->versions, 4);
    QCOMPARE(summary->events, 6);      // 5 of shop-app (debug_ping was deleted); report_export
    QCOMPARE(summary->attributes, 10); // 9 of shop-app (debug_token was deleted); operator_id
    QVERIFY(summary->revisions >= 15);
    QVERIFY(summary->rows > summary->revisions);
    QVERIFY(!percents.isEmpty());
    QCOMPARE(percents.constLast(), 100);
    QVERIFY(std::is_sorted(percents.cbegin(), percents.cend()));

    const QByteArray again = exportText(*target, &error);
    QVERIFY2(!again.isEmpty(), qPrintable(error));
    QVERIFY2(again == original, qPrintable(firstDifference(original, again)));
}

void TestNativeJson::crlfAndBom_data()
{
    roundTrip_data();
}

void TestNativeJson::crlfAndBom()
{
    // A file that went through a Windows editor: byte order mark and CRLF line ends. It imports
    // as is, re-exports canonical, and errors still name the right line and column.
    QFETCH(QString, backend);
    const QByteArray original = m_exports.value(backend);
    QByteArray text = original;
    text.replace("\n", "\r\n");
    text.prepend("\xEF\xBB\xBF");
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    auto summary = importText(*target, text, QStringLiteral("windows.json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    const QByteArray again = exportText(*target, &error);
    QVERIFY2(again == original, qPrintable(firstDifference(original, again)));

    auto broken = replaceInLine(original, "events", "\"key\":\"order_submit\"", "\"level\":\"A\"", "\"level\":\"E\"",
                                QStringLiteral("level"), 8);
    const TextPosition expected = positionOf(broken.text, broken.offset);
    broken.text.replace("\n", "\r\n");
    broken.text.prepend("\xEF\xBB\xBF");
    auto empty = freshStore(backend, &error);
    QVERIFY2(empty, qPrintable(error));
    auto r = importText(*empty, broken.text, QStringLiteral("windows.json"));
    QVERIFY(!r);
    QCOMPARE(r.error().line, expected.line);
    QCOMPARE(r.error().column, expected.column);
    const QString problem = emptinessProblem(*empty);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestNativeJson::emptyStore_data()
{
    roundTrip_data();
}

void TestNativeJson::emptyStore()
{
    QFETCH(QString, backend);
    QString error;
    auto a = freshStore(backend, &error);
    QVERIFY2(a, qPrintable(error));
    const QByteArray text = exportText(*a, &error);
    QVERIFY2(!text.isEmpty(), qPrintable(error));
    QCOMPARE(text,
             QByteArray("{\n\"$format\":\"trackplan-native/1\",\n\"apps\":[],\n"
                        "\"attributes\":[],\n\"audit\":[],\n\"demands\":[],\n\"events\":[],\n"
                        "\"governance_history\":[],\n\"level_approvals\":[],\n\"metrics\":[],\n"
                        "\"publish_history\":[],\n\"reviews\":[],\n\"revisions\":[],\n"
                        "\"users\":[],\n\"versions\":[]\n}\n"));
    auto b = freshStore(backend, &error);
    QVERIFY2(b, qPrintable(error));
    auto summary = importText(*b, text, QStringLiteral("empty.json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    QCOMPARE(summary->rows, 0);
    QCOMPARE(exportText(*b, &error), text);
    // An empty import leaves the store empty, so a real one can follow.
    summary = importText(*b, m_exports.value(backend), QStringLiteral("export.json"));
    QVERIFY2(summary, qPrintable(why(summary)));
}

void TestNativeJson::crossBackend_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("sqlite->postgres") << QStringLiteral("sqlite") << QStringLiteral("postgres");
    QTest::newRow("postgres->sqlite") << QStringLiteral("postgres") << QStringLiteral("sqlite");
}

void TestNativeJson::crossBackend()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QByteArray original = m_exports.value(from);
    QString error;
    auto target = freshStore(to, &error);
    QVERIFY2(target, qPrintable(error));
    auto summary = importText(*target, original, from + QStringLiteral(".json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    const QByteArray again = exportText(*target, &error);
    QVERIFY2(again == original, qPrintable(firstDifference(original, again)));

    // ... and back to where it came from.
    auto back = freshStore(from, &error);
    QVERIFY2(back, qPrintable(error));
    summary = importText(*back, again, to + QStringLiteral(".json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    const QByteArray third = exportText(*back, &error);
    QVERIFY2(third == original, qPrintable(firstDifference(original, third)));
}

void TestNativeJson::importedStoreIsUsable_data()
{
    roundTrip_data();
}

void TestNativeJson::importedStoreIsUsable()
{
    QFETCH(QString, backend);
    Store& source = *m_sources.value(backend);
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    auto summary = importText(*target, m_exports.value(backend), QStringLiteral("export.json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    if (backend == QLatin1String("sqlite")) {
        // The import loads SQLite with foreign keys off; every reference must still hold, and
        // the connection must be back to its usual settings.
        auto check = target->db().run(QStringLiteral("PRAGMA foreign_key_check"));
        QVERIFY(check);
        QVERIFY2(!(*check)->next(), qPrintable((*check)->value(0).toString()));
        (*check)->finish();
        auto fk = target->db().scalar(QStringLiteral("PRAGMA foreign_keys"));
        QVERIFY(fk);
        QCOMPARE(fk->toInt(), 1);
        // The secondary indexes, dropped for the load, are all back.
        const QString indexes = QStringLiteral("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master "
                                               "WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)");
        auto mine = target->db().scalar(indexes);
        auto theirs = source.db().scalar(indexes);
        QVERIFY(mine && theirs);
        QVERIFY(theirs->toString().contains(QLatin1String("bindings_by_attribute")));
        QCOMPARE(mine->toString(), theirs->toString());
        auto journal = target->db().scalar(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(journal);
        QCOMPARE(journal->toString(), QStringLiteral("wal"));
    }

    for (const QString& app : {QStringLiteral("shop-app"), QStringLiteral("ops-web")}) {
        auto a = source.plan().plan(app);
        auto b = target->plan().plan(app);
        QVERIFY2(a && b, qPrintable(app));
        QCOMPARE(b->attributes, a->attributes);
        QCOMPARE(b->events, a->events);
        auto pa = source.plan().policy(app);
        auto pb = target->plan().policy(app);
        QVERIFY(pa && pb);
        QCOMPARE(pb->levels, pa->levels);
        QCOMPARE(pb->rowVersion, pa->rowVersion);
    }
    auto users = target->plan().users();
    auto sourceUsers = source.plan().users();
    QVERIFY(users && sourceUsers);
    QCOMPARE(users->size(), 4);
    QCOMPARE(*users, *sourceUsers);
    QCOMPARE(users->at(0).displayName, S("王爱丽"));
    auto apps = target->plan().apps();
    auto sourceApps = source.plan().apps();
    QVERIFY(apps && sourceApps);
    QCOMPARE(*apps, *sourceApps);

    // Demands with status, times, row versions, targets and their change sets.
    auto demands = target->demands().list();
    auto sourceDemands = source.demands().list();
    QVERIFY(demands && sourceDemands);
    QCOMPARE(demands->size(), 10);
    QCOMPARE(*demands, *sourceDemands);
    for (const Demand& d : std::as_const(*sourceDemands)) {
        auto ca = source.demands().changes(d.key);
        auto cb = target->demands().changes(d.key);
        QVERIFY(ca && cb);
        QCOMPARE(cb->size(), ca->size());
        for (qsizetype i = 0; i < ca->size(); ++i) {
            QCOMPARE(cb->at(i).entityKey, ca->at(i).entityKey);
            QCOMPARE(toString(cb->at(i).kind), toString(ca->at(i).kind));
            QCOMPARE(toString(cb->at(i).op), toString(ca->at(i).op));
            QCOMPARE(cb->at(i).baseRevision, ca->at(i).baseRevision);
            QCOMPARE(cb->at(i).state, ca->at(i).state);
            QCOMPARE(cb->at(i).author, ca->at(i).author);
            QCOMPARE(cb->at(i).createdAt, ca->at(i).createdAt);
            QCOMPARE(cb->at(i).rowVersion, ca->at(i).rowVersion);
        }
    }
    for (const QString& app : {QStringLiteral("shop-app"), QStringLiteral("ops-web")}) {
        auto va = source.versions().list(app);
        auto vb = target->versions().list(app);
        QVERIFY(va && vb);
        QCOMPARE(vb->size(), va->size());
        for (qsizetype i = 0; i < va->size(); ++i) {
            QCOMPARE(vb->at(i).name, va->at(i).name);
            QCOMPARE(toString(vb->at(i).status), toString(va->at(i).status));
            QCOMPARE(vb->at(i).description, va->at(i).description);
            QCOMPARE(vb->at(i).createdAt, va->at(i).createdAt);
            QCOMPARE(vb->at(i).frozenAt, va->at(i).frozenAt);
            QCOMPARE(vb->at(i).releasedAt, va->at(i).releasedAt);
            QCOMPARE(vb->at(i).demandKeys, va->at(i).demandKeys);
            QCOMPARE(vb->at(i).rowVersion, va->at(i).rowVersion);
        }
    }
    auto auditA = source.audit();
    auto auditB = target->audit();
    QVERIFY(auditA && auditB);
    QCOMPARE(auditB->size(), auditA->size());
    for (qsizetype i = 0; i < auditA->size(); ++i) {
        QCOMPARE(auditB->at(i).at, auditA->at(i).at);
        QCOMPARE(auditB->at(i).actor, auditA->at(i).actor);
        QCOMPARE(auditB->at(i).action, auditA->at(i).action);
        QCOMPARE(auditB->at(i).entityType, auditA->at(i).entityType);
        QCOMPARE(auditB->at(i).entityKey, auditA->at(i).entityKey);
        QCOMPARE(auditB->at(i).appKey, auditA->at(i).appKey);
        QCOMPARE(auditB->at(i).details, auditA->at(i).details);
    }

    // History: every revision, in order, with its demand, author, time and state.
    const std::pair<EntityKind, const char*> entities[] = {{EntityKind::Event, "order_submit"},
                                                           {EntityKind::Event, "cart_add"},
                                                           {EntityKind::Event, "debug_ping"},
                                                           {EntityKind::Attribute, "debug_token"},
                                                           {EntityKind::Attribute, "amount"}};
    for (const auto& [kind, key] : entities) {
        auto ha = source.plan().history(kind, QStringLiteral("shop-app"), QLatin1String(key));
        auto hb = target->plan().history(kind, QStringLiteral("shop-app"), QLatin1String(key));
        QVERIFY2(ha && hb, key);
        QVERIFY2(ha->size() >= 2, key);
        QCOMPARE(hb->size(), ha->size());
        for (qsizetype i = 0; i < ha->size(); ++i) {
            const Revision& x = ha->at(i);
            const Revision& y = hb->at(i);
            QCOMPARE(y.revision, x.revision);
            QCOMPARE(toString(y.op), toString(x.op));
            QCOMPARE(y.demandKey, x.demandKey);
            QCOMPARE(y.author, x.author);
            QCOMPARE(y.at, x.at);
            QCOMPARE(y.state, x.state);
        }
    }

    // Released versions: the same plan, and it still matches the snapshot's checksum.
    for (const QString& name : {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")}) {
        auto pa = source.versions().planAt(QStringLiteral("shop-app"), name);
        auto pb = target->versions().planAt(QStringLiteral("shop-app"), name);
        QVERIFY2(pa && pb, qPrintable(name));
        QCOMPARE(pb->attributes, pa->attributes);
        QCOMPARE(pb->events, pa->events);
        auto snap = target->versions().snapshot(QStringLiteral("shop-app"), name);
        QVERIFY(snap);
        QCOMPARE(planChecksum(*pb), snap->checksum);
        auto sourceSnap = source.versions().snapshot(QStringLiteral("shop-app"), name);
        QVERIFY(sourceSnap);
        QCOMPARE(snap->checksum, sourceSnap->checksum);
        QCOMPARE(snap->planSeq, sourceSnap->planSeq);
    }
    auto v120 = target->versions().version(QStringLiteral("shop-app"), QStringLiteral("1.2.0"));
    QVERIFY(v120);
    QCOMPARE(toString(v120->status), toString(VersionStatus::Planning));
    QCOMPARE(v120->demandKeys,
             (QStringList{QStringLiteral("DEM-0004"), QStringLiteral("DEM-0005"), QStringLiteral("DEM-0006")}));
    auto diff = target->versions().diff(QStringLiteral("shop-app"), QStringLiteral("1.0.0"), QStringLiteral("1.1.0"));
    QVERIFY(diff);
    QVERIFY(!diff->isEmpty());

    // Pending changes survive: the draft's field-level diff is the same.
    auto da = source.demands().diff(QStringLiteral("DEM-0005"));
    auto db = target->demands().diff(QStringLiteral("DEM-0005"));
    QVERIFY(da && db);
    QCOMPARE(db->size(), 3);
    QCOMPARE(db->size(), da->size());
    for (qsizetype i = 0; i < da->size(); ++i) {
        QCOMPARE(db->at(i).fields, da->at(i).fields);
        QCOMPARE(toString(db->at(i).change.op), toString(da->at(i).change.op));
    }

    // New work continues the store: demand numbers, revisions, plan sequence, ids.
    target->setActor(QStringLiteral("alice"));
    auto fresh = target->demands().create(demand("shop-app", "After import", {QStringLiteral("1.2.0")}));
    QVERIFY2(fresh, qPrintable(why(fresh)));
    QCOMPARE(fresh->key, QStringLiteral("DEM-0011"));
    auto ev = target->plan().event(QStringLiteral("shop-app"), QStringLiteral("order_submit"));
    QVERIFY(ev);
    const int revisionBefore = ev->revision;
    Event edited = *ev;
    edited.description = QStringLiteral("Edited after the import");
    auto saved = target->demands().saveEvent(fresh->key, edited);
    QVERIFY2(saved, qPrintable(why(saved)));
    Attribute added = attribute("channel", "渠道", AttrType::String);
    auto savedAttr = target->demands().saveAttribute(fresh->key, added);
    QVERIFY2(savedAttr, qPrintable(why(savedAttr)));
    QVERIFY(target->demands().submit(fresh->key));
    QVERIFY(target->demands().approve(fresh->key));
    QVERIFY(tp::test::completeReview(*target, fresh->key));
    auto merged = target->demands().merge(fresh->key);
    QVERIFY2(merged, qPrintable(why(merged)));
    QVERIFY(merged->merged);
    auto snapBefore = target->versions().snapshot(QStringLiteral("shop-app"), QStringLiteral("1.1.0"));
    QVERIFY(snapBefore);
    QVERIFY(merged->planSeq > snapBefore->planSeq);
    ev = target->plan().event(QStringLiteral("shop-app"), QStringLiteral("order_submit"));
    QVERIFY(ev);
    QCOMPARE(ev->revision, revisionBefore + 1);
    auto history =
        target->plan().history(EntityKind::Event, QStringLiteral("shop-app"), QStringLiteral("order_submit"));
    QVERIFY(history);
    QCOMPARE(history->constLast().demandKey, fresh->key);
    // Versions and snapshots get new rows too.
    QVERIFY(target->demands().cancel(QStringLiteral("DEM-0005")));
    QVERIFY(target->demands().cancel(QStringLiteral("DEM-0006")));
    auto frozen = target->versions().freeze(QStringLiteral("shop-app"), QStringLiteral("1.2.0"));
    QVERIFY2(frozen, qPrintable(why(frozen)));
    auto created = target->versions().create(Version{
        QStringLiteral("ops-web"), QStringLiteral("1.0.0"), VersionStatus::Planning, QString(), {}, {}, {}, {}, 0});
    QVERIFY2(created, qPrintable(why(created)));
    auto user = target->plan().createUser(User{QStringLiteral("dave"), QStringLiteral("Dave"), Role::Admin, 0});
    QVERIFY2(user, qPrintable(why(user)));
    auto app = target->plan().createApp(
        App{QStringLiteral("third-app"), QStringLiteral("Third"), QString(), {QStringLiteral("web")}, 0});
    QVERIFY2(app, qPrintable(why(app)));
    auto audit = target->audit();
    QVERIFY(audit);
    QVERIFY(audit->size() > 1);
    // Audit sequence numbers are unique and grow.
    for (qsizetype i = 1; i < audit->size(); ++i) {
        QVERIFY(audit->at(i).seq > audit->at(i - 1).seq);
    }
}

void TestNativeJson::governanceSurvives_data()
{
    roundTrip_data();
}

void TestNativeJson::governanceSurvives()
{
    // Reviews, level decisions, review rounds, approval rules, governance history, metrics and
    // publish history read back through the services as they were.
    QFETCH(QString, backend);
    Store& source = *m_sources.value(backend);
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    auto summary = importText(*target, m_exports.value(backend), QStringLiteral("export.json"));
    QVERIFY2(summary, qPrintable(why(summary)));

    for (const QString& app : {QStringLiteral("shop-app"), QStringLiteral("ops-web")}) {
        auto ra = source.governance().approvalRules(app);
        auto rb = target->governance().approvalRules(app);
        QVERIFY(ra && rb);
        QCOMPARE(rb->rules, ra->rules);
        QCOMPARE(rb->rowVersion, ra->rowVersion);
        auto ha = source.governance().history(app);
        auto hb = target->governance().history(app);
        QVERIFY(ha && hb);
        QVERIFY(!ha->isEmpty());
        QCOMPARE(hb->size(), ha->size());
        for (qsizetype i = 0; i < ha->size(); ++i) {
            QCOMPARE(hb->at(i).kind, ha->at(i).kind);
            QCOMPARE(hb->at(i).at, ha->at(i).at);
            QCOMPARE(hb->at(i).by, ha->at(i).by);
            QCOMPARE(hb->at(i).before, ha->at(i).before);
            QCOMPARE(hb->at(i).after, ha->at(i).after);
            QCOMPARE(hb->at(i).comment, ha->at(i).comment);
        }
        auto pa = PublishHistory(source.context()).list(app);
        auto pb = PublishHistory(target->context()).list(app);
        QVERIFY(pa && pb);
        QCOMPARE(pb->size(), pa->size());
        for (qsizetype i = 0; i < pa->size(); ++i) {
            QCOMPARE(toString(pb->at(i).action), toString(pa->at(i).action));
            QCOMPARE(pb->at(i).publishedAt, pa->at(i).publishedAt);
            QCOMPARE(pb->at(i).by, pa->at(i).by);
            QCOMPARE(pb->at(i).redisTarget, pa->at(i).redisTarget);
            QCOMPARE(pb->at(i).snapshotId, pa->at(i).snapshotId);
            QCOMPARE(pb->at(i).versions, pa->at(i).versions);
            QCOMPARE(pb->at(i).ok, pa->at(i).ok);
            QCOMPARE(pb->at(i).details, pa->at(i).details);
        }
    }
    auto opsRules = target->governance().approvalRules(QStringLiteral("ops-web"));
    QVERIFY(opsRules);
    QCOMPARE(opsRules->rules.size(), 2);
    QCOMPARE(opsRules->rowVersion, 2);
    auto published = PublishHistory(target->context()).list(QStringLiteral("shop-app"));
    QVERIFY(published);
    QCOMPARE(published->size(), 2);

    auto demands = source.demands().list();
    QVERIFY(demands);
    int reviewCount = 0;
    for (const Demand& d : std::as_const(*demands)) {
        auto ra = source.reviews().reviews(d.key);
        auto rb = target->reviews().reviews(d.key);
        QVERIFY(ra && rb);
        QCOMPARE(rb->size(), ra->size());
        reviewCount += int(ra->size());
        for (qsizetype i = 0; i < ra->size(); ++i) {
            const Review& x = ra->at(i);
            const Review& y = rb->at(i);
            QCOMPARE(y.round, x.round);
            QCOMPARE(y.kind ? toString(*y.kind) : QString(), x.kind ? toString(*x.kind) : QString());
            QCOMPARE(y.entityKey, x.entityKey);
            QCOMPARE(y.author, x.author);
            QCOMPARE(toString(y.verdict), toString(x.verdict));
            QCOMPARE(y.body, x.body);
            QCOMPARE(y.at, x.at);
        }
        auto sa = source.reviews().state(d.key);
        auto sb = target->reviews().state(d.key);
        QVERIFY2(sa && sb, qPrintable(d.key));
        QCOMPARE(sb->round, sa->round);
        QCOMPARE(sb->approvalsComplete(), sa->approvalsComplete());
        QCOMPARE(sb->missing(), sa->missing());
    }
    QVERIFY(reviewCount > 10);

    // DEM-0006: round 2, one level approved and one rejected, so it cannot merge.
    auto d6 = target->reviews().state(QStringLiteral("DEM-0006"));
    QVERIFY(d6);
    QCOMPARE(d6->round, 2);
    QVERIFY(!d6->approvalsComplete());
    auto la = source.reviews().levelRequests(QString(), false);
    auto lb = target->reviews().levelRequests(QString(), false);
    QVERIFY(la && lb);
    QCOMPARE(lb->size(), la->size());
    int rejected = 0;
    for (qsizetype i = 0; i < la->size(); ++i) {
        QCOMPARE(lb->at(i).demandKey, la->at(i).demandKey);
        QCOMPARE(lb->at(i).eventKey, la->at(i).eventKey);
        QCOMPARE(toString(lb->at(i).to), toString(la->at(i).to));
        QCOMPARE(toString(lb->at(i).decision), toString(la->at(i).decision));
        QCOMPARE(lb->at(i).decidedBy, la->at(i).decidedBy);
        QCOMPARE(lb->at(i).decidedAt, la->at(i).decidedAt);
        QCOMPARE(lb->at(i).comment, la->at(i).comment);
        rejected += lb->at(i).decision == LevelDecision::Rejected ? 1 : 0;
    }
    QCOMPARE(rejected, 1);

    const QStringList ma = metricsRows(source);
    QCOMPARE(ma.size(), 6);
    QCOMPARE(metricsRows(*target), ma);
}

void TestNativeJson::olderExport_data()
{
    roundTrip_data();
}

void TestNativeJson::olderExport()
{
    // An export written before migrations 0004-0006 lacks their sections, the apps' approval
    // rules and the demands' review_round. It still imports: no rows there, rounds 0, and the
    // default approval rules.
    QFETCH(QString, backend);
    const QByteArray current = m_exports.value(backend);
    QByteArray older = current;
    QByteArray expected = current; // what the imported store exports
    for (const char* section : kLaterSections) {
        older = withoutSection(older, section, true);
        expected = withoutSection(expected, section, false);
    }
    const QRegularExpression round(QStringLiteral("\"review_round\":\\d+,"));
    const QRegularExpression appRules(QStringLiteral("\"approval_rules\":\\{.*?\\]\\},"));
    older = QString::fromUtf8(older).remove(round).remove(appRules).toUtf8();
    expected = QString::fromUtf8(expected)
                   .replace(round, QStringLiteral("\"review_round\":0,"))
                   .replace(appRules, QStringLiteral("\"approval_rules\":null,"))
                   .toUtf8();
    QVERIFY(!older.contains("review_round"));
    QVERIFY(!older.contains("approval_rules"));
    QCOMPARE(expected.count("\"approval_rules\":null,"), 2);
    QVERIFY(!older.contains("\"reviews\""));

    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    auto summary = importText(*target, older, QStringLiteral("older.json"));
    QVERIFY2(summary, qPrintable(why(summary)));
    const QByteArray again = exportText(*target, &error);
    QVERIFY2(again == expected, qPrintable(firstDifference(expected, again)));

    auto rules = target->governance().approvalRules(QStringLiteral("ops-web"));
    QVERIFY2(rules, qPrintable(why(rules)));
    QCOMPARE(rules->rules, defaultApprovalRules());
    QCOMPARE(rules->rowVersion, 0);
    auto reviews = target->reviews().reviews(QStringLiteral("DEM-0006"));
    QVERIFY(reviews);
    QVERIFY(reviews->isEmpty());
    auto state = target->reviews().state(QStringLiteral("DEM-0006"));
    QVERIFY2(state, qPrintable(why(state)));
    QCOMPARE(state->round, 0);
    QVERIFY(!state->approvalsComplete());

    // The store carries on: rules set for the first time, with their history.
    ApprovalRules changed = *rules;
    changed.rules = {ApprovalRule{ApprovalCondition::Removal, {Approver::Admin}}};
    auto set = target->governance().setApprovalRules(changed, QStringLiteral("after an old import"));
    QVERIFY2(set, qPrintable(why(set)));
    QCOMPARE(set->rowVersion, 1);
    auto history = target->governance().history(QStringLiteral("ops-web"));
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->at(0).before, QJsonValue(toJson(defaultApprovalRules())));
}

void TestNativeJson::refusesNonEmptyStore_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("content"); ///< what the target holds already
    QTest::newRow("sqlite/user") << QStringLiteral("sqlite") << QStringLiteral("user");
    QTest::newRow("sqlite/full") << QStringLiteral("sqlite") << QStringLiteral("full");
    QTest::newRow("postgres/user") << QStringLiteral("postgres") << QStringLiteral("user");
    QTest::newRow("postgres/full") << QStringLiteral("postgres") << QStringLiteral("full");
}

void TestNativeJson::refusesNonEmptyStore()
{
    QFETCH(QString, backend);
    QFETCH(QString, content);
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    if (content == QLatin1String("user")) {
        QVERIFY(target->plan().createUser(User{QStringLiteral("zed"), QStringLiteral("Zed"), Role::Admin, 0}));
    } else {
        auto summary = importText(*target, m_exports.value(backend), QStringLiteral("first.json"));
        QVERIFY2(summary, qPrintable(why(summary)));
    }
    const QByteArray before = exportText(*target, &error);
    QVERIFY2(!before.isEmpty(), qPrintable(error));

    auto again = importText(*target, m_exports.value(backend), QStringLiteral("second.json"));
    QVERIFY(!again);
    QVERIFY2(again.error().code == Error::Code::InvalidState, qPrintable(again.error().toString()));
    QVERIFY2(again.error().message.contains(QLatin1String("not empty")), qPrintable(again.error().message));
    const QByteArray after = exportText(*target, &error);
    QVERIFY2(after == before, qPrintable(firstDifference(before, after)));
}

void TestNativeJson::brokenInput_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("mentions");

    const QByteArray e = m_exports.value(QStringLiteral("sqlite"));
    QList<std::pair<const char*, Broken>> cases;

    { // A trailing comma after the last element of the last section (everything before was read).
        const qsizetype close = e.lastIndexOf("\n]\n}");
        QByteArray t = e;
        t.insert(close, ',');
        cases.append({"trailing comma", {t, close + 2, QStringLiteral("Trailing comma")}});
    }
    { // Cut inside a string of the last section: the string never ends.
        const auto [begin, end] = sectionLine(e, "versions", "\"name\":\"1.1.0\"");
        const qsizetype quote = e.indexOf("\"1.1.0\"", begin);
        cases.append({"unterminated string", {e.left(quote + 3), quote, QStringLiteral("Unterminated string")}});
    }
    { // Something after the document.
        cases.append({"garbage after document", {e + "{\"apps\":[]}\n", e.size(), QStringLiteral("after the JSON")}});
    }
    { // An unknown section in the middle.
        const qsizetype at = e.indexOf("\n\"revisions\":[") + 1;
        QByteArray t = e;
        t.insert(at, "\"extras\":[],\n");
        cases.append({"unknown section", {t, at, QStringLiteral("extras")}});
    }
    { // No $format line: the first section is reported.
        QByteArray t = e;
        const QByteArray line = "\"$format\":\"trackplan-native/1\",\n";
        QVERIFY(t.indexOf(line) == 2);
        t.remove(2, line.size());
        cases.append({"missing $format", {t, 2, QStringLiteral("$format")}});
    }
    cases.append({"unknown field in an event",
                  {replaceInLine(e, "events", "\"key\":\"order_submit\"",
                                 "{\"app\":", "{\"colour\":\"red\",\"app\":", QStringLiteral("colour"), 10)}});
    { // "revision":N -> "revision":"N"
        const auto [begin, end] = sectionLine(e, "events", "\"key\":\"order_submit\"");
        const qsizetype number = e.indexOf("\"revision\":", begin) + 11;
        QVERIFY(number > begin && number < end);
        qsizetype digits = number;
        while (std::isdigit(uchar(e.at(digits)))) {
            ++digits;
        }
        QVERIFY(digits > number);
        QByteArray t = e;
        t.insert(digits, '"');
        t.insert(number, '"');
        { // A required field left out: reported at the record.
            Broken b = replaceInLine(e, "events", "\"key\":\"order_submit\"", "\"screenshot\":\"\",", "",
                                     QStringLiteral("screenshot"));
            b.offset = sectionLine(e, "events", "\"key\":\"order_submit\"").first;
            cases.append({"missing field", b});
        }
        { // Another format version.
            QByteArray t = e;
            t.replace("\"$format\":\"trackplan-native/1\"", "\"$format\":\"trackplan-native/2\"");
            cases.append({"wrong $format", {t, 12, QStringLiteral("trackplan-native/1")}});
        }
        cases.append({"string for a number", {t, number, QStringLiteral("revision")}});
    }
    cases.append({"bool for a string",
                  {replaceInLine(e, "events", "\"key\":\"page_view\"", "\"category\":\"checkout\"", "\"category\":true",
                                 QStringLiteral("category"), 11)}});
    cases.append({"unknown level E",
                  {replaceInLine(e, "events", "\"key\":\"order_submit\"", "\"level\":\"A\"", "\"level\":\"E\"",
                                 QStringLiteral("\"E\""), 8)}});
    // After Chinese labels and an emoji on the same line: columns count code points.
    cases.append({"unknown attribute type",
                  {replaceInLine(e, "attributes", "\"key\":\"pay_method\"", "\"type\":\"enum\"",
                                 "\"type\":\"enumeration\"", QStringLiteral("enumeration"), 7)}});
    cases.append({"dangling app reference",
                  {replaceInLine(e, "attributes", "\"key\":\"quantity\"", "\"app\":\"shop-app\"",
                                 "\"app\":\"no-such-app\"", QStringLiteral("no-such-app"), 6)}});
    cases.append({"binding to an unknown attribute",
                  {replaceInLine(e, "events", "\"key\":\"refund_apply\"", "\"attribute\":\"amount\"",
                                 "\"attribute\":\"ghost_attr\"", QStringLiteral("ghost_attr"), 12)}});
    cases.append({"revision of an unknown demand",
                  {replaceInLine(e, "revisions", "\"key\":\"refund_apply\"", "\"demand\":\"DEM-0002\"",
                                 "\"demand\":\"DEM-9999\"", QStringLiteral("DEM-9999"), 9)}});
    cases.append(
        {"demand targets an unknown version",
         {replaceInLine(e, "demands", "\"title\":\"Refund reasons (draft)\"", "\"target_versions\":[\"1.2.0\"]",
                        "\"target_versions\":[\"9.9.9\"]", QStringLiteral("9.9.9"), 19)}});
    cases.append(
        {"duplicate event key", duplicateLine(e, "events", "\"key\":\"page_view\"", QStringLiteral("page_view"))});
    cases.append({"duplicate app key", duplicateLine(e, "apps", "\"key\":\"shop-app\"", QStringLiteral("shop-app"))});
    { // Keys equal ignoring separators collide like equal keys.
        Broken b = duplicateLine(e, "events", "\"key\":\"page_view\"", QStringLiteral("pageview"));
        const qsizetype key = b.text.indexOf("\"key\":\"page_view\"", b.offset);
        b.text.replace(key, 17, "\"key\":\"pageview\"");
        cases.append({"duplicate key ignoring separators", b});
    }
    { // A revision that is not a removal but has no state.
        const auto [begin, end] = sectionLine(e, "revisions", "\"op\":\"delete\"");
        QByteArray t = e;
        const qsizetype op = t.indexOf("\"op\":\"delete\"", begin);
        t.replace(op, 13, "\"op\":\"update\"");
        const qsizetype state = t.indexOf("\"state\":null", op);
        QVERIFY(state > 0 && state < end);
        cases.append({"revision update without state", {t, state + 8, QStringLiteral("state")}});
    }
    // Errors inside nested records (a change's state, a revision's state) still point at the value.
    cases.append({"unknown field in a change state",
                  {replaceInLine(e, "demands", "\"title\":\"Refund reasons (draft)\"", "\"state\":{\"bindings\"",
                                 "\"state\":{\"colour\":\"red\",\"bindings\"", QStringLiteral("state.colour"), 18)}});
    cases.append({"unknown level in a revision state",
                  {replaceInLine(e, "revisions", "\"key\":\"order_submit\"", "\"level\":\"A\"", "\"level\":\"E\"",
                                 QStringLiteral("state.level"), 8)}});
    { // A change whose op says update but whose state is null.
        const auto [begin, end] = sectionLine(e, "demands", "\"title\":\"Refund reasons (draft)\"");
        QByteArray t = e;
        const qsizetype op = t.indexOf("\"op\":\"delete\"", begin);
        QVERIFY(op > 0 && op < end);
        t.replace(op, 13, "\"op\":\"update\"");
        const qsizetype state = t.indexOf("\"state\":null", op);
        QVERIFY(state > 0 && state < end);
        cases.append({"update with null state", {t, state + 8, QStringLiteral("state")}});
    }

    // Governance, review and operations sections.
    cases.append({"review of an unknown demand",
                  {replaceInLine(e, "reviews", S("\"body\":\"上限为什么是 999？\"").toUtf8(), "\"demand\":\"DEM-0006\"",
                                 "\"demand\":\"DEM-0066\"", QStringLiteral("DEM-0066"), 9)}});
    cases.append({"unknown verdict",
                  {replaceInLine(e, "reviews", "\"verdict\":\"request_changes\"", "\"verdict\":\"request_changes\"",
                                 "\"verdict\":\"veto\"", QStringLiteral("veto"), 10)}});
    cases.append({"review round beyond the demand's",
                  {replaceInLine(e, "reviews", S("\"body\":\"负责人同意\"").toUtf8(), "\"round\":2", "\"round\":3",
                                 QStringLiteral("round 2"), 8)}});
    cases.append({"comment on a change without its kind",
                  {replaceInLine(e, "reviews", "\"entity_key\":\"quantity\"",
                                 "\"entity_key\":\"quantity\",\"kind\":\"attribute\"",
                                 "\"entity_key\":\"quantity\",\"kind\":null", QStringLiteral("entity_key"), 13)}});
    cases.append({"level decision still pending",
                  {replaceInLine(e, "level_approvals", "\"decision\":\"rejected\"", "\"decision\":\"rejected\"",
                                 "\"decision\":\"pending\"", QStringLiteral("pending"), 11)}});
    cases.append({"level decision of an unknown demand",
                  {replaceInLine(e, "level_approvals", "\"event\":\"coupon_apply\"", "\"demand\":\"DEM-0006\"",
                                 "\"demand\":\"DEM-0600\"", QStringLiteral("DEM-0600"), 9)}});
    cases.append({"unknown field in a level decision",
                  {replaceInLine(e, "level_approvals", "\"event\":\"wishlist_add\"",
                                 "{\"comment\":", "{\"colour\":\"red\",\"comment\":", QStringLiteral("colour"), 10)}});
    cases.append(
        {"unknown approver in a rule",
         {replaceInLine(e, "apps", "\"key\":\"ops-web\"", "[\"data_steward\",\"admin\"]", "[\"data_steward\",\"boss\"]",
                        QStringLiteral("approval_rules.rules[1].approvers[1]"), 16)}});
    cases.append({"approval rules without a row version",
                  {replaceInLine(e, "apps", "\"key\":\"ops-web\"", "{\"row_version\":2", "{\"row_version\":0",
                                 QStringLiteral("approval_rules.row_version"), 15)}});
    cases.append(
        {"unknown field in approval rules",
         {replaceInLine(e, "apps", "\"key\":\"shop-app\"", "\"approval_rules\":{",
                        "\"approval_rules\":{\"colour\":\"red\",", QStringLiteral("approval_rules.colour"), 27)}});
    cases.append({"unknown condition in a rules history entry",
                  {replaceInLine(e, "governance_history", "\"kind\":\"rules\"", "\"when\":\"sensitive_attribute\"",
                                 "\"when\":\"full_moon\"", QStringLiteral("after[1].when"), 7)}});
    cases.append({"unknown governance history kind",
                  {replaceInLine(e, "governance_history", "\"kind\":\"rules\"", "\"kind\":\"rules\"",
                                 "\"kind\":\"laws\"", QStringLiteral("laws"), 7)}});
    cases.append({"metrics on a day that does not exist",
                  {replaceInLine(e, "metrics", "\"event\":\"report_export\"", "\"day\":\"2026-03-01\"",
                                 "\"day\":\"2026-02-30\"", QStringLiteral("2026-02-30"), 6)}});
    cases.append({"string for a metrics count",
                  {replaceInLine(e, "metrics", "\"event\":\"page_view\"", "\"pv\":4000", "\"pv\":\"4000\"",
                                 QStringLiteral("pv"), 5)}});
    cases.append({"metrics of an event and day twice",
                  duplicateLine(e, "metrics", "\"event\":\"page_view\"", QStringLiteral("page_view"))});
    cases.append({"password in a publish target",
                  {replaceInLine(e, "publish_history", "\"action\":\"publish\"", "\"redis://127.0.0.1",
                                 "\"redis://:secret@127.0.0.1", QStringLiteral("password"), 0)}});
    cases.append({"publish of an unknown app",
                  {replaceInLine(e, "publish_history", "\"action\":\"rollback\"", "\"app\":\"shop-app\"",
                                 "\"app\":\"shop\"", QStringLiteral("shop"), 6)}});

    for (const auto& [name, broken] : cases) {
        const TextPosition p = positionOf(broken.text, broken.offset);
        for (const char* backend : {"sqlite", "postgres"}) {
            QTest::addRow("%s/%s", name, backend)
                << QString::fromLatin1(backend) << broken.text << p.line << p.column << broken.mentions;
        }
    }
}

void TestNativeJson::brokenInput()
{
    QFETCH(QString, backend);
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, mentions);
    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));

    auto r = importText(*target, text, QStringLiteral("broken.json"));
    QVERIFY2(!r, "the broken file was imported");
    const Error& e = r.error();
    QVERIFY2(e.code == Error::Code::Parse, qPrintable(e.toString()));
    QCOMPARE(e.file, QStringLiteral("broken.json"));
    QVERIFY2(e.message.contains(mentions), qPrintable(e.toString()));
    QCOMPARE(e.line, line);
    QCOMPARE(e.column, column);
    QCOMPARE(e.toString(), QStringLiteral("broken.json:%1:%2: %3").arg(line).arg(column).arg(e.message));

    const QString problem = emptinessProblem(*target);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Still usable: the valid file goes in afterwards.
    auto ok = importText(*target, m_exports.value(backend), QStringLiteral("good.json"));
    QVERIFY2(ok, qPrintable(why(ok)));
}

void TestNativeJson::cancelImport_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("cancelAtCall"); ///< 1 = the first progress report
    QTest::newRow("sqlite/first") << QStringLiteral("sqlite") << 1;
    QTest::newRow("sqlite/second") << QStringLiteral("sqlite") << 2;
    QTest::newRow("postgres/first") << QStringLiteral("postgres") << 1;
    QTest::newRow("postgres/second") << QStringLiteral("postgres") << 2;
}

void TestNativeJson::cancelImport()
{
    QFETCH(QString, backend);
    QFETCH(int, cancelAtCall);
    // Progress is reported per 2000 records: pad the audit section (after apps and attributes
    // were written) so that the import reports a few times.
    QByteArray text = m_exports.value(backend);
    const qsizetype auditEnd = text.indexOf("\n]", text.indexOf("\n\"audit\":[\n") + 1);
    QByteArray padding;
    for (int i = 0; i < 5000; ++i) {
        padding += ",\n{\"action\":\"test.pad\",\"actor\":\"alice\",\"app\":\"shop-app\",\"at\":"
                   "\"2026-03-02T00:00:00.000Z\",\"details\":{\"i\":"
            + QByteArray::number(i) + "},\"entity_key\":\"x\",\"entity_type\":\"app\"}";
    }
    text.insert(auditEnd, padding);

    QString error;
    auto target = freshStore(backend, &error);
    QVERIFY2(target, qPrintable(error));
    int calls = 0;
    auto r = importText(*target, text, QStringLiteral("big.json"),
                        [&calls, cancelAtCall](int, const QString&) { return ++calls < cancelAtCall; });
    QVERIFY(!r);
    QVERIFY2(r.error().code == Error::Code::Cancelled, qPrintable(r.error().toString()));
    QCOMPARE(calls, cancelAtCall);
    const QString problem = emptinessProblem(*target);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Not cancelled, the padded file goes in whole.
    auto ok = importText(*target, text, QStringLiteral("big.json"));
    QVERIFY2(ok, qPrintable(why(ok)));
    auto n = target->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'test.pad'"));
    QVERIFY(n);
    QCOMPARE(n->toInt(), 5000);
}

void TestNativeJson::cancelExport_data()
{
    roundTrip_data();
}

void TestNativeJson::cancelExport()
{
    QFETCH(QString, backend);
    Store& source = *m_sources.value(backend);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    int calls = 0;
    const Status s = exportStore(source, buffer, [&calls](int, const QString&) { return ++calls < 3; });
    QVERIFY(!s);
    QVERIFY2(s.error().code == Error::Code::Cancelled, qPrintable(s.error().toString()));
    QCOMPARE(calls, 3);
}

QTEST_GUILESS_MAIN(TestNativeJson)
#include "tst_nativejson.moc"
