#pragma once

// Internal to the native import: reads the document on a thread of its own and hands the
// records over in order, with the pure work on them (strict parsing, entity validation,
// canonical text of revision states) already done, while the importer writes the previous
// ones to the store. On two cores this about halves an import.

#include "entityjson.h"
#include "jsonreader.h"

#include <QJsonValue>
#include <QList>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

class QIODevice;

namespace tp {

/// An entity state (revision or change) checked and in canonical form.
struct PreparedState {
    std::optional<JsonFieldError> error; ///< path relative to the state
    QString canonical;
};

/// Work done ahead on a record; what is set depends on the section.
struct PreparedRecord {
    std::optional<JsonResult<Event>> event;            ///< events: the record without app/revision
    std::optional<PreparedState> state;                ///< revisions: "state"
    QList<std::optional<PreparedState>> changeStates; ///< demands: "changes[i].state"
};

/// Checks a state of the given kind ("event" or "attribute"; as stored in revisions, with
/// the managed fields when withManaged) and makes its canonical text.
[[nodiscard]] PreparedState prepareState(EntityKind kind, const QJsonObject& state, bool withManaged);

struct ImportItem {
    enum class Kind : quint8 {
        Format,     ///< the "$format" member: value, position
        Section,    ///< a section's key: name, position; its elements follow
        Element,    ///< one array element: value, raw, prepared
        SectionEnd, ///< the end of a section's array
        End,        ///< the end of the document
        Error,      ///< error; nothing follows
    };
    Kind kind = Kind::Error;
    QString name;
    TextPosition position;
    QJsonValue value;
    RawValue raw;
    PreparedRecord prepared;
    Error error;
    qint64 bytes = 0; ///< input consumed so far
    qint64 size = 0;  ///< of the element's text
};

class ImportSource {
public:
    ImportSource(QIODevice& in, QString fileName);
    ~ImportSource(); ///< stops and joins the thread
    ImportSource(const ImportSource&) = delete;
    ImportSource& operator=(const ImportSource&) = delete;

    /// The next item, waiting for it. After End or Error, more calls return the same kind.
    ImportItem next();
    /// Hands a used item back so that the reader thread, which allocated its parsed value,
    /// also frees it: freeing another thread's memory contends for its allocator's lock.
    void recycle(ImportItem&& item);

private:
    void run();
    bool push(ImportItem item); ///< false when the consumer is gone
    Error at(const TextPosition& p, const QString& message) const;
    void prepare(const QString& section, ImportItem& item) const;

    JsonReader m_reader;
    QString m_file;

    std::vector<ImportItem> m_used; ///< consumer side, not yet handed back
    qint64 m_usedBytes = 0;

    std::mutex m_mutex;
    std::vector<ImportItem> m_returned; ///< handed back, for the reader to free
    std::condition_variable m_changed;
    std::deque<ImportItem> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_stop = false;
    std::optional<ImportItem> m_last; ///< End or Error, repeated
    std::thread m_thread;
};

} // namespace tp
