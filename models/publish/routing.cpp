#include "routing.h"

#include "entityjson.h"
#include "enums.h"

#include <QJsonArray>

namespace tp {

QStringList routeOf(const LevelPolicy& p)
{
    if (p.reject) {
        return p.quarantine ? QStringList{QStringLiteral("quarantine")} : QStringList{};
    }
    QStringList route;
    if (p.quarantine) {
        route << QStringLiteral("quarantine");
    }
    if (p.analytics) {
        route << QStringLiteral("analytics");
    }
    if (p.warehouseOds) {
        route << QStringLiteral("warehouse_ods");
    }
    if (p.realtime) {
        route << QStringLiteral("realtime");
    }
    return route;
}

LevelPolicy levelPolicy(const GovernancePolicy& policy, Level level)
{
    for (const LevelPolicy& l : policy.levels) {
        if (l.level == level) {
            return l;
        }
    }
    return GovernancePolicy::defaults(policy.appKey).levels.at(int(level));
}

QJsonObject routingRule(const LevelPolicy& p)
{
    QJsonObject o = toJson(p);
    o.insert(QStringLiteral("route"), QJsonArray::fromStringList(routeOf(p)));
    return o;
}

QMap<QByteArray, QByteArray> routingTable(const GovernancePolicy& policy)
{
    QMap<QByteArray, QByteArray> table;
    for (Level level : {Level::A, Level::B, Level::C, Level::D}) {
        table.insert(toString(level).toUtf8(), canonicalJson(routingRule(levelPolicy(policy, level))));
    }
    return table;
}

} // namespace tp
