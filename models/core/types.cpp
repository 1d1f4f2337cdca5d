#include "types.h"

#include <algorithm>

namespace tp {

std::optional<SchemaVersion> SchemaVersion::parse(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('-'));
    if (parts.size() != 3) {
        return std::nullopt;
    }
    SchemaVersion v;
    int* fields[] = {&v.model, &v.revision, &v.addition};
    for (int i = 0; i < 3; ++i) {
        bool ok = false;
        *fields[i] = parts[i].toInt(&ok);
        if (!ok || *fields[i] < 0) {
            return std::nullopt;
        }
    }
    return v;
}

namespace {
template <typename T> const T* findByKey(const QList<T>& list, const QString& key)
{
    // Lists are kept sorted by key.
    auto it =
        std::lower_bound(list.begin(), list.end(), key, [](const T& item, const QString& k) { return item.key < k; });
    return (it != list.end() && it->key == key) ? &*it : nullptr;
}
} // namespace

const Event* Plan::findEvent(const QString& key) const
{
    return findByKey(events, key);
}

const Attribute* Plan::findAttribute(const QString& key) const
{
    return findByKey(attributes, key);
}

GovernancePolicy GovernancePolicy::defaults(const QString& appKey)
{
    GovernancePolicy p;
    p.appKey = appKey;
    // DESIGN.md "Governance levels": defaults, editable per app.
    LevelPolicy a{Level::A, true, true, false, 0.0, false, false, false};
    LevelPolicy b{Level::B, false, false, true, 1.0, false, false, false};
    LevelPolicy c{Level::C, false, false, true, 1.0, true, false, false};
    LevelPolicy d{Level::D, false, false, true, 1.0, true, true, true};
    p.levels = {a, b, c, d};
    return p;
}

QList<DemandStatus> demandActionFrom(DemandAction action)
{
    using S = DemandStatus;
    switch (action) {
    case DemandAction::Submit:
        return {S::Draft};
    case DemandAction::Approve:
        return {S::InReview};
    case DemandAction::Reject:
        return {S::InReview, S::Approved};
    case DemandAction::Reopen:
        return {S::InReview, S::Approved, S::Rejected};
    case DemandAction::Cancel:
        return {S::Draft, S::InReview, S::Approved};
    case DemandAction::Merge:
        return {S::Approved};
    case DemandAction::RequestChanges:
        return {S::InReview, S::Approved};
    }
    return {};
}

bool isOpen(DemandStatus status)
{
    return status == DemandStatus::Draft || status == DemandStatus::InReview || status == DemandStatus::Approved;
}

} // namespace tp
