#include "rediskeys.h"

#include "schemacompiler.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace tp {

namespace {

template <typename Events> QByteArray checksumOf(QByteArrayView commonSha256, Events& events)
{
    const auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
    // Publishers hand the events in key order already: checking is linear, sorting is not.
    if (!std::is_sorted(events.begin(), events.end(), byKey)) {
        std::sort(events.begin(), events.end(), byKey);
    }
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    // Lines are gathered into a buffer and digested in large pieces: four tiny updates per
    // event cost more than the hashing itself.
    constexpr qsizetype kChunk = 64 * 1024;
    QByteArray buffer;
    buffer.reserve(kChunk + 256);
    const auto flush = [&] {
        EVP_DigestUpdate(ctx.get(), buffer.constData(), std::size_t(buffer.size()));
        buffer.resize(0);
    };
    buffer += "common\t";
    buffer += commonSha256;
    buffer += '\n';
    for (const auto& [key, sha] : std::as_const(events)) {
        buffer += key;
        buffer += '\t';
        buffer += sha;
        buffer += '\n';
        if (buffer.size() >= kChunk) {
            flush();
        }
    }
    flush();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &size);
    return QByteArray(reinterpret_cast<const char*>(digest), int(size)).toHex();
}

} // namespace

QByteArray SnapshotManifest::checksum()
{
    return checksumOf(commonSha256, events);
}

QByteArray SnapshotManifest::checksum(QByteArrayView commonSha256,
                                      std::vector<std::pair<QByteArrayView, QByteArrayView>>& events)
{
    return checksumOf(commonSha256, events);
}

QByteArray snapshotId(const QString& appKey, const QString& version, QByteArrayView checksum,
                      const QString& planChecksum)
{
    QByteArray text = appKey.toUtf8() + '\n' + version.toUtf8() + '\n';
    text += checksum;
    text += '\n' + planChecksum.toUtf8();
    return SchemaCompiler::sha256Hex(text).left(32);
}

} // namespace tp
