#include "nativeimportsource.h"

#include "enums.h"
#include "importfields.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>

namespace tp {
namespace {

// How far the reader may run ahead: enough to keep both cores busy, little memory.
constexpr qsizetype kMaxQueuedItems = 4096;
constexpr qint64 kMaxQueuedBytes = 48 * 1024 * 1024;

std::optional<EntityKind> kindOf(const QJsonObject& o)
{
    const QJsonValue v = o.value(QLatin1String("kind"));
    return v.isString() ? fromString<EntityKind>(v.toString()) : std::nullopt;
}

} // namespace

PreparedState prepareState(EntityKind kind, const QJsonObject& state, bool withManaged)
{
    PreparedState p;
    if (kind == EntityKind::Event) {
        const auto e = eventFromJson(state, withManaged);
        if (const auto* err = std::get_if<JsonFieldError>(&e)) {
            p.error = *err;
        }
    } else {
        const auto a = attributeFromJson(state);
        if (const auto* err = std::get_if<JsonFieldError>(&a)) {
            p.error = *err;
        }
    }
    if (!p.error) {
        p.canonical = QString::fromUtf8(canonicalJson(state));
    }
    return p;
}

ImportSource::ImportSource(QIODevice& in, QString fileName)
    : m_reader(&in), m_file(std::move(fileName))
{
    m_thread = std::thread([this] { run(); });
}

ImportSource::~ImportSource()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

ImportItem ImportSource::next()
{
    if (m_last) {
        return *m_last;
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty(); });
    ImportItem item = std::move(m_queue.front());
    m_queue.pop_front();
    m_queuedBytes -= item.raw.text.size();
    lock.unlock();
    m_changed.notify_all();
    if (item.kind == ImportItem::Kind::End || item.kind == ImportItem::Kind::Error) {
        m_last = item;
    }
    return item;
}

void ImportSource::recycle(ImportItem&& item)
{
    m_usedBytes += item.size;
    m_used.push_back(std::move(item));
    if (m_used.size() >= 64 || m_usedBytes >= 4 * 1024 * 1024) {
        m_usedBytes = 0;
        std::lock_guard lock(m_mutex);
        m_returned.insert(m_returned.end(), std::make_move_iterator(m_used.begin()), std::make_move_iterator(m_used.end()));
        m_used.clear();
    }
}

bool ImportSource::push(ImportItem item)
{
    std::vector<ImportItem> returned;
    std::unique_lock lock(m_mutex);
    returned.swap(m_returned);
    lock.unlock();
    returned.clear(); // freed here, on the thread that allocated them
    lock.lock();
    m_changed.wait(lock, [this] {
        return m_stop || m_queue.empty() ||
               (qsizetype(m_queue.size()) < kMaxQueuedItems && m_queuedBytes < kMaxQueuedBytes);
    });
    if (m_stop) {
        return false;
    }
    m_queuedBytes += item.raw.text.size();
    m_queue.push_back(std::move(item));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

Error ImportSource::at(const TextPosition& p, const QString& message) const
{
    return parseErrorAt(m_file, p, message);
}

void ImportSource::run()
{
    using Token = JsonReader::Token;
    auto fail = [this](Error e) {
        ImportItem item;
        item.kind = ImportItem::Kind::Error;
        item.error = std::move(e);
        push(std::move(item));
    };
    auto simple = [this](ImportItem::Kind kind, QString name = {}, TextPosition pos = {}) {
        ImportItem item;
        item.kind = kind;
        item.name = std::move(name);
        item.position = pos;
        item.bytes = m_reader.bytesConsumed();
        return push(std::move(item));
    };
    if (m_reader.next() != Token::BeginObject) {
        fail(m_reader.hasError() ? m_reader.error(m_file)
                                 : at(m_reader.position(), QCoreApplication::translate("tp::store", "A native export is a JSON object.")));
        return;
    }
    for (;;) {
        const Token t = m_reader.next();
        if (t == Token::EndObject) {
            break;
        }
        if (t != Token::Key) {
            fail(m_reader.error(m_file));
            return;
        }
        const QString name = m_reader.stringValue();
        const TextPosition keyPos = m_reader.position();
        if (name == QLatin1String("$format")) {
            ImportItem item;
            item.kind = ImportItem::Kind::Format;
            if (!m_reader.readValue(item.value, item.raw)) {
                fail(m_reader.error(m_file));
                return;
            }
            item.position = item.raw.start;
            item.raw = {};
            if (!push(std::move(item))) {
                return;
            }
            continue;
        }
        if (!simple(ImportItem::Kind::Section, name, keyPos)) {
            return;
        }
        if (m_reader.next() != Token::BeginArray) {
            fail(m_reader.hasError() ? m_reader.error(m_file)
                                     : at(m_reader.position(), QCoreApplication::translate("tp::store", "Section \"%1\" must be an array.").arg(name)));
            return;
        }
        while (m_reader.peek() != Token::EndArray) {
            ImportItem item;
            item.kind = ImportItem::Kind::Element;
            if (!m_reader.readValue(item.value, item.raw)) {
                fail(m_reader.error(m_file));
                return;
            }
            item.size = item.raw.text.size();
            prepare(name, item);
            item.bytes = m_reader.bytesConsumed();
            if (!push(std::move(item))) {
                return;
            }
        }
        m_reader.next();
        if (!simple(ImportItem::Kind::SectionEnd, name)) {
            return;
        }
    }
    if (m_reader.next() != Token::End) {
        fail(m_reader.error(m_file));
        return;
    }
    simple(ImportItem::Kind::End, {}, m_reader.position());
}

void ImportSource::prepare(const QString& section, ImportItem& item) const
{
    if (!item.value.isObject()) {
        return; // the importer reports it
    }
    const QJsonObject o = item.value.toObject();
    if (section == QLatin1String("events")) {
        QJsonObject rest = o;
        rest.remove(QLatin1String("app"));
        rest.remove(QLatin1String("revision"));
        item.prepared.event = eventFromJson(rest, true);
    } else if (section == QLatin1String("revisions")) {
        const QJsonValue state = o.value(QLatin1String("state"));
        if (const auto kind = kindOf(o); kind && state.isObject()) {
            item.prepared.state = prepareState(*kind, state.toObject(), true);
        }
    } else if (section == QLatin1String("demands")) {
        const QJsonArray changes = o.value(QLatin1String("changes")).toArray();
        item.prepared.changeStates.resize(changes.size());
        for (qsizetype i = 0; i < changes.size(); ++i) {
            const QJsonObject c = changes.at(i).toObject();
            const QJsonValue state = c.value(QLatin1String("state"));
            if (const auto kind = kindOf(c); kind && state.isObject()) {
                item.prepared.changeStates[i] = prepareState(*kind, state.toObject(), false);
            }
        }
    }
}

} // namespace tp
