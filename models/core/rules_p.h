#pragma once

// Helpers shared by the rules*.cpp files; not part of the public API.

#include "rules.h"

namespace tp::rules_detail {

inline Finding finding(Finding::Severity severity, const char* rule, EntityKind kind, const QString& key, QString field,
                       QString message)
{
    return Finding{severity, QString::fromLatin1(rule), kind, key, std::move(field), std::move(message)};
}

/// "field[i]"
inline QString indexed(const char* field, qsizetype i)
{
    return QStringLiteral("%1[%2]").arg(QLatin1String(field)).arg(i);
}

/// key.required / key.format
void checkKey(const QString& key, EntityKind kind, QList<Finding>& out);
/// display_name.required
void checkDisplayName(const QString& key, const QString& displayName, EntityKind kind, QList<Finding>& out);

} // namespace tp::rules_detail
