#pragma once

#include "error.h"
#include "plancatalog.h"
#include "types.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <functional>
#include <optional>

namespace tp {

/// Saving an event's or attribute's state into the active demand, undoably: undo puts back the
/// pending state it replaced, or drops the change when there was none. A failure (the demand
/// was submitted meanwhile, a conflict) is passed to `report` and makes the command obsolete.
template <typename Entity> class SaveChangeCommand : public QUndoCommand {
public:
    using Report = std::function<void(const Error&)>;
    SaveChangeCommand(PlanCatalog* catalog, Entity after, std::optional<Entity> before, Report report)
        : m_catalog(catalog), m_after(std::move(after)), m_before(std::move(before)), m_report(std::move(report))
    {
        setText(m_before ? QCoreApplication::translate("tp::SaveChangeCommand", "edit of %1").arg(m_after.key)
                         : QCoreApplication::translate("tp::SaveChangeCommand", "change of %1").arg(m_after.key));
    }

    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }

private:
    void apply(const std::optional<Entity>& state)
    {
        constexpr EntityKind kind = std::is_same_v<Entity, Event> ? EntityKind::Event : EntityKind::Attribute;
        Status s = Ok{};
        if (state) {
            if (auto saved = m_catalog->saveChange(*state); !saved) {
                s = saved.error();
            }
        } else {
            s = m_catalog->discardChange(kind, m_after.key);
        }
        if (!s) {
            QUndoCommand::setObsolete(true);
            m_report(s.error());
        }
    }

    PlanCatalog* m_catalog;
    Entity m_after;
    std::optional<Entity> m_before;
    Report m_report;
};

} // namespace tp
