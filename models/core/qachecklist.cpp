#include "qachecklist.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QStringList>

#include <optional>

namespace tp {
namespace {

QByteArray csvField(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

void appendRow(QByteArray& out, const QStringList& fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += csvField(fields.at(i));
    }
    out += "\r\n";
}

QString bindingsText(const Event& e)
{
    QStringList parts;
    for (const Binding& b : e.bindings) {
        parts << b.attributeKey + (b.required ? QStringLiteral("*") : QString());
    }
    return parts.join(QLatin1String(", "));
}

struct Row {
    std::optional<EntityDiff::Kind> kind;
    QStringList what;
    QString displayName;
};

QString changeText(EntityDiff::Kind kind)
{
    switch (kind) {
    case EntityDiff::Kind::Added:
        return QCoreApplication::translate("tp::qa", "new event");
    case EntityDiff::Kind::Changed:
        return QCoreApplication::translate("tp::qa", "changed");
    case EntityDiff::Kind::Removed:
        return QCoreApplication::translate("tp::qa", "removed");
    }
    return {};
}

} // namespace

QByteArray qaChecklistCsv(const QString& appKey, const QString& from, const QString& to, const PlanDiff& diff,
                          const Plan& toPlan)
{
    QMap<QString, Row> rows; // by event key
    for (const EntityDiff& e : diff.events) {
        Row& row = rows[e.key];
        row.kind = e.kind;
        switch (e.kind) {
        case EntityDiff::Kind::Added:
            row.what << QCoreApplication::translate("tp::qa", "is sent, with its attributes");
            break;
        case EntityDiff::Kind::Changed:
            for (const FieldChange& f : e.fields) {
                row.what << f.field;
            }
            break;
        case EntityDiff::Kind::Removed:
            row.what << QCoreApplication::translate("tp::qa", "is no longer sent");
            for (const FieldChange& f : e.fields) {
                if (f.field == QLatin1String("display_name")) {
                    row.displayName = f.before.toString();
                }
            }
            break;
        }
    }
    for (const BindingDiff& b : diff.bindings) {
        Row& row = rows[b.eventKey];
        if (!row.kind) {
            row.kind = EntityDiff::Kind::Changed; // only its bindings changed
        }
        if (row.kind == EntityDiff::Kind::Changed) {
            const char* sign = b.kind == EntityDiff::Kind::Added ? "+"
                : b.kind == EntityDiff::Kind::Removed            ? "-"
                                                                 : "~";
            row.what << QString::fromLatin1(sign) + b.attributeKey;
        }
    }
    QByteArray out("\xEF\xBB\xBF");
    appendRow(out,
              {QCoreApplication::translate("tp::qa", "App"), QCoreApplication::translate("tp::qa", "From"),
               QCoreApplication::translate("tp::qa", "To"), QCoreApplication::translate("tp::qa", "Event"),
               QCoreApplication::translate("tp::qa", "Display name"), QCoreApplication::translate("tp::qa", "Change"),
               QCoreApplication::translate("tp::qa", "What to check"),
               QCoreApplication::translate("tp::qa", "Attributes (* required)"),
               QCoreApplication::translate("tp::qa", "Checked")});
    QHash<QString, const Event*> events; // toPlan need not be sorted
    for (const Event& e : toPlan.events) {
        events.insert(e.key, &e);
    }
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
        const Event* event = events.value(it.key(), nullptr);
        const QString name = event ? event->displayName : it->displayName;
        appendRow(out,
                  {appKey, from, to, it.key(), name, changeText(*it->kind), it->what.join(QLatin1String("; ")),
                   event ? bindingsText(*event) : QString(), QString()});
    }
    return out;
}

} // namespace tp
