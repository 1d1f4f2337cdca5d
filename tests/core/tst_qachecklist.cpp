#include "plandiff.h"
#include "qachecklist.h"

#include <QTest>

using namespace tp;

namespace {

Event makeEvent(const QString& key, const QString& name, const QList<Binding>& bindings = {})
{
    Event e;
    e.key = key;
    e.displayName = name;
    e.bindings = bindings;
    return e;
}

Attribute attribute(const QString& key)
{
    Attribute a;
    a.key = key;
    a.displayName = key;
    return a;
}

/// The CSV without its byte order mark, split into lines.
QStringList lines(const QByteArray& csv)
{
    return QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
}

} // namespace

class TestQaChecklist : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rowsPerChangedEvent();
    void quotesFieldsThatNeedIt();
};

void TestQaChecklist::rowsPerChangedEvent()
{
    Plan from;
    from.attributes = {attribute(QStringLiteral("order_id")), attribute(QStringLiteral("pay_method"))};
    from.events = {
        makeEvent(QStringLiteral("banner_click"), QStringLiteral("横幅点击")),
        makeEvent(QStringLiteral("order_pay"), QStringLiteral("支付订单"), {{QStringLiteral("order_id"), true, {}}}),
        makeEvent(QStringLiteral("home_view"), QStringLiteral("首页浏览"))};
    Plan to = from;
    to.events.removeAt(0);                                                   // banner_click removed
    to.events[0].bindings.append({QStringLiteral("pay_method"), false, {}}); // order_pay: a binding added
    to.events[1].description = QStringLiteral("Home page shown");            // home_view: a field changed
    to.events.append(makeEvent(QStringLiteral("search_submit"), QStringLiteral("搜索提交"),
                               {{QStringLiteral("order_id"), false, {}}})); // new
    const PlanDiff diff = diffPlans(from, to);
    const QByteArray csv =
        qaChecklistCsv(QStringLiteral("user-app"), QStringLiteral("1.0.0"), QStringLiteral("current"), diff, to);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList rows = lines(csv);
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows.at(0),
             QStringLiteral("App,From,To,Event,Display name,Change,What to check,Attributes (* required),Checked"));
    QCOMPARE(rows.at(1), QString::fromUtf8("user-app,1.0.0,current,banner_click,横幅点击,removed,is no longer sent,,"));
    QCOMPARE(rows.at(2), QString::fromUtf8("user-app,1.0.0,current,home_view,首页浏览,changed,description,,"));
    QCOMPARE(rows.at(3),
             QString::fromUtf8("user-app,1.0.0,current,order_pay,支付订单,changed,+pay_method,\"order_id*, "
                               "pay_method\","));
    QCOMPARE(rows.at(4),
             QString::fromUtf8("user-app,1.0.0,current,search_submit,搜索提交,new event,"
                               "\"is sent, with its attributes\",order_id,"));
}

void TestQaChecklist::quotesFieldsThatNeedIt()
{
    Plan to;
    to.events = {makeEvent(QStringLiteral("a_b"), QStringLiteral("say \"hi\", then\nleave"))};
    const QByteArray csv =
        qaChecklistCsv(QStringLiteral("app"), QStringLiteral("1"), QStringLiteral("2"), diffPlans(Plan{}, to), to);
    QVERIFY2(csv.contains("\"say \"\"hi\"\", then\nleave\""), csv.constData());
}

QTEST_GUILESS_MAIN(TestQaChecklist)
#include "tst_qachecklist.moc"
