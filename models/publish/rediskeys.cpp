#include "rediskeys.h"

#include <QCryptographicHash>

#include <algorithm>

namespace tp {

QByteArray SnapshotManifest::checksum()
{
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView("common\t"));
    h.addData(commonSha256);
    h.addData(QByteArrayView("\n"));
    QByteArray line;
    for (const auto& [key, sha] : std::as_const(events)) {
        line.clear();
        line += key;
        line += '\t';
        line += sha;
        line += '\n';
        h.addData(line);
    }
    return h.result().toHex();
}

QByteArray snapshotId(const QString& appKey, const QString& version, QByteArrayView checksum,
                      const QString& planChecksum)
{
    QByteArray text = appKey.toUtf8() + '\n' + version.toUtf8() + '\n';
    text += checksum;
    text += '\n' + planChecksum.toUtf8();
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex().left(32);
}

} // namespace tp
