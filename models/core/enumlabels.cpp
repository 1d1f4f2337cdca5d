#include "enumlabels.h"

#include <QCoreApplication>

namespace tp {

QString levelLabel(Level level)
{
    switch (level) {
    case Level::A:
        return QCoreApplication::translate("tp::labels", "A · Invalid");
    case Level::B:
        return QCoreApplication::translate("tp::labels", "B · General");
    case Level::C:
        return QCoreApplication::translate("tp::labels", "C · Important");
    case Level::D:
        return QCoreApplication::translate("tp::labels", "D · Core");
    }
    return {};
}

QString levelDescription(Level level)
{
    switch (level) {
    case Level::A:
        return QCoreApplication::translate("tp::labels", "Invalid: no one needs it; rejected at collection.");
    case Level::B:
        return QCoreApplication::translate("tp::labels", "General: one product team's analytics only.");
    case Level::C:
        return QCoreApplication::translate("tp::labels", "Important: used across teams; kept in the warehouse.");
    case Level::D:
        return QCoreApplication::translate("tp::labels",
                                           "Core: business-critical; warehouse, real-time stream and health alerts.");
    }
    return {};
}

QString statusLabel(EventStatus status)
{
    switch (status) {
    case EventStatus::Planned:
        return QCoreApplication::translate("tp::labels", "Planned");
    case EventStatus::Implementing:
        return QCoreApplication::translate("tp::labels", "Implementing");
    case EventStatus::Testing:
        return QCoreApplication::translate("tp::labels", "Testing");
    case EventStatus::Live:
        return QCoreApplication::translate("tp::labels", "Live");
    case EventStatus::Deprecated:
        return QCoreApplication::translate("tp::labels", "Deprecated");
    case EventStatus::Removed:
        return QCoreApplication::translate("tp::labels", "Removed");
    }
    return {};
}

QString privacyLabel(Privacy privacy)
{
    switch (privacy) {
    case Privacy::None:
        return QCoreApplication::translate("tp::labels", "None");
    case Privacy::Pseudonymous:
        return QCoreApplication::translate("tp::labels", "Pseudonymous");
    case Privacy::Personal:
        return QCoreApplication::translate("tp::labels", "Personal");
    case Privacy::Sensitive:
        return QCoreApplication::translate("tp::labels", "Sensitive");
    }
    return {};
}

QString demandStatusLabel(DemandStatus status)
{
    switch (status) {
    case DemandStatus::Draft:
        return QCoreApplication::translate("tp::labels", "Draft");
    case DemandStatus::InReview:
        return QCoreApplication::translate("tp::labels", "In review");
    case DemandStatus::Approved:
        return QCoreApplication::translate("tp::labels", "Approved");
    case DemandStatus::Merged:
        return QCoreApplication::translate("tp::labels", "Merged");
    case DemandStatus::Rejected:
        return QCoreApplication::translate("tp::labels", "Rejected");
    case DemandStatus::Cancelled:
        return QCoreApplication::translate("tp::labels", "Cancelled");
    }
    return {};
}

QString priorityLabel(Priority priority)
{
    switch (priority) {
    case Priority::P0:
        return QCoreApplication::translate("tp::labels", "P0 · Blocker");
    case Priority::P1:
        return QCoreApplication::translate("tp::labels", "P1 · High");
    case Priority::P2:
        return QCoreApplication::translate("tp::labels", "P2 · Normal");
    case Priority::P3:
        return QCoreApplication::translate("tp::labels", "P3 · Low");
    }
    return {};
}

QString listSeparator()
{
    //: Separates the items of a list in running text: "all changes; core (D) event: pay".
    return QCoreApplication::translate("tp::labels", "; ");
}

} // namespace tp
