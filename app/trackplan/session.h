#pragma once

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "auditlogmodel.h"
#include "eventtablemodel.h"
#include "governancecatalog.h"
#include "mainwindow.h"
#include "plancatalog.h"
#include "publishservice.h"
#include "qaservice.h"
#include "settingsdialog.h"
#include "store.h"

#include <QObject>

#include <memory>

namespace tp::app {

/// One open store and everything built over it: the item models, the catalog and the main
/// window showing them. Switching stores replaces the whole session, so nothing of the old
/// store (models, undo history, pending loads) can leak into the new one.
class Session : public QObject {
    Q_OBJECT
public:
    /// `store` was opened from `url`; background loads open connections of their own to it
    /// (with its password, which therefore stays in memory, never in settings).
    Session(std::unique_ptr<Store> store, const StoreUrl& url, const DesktopSettings& settings);
    ~Session() override;

    [[nodiscard]] Store& store() { return *m_store; }
    [[nodiscard]] PlanCatalog& catalog() { return m_catalog; }
    [[nodiscard]] MainWindow& window() { return m_window; }
    [[nodiscard]] PublishService& publishService() { return m_publish; }
    [[nodiscard]] QaService& qaService() { return m_qa; }

private:
    std::unique_ptr<Store> m_store;
    AppListModel m_apps;
    EventTableModel m_events;
    AttributeTableModel m_attributes;
    PlanCatalog m_catalog;
    PublishService m_publish; // waits for a publish still running, before the store goes
    QaService m_qa;           // likewise for a QA session
    GovernanceCatalog m_governance;
    AuditLogModel m_audit;
    MainWindow m_window; // last: destroyed first, while the catalog and the store still exist
};

} // namespace tp::app
