#include "redisclient.h"

#include <hiredis/hiredis.h>

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <cerrno>
#include <csignal>
#include <ctime>
#include <pthread.h>

namespace tp {
namespace {

// A pipeline is written in windows of this many commands or bytes; one window is on the wire
// while the next is formatted. A full publish sends 100 MB of schemas in 1 KB SETs: larger
// windows (than 1024 commands / 512 KB) mean fewer waits on the server (bench_publish: client
// CPU 1.4 s instead of 1.7 s); 4 MB is still a small buffer next to the plan in memory.
constexpr std::size_t kWindowCommands = 4096;
constexpr std::size_t kWindowBytes = 4 * 1024 * 1024;

timeval toTimeval(int ms)
{
    timeval tv{};
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

/// hiredis writes with write(2): a server that went away would raise SIGPIPE and end the whole
/// process. Block it in this thread while hiredis does I/O and swallow one that was raised
/// meanwhile, without touching the process's signal handlers (we are a library).
class SigPipeGuard {
public:
    SigPipeGuard()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~SigPipeGuard()
    {
        if (!m_wasPending) {
            sigset_t pending;
            sigemptyset(&pending);
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                const timespec zero{0, 0};
                sigtimedwait(&m_set, nullptr, &zero);
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigPipeGuard(const SigPipeGuard&) = delete;
    SigPipeGuard& operator=(const SigPipeGuard&) = delete;

private:
    sigset_t m_set;
    sigset_t m_old;
    bool m_wasPending = false;
};

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

RedisErrorKind classifyReply(const QByteArray& text)
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

RedisClient::RedisClient(const RedisUrl& url, redisContext* ctx)
    : m_url(url)
    , m_ctx(ctx, [](redisContext* c) { redisFree(c); })
{
}

RedisClient::~RedisClient() = default;

Result<std::unique_ptr<RedisClient>> RedisClient::connect(const RedisUrl& url, const Options& options,
                                                          RedisErrorKind* kind)
{
    const auto fail = [&](RedisErrorKind k, const QString& message) -> Result<std::unique_ptr<RedisClient>> {
        if (kind) {
            *kind = k;
        }
        return makeError(Error::Code::Connection, message);
    };
    redisContext* raw = nullptr;
    {
        SigPipeGuard guard;
        raw = redisConnectWithTimeout(url.host.toUtf8().constData(), url.port, toTimeval(options.connectTimeoutMs));
    }
    if (!raw) {
        return fail(RedisErrorKind::Other,
                    detail::RedisText::tr("Cannot connect to Redis at %1: out of memory.").arg(url.displayString()));
    }
    std::unique_ptr<RedisClient> client(new RedisClient(url, raw));
    if (raw->err) {
        const QString why = QString::fromLocal8Bit(raw->errstr);
        const bool timedOut = why.contains(QLatin1String("timed out"), Qt::CaseInsensitive)
            || why.contains(QLatin1String("temporarily unavailable"), Qt::CaseInsensitive);
        if (timedOut) {
            return fail(RedisErrorKind::Timeout,
                        detail::RedisText::tr("Redis at %1 did not accept the connection within %2 ms (%3).")
                            .arg(url.displayString())
                            .arg(options.connectTimeoutMs)
                            .arg(why));
        }
        return fail(RedisErrorKind::Unreachable,
                    detail::RedisText::tr("Redis at %1 is unreachable: %2.").arg(url.displayString(), why));
    }
    redisSetTimeout(raw, toTimeval(options.commandTimeoutMs));

    // AUTH first: with requirepass or an ACL the server refuses everything else (NOAUTH).
    if (!url.password.isEmpty() || !url.user.isEmpty()) {
        const QByteArray user = url.user.toUtf8();
        const QByteArray password = url.password.toUtf8();
        auto r = url.user.isEmpty() ? client->command({"AUTH", password}) : client->command({"AUTH", user, password});
        if (!r) {
            const RedisErrorKind k =
                client->lastErrorKind() == RedisErrorKind::Other ? RedisErrorKind::AuthFailed : client->lastErrorKind();
            // The reply error reads "Redis at …: authentication failed (the server's reason)".
            return fail(k, r.error().message);
        }
    }
    // PING proves the server serves us (NOAUTH when it wants a password we did not give).
    if (auto r = client->command({"PING"}); !r) {
        const RedisErrorKind k = client->lastErrorKind();
        if (k == RedisErrorKind::AuthFailed) {
            return fail(k,
                        detail::RedisText::tr("Redis at %1 requires a password: give it in the URL, "
                                              "redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.")
                            .arg(url.displayString()));
        }
        return fail(k, r.error().message);
    }
    if (url.db != 0) {
        if (auto r = client->command({"SELECT", QByteArray::number(url.db)}); !r) {
            return fail(client->lastErrorKind(), r.error().message);
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
    QVarLengthArray<const char*, 16> args;
    QVarLengthArray<size_t, 16> lengths;
    for (QByteArrayView a : argv) {
        args.append(a.data());
        lengths.append(size_t(a.size()));
    }
    appendArgv(int(args.size()), args.data(), lengths.data(), keep);
}

void RedisClient::append(const std::vector<QByteArrayView>& argv, bool keep)
{
    std::vector<const char*> args;
    std::vector<size_t> lengths;
    args.reserve(argv.size());
    lengths.reserve(argv.size());
    for (QByteArrayView a : argv) {
        args.push_back(a.data());
        lengths.push_back(size_t(a.size()));
    }
    appendArgv(int(args.size()), args.data(), lengths.data(), keep);
}

void RedisClient::appendArgv(int argc, const char** argv, const size_t* lengths, bool keep)
{
    ++m_commands;
    if (m_broken) {
        return;
    }
    if (redisAppendCommandArgv(m_ctx.get(), argc, argv, lengths) != REDIS_OK) {
        m_connectionError = connectionError(detail::RedisText::tr("formatting a command"));
        return;
    }
    m_inFlight.push_back(keep);
    ++m_unsent;
    for (int i = 0; i < argc; ++i) {
        m_unsentBytes += lengths[i] + 16; // + the protocol's framing, roughly
    }
    if (m_unsent >= kWindowCommands || m_unsentBytes >= kWindowBytes) {
        pump(m_unsent);
    }
}

bool RedisClient::pump(std::size_t keepInFlight)
{
    if (m_broken) {
        return false;
    }
    SigPipeGuard guard;
    int done = 0;
    while (!done) {
        if (redisBufferWrite(m_ctx.get(), &done) != REDIS_OK) {
            m_connectionError = connectionError(detail::RedisText::tr("sending commands"));
            return false;
        }
    }
    m_unsent = 0;
    m_unsentBytes = 0;
    while (m_inFlight.size() > keepInFlight) {
        if (!readOne()) {
            return false;
        }
    }
    return true;
}

void RedisClient::send()
{
    if (m_unsent > 0) {
        pump(m_inFlight.size());
    }
}

bool RedisClient::readOne()
{
    void* raw = nullptr;
    if (redisGetReply(m_ctx.get(), &raw) != REDIS_OK || !raw) {
        m_connectionError = connectionError(detail::RedisText::tr("reading replies"));
        return false;
    }
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    const bool keep = m_inFlight.front();
    m_inFlight.pop_front();
    if (reply->type == REDIS_REPLY_ERROR && !m_firstReplyError) {
        const QByteArray text(reply->str, qsizetype(reply->len));
        m_firstReplyKind = classifyReply(text);
        m_firstReplyError = replyError(text);
    }
    if (keep) {
        m_kept.push_back(convert(reply.get()));
    }
    return true;
}

Result<std::vector<RedisReply>> RedisClient::finish()
{
    pump(0);
    std::vector<RedisReply> kept = std::move(m_kept);
    m_kept.clear();
    if (m_connectionError) {
        // The reply stream is out of step with the commands: the connection is done for.
        m_broken = true;
        m_inFlight.clear();
        m_unsent = 0;
        m_unsentBytes = 0;
        m_firstReplyError.reset();
        return *m_connectionError;
    }
    if (m_firstReplyError) {
        Error e = *m_firstReplyError;
        m_lastKind = m_firstReplyKind;
        m_firstReplyError.reset();
        return e;
    }
    m_lastKind = RedisErrorKind::None;
    return kept;
}

Status RedisClient::commandPairs(std::initializer_list<QByteArrayView> argv, const std::function<void(Pairs&)>& visit)
{
    Q_ASSERT(m_inFlight.empty());
    append(argv, false);
    if (m_broken || m_connectionError) {
        return finish().error();
    }
    SigPipeGuard guard;
    int done = 0;
    while (!done) {
        if (redisBufferWrite(m_ctx.get(), &done) != REDIS_OK) {
            m_connectionError = connectionError(detail::RedisText::tr("sending commands"));
            return finish().error();
        }
    }
    m_unsent = 0;
    m_unsentBytes = 0;
    void* raw = nullptr;
    if (redisGetReply(m_ctx.get(), &raw) != REDIS_OK || !raw) {
        m_connectionError = connectionError(detail::RedisText::tr("reading replies"));
        return finish().error();
    }
    m_inFlight.pop_front();
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    if (reply->type == REDIS_REPLY_ERROR) {
        const QByteArray text(reply->str, qsizetype(reply->len));
        m_lastKind = classifyReply(text);
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
    SigPipeGuard guard;
    void* raw = nullptr;
    if (redisGetReply(m_ctx.get(), &raw) != REDIS_OK || !raw) {
        m_connectionError = connectionError(detail::RedisText::tr("waiting for a message"));
        return *m_connectionError;
    }
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    m_lastKind = RedisErrorKind::None;
    return convert(reply.get());
}

Error RedisClient::connectionError(const QString& during)
{
    m_broken = true;
    const int code = m_ctx->err;
    const int err = errno;
    const QString why = QString::fromLocal8Bit(m_ctx->errstr);
    const QString where = m_url.displayString();
    if (code == REDIS_ERR_IO && (err == EAGAIN || err == EWOULDBLOCK || err == ETIMEDOUT)) {
        m_lastKind = RedisErrorKind::Timeout;
        return makeError(
            Error::Code::Connection,
            detail::RedisText::tr("Redis at %1 did not answer in time while %2 (command timeout).").arg(where, during));
    }
    if (code == REDIS_ERR_IO || code == REDIS_ERR_EOF) {
        m_lastKind = RedisErrorKind::Unreachable;
        return makeError(
            Error::Code::Connection,
            detail::RedisText::tr("Lost the connection to Redis at %1 while %2: %3.")
                .arg(where, during,
                     code == REDIS_ERR_EOF ? detail::RedisText::tr("the server closed the connection") : why));
    }
    m_lastKind = RedisErrorKind::Other;
    return makeError(Error::Code::Connection,
                     detail::RedisText::tr("Redis at %1: %2 while %3.").arg(where, why, during));
}

Error RedisClient::replyError(const QByteArray& text)
{
    const QString where = m_url.displayString();
    const QString message = QString::fromUtf8(text);
    switch (classifyReply(text)) {
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
