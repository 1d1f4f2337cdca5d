// RedisClient: connecting, formatting and pipelining commands, handing replies back. The socket
// I/O (waiting, sending, reading) is in redisio.cpp.
#include "redisclient.h"

#include <hiredis/hiredis.h>

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QVarLengthArray>

#include <charconv>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace tp {
namespace {

// Queued commands are written once this many commands or bytes are waiting: one window is on
// the wire while the next is formatted. A full publish sends 100 MB of schemas: large windows
// mean fewer system calls; 4 MB is still a small buffer next to the plan in memory.
constexpr std::size_t kWindowCommands = 4096;
constexpr std::size_t kWindowBytes = 4 * 1024 * 1024;

RedisReply convert(const redisReply* r)
{
    RedisReply out;
    switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        out.type = r->type == REDIS_REPLY_STRING ? RedisReply::Type::String
            : r->type == REDIS_REPLY_STATUS      ? RedisReply::Type::Status
                                                 : RedisReply::Type::Error;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(r->elements);
        for (std::size_t i = 0; i < r->elements; ++i) {
            out.elements.push_back(convert(r->element[i]));
        }
        break;
    default:
        out.type = RedisReply::Type::Nil;
        break;
    }
    return out;
}

void appendNumber(std::string& out, char prefix, std::size_t n)
{
    char buffer[24];
    buffer[0] = prefix;
    char* end = std::to_chars(buffer + 1, buffer + sizeof buffer - 2, n).ptr;
    *end++ = '\r';
    *end++ = '\n';
    out.append(buffer, std::size_t(end - buffer));
}

RedisErrorKind classifyRedisReply(const QByteArray& text)
{
    if (text.startsWith("OOM")) {
        return RedisErrorKind::OutOfMemory;
    }
    if (text.startsWith("NOAUTH") || text.startsWith("WRONGPASS") || text.startsWith("ERR invalid password")
        || text.startsWith("ERR AUTH") || text.startsWith("ERR Client sent AUTH")) {
        return RedisErrorKind::AuthFailed;
    }
    return RedisErrorKind::Other;
}

} // namespace

QList<std::pair<QByteArray, QByteArray>> RedisReply::pairs() const
{
    QList<std::pair<QByteArray, QByteArray>> out;
    out.reserve(qsizetype(elements.size() / 2));
    for (std::size_t i = 0; i + 1 < elements.size(); i += 2) {
        out.append({elements[i].string, elements[i + 1].string});
    }
    return out;
}

RedisClient::RedisClient(const RedisUrl& url, redisContext* ctx, const Options& options)
    : m_url(url)
    , m_ctx(ctx, [](redisContext* c) { redisFree(c); })
    , m_commandTimeoutMs(options.commandTimeoutMs)
    , m_cancel(options.cancelled)
    , m_in(std::size_t(256 * 1024))
{
}

RedisClient::~RedisClient() = default;

const std::atomic<bool>* RedisClient::setCancelFlag(const std::atomic<bool>* flag)
{
    const std::atomic<bool>* old = m_cancel;
    m_cancel = flag;
    return old;
}

Result<std::unique_ptr<RedisClient>> RedisClient::connect(const RedisUrl& url, const Options& options,
                                                          RedisErrorKind* kind)
{
    const auto fail = [&](RedisErrorKind k, const Error& e) -> Result<std::unique_ptr<RedisClient>> {
        if (kind) {
            *kind = k;
        }
        return e;
    };
    // Non-blocking from the start: the TCP connect is waited for here, in slices that watch
    // the cancel flag, and so is every later command.
    redisContext* raw = redisConnectNonBlock(url.host.toUtf8().constData(), url.port);
    if (!raw) {
        return fail(RedisErrorKind::Other,
                    makeError(Error::Code::Connection, detail::RedisText::tr("Cannot connect to Redis at %1: out of memory.")
                                                           .arg(url.displayString())));
    }
    std::unique_ptr<RedisClient> client(new RedisClient(url, raw, options));
    const auto unreachable = [&](const QString& why) {
        return fail(RedisErrorKind::Unreachable,
                    makeError(Error::Code::Connection,
                              detail::RedisText::tr("Redis at %1 is unreachable: %2.").arg(url.displayString(), why)));
    };
    if (raw->err) {
        return unreachable(QString::fromLocal8Bit(raw->errstr));
    }
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (options.cancelled && options.cancelled->load()) {
            return fail(RedisErrorKind::Cancelled, client->cancelError());
        }
        const qint64 left = options.connectTimeoutMs - clock.elapsed();
        if (left <= 0) {
            return fail(RedisErrorKind::Timeout,
                        makeError(Error::Code::Connection,
                                  detail::RedisText::tr("Redis at %1 did not accept the connection within %2 ms (%3).")
                                      .arg(url.displayString())
                                      .arg(options.connectTimeoutMs)
                                      .arg(QStringLiteral("connect timed out"))));
        }
        pollfd p{raw->fd, POLLOUT, 0};
        const int n = ::poll(&p, 1, int(std::min<qint64>(left, options.cancelled ? 50 : left)));
        if (n > 0) {
            int error = 0;
            socklen_t length = sizeof error;
            if (::getsockopt(raw->fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
                error = errno;
            }
            if (error != 0) {
                return unreachable(QString::fromLocal8Bit(std::strerror(error)));
            }
            break;
        }
        if (n < 0 && errno != EINTR) {
            return unreachable(QString::fromLocal8Bit(std::strerror(errno)));
        }
    }

    // AUTH first: with requirepass or an ACL the server refuses everything else (NOAUTH).
    if (!url.password.isEmpty() || !url.user.isEmpty()) {
        const QByteArray user = url.user.toUtf8();
        const QByteArray password = url.password.toUtf8();
        auto r = url.user.isEmpty() ? client->command({"AUTH", password}) : client->command({"AUTH", user, password});
        if (!r) {
            const RedisErrorKind k =
                client->lastErrorKind() == RedisErrorKind::Other ? RedisErrorKind::AuthFailed : client->lastErrorKind();
            // The reply error reads "Redis at …: authentication failed (the server's reason)".
            return fail(k, r.error());
        }
    }
    // PING proves the server serves us (NOAUTH when it wants a password we did not give).
    if (auto r = client->command({"PING"}); !r) {
        const RedisErrorKind k = client->lastErrorKind();
        if (k == RedisErrorKind::AuthFailed) {
            return fail(k, makeError(Error::Code::Connection,
                                     detail::RedisText::tr("Redis at %1 requires a password: give it in the URL, "
                                                           "redis://:PASSWORD@host:port or "
                                                           "redis://USER:PASSWORD@host:port.")
                                         .arg(url.displayString())));
        }
        return fail(k, r.error());
    }
    if (url.db != 0) {
        if (auto r = client->command({"SELECT", QByteArray::number(url.db)}); !r) {
            return fail(client->lastErrorKind(), r.error());
        }
    }
    return client;
}

Result<RedisReply> RedisClient::command(std::initializer_list<QByteArrayView> argv)
{
    append(argv, true);
    auto replies = finish();
    if (!replies) {
        return replies.error();
    }
    return std::move(replies->front());
}

Result<RedisReply> RedisClient::command(const std::vector<QByteArray>& argv)
{
    std::vector<QByteArrayView> views(argv.begin(), argv.end());
    append(views, true);
    auto replies = finish();
    if (!replies) {
        return replies.error();
    }
    return std::move(replies->front());
}

void RedisClient::append(std::initializer_list<QByteArrayView> argv, bool keep)
{
    appendArgv(argv.size(), argv.begin(), keep);
}

void RedisClient::append(const std::vector<QByteArrayView>& argv, bool keep)
{
    appendArgv(argv.size(), argv.data(), keep);
}

void RedisClient::formatCommand(std::size_t argc, const QByteArrayView* argv)
{
    ++m_commands;
    // RESP: *argc, then $length and the bytes of each argument.
    std::size_t bytes = 16;
    for (std::size_t i = 0; i < argc; ++i) {
        bytes += std::size_t(argv[i].size()) + 24;
    }
    m_out.reserve(m_out.size() + bytes);
    appendNumber(m_out, '*', argc);
    for (std::size_t i = 0; i < argc; ++i) {
        appendNumber(m_out, '$', std::size_t(argv[i].size()));
        m_out.append(argv[i].data(), std::size_t(argv[i].size()));
        m_out.append("\r\n", 2);
    }
    ++m_unsent;
}

void RedisClient::appendArgv(std::size_t argc, const QByteArrayView* argv, bool keep)
{
    if (m_broken) {
        ++m_commands;
        return;
    }
    formatCommand(argc, argv);
    m_inFlight.push_back(keep);
    ++m_sequence;
    if (m_unsent >= kWindowCommands || m_out.size() - m_outWritten >= kWindowBytes) {
        (void)sendQueued();
    }
}

void RedisClient::send()
{
    if (!m_broken && m_unsent > 0) {
        (void)sendQueued();
    }
}

Result<std::vector<RedisReply>> RedisClient::collect(qint64 through)
{
    if (!m_broken) {
        (void)(sendQueued() && readThrough(through));
    }
    if (m_connectionError) {
        // The reply stream is out of step with the commands: the connection is done for.
        m_broken = true;
        m_inFlight.clear();
        m_kept.clear();
        m_out.clear();
        m_outWritten = 0;
        m_unsent = 0;
        m_firstReplyError.reset();
        m_lastKind = m_connectionKind;
        return *m_connectionError;
    }
    if (m_firstReplyError) {
        // Read every reply still due, so that the connection stays in step with the commands.
        if (!readThrough(m_sequence)) {
            return collect(m_sequence);
        }
        Error e = *m_firstReplyError;
        m_lastKind = m_firstReplyKind;
        m_firstReplyError.reset();
        m_kept.clear();
        return e;
    }
    std::vector<RedisReply> kept;
    while (!m_kept.empty() && m_kept.front().first < through) {
        kept.push_back(std::move(m_kept.front().second));
        m_kept.pop_front();
    }
    m_lastKind = RedisErrorKind::None;
    return kept;
}

Status RedisClient::commandPairs(std::initializer_list<QByteArrayView> argv, const std::function<void(Pairs&)>& visit)
{
    Q_ASSERT(m_inFlight.empty());
    if (auto sent = finish(); !sent) { // nothing pending: this only reports a broken connection
        return sent.error();
    }
    // Formatted and sent like any command, but not queued in m_inFlight: its reply is taken
    // raw (views into hiredis' objects) by readRawReply() instead of being copied.
    formatCommand(argv.size(), argv.begin());
    void* raw = sendQueued() ? readRawReply(Doing::Reading) : nullptr;
    if (!raw) {
        return finish().error();
    }
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    if (reply->type == REDIS_REPLY_ERROR) {
        const QByteArray text(reply->str, qsizetype(reply->len));
        m_lastKind = classifyRedisReply(text);
        return replyError(text);
    }
    Pairs pairs;
    if (reply->type == REDIS_REPLY_ARRAY) {
        pairs.reserve(reply->elements / 2);
        for (std::size_t i = 0; i + 1 < reply->elements; i += 2) {
            const redisReply* f = reply->element[i];
            const redisReply* v = reply->element[i + 1];
            pairs.emplace_back(QByteArrayView(f->str, qsizetype(f->len)), QByteArrayView(v->str, qsizetype(v->len)));
        }
    }
    m_lastKind = RedisErrorKind::None;
    visit(pairs);
    return Ok{};
}

Result<RedisReply> RedisClient::receive()
{
    Q_ASSERT(m_inFlight.empty());
    if (m_broken) {
        return m_connectionError
            ? *m_connectionError
            : makeError(Error::Code::Connection, detail::RedisText::tr("The connection is closed."));
    }
    void* raw = readRawReply(Doing::Receiving);
    if (!raw) {
        m_lastKind = m_connectionKind;
        return *m_connectionError;
    }
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    m_lastKind = RedisErrorKind::None;
    return convert(reply.get());
}

void RedisClient::takeReply(void* raw)
{
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    const qint64 sequence = m_sequence - qint64(m_inFlight.size());
    const bool keep = m_inFlight.front();
    m_inFlight.pop_front();
    if (reply->type == REDIS_REPLY_ERROR && !m_firstReplyError) {
        const QByteArray text(reply->str, qsizetype(reply->len));
        m_firstReplyKind = classifyRedisReply(text);
        m_firstReplyError = replyError(text);
    }
    if (keep) {
        m_kept.emplace_back(sequence, convert(reply.get()));
    }
}

Error RedisClient::replyError(const QByteArray& text)
{
    const QString where = m_url.displayString();
    const QString message = QString::fromUtf8(text);
    switch (classifyRedisReply(text)) {
    case RedisErrorKind::OutOfMemory:
        return makeError(Error::Code::Sql,
                         detail::RedisText::tr("Redis at %1 is out of memory and refused a write (%2). Raise "
                                               "maxmemory or free memory, then publish again.")
                             .arg(where, message));
    case RedisErrorKind::AuthFailed:
        return makeError(Error::Code::Connection,
                         detail::RedisText::tr("Redis at %1: authentication failed (%2).").arg(where, message));
    default:
        return makeError(Error::Code::Sql,
                         detail::RedisText::tr("Redis at %1 answered with an error: %2").arg(where, message));
    }
}

} // namespace tp
