// One version's schemas: which events need compiling (store revisions against the base's
// summary), compiling them in blocks on two worker threads while this thread sends the previous
// block's new schemas, and the snapshot's checksum text, checksum and summary.
#include "publishrun_p.h"

#include "redisclient.h"
#include "schemacompiler.h"

#include "publishtext_p.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <future>
#include <optional>

namespace tp::detail {
namespace {

/// Events compiled, checked and written per block: bounds the schema texts held in memory.
constexpr std::size_t kBlockEvents = 4096;
constexpr qsizetype kSha = 64;

/// Appends the UTF-8 of `s` to `out`, whose capacity must suffice (3 bytes per UTF-16 unit):
/// views taken into `out` stay valid.
void appendUtf8(QByteArray& out, const QString& s)
{
    const qsizetype at = out.size();
    const char16_t* p = reinterpret_cast<const char16_t*>(s.utf16());
    out.resize(at + s.size());
    char* w = out.data() + at;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (p[i] >= 0x80) { // keys are ASCII in practice; anything else takes the long way
            out.resize(at);
            out += s.toUtf8();
            return;
        }
        w[i] = char(p[i]);
    }
}

/// UTF-8 keys of `items` (anything with a QString `key`), their views sorted by bytes with the
/// item index.
template <typename Items>
std::vector<std::pair<QByteArrayView, qsizetype>> sortedKeys(const Items& items, QByteArray& arena)
{
    qsizetype bytes = 0;
    for (const auto& item : items) {
        bytes += 3 * item.key.size();
    }
    arena.reserve(bytes);
    std::vector<qsizetype> ends;
    ends.reserve(std::size_t(items.size()));
    for (const auto& item : items) {
        appendUtf8(arena, item.key);
        ends.push_back(arena.size());
    }
    std::vector<std::pair<QByteArrayView, qsizetype>> keys;
    keys.reserve(ends.size());
    for (std::size_t i = 0; i < ends.size(); ++i) {
        const qsizetype from = i == 0 ? 0 : ends[i - 1];
        keys.emplace_back(QByteArrayView(arena).sliced(from, ends[i] - from), qsizetype(i));
    }
    // Plans come sorted by key (UTF-16 order, which is UTF-8 order for every key that has no
    // character above U+FFFF): checking is linear, sorting is not.
    const auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(keys.begin(), keys.end(), byKey)) {
        std::stable_sort(keys.begin(), keys.end(), byKey);
    }
    return keys;
}

bool fitsSummary(QByteArrayView key)
{
    return !key.isEmpty() && !key.contains('\t') && !key.contains('\n');
}

/// The attributes whose schema may differ from when the base was compiled: changed revision,
/// no revision (not from a store), or present on one side only (a binding to an attribute the
/// plan lacks compiles to {}).
class ChangedAttributes {
public:
    ChangedAttributes(const Plan& plan, const std::vector<std::pair<QByteArrayView, qsizetype>>& keys,
                      const SnapshotSummary& base)
    {
        const auto& old = base.attributes();
        std::size_t j = 0;
        for (const auto& [key, index] : keys) {
            while (j < old.size() && old[j].key < key) {
                add(QString::fromUtf8(old[j++].key));
            }
            const int revision = plan.attributes.at(index).revision;
            const bool same = j < old.size() && old[j].key == key;
            if (!same || revision <= 0 || old[j].revision != revision) {
                add(plan.attributes.at(index).key);
            }
            j += same ? 1 : 0;
        }
        while (j < old.size()) {
            add(QString::fromUtf8(old[j++].key));
        }
    }
    [[nodiscard]] bool isEmpty() const { return m_keys.isEmpty(); }
    [[nodiscard]] bool boundBy(const Event& e) const
    {
        for (const Binding& b : e.bindings) {
            // Most bindings are ruled out by their length alone, without hashing the key.
            if ((m_lengths & (quint64(1) << (b.attributeKey.size() & 63))) != 0 && m_keys.contains(b.attributeKey)) {
                return true;
            }
        }
        return false;
    }

private:
    void add(const QString& key)
    {
        m_keys.insert(key);
        m_lengths |= quint64(1) << (key.size() & 63);
    }
    QSet<QString> m_keys;
    quint64 m_lengths = 0;
};

} // namespace

std::size_t ShaKeyHash::operator()(const ShaKey& k) const noexcept
{
    std::size_t h = 0;
    std::memcpy(&h, k.hex.data(), sizeof h); // hex digits of a sha256: already well spread
    return h;
}

Result<std::unique_ptr<PublishRun::Compiled>> PublishRun::compile(const PublishRequest& request,
                                                                  const PublishVersion& version,
                                                                  std::unique_ptr<BaseSnapshot> base,
                                                                  int percentFrom, int percentTo)
{
    if (!progress(percentFrom, PublishText::tr("%1: loading the plan").arg(version.name))) {
        return cancelledError();
    }
    auto plan = version.loadPlan
        ? version.loadPlan()
        : Result<Plan>(makeError(Error::Code::NotFound, PublishText::tr("No plan for %1.").arg(version.name)));
    if (!plan) {
        return plan.error();
    }
    auto c = std::make_unique<Compiled>();
    c->base = std::move(base);
    const SnapshotSummary* summary = c->base ? &c->base->summary : nullptr;
    SchemaCompiler compiler(*plan, request.policy, request.schema);
    c->commonText = compiler.commonSchemaText();
    c->commonSha = SchemaCompiler::sha256Hex(c->commonText);

    // 1. Which events need compiling. One taken from the base has the revision it had there and
    //    binds no attribute that changed since; it costs a comparison of keys in a merge of two
    //    sorted lists, and a look at its bindings only when some attribute changed.
    const auto keys = sortedKeys(plan->events, c->keys);
    QByteArray attributeArena;
    const auto attributeKeys = sortedKeys(plan->attributes, attributeArena);
    std::optional<ChangedAttributes> changed;
    if (summary) {
        changed.emplace(*plan, attributeKeys, *summary);
    }
    const std::vector<SnapshotSummary::Event> none;
    const auto& old = summary ? summary->events() : none;
    std::vector<std::size_t> todo; // indexes into c->events
    c->events.reserve(keys.size());
    std::size_t j = 0;
    for (const auto& [key, index] : keys) {
        const Event& e = plan->events.at(index);
        while (j < old.size() && old[j].key < key) {
            c->eventsRemoved.push_back(old[j++].key);
        }
        Compiled::Entry entry{key, {}, {}, {}, std::max(e.revision, 0)};
        if (j < old.size() && old[j].key == key) {
            entry.baseSha = old[j].sha256;
            if (e.revision > 0 && old[j].revision == e.revision && !changed->boundBy(e)) {
                entry.sha = old[j].sha256;
                entry.baseLine = old[j].line;
            }
            ++j;
        }
        if (entry.sha.isNull()) {
            todo.push_back(c->events.size());
        }
        c->events.push_back(entry);
    }
    while (j < old.size()) {
        c->eventsRemoved.push_back(old[j++].key);
    }
    report.eventsReused += int(c->events.size() - todo.size());
    report.eventsCompiled += int(todo.size());

    // 2. Compile them in blocks on two worker threads while this one sends the previous
    //    block's new schemas (the server stores them meanwhile): compiling and hashing 100 MB of
    //    schema text and storing it overlap. Block b is compiled by compilers[b % 2] into
    //    batches[b % 3]; `compiler` is not used by this thread from here on.
    c->shas.resize(kSha * qsizetype(todo.size()));
    char* const shaOut = c->shas.data();
    const std::size_t blocks = (todo.size() + kBlockEvents - 1) / kBlockEvents;
    std::optional<SchemaCompiler> second;
    if (blocks > 1) {
        second.emplace(*plan, request.policy, request.schema);
    }
    SchemaCompiler* compilers[2] = {&compiler, second ? &*second : &compiler};
    std::array<std::unique_ptr<SchemaBatch>, 3> batches;
    for (auto& b : batches) {
        b = std::make_unique<SchemaBatch>();
    }
    const auto compileBlock = [&, shaOut](std::size_t b) {
        SchemaBatch& batch = *batches[b % 3];
        batch.first = b * kBlockEvents;
        const std::size_t to = std::min(todo.size(), batch.first + kBlockEvents);
        SchemaCompiler& own = *compilers[b % 2];
        batch.texts.resize(0); // keeps the capacity: no fresh pages to fault in
        batch.ends.clear();
        for (std::size_t t = batch.first; t < to; ++t) {
            const qsizetype from = batch.texts.size();
            own.appendEventSchema(plan->events.at(keys[todo[t]].second), batch.texts);
            batch.ends.push_back(batch.texts.size());
            SchemaCompiler::sha256Hex(QByteArrayView(batch.texts).sliced(from), shaOut + kSha * qsizetype(t));
        }
        batch.shas = shaOut + kSha * qsizetype(batch.first);
    };
    std::future<void> pending[2];
    for (std::size_t b = 0; b < std::min<std::size_t>(blocks, 2); ++b) {
        pending[b] = std::async(std::launch::async, compileBlock, b);
    }
    for (std::size_t b = 0; b < blocks; ++b) {
        pending[b % 2].get();
        if (b + 2 < blocks) {
            pending[b % 2] = std::async(std::launch::async, compileBlock, b + 2);
        }
        // A return below waits for the workers (the futures' destructors): they use locals.
        SchemaBatch& batch = *batches[b % 3];
        batch.fresh.clear();
        for (std::size_t i = 0; i < batch.ends.size(); ++i) {
            ShaKey k;
            std::memcpy(k.hex.data(), batch.shas + kSha * qsizetype(i), std::size_t(kSha));
            if (m_knownSchemas.insert(k).second) {
                batch.fresh.push_back(i);
            }
        }
        askSchemas(batch);
        const std::size_t done = batch.first + batch.ends.size();
        const int percent = percentFrom + int((percentTo - percentFrom) * qint64(done) / qint64(todo.size()));
        if (!progress(percent, PublishText::tr("%1: writing schemas (%2 of %3 events)")
                                   .arg(version.name)
                                   .arg(done)
                                   .arg(todo.size()))) {
            return cancelledError();
        }
        if (b + 1 == blocks) {
            c->pending = std::move(batches[b % 3]); // its replies are read once the checksum is done
        } else if (auto s = writeSchemas(batch); !s) {
            return s.error();
        }
    }
    for (std::size_t t = 0; t < todo.size(); ++t) {
        c->events[todo[t]].sha = QByteArrayView(c->shas).sliced(kSha * qsizetype(t), kSha);
    }

    // 3. The checksum text: the base's lines are copied in runs, the others written.
    qsizetype bytes = 8 + kSha;
    for (const Compiled::Entry& e : c->events) {
        bytes += e.key.size() + kSha + 2;
    }
    c->checksumText.reserve(bytes);
    c->checksumText += "common\t";
    c->checksumText += c->commonSha;
    c->checksumText += '\n';
    const char* runFrom = nullptr;
    const char* runTo = nullptr;
    bool summarizable = true;
    std::vector<int> revisions;
    revisions.reserve(c->events.size());
    bool anyRevision = false;
    for (const Compiled::Entry& e : c->events) {
        revisions.push_back(e.revision);
        anyRevision = anyRevision || e.revision > 0;
        if (!e.baseLine.isNull()) {
            if (runTo != e.baseLine.data()) {
                if (runFrom) {
                    c->checksumText.append(runFrom, runTo - runFrom);
                }
                runFrom = e.baseLine.data();
            }
            runTo = e.baseLine.data() + e.baseLine.size();
            continue;
        }
        if (runFrom) {
            c->checksumText.append(runFrom, runTo - runFrom);
        }
        runFrom = runTo = nullptr;
        summarizable = summarizable && fitsSummary(e.key);
        c->checksumText += e.key;
        c->checksumText += '\t';
        c->checksumText += e.sha;
        c->checksumText += '\n';
        if (c->base && e.baseSha != e.sha) {
            c->eventsSet.emplace_back(e.key, e.sha);
        }
    }
    if (runFrom) {
        c->checksumText.append(runFrom, runTo - runFrom);
    }
    c->checksum = SchemaCompiler::sha256Hex(c->checksumText);

    // 4. The summary, when the next publish can use it: some event has a store revision.
    if (anyRevision) {
        std::vector<SnapshotSummary::Attribute> attributes;
        attributes.reserve(attributeKeys.size());
        for (const auto& [key, index] : attributeKeys) {
            summarizable = summarizable && fitsSummary(key);
            attributes.push_back({key, plan->attributes.at(index).revision});
        }
        if (summarizable) {
            c->summary = SnapshotSummary::build(c->checksumText, revisions, attributes);
        }
    }
    return c;
}

} // namespace tp::detail
