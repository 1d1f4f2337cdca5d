#include "validationrun.h"

#include <QCoreApplication>
#include <QIODevice>

namespace tp {
namespace {

constexpr qint64 kChunk = 4 << 20;
constexpr qsizetype kFlushAt = 1 << 20;

Status writeAll(QIODevice* device, QByteArray& buffer)
{
    if (device && !buffer.isEmpty()) {
        if (device->write(buffer) != buffer.size()) {
            return makeError(
                Error::Code::Io,
                QCoreApplication::translate("tp::validate", "Cannot write: %1").arg(device->errorString()));
        }
    }
    buffer.truncate(0);
    return Ok{};
}

QByteArray csvField(const QString& text)
{
    QByteArray t = text.toUtf8();
    if (t.contains(',') || t.contains('"') || t.contains('\n')) {
        t.replace("\"", "\"\"");
        return '"' + t + '"';
    }
    return t;
}

} // namespace

Status validateStream(Validator& validator, QIODevice& in, const ValidationRunOptions& options)
{
    QByteArray buffer;
    QByteArray valid;
    QByteArray invalid;
    valid.reserve(kFlushAt + (64 << 10));
    invalid.reserve(kFlushAt + (64 << 10));
    qint64 lineNumber = 0;
    qint64 bytesRead = 0;
    bool atEnd = false;
    const auto handle = [&](QByteArrayView line) {
        const Validator::Outcome& o = validator.check(line, ++lineNumber);
        if (o.status == Validator::Status::Valid) {
            if (options.validOut) {
                valid += Validator::taggedRecord(line, *o.rule);
                valid += '\n';
            }
        } else if (o.status != Validator::Status::Empty && options.invalidOut) {
            invalid += Validator::quarantineRecord(line, lineNumber, o);
            invalid += '\n';
        }
    };
    while (!atEnd) {
        if ((options.cancelled && options.cancelled->load()) || (options.progress && !options.progress(bytesRead))) {
            return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::validate", "Cancelled."));
        }
        const qsizetype kept = buffer.size();
        buffer.resize(kept + kChunk);
        const qint64 n = in.read(buffer.data() + kept, kChunk);
        if (n < 0) {
            return makeError(Error::Code::Io,
                             QCoreApplication::translate("tp::validate", "Cannot read: %1").arg(in.errorString()));
        }
        buffer.resize(kept + qsizetype(n));
        bytesRead += n;
        atEnd = n == 0 || (in.atEnd() && !in.isSequential());
        qsizetype start = 0;
        for (;;) {
            const qsizetype nl = buffer.indexOf('\n', start);
            if (nl < 0) {
                break;
            }
            handle(QByteArrayView(buffer).sliced(start, nl - start));
            start = nl + 1;
            if (valid.size() >= kFlushAt) {
                if (auto s = writeAll(options.validOut, valid); !s) {
                    return s;
                }
            }
            if (invalid.size() >= kFlushAt) {
                if (auto s = writeAll(options.invalidOut, invalid); !s) {
                    return s;
                }
            }
        }
        buffer.remove(0, start);
        if (atEnd && !buffer.isEmpty()) {
            handle(buffer); // the last line has no newline
            buffer.clear();
        }
    }
    if (auto s = writeAll(options.validOut, valid); !s) {
        return s;
    }
    if (auto s = writeAll(options.invalidOut, invalid); !s) {
        return s;
    }
    if (options.progress) {
        (void)options.progress(bytesRead);
    }
    return Ok{};
}

QByteArray metricsCsv(const QList<MetricRow>& rows)
{
    QByteArray out = "date,event,pv,uv,invalid\n";
    for (const MetricRow& r : rows) {
        out += r.day.toString(Qt::ISODate).toLatin1();
        out += ',';
        out += csvField(r.event);
        out += ',' + QByteArray::number(r.pv) + ',' + QByteArray::number(r.uv) + ',' + QByteArray::number(r.invalid)
            + '\n';
    }
    return out;
}

} // namespace tp
