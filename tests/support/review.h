#pragma once

// The review steps a test plan goes through before a merge, as the people would take them: a
// data steward decides the levels the demand sets, and the owners of events whose approval the
// app's rules ask for sign off. The store's acting user is restored afterwards.

#include "store.h"

namespace tp::test {

[[nodiscard]] inline Status completeReview(Store& store, const QString& demandKey)
{
    if (auto r = store.reviews().decideAllLevels(demandKey, true, {}); !r) {
        return r.error();
    }
    auto state = store.reviews().state(demandKey);
    if (!state) {
        return state.error();
    }
    const QString actor = store.context().actor;
    for (const Requirement& r : std::as_const(state->requirements)) {
        if (!r.satisfied && r.approver == Approver::EventOwner && !r.user.isEmpty()) {
            store.setActor(r.user);
            auto signedOff = store.reviews().signOff(demandKey);
            store.setActor(actor);
            if (!signedOff) {
                return signedOff.error();
            }
        }
    }
    return Ok{};
}

} // namespace tp::test
