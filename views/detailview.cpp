#include "detailview.h"

#include "enumlabels.h"
#include "enums.h"
#include "jsontext.h"
#include "leveldelegate.h"
#include "plandiff.h"
#include "richtext.h"

#include <QLocale>

namespace tp {
namespace {

using richtext::code;
using richtext::esc;
using richtext::fieldRow;

QString levelBadge(Level level)
{
    const QColor c = LevelDelegate::levelColor(level);
    return QStringLiteral("<span style='color:%1; font-weight:600'>%2</span>").arg(c.name(), esc(levelLabel(level)));
}

} // namespace

DetailView::DetailView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setReadOnly(true);
}

void DetailView::displayEvent(const Event& e, const AttributeLookup& lookup, const QStringList& commonAttributes)
{
    QString html = richtext::style(palette());
    html += QStringLiteral("<h2>%1</h2><p class='sub'>%2</p>")
                .arg(esc(e.displayName.isEmpty() ? e.key : e.displayName), code(e.key));
    if (!e.description.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(e.description));
    }
    html += QStringLiteral("<table>");
    html += fieldRow(tr("Trigger"), esc(e.trigger));
    html += fieldRow(tr("Category"), esc(e.category));
    html += fieldRow(tr("Level"), levelBadge(e.level));
    html += fieldRow(tr("Status"), esc(statusLabel(e.status)));
    html += fieldRow(tr("Owner"), esc(e.owner));
    html += fieldRow(tr("Platforms"), esc(e.platforms.join(QStringLiteral(", "))));
    html += fieldRow(tr("Tags"), esc(e.tags.join(QStringLiteral(", "))));
    html += fieldRow(tr("Schema version"), code(e.schemaVersion.toString()));
    html += fieldRow(tr("Revision"), e.revision > 0 ? QLocale().toString(e.revision) : QString());
    html += fieldRow(tr("Introduced in"), esc(e.introducedIn));
    html += fieldRow(tr("Deprecated in"), esc(e.deprecatedIn));
    if (!e.screenshot.isEmpty()) {
        html += fieldRow(tr("Screenshot"), esc(e.screenshot));
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Attributes (%1)").arg(QLocale().toString(e.bindings.size()))));
    if (e.bindings.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(tr("This event binds no attributes besides the common ones.")));
    } else {
        html += QStringLiteral("<table width='100%'><tr><th>#</th><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                    .arg(esc(tr("Attribute")), esc(tr("Type")), esc(tr("Required")), esc(tr("Note")));
        for (qsizetype i = 0; i < e.bindings.size(); ++i) {
            const Binding& b = e.bindings.at(i);
            const Attribute* a = lookup ? lookup(b.attributeKey) : nullptr;
            // Key and display name share a cell (key above, name below) to keep the table narrow.
            const QString name =
                a ? esc(a->displayName) : QStringLiteral("<i>%1</i>").arg(esc(tr("unknown attribute")));
            html +=
                QStringLiteral("<tr><td>%1</td><td class='key'>%2<br><span class='dim'>%3</span></td>"
                               "<td class='key'>%4</td><td class='key'>%5</td><td>%6</td></tr>")
                    .arg(QLocale().toString(i + 1), code(b.attributeKey), name, a ? code(toString(a->type)) : QString(),
                         b.required ? QStringLiteral("<b>%1</b>").arg(esc(tr("required"))) : esc(tr("optional")),
                         esc(b.note));
        }
        html += QStringLiteral("</table>");
    }
    if (!commonAttributes.isEmpty()) {
        QStringList keys;
        for (const QString& key : commonAttributes) {
            keys << code(key);
        }
        html += QStringLiteral("<p>%1 %2</p>")
                    .arg(esc(tr("Also carries the common attributes:")), keys.join(QStringLiteral(", ")));
    }
    setHtml(html);
}

void DetailView::displayAttribute(const Attribute& a, int usedBy, const QStringList& usedByKeys)
{
    QString html = richtext::style(palette());
    html += QStringLiteral("<h2>%1</h2><p class='sub'>%2</p>")
                .arg(esc(a.displayName.isEmpty() ? a.key : a.displayName), code(a.key));
    if (!a.description.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(a.description));
    }
    QStringList enumValues;
    for (const EnumValue& v : a.enumValues) {
        enumValues << (v.label.isEmpty() ? code(v.value) : QStringLiteral("%1 %2").arg(code(v.value), esc(v.label)));
    }
    const QLocale locale;
    QStringList range;
    if (a.minValue) {
        range << tr("min %1").arg(locale.toString(*a.minValue));
    }
    if (a.maxValue) {
        range << tr("max %1").arg(locale.toString(*a.maxValue));
    }
    html += QStringLiteral("<table>");
    html += fieldRow(tr("Type"), code(toString(a.type)));
    html += fieldRow(tr("Scope"), esc(a.common ? tr("Common: carried by every event") : tr("Event attribute")));
    html += fieldRow(tr("Privacy"), esc(privacyLabel(a.privacy)));
    html += fieldRow(tr("Groups"), esc(a.groups.join(QStringLiteral(", "))));
    if (!enumValues.isEmpty()) {
        html += fieldRow(tr("Values"), enumValues.join(QStringLiteral("<br>")));
    }
    if (!a.pattern.isEmpty()) {
        html += fieldRow(tr("Pattern"), code(a.pattern));
    }
    if (!range.isEmpty()) {
        html += fieldRow(tr("Range"), esc(range.join(QStringLiteral(", "))));
    }
    if (a.maxLength) {
        html += fieldRow(tr("Max length"), locale.toString(*a.maxLength));
    }
    html += fieldRow(tr("Unit"), esc(a.unit));
    html += fieldRow(tr("Example"), a.example.isEmpty() ? QString() : code(a.example));
    html += fieldRow(tr("Used by"), esc(tr("%Ln event(s)", nullptr, usedBy)));
    html += fieldRow(tr("Revision"), a.revision > 0 ? locale.toString(a.revision) : QString());
    html += QStringLiteral("</table>");
    if (!usedByKeys.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><p>").arg(esc(tr("Used by")));
        QStringList keys;
        for (const QString& key : usedByKeys) {
            keys << code(key);
        }
        html += keys.join(QLatin1String(", "));
        if (usedBy > usedByKeys.size()) {
            html += QStringLiteral(" <span class='dim'>%1</span>")
                        .arg(esc(tr("and %n more", nullptr, int(usedBy - usedByKeys.size()))));
        }
        html += QStringLiteral("</p>");
    }
    setHtml(html);
}

void DetailView::displayHistory(const QString& key, const Result<QList<Revision>>& revisions)
{
    if (!revisions) {
        setHtml(esc(tr("The history cannot be read: %1").arg(revisions.error().message)));
        return;
    }
    QString html = richtext::style(palette());
    html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("%1 — %n revision(s)", nullptr, int(revisions->size())).arg(key)));
    for (qsizetype i = revisions->size() - 1; i >= 0; --i) { // newest first
        const Revision& r = revisions->at(i);
        const QString when = QLocale().toString(r.at.toLocalTime(), QLocale::ShortFormat);
        const QString demand = r.demandKey.isEmpty() ? tr("no demand") : r.demandKey;
        html += QStringLiteral("<p><b>%1</b> <span class='dim'>%2 · %3 · %4</span></p>")
                    .arg(esc(tr("Revision %1").arg(r.revision)), esc(when), esc(r.author), esc(demand));
        if (r.op == ChangeOp::Delete) {
            html += QStringLiteral("<p><span class='removed'>%1</span></p>").arg(esc(tr("Removed")));
            continue;
        }
        if (i == 0 || revisions->at(i - 1).op == ChangeOp::Delete) {
            html += QStringLiteral("<p><span class='added'>%1</span></p>").arg(esc(tr("Created")));
            continue;
        }
        html += QStringLiteral("<table>");
        for (const FieldChange& f : diffObjects(revisions->at(i - 1).state, r.state)) {
            html += QStringLiteral("<tr><td class='label'>%1</td><td><span class='dim'>%2</span> → %3</td></tr>")
                        .arg(esc(fieldLabel(f.field)), esc(fieldValueText(f.field, f.before)),
                             esc(fieldValueText(f.field, f.after)));
        }
        html += QStringLiteral("</table>");
    }
    setHtml(html);
}

void DetailView::displayHint(const QString& text)
{
    setHtml(
        QStringLiteral("<p style='color:%1'>%2</p>").arg(palette().color(QPalette::PlaceholderText).name(), esc(text)));
}

} // namespace tp
