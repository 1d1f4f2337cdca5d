#include "governancecatalog.h"

#include "approvalrulesmodel.h"
#include "governancehistorymodel.h"
#include "leveldistributionmodel.h"
#include "levelrequestmodel.h"
#include "policytablemodel.h"
#include "store.h"

namespace tp {

GovernanceCatalog::GovernanceCatalog(Store& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_requests(new LevelRequestModel(this))
    , m_distribution(new LevelDistributionModel(this))
    , m_policy(new PolicyTableModel(this))
    , m_rules(new ApprovalRulesModel(this))
    , m_history(new GovernanceHistoryModel(this))
{
}

Status GovernanceCatalog::load(const QString& appKey)
{
    m_appKey = appKey;
    if (appKey.isEmpty()) {
        m_requests->setRequests({});
        m_distribution->setCounts({});
        m_policy->setPolicy({});
        m_rules->setRules({});
        m_history->setChanges({});
        return Ok{};
    }
    for (Status (GovernanceCatalog::*step)() :
         {&GovernanceCatalog::reloadRequests, &GovernanceCatalog::reloadDistribution,
          &GovernanceCatalog::reloadPolicy}) {
        if (Status s = (this->*step)(); !s) {
            return s;
        }
    }
    return Ok{};
}

Status GovernanceCatalog::setPendingOnly(bool pendingOnly)
{
    m_pendingOnly = pendingOnly;
    return reloadRequests();
}

Status GovernanceCatalog::reloadRequests()
{
    if (m_appKey.isEmpty()) {
        m_requests->setRequests({});
        return Ok{};
    }
    auto requests = m_store.reviews().levelRequests(m_appKey, m_pendingOnly);
    if (!requests) {
        m_requests->setRequests({});
        return requests.error();
    }
    m_requests->setRequests(std::move(*requests));
    return Ok{};
}

Status GovernanceCatalog::reloadDistribution()
{
    if (m_appKey.isEmpty()) {
        m_distribution->setCounts({});
        return Ok{};
    }
    auto counts = m_store.governance().levelDistribution(m_appKey);
    if (!counts) {
        m_distribution->setCounts({});
        return counts.error();
    }
    m_distribution->setCounts(std::move(*counts));
    return Ok{};
}

Status GovernanceCatalog::reloadPolicy()
{
    if (m_appKey.isEmpty()) {
        return Ok{};
    }
    auto policy = m_store.plan().policy(m_appKey);
    if (!policy) {
        return policy.error();
    }
    auto rules = m_store.governance().approvalRules(m_appKey);
    if (!rules) {
        return rules.error();
    }
    auto history = m_store.governance().history(m_appKey);
    if (!history) {
        return history.error();
    }
    m_policy->setPolicy(*policy);
    m_rules->setRules(*rules);
    m_history->setChanges(std::move(*history));
    return Ok{};
}

Result<int> GovernanceCatalog::decideLevels(const QList<std::pair<QString, QString>>& items, bool approve,
                                            const QString& comment)
{
    auto decided = m_store.reviews().decideLevels(items, approve, comment);
    // Whatever happened, the queue shows what is stored now (someone may have decided first).
    const Status reloaded = reloadRequests();
    if (!decided) {
        return decided.error();
    }
    QStringList demands;
    for (const auto& item : items) {
        if (!demands.contains(item.first)) {
            demands << item.first;
        }
    }
    Q_EMIT levelsDecided(demands);
    if (!reloaded) {
        return reloaded.error();
    }
    return decided;
}

Status GovernanceCatalog::reloadHistory()
{
    auto history = m_store.governance().history(m_appKey);
    if (!history) {
        return history.error();
    }
    m_history->setChanges(std::move(*history));
    return Ok{};
}

Result<GovernancePolicy> GovernanceCatalog::savePolicy(const QString& comment)
{
    auto saved = m_store.plan().setPolicy(m_policy->policy(), comment);
    if (!saved && saved.error().code == Error::Code::Conflict) {
        // Someone changed it meanwhile: show theirs, never write over it. The rules keep their edits.
        if (auto stored = m_store.plan().policy(m_appKey)) {
            m_policy->setPolicy(*stored);
        }
        static_cast<void>(reloadHistory());
    }
    if (!saved) {
        return saved;
    }
    m_policy->setPolicy(*saved);
    if (Status s = reloadHistory(); !s) {
        return s.error();
    }
    return saved;
}

Result<ApprovalRules> GovernanceCatalog::saveRules(const QString& comment)
{
    auto saved = m_store.governance().setApprovalRules(m_rules->rules(), comment);
    if (!saved && saved.error().code == Error::Code::Conflict) {
        if (auto stored = m_store.governance().approvalRules(m_appKey)) {
            m_rules->setRules(*stored);
        }
        static_cast<void>(reloadHistory());
    }
    if (!saved) {
        return saved;
    }
    m_rules->setRules(*saved);
    if (Status s = reloadHistory(); !s) {
        return s.error();
    }
    return saved;
}

} // namespace tp
