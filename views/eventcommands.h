#pragma once

#include "error.h"
#include "types.h"

#include <QUndoCommand>

#include <functional>
#include <optional>

namespace tp {

class PlanCatalog;

/// Saving an event's state into the active demand, undoably: undo puts back the pending state
/// it replaced, or drops the change when there was none. A failure (the demand was submitted
/// meanwhile, a conflict) is passed to `report` and makes the command obsolete.
class SaveEventCommand : public QUndoCommand {
public:
    using Report = std::function<void(const Error&)>;
    SaveEventCommand(PlanCatalog* catalog, Event after, std::optional<Event> before, Report report);

    void redo() override;
    void undo() override;

private:
    void apply(const std::optional<Event>& state);

    PlanCatalog* m_catalog;
    Event m_after;
    std::optional<Event> m_before;
    Report m_report;
};

} // namespace tp
