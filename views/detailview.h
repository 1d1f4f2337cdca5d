#pragma once

#include "error.h"
#include "rules.h"
#include "types.h"

#include <QTextBrowser>

namespace tp {

/// Read-only details of one event (its fields and ordered attribute bindings) or one
/// attribute (its definition and constraints), rendered as rich text.
class DetailView : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailView(QWidget* parent = nullptr);

    /// `lookup` resolves the bound attributes (type, display name); unknown ones are marked.
    /// `commonAttributes` are the app's common attributes, which every event carries unbound.
    void displayEvent(const Event& event, const AttributeLookup& lookup, const QStringList& commonAttributes = {});
    /// `usedBy` counts the events binding it (every event for a common attribute); `usedByKeys`
    /// lists the binding events (the first ones when there are many).
    void displayAttribute(const Attribute& attribute, int usedBy, const QStringList& usedByKeys = {});
    /// Every merged revision of an entity (oldest first, as PlanCatalog::history gives them),
    /// shown newest first with time, author, demand and the fields each changed (old → new).
    void displayHistory(const QString& key, const Result<QList<Revision>>& revisions);
    /// A grey hint instead of details ("Select an event …").
    void displayHint(const QString& text);
};

} // namespace tp
