#pragma once

// Internal to tp_store: the player of the demo script (demo.h). demo.cpp sets the stage and
// walks the release trains; demoplay.cpp plays single demands through the public store API.

#include "demo.h"
#include "demodata.h"
#include "demogen.h"
#include "store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace tp::demo {

inline constexpr int kEventsPerDemand = 5000; ///< generated demands stay a reviewable size
inline constexpr qint64 kStepSeconds = 180;   ///< every store action happens three minutes after the previous one

inline Error cancelledError()
{
    return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::demo", "Demo generation was cancelled."));
}

template <typename T> inline Status toStatus(const Result<T>& r)
{
    return r ? Status(Ok{}) : Status(r.error());
}

/// Turns units of work (known up front) into percentages that never go back, and passes the
/// callback's cancel request on.
class Meter {
public:
    explicit Meter(std::function<bool(int, const QString&)> callback)
        : m_callback(std::move(callback))
    {
    }
    void setTotal(qint64 total) { m_total = std::max<qint64>(1, total); }
    [[nodiscard]] qint64 done() const { return m_done; }
    /// Moves to `done` units and reports; false when the callback asked to cancel.
    [[nodiscard]] bool at(qint64 done, const QString& stage)
    {
        m_done = std::max(m_done, done);
        if (!m_callback) {
            return true;
        }
        m_percent = std::max(m_percent, int(std::min<qint64>(99, m_done * 100 / m_total)));
        return m_callback(m_percent, stage);
    }
    [[nodiscard]] bool advance(qint64 units, const QString& stage) { return at(m_done + units, stage); }
    [[nodiscard]] bool finish(const QString& stage) { return !m_callback || m_callback(100, stage); }

private:
    std::function<bool(int, const QString&)> m_callback;
    qint64 m_total = 1;
    qint64 m_done = 0;
    int m_percent = 0;
};

/// Plays the script of every app into one store; see generateDemo().
class Runner {
public:
    Runner(Store& store, const DemoOptions& options);
    Result<DemoSummary> run();

private:
    struct AppState {
        AppSpec spec;
        QHash<QString, Attribute> catalogue;
        QSet<QString> created;                     ///< hand-made attributes in the merged plan
        QList<QPair<QString, QString>> introduced; ///< merged hand-made events and their version
        std::unique_ptr<EventGenerator> generator;
        QList<int> generated; ///< generated events per version
    };

    void tick() { *m_now = m_now->addSecs(kStepSeconds); }
    void as(const QString& user) { m_store.setActor(user); }
    Status setUp();
    Status playVersion(AppState& app, int index);
    Status playDemand(AppState& app, const DemandSpec& spec, int versionIndex);
    Status settle(AppState& app, int releasedIndex, int targetIndex, EventStatus status);
    Status playGenerated(AppState& app, int versionIndex);
    Result<QString> openDemand(const AppState& app, const QString& owner, const QString& version, const QString& title,
                               const QString& description, Priority priority);
    Status conclude(const AppState& app, const QString& key, const QString& owner, DemandStatus outcome,
                    const QString& comment);
    Event makeEvent(const AppState& app, const EventSpec& spec, const QString& version, EventStatus status);
    Attribute prepared(Attribute a)
    {
        a.example = m_random.digits(a.example);
        return a;
    }
    Result<DemoSummary> summarize();

    Store& m_store;
    const DemoOptions& m_options;
    Random m_random;
    Meter m_meter;
    std::shared_ptr<QDateTime> m_now; ///< the store's clock reads it; shared so it outlives us
    std::vector<AppState> m_apps;     // vector: AppState owns its generator (move-only)
};

} // namespace tp::demo
