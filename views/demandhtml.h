#pragma once

// The rich text of the Demands page's detail tabs: a demand's fields, the approvals it still
// needs, its discussion, its change set with the comments on each change.

#include "demandservice.h"
#include "reviewservice.h"

#include <QCoreApplication>
#include <QPalette>
#include <QString>

namespace tp {

class DemandHtml {
    Q_DECLARE_TR_FUNCTIONS(tp::DemandHtml)
public:
    /// Title, key, description and the field table.
    [[nodiscard]] static QString fields(const Demand& demand);
    /// The approvals the demand needs: each requirement with why, ticked with who gave it; the
    /// levels it sets with the steward's decision; a line that says what is still missing.
    [[nodiscard]] static QString approvals(const ReviewState& state);
    /// Every comment and verdict, by review round (author, time, verdict, text); a comment on a
    /// change names it. `reviews` oldest first.
    [[nodiscard]] static QString discussion(const QList<Review>& reviews, int currentRound);
    /// One change as a readable diff (added / changed field by field, old → new / removed), with
    /// the comments made on it. The heading links to "change:<kind>:<key>".
    [[nodiscard]] static QString change(const ChangeDiff& diff, const QList<Review>& comments);
    /// The comments of `reviews` on one change.
    [[nodiscard]] static QList<Review> commentsOn(const QList<Review>& reviews, EntityKind kind, const QString& key);
    /// "event" / "attribute", translated.
    [[nodiscard]] static QString kindText(EntityKind kind);
    /// A grey paragraph (placeholders such as "Select a demand").
    [[nodiscard]] static QString hint(const QString& text, const QPalette& palette);
};

} // namespace tp
