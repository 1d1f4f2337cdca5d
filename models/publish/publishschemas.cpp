// The new schemas of a block: which Redis lacks (EXISTS), and writing those (MSET).
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>

#include <algorithm>

namespace tp::detail {
namespace {

/// Keys per multi-key EXISTS.
constexpr std::size_t kExistsKeys = 512;
constexpr qsizetype kSha = 64;
/// Schemas per MSET, and bytes: fewer, larger commands cost the server less per schema than
/// one SET each, and stay small next to the pipeline window.
constexpr std::size_t kSetKeys = 256;
constexpr qsizetype kSetBytes = 512 * 1024;

} // namespace

void PublishRun::askSchemas(SchemaBatch& batch)
{
    // One multi-key EXISTS per chunk answers "all" or "none" in the usual cases (a first
    // publish: none; a republish: nearly all); writeSchemas() asks mixed chunks key by key.
    const QByteArray prefix = m_keys.schema({});
    batch.keys.resize(0);
    batch.keys.reserve((prefix.size() + kSha) * qsizetype(batch.fresh.size()));
    batch.keyEnds.clear();
    for (std::size_t i : batch.fresh) {
        batch.keys += prefix;
        batch.keys.append(batch.shas + kSha * qsizetype(i), kSha);
        batch.keyEnds.push_back(batch.keys.size());
    }
    batch.chunks = 0;
    std::vector<QByteArrayView> argv;
    for (std::size_t from = 0; from < batch.fresh.size(); from += kExistsKeys) {
        argv.assign(1, QByteArrayView("EXISTS"));
        for (std::size_t f = from; f < std::min(batch.fresh.size(), from + kExistsKeys); ++f) {
            argv.push_back(batch.key(f));
        }
        m_redis.append(argv, true);
        ++batch.chunks;
    }
    m_redis.send();
}

Status PublishRun::writeSchemas(SchemaBatch& batch)
{
    // The EXISTS replies of this batch are the only kept replies due (the SETs before are not
    // kept): this also collects the previous block's SETs, stored by the server meanwhile.
    auto counts = replies(PublishText::tr("writing schemas"));
    if (!counts) {
        return counts.error();
    }
    const std::size_t n = batch.fresh.size();
    std::vector<int> exists(n, 0); // 1 exists, 0 new, -1 ask again
    for (std::size_t chunk = 0; chunk < counts->size(); ++chunk) {
        const std::size_t from = chunk * kExistsKeys;
        const std::size_t size = std::min(n, from + kExistsKeys) - from;
        const qint64 found = (*counts)[chunk].integer;
        for (std::size_t f = from; f < from + size; ++f) {
            exists[f] = found == 0 ? 0 : (found == qint64(size) ? 1 : -1);
            if (exists[f] < 0) {
                m_redis.append({"EXISTS", batch.key(f)}, true);
            }
        }
    }
    if (std::find(exists.cbegin(), exists.cend(), -1) != exists.cend()) {
        auto single = replies(PublishText::tr("writing schemas"));
        if (!single) {
            return single.error();
        }
        std::size_t next = 0;
        for (int& e : exists) {
            if (e < 0) {
                e = (*single)[next++].integer > 0 ? 1 : 0;
            }
        }
    }
    // The new ones, in MSETs.
    std::vector<QByteArrayView> argv{QByteArrayView("MSET")};
    qsizetype bytes = 0;
    const auto flush = [&] {
        if (argv.size() > 1 && !m_options.dryRun) {
            m_redis.append(argv);
        }
        argv.resize(1);
        bytes = 0;
    };
    if (report.changes.capacity() < report.changes.size() + qsizetype(n)) { // grown geometrically
        report.changes.reserve(std::max(report.changes.size() + qsizetype(n), 2 * report.changes.capacity()));
    }
    for (std::size_t f = 0; f < n; ++f) {
        if (exists[f] == 1) {
            ++report.schemasExisting;
            continue;
        }
        ++report.schemasWritten;
        addChange(KeyChange::Action::Add, batch.key(f).toByteArray(), QStringLiteral("STRING"));
        argv.push_back(batch.key(f));
        argv.push_back(batch.text(batch.fresh[f]));
        bytes += argv.back().size();
        if (argv.size() > 2 * kSetKeys || bytes >= kSetBytes) {
            flush();
        }
    }
    flush();
    // Not waited for: the server stores them while the next block is compiled.
    m_redis.send();
    batch.chunks = 0;
    return Ok{};
}

} // namespace tp::detail
