#include "eventcommands.h"

#include "plancatalog.h"

#include <QCoreApplication>

namespace tp {

SaveEventCommand::SaveEventCommand(PlanCatalog* catalog, Event after, std::optional<Event> before, Report report)
    : m_catalog(catalog)
    , m_after(std::move(after))
    , m_before(std::move(before))
    , m_report(std::move(report))
{
    setText(m_before ? QCoreApplication::translate("tp::SaveEventCommand", "edit of %1").arg(m_after.key)
                     : QCoreApplication::translate("tp::SaveEventCommand", "change of %1").arg(m_after.key));
}

void SaveEventCommand::redo()
{
    apply(m_after);
}

void SaveEventCommand::undo()
{
    apply(m_before);
}

void SaveEventCommand::apply(const std::optional<Event>& state)
{
    Status s = Ok{};
    if (state) {
        if (auto saved = m_catalog->saveEvent(*state); !saved) {
            s = saved.error();
        }
    } else {
        s = m_catalog->discardEvent(m_after.key);
    }
    if (!s) {
        setObsolete(true);
        m_report(s.error());
    }
}

} // namespace tp
