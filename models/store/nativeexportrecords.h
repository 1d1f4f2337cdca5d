#pragma once

// The big sections of the native export (attributes, events, demand changes) as canonical
// JSON text built straight from the table rows. Going through Event / Attribute / Change
// values and QJsonObject cost most of an export's time; the text here is byte for byte what
// that path writes. JSON columns (tags, platforms, groups, enum values, change states) are
// copied as stored: the store only ever holds their canonical text, as revisions do.
// Internal to tp_store.

#include "database.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <vector>

namespace tp::exportrecords {

/// One record's canonical text and what its section is sorted by: group, then key.
struct Record {
    int group = 0;
    QString key;
    QByteArray text;
};

/// Called once per row read; an error (e.g. Cancelled) stops the read and is returned.
using StepFn = std::function<Status()>;

/// Attribute id -> its key as a canonical JSON string, over all apps (bindings name their
/// attribute by id).
[[nodiscard]] Result<QHash<qint64, QByteArray>> attributeKeyTexts(Database& db);

/// The app's attributes / events as records of the "attributes" / "events" section, sorted
/// by key in UTF-16 code unit order (as rows::loadAttributes / loadEvents sort).
[[nodiscard]] Result<std::vector<Record>> attributes(Database& db, qint64 appId, const QString& appKey,
                                                     const StepFn& step);
[[nodiscard]] Result<std::vector<Record>> events(Database& db, qint64 appId, const QString& appKey,
                                                 const QHash<qint64, QByteArray>& attributeKeys, const StepFn& step);

/// A demand's changes as elements of its "changes" array, in merge order: attributes first,
/// then by key (as ChangeWriter::changesOf sorts).
[[nodiscard]] Result<std::vector<Record>> changes(Database& db, const QString& demandKey, const StepFn& step);

/// Receives the records of a section one by one, in order.
using WriteFn = std::function<void(const QByteArray&)>;

/// Every revision, oldest first, as a record of the "revisions" section handed to `write`
/// (streamed: the history is the largest section).
[[nodiscard]] Status revisions(Database& db, const WriteFn& write, const StepFn& step);

// The governance, review and operations sections (nativeexporthistory.cpp). Histories are in
// the order they were written; the rest by natural key.

/// Demand key -> its review round (demands.review_round).
[[nodiscard]] Result<QHash<QString, qint64>> reviewRounds(Database& db);
/// App key -> its approval rules as the apps' "approval_rules" member ({"row_version", "rules"});
/// apps without a row (the default rules) are absent.
[[nodiscard]] Result<QHash<QString, QJsonObject>> approvalRules(Database& db);
/// "governance_history": policy and rules changes, oldest first.
[[nodiscard]] Status governanceHistory(Database& db, const WriteFn& write);
/// "level_approvals": by demand key, event key, level.
[[nodiscard]] Status levelApprovals(Database& db, const WriteFn& write);
/// "metrics" of one app, by day, then event (byte order of its UTF-8 text on both backends).
[[nodiscard]] Status metrics(Database& db, qint64 appId, const QString& appKey, const WriteFn& write,
                             const StepFn& step);
/// "publish_history": oldest first.
[[nodiscard]] Status publishHistory(Database& db, const WriteFn& write);
/// "reviews": comments and verdicts, oldest first.
[[nodiscard]] Status reviews(Database& db, const WriteFn& write);

} // namespace tp::exportrecords
