// SearchFilterProxyModel: word search over chosen roles, sorting by the source's sort role.

#include "searchfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QAbstractListModel>
#include <QStandardItemModel>
#include <QTest>

using namespace tp;

namespace {

constexpr int KeyRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;
constexpr int SortRole = Qt::UserRole + 3;

void addRow(QStandardItemModel& model, const QString& key, const QString& name, int sortKey)
{
    auto* item = new QStandardItem(key);
    item->setData(key, KeyRole);
    item->setData(name, NameRole);
    item->setData(sortKey, SortRole);
    model.appendRow(item);
}

/// Keys whose whole list is replaced at once (as a demand list when another app is chosen).
class KeyListModel : public QAbstractListModel {
public:
    void setKeys(const QStringList& keys)
    {
        beginResetModel();
        m_keys = keys;
        endResetModel();
    }
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_keys.size()); }
    QVariant data(const QModelIndex& index, int role) const override
    {
        return role == KeyRole || role == Qt::DisplayRole ? QVariant(m_keys.value(index.row())) : QVariant();
    }

private:
    QStringList m_keys;
};

} // namespace

class TestSearchFilterProxyModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filters_data();
    void filters();
    void filtersRowsAddedLater();
    void filtersAgainAfterReset();
    void sortsBySortRole();
};

void TestSearchFilterProxyModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keys");
    const QStringList all{QStringLiteral("order_submit"), QStringLiteral("order_pay"), QStringLiteral("home_view")};
    QTest::newRow("empty") << QString() << all;
    QTest::newRow("blank") << QStringLiteral("   ") << all;
    QTest::newRow("key part") << QStringLiteral("order") << QStringList{all.at(0), all.at(1)};
    QTest::newRow("case-insensitive") << QStringLiteral("ORDER_P") << QStringList{all.at(1)};
    QTest::newRow("display name") << QStringLiteral("首页") << QStringList{all.at(2)};
    QTest::newRow("all words, any role") << QStringLiteral("order 支付") << QStringList{all.at(1)};
    QTest::newRow("no match") << QStringLiteral("checkout") << QStringList{};
}

void TestSearchFilterProxyModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keys);
    QStandardItemModel source;
    addRow(source, QStringLiteral("order_submit"), QStringLiteral("提交订单"), 2);
    addRow(source, QStringLiteral("order_pay"), QStringLiteral("支付订单"), 3);
    addRow(source, QStringLiteral("home_view"), QStringLiteral("首页浏览"), 1);
    SearchFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&source);
    proxy.setSearchRoles({KeyRole, NameRole});
    proxy.setSearchText(text);
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        shown << proxy.index(row, 0).data(KeyRole).toString();
    }
    QCOMPARE(shown, keys);
}

void TestSearchFilterProxyModel::filtersRowsAddedLater()
{
    QStandardItemModel source;
    addRow(source, QStringLiteral("order_submit"), QStringLiteral("提交订单"), 1);
    SearchFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&source);
    proxy.setSearchRoles({KeyRole, NameRole});
    proxy.setSearchText(QStringLiteral("order"));
    QCOMPARE(proxy.rowCount(), 1);
    addRow(source, QStringLiteral("order_refund"), QStringLiteral("退款"), 2);
    addRow(source, QStringLiteral("home_view"), QStringLiteral("首页"), 3);
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.searchText(), QStringLiteral("order"));
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 3);
}

void TestSearchFilterProxyModel::filtersAgainAfterReset()
{
    KeyListModel source;
    source.setKeys({QStringLiteral("DEM-0059"), QStringLiteral("DEM-0060")});
    SearchFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&source);
    proxy.setSearchRoles({KeyRole});
    proxy.setSearchText(QStringLiteral("dem-0049"));
    QCOMPARE(proxy.rowCount(), 0);
    // The search stays; the new rows are searched in their own texts, not the old rows'.
    source.setKeys({QStringLiteral("DEM-0049"), QStringLiteral("DEM-0050")});
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(KeyRole).toString(), QStringLiteral("DEM-0049"));
    source.setKeys({QStringLiteral("DEM-0001")});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestSearchFilterProxyModel::sortsBySortRole()
{
    QStandardItemModel source;
    addRow(source, QStringLiteral("b"), QStringLiteral("B"), 10);
    addRow(source, QStringLiteral("a"), QStringLiteral("A"), 9);
    addRow(source, QStringLiteral("c"), QStringLiteral("C"), 100);
    SearchFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&source);
    proxy.setSortRole(SortRole);
    proxy.sort(0, Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        order << proxy.index(row, 0).data(KeyRole).toString();
    }
    // Numeric: 9 < 10 < 100 (as text "10" < "100" < "9").
    QCOMPARE(order, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

QTEST_GUILESS_MAIN(TestSearchFilterProxyModel)
#include "tst_searchfilterproxymodel.moc"
