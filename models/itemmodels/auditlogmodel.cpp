#include "auditlogmodel.h"

#include "auditlabels.h"

#include <QIODevice>
#include <QLocale>

namespace tp {
namespace {

QByteArray csvField(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

QByteArray csvRow(const QStringList& fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += csvField(fields.at(i));
    }
    return out + "\r\n";
}

} // namespace

AuditLogModel::AuditLogModel(Store& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

Result<QList<AuditEntry>> AuditLogModel::page(qint64 beforeSeq, int size) const
{
    AuditFilter f = m_filter;
    f.newestFirst = true;
    f.limit = size;
    f.beforeSeq = beforeSeq;
    return m_store.audit(f);
}

Status AuditLogModel::setFilter(const AuditFilter& filter)
{
    m_filter = filter;
    m_filter.newestFirst = true;
    m_filter.limit = 0;
    m_filter.beforeSeq = 0;
    auto total = m_store.auditCount(m_filter);
    auto first = total ? page(0, kPageSize) : Result<QList<AuditEntry>>(total.error());
    beginResetModel();
    m_rows.clear();
    m_details.clear();
    m_total = 0;
    m_atEnd = true;
    if (first) {
        m_total = *total;
        m_rows = std::move(*first);
        for (const AuditEntry& e : std::as_const(m_rows)) {
            m_details.append(auditDetailLines(e.details));
        }
        m_atEnd = m_rows.size() < kPageSize;
    }
    endResetModel();
    if (!first) {
        return first.error();
    }
    return Ok{};
}

bool AuditLogModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void AuditLogModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd || m_rows.isEmpty()) {
        return;
    }
    auto more = page(m_rows.constLast().seq, kPageSize);
    if (!more) {
        m_atEnd = true;
        Q_EMIT fetchFailed(more.error());
        return;
    }
    m_atEnd = more->size() < kPageSize;
    if (more->isEmpty()) {
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(more->size()) - 1);
    for (AuditEntry& e : *more) {
        m_details.append(auditDetailLines(e.details));
        m_rows.append(std::move(e));
    }
    endInsertRows();
}

Result<qint64> AuditLogModel::writeCsv(QIODevice& out, const Progress& progress) const
{
    QByteArray head("\xEF\xBB\xBF");
    QStringList header{tr("#"), tr("Time (UTC)")};
    for (int column = UserColumn; column < ColumnCount; ++column) {
        header << headerData(column, Qt::Horizontal).toString();
    }
    head += csvRow(header);
    if (out.write(head) != head.size()) {
        return makeError(Error::Code::Io, tr("Cannot write the CSV file: %1").arg(out.errorString()));
    }
    qint64 written = 0;
    qint64 before = 0;
    constexpr int kCsvPage = 5000;
    for (;;) {
        auto rows = page(before, kCsvPage);
        if (!rows) {
            return rows.error();
        }
        QByteArray chunk;
        for (const AuditEntry& e : std::as_const(*rows)) {
            chunk += csvRow({QString::number(e.seq), e.at.toUTC().toString(Qt::ISODate), e.actor,
                             auditActionLabel(e.action), auditEntityTypeLabel(e.entityType), e.entityKey, e.appKey,
                             auditDetailLines(e.details).join(QLatin1Char('\n'))});
        }
        if (out.write(chunk) != chunk.size()) {
            return makeError(Error::Code::Io, tr("Cannot write the CSV file: %1").arg(out.errorString()));
        }
        written += rows->size();
        if (rows->size() < kCsvPage) {
            return written;
        }
        if (progress && !progress(written)) {
            return makeError(Error::Code::Cancelled, tr("The export was cancelled."));
        }
        before = rows->constLast().seq;
    }
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const AuditEntry& e = m_rows.at(index.row());
    switch (role) {
    case SeqRole:
        return e.seq;
    case ActionRole:
        return e.action;
    case EntityTypeRole:
        return e.entityType;
    case TimeRole:
        return e.at;
    case DetailLinesRole:
        return m_details.at(index.row());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        case ActionColumn:
            return e.action;
        case DetailsColumn:
            return m_details.at(index.row()).join(QLatin1Char('\n'));
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case UserColumn:
            return e.actor;
        case ActionColumn:
            return auditActionLabel(e.action);
        case EntityTypeColumn:
            return auditEntityTypeLabel(e.entityType);
        case EntityColumn:
            return e.entityKey;
        case AppColumn:
            return e.appKey;
        case DetailsColumn:
            return m_details.at(index.row()).join(QStringLiteral(" · "));
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case EntityTypeColumn:
        return tr("Entity type");
    case EntityColumn:
        return tr("Entity");
    case AppColumn:
        return tr("App");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace tp
