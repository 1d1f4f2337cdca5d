// importStore(): streaming, all-or-nothing load of a native JSON export (see nativejson.h).
#include "nativejson.h"

#include "entityjson.h"
#include "enums.h"
#include "nativeimporter.h"
#include "nativeimportsource.h"
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

/// SQLite settings for loading a whole store in one transaction, restored afterwards:
/// - no foreign key checks per row (the importer resolves every reference itself, by key,
///   and tst_nativejson checks the result with PRAGMA foreign_key_check);
/// - a rollback journal instead of the WAL: the store is empty, so the journal holds
///   almost nothing, while the WAL would have every page written twice;
/// - a larger page cache for the index inserts.
class BulkLoadSettings {
public:
    explicit BulkLoadSettings(Database& db) : m_db(db)
    {
        if (!m_db.isPostgres()) {
            apply(QStringLiteral("PRAGMA foreign_keys = OFF;\nPRAGMA cache_size = -131072;\nPRAGMA temp_store = MEMORY;\n"
                                 "PRAGMA journal_mode = TRUNCATE;\n"));
        }
    }
    ~BulkLoadSettings()
    {
        if (!m_db.isPostgres()) {
            apply(QStringLiteral("PRAGMA journal_mode = WAL;\nPRAGMA cache_size = -2000;\nPRAGMA temp_store = DEFAULT;\nPRAGMA foreign_keys = ON;\n"));
        }
    }
    BulkLoadSettings(const BulkLoadSettings&) = delete;
    BulkLoadSettings& operator=(const BulkLoadSettings&) = delete;

private:
    void apply(const QString& pragmas)
    {
        // Best effort: an import is correct without them (e.g. while another connection
        // keeps the WAL open, the journal mode stays as it is).
        static_cast<void>(m_db.script(pragmas));
    }
    Database& m_db;
};

} // namespace

Importer::Importer(Store& store, QIODevice& in, QString fileName, const ProgressFn& progress)
: m_store(store), m_db(store.db()), m_in(in), m_file(std::move(fileName)), m_progress(progress)
{
}

Result<ImportSummary> Importer::run()
{
    if (auto allowed = m_store.require(Permission::LoadStore); !allowed) {
        return allowed.error();
    }
    auto empty = m_store.isEmpty();
    if (!empty) {
        return empty.error();
    }
    if (!*empty) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate("tp::store", "The store %1 is not empty; import loads a whole store and needs an empty one.")
                             .arg(m_store.url().displayString()));
    }
    BulkLoadSettings bulk(m_db);
    if (auto b = m_db.begin(); !b) {
        return b.error();
    }
    auto indexes = dropSecondaryIndexes();
    if (!indexes) {
        m_db.rollback();
        return indexes.error();
    }
    Status loaded = readDocument();
    if (loaded) {
        loaded = createIndexes(*indexes);
    }
    if (!loaded) {
        m_db.rollback();
        m_store.context().forgetApps();
        return loaded.error();
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

Result<QStringList> Importer::dropSecondaryIndexes()
{
    // On SQLite the secondary (non-unique) indexes are built once at the end, by sorting, which
    // is much cheaper than keeping them up to date row by row. Inside the transaction, so a
    // failed import leaves them as they were. Unique constraints stay: they find duplicates.
    QStringList create;
    if (m_db.isPostgres()) {
        return create;
    }
    auto q = m_db.run(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
    if (!q) {
        return q.error();
    }
    QStringList names;
    while ((*q)->next()) {
        names << (*q)->value(0).toString();
        create << (*q)->value(1).toString() + QLatin1Char(';');
    }
    (*q)->finish();
    for (const QString& name : std::as_const(names)) {
        if (auto s = m_db.script(QStringLiteral("DROP INDEX \"%1\";").arg(name)); !s) {
            return s.error();
        }
    }
    return create;
}

Status Importer::createIndexes(const QStringList& statements)
{
    if (!statements.isEmpty() && m_progress) {
        m_progress(99, QCoreApplication::translate("tp::store", "Building indexes…"));
    }
    for (const QString& sql : statements) {
        if (auto s = m_db.script(sql); !s) {
            return s;
        }
    }
    return Ok{};
}

Error Importer::at(const TextPosition& p, const QString& message) const
{
    return parseErrorAt(m_file, p, message);
}

Status Importer::readDocument()
{
    const QHash<QString, Section> sections{
        {QStringLiteral("apps"), &Importer::readApp},
        {QStringLiteral("attributes"), &Importer::readAttribute},
        {QStringLiteral("audit"), &Importer::readAudit},
        {QStringLiteral("demands"), &Importer::readDemand},
        {QStringLiteral("events"), &Importer::readEvent},
        {QStringLiteral("governance_history"), &Importer::readGovernanceChange},
        {QStringLiteral("level_approvals"), &Importer::readLevelApproval},
        {QStringLiteral("metrics"), &Importer::readMetric},
        {QStringLiteral("publish_history"), &Importer::readPublishRecord},
        {QStringLiteral("reviews"), &Importer::readReview},
        {QStringLiteral("revisions"), &Importer::readRevision},
        {QStringLiteral("users"), &Importer::readUser},
        {QStringLiteral("versions"), &Importer::readVersion},
    };
    m_inputSize = m_in.size(); // before the reader thread owns m_in
    ImportSource source(m_in, m_file);
    bool formatSeen = false;
    for (;;) {
        ImportItem item = source.next();
        switch (item.kind) {
        case ImportItem::Kind::Error:
            return item.error;
        case ImportItem::Kind::End:
            if (!formatSeen) {
                return at(item.position, QCoreApplication::translate("tp::store", "Missing \"$format\": this is not a TrackPlan export."));
            }
            return finishDeferred();
        case ImportItem::Kind::Format:
            if (item.value.toString() != kFormat) {
                return at(item.position, QCoreApplication::translate("tp::store", "Unsupported format; expected \"%1\".").arg(kFormat));
            }
            formatSeen = true;
            break;
        case ImportItem::Kind::Section: {
            const auto it = sections.constFind(item.name);
            if (it == sections.constEnd()) {
                return at(item.position, QCoreApplication::translate("tp::store", "Unknown section \"%1\".").arg(item.name));
            }
            if (!formatSeen) {
                return at(item.position, QCoreApplication::translate("tp::store", "The export must start with \"$format\": \"%1\".").arg(kFormat));
            }
            if (auto s = readArray(source, item.name, *it); !s) {
                return s;
            }
            break;
        }
        case ImportItem::Kind::Element:
        case ImportItem::Kind::SectionEnd:
            break; // not outside a section
        }
    }
}

Status Importer::readArray(ImportSource& source, const QString& section, Section handler)
{
    for (int index = 0;; ++index) {
        ImportItem item = source.next();
        if (item.kind == ImportItem::Kind::Error) {
            return item.error;
        }
        if (item.kind != ImportItem::Kind::Element) {
            return Ok{}; // SectionEnd
        }
        if (auto s = readElement(item, section, index, handler); !s) {
            return s;
        }
        // Report (and offer to cancel) whenever another percent of the input is read, and every
        // 2000 records: a section of few large records (demands) moves on too.
        const int percent = m_inputSize > 0 ? int(item.bytes * 99 / m_inputSize) : 50;
        source.recycle(std::move(item));
        if (m_progress && (++m_elements % 2000 == 0 || percent != m_lastPercent)) {
            m_lastPercent = percent;
            if (!m_progress(percent, QCoreApplication::translate("tp::store", "Importing %1…").arg(section))) {
                return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::store", "Import cancelled; nothing was imported."));
            }
        }
    }
}

Status Importer::readElement(ImportItem& item, const QString& section, int index, Section handler)
{
    m_record.reset(std::move(item.raw));
    if (!item.value.isObject()) {
        return at(m_record.start(), QCoreApplication::translate("tp::store", "%1[%2] must be an object.").arg(section).arg(index));
    }
    m_prepared = &item.prepared;
    ImportFields f(item.value.toObject(), m_record, section + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'));
    const Status s = (this->*handler)(f);
    m_prepared = nullptr;
    if (!s) {
        if (s.error().code == Error::Code::Parse || s.error().line > 0) {
            return s;
        }
        return at(f.position(), QStringLiteral("%1: %2").arg(f.context(), s.error().message));
    }
    if (f.failed()) {
        return at(f.errorPosition(), f.errorMessage());
    }
    return Ok{};
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
