#include "snapshotsummary.h"

#include "schemacompiler.h"

#include <charconv>
#include <cstring>
#include <limits>

namespace tp {
namespace {

constexpr QByteArrayView kMagic = "trackplan-summary 1 ";
constexpr qsizetype kShaHex = 64;

bool isHex(QByteArrayView s)
{
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

/// Reads a non-negative decimal number ending at `stop`; advances `at` past `stop`.
bool readNumber(QByteArrayView text, qsizetype& at, char stop, qint64& out)
{
    const char* begin = text.data() + at;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, out);
    if (ec != std::errc() || ptr == begin || ptr == end || *ptr != stop || out < 0) {
        return false;
    }
    at = (ptr - text.data()) + 1;
    return true;
}

/// The line from `at` up to its '\n' (excluded); advances past it. False when there is none.
bool readLine(QByteArrayView text, qsizetype at, qsizetype limit, QByteArrayView& line)
{
    const void* nl = std::memchr(text.data() + at, '\n', std::size_t(limit - at));
    if (!nl) {
        return false;
    }
    line = text.sliced(at, static_cast<const char*>(nl) - (text.data() + at));
    return true;
}

} // namespace

Result<SnapshotSummary> SnapshotSummary::parse(QByteArray text)
{
    const auto bad = [](const char* what) {
        // Not shown to users: a summary that does not parse is not used (everything is compiled).
        return makeError(Error::Code::Parse, QStringLiteral("not a snapshot summary: %1").arg(QLatin1String(what)));
    };
    SnapshotSummary s;
    s.m_text = std::move(text);
    const QByteArrayView t(s.m_text);
    if (!t.startsWith(kMagic)) {
        return bad("no trackplan-summary 1 header");
    }
    qsizetype at = kMagic.size();
    qint64 events = 0;
    qint64 attributes = 0;
    qint64 bytes = 0;
    if (!readNumber(t, at, ' ', events) || !readNumber(t, at, ' ', attributes) || !readNumber(t, at, '\n', bytes)
        || bytes > t.size() - at) {
        return bad("bad header");
    }
    // Checksum text: the common line, then one line per event.
    s.m_checksumText = t.sliced(at, bytes);
    const qsizetype end = at + bytes;
    QByteArrayView line;
    if (!readLine(t, at, end, line) || !line.startsWith("common\t") || line.size() != 7 + kShaHex
        || !isHex(line.sliced(7))) {
        return bad("bad common line");
    }
    s.m_commonSha256 = line.sliced(7);
    at += line.size() + 1;
    s.m_events.reserve(std::size_t(std::min<qint64>(events, bytes / (kShaHex + 2))));
    while (at < end) {
        if (!readLine(t, at, end, line) || line.size() < kShaHex + 2 || line[line.size() - kShaHex - 1] != '\t') {
            return bad("bad event line");
        }
        Event e;
        e.key = line.first(line.size() - kShaHex - 1);
        e.sha256 = line.last(kShaHex);
        e.line = t.sliced(at, line.size() + 1);
        if (!s.m_events.empty() && !(s.m_events.back().key < e.key)) {
            return bad("event keys not sorted");
        }
        s.m_events.push_back(e);
        at += line.size() + 1;
    }
    if (qint64(s.m_events.size()) != events) {
        return bad("wrong event count");
    }
    for (Event& e : s.m_events) {
        qint64 revision = 0;
        if (!readNumber(t, at, '\n', revision) || revision > std::numeric_limits<int>::max()) {
            return bad("bad revision");
        }
        e.revision = int(revision);
    }
    s.m_attributes.reserve(std::size_t(std::min<qint64>(attributes, t.size() - at)));
    for (qint64 i = 0; i < attributes; ++i) {
        if (!readLine(t, at, t.size(), line)) {
            return bad("bad attribute line");
        }
        const qsizetype tab = line.lastIndexOf('\t');
        qsizetype number = at + tab + 1;
        qint64 revision = 0;
        if (tab <= 0 || !readNumber(t, number, '\n', revision) || number != at + line.size() + 1
            || revision > std::numeric_limits<int>::max()) {
            return bad("bad attribute line");
        }
        const Attribute a{line.first(tab), int(revision)};
        if (!s.m_attributes.empty() && !(s.m_attributes.back().key < a.key)) {
            return bad("attribute keys not sorted");
        }
        s.m_attributes.push_back(a);
        at += line.size() + 1;
    }
    if (at != t.size()) {
        return bad("trailing bytes");
    }
    return s;
}

QByteArray SnapshotSummary::build(QByteArrayView checksumText, const std::vector<int>& revisions,
                                  const std::vector<Attribute>& attributes)
{
    QByteArray out;
    qsizetype size = 64 + checksumText.size() + 12 * qsizetype(revisions.size());
    for (const Attribute& a : attributes) {
        size += a.key.size() + 13;
    }
    out.reserve(size);
    out += kMagic;
    out += QByteArray::number(qsizetype(revisions.size())) + ' ' + QByteArray::number(qsizetype(attributes.size()))
        + ' ' + QByteArray::number(checksumText.size()) + '\n';
    out += checksumText;
    char buffer[16];
    for (int revision : revisions) {
        char* end = std::to_chars(buffer, buffer + sizeof buffer - 1, std::max(revision, 0)).ptr;
        *end++ = '\n';
        out.append(buffer, end - buffer);
    }
    for (const Attribute& a : attributes) {
        out += a.key;
        out += '\t';
        char* end = std::to_chars(buffer, buffer + sizeof buffer - 1, std::max(a.revision, 0)).ptr;
        *end++ = '\n';
        out.append(buffer, end - buffer);
    }
    return out;
}

QByteArray SnapshotSummary::checksum() const
{
    return SchemaCompiler::sha256Hex(m_checksumText);
}

} // namespace tp
