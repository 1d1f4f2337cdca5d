#pragma once

// Internal to tp_store: generated events and attributes for the scaled demo. Keys are built from
// word lists (page × module × element × action for events, subject × qualifier × property for
// attributes) with matching Chinese words for the display names, so that a 100 000-event plan
// reads like a real one.

#include "demodata.h"
#include "demorandom.h"

#include <QSet>

#include <algorithm>
#include <optional>
#include <vector>

namespace tp::demo {

struct Word {
    QString key;
    QString zh;
};

struct ActionWord {
    QString key;
    QString zh;
    QString trigger; ///< %1 = the element's Chinese name
    QString tag;
};

struct PropertyWord {
    QString key;
    QString zh;
    AttrType type = AttrType::String;
    QString unit;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<int> maxLength;
    QString pattern;
    QString enumValues; ///< "value=标签,…"
    QString example;    ///< fits the constraints; '#' becomes a random digit
};

[[nodiscard]] const QList<Word>& pageWords(const QString& appKey);
[[nodiscard]] const QList<Word>& moduleWords();
[[nodiscard]] const QList<Word>& elementWords();
[[nodiscard]] const QList<ActionWord>& actionWords();
[[nodiscard]] const QList<Word>& subjectWords();
[[nodiscard]] const QList<Word>& qualifierWords();
[[nodiscard]] const QList<PropertyWord>& propertyWords();
[[nodiscard]] const QList<Word>& purposeWords();
[[nodiscard]] const QStringList& tagWords();

/// Events (and the attributes they use first) of one generated demand.
struct GeneratedBatch {
    QList<Attribute> attributes;
    QList<Event> events;
};

/// Generates the events of one app across its versions. The attribute pool is about 20% of the
/// event count; every pool attribute is bound by at least one event (the first binding of the
/// i-th event is pool[i % pool size]) so the plan has no unused attributes.
class EventGenerator {
public:
    EventGenerator(const AppSpec& spec, int eventCount, Random& random);

    [[nodiscard]] int poolSize() const { return int(m_pool.size()); }
    [[nodiscard]] int eventCount() const { return int(m_generated); }
    [[nodiscard]] int attributeCount() const { return int(std::count(m_created.begin(), m_created.end(), true)); }
    [[nodiscard]] qint64 bindingCount() const { return m_bindings; }
    /// The next `count` events, introduced in `version` with `status`.
    [[nodiscard]] GeneratedBatch next(int count, const QString& version, EventStatus status);

private:
    void buildPool(int size);
    Event makeEvent(const QString& version, EventStatus status);
    Level randomLevel();

    // Copies, not a reference to the AppSpec: the generator outlives moves of its owner.
    QString m_appKey;
    QStringList m_platforms;
    QStringList m_owners;
    QSet<QString> m_attributeNorms; ///< hand-made attribute keys, normalized
    Random& m_random;
    QList<Attribute> m_pool;
    std::vector<bool> m_created;
    std::vector<qsizetype> m_newlyUsed;
    QSet<QString> m_eventNorms;
    qsizetype m_generated = 0;
    qint64 m_bindings = 0;
};

} // namespace tp::demo
