// The publisher-internal snapshot summary (snapshotsummary.h): what build() writes, parse()
// reads back whole, and anything else is refused (then the publisher compiles everything).
#include "schemacompiler.h"
#include "snapshotsummary.h"

#include <QTest>

using namespace tp;

namespace {

const QByteArray kShaA(64, 'a');
const QByteArray kShaB = QByteArray("0123456789abcdef").repeated(4);
const QByteArray kCommon(64, 'c');

QByteArray checksumText()
{
    return "common\t" + kCommon + "\napp_start\t" + kShaA + "\norder_submit\t" + kShaB + "\n";
}

QByteArray valid()
{
    return SnapshotSummary::build(checksumText(), {3, 0},
                                  {{QByteArrayView("amount"), 2}, {QByteArrayView("order_id"), 7}});
}

} // namespace

class TstSnapshotSummary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void noEvents();
    void refused_data();
    void refused();
};

void TstSnapshotSummary::roundTrip()
{
    const QByteArray text = valid();
    QCOMPARE(text, "trackplan-summary 1 2 2 " + QByteArray::number(checksumText().size()) + "\n" + checksumText()
                       + "3\n0\namount\t2\norder_id\t7\n");
    auto s = SnapshotSummary::parse(text);
    QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->checksumText(), QByteArrayView(checksumText()));
    QCOMPARE(s->checksum(), SchemaCompiler::sha256Hex(checksumText()));
    QCOMPARE(s->commonSha256(), QByteArrayView(kCommon));
    QCOMPARE(s->events().size(), std::size_t(2));
    QCOMPARE(s->events()[0].key, QByteArrayView("app_start"));
    QCOMPARE(s->events()[0].sha256, QByteArrayView(kShaA));
    QCOMPARE(s->events()[0].revision, 3);
    QCOMPARE(s->events()[1].key, QByteArrayView("order_submit"));
    QCOMPARE(s->events()[1].line, QByteArrayView("order_submit\t" + kShaB + "\n"));
    QCOMPARE(s->events()[1].revision, 0);
    QCOMPARE(s->attributes().size(), std::size_t(2));
    QCOMPARE(s->attributes()[1].key, QByteArrayView("order_id"));
    QCOMPARE(s->attributes()[1].revision, 7);
    // The views survive moving the summary (they point into its text, which moves along).
    SnapshotSummary moved = std::move(*s);
    QCOMPARE(moved.events()[1].key, QByteArrayView("order_submit"));
}

void TstSnapshotSummary::noEvents()
{
    const QByteArray common = "common\t" + kCommon + "\n";
    auto s = SnapshotSummary::parse(SnapshotSummary::build(common, {}, {}));
    QVERIFY(s);
    QVERIFY(s->events().empty());
    QCOMPARE(s->checksum(), SchemaCompiler::sha256Hex(common));
}

void TstSnapshotSummary::refused_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray good = valid();
    const QByteArray header = "trackplan-summary 1 2 2 " + QByteArray::number(checksumText().size()) + "\n";
    const QByteArray tail = "3\n0\namount\t2\norder_id\t7\n";
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other format") << QByteArray(good).replace("summary 1 ", "summary 2 ");
    QTest::newRow("negative count") << QByteArray(good).replace("summary 1 2 ", "summary 1 -2 ");
    QTest::newRow("byte count past the end") << QByteArray(good).replace(header, "trackplan-summary 1 2 2 99999\n");
    QTest::newRow("too many events") << QByteArray(good).replace("summary 1 2 ", "summary 1 3 ");
    QTest::newRow("too few attributes") << QByteArray(good).replace(" 2 2 ", " 2 1 ");
    QTest::newRow("no common line") << header + QByteArray(checksumText()).replace("common\t", "commun\t") + tail;
    QTest::newRow("short sha") << QByteArray(good).replace(kShaA + "\n", kShaA.left(63) + "\n");
    QTest::newRow("upper-case common sha")
        << header + QByteArray(checksumText()).replace(kCommon, QByteArray(64, 'C')) + tail;
    QTest::newRow("events not sorted") << header
            + QByteArray(checksumText()).replace("app_start", "zzz_start") + tail;
    QTest::newRow("revision not a number") << QByteArray(good).replace("\n3\n0\n", "\nx\n0\n");
    QTest::newRow("revision missing") << header + checksumText() + "3\n";
    QTest::newRow("attribute without revision") << QByteArray(good).replace("order_id\t7\n", "order_id\n");
    QTest::newRow("attributes not sorted") << QByteArray(good).replace("amount\t2", "zzz\t2");
    QTest::newRow("trailing bytes") << good + "x";
    QTest::newRow("truncated") << good.chopped(1);
}

void TstSnapshotSummary::refused()
{
    QFETCH(QByteArray, text);
    auto s = SnapshotSummary::parse(text);
    QVERIFY(!s);
    QCOMPARE(s.error().code, Error::Code::Parse);
}

QTEST_GUILESS_MAIN(TstSnapshotSummary)
#include "tst_snapshotsummary.moc"
