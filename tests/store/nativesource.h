#pragma once

// The source store of tst_nativejson, built through the public API: everything a store holds,
// so that an export of it exercises every section of the native JSON format.

#include "store.h"

namespace tp::test {

/// A valid attribute of the source plan.
[[nodiscard]] Attribute attribute(const char* key, const char* displayName, AttrType type);
/// A demand to create (priority P1, a link, the given target versions).
[[nodiscard]] Demand demand(const char* app, const char* title, QStringList targets = {});

/// A small but complete store; see nativesource.cpp. Returns an error text, empty on success.
[[nodiscard]] QString buildSource(Store& s);

} // namespace tp::test
