// Validation benchmark (issue 5): the plan of an app from a demo store, compiled once; N
// generated events (mostly valid, and every violation type and malformed lines) validated on
// one thread, events per second. Then the same schemas and events exported to files and
// validated by the npm package ajv in node, in the same run, for the ratio (target >= 1x).
// Usage: bench_validate --db STORE [--app KEY] [--events N] [--hot H] [--ajv PREFIX] [--out DIR]
//   PREFIX: where `npm install --prefix PREFIX ajv@8` put ajv (default: BUILD/bench/ajv).
// Figures only: it asserts nothing.

#include "plansource.h"
#include "schemacompiler.h"
#include "store.h"
#include "validator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdio>

using namespace tp;

namespace {

void say(const QString& text)
{
    std::printf("%s\n", qPrintable(text));
    std::fflush(stdout);
}

/// A value of the attribute that its schema accepts (the example when it fits).
QJsonValue validValue(const Attribute& a, QRandomGenerator& rng)
{
    const auto number = [&](bool integral) -> QJsonValue {
        const double lo = a.minValue.value_or(0);
        const double hi = a.maxValue.value_or(lo + 1000);
        const double v = lo + (hi - lo) * rng.generateDouble();
        return integral ? QJsonValue(qint64(std::ceil(v) <= hi ? std::ceil(v) : std::floor(v))) : QJsonValue(v);
    };
    const auto text = [&]() -> QJsonValue {
        QString s = a.example.isEmpty() ? QStringLiteral("value") : a.example.split(QLatin1Char(',')).first().trimmed();
        if (a.maxLength && s.size() > *a.maxLength) {
            s.truncate(*a.maxLength);
        }
        return s;
    };
    switch (a.type) {
    case AttrType::String:
        return text();
    case AttrType::DateTime:
        return QStringLiteral("2026-11-20T08:%1:00Z").arg(rng.bounded(60), 2, 10, QLatin1Char('0'));
    case AttrType::Enum:
        return a.enumValues.isEmpty() ? QJsonValue(QString())
                                      : a.enumValues.at(rng.bounded(int(a.enumValues.size()))).value;
    case AttrType::Integer:
        return number(true);
    case AttrType::Number:
        return number(false);
    case AttrType::Boolean:
        return rng.bounded(2) == 1;
    case AttrType::ArrayString:
        return QJsonArray{text(), text()};
    case AttrType::ArrayInteger:
        return QJsonArray{number(true)};
    case AttrType::ArrayNumber:
        return QJsonArray{number(false), number(false)};
    }
    return {};
}

QByteArray exportForAjv(const PlanSchemas& schemas, const QSet<QByteArray>& hot)
{
    // Event schema + the common properties it lacks: ajv validates "properties" against one
    // closed schema, as our validator splits common and event keys.
    QJsonArray texts;
    QHash<QByteArray, int> indexOf;
    QJsonObject versions;
    const auto add = [&](const SnapshotSchemas& s) {
        const QJsonObject commonProps =
            QJsonDocument::fromJson(s.common).object().value(QLatin1String("properties")).toObject();
        QJsonObject map;
        for (const auto& [key, text] : s.events) {
            if (!hot.contains(key)) {
                continue;
            }
            int index = indexOf.value(text, -1);
            if (index < 0) {
                QJsonObject o = QJsonDocument::fromJson(text).object();
                QJsonObject props = o.value(QLatin1String("properties")).toObject();
                for (auto it = commonProps.constBegin(); it != commonProps.constEnd(); ++it) {
                    if (!props.contains(it.key())) {
                        props.insert(it.key(), it.value());
                    }
                }
                o.insert(QStringLiteral("properties"), props);
                // PCRE's \x{4e00} is \u{4e00} in a JavaScript "u" RegExp.
                QByteArray merged = QJsonDocument(o).toJson(QJsonDocument::Compact);
                merged.replace("\\\\x{", "\\\\u{");
                index = int(texts.size());
                texts.append(QString::fromUtf8(merged));
                indexOf.insert(text, index);
            }
            map.insert(QString::fromUtf8(key), index);
        }
        return map;
    };
    for (auto it = schemas.versions.cbegin(); it != schemas.versions.cend(); ++it) {
        versions.insert(it.key(), add(it.value()));
    }
    if (!schemas.versions.contains(schemas.current)) {
        versions.insert(schemas.current, add(schemas.currentSnapshot));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("schemas"), texts},
                                     {QStringLiteral("versions"), versions},
                                     {QStringLiteral("current"), schemas.current}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("db"), QStringLiteral("The demo store."), QStringLiteral("STORE")});
    p.addOption({QStringLiteral("app"), QStringLiteral("The app (default user-app)."), QStringLiteral("KEY"),
                 QStringLiteral("user-app")});
    p.addOption({QStringLiteral("events"), QStringLiteral("Events to generate (default 200000)."), QStringLiteral("N"),
                 QStringLiteral("200000")});
    p.addOption({QStringLiteral("hot"), QStringLiteral("Distinct events the traffic uses (default 2000)."),
                 QStringLiteral("H"), QStringLiteral("2000")});
    p.addOption({QStringLiteral("ajv"), QStringLiteral("npm prefix with ajv installed."), QStringLiteral("PREFIX"),
                 QCoreApplication::applicationDirPath() + QStringLiteral("/ajv")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Folder for the exported files (default: temporary)."),
                 QStringLiteral("DIR")});
    p.process(app);
    if (!p.isSet(QStringLiteral("db"))) {
        say(QStringLiteral(
            "bench_validate needs --db STORE (e.g. trackplanctl --db demo.sqlite demo --events 100000)"));
        return 2;
    }
    const QString appKey = p.value(QStringLiteral("app"));
    const int total = p.value(QStringLiteral("events")).toInt();
    auto store = Store::open(p.value(QStringLiteral("db")));
    if (!store) {
        say(store.error().message);
        return 3;
    }
    QElapsedTimer t;
    t.start();
    auto schemas = schemasFromStore(**store, appKey);
    if (!schemas) {
        say(schemas.error().message);
        return 3;
    }
    say(QStringLiteral("plan of %1: %2 versions, current %3 (%4 events); loaded and compiled to JSON Schema in %5 s")
            .arg(appKey)
            .arg(schemas->versions.size())
            .arg(schemas->current)
            .arg(schemas->currentSnapshot.events.size())
            .arg(double(t.elapsed()) / 1000, 0, 'f', 2));
    t.restart();
    auto compiled = PlanRules::compile(*schemas);
    if (!compiled) {
        say(compiled.error().message);
        return 1;
    }
    say(QStringLiteral("rules compiled in %1 s").arg(double(t.elapsed()) / 1000, 0, 'f', 2));

    // Events: the hot events of the current plan, values from the attributes' examples and
    // bounds; ~80% valid, the rest spread over every violation type and malformed lines.
    auto plan = (*store)->versions().planAt(
        appKey, schemas->current == VersionService::currentName() ? VersionService::currentName() : schemas->current);
    if (!plan) {
        say(plan.error().message);
        return 3;
    }
    QRandomGenerator rng(42);
    QList<const Event*> hot;
    QSet<QByteArray> hotKeys;
    const int hotCount = std::min<int>(p.value(QStringLiteral("hot")).toInt(), int(plan->events.size()));
    for (int i = 0; i < hotCount; ++i) {
        const Event* e = &plan->events.at(rng.bounded(int(plan->events.size())));
        if (!hotKeys.contains(e->key.toUtf8())) {
            hot << e;
            hotKeys.insert(e->key.toUtf8());
        }
    }
    const Event* blocked = nullptr;
    for (const Event* e : std::as_const(hot)) {
        if (e->level == Level::A) {
            blocked = e;
            break;
        }
    }
    QList<const Attribute*> common;
    for (const Attribute& a : plan->attributes) {
        if (a.common) {
            common << &a;
        }
    }
    const QStringList versions = schemas->versions.keys() + QStringList{QStringLiteral("9.9.9")};
    QByteArray events;
    events.reserve(qsizetype(total) * 400);
    for (int n = 0; n < total; ++n) {
        const Event* e = hot.at(rng.bounded(int(hot.size())));
        const int kind = rng.bounded(50); // 0..39 valid, 40..48 one violation type each, 49 malformed
        if (kind == 41 && blocked) {
            e = blocked;
        }
        QJsonObject props;
        for (const Binding& b : e->bindings) {
            if (b.required || rng.bounded(2) == 0) {
                if (const Attribute* a = plan->findAttribute(b.attributeKey)) {
                    props.insert(a->key, validValue(*a, rng));
                }
            }
        }
        for (int c = 0; c < 3 && !common.isEmpty(); ++c) {
            const Attribute* a = common.at(rng.bounded(int(common.size())));
            props.insert(a->key, validValue(*a, rng));
        }
        const auto firstOf = [&](auto predicate) -> const Attribute* {
            for (const Binding& b : e->bindings) {
                const Attribute* a = plan->findAttribute(b.attributeKey);
                if (a && predicate(*a, b)) {
                    return a;
                }
            }
            return nullptr;
        };
        QString eventKey = e->key;
        switch (kind) {
        case 40:
            eventKey = QStringLiteral("zz_unplanned_%1").arg(n % 100);
            break;
        case 42:
            if (auto a = firstOf([](const Attribute&, const Binding& b) { return b.required; })) {
                props.remove(a->key);
            }
            break;
        case 43:
            props.insert(e->bindings.isEmpty() ? QStringLiteral("zz") : e->bindings.first().attributeKey, QJsonArray{});
            break;
        case 44:
            if (auto a = firstOf([](const Attribute& a, const Binding&) { return a.type == AttrType::Enum; })) {
                props.insert(a->key, QStringLiteral("zz_not_a_value"));
            }
            break;
        case 45:
            if (auto a = firstOf([](const Attribute& a, const Binding&) {
                    return !a.pattern.isEmpty() && a.type == AttrType::String;
                })) {
                props.insert(a->key, QStringLiteral("!!"));
            }
            break;
        case 46:
            if (auto a = firstOf([](const Attribute& a, const Binding&) { return a.maxValue.has_value(); })) {
                props.insert(a->key, *a->maxValue + 1);
            }
            break;
        case 47:
            props.insert(QStringLiteral("zz_extra"), 1);
            break;
        default:
            break;
        }
        QJsonObject o{{QStringLiteral("event"), eventKey},
                      {QStringLiteral("app"), appKey},
                      {QStringLiteral("app_version"), versions.at(rng.bounded(int(versions.size())))},
                      {QStringLiteral("platform"), QStringLiteral("android")},
                      {QStringLiteral("anonymous_id"), QStringLiteral("a-%1").arg(rng.bounded(50000))},
                      {QStringLiteral("time"), QStringLiteral("2026-11-%1T08:00:00Z").arg(20 + rng.bounded(7))},
                      {QStringLiteral("properties"), props}};
        if (rng.bounded(3) > 0) {
            o.insert(QStringLiteral("user_id"), QStringLiteral("u%1").arg(10000000 + rng.bounded(20000)));
        }
        QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact);
        if (kind == 49) {
            line.chop(line.size() / 3);
        }
        events += line;
        events += '\n';
    }
    say(QStringLiteral("%1 events generated (%2 MB, %3 distinct events, versions %4)")
            .arg(total)
            .arg(double(events.size()) / (1 << 20), 0, 'f', 1)
            .arg(hot.size())
            .arg(versions.join(QLatin1Char(' '))));

    // Ours: parse + validate + tally, one thread, from memory (no output written).
    Validator validator(std::move(*compiled));
    t.restart();
    qint64 lineNumber = 0;
    for (qsizetype start = 0; start < events.size();) {
        qsizetype nl = events.indexOf('\n', start);
        if (nl < 0) {
            nl = events.size();
        }
        (void)validator.check(QByteArrayView(events).sliced(start, nl - start), ++lineNumber);
        start = nl + 1;
    }
    const double ours = double(t.nsecsElapsed()) / 1e9;
    const ValidationSummary s = validator.summary();
    QStringList byType;
    for (int i = 0; i < kViolationTypeCount; ++i) {
        byType << QStringLiteral("%1 %2").arg(toString(ViolationType(i))).arg(s.byViolation[std::size_t(i)]);
    }
    say(QStringLiteral("TrackPlan validator: %1 events in %2 s = %3 events/s (valid %4, invalid %5, malformed %6; "
                       "%7)")
            .arg(s.lines)
            .arg(ours, 0, 'f', 3)
            .arg(double(s.lines) / ours, 0, 'f', 0)
            .arg(s.valid)
            .arg(s.invalid)
            .arg(s.malformed)
            .arg(byType.join(QStringLiteral(", "))));

    // ajv on the same events and schemas.
    QTemporaryDir tmp;
    const QString dir = p.isSet(QStringLiteral("out")) ? p.value(QStringLiteral("out")) : tmp.path();
    QDir().mkpath(dir);
    QFile schemaFile(dir + QStringLiteral("/schemas.json"));
    QFile eventFile(dir + QStringLiteral("/events.ndjson"));
    if (!schemaFile.open(QIODevice::WriteOnly) || !eventFile.open(QIODevice::WriteOnly)) {
        say(QStringLiteral("cannot write to %1").arg(dir));
        return 3;
    }
    schemaFile.write(exportForAjv(*schemas, hotKeys));
    eventFile.write(events);
    schemaFile.close();
    eventFile.close();
    const QString script = QStringLiteral(TRACKPLAN_SOURCE_DIR "/bench/ajv_validate.mjs");
    QProcess node;
    node.start(QStringLiteral("node"),
               {script, p.value(QStringLiteral("ajv")), schemaFile.fileName(), eventFile.fileName()});
    if (!node.waitForFinished(-1) || node.exitCode() != 0) {
        say(QStringLiteral("ajv did not run (npm install --prefix %1 ajv@8): %2")
                .arg(p.value(QStringLiteral("ajv")), QString::fromUtf8(node.readAllStandardError()).left(2000)));
        return 1;
    }
    const QJsonObject r = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    const double ajvSeconds = r.value(QLatin1String("seconds")).toDouble();
    const double ajvRate = r.value(QLatin1String("events")).toDouble() / ajvSeconds;
    say(QStringLiteral("ajv 8 in node: %1 events in %2 s = %3 events/s (valid %4, invalid %5, malformed %6; %7 "
                       "schemas compiled in %8 s, not counted)")
            .arg(r.value(QLatin1String("events")).toInt())
            .arg(ajvSeconds, 0, 'f', 3)
            .arg(ajvRate, 0, 'f', 0)
            .arg(r.value(QLatin1String("valid")).toInt())
            .arg(r.value(QLatin1String("invalid")).toInt())
            .arg(r.value(QLatin1String("malformed")).toInt())
            .arg(r.value(QLatin1String("schemas")).toInt())
            .arg(r.value(QLatin1String("compileSeconds")).toDouble(), 0, 'f', 2));
    say(QStringLiteral("ratio TrackPlan / ajv: %1x (target >= 1x)").arg((double(s.lines) / ours) / ajvRate, 0, 'f', 2));
    return 0;
}
