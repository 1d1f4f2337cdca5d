#include "demogen.h"

#include "rules.h"

#include <algorithm>

namespace tp::demo {
namespace {

bool isPerson(const QString& subject)
{
    static const QStringList people{QStringLiteral("driver"), QStringLiteral("contact"), QStringLiteral("receiver"),
                                    QStringLiteral("sender"), QStringLiteral("employee")};
    return people.contains(subject);
}

/// How many distinct attribute keys the word lists can build.
qsizetype attributeCombinations()
{
    return subjectWords().size() * (qualifierWords().size() + 1) * propertyWords().size();
}

} // namespace

EventGenerator::EventGenerator(const AppSpec& spec, int eventCount, Random& random)
    : m_appKey(spec.app.key)
    , m_platforms(spec.app.platforms)
    , m_owners(spec.owners)
    , m_random(random)
{
    for (const Attribute& a : spec.attributes) {
        m_attributeNorms.insert(normalizedKey(a.key));
    }
    // Hand-made keys are reserved even when their demand never merges, so a generated key can
    // never collide with an open demand of the script.
    for (const EventSpec& e : spec.events) {
        m_eventNorms.insert(normalizedKey(e.key));
    }
    if (eventCount > 0) {
        // ~20% of the events, at least enough for one event's bindings, at most what the word
        // lists can spell (half of it, so that drawing unused keys stays cheap).
        const qsizetype wanted = std::max<qsizetype>((eventCount + 4) / 5, 12);
        buildPool(int(std::min(wanted, attributeCombinations() / 2)));
    }
}

void EventGenerator::buildPool(int size)
{
    QSet<QString> norms = m_attributeNorms;
    const QList<Word>& subjects = subjectWords();
    const QList<Word>& qualifiers = qualifierWords();
    const QList<PropertyWord>& properties = propertyWords();
    m_pool.reserve(size);
    while (m_pool.size() < size) {
        const Word& subject = m_random.pick(subjects);
        const quint32 q = m_random.below(quint32(qualifiers.size() + 1)); // last = no qualifier
        const PropertyWord& property = m_random.pick(properties);
        if (property.key == QLatin1String("phone") && !isPerson(subject.key)) {
            continue;
        }
        const Word* qualifier = q < quint32(qualifiers.size()) ? &qualifiers.at(q) : nullptr;
        const QString key = qualifier ? QStringLiteral("%1_%2_%3").arg(subject.key, qualifier->key, property.key)
                                      : QStringLiteral("%1_%2").arg(subject.key, property.key);
        const QString norm = normalizedKey(key);
        if (norms.contains(norm)) {
            continue;
        }
        norms.insert(norm);
        Attribute a;
        a.key = key;
        a.displayName = subject.zh + (qualifier ? qualifier->zh : QString()) + property.zh;
        a.description =
            QStringLiteral("记录%1的%2%3").arg(subject.zh, qualifier ? qualifier->zh : QString(), property.zh);
        a.type = property.type;
        a.enumValues = enumValues(property.enumValues);
        a.pattern = property.pattern;
        a.minValue = property.min;
        a.maxValue = property.max;
        a.maxLength = property.maxLength;
        a.unit = property.unit;
        a.example = m_random.digits(property.example);
        if (property.key == QLatin1String("phone")
            || (property.key == QLatin1String("name") && isPerson(subject.key))) {
            a.privacy = Privacy::Personal;
        } else if (property.key == QLatin1String("id") && isPerson(subject.key)) {
            a.privacy = Privacy::Pseudonymous;
        }
        if (m_random.chance(25)) {
            a.groups = QStringList{subject.key};
        }
        m_pool.append(std::move(a));
    }
    m_created.assign(std::size_t(m_pool.size()), false);
}

Level EventGenerator::randomLevel()
{
    // Few A (nobody reads them), many B and C, a core of D.
    const quint32 r = m_random.below(100);
    if (r < 4) {
        return Level::A;
    }
    if (r < 50) {
        return Level::B;
    }
    if (r < 88) {
        return Level::C;
    }
    return Level::D;
}

Event EventGenerator::makeEvent(const QString& version, EventStatus status)
{
    const QList<Word>& pages = pageWords(m_appKey);
    const QList<Word>& modules = moduleWords();
    const QList<Word>& elements = elementWords();
    const QList<ActionWord>& actions = actionWords();
    Event e;
    const Word* page = nullptr;
    const Word* module = nullptr;
    const Word* element = nullptr;
    const ActionWord* action = nullptr;
    for (int attempt = 0;; ++attempt) {
        page = &m_random.pick(pages);
        module = &m_random.pick(modules);
        element = &m_random.pick(elements);
        action = &m_random.pick(actions);
        QString key = QStringLiteral("%1_%2_%3_%4").arg(page->key, module->key, element->key, action->key);
        if (attempt >= 100) {
            // The word lists are (nearly) exhausted for this app: number the key instead.
            key = QStringLiteral("%1_%2_%3").arg(page->key, action->key).arg(m_generated + 1);
        }
        if (key.size() > 64 || m_eventNorms.contains(normalizedKey(key))) {
            continue;
        }
        m_eventNorms.insert(normalizedKey(key));
        e.key = key;
        break;
    }
    e.displayName = page->zh + module->zh + element->zh + action->zh;
    e.description = QStringLiteral("%1·%2中%3的%4，用于%5")
                        .arg(page->zh, module->zh, element->zh, action->zh, m_random.pick(purposeWords()).zh);
    e.trigger = action->trigger.arg(element->zh);
    e.category = page->zh;
    e.tags = QStringList{action->tag};
    const QString extra = m_random.pick(tagWords());
    if (extra != action->tag && m_random.chance(60)) {
        e.tags << extra;
    }
    if (m_random.chance(70)) {
        e.platforms = m_platforms;
    } else {
        for (const QString& p : m_platforms) {
            if (m_random.chance(50)) {
                e.platforms << p;
            }
        }
        if (e.platforms.isEmpty()) {
            e.platforms << m_random.pick(m_platforms);
        }
    }
    e.owner = m_random.pick(m_owners);
    e.level = randomLevel();
    e.status = status;
    e.introducedIn = version;

    const qsizetype poolSize = m_pool.size();
    const int count = int(std::min<qsizetype>(m_random.between(8, 12), poolSize));
    // The first binding walks the pool in order so that every attribute ends up used.
    const qsizetype first = m_generated % poolSize;
    std::vector<qsizetype> chosen{first};
    while (chosen.size() < std::size_t(count)) {
        const qsizetype i = m_random.below(quint32(poolSize));
        if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) {
            chosen.push_back(i);
        }
    }
    for (std::size_t n = 0; n < chosen.size(); ++n) {
        const qsizetype i = chosen[n];
        e.bindings.append(Binding{m_pool.at(i).key, n == 0 || m_random.chance(30), {}});
        if (!m_created[std::size_t(i)]) {
            m_created[std::size_t(i)] = true;
            m_newlyUsed.push_back(i);
        }
    }
    ++m_generated;
    m_bindings += e.bindings.size();
    return e;
}

GeneratedBatch EventGenerator::next(int count, const QString& version, EventStatus status)
{
    GeneratedBatch batch;
    if (m_pool.isEmpty()) {
        return batch;
    }
    m_newlyUsed.clear();
    batch.events.reserve(count);
    for (int i = 0; i < count; ++i) {
        batch.events.append(makeEvent(version, status));
    }
    // Attributes are created by the demand whose events use them first.
    batch.attributes.reserve(qsizetype(m_newlyUsed.size()));
    for (const qsizetype i : m_newlyUsed) {
        batch.attributes.append(m_pool.at(i));
    }
    return batch;
}

} // namespace tp::demo
