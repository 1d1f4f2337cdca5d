// Validation of single events (rules.h).
#include "rules.h"
#include "rules_p.h"

#include "enums.h"

#include <QCoreApplication>
#include <QSet>
#include <QVarLengthArray>
#include <QVersionNumber>

#include <algorithm>

namespace tp {
namespace {

using Severity = Finding::Severity;
using rules_detail::finding;
using rules_detail::indexed;

/// `resolved`: the attribute of each binding (nullptr if unknown), or nullptr altogether when
/// there is nothing to resolve against.
void checkBindings(const Event& e, const Attribute* const* resolved, QList<Finding>& out)
{
    const qsizetype n = e.bindings.size();
    // Events have a handful of bindings: a pairwise scan (of pointers, once resolved) beats
    // hashing into a set for each event.
    const bool useSet = n > 16;
    QSet<QString> seen;
    for (qsizetype i = 0; i < n; ++i) {
        const QString& key = e.bindings.at(i).attributeKey;
        if (key.isEmpty()) {
            out << finding(Severity::Error, "event.binding.unknown", EntityKind::Event, e.key, indexed("bindings", i),
                           QCoreApplication::translate("tp::rules", "Binding %1 names no attribute.").arg(i + 1));
            continue;
        }
        const Attribute* attribute = resolved ? resolved[i] : nullptr;
        bool duplicate = false;
        if (useSet) {
            duplicate = seen.contains(key);
            seen.insert(key);
        } else {
            for (qsizetype j = 0; j < i && !duplicate; ++j) {
                const Attribute* other = resolved ? resolved[j] : nullptr;
                // Equal keys resolve to the same attribute; only unresolved ones need a string compare.
                duplicate = attribute ? other == attribute : !other && e.bindings.at(j).attributeKey == key;
            }
        }
        if (duplicate) {
            out << finding(Severity::Error, "event.binding.duplicate", EntityKind::Event, e.key, indexed("bindings", i),
                           QCoreApplication::translate("tp::rules", "Attribute %1 is bound more than once.").arg(key));
        } else if (resolved && !attribute) {
            out << finding(Severity::Error, "event.binding.unknown", EntityKind::Event, e.key, indexed("bindings", i),
                           QCoreApplication::translate("tp::rules", "Attribute %1 does not exist.").arg(key));
        } else if (attribute && attribute->common) {
            out << finding(Severity::Warning, "event.binding.common", EntityKind::Event, e.key, indexed("bindings", i),
                           QCoreApplication::translate("tp::rules",
                                                       "Attribute %1 is common to every event; binding it "
                                                       "explicitly is redundant.")
                               .arg(key));
        }
    }
}

QList<Finding> validateEventImpl(const Event& e, const Attribute* const* resolved)
{
    QList<Finding> out;
    rules_detail::checkKey(e.key, EntityKind::Event, out);
    rules_detail::checkDisplayName(e.key, e.displayName, EntityKind::Event, out);

    if (e.platforms.isEmpty()) {
        out << finding(Severity::Warning, "event.platform.missing", EntityKind::Event, e.key,
                       QStringLiteral("platforms"),
                       QCoreApplication::translate("tp::rules", "Event %1 names no platform.").arg(e.key));
    }
    for (qsizetype i = 0; i < e.platforms.size(); ++i) {
        const QString& p = e.platforms.at(i);
        if (!knownPlatforms().contains(p)) {
            out << finding(Severity::Error, "event.platform.unknown", EntityKind::Event, e.key, indexed("platforms", i),
                           QCoreApplication::translate("tp::rules", "Unknown platform \"%1\"; expected one of %2.")
                               .arg(p, knownPlatforms().join(QLatin1String(", "))));
        } else if (e.platforms.indexOf(p) < i) {
            out << finding(Severity::Warning, "event.platform.duplicate", EntityKind::Event, e.key,
                           indexed("platforms", i),
                           QCoreApplication::translate("tp::rules", "Platform %1 is listed more than once.").arg(p));
        }
    }

    checkBindings(e, resolved, out);

    const bool retired = e.status == EventStatus::Deprecated || e.status == EventStatus::Removed;
    if (!e.deprecatedIn.isEmpty() && !retired) {
        out << finding(
            Severity::Error, "event.deprecated_in.status", EntityKind::Event, e.key, QStringLiteral("deprecated_in"),
            QCoreApplication::translate("tp::rules", "Event %1 has a deprecation version but its status is %2.")
                .arg(e.key, toString(e.status)));
    }
    if (e.deprecatedIn.isEmpty() && retired) {
        out << finding(
            Severity::Warning, "event.deprecated_in.missing", EntityKind::Event, e.key, QStringLiteral("deprecated_in"),
            QCoreApplication::translate("tp::rules", "Event %1 is %2 but names no version it was deprecated in.")
                .arg(e.key, toString(e.status)));
    }
    if (!e.introducedIn.isEmpty() && !e.deprecatedIn.isEmpty()) {
        const QVersionNumber introduced = QVersionNumber::fromString(e.introducedIn);
        const QVersionNumber deprecated = QVersionNumber::fromString(e.deprecatedIn);
        if (!introduced.isNull() && !deprecated.isNull() && deprecated < introduced) {
            out << finding(Severity::Error, "event.deprecated_in.order", EntityKind::Event, e.key,
                           QStringLiteral("deprecated_in"),
                           QCoreApplication::translate("tp::rules",
                                                       "Event %1 is deprecated in %2, before it was "
                                                       "introduced in %3.")
                               .arg(e.key, e.deprecatedIn, e.introducedIn));
        }
    }
    return out;
}

} // namespace

QList<Finding> validateEvent(const Event& e, const AttributeLookup& lookup)
{
    if (!lookup) {
        return validateEventImpl(e, nullptr);
    }
    QVarLengthArray<const Attribute*, 32> resolved;
    for (const Binding& b : e.bindings) {
        resolved.append(b.attributeKey.isEmpty() ? nullptr : lookup(b.attributeKey));
    }
    return validateEventImpl(e, resolved.constData());
}

QList<Finding> validateEventResolved(const Event& e, std::span<const Attribute* const> resolved)
{
    if (resolved.size() == static_cast<std::size_t>(e.bindings.size())) {
        return validateEventImpl(e, resolved.data());
    }
    // Defensive: a short list leaves the remaining bindings unresolved.
    QVarLengthArray<const Attribute*, 32> padded(e.bindings.size(), nullptr);
    std::copy_n(resolved.begin(), std::min<std::size_t>(resolved.size(), padded.size()), padded.begin());
    return validateEventImpl(e, padded.constData());
}

} // namespace tp
