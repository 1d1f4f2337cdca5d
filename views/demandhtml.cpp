#include "demandhtml.h"

#include "enumlabels.h"
#include "enums.h"
#include "jsontext.h"
#include "plandiff.h"
#include "richtext.h"

#include <QLocale>

#include <map>

namespace tp {
namespace {

using richtext::code;
using richtext::esc;
using richtext::fieldRow;

QString timeText(const QDateTime& t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString multiline(const QString& text)
{
    return esc(text).replace(QLatin1Char('\n'), QLatin1String("<br>"));
}

QString verdictClass(ReviewVerdict v)
{
    switch (v) {
    case ReviewVerdict::Approve:
        return QStringLiteral("added");
    case ReviewVerdict::Reject:
        return QStringLiteral("removed");
    case ReviewVerdict::RequestChanges:
        return QStringLiteral("changed");
    case ReviewVerdict::Comment:
        break;
    }
    return QStringLiteral("dim");
}

/// One comment or verdict: "author · time · verdict [· on event x]" and the text below.
QString reviewHtml(const Review& r, bool nameChange)
{
    QString head = QStringLiteral("<b>%1</b> <span class='dim'>· %2</span>").arg(esc(r.author), esc(timeText(r.at)));
    head += QStringLiteral(" · <span class='%1'>%2</span>").arg(verdictClass(r.verdict), esc(verdictLabel(r.verdict)));
    if (nameChange && r.kind) {
        head += QStringLiteral(" <span class='dim'>· %1</span>")
                    .arg(esc(DemandHtml::tr("on %1 %2").arg(DemandHtml::kindText(*r.kind), r.entityKey)));
    }
    QString html = QStringLiteral("<p style='margin: 6px 0 0 0'>%1").arg(head);
    if (!r.body.isEmpty()) {
        html += QStringLiteral("<br>%1").arg(multiline(r.body));
    }
    return html + QStringLiteral("</p>");
}

} // namespace

QString DemandHtml::kindText(EntityKind kind)
{
    return kind == EntityKind::Event ? tr("event") : tr("attribute");
}

QString DemandHtml::hint(const QString& text, const QPalette& palette)
{
    return QStringLiteral("<p style='color:%1'>%2</p>").arg(palette.color(QPalette::PlaceholderText).name(), esc(text));
}

QString DemandHtml::fields(const Demand& d)
{
    QString html = QStringLiteral("<h2>%1</h2><p class='sub'>%2</p>").arg(esc(d.title), code(d.key));
    if (!d.description.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(multiline(d.description));
    }
    html += QStringLiteral("<table>");
    html += fieldRow(tr("Status"), esc(demandStatusLabel(d.status)));
    html += fieldRow(tr("Priority"), esc(priorityLabel(d.priority)));
    html += fieldRow(tr("Owner"), esc(d.owner));
    html += fieldRow(tr("Target versions"), esc(d.targetVersions.join(QLatin1String(", "))));
    html +=
        fieldRow(tr("Link"),
                 d.externalLink.isEmpty() ? QString() : QStringLiteral("<a href='%1'>%1</a>").arg(esc(d.externalLink)));
    html += fieldRow(tr("Created"), esc(timeText(d.createdAt)));
    html += fieldRow(tr("Updated"), esc(timeText(d.updatedAt)));
    return html + QStringLiteral("</table>");
}

QString DemandHtml::approvals(const ReviewState& state)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Approvals")));
    const QStringList missing = state.missing();
    const bool open = state.demand.status == DemandStatus::InReview || state.demand.status == DemandStatus::Approved;
    if (state.demand.status == DemandStatus::Merged) {
        html += QStringLiteral("<p><span class='added'>✔ %1</span></p>").arg(esc(tr("Merged.")));
    } else if (missing.isEmpty()) {
        html += QStringLiteral("<p><span class='added'>✔ %1</span></p>")
                    .arg(esc(open ? tr("Every approval is in.") : tr("Its changes need no approval yet.")));
    } else {
        html += QStringLiteral("<p><span class='changed'>%1</span></p>")
                    .arg(esc(open ? tr("Missing before it can be merged: %n approval(s).", nullptr, int(missing.size()))
                                  : tr("Once submitted it needs %n approval(s).", nullptr, int(missing.size()))));
    }
    html += QStringLiteral("<table>");
    for (const Requirement& r : state.requirements) {
        const QString mark = r.satisfied ? QStringLiteral("<span class='added'>✔</span>")
                                         : QStringLiteral("<span class='changed'>○</span>");
        QString text = esc(requirementText(r));
        if (r.satisfied) {
            const QString by =
                r.byAuthor ? tr("%1 sent the demand").arg(r.satisfiedBy) : tr("approved by %1").arg(r.satisfiedBy);
            text += QStringLiteral(" <span class='dim'>· %1</span>").arg(esc(by));
        }
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(mark, text);
    }
    for (const LevelRequest& l : state.levels) {
        const QString mark = l.decision == LevelDecision::Approved ? QStringLiteral("<span class='added'>✔</span>")
            : l.decision == LevelDecision::Rejected                ? QStringLiteral("<span class='removed'>✖</span>")
                                                                   : QStringLiteral("<span class='changed'>○</span>");
        const QString change = l.from
            ? tr("Level of %1: %2 → %3").arg(l.eventKey, levelLabel(*l.from), levelLabel(l.to))
            : tr("Level of new event %1: %2").arg(l.eventKey, levelLabel(l.to));
        QString decision = levelDecisionLabel(l.decision);
        if (l.decision == LevelDecision::Pending) {
            decision = tr("awaits a data steward (Governance page)");
        } else if (!l.decidedBy.isEmpty()) {
            decision = tr("%1 by %2").arg(decision, l.decidedBy);
        }
        QString text = QStringLiteral("%1 <span class='dim'>— %2</span>").arg(esc(change), esc(decision));
        if (!l.comment.isEmpty()) {
            text += QStringLiteral("<br><span class='dim'>%1</span>").arg(esc(l.comment));
        }
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(mark, text);
    }
    return html + QStringLiteral("</table>");
}

QString DemandHtml::discussion(const QList<Review>& reviews, int currentRound)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Discussion (%1)").arg(reviews.size())));
    if (reviews.isEmpty()) {
        return html + QStringLiteral("<p><span class='dim'>%1</span></p>").arg(esc(tr("No comments yet.")));
    }
    std::map<int, QList<Review>> byRound;
    for (const Review& r : reviews) {
        byRound[r.round].append(r);
    }
    for (const auto& [round, items] : byRound) {
        const QString title = round == 0 ? tr("Before review")
            : round == currentRound      ? tr("Round %1 (current)").arg(round)
                                         : tr("Round %1").arg(round);
        html += QStringLiteral("<p style='margin: 10px 0 0 0'><span class='dim'>%1</span></p>").arg(esc(title));
        for (const Review& r : items) {
            html += reviewHtml(r, true);
        }
    }
    return html;
}

QList<Review> DemandHtml::commentsOn(const QList<Review>& reviews, EntityKind kind, const QString& key)
{
    QList<Review> out;
    for (const Review& r : reviews) {
        if (r.kind == kind && r.entityKey == key) {
            out.append(r);
        }
    }
    return out;
}

QString DemandHtml::change(const ChangeDiff& diff, const QList<Review>& comments)
{
    const Change& c = diff.change;
    const QString anchor = QStringLiteral("change:%1:%2").arg(toString(c.kind), c.entityKey);
    const QString what =
        QStringLiteral("%1 <a href='%2'>%3</a>").arg(esc(kindText(c.kind)), esc(anchor), code(c.entityKey));
    QString html;
    switch (c.op) {
    case ChangeOp::Create:
        html += QStringLiteral("<p><span class='added'>+ %1</span> %2</p>").arg(esc(tr("New")), what);
        break;
    case ChangeOp::Update:
        html += QStringLiteral("<p><span class='changed'>~ %1</span> %2</p>").arg(esc(tr("Changed")), what);
        break;
    case ChangeOp::Delete:
        html += QStringLiteral("<p><span class='removed'>− %1</span> %2</p>").arg(esc(tr("Removed")), what);
        break;
    }
    if (c.op != ChangeOp::Delete) {
        html += QStringLiteral("<table>");
        for (const FieldChange& f : diff.fields) {
            if (c.op == ChangeOp::Create && isEmptyJsonValue(f.after)) {
                continue; // a new entity: only the fields it sets
            }
            const QString value = c.op == ChangeOp::Create
                ? esc(fieldValueText(f.field, f.after))
                : QStringLiteral("<span class='dim'>%1</span> → %2")
                      .arg(esc(fieldValueText(f.field, f.before)), esc(fieldValueText(f.field, f.after)));
            html +=
                QStringLiteral("<tr><td class='label'>%1</td><td>%2</td></tr>").arg(esc(fieldLabel(f.field)), value);
        }
        if (diff.fields.isEmpty()) {
            html += QStringLiteral("<tr><td class='label'>%1</td></tr>").arg(esc(tr("No field differs.")));
        }
        html += QStringLiteral("</table>");
    }
    if (!comments.isEmpty()) {
        html += QStringLiteral("<blockquote>");
        for (const Review& r : comments) {
            html += reviewHtml(r, false);
        }
        html += QStringLiteral("</blockquote>");
    }
    return html;
}

} // namespace tp
