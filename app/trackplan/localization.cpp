#include "localization.h"

#include <QApplication>
#include <QFont>

namespace tp::app {

void applyCjkFont(QApplication& app, const QLocale& locale)
{
    Q_UNUSED(app);
    const QString cjk = QStringLiteral("Noto Sans CJK SC");
    QFont font = QApplication::font();
    const QString base = font.family();
    font.setFamilies(locale.language() == QLocale::Chinese ? QStringList{cjk, base} : QStringList{base, cjk});
    QApplication::setFont(font);
}

QString languageArgument(const QStringList& arguments)
{
    const QString option = QStringLiteral("--lang");
    // arguments[0] is the program; "--" ends the options, as for QCommandLineParser.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--")) {
            break;
        }
        if (a == option) {
            return i + 1 < arguments.size() ? arguments.at(i + 1) : QString();
        }
        if (a.startsWith(option + QLatin1Char('='))) {
            return a.mid(option.size() + 1);
        }
    }
    return {};
}

} // namespace tp::app
