#pragma once

// Publisher-internal (readers ignore it): what a published snapshot's schemas were compiled
// from, in one string, tp:{app}:snap:{id}:summary. The next publish of the app reads it with
// one GET and decides event by event whether a schema must be compiled again, by comparing
// store revisions, without loading the snapshot's hashes. docs/redis-contract.md describes it.
//
// Text, in this order:
//   trackplan-summary 1 {events} {attributes} {bytes}\n
//   {checksum text: bytes long}   common\t{sha256 of the common schema}\n then
//                                 {event key}\t{schema sha256}\n per event, sorted by key:
//                                 exactly the text whose sha256 is the snapshot's checksum
//   {revision}\n                  per event, in the same order (0: compile it again)
//   {attribute key}\t{revision}\n per attribute of the plan, sorted by key
// Keys sort by their UTF-8 bytes. A summary whose checksum text does not hash to the meta's
// checksum is not used.

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace tp {

class SnapshotSummary {
public:
    struct Event {
        QByteArrayView key;
        QByteArrayView sha256;
        QByteArrayView line; ///< "{key}\t{sha256}\n" inside the checksum text
        int revision = 0;
    };
    struct Attribute {
        QByteArrayView key;
        int revision = 0;
    };

    /// Parses a summary; Error::Code::Parse when it is not one (or of another format).
    [[nodiscard]] static Result<SnapshotSummary> parse(QByteArray text);
    /// The text of a summary. `checksumText` as described above; `revisions` one per event line.
    [[nodiscard]] static QByteArray build(QByteArrayView checksumText, const std::vector<int>& revisions,
                                          const std::vector<Attribute>& attributes);

    SnapshotSummary(SnapshotSummary&&) = default;
    SnapshotSummary& operator=(SnapshotSummary&&) = default;
    SnapshotSummary(const SnapshotSummary&) = delete; // the views point into m_text
    SnapshotSummary& operator=(const SnapshotSummary&) = delete;

    [[nodiscard]] QByteArrayView checksumText() const { return m_checksumText; }
    [[nodiscard]] QByteArrayView commonSha256() const { return m_commonSha256; }
    [[nodiscard]] const std::vector<Event>& events() const { return m_events; }         ///< sorted by key
    [[nodiscard]] const std::vector<Attribute>& attributes() const { return m_attributes; } ///< sorted by key
    /// sha256 (hex) of the checksum text: equals the snapshot's meta checksum.
    [[nodiscard]] QByteArray checksum() const;

private:
    SnapshotSummary() = default;

    QByteArray m_text;
    QByteArrayView m_checksumText;
    QByteArrayView m_commonSha256;
    std::vector<Event> m_events;
    std::vector<Attribute> m_attributes;
};

} // namespace tp
