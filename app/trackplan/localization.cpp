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

} // namespace tp::app
