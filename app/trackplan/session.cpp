#include "session.h"

namespace tp::app {

Session::Session(std::unique_ptr<Store> store, const StoreUrl& url, const DesktopSettings& settings)
    : m_store(std::move(store))
    , m_catalog(*m_store, &m_apps, &m_events, &m_attributes)
    , m_publish(*m_store, [url] { return Store::open(url); })
    , m_qa(*m_store, [url] { return Store::open(url); })
    , m_governance(*m_store)
    , m_audit(*m_store)
    , m_window(&m_catalog)
{
    m_window.setGovernance(&m_governance, &m_audit);
    // Plans load on a worker thread over a connection of its own (a Store is per thread).
    m_catalog.setStoreOpener([url] { return Store::open(url); });
    // Changes made by others (another window, another client) show up within seconds.
    m_catalog.watchForChanges(settings.pollSeconds * 1000);
}

Session::~Session() = default;

} // namespace tp::app
