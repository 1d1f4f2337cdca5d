#pragma once

#include "accessservice.h"
#include "demandservice.h"
#include "governanceservice.h"
#include "planrepository.h"
#include "reviewservice.h"
#include "storecontext.h"
#include "versionservice.h"

#include <memory>

namespace tp {

struct AuditFilter {
    QDateTime since;          ///< null = from the start
    QString actor;            ///< empty = everyone
    QString entityType;       ///< empty = all
    QString action;           ///< prefix match, e.g. "demand."
    int limit = 0;            ///< 0 = no limit; oldest first: the newest `limit` rows, newest last
    QDateTime until;          ///< null = up to now; else rows strictly before it
    QString entityKey;        ///< empty = all; else this entity only (exact)
    QString appKey;           ///< empty = every app and the store-wide rows
    bool newestFirst = false; ///< newest first, `limit` rows (paging: see beforeSeq)
    qint64 beforeSeq = 0;     ///< > 0: only rows older than this one (the last row of the previous page)
};

/// A TrackPlan store (SQLite file or PostgreSQL database): the composition of the
/// repositories and services over one named connection. Open one per thread.
class Store {
public:
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Opens the store named by a URL (file path or postgresql://…) and migrates it to the
    /// latest schema. The acting user defaults to the login name of the process.
    [[nodiscard]] static Result<std::unique_ptr<Store>> open(const QString& url);
    /// The same for a parsed URL: the desktop app keeps the password apart from the URL text
    /// (it comes from a dialog or the system keychain, never from settings).
    [[nodiscard]] static Result<std::unique_ptr<Store>> open(const StoreUrl& url);
    /// Opens without migrating (for migration tests and `trackplanctl` diagnostics).
    [[nodiscard]] static Result<std::unique_ptr<Store>> openRaw(const QString& url);
    [[nodiscard]] static Result<std::unique_ptr<Store>> openRaw(const StoreUrl& url);

    [[nodiscard]] Database& db() { return *m_db; }
    [[nodiscard]] const StoreUrl& url() const { return m_db->url(); }

    [[nodiscard]] QString actor() const { return m_ctx.actor; }
    /// Acts as `user` from now on. On PostgreSQL only an admin login may act under another
    /// name; below admin the login's own name and role stay (docs/access.md).
    void setActor(const QString& user) { m_ctx.setActor(user); }
    /// The acting user and their role (the first call asks the store).
    [[nodiscard]] Result<Identity> identity() { return m_ctx.identity(); }
    /// Ok, or a Permission error saying why the acting user may not.
    [[nodiscard]] Status require(Permission permission) { return m_ctx.require(permission); }
    /// Replaces the clock (deterministic demo data, tests).
    void setClock(std::function<QDateTime()> clock) { m_ctx.clock = std::move(clock); }
    [[nodiscard]] StoreContext& context() { return m_ctx; }

    [[nodiscard]] PlanRepository& plan() { return m_plan; }
    [[nodiscard]] DemandService& demands() { return m_demands; }
    [[nodiscard]] VersionService& versions() { return m_versions; }
    [[nodiscard]] ReviewService& reviews() { return m_reviews; }
    [[nodiscard]] GovernanceService& governance() { return m_governance; }
    [[nodiscard]] AccessService& access() { return m_access; }

    /// The audit log as filtered, in SQL: the log may hold millions of rows, so a view pages
    /// through it newest first (AuditFilter::newestFirst, limit, beforeSeq).
    [[nodiscard]] Result<QList<AuditEntry>> audit(const AuditFilter& filter = {});
    /// How many rows audit(filter) returns without limit and beforeSeq.
    [[nodiscard]] Result<qint64> auditCount(const AuditFilter& filter);
    /// Everyone who appears in the audit log as acting user, sorted.
    [[nodiscard]] Result<QStringList> auditActors();
    /// A token that changes whenever anyone (this or another connection, another client)
    /// changes the apps, or the plan, demands, change sets or versions of `appKey` (may be
    /// empty): cheap enough to poll every few seconds.
    [[nodiscard]] Result<QString> changeStamp(const QString& appKey);
    /// True when the store holds no apps, users or demands (import target).
    [[nodiscard]] Result<bool> isEmpty();

private:
    explicit Store(std::unique_ptr<Database> db);
    std::unique_ptr<Database> m_db;
    StoreContext m_ctx;
    PlanRepository m_plan;
    DemandService m_demands;
    VersionService m_versions;
    ReviewService m_reviews;
    GovernanceService m_governance;
    AccessService m_access;
};

} // namespace tp
