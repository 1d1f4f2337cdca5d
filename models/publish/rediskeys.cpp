#include "rediskeys.h"

#include "schemacompiler.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace tp {

namespace {

template <typename Events> QByteArray checksumOf(QByteArrayView commonSha256, Events& events)
{
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    const auto add = [&ctx](QByteArrayView bytes) {
        EVP_DigestUpdate(ctx.get(), bytes.data(), std::size_t(bytes.size()));
    };
    add("common\t");
    add(commonSha256);
    add("\n");
    for (const auto& [key, sha] : std::as_const(events)) {
        add(key);
        add("\t");
        add(sha);
        add("\n");
    }
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
