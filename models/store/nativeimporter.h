#pragma once

// Internal to tp_store: the streaming native JSON importer behind importStore().

#include "importfields.h"
#include "jsonreader.h"
#include "nativejson.h"

#include <QHash>

namespace tp {

class Database;
class ImportSource;
struct ImportItem;
struct PreparedRecord;

class Importer {
public:
    Importer(Store& store, QIODevice& in, QString fileName, const ProgressFn& progress);
    Result<ImportSummary> run();

private:
    using Section = Status (Importer::*)(ImportFields&);

    Error at(const TextPosition& p, const QString& message) const;
    Result<QStringList> dropSecondaryIndexes(); ///< returns the statements that create them again
    Status createIndexes(const QStringList& statements);
    Status readDocument();
    Status readArray(ImportSource& source, const QString& section, Section handler);
    Status readElement(ImportItem& item, const QString& section, int index, Section handler);
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
    // nativeimportgovernance.cpp
    /// An app's "approval_rules" member (not null), after the app.
    Status readAppRules(ImportFields& f, qint64 appId, const QJsonObject& rules);
    Status readGovernanceChange(ImportFields& f);
    Status readLevelApproval(ImportFields& f);
    Status readMetric(ImportFields& f);
    Status readPublishRecord(ImportFields& f);
    Status readReview(ImportFields& f);
    /// Checks an approval rules array (ApprovalRules' stored form) at `path` of the record.
    Status checkRules(ImportFields& f, const QJsonArray& rules, const QString& path);
    /// The id of the demand named by the field `key`; 0 (and f fails) if there is none.
    qint64 demandIdFor(ImportFields& f, const char* key);
    Status finishDeferred();

    Store& m_store;
    Database& m_db;
    QIODevice& m_in;
    QString m_file;
    const ProgressFn& m_progress;
    RecordPositions m_record; ///< of the record being read
    const PreparedRecord* m_prepared = nullptr; ///< the work done ahead on it
    ImportSummary m_summary;
    qint64 m_elements = 0;
    qint64 m_inputSize = 0;
    int m_lastPercent = -1;
    QHash<QString, qint64> m_appIds;
    QHash<QString, QHash<QString, qint64>> m_attributeIds; ///< app -> key -> id
    QHash<QString, qint64> m_demandIds;
    QHash<QString, qint64> m_demandApps;
    QHash<QString, qint64> m_demandRounds; ///< demand key -> review round
    /// A version a demand targets, checked once all versions are in.
    struct Target {
        qint64 demandId;
        qint64 appId;
        QString version;
        QString context; ///< "demands[3]"
        QString path;    ///< "target_versions[1]"
        TextPosition start; ///< of the demand record, and its bytes (to locate path on an error)
        qint64 offset;
        qint64 size;
    };
    Error targetError(const Target& t, const QString& message);
    QList<Target> m_targets;
};

} // namespace tp
