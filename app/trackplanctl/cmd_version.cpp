// version list|create|assign|freeze|release
#include "cli.h"
#include "cmdutil.h"

#include "enums.h"
#include "store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace tp::cli {
namespace {

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toString(Qt::ISODate) : QString();
}
} // namespace

int cmdVersion(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ACTION"),
                            Ctl::tr("list | create NAME | assign NAME DEMAND | freeze NAME | release NAME"));
    p.addOption({QStringLiteral("app"), Ctl::tr("The app (required)."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("description"), Ctl::tr("create: a description."), QStringLiteral("TEXT")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Versions of an app: planning → frozen (snapshot) → released."), code)) {
        return code;
    }
    const QStringList pos = p.positionalArguments();
    const QString app = p.value(QStringLiteral("app"));
    if (pos.isEmpty() || app.isEmpty()) {
        return cli.usage(Ctl::tr("version needs --app KEY and an action (list, create, assign, freeze, release)."));
    }
    const QString action = pos.first();
    const int needed = action == QLatin1String("list") ? 1 : (action == QLatin1String("assign") ? 3 : 2);
    static const QStringList actions{QStringLiteral("list"), QStringLiteral("create"), QStringLiteral("assign"),
                                     QStringLiteral("freeze"), QStringLiteral("release")};
    if (!actions.contains(action)) {
        return cli.usage(Ctl::tr("Unknown version action \"%1\".").arg(action));
    }
    if (pos.size() != needed) {
        return cli.usage(Ctl::tr("Wrong number of arguments for version %1.").arg(action));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    VersionService& vs = store->versions();
    if (action == QLatin1String("list")) {
        auto list = vs.list(app);
        if (!list) {
            return cli.fail(list.error());
        }
        auto snaps = vs.snapshots(app);
        if (!snaps) {
            return cli.fail(snaps.error());
        }
        QHash<QString, SnapshotInfo> byName;
        for (const SnapshotInfo& s : std::as_const(*snaps)) {
            byName.insert(s.versionName, s);
        }
        QJsonArray arr;
        for (const Version& v : std::as_const(*list)) {
            const SnapshotInfo s = byName.value(v.name);
            if (cli.json) {
                QJsonObject o{{QStringLiteral("name"), v.name},
                              {QStringLiteral("status"), toString(v.status)},
                              {QStringLiteral("demands"), QJsonArray::fromStringList(v.demandKeys)},
                              {QStringLiteral("frozen_at"), timeText(v.frozenAt)},
                              {QStringLiteral("released_at"), timeText(v.releasedAt)}};
                if (!s.checksum.isEmpty()) {
                    o.insert(QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("events"), s.eventCount},
                                                                     {QStringLiteral("attributes"), s.attributeCount},
                                                                     {QStringLiteral("checksum"), s.checksum}});
                }
                arr.append(o);
            } else {
                cli.out << QStringLiteral("%1\t%2\t%3").arg(v.name, toString(v.status), v.demandKeys.join(QLatin1Char(',')));
                if (!s.checksum.isEmpty()) {
                    cli.out << QLatin1Char('\t') << Ctl::tr("%1 events, %2 attributes, sha256 %3")
                                                        .arg(s.eventCount)
                                                        .arg(s.attributeCount)
                                                        .arg(s.checksum.left(12));
                }
                cli.out << Qt::endl;
            }
        }
        if (cli.json) {
            cli.printJson(arr);
        }
        return ExitOk;
    }
    const QString name = pos.at(1);
    if (action == QLatin1String("assign")) {
        auto s = vs.assignDemand(app, name, pos.at(2));
        if (!s) {
            return cli.fail(s.error());
        }
        cli.out << Ctl::tr("%1 now targets %2 %3.").arg(pos.at(2), app, name) << Qt::endl;
        return ExitOk;
    }
    Result<Version> r = action == QLatin1String("create") ? vs.create(Version{app, name, VersionStatus::Planning,
                                                                              p.value(QStringLiteral("description")),
                                                                              {}, {}, {}, {}, 0})
                        : action == QLatin1String("freeze") ? vs.freeze(app, name)
                                                            : vs.release(app, name);
    if (!r) {
        return cli.fail(r.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("name"), r->name}, {QStringLiteral("status"), toString(r->status)}});
    } else {
        cli.out << Ctl::tr("%1 %2 is now %3.").arg(app, name, toString(r->status)) << Qt::endl;
    }
    return ExitOk;
}

} // namespace tp::cli
