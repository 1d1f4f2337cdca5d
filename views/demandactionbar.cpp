#include "demandactionbar.h"

#include "enumlabels.h"
#include "plancatalog.h"
#include "reviewservice.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QPushButton>

namespace tp {
namespace {

/// "submitDemandButton" … (what tests and tools find the buttons by).
QString actionObjectName(DemandAction action)
{
    switch (action) {
    case DemandAction::Submit:
        return QStringLiteral("submitDemandButton");
    case DemandAction::Approve:
        return QStringLiteral("approveDemandButton");
    case DemandAction::Reject:
        return QStringLiteral("rejectDemandButton");
    case DemandAction::Reopen:
        return QStringLiteral("reopenDemandButton");
    case DemandAction::Merge:
        return QStringLiteral("mergeDemandButton");
    case DemandAction::Cancel:
        return QStringLiteral("cancelDemandButton");
    case DemandAction::RequestChanges:
        return QStringLiteral("requestChangesButton");
    }
    return {};
}

/// What the role needs for an action (the store checks the same).
Permission permissionFor(DemandAction action)
{
    switch (action) {
    case DemandAction::Approve:
    case DemandAction::Reject:
    case DemandAction::RequestChanges:
        return Permission::ReviewDemands;
    case DemandAction::Merge:
        return Permission::Merge;
    case DemandAction::Submit:
    case DemandAction::Reopen:
    case DemandAction::Cancel:
        break;
    }
    return Permission::EditDemands;
}

constexpr DemandAction kActions[] = {DemandAction::Submit, DemandAction::Approve, DemandAction::RequestChanges,
                                     DemandAction::Reject, DemandAction::Reopen,  DemandAction::Merge,
                                     DemandAction::Cancel};

/// Enabled when nothing stands against it; else disabled with the reasons as tooltip.
void apply(QPushButton* button, const QStringList& reasons, const QString& enabledTip = {})
{
    button->setEnabled(reasons.isEmpty());
    button->setToolTip(reasons.isEmpty() ? enabledTip : reasons.join(QLatin1Char('\n')));
}

QStringList nonEmpty(std::initializer_list<QString> texts)
{
    QStringList out;
    for (const QString& t : texts) {
        if (!t.isEmpty()) {
            out << t;
        }
    }
    return out;
}

} // namespace

QString DemandActionBar::actionName(DemandAction action)
{
    switch (action) {
    case DemandAction::Submit:
        return tr("Submit for review");
    case DemandAction::Approve:
        return tr("Approve");
    case DemandAction::Reject:
        return tr("Reject…");
    case DemandAction::Reopen:
        return tr("Reopen");
    case DemandAction::Merge:
        return tr("Merge");
    case DemandAction::Cancel:
        return tr("Cancel demand…");
    case DemandAction::RequestChanges:
        return tr("Request changes…");
    }
    return {};
}

DemandActionBar::DemandActionBar(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
    setObjectName(QStringLiteral("demandActionBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_newButton = new QPushButton(tr("New demand…"), this);
    m_newButton->setObjectName(QStringLiteral("newDemandButton"));
    m_newButton->setShortcut(QKeySequence::New);
    connect(m_newButton, &QPushButton::clicked, this, &DemandActionBar::newRequested);
    layout->addWidget(m_newButton);
    layout->addSpacing(12);
    for (DemandAction action : kActions) {
        auto* button = new QPushButton(actionName(action), this);
        button->setObjectName(actionObjectName(action));
        connect(button, &QPushButton::clicked, this, [this, action] { Q_EMIT actionRequested(action); });
        layout->addWidget(button);
        m_actions.insert(int(action), button);
        if (action == DemandAction::Approve) {
            m_signOffButton = new QPushButton(tr("Sign off"), this);
            m_signOffButton->setObjectName(QStringLiteral("signOffDemandButton"));
            connect(m_signOffButton, &QPushButton::clicked, this, &DemandActionBar::signOffRequested);
            layout->addWidget(m_signOffButton);
        }
    }
    layout->addStretch(1);
    m_workButton = new QPushButton(tr("Work under this demand"), this);
    m_workButton->setObjectName(QStringLiteral("workUnderDemandButton"));
    connect(m_workButton, &QPushButton::clicked, this, &DemandActionBar::workRequested);
    layout->addWidget(m_workButton);
    updateFor(nullptr, nullptr);
}

void DemandActionBar::updateFor(const Demand* demand, const ReviewState* state)
{
    const QString editDenied = m_catalog->deniedReason(Permission::EditDemands);
    const bool haveApp = !m_catalog->currentAppKey().isEmpty();
    apply(
        m_newButton, nonEmpty({editDenied, haveApp ? QString() : tr("Choose an app first.")}),
        tr("Start a demand for this app (%1)").arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));

    const QString noDemand = demand ? QString() : tr("Select a demand first.");
    const bool draft = demand && demand->status == DemandStatus::Draft;
    const bool active = demand && m_catalog->activeDemand() == demand->key;
    apply(m_workButton,
          nonEmpty({editDenied, noDemand, !demand || draft ? QString() : tr("Only a draft demand takes edits."),
                    active ? tr("Edits already go into this demand.") : QString()}),
          tr("Make new and changed events go into this demand's change set"));

    for (DemandAction action : kActions) {
        QString statusReason;
        if (demand && !demandActionFrom(action).contains(demand->status)) {
            QStringList needed;
            for (DemandStatus s : demandActionFrom(action)) {
                needed << demandStatusLabel(s);
            }
            statusReason = tr("Needs a demand that is %1; this one is %2.")
                               .arg(needed.join(tr(" or ")), demandStatusLabel(demand->status));
        }
        QString approvals;
        if (action == DemandAction::Merge && state && !state->approvalsComplete() && statusReason.isEmpty()) {
            approvals =
                tr("Missing approvals:") + QStringLiteral("\n• ") + state->missing().join(QStringLiteral("\n• "));
        }
        const QString roleReason = m_catalog->deniedReason(permissionFor(action));
        apply(m_actions.value(int(action)), nonEmpty({roleReason, noDemand, statusReason, approvals}));
    }

    // Sign off: an event owner whom the app's rules ask for an approval of this demand.
    const QString user = m_catalog->identity().user;
    QString signOffReason;
    if (demand && demand->status != DemandStatus::InReview && demand->status != DemandStatus::Approved) {
        signOffReason =
            tr("Needs a demand that is %1; this one is %2.")
                .arg(tr("%1 or %2")
                         .arg(demandStatusLabel(DemandStatus::InReview), demandStatusLabel(DemandStatus::Approved)),
                     demandStatusLabel(demand->status));
    } else if (demand && state) {
        const Requirement* mine = nullptr;
        for (const Requirement& r : state->requirements) {
            if (r.approver == Approver::EventOwner && r.user == user) {
                mine = &r;
            }
        }
        if (!mine) {
            signOffReason = tr("No approval rule asks %1 to sign off this demand: they own none of its events that "
                               "need their owner's approval.")
                                .arg(user);
        } else if (mine->byAuthor) {
            signOffReason = tr("%1 sent this demand: that is their approval as the owner.").arg(user);
        } else if (mine->satisfied) {
            signOffReason = tr("%1's approval is in already.").arg(user);
        }
    }
    apply(m_signOffButton, nonEmpty({m_catalog->deniedReason(Permission::Comment), noDemand, signOffReason}),
          tr("Approve this demand as the owner of events it changes"));
}

} // namespace tp
