#pragma once

// Demo data: a realistic tracking plan of a freight platform (customer app, driver app,
// enterprise web), produced through the public store API exactly as people would produce it,
// so that the demo carries demands in every status, revisions, audit rows, frozen and
// released versions with snapshots, and version diffs with added, changed and removed items.

#include "error.h"

#include <QString>
#include <QtGlobal>

#include <functional>

namespace tp {

class Store;

struct DemoOptions {
    /// 0: the small hand-made plan only. N > 0: the hand-made plan plus generated events so
    /// that the current plans of all apps hold exactly max(N, H) events in total, where H is the
    /// number of hand-made events (demoHandMadeEventCount()). Generated events are split 50% /
    /// 35% / 15% between user-app, driver-app and enterprise-web. At most 100 000 events.
    int events = 0;
    /// Drives everything incidental (event owners, example values, ticket links, the generated
    /// part); the same seed gives byte-identical stores.
    quint32 seed = 1;
    /// Called with a percentage (0..100, never decreasing) and a translated stage text.
    /// Returning false cancels: generateDemo then returns Error::Code::Cancelled.
    std::function<bool(int percent, const QString& stage)> progress;
};

struct DemoSummary {
    int apps = 0;
    int users = 0;
    int events = 0;     ///< events in the current plans of all apps
    int attributes = 0; ///< attributes in the current plans of all apps
    int bindings = 0;   ///< event–attribute bindings in the current plans
    int demands = 0;
    int versions = 0;
};

/// Number of events the hand-made plan leaves in the current plans of all apps.
[[nodiscard]] int demoHandMadeEventCount();

/// Fills an EMPTY store (Error::Code::InvalidState otherwise) with the demo plan. Deterministic
/// for a seed: it installs a fake clock on the store (Store::setClock) that starts at
/// 2026-01-05T09:00:00Z and advances by fixed steps, and leaves the actor and that clock set
/// when it returns (it restores nothing; callers that keep using the store set their own).
///
/// Every demand is written atomically by the store, but the demo as a whole is not one
/// transaction: after a failure or a cancel the store holds the demands completed so far.
/// Generate into a fresh file and delete it when generateDemo does not succeed.
[[nodiscard]] Result<DemoSummary> generateDemo(Store& store, const DemoOptions& options);

} // namespace tp
