#pragma once

// The stores opened lately, for File → Recent stores and the store dialog.

#include "storeurl.h"

#include <QStringList>

class QSettings;

namespace tp {

/// At most this many recent stores are kept.
inline constexpr int kMaxRecentStores = 8;
/// QSettings key of the recent stores.
inline constexpr const char* kRecentStoresKey = "store/recent";

/// The recent stores, most recent first, as StoreUrl::toString() texts: never a password,
/// even if someone wrote one into the settings file by hand.
[[nodiscard]] QStringList recentStores(const QSettings& settings);
/// Puts `url` first (without its password), drops an older entry of the same store and keeps
/// at most kMaxRecentStores.
void addRecentStore(QSettings& settings, const StoreUrl& url);
/// Forgets every recent store.
void clearRecentStores(QSettings& settings);

} // namespace tp
