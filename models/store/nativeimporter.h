#pragma once

// Internal to tp_store: the streaming native JSON importer behind importStore().

#include "importfields.h"
#include "jsonreader.h"
#include "nativejson.h"

#include <QHash>

namespace tp {

class Database;

class Importer {
public:
    Importer(Store& store, QIODevice& in, QString fileName, const ProgressFn& progress);
    Result<ImportSummary> run();

private:
    using Section = Status (Importer::*)(ImportFields&);

    Error parseError() const;
    Error at(const TextPosition& p, const QString& message) const;
    Status readDocument();
    Status readArray(const QString& section, Section handler);
    /// Maps an insert's unique violation to a "duplicate" error at the element.
    Status inserted(const Result<int>& r, ImportFields& f, const QString& what);
    Result<qint64> appIdFor(ImportFields& f);

    Status readApp(ImportFields& f);
    Status readAttribute(ImportFields& f);
    Status readEvent(ImportFields& f);
    Status readAudit(ImportFields& f);
    Status readDemand(ImportFields& f);
    Status readRevision(ImportFields& f);
    Status readUser(ImportFields& f);
    Status readVersion(ImportFields& f);
    Status finishDeferred();

    Store& m_store;
    Database& m_db;
    QIODevice& m_in;
    JsonReader m_reader;
    QString m_file;
    const ProgressFn& m_progress;
    PositionMap m_positions;
    ImportSummary m_summary;
    qint64 m_elements = 0;
    QHash<QString, qint64> m_appIds;
    QHash<QString, QHash<QString, qint64>> m_attributeIds; ///< app -> key -> id
    QHash<QString, qint64> m_demandIds;
    QHash<QString, qint64> m_demandApps;
    struct Target {
        qint64 demandId;
        qint64 appId;
        QString version;
        TextPosition position;
        QString context;
    };
    QList<Target> m_targets;
};

} // namespace tp
