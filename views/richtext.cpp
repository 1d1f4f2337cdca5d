#include "richtext.h"

namespace tp::richtext {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString code(const QString& text)
{
    return QStringLiteral("<code>%1</code>").arg(esc(text));
}

QString fieldRow(const QString& label, const QString& valueHtml)
{
    return QStringLiteral("<tr><td class='label'>%1</td><td>%2</td></tr>")
        .arg(esc(label), valueHtml.isEmpty() ? QStringLiteral("—") : valueHtml);
}

QString style(const QPalette& palette)
{
    return QStringLiteral(
               "<style>"
               "h2 { margin-bottom: 2px; }"
               "h3 { margin-top: 14px; margin-bottom: 4px; }"
               "td { padding: 2px 10px 2px 0; vertical-align: top; }"
               "td.label { color: %1; white-space: nowrap; }"
               "td.key { white-space: nowrap; }"
               "span.dim { color: %1; }"
               "th { text-align: left; padding: 2px 10px 2px 0; color: %1; font-weight: normal; white-space: nowrap; "
               "border-bottom: 1px solid %2; }"
               "p.sub { margin-top: 0; }"
               "span.added { color: #1a7f37; font-weight: 600; } span.removed { color: #cf222e; font-weight: 600; }"
               "span.changed { color: #9a6700; font-weight: 600; }"
               "</style>")
        .arg(palette.color(QPalette::PlaceholderText).name(), palette.color(QPalette::Mid).name());
}

QString findingsHtml(const QList<Finding>& findings)
{
    QStringList lines;
    for (const Finding& f : findings) {
        const bool error = f.severity == Finding::Severity::Error;
        lines << QStringLiteral("<span style='color:%1'>%2 %3</span>")
                     .arg(error ? QStringLiteral("#cf222e") : QStringLiteral("#9a6700"),
                          error ? QStringLiteral("✖") : QStringLiteral("⚠"), f.message.toHtmlEscaped());
    }
    return lines.join(QLatin1String("<br>"));
}

} // namespace tp::richtext
