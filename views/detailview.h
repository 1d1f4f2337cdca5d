#pragma once

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
    void displayAttribute(const Attribute& attribute, int usedBy);
    /// A grey hint instead of details ("Select an event …").
    void displayHint(const QString& text);
};

} // namespace tp
