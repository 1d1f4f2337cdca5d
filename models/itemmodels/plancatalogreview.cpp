// PlanCatalog: the review of a demand (state, comments, sign-offs, resolved conflicts) and the
// acting user, for the Demands page and the window's role awareness.

#include "plancatalog.h"

#include "store.h"

namespace tp {

void PlanCatalog::setActor(const QString& user)
{
    m_store.setActor(user);
    Q_EMIT identityChanged();
}

Result<ReviewState> PlanCatalog::reviewState(const QString& demandKey) const
{
    return m_store.reviews().state(demandKey);
}

Result<Review> PlanCatalog::commentDemand(const QString& demandKey, const QString& body, std::optional<EntityKind> kind,
                                          const QString& entityKey)
{
    auto r = m_store.reviews().comment(demandKey, body, kind, entityKey);
    if (r) {
        refreshStamp(); // our own write: no reload for it
        Q_EMIT reviewChanged(demandKey);
    }
    return r;
}

Result<Review> PlanCatalog::signOffDemand(const QString& demandKey, const QString& comment)
{
    auto r = m_store.reviews().signOff(demandKey, comment);
    if (r) {
        refreshStamp(); // our own write: no reload for it
        Q_EMIT reviewChanged(demandKey);
    }
    return r;
}

Result<Change> PlanCatalog::resolveConflict(const QString& demandKey, EntityKind kind, const QString& entityKey,
                                            const QJsonObject& resolved, int theirsRevision)
{
    auto r = m_store.demands().resolveConflict(demandKey, kind, entityKey, resolved, theirsRevision);
    if (r) {
        refreshStamp(); // our own write: no reload for it
        Q_EMIT reviewChanged(demandKey);
    }
    return r;
}

} // namespace tp
