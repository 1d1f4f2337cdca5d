// importStore(): streaming, all-or-nothing load of a native JSON export (see nativejson.h).
#include "nativejson.h"

#include "entityjson.h"
#include "enums.h"
#include "nativeimporter.h"
#include "jsonreader.h"
#include "rows.h"
#include "rules.h"
#include "store.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>
#include <QSet>

namespace tp {
namespace {


const QString kFormat = QStringLiteral("trackplan-native/1");

} // namespace

Importer::Importer(Store& store, QIODevice& in, QString fileName, const ProgressFn& progress)
: m_store(store), m_db(store.db()), m_in(in), m_reader(&in), m_file(std::move(fileName)),
      m_progress(progress)
{
}

Result<ImportSummary> Importer::run()
{
    auto empty = m_store.isEmpty();
    if (!empty) {
        return empty.error();
    }
    if (!*empty) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate("tp::store", "The store %1 is not empty; import loads a whole store and needs an empty one.")
                             .arg(m_store.url().displayString()));
    }
    if (auto b = m_db.begin(); !b) {
        return b.error();
    }
    if (auto s = readDocument(); !s) {
        m_db.rollback();
        m_store.context().forgetApps();
        return s.error();
    }
    if (auto c = m_db.commit(); !c) {
        m_store.context().forgetApps();
        return c.error();
    }
    if (m_progress) {
        m_progress(100, QCoreApplication::translate("tp::store", "Import done."));
    }
    return m_summary;
}

Error Importer::parseError() const
{
return m_reader.error(m_file);
}

Error Importer::at(const TextPosition& p, const QString& message) const
{
    Error e = makeError(Error::Code::Parse, message);
    e.file = m_file;
    e.line = p.line;
    e.column = p.column;
    return e;
}

Status Importer::readDocument()
{
    if (m_reader.next() != JsonReader::Token::BeginObject) {
        return m_reader.hasError() ? Status(parseError())
                                   : Status(at(m_reader.position(), QCoreApplication::translate("tp::store", "A native export is a JSON object.")));
    }
    const QHash<QString, Section> sections{
        {QStringLiteral("apps"), &Importer::readApp},
        {QStringLiteral("attributes"), &Importer::readAttribute},
        {QStringLiteral("audit"), &Importer::readAudit},
        {QStringLiteral("demands"), &Importer::readDemand},
        {QStringLiteral("events"), &Importer::readEvent},
        {QStringLiteral("revisions"), &Importer::readRevision},
        {QStringLiteral("users"), &Importer::readUser},
        {QStringLiteral("versions"), &Importer::readVersion},
    };
    QSet<QString> seen;
    bool formatSeen = false;
    for (;;) {
        const JsonReader::Token t = m_reader.next();
        if (t == JsonReader::Token::EndObject) {
            break;
        }
        if (t != JsonReader::Token::Key) {
            return parseError();
        }
        const QString name = m_reader.stringValue();
        const TextPosition keyPos = m_reader.position();
        if (name == QLatin1String("$format")) {
            if (m_reader.next() != JsonReader::Token::String || m_reader.stringValue() != kFormat) {
                return m_reader.hasError() ? Status(parseError())
                                           : Status(at(m_reader.position(),
                                                       QCoreApplication::translate("tp::store", "Unsupported format; expected \"%1\".").arg(kFormat)));
            }
            formatSeen = true;
            continue;
        }
        const auto it = sections.constFind(name);
        if (it == sections.constEnd()) {
            return at(keyPos, QCoreApplication::translate("tp::store", "Unknown section \"%1\".").arg(name));
        }
        if (!formatSeen) {
            return at(keyPos, QCoreApplication::translate("tp::store", "The export must start with \"$format\": \"%1\".").arg(kFormat));
        }
        seen.insert(name);
        if (auto s = readArray(name, *it); !s) {
            return s;
        }
    }
    if (m_reader.next() != JsonReader::Token::End) {
        return parseError();
    }
    if (!formatSeen) {
        return at(m_reader.position(), QCoreApplication::translate("tp::store", "Missing \"$format\": this is not a TrackPlan export."));
    }
    return finishDeferred();
}

Status Importer::readArray(const QString& section, Section handler)
{
    if (m_reader.next() != JsonReader::Token::BeginArray) {
        return m_reader.hasError() ? Status(parseError())
                                   : Status(at(m_reader.position(), QCoreApplication::translate("tp::store", "Section \"%1\" must be an array.").arg(section)));
    }
    int index = 0;
    for (;;) {
        if (m_reader.peek() == JsonReader::Token::EndArray) {
            m_reader.next();
            return Ok{};
        }
        QJsonValue v;
        m_positions.clear();
        if (!m_reader.readValue(v, &m_positions)) {
            return parseError();
        }
        if (!v.isObject()) {
            return at(m_positions.value(QString()), QCoreApplication::translate("tp::store", "%1[%2] must be an object.").arg(section).arg(index));
        }
        ImportFields f(v.toObject(), m_positions, QStringLiteral("%1[%2]").arg(section).arg(index));
        if (auto s = (this->*handler)(f); !s) {
            if (s.error().code == Error::Code::Parse || s.error().line > 0) {
                return s;
            }
            return at(f.position(), QStringLiteral("%1: %2").arg(f.context(), s.error().message));
        }
        if (f.failed()) {
            return at(f.errorPosition(), f.errorMessage());
        }
        ++index;
        if (++m_elements % 2000 == 0 && m_progress) {
            const qint64 size = m_in.size();
            const int percent = size > 0 ? int(m_reader.bytesConsumed() * 99 / size) : 50;
            if (!m_progress(percent, QCoreApplication::translate("tp::store", "Importing %1…").arg(section))) {
                return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::store", "Import cancelled; nothing was imported."));
            }
        }
    }
}

Status Importer::inserted(const Result<int>& r, ImportFields& f, const QString& what)
{
    if (!r) {
        if (r.error().code == Error::Code::Conflict) {
            return at(f.position(), QCoreApplication::translate("tp::store", "%1: duplicate %2.").arg(f.context(), what));
        }
        return r.error();
    }
    ++m_summary.rows;
    return Ok{};
}

Result<qint64> Importer::appIdFor(ImportFields& f)
{
    const QString key = f.string("app");
    if (f.failed()) {
        return makeError(Error::Code::Parse, f.errorMessage());
    }
    const qint64 id = m_appIds.value(key, 0);
    if (id == 0) {
        f.fail(QStringLiteral("app"), QCoreApplication::translate("tp::store", "unknown app \"%1\"").arg(key));
        return makeError(Error::Code::Parse, f.errorMessage());
    }
    return id;
}


Result<ImportSummary> importStore(Store& store, QIODevice& in, const QString& fileName, const ProgressFn& progress)
{
    Importer importer(store, in, fileName, progress);
    return importer.run();
}

} // namespace tp
