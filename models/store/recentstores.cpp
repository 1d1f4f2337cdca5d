#include "recentstores.h"

#include <QSettings>

namespace tp {
namespace {

QString key()
{
    return QString::fromLatin1(kRecentStoresKey);
}

} // namespace

QStringList recentStores(const QSettings& settings)
{
    QStringList out;
    const QStringList stored = settings.value(key()).toStringList();
    for (const QString& text : stored) {
        // Re-written through StoreUrl so that a hand-edited entry with a password loses it.
        const auto url = StoreUrl::parse(text);
        if (!url) {
            continue;
        }
        const QString clean = url->toString();
        if (!out.contains(clean)) {
            out << clean;
        }
        if (out.size() == kMaxRecentStores) {
            break;
        }
    }
    return out;
}

void addRecentStore(QSettings& settings, const StoreUrl& url)
{
    const QString clean = url.toString();
    QStringList list = recentStores(settings);
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMaxRecentStores) {
        list.removeLast();
    }
    settings.setValue(key(), list);
}

void clearRecentStores(QSettings& settings)
{
    settings.remove(key());
}

} // namespace tp
